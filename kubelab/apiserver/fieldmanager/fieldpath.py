"""Sets of field paths, the unit of ownership in managedFields, and their FieldsV1 form.

A path is a tuple of path-element tokens written as in FieldsV1: ``f:spec`` (a field),
``k:{"name":"nginx"}`` (a list item by its keys), ``v:"finalizer"`` (an item of a
set-like list) and ``i:3`` (an index; kubelab never produces these, as upstream does
not for the built-in kinds). A Set is a trie: the tokens that are members at this
level, and a child Set per token with members below it.

Upstream: sigs.k8s.io/structured-merge-diff/v4/fieldpath/{set.go,element.go,path.go,serialize.go}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

Path = tuple[str, ...]


def field_token(name: str) -> str:
    return "f:" + name


# The string encoder json.dumps(ensure_ascii=False) itself uses.
_encode_str = json.encoder.encode_basestring


def _scalar_json(v: Any) -> str | None:
    """Compact JSON of a string or int as json.dumps writes it; None for anything else."""
    t = v.__class__
    if t is str:
        return _encode_str(v)
    if t is int:
        return int.__repr__(v)
    return None


def key_token(fields: dict[str, Any]) -> str:
    """``k:`` + the key fields as compact JSON, names sorted."""
    parts = []
    for k, v in sorted(fields.items()):
        text = _scalar_json(v)
        if text is None or k.__class__ is not str:
            return key_token_reference(fields)
        parts.append(_encode_str(k) + ":" + text)
    return "k:{" + ",".join(parts) + "}"


def key_token_reference(fields: dict[str, Any]) -> str:
    """``key_token`` through json.dumps (the property tests' oracle, and its general case)."""
    return "k:" + json.dumps(dict(sorted(fields.items())), separators=(",", ":"), ensure_ascii=False)


def value_token(value: Any) -> str:
    text = _scalar_json(value)
    if text is not None:
        return "v:" + text
    return value_token_reference(value)


def value_token_reference(value: Any) -> str:
    """``value_token`` through json.dumps (the property tests' oracle, and its general case)."""
    return "v:" + json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _value_string(v: Any) -> str:
    """Mirrors: structured-merge-diff/value :: ToString"""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, int | float):
        return str(v)
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def element_string(token: str) -> str:
    """One path element as conflicts print it: ``.spec``, ``[name="nginx"]``, ``[="x"]``, ``[3]``.

    Mirrors: fieldpath/element.go :: PathElement.String
    """
    kind, rest = token[0], token[2:]
    if kind == "f":
        return "." + rest
    if kind == "k":
        fields = json.loads(rest)
        return "[" + ",".join(f"{k}={_value_string(v)}" for k, v in fields.items()) + "]"
    if kind == "v":
        return "[=" + _value_string(json.loads(rest)) + "]"
    return "[" + rest + "]"


def path_string(path: Path) -> str:
    """Mirrors: fieldpath/path.go :: Path.String"""
    return "".join(element_string(t) for t in path)


def _value_order(v: Any) -> tuple[Any, ...]:
    # value.Compare: numbers, then strings, booleans, lists, maps, null.
    if isinstance(v, bool):
        return (2, v)
    if isinstance(v, int | float):
        return (0, float(v))
    if isinstance(v, str):
        return (1, v)
    if isinstance(v, list):
        return (3, tuple(_value_order(x) for x in v))
    if isinstance(v, dict):
        return (4, tuple((k, _value_order(x)) for k, x in sorted(v.items())))
    return (5,)


@lru_cache(maxsize=65536)
def token_order(token: str) -> tuple[Any, ...]:
    """Sort key of a token: fields, then keys, then values, then indexes.

    Mirrors: fieldpath/element.go :: PathElement.Compare
    """
    kind, rest = token[0], token[2:]
    if kind == "f":
        return (0, rest)
    if kind == "k":
        fields = json.loads(rest)
        return (1, tuple((k, _value_order(v)) for k, v in fields.items()))
    if kind == "v":
        return (2, _value_order(json.loads(rest)))
    return (3, int(rest))


def _sorted(tokens: Iterable[str]) -> list[str]:
    toks = list(tokens)
    for t in toks:
        if not t.startswith("f:"):
            return sorted(toks, key=token_order)
    # Only field names: their order is the names' order, which is the tokens' own.
    toks.sort()
    return toks


@dataclass(slots=True)
class Set:
    """A set of paths (never mutated once shared: operations return new sets).

    Mirrors: fieldpath/set.go :: Set
    """

    members: dict[str, None] = field(default_factory=dict)
    children: dict[str, Set] = field(default_factory=dict)

    @classmethod
    def of(cls, *paths: Path) -> Set:
        s = cls()
        for p in paths:
            s.insert(p)
        return s

    def insert(self, path: Path) -> None:
        if not path:
            return
        node = self
        for tok in path[:-1]:
            child = node.children.get(tok)
            if child is None:
                child = node.children[tok] = Set()
            node = child
        node.members[path[-1]] = None

    def has(self, path: Path) -> bool:
        node: Set | None = self
        for tok in path[:-1]:
            node = node.children.get(tok) if node is not None else None
            if node is None:
                return False
        return node is not None and bool(path) and path[-1] in node.members

    def empty(self) -> bool:
        return not self.members and not self.children

    def with_prefix(self, token: str) -> Set | None:
        return self.children.get(token)

    def union(self, other: Set) -> Set:
        if other.empty():
            return self
        if self.empty():
            return other
        members = dict(self.members)
        members.update(other.members)
        children = dict(self.children)
        for tok, sub in other.children.items():
            mine = children.get(tok)
            children[tok] = sub if mine is None else mine.union(sub)
        return Set(members, children)

    def difference(self, other: Set) -> Set:
        """Paths in self and not in other (exact paths: a member does not take its children)."""
        if other.empty() or self.empty():
            return self
        members = {t: None for t in self.members if t not in other.members}
        children: dict[str, Set] = {}
        for tok, sub in self.children.items():
            theirs = other.children.get(tok)
            d = sub if theirs is None else sub.difference(theirs)
            if not d.empty():
                children[tok] = d
        return Set(members, children)

    def recursive_difference(self, other: Set) -> Set:
        """Paths in self that are neither in other nor below one of its members.

        Mirrors: fieldpath/set.go :: Set.RecursiveDifference
        """
        if other.empty() or self.empty():
            return self
        members = {t: None for t in self.members if t not in other.members}
        children: dict[str, Set] = {}
        for tok, sub in self.children.items():
            if tok in other.members:
                continue
            theirs = other.children.get(tok)
            d = sub if theirs is None else sub.recursive_difference(theirs)
            if not d.empty():
                children[tok] = d
        return Set(members, children)

    def intersection(self, other: Set) -> Set:
        members = {t: None for t in self.members if t in other.members}
        children: dict[str, Set] = {}
        for tok, sub in self.children.items():
            theirs = other.children.get(tok)
            if theirs is not None:
                i = sub.intersection(theirs)
                if not i.empty():
                    children[tok] = i
        return Set(members, children)

    def iterate(self, prefix: Path = ()) -> Iterator[Path]:
        """Every path: this level's members in order, then each child's paths.

        Mirrors: fieldpath/set.go :: Set.Iterate
        """
        for tok in _sorted(self.members):
            yield (*prefix, tok)
        for tok in _sorted(self.children):
            yield from self.children[tok].iterate((*prefix, tok))

    def to_fields_v1(self) -> dict[str, Any]:
        """The FieldsV1 JSON object (``{"f:spec": {"f:replicas": {}}}``, ``".": {}`` for a member with children).

        Mirrors: fieldpath/serialize.go :: Set.ToJSON
        """
        out: dict[str, Any] = {}
        for tok in _sorted({**self.members, **dict.fromkeys(self.children)}):
            sub = self.children.get(tok)
            if sub is None:
                out[tok] = {}
                continue
            body = sub.to_fields_v1()
            out[tok] = {".": {}, **body} if tok in self.members else body
        return out

    @classmethod
    def from_fields_v1(cls, obj: dict[str, Any]) -> Set:
        """Mirrors: fieldpath/serialize.go :: Set.FromJSON"""
        s = cls()
        for tok, body in obj.items():
            if tok == ".":
                continue
            if not isinstance(body, dict) or not body:
                s.members[tok] = None
                continue
            if "." in body:
                s.members[tok] = None
            child = cls.from_fields_v1(body)
            if not child.empty():
                s.children[tok] = child
        return s
