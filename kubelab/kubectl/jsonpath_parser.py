"""The JSONPath template parser kubectl uses for ``-o jsonpath``, custom columns and ``--sort-by``.

Upstream: staging/src/k8s.io/client-go/util/jsonpath/parser.go and node.go
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LEFT_DELIM = "{"
RIGHT_DELIM = "}"
_EOF = ""

_DICT_KEY_REX = re.compile(r"^'([^']*)'$")
_SLICE_OPERATOR_REX = re.compile(r"^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$")
_FILTER_REX = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$", re.S)


class JSONPathError(Exception):
    """A parse or evaluation error, worded as client-go words it."""


@dataclass(slots=True)
class ListNode:
    nodes: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class TextNode:
    text: str


@dataclass(slots=True)
class FieldNode:
    value: str


@dataclass(slots=True)
class IdentifierNode:
    name: str


@dataclass(slots=True)
class ParamsEntry:
    value: int = 0
    known: bool = False
    derived: bool = False


@dataclass(slots=True)
class ArrayNode:
    params: tuple[ParamsEntry, ParamsEntry, ParamsEntry]


@dataclass(slots=True)
class FilterNode:
    left: ListNode
    right: ListNode
    operator: str


@dataclass(slots=True)
class IntNode:
    value: int


@dataclass(slots=True)
class FloatNode:
    value: float


@dataclass(slots=True)
class BoolNode:
    value: bool


@dataclass(slots=True)
class WildcardNode:
    pass


@dataclass(slots=True)
class RecursiveNode:
    pass


@dataclass(slots=True)
class UnionNode:
    nodes: list[ListNode]


def _is_space(r: str) -> bool:
    return r in (" ", "\t")


def _is_end_of_line(r: str) -> bool:
    return r in ("\r", "\n")


def _is_terminator(r: str) -> bool:
    return r == _EOF or _is_space(r) or _is_end_of_line(r) or r in ".,[]$@{}"


def _is_alpha_numeric(r: str) -> bool:
    return r == "_" or (r != _EOF and (r.isalpha() or r.isdigit()))


def unquote_extend(s: str) -> str:
    """strconv.Unquote that also accepts single-quoted strings.

    Mirrors: client-go/util/jsonpath/parser.go :: UnquoteExtend
    """
    if len(s) < 2 or s[0] != s[-1] or s[0] not in "\"'":
        raise JSONPathError("invalid syntax")
    quote = s[0]
    body = s[1:-1]
    if "\\" not in body and quote not in body:
        return body
    out: list[str] = []
    i = 0
    simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
    while i < len(body):
        c = body[i]
        if c == quote:
            raise JSONPathError("invalid syntax")
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(body):
            raise JSONPathError("invalid syntax")
        n = body[i + 1]
        if n in simple:
            out.append(simple[n])
            i += 2
        elif n == quote:
            out.append(n)
            i += 2
        elif n in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[n]
            hexs = body[i + 2:i + 2 + size]
            if len(hexs) != size or not all(h in "0123456789abcdefABCDEF" for h in hexs):
                raise JSONPathError("invalid syntax")
            out.append(chr(int(hexs, 16)))
            i += 2 + size
        elif n in "01234567":
            octs = body[i + 1:i + 4]
            if len(octs) != 3 or not all(o in "01234567" for o in octs):
                raise JSONPathError("invalid syntax")
            out.append(chr(int(octs, 8)))
            i += 4
        else:
            raise JSONPathError("invalid syntax")
    return "".join(out)


class Parser:
    """Mirrors: client-go/util/jsonpath/parser.go :: Parser"""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = ListNode()
        self.input = ""
        self.pos = 0
        self.start = 0
        self.width = 0

    def parse(self, text: str) -> None:
        self.input = text
        self.root = ListNode()
        self.pos = 0
        self._parse_text(self.root)

    def _consume_text(self) -> str:
        value = self.input[self.start:self.pos]
        self.start = self.pos
        return value

    def _next(self) -> str:
        if self.pos >= len(self.input):
            self.width = 0
            return _EOF
        r = self.input[self.pos]
        self.width = 1
        self.pos += 1
        return r

    def _peek(self) -> str:
        r = self._next()
        self._backup()
        return r

    def _backup(self) -> None:
        self.pos -= self.width

    def _parse_text(self, cur: ListNode) -> None:
        while True:
            if self.input.startswith(LEFT_DELIM, self.pos):
                if self.pos > self.start:
                    cur.nodes.append(TextNode(self._consume_text()))
                self._parse_left_delim(cur)
                return
            if self._next() == _EOF:
                break
        if self.pos > self.start:
            cur.nodes.append(TextNode(self._consume_text()))

    def _parse_left_delim(self, cur: ListNode) -> None:
        self.pos += len(LEFT_DELIM)
        self._consume_text()
        new = ListNode()
        cur.nodes.append(new)
        self._parse_inside_action(new)

    def _parse_inside_action(self, cur: ListNode) -> None:
        # Written as a loop where upstream recurses once per token.
        while True:
            rest = self.input[self.pos:]
            if rest.startswith(RIGHT_DELIM):
                self.pos += len(RIGHT_DELIM)
                self._consume_text()
                self._parse_text(self.root)
                return
            if rest.startswith("[?("):
                self._parse_filter(cur)
                continue
            if rest.startswith(".."):
                self._parse_recursive(cur)
                continue
            r = self._next()
            if r == _EOF or _is_end_of_line(r):
                raise JSONPathError("unclosed action")
            if r == " " or r in "@$":
                self._consume_text()
            elif r == "[":
                self._parse_array(cur)
            elif r in "\"'":
                self._parse_quote(cur, r)
            elif r == ".":
                self._parse_field(cur)
            elif r in "+-" or r.isdigit():
                self._backup()
                self._parse_number(cur)
            elif _is_alpha_numeric(r):
                self._backup()
                self._parse_identifier(cur)
            else:
                raise JSONPathError(f"unrecognized character in action: {_go_unicode(r)}")

    def _parse_identifier(self, cur: ListNode) -> None:
        while True:
            r = self._next()
            if _is_terminator(r):
                self._backup()
                break
        value = self._consume_text()
        if value in ("true", "false"):
            cur.nodes.append(BoolNode(value == "true"))
        else:
            cur.nodes.append(IdentifierNode(value))

    def _parse_recursive(self, cur: ListNode) -> None:
        if cur.nodes and isinstance(cur.nodes[-1], RecursiveNode):
            raise JSONPathError("invalid multiple recursive descent")
        self.pos += 2
        self._consume_text()
        cur.nodes.append(RecursiveNode())
        if _is_alpha_numeric(self._peek()):
            self._parse_field(cur)

    def _parse_number(self, cur: ListNode) -> None:
        r = self._peek()
        if r in "+-" and r != _EOF:
            self._next()
        while True:
            r = self._next()
            if r != "." and not (r != _EOF and r.isdigit()):
                self._backup()
                break
        value = self._consume_text()
        if re.fullmatch(r"[+-]?\d+", value):
            cur.nodes.append(IntNode(int(value)))
            return
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value):
            cur.nodes.append(FloatNode(float(value)))
            return
        raise JSONPathError(f"cannot parse number {value}")

    def _parse_array(self, cur: ListNode) -> None:
        while True:
            r = self._next()
            if r in (_EOF, "\n"):
                raise JSONPathError("unterminated array")
            if r == "]":
                break
        text = self._consume_text()[1:-1]
        if text == "*":
            text = ":"
        strs = text.split(",")
        if len(strs) > 1:
            union = [parse_action("union", f"[{s.strip(' ')}]").root for s in strs]
            cur.nodes.append(UnionNode(union))
            return
        m = _DICT_KEY_REX.match(text)
        if m:
            cur.nodes.extend(parse_action("arraydict", f".{m.group(1)}").root.nodes)
            return
        m = _SLICE_OPERATOR_REX.match(text)
        if m is None:
            raise JSONPathError(f"invalid array index {text}")
        value = [m.group(1) or "", m.group(2) or "", m.group(3) or ""]
        params = [ParamsEntry(), ParamsEntry(), ParamsEntry()]
        for i in range(3):
            if value[i] != "":
                if i > 0:
                    value[i] = value[i][1:]
                if i > 0 and value[i] == "":
                    params[i].known = False
                else:
                    if not re.fullmatch(r"-?\d+", value[i]):
                        raise JSONPathError(f"array index {value[i]} is not a number")
                    params[i].known = True
                    params[i].value = int(value[i])
            elif i == 1:
                params[i] = ParamsEntry(params[0].value + 1, True, True)
            else:
                params[i] = ParamsEntry(0, False)
        cur.nodes.append(ArrayNode((params[0], params[1], params[2])))

    def _parse_filter(self, cur: ListNode) -> None:
        self.pos += len("[?(")
        self._consume_text()
        begin = end = False
        pair = ""
        while True:
            r = self._next()
            if r in (_EOF, "\n"):
                raise JSONPathError("unterminated filter")
            if r in "\"'":
                if not begin:
                    begin = True
                    pair = r
                    continue
                if self.input[self.pos - 2] != "\\" and r == pair:
                    end = True
            elif r == ")":
                if begin == end:
                    break
        if self._next() != "]":
            raise JSONPathError("unclosed array expect ]")
        text = self._consume_text()[:-2]
        m = _FILTER_REX.match(text)
        if m is None:
            cur.nodes.append(FilterNode(parse_action("text", text).root, ListNode(), "exists"))
        else:
            left = parse_action("left", m.group(1)).root
            right = parse_action("right", m.group(3)).root
            cur.nodes.append(FilterNode(left, right, m.group(2)))

    def _parse_quote(self, cur: ListNode, end: str) -> None:
        while True:
            r = self._next()
            if r in (_EOF, "\n"):
                raise JSONPathError("unterminated quoted string")
            if r == end and self.input[self.pos - 2] != "\\":
                break
        value = self._consume_text()
        try:
            s = unquote_extend(value)
        except JSONPathError as e:
            raise JSONPathError(f"unquote string {value} error {e}") from None
        cur.nodes.append(TextNode(s))

    def _parse_field(self, cur: ListNode) -> None:
        self._consume_text()
        while self._advance():
            pass
        value = self._consume_text()
        if value == "*":
            cur.nodes.append(WildcardNode())
        else:
            cur.nodes.append(FieldNode(value.replace("\\", "")))

    def _advance(self) -> bool:
        r = self._next()
        if r == "\\":
            self._next()
        elif _is_terminator(r):
            self._backup()
            return False
        return True


def _go_unicode(r: str) -> str:
    """Go's ``%#U``: ``U+0023 '#'``."""
    return f"U+{ord(r):04X} '{r}'"


def parse(name: str, text: str) -> Parser:
    p = Parser(name)
    p.parse(text)
    return p


def parse_action(name: str, text: str) -> Parser:
    """Mirrors: parser.go :: parseAction"""
    p = parse(name, f"{LEFT_DELIM}{text}{RIGHT_DELIM}")
    inner = p.root.nodes[0]
    assert isinstance(inner, ListNode)
    p.root = inner
    return p
