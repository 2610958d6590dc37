"""Label selectors: the text syntax (``app=web,tier in (a,b),!canary``) and metav1.LabelSelector.

Selectors are immutable and compiled once: ``matches`` runs a precomputed check per
requirement, and a selector made only of equalities is a single subset test on the
label dict's items.

Upstream: staging/src/k8s.io/apimachinery/pkg/labels/{selector.go,labels.go},
staging/src/k8s.io/apimachinery/pkg/selection/operator.go,
staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList, Path, aggregate_message, go_quote
from kubelab.api.validation.generic import is_qualified_name, is_valid_label_value

# selection.Operator values.
DOES_NOT_EXIST = "!"
EQUALS = "="
DOUBLE_EQUALS = "=="
IN = "in"
NOT_EQUALS = "!="
NOT_IN = "notin"
EXISTS = "exists"
GREATER_THAN = "gt"
LESS_THAN = "lt"

UNARY_OPERATORS = (EXISTS, DOES_NOT_EXIST)
BINARY_OPERATORS = (IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN)
VALID_REQUIREMENT_OPERATORS = BINARY_OPERATORS + UNARY_OPERATORS

# metav1.LabelSelectorOperator values.
LABEL_SELECTOR_OP_IN = "In"
LABEL_SELECTOR_OP_NOT_IN = "NotIn"
LABEL_SELECTOR_OP_EXISTS = "Exists"
LABEL_SELECTOR_OP_DOES_NOT_EXIST = "DoesNotExist"
_METAV1_TO_SELECTION = {
    LABEL_SELECTOR_OP_IN: IN,
    LABEL_SELECTOR_OP_NOT_IN: NOT_IN,
    LABEL_SELECTOR_OP_EXISTS: EXISTS,
    LABEL_SELECTOR_OP_DOES_NOT_EXIST: DOES_NOT_EXIST,
}

_MAX_INT64 = (1 << 63) - 1
_MIN_INT64 = -(1 << 63)


def _parse_int64(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 64), or None on error."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not body.isascii() or not body.isdigit():
        return None
    v = int(text)
    return v if _MIN_INT64 <= v <= _MAX_INT64 else None


def _compile_requirement(key: str, op: str, values: tuple[str, ...]) -> Callable[[Mapping[str, str]], bool]:
    """A closure deciding one requirement (Requirement.Matches, precomputed)."""
    if op in (IN, EQUALS, DOUBLE_EQUALS):
        if len(values) == 1:
            v = values[0]
            return lambda ls: ls.get(key) == v
        vs = frozenset(values)
        return lambda ls: ls.get(key) in vs
    if op in (NOT_IN, NOT_EQUALS):
        if len(values) == 1:
            v = values[0]
            return lambda ls: ls.get(key) != v
        vs = frozenset(values)
        return lambda ls: ls.get(key) not in vs
    if op == EXISTS:
        return lambda ls: key in ls
    if op == DOES_NOT_EXIST:
        return lambda ls: key not in ls
    if op in (GREATER_THAN, LESS_THAN):
        r = _parse_int64(values[0]) if len(values) == 1 else None
        if r is None:
            return lambda ls: False
        greater = op == GREATER_THAN

        def compare(ls: Mapping[str, str]) -> bool:
            raw = ls.get(key)
            if raw is None:
                return False
            n = _parse_int64(raw)
            if n is None:
                return False
            return n > r if greater else n < r

        return compare
    return lambda ls: False


@dataclass(frozen=True, slots=True)
class Requirement:
    """One ``key op values`` term of a selector.

    Mirrors: apimachinery/pkg/labels/selector.go :: Requirement
    """

    key: str
    operator: str
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.values, tuple):
            # Keep requirements hashable even when built from a list.
            object.__setattr__(self, "values", tuple(self.values))

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        """Mirrors: selector.go :: (*Requirement).Matches

        Selector.matches runs a precompiled form of this; this plain form is the reference.
        """
        ls = labels or {}
        op = self.operator
        if op in (IN, EQUALS, DOUBLE_EQUALS):
            return self.key in ls and ls[self.key] in self.values
        if op in (NOT_IN, NOT_EQUALS):
            return self.key not in ls or ls[self.key] not in self.values
        if op == EXISTS:
            return self.key in ls
        if op == DOES_NOT_EXIST:
            return self.key not in ls
        if op in (GREATER_THAN, LESS_THAN):
            if self.key not in ls:
                return False
            ls_value = _parse_int64(ls[self.key])
            if ls_value is None or len(self.values) != 1:
                return False
            r_value = _parse_int64(self.values[0])
            if r_value is None:
                return False
            return ls_value > r_value if op == GREATER_THAN else ls_value < r_value
        return False

    def values_set(self) -> list[str]:
        """The values, sorted and de-duplicated (``Values()`` as a sets.String)."""
        return sorted(set(self.values))

    def __str__(self) -> str:
        """Mirrors: selector.go :: (*Requirement).String"""
        op = self.operator
        prefix = "!" if op == DOES_NOT_EXIST else ""
        if op in (EXISTS, DOES_NOT_EXIST):
            return prefix + self.key
        sym = {
            EQUALS: "=",
            DOUBLE_EQUALS: "==",
            NOT_EQUALS: "!=",
            IN: " in ",
            NOT_IN: " notin ",
            GREATER_THAN: ">",
            LESS_THAN: "<",
        }.get(op, "")
        vals = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        if op in (IN, NOT_IN):
            vals = "(" + vals + ")"
        return prefix + self.key + sym + vals


def _validate_label_key(key: str, path: Path | str) -> field.FieldError | None:
    """Mirrors: selector.go :: validateLabelKey"""
    errs = is_qualified_name(key)
    if errs:
        return field.invalid(path, key, "; ".join(errs))
    return None


def _validate_label_value(key: str, value: str, path: Path) -> field.FieldError | None:
    """Mirrors: selector.go :: validateLabelValue"""
    errs = is_valid_label_value(value)
    if errs:
        return field.invalid(path.key(key), value, "; ".join(errs))
    return None


def _nil_path_child(path: Path | None, name: str) -> Path:
    return Path(name) if path is None else path.child(name)


class _NilStrings:
    """How Go prints a nil []string with %#v in an error."""

    def __str__(self) -> str:
        return "[]string(nil)"


_NIL_STRINGS = _NilStrings()


def new_requirement_errors(
    key: str, op: str, vals: Iterable[str] | None, path: Path | None = None
) -> tuple[Requirement, ErrorList]:
    """Build a requirement and the field errors that make it invalid.

    ``vals=None`` stands for Go's nil slice (reported as ``[]string(nil)``).

    Mirrors: apimachinery/pkg/labels/selector.go :: NewRequirement
    """
    values = list(vals) if vals is not None else []
    bad_values: Any = values if vals is not None else _NIL_STRINGS
    errs: ErrorList = []
    key_err = _validate_label_key(key, _nil_path_child(path, "key"))
    if key_err is not None:
        errs.append(key_err)
    value_path = _nil_path_child(path, "values")
    if op in (IN, NOT_IN):
        if not values:
            errs.append(field.invalid(value_path, bad_values, "for 'in', 'notin' operators, values set can't be empty"))
    elif op in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
        if len(values) != 1:
            errs.append(field.invalid(value_path, bad_values, "exact-match compatibility requires one single value"))
    elif op in (EXISTS, DOES_NOT_EXIST):
        if values:
            errs.append(field.invalid(value_path, bad_values, "values set must be empty for exists and does not exist"))
    elif op in (GREATER_THAN, LESS_THAN):
        if len(values) != 1:
            errs.append(field.invalid(value_path, bad_values, "for 'Gt', 'Lt' operators, exactly one value is required"))
        for i, v in enumerate(values):
            if _parse_int64(v) is None:
                errs.append(
                    field.invalid(value_path.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer")
                )
    else:
        errs.append(field.not_supported(_nil_path_child(path, "operator"), op, VALID_REQUIREMENT_OPERATORS))
    for i, v in enumerate(values):
        verr = _validate_label_value(key, v, value_path.index(i))
        if verr is not None:
            errs.append(verr)
    return Requirement(key, op, tuple(values)), errs


def new_requirement(key: str, op: str, vals: Iterable[str] | None, path: Path | None = None) -> Requirement:
    """Mirrors: apimachinery/pkg/labels/selector.go :: NewRequirement

    Raises:
        ValueError: the aggregated field errors, in upstream's words.
    """
    req, errs = new_requirement_errors(key, op, vals, path)
    if errs:
        raise ValueError(aggregate_message(errs))
    return req


class Selector:
    """An immutable label selector: requirements ANDed together, sorted by key.

    Mirrors: apimachinery/pkg/labels/selector.go :: internalSelector, nothingSelector
    """

    __slots__ = ("_reqs", "_nothing", "_checks", "_eq_items", "_str")

    def __init__(self, requirements: Iterable[Requirement] = (), *, nothing: bool = False) -> None:
        # Python's sort is stable, so requirements on the same key keep their order.
        reqs = tuple(sorted(requirements, key=lambda r: r.key))
        self._reqs = reqs
        self._nothing = nothing
        self._str: str | None = None
        eq = [(r.key, r.values[0]) for r in reqs if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1]
        if len(eq) == len(reqs):
            # Only exact matches: one C-level subset test on dict.items() decides it.
            self._eq_items: frozenset[tuple[str, str]] | None = frozenset(eq)
            self._checks: tuple[Callable[[Mapping[str, str]], bool], ...] = ()
        else:
            self._eq_items = None
            self._checks = tuple(_compile_requirement(r.key, r.operator, r.values) for r in reqs)

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        """Whether every requirement holds for these labels.

        Mirrors: selector.go :: internalSelector.Matches
        """
        if self._nothing:
            return False
        if labels is None:
            labels = {}
        eq = self._eq_items
        if eq is not None:
            if not eq:
                return True
            if isinstance(labels, dict):
                return eq <= labels.items()
            return all(labels.get(k) == v for k, v in eq)
        for check in self._checks:
            if not check(labels):
                return False
        return True

    def empty(self) -> bool:
        """True when the selector does not restrict anything (Everything).

        Mirrors: selector.go :: internalSelector.Empty
        """
        return not self._nothing and not self._reqs

    def matches_nothing(self) -> bool:
        """Mirrors: selector.go :: MatchesNothing"""
        return self._nothing

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """The requirements, sorted by key (none for Nothing).

        Mirrors: selector.go :: internalSelector.Requirements
        """
        return self._reqs

    @property
    def selectable(self) -> bool:
        """False only for Nothing (the second result of ``Requirements()``)."""
        return not self._nothing

    def add(self, *reqs: Requirement) -> Selector:
        """A new selector with more requirements.

        Mirrors: selector.go :: internalSelector.Add
        """
        if self._nothing:
            return self
        return Selector(self._reqs + reqs)

    def requires_exact_match(self, label: str) -> tuple[str, bool]:
        """Mirrors: selector.go :: internalSelector.RequiresExactMatch"""
        for r in self._reqs:
            if r.key == label:
                if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1:
                    return r.values[0], True
                return "", False
        return "", False

    def __str__(self) -> str:
        """Mirrors: selector.go :: internalSelector.String"""
        s = self._str
        if s is None:
            s = self._str = "" if self._nothing else ",".join(str(r) for r in self._reqs)
        return s

    def __repr__(self) -> str:
        if self._nothing:
            return "Selector(<nothing>)"
        return f"Selector({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Selector):
            return NotImplemented
        return self._nothing == other._nothing and self._reqs == other._reqs

    def __hash__(self) -> int:
        return hash((self._nothing, self._reqs))


_EVERYTHING = Selector()
_NOTHING = Selector(nothing=True)


def everything() -> Selector:
    """Mirrors: selector.go :: Everything"""
    return _EVERYTHING


def nothing() -> Selector:
    """Mirrors: selector.go :: Nothing"""
    return _NOTHING


def new_selector() -> Selector:
    """Mirrors: selector.go :: NewSelector"""
    return _EVERYTHING


def selector_from_set(labels: Mapping[str, str] | None) -> Selector:
    """A selector matching exactly these labels, without validating them.

    Mirrors: selector.go :: SelectorFromSet / SelectorFromValidatedSet
    """
    if not labels:
        return _EVERYTHING
    return Selector(Requirement(k, EQUALS, (v,)) for k, v in labels.items())


def validated_selector_from_set(labels: Mapping[str, str] | None) -> Selector:
    """Mirrors: selector.go :: ValidatedSelectorFromSet

    Raises:
        ValueError: for the first invalid label (in key order).
    """
    if not labels:
        return _EVERYTHING
    return Selector(new_requirement(k, EQUALS, [v]) for k, v in sorted(labels.items()))


# -- the text syntax --------------------------------------------------------------------------

# Token kinds.
ERROR_TOKEN = 0
END_OF_STRING_TOKEN = 1
CLOSED_PAR_TOKEN = 2
COMMA_TOKEN = 3
DOES_NOT_EXIST_TOKEN = 4
DOUBLE_EQUALS_TOKEN = 5
EQUALS_TOKEN = 6
GREATER_THAN_TOKEN = 7
IDENTIFIER_TOKEN = 8
IN_TOKEN = 9
LESS_THAN_TOKEN = 10
NOT_EQUALS_TOKEN = 11
NOT_IN_TOKEN = 12
OPEN_PAR_TOKEN = 13

STRING_TO_TOKEN = {
    ")": CLOSED_PAR_TOKEN,
    ",": COMMA_TOKEN,
    "!": DOES_NOT_EXIST_TOKEN,
    "==": DOUBLE_EQUALS_TOKEN,
    "=": EQUALS_TOKEN,
    ">": GREATER_THAN_TOKEN,
    "in": IN_TOKEN,
    "<": LESS_THAN_TOKEN,
    "!=": NOT_EQUALS_TOKEN,
    "notin": NOT_IN_TOKEN,
    "(": OPEN_PAR_TOKEN,
}
_WHITESPACE = frozenset(" \t\r\n")
_SPECIAL = frozenset("=!(),><")
_END = "\x00"  # Go's lexer reads a NUL byte past the end, so a NUL also ends the text


def lex(s: str) -> list[tuple[int, str]]:
    """Split selector text into (token, literal) pairs ending with END_OF_STRING_TOKEN.

    Mirrors: apimachinery/pkg/labels/selector.go :: Lexer.Lex (run to the end, as Parser.scan)
    """
    items: list[tuple[int, str]] = []
    pos, n = 0, len(s)

    def read() -> str:
        nonlocal pos
        if pos < n:
            ch = s[pos]
            pos += 1
            return ch
        return _END

    while True:
        ch = read()
        while ch in _WHITESPACE:
            ch = read()
        if ch == _END:
            items.append((END_OF_STRING_TOKEN, ""))
            return items
        pos -= 1
        buf = ""
        if ch in _SPECIAL:
            # scanSpecialSymbol: the longest run of symbols that still forms a token.
            last: tuple[int, str] | None = None
            while True:
                c = read()
                if c == _END:
                    break
                if c not in _SPECIAL:
                    pos -= 1
                    break
                buf += c
                tok = STRING_TO_TOKEN.get(buf)
                if tok is not None:
                    last = (tok, buf)
                elif last is not None:
                    pos -= 1
                    break
            if last is None:
                items.append((ERROR_TOKEN, f"error expected: keyword found '{buf}'"))
            else:
                items.append(last)
        else:
            # scanIDOrKeyword: up to the next symbol or blank.
            while True:
                c = read()
                if c == _END:
                    break
                if c in _SPECIAL or c in _WHITESPACE:
                    pos -= 1
                    break
                buf += c
            items.append((STRING_TO_TOKEN.get(buf, IDENTIFIER_TOKEN), buf))


class _Parser:
    """Mirrors: apimachinery/pkg/labels/selector.go :: Parser"""

    __slots__ = ("items", "position", "path")

    def __init__(self, text: str, path: Path | None) -> None:
        self.items = lex(text)
        self.position = 0
        self.path = path

    def _ctx(self, tok: int, values: bool) -> int:
        # In a value position the keywords in/notin are ordinary identifiers.
        if values and tok in (IN_TOKEN, NOT_IN_TOKEN):
            return IDENTIFIER_TOKEN
        return tok

    def lookahead(self, values: bool) -> tuple[int, str]:
        tok, lit = self.items[self.position]
        return self._ctx(tok, values), lit

    def consume(self, values: bool) -> tuple[int, str]:
        tok, lit = self.items[self.position]
        self.position += 1
        return self._ctx(tok, values), lit

    def parse(self) -> list[Requirement]:
        reqs: list[Requirement] = []
        while True:
            tok, lit = self.lookahead(True)
            if tok in (IDENTIFIER_TOKEN, DOES_NOT_EXIST_TOKEN):
                try:
                    r = self.parse_requirement()
                except ValueError as err:
                    raise ValueError(f"unable to parse requirement: {err}") from None
                reqs.append(r)
                t, lit2 = self.consume(True)
                if t == END_OF_STRING_TOKEN:
                    return reqs
                if t == COMMA_TOKEN:
                    t2, l2 = self.lookahead(True)
                    if t2 not in (IDENTIFIER_TOKEN, DOES_NOT_EXIST_TOKEN):
                        raise ValueError(f"found '{l2}', expected: identifier after ','")
                else:
                    raise ValueError(f"found '{lit2}', expected: ',' or 'end of string'")
            elif tok == END_OF_STRING_TOKEN:
                return reqs
            else:
                raise ValueError(f"found '{lit}', expected: !, identifier, or 'end of string'")

    def parse_requirement(self) -> Requirement:
        key, op = self.parse_key_and_infer_operator()
        if op in (EXISTS, DOES_NOT_EXIST):
            return new_requirement(key, op, [], self.path)
        op = self.parse_operator()
        if op in (IN, NOT_IN):
            values = self.parse_values()
        else:
            values = self.parse_exact_value()
        return new_requirement(key, op, sorted(values), self.path)

    def parse_key_and_infer_operator(self) -> tuple[str, str]:
        op = ""
        tok, lit = self.consume(True)
        if tok == DOES_NOT_EXIST_TOKEN:
            op = DOES_NOT_EXIST
            tok, lit = self.consume(True)
        if tok != IDENTIFIER_TOKEN:
            raise ValueError(f"found '{lit}', expected: identifier")
        # A nil field path prints as "<nil>" in upstream's message.
        err = _validate_label_key(lit, "<nil>" if self.path is None else self.path)
        if err is not None:
            raise ValueError(str(err))
        t, _ = self.lookahead(True)
        if t in (END_OF_STRING_TOKEN, COMMA_TOKEN) and op != DOES_NOT_EXIST:
            op = EXISTS
        return lit, op

    def parse_operator(self) -> str:
        tok, lit = self.consume(False)
        op = {
            IN_TOKEN: IN,
            EQUALS_TOKEN: EQUALS,
            DOUBLE_EQUALS_TOKEN: DOUBLE_EQUALS,
            GREATER_THAN_TOKEN: GREATER_THAN,
            LESS_THAN_TOKEN: LESS_THAN,
            NOT_IN_TOKEN: NOT_IN,
            NOT_EQUALS_TOKEN: NOT_EQUALS,
        }.get(tok)
        if op is None:
            raise ValueError(f"found '{lit}', expected: {', '.join(BINARY_OPERATORS)}")
        return op

    def parse_values(self) -> set[str]:
        tok, lit = self.consume(True)
        if tok != OPEN_PAR_TOKEN:
            raise ValueError(f"found '{lit}' expected: '('")
        tok, lit = self.lookahead(True)
        if tok in (IDENTIFIER_TOKEN, COMMA_TOKEN):
            s = self.parse_identifiers_list()
            if self.consume(True)[0] != CLOSED_PAR_TOKEN:
                raise ValueError(f"found '{lit}', expected: ')'")
            return s
        if tok == CLOSED_PAR_TOKEN:
            self.consume(True)
            return {""}
        raise ValueError(f"found '{lit}', expected: ',', ')' or identifier")

    def parse_identifiers_list(self) -> set[str]:
        s: set[str] = set()
        while True:
            tok, lit = self.consume(True)
            if tok == IDENTIFIER_TOKEN:
                s.add(lit)
                tok2, lit2 = self.lookahead(True)
                if tok2 == COMMA_TOKEN:
                    continue
                if tok2 == CLOSED_PAR_TOKEN:
                    return s
                raise ValueError(f"found '{lit2}', expected: ',' or ')'")
            if tok == COMMA_TOKEN:
                if not s:
                    s.add("")
                tok2, _ = self.lookahead(True)
                if tok2 == CLOSED_PAR_TOKEN:
                    s.add("")
                    return s
                if tok2 == COMMA_TOKEN:
                    s.add("")
            else:
                raise ValueError(f"found '{lit}', expected: ',', or identifier")

    def parse_exact_value(self) -> set[str]:
        tok, _ = self.lookahead(True)
        if tok in (END_OF_STRING_TOKEN, COMMA_TOKEN):
            return {""}
        tok, lit = self.consume(True)
        if tok == IDENTIFIER_TOKEN:
            return {lit}
        raise ValueError(f"found '{lit}', expected: identifier")


def parse_to_requirements(text: str, path: Path | None = None) -> list[Requirement]:
    """Mirrors: apimachinery/pkg/labels/selector.go :: ParseToRequirements"""
    return list(parse_selector(text, path).requirements)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, path: Path | None) -> Selector:
    return Selector(_Parser(text, path).parse())


def parse_selector(text: str, path: Path | None = None) -> Selector:
    """Parse the selector text kubectl's ``-l`` takes.

    Mirrors: apimachinery/pkg/labels/selector.go :: Parse

    Differences: results are cached per text (selectors are immutable).

    Raises:
        ValueError: with upstream's message, e.g. ``unable to parse requirement: ...``.
    """
    return _parse_cached(text, path)


# -- labels.Set helpers (labels.go) -----------------------------------------------------------


def set_string(labels: Mapping[str, str] | None) -> str:
    """``k1=v1,k2=v2`` in key order.

    Mirrors: apimachinery/pkg/labels/labels.go :: Set.String
    """
    return ",".join(f"{k}={v}" for k, v in sorted((labels or {}).items()))


def format_labels(labels: Mapping[str, str] | None) -> str:
    """Labels as kubectl prints them: ``<none>`` when there are none.

    Mirrors: apimachinery/pkg/labels/labels.go :: FormatLabels
    """
    s = set_string(labels)
    return s if s else "<none>"


def conflicts(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Mirrors: apimachinery/pkg/labels/labels.go :: Conflicts"""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return any(k in big and big[k] != v for k, v in small.items())


def merge(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> dict[str, str]:
    """Mirrors: apimachinery/pkg/labels/labels.go :: Merge (b wins)."""
    out = dict(a or {})
    out.update(b or {})
    return out


def equals(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> bool:
    """Mirrors: apimachinery/pkg/labels/labels.go :: Equals"""
    return dict(a or {}) == dict(b or {})


def convert_selector_to_labels_map(text: str) -> dict[str, str]:
    """Mirrors: apimachinery/pkg/labels/labels.go :: ConvertSelectorToLabelsMap

    Raises:
        ValueError: for a term that is not ``key=value`` or has an invalid key or value.
    """
    out: dict[str, str] = {}
    if not text:
        return out
    for term in text.split(","):
        parts = term.split("=")
        if len(parts) != 2:
            raise ValueError("invalid selector: [" + " ".join(parts) + "]")
        key, value = parts[0].strip(), parts[1].strip()
        kerr = _validate_label_key(key, "<nil>")
        if kerr is not None:
            raise ValueError(str(kerr))
        verr = _validate_label_value(key, value, Path())
        if verr is not None:
            raise ValueError(str(verr))
        out[key] = value
    return out


# -- metav1.LabelSelector (helpers.go) --------------------------------------------------------


def _label_selector_key(ps: Mapping[str, Any]) -> tuple[Any, ...]:
    ml = ps.get("matchLabels") or {}
    exprs = ps.get("matchExpressions") or []
    return (
        tuple(sorted(ml.items())),
        tuple((e.get("key", ""), e.get("operator", ""), tuple(e.get("values") or ())) for e in exprs),
    )


@lru_cache(maxsize=8192)
def _label_selector_as_selector_cached(key: tuple[Any, ...]) -> Selector:
    match_labels, exprs = key
    reqs: list[Requirement] = []
    for k, v in match_labels:
        reqs.append(new_requirement(k, EQUALS, [v]))
    for ekey, eop, evalues in exprs:
        op = _METAV1_TO_SELECTION.get(eop)
        if op is None:
            raise ValueError(f'"{eop}" is not a valid label selector operator')
        # Go copies the values with append([]string(nil), ...): none gives a nil slice.
        reqs.append(new_requirement(ekey, op, list(evalues) or None))
    return Selector(reqs)


def label_selector_as_selector(ps: Mapping[str, Any] | None) -> Selector:
    """Convert a metav1.LabelSelector dict into a Selector.

    None selects nothing, an empty selector selects everything.

    Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: LabelSelectorAsSelector

    Differences: matchLabels are checked in key order (Go ranges over the map at random,
    so with several bad labels the one reported may differ); results are cached.

    Raises:
        ValueError: e.g. ``"Foo" is not a valid label selector operator``.
    """
    if ps is None:
        return _NOTHING
    if not ps.get("matchLabels") and not ps.get("matchExpressions"):
        return _EVERYTHING
    return _label_selector_as_selector_cached(_label_selector_key(ps))


def label_selector_as_map(ps: Mapping[str, Any] | None) -> dict[str, str] | None:
    """Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: LabelSelectorAsMap

    Raises:
        ValueError: for an operator other than In with one value.
    """
    if ps is None:
        return None
    out = dict(ps.get("matchLabels") or {})
    for expr in ps.get("matchExpressions") or []:
        op = expr.get("operator", "")
        values = expr.get("values") or []
        if op == LABEL_SELECTOR_OP_IN:
            if len(values) != 1:
                raise ValueError(f"operator {go_quote(op)} without a single value cannot be converted into a map")
            out[expr.get("key", "")] = values[0]
        elif op in (LABEL_SELECTOR_OP_NOT_IN, LABEL_SELECTOR_OP_EXISTS, LABEL_SELECTOR_OP_DOES_NOT_EXIST):
            raise ValueError(f"operator {go_quote(op)} cannot be converted into a map")
        else:
            raise ValueError(f"{go_quote(op)} is not a valid selector operator")
    return out


def format_label_selector(ps: Mapping[str, Any] | None) -> str:
    """A LabelSelector as kubectl prints it in SELECTOR columns.

    Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: FormatLabelSelector
    """
    try:
        selector = label_selector_as_selector(ps)
    except ValueError:
        return "<error>"
    s = str(selector)
    return s if s else "<none>"


def set_as_label_selector(labels: Mapping[str, str] | None) -> dict[str, Any] | None:
    """Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: SetAsLabelSelector"""
    if labels is None:
        return None
    return {"matchLabels": dict(labels)}
