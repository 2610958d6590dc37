"""Label selectors: requirements, the compiled Selector, and the ways to build one.

Selectors are immutable and compiled once: ``matches`` runs a precomputed check per
requirement, and a selector made only of equalities is a single subset test on the
label dict's items. The text syntax is parsed in ``parser``.

Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go,
staging/src/k8s.io/apimachinery/pkg/selection/operator.go
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList, Path, aggregate_message
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

