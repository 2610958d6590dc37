"""JSONPath templates evaluated over API objects (plain dicts), with client-go's semantics.

Upstream: staging/src/k8s.io/client-go/util/jsonpath/jsonpath.go and
client-go/third_party/forked/golang/template/funcs.go (the comparison functions)
"""

from __future__ import annotations

from typing import Any

from kubelab.kubectl import gofmt
from kubelab.kubectl.jsonpath_parser import (
    ArrayNode,
    BoolNode,
    FieldNode,
    FilterNode,
    FloatNode,
    IdentifierNode,
    IntNode,
    JSONPathError,
    ListNode,
    ParamsEntry,
    Parser,
    RecursiveNode,
    TextNode,
    UnionNode,
    WildcardNode,
    parse,
)
from kubelab.kubectl.yamlio import to_json, to_json_compact

__all__ = ["JSONPath", "JSONPathError", "relaxed_json_path_expression"]


class _Bytes(int):
    """A byte of a string, as Go's reflect yields when a wildcard indexes into a string."""


def _children(value: Any) -> list[Any] | None:
    if isinstance(value, dict):
        # Go ranges over map keys in random order; kubelab fixes it to sorted order.
        return [value[k] for k in sorted(value)]
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str):
        return [_Bytes(b) for b in value.encode()]
    return None


def _basic_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    raise JSONPathError("invalid type for comparison")


def _equal(a: Any, b: Any) -> bool:
    """Mirrors: forked/golang/template/funcs.go :: Equal"""
    k1, k2 = _basic_kind(a), _basic_kind(b)
    if k1 != k2:
        raise JSONPathError("incompatible types for comparison")
    return bool(a == b)


def _less(a: Any, b: Any) -> bool:
    """Mirrors: forked/golang/template/funcs.go :: Less"""
    k1, k2 = _basic_kind(a), _basic_kind(b)
    if k1 != k2:
        raise JSONPathError("incompatible types for comparison")
    if k1 == "bool":
        raise JSONPathError("invalid type for comparison")
    return bool(a < b)


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "<":
        return _less(left, right)
    if op == ">":
        return not (_less(left, right) or _equal(left, right))
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    if op == "<=":
        return _less(left, right) or _equal(left, right)
    if op == ">=":
        return not _less(left, right)
    raise JSONPathError(f"unrecognized filter operator {op}")


def _go_type(v: Any) -> str:
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, _Bytes):
        return "uint8"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    return "string"


class JSONPath:
    """A parsed template. Mirrors: client-go/util/jsonpath/jsonpath.go :: JSONPath"""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser: Parser | None = None
        self.begin_range = 0
        self.in_range = 0
        self.end_range = 0
        self.last_end_node: Any = None
        self.allow_missing_keys = False
        self.output_json = False

    def allow_missing(self, allow: bool) -> JSONPath:
        self.allow_missing_keys = allow
        return self

    def parse(self, text: str) -> None:
        self.parser = parse(self.name, text)

    def execute(self, data: Any) -> str:
        """The text the template prints for ``data``.

        Mirrors: jsonpath.go :: (*JSONPath).Execute
        """
        return "".join(self.print_results(r) for r in self.find_results(data))

    def find_results(self, data: Any) -> list[list[Any]]:
        if self.parser is None:
            raise JSONPathError(f"{self.name} is an incomplete jsonpath template")
        saved = self.parser.root.nodes
        try:
            return self._find_results(data)
        finally:
            self.parser.root.nodes = saved

    def _find_results(self, data: Any) -> list[list[Any]]:
        """Mirrors: jsonpath.go :: (*JSONPath).FindResults"""
        assert self.parser is not None
        cur = [data]
        nodes = self.parser.root.nodes
        full: list[list[Any]] = []
        i = 0
        while i < len(nodes):
            node = nodes[i]
            results = self._walk(cur, node)
            if self.end_range > 0 and self.end_range <= self.in_range:
                self.end_range -= 1
                self.last_end_node = node
                break
            if self.begin_range > 0:
                self.begin_range -= 1
                self.in_range += 1
                if results:
                    for value in results:
                        self.parser.root.nodes = nodes[i + 1:]
                        full.extend(self._find_results(value))
                else:
                    self.parser.root.nodes = nodes[i + 1:]
                    self._find_results(None)
                self.in_range -= 1
                for k in range(i + 1, len(nodes)):
                    if nodes[k] is self.last_end_node:
                        i = k
                        break
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def print_results(self, results: list[Any]) -> str:
        """Mirrors: jsonpath.go :: (*JSONPath).PrintResults"""
        if self.output_json:
            results = [list(results)]
        out: list[str] = []
        for i, r in enumerate(results):
            if self.output_json:
                text = to_json(_plain(r))
            elif isinstance(r, (dict, list)):
                text = to_json_compact(r)
            else:
                text = gofmt.sprint(r)
            if i != len(results) - 1:
                text += " "
            out.append(text)
        return "".join(out)

    def _walk(self, value: list[Any], node: Any) -> list[Any]:
        if isinstance(node, ListNode):
            return self._eval_list(value, node)
        if isinstance(node, TextNode):
            return [node.text]
        if isinstance(node, FieldNode):
            return self._eval_field(value, node)
        if isinstance(node, ArrayNode):
            return self._eval_array(value, node)
        if isinstance(node, FilterNode):
            return self._eval_filter(value, node)
        if isinstance(node, (IntNode, FloatNode, BoolNode)):
            return [node.value for _ in value]
        if isinstance(node, WildcardNode):
            return self._eval_wildcard(value)
        if isinstance(node, RecursiveNode):
            return self._eval_recursive(value)
        if isinstance(node, UnionNode):
            out: list[Any] = []
            for ln in node.nodes:
                out.extend(self._eval_list(value, ln))
            return out
        if isinstance(node, IdentifierNode):
            return self._eval_identifier(value, node)
        raise JSONPathError(f"unexpected Node {node}")

    def _eval_list(self, value: list[Any], node: ListNode) -> list[Any]:
        cur = value
        for n in node.nodes:
            cur = self._walk(cur, n)
        return cur

    def _eval_identifier(self, value: list[Any], node: IdentifierNode) -> list[Any]:
        if node.name == "range":
            self.begin_range += 1
            return value
        if node.name == "end":
            if self.in_range > 0:
                self.end_range += 1
                return []
            raise JSONPathError("not in range, nothing to end")
        raise JSONPathError(f"unrecognized identifier {node.name}")

    def _eval_array(self, value: list[Any], node: ArrayNode) -> list[Any]:
        result: list[Any] = []
        for v in value:
            if v is None:
                continue
            if not isinstance(v, list):
                raise JSONPathError(f"{_go_type(v)} is not array or slice")
            p = [ParamsEntry(e.value, e.known, e.derived) for e in node.params]
            n = len(v)
            if not p[0].known:
                p[0].value = 0
            if p[0].value < 0:
                p[0].value += n
            if not p[1].known:
                p[1].value = n
            if p[1].value < 0 or (p[1].value == 0 and p[1].derived):
                p[1].value += n
            if p[1].value != p[0].value:
                if p[0].value >= n or p[0].value < 0:
                    raise JSONPathError(f"array index out of bounds: index {p[0].value}, length {n}")
                if p[1].value > n or p[1].value < 0:
                    raise JSONPathError(f"array index out of bounds: index {p[1].value - 1}, length {n}")
                if p[0].value > p[1].value:
                    raise JSONPathError(
                        f"starting index {p[0].value} is greater than ending index {p[1].value}"
                    )
            else:
                return result
            step = 1
            if p[2].known:
                if p[2].value <= 0:
                    raise JSONPathError("step must be > 0")
                step = p[2].value
            result.extend(v[p[0].value:p[1].value:step])
        return result

    def _eval_field(self, value: list[Any], node: FieldNode) -> list[Any]:
        results: list[Any] = []
        if not value:
            return results
        for v in value:
            # a key holding null still counts: Go finds a map entry with a nil interface
            if isinstance(v, dict) and node.value in v:
                results.append(v[node.value])
        if not results:
            if self.allow_missing_keys:
                return results
            raise JSONPathError(f"{node.value} is not found")
        return results

    def _eval_wildcard(self, value: list[Any]) -> list[Any]:
        out: list[Any] = []
        for v in value:
            if v is None:
                continue
            ch = _children(v)
            if ch:
                out.extend(ch)
        return out

    def _eval_recursive(self, value: list[Any]) -> list[Any]:
        result: list[Any] = []
        for v in value:
            if v is None:
                continue
            ch = _children(v) or []
            if ch:
                result.append(v)
                result.extend(self._eval_recursive(ch))
        return result

    def _eval_filter(self, value: list[Any], node: FilterNode) -> list[Any]:
        results: list[Any] = []
        for v in value:
            if not isinstance(v, list):
                raise JSONPathError(f"{gofmt.sprint(v)} is not array or slice and cannot be filtered")
            for item in v:
                temp = [item]
                if node.operator == "exists":
                    try:
                        lefts = self._eval_list(temp, node.left)
                    except JSONPathError:
                        lefts = []
                    if lefts:
                        results.append(item)
                    continue
                lefts = self._eval_list(temp, node.left)
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise JSONPathError("can only compare one element at a time")
                rights = self._eval_list(temp, node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise JSONPathError("can only compare one element at a time")
                if _compare(node.operator, lefts[0], rights[0]):
                    results.append(item)
        return results


def _plain(v: Any) -> Any:
    if isinstance(v, _Bytes):
        return int(v)
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def relaxed_json_path_expression(path: str) -> str:
    """Accept ``.a.b``, ``a.b``, ``{.a.b}`` and ``{a.b}`` and return ``{.a.b}``.

    Mirrors: kubectl/pkg/cmd/get/customcolumn.go :: RelaxedJSONPathExpression
    """
    import re

    if not path:
        return path
    m = re.match(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$", path)
    if m is None:
        raise JSONPathError(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
            "'{name1.name2}' or '{.name1.name2}'"
        )
    return "{." + (m.group(1) or m.group(2)) + "}"
