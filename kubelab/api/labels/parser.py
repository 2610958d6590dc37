"""The label selector text syntax (``app=web,tier in (a,b),!canary``): lexer and parser.

Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser, Parse)
"""

from __future__ import annotations

from functools import lru_cache

from kubelab.api.field import Path
from kubelab.api.labels.selector import (
    BINARY_OPERATORS,
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    EXISTS,
    GREATER_THAN,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    Requirement,
    Selector,
    _validate_label_key,
    new_requirement,
)

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

