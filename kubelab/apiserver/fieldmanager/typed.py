"""Schema-aware walks over objects: their field sets, apply's merge, comparison, removal.

The schema is the kind's OpenAPI definition. Lists follow
``x-kubernetes-list-type`` (atomic, set, map with ``x-kubernetes-list-map-keys``),
falling back to the patch strategy (merge with a merge key is a map, merge without
one a set) and else atomic; objects follow ``x-kubernetes-map-type``. This is how
kube-openapi's schemaconv builds the structured-merge-diff schema.

Upstream: sigs.k8s.io/structured-merge-diff/v4/typed/{tofieldset.go,merge.go,remove.go},
fieldpath/set.go :: EnsureNamedFieldsAreMembers, kube-openapi/pkg/schemaconv/smd.go
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kubelab.api.strategicpatch.meta import resolve
from kubelab.apiserver.fieldmanager.fieldpath import (
    Path,
    Set,
    field_token,
    key_token,
    path_string,
    value_token,
)

Schema = dict[str, Any]
ABSENT: Any = object()

SCALAR, MAP, LIST, DEDUCED = "scalar", "map", "list", "deduced"

# Defaults of list-map key fields, which the definitions do not carry
# (``+default="TCP"`` on the protocol of ports).
KEY_DEFAULTS: dict[tuple[str, str], Any] = {
    ("io.k8s.api.core.v1.ContainerPort", "protocol"): "TCP",
    ("io.k8s.api.core.v1.ServicePort", "protocol"): "TCP",
}


class FieldSetError(ValueError):
    """An object does not fit its schema's list keys (``str`` is upstream's ValidationError)."""


@dataclass(slots=True)
class Node:
    """The resolved shape of one schema node."""

    kind: str
    schema: Schema | None
    atomic: bool = False
    keys: tuple[str, ...] = ()
    items: Schema | None = None
    struct: bool = False
    # Memoised shapes below this one (see field_node and item_node): the walks that
    # run on every write resolve each schema node once, not once per value.
    fields: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)
    extra: Node | None = field(default=None, compare=False, repr=False)
    item: Node | None = field(default=None, compare=False, repr=False)
    item_ref: str = field(default="", compare=False, repr=False)


_DEDUCED = Node(DEDUCED, None)
# The shapes _shape deduces from a value where the schema says nothing.
DEDUCED_MAP = Node(MAP, None)
DEDUCED_LIST = Node(LIST, None, atomic=True)
DEDUCED_SCALAR = Node(SCALAR, None)


_BY_REF: dict[tuple[str, Any], Node] = {}


def node(schema: Schema | None) -> Node:
    """Mirrors: kube-openapi/pkg/schemaconv/smd.go (list and map element relationships)"""
    if schema is None:
        return _DEDUCED
    ref = schema.get("$ref")
    if ref is None:
        return _node(schema)
    # A reference resolves to a shared definition: remember its shape by name.
    key = (ref, schema.get("x-kubernetes-map-type"))
    n = _BY_REF.get(key)
    if n is None:
        n = _BY_REF[key] = _node(schema)
    return n


def _node(schema: Schema) -> Node:
    s = resolve(schema)
    if s is None:
        return _DEDUCED
    t = s.get("type")
    ts = (t,) if isinstance(t, str) else (t or ())
    if "array" in ts:
        items = s.get("items") if isinstance(s.get("items"), dict) else None
        atomic, keys = _list_relationship(schema)
        ref = items.get("$ref", "").rsplit("/", 1)[-1] if items else ""
        return Node(LIST, s, atomic=atomic, keys=keys, items=items, item_ref=ref)
    props = s.get("properties")
    extra = s.get("additionalProperties")
    if "object" in ts or props or isinstance(extra, dict):
        map_type = schema.get("x-kubernetes-map-type") or s.get("x-kubernetes-map-type")
        # An object with no declared fields (RawExtension) is owned as a whole.
        atomic = map_type == "atomic" or (not props and not isinstance(extra, dict))
        return Node(MAP, s, atomic=atomic, struct=bool(props))
    if (ts and ts != ("null",)) or "oneOf" in s:
        return Node(SCALAR, s)
    return _DEDUCED


def _list_relationship(ext: Schema) -> tuple[bool, tuple[str, ...]]:
    """(atomic, keys); a set is (False, ()).

    Mirrors: kube-openapi/pkg/schemaconv/smd.go :: getListElementRelationship
    """
    list_type = ext.get("x-kubernetes-list-type")
    if list_type is not None:
        if list_type == "map":
            return False, tuple(ext.get("x-kubernetes-list-map-keys") or ())
        return list_type != "set", ()
    strategy = ext.get("x-kubernetes-patch-strategy")
    if strategy in ("merge", "merge,retainKeys"):
        key = ext.get("x-kubernetes-patch-merge-key")
        return False, (key,) if key else ()
    return True, ()


_ROOTS: dict[tuple[str, str, str], tuple[Schema, Node]] = {}


def root_node(schema: Schema | None) -> Node:
    """``node(schema)`` of a kind's root definition, remembered by its group, version and kind.

    kubelab-only: a root definition has no ``$ref`` to remember it by, and its shape
    carries the memo of every shape below it.
    """
    if schema is None:
        return _DEDUCED
    gvks = schema.get("x-kubernetes-group-version-kind")
    if not gvks or "$ref" in schema:
        return node(schema)
    g = gvks[0]
    key = (str(g.get("group", "")), str(g.get("version", "")), str(g.get("kind", "")))
    hit = _ROOTS.get(key)
    if hit is not None and hit[0] is schema:
        return hit[1]
    n = node(schema)
    _ROOTS[key] = (schema, n)
    return n


def shape_of(n: Node, value: Any) -> Node:
    """``n``, or for a node the schema leaves open the shape deduced from ``value``."""
    if n.kind != DEDUCED:
        return n
    if isinstance(value, dict):
        return DEDUCED_MAP
    if isinstance(value, list):
        return DEDUCED_LIST
    return DEDUCED_SCALAR


def _shape(schema: Schema | None, value: Any) -> Node:
    return shape_of(node(schema), value)


def field_node(n: Node, key: str) -> Node:
    """``node(child_schema(n, key))``, memoised on ``n``.

    Declared properties are remembered by name; every other key shares the one
    additionalProperties shape, so the memo stays as small as the schema.
    """
    f = n.fields.get(key)
    if f is not None:
        return f
    s = n.schema
    if s is None:
        return _DEDUCED
    props = s.get("properties")
    if props is not None and key in props:
        f = n.fields[key] = node(props[key])
        return f
    if n.extra is None:
        extra = s.get("additionalProperties")
        n.extra = node(extra if isinstance(extra, dict) else None)
    return n.extra


def item_node(n: Node) -> Node:
    """``node(n.items)``, memoised on ``n``."""
    if n.item is None:
        n.item = node(n.items)
    return n.item


def child_schema(n: Node, key: str) -> Schema | None:
    if n.schema is None:
        return None
    props = n.schema.get("properties")
    if props is not None and key in props:
        return props[key]
    extra = n.schema.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def item_token(n: Node, item: Any) -> str:
    """The path element of a list item: its keys, or its value for a set.

    Mirrors: structured-merge-diff/typed/helpers.go :: listItemToPathElement
    """
    if not n.keys:
        return value_token(item)
    if not isinstance(item, dict):
        raise FieldSetError("associative list with keys may not have non-map elements")
    ref = n.items.get("$ref", "").rsplit("/", 1)[-1] if n.items else ""
    fields: dict[str, Any] = {}
    for k in n.keys:
        if k in item and item[k] is not None:
            fields[k] = item[k]
        elif (ref, k) in KEY_DEFAULTS:
            fields[k] = KEY_DEFAULTS[(ref, k)]
        else:
            raise FieldSetError(
                f'associative list with keys has an element that omits key field "{k}" '
                "(and doesn't have default value)"
            )
    return key_token(fields)


def _prefixed(path: Path, msg: str) -> FieldSetError:
    return FieldSetError(f"{path_string(path)}: {msg}" if path else msg)


def _tokens(n: Node, items: list[Any], path: Path, strict: bool) -> list[str | None]:
    out: list[str | None] = []
    seen: dict[str, None] = {}
    for i, item in enumerate(items):
        try:
            tok = item_token(n, item)
        except FieldSetError as e:
            if strict:
                raise _prefixed(path, f"element {i}: {e}") from None
            out.append(None)
            continue
        if tok in seen:
            if strict:
                raise _prefixed(path, f"duplicate entries for key {path_string((tok,))}")
            out.append(None)
            continue
        seen[tok] = None
        out.append(tok)
    return out


# -- ToFieldSet -------------------------------------------------------------------------


def to_field_set(value: dict[str, Any], schema: Schema | None, strict: bool = False) -> Set:
    """Every leaf, list item and empty or null field of ``value``.

    With ``strict`` (an applied configuration) a duplicate or keyless list item is an
    error; otherwise such items are left untracked.

    Mirrors: structured-merge-diff/typed/tofieldset.go :: TypedValue.ToFieldSet
    """
    out = Set()
    _to_field_set(value, schema, (), out, strict)
    return out


def _to_field_set(v: Any, schema: Schema | None, path: Path, out: Set, strict: bool) -> None:
    n = _shape(schema, v)
    if n.kind == LIST and isinstance(v, list):
        if n.atomic:
            out.insert(path)
            return
        elem = n.items
        for item, tok in zip(v, _tokens(n, v, path, strict)):
            if tok is None:
                continue
            p = (*path, tok)
            _to_field_set(item, elem, p, out, strict)
            out.insert(p)
        return
    if n.kind == MAP and isinstance(v, dict):
        if n.atomic:
            out.insert(path)
            return
        for key, val in v.items():
            p = (*path, field_token(key))
            _to_field_set(val, child_schema(n, key), p, out, strict)
            if val is None or (isinstance(val, dict) and not val):
                out.insert(p)
        return
    out.insert(path)


def ensure_named_fields_are_members(s: Set, schema: Schema | None) -> Set:
    """``s`` plus every declared (struct) field that has members below it.

    Mirrors: fieldpath/set.go :: Set.EnsureNamedFieldsAreMembers
    """
    n = node(schema)
    members = dict(s.members)
    children: dict[str, Set] = {}
    for tok, sub in s.children.items():
        if tok[0] == "f":
            sub_schema = child_schema(n, tok[2:]) if n.kind == MAP else None
            if n.struct and n.schema is not None and tok[2:] in (n.schema.get("properties") or {}):
                members[tok] = None
        else:
            sub_schema = n.items if n.kind == LIST else None
        children[tok] = ensure_named_fields_are_members(sub, sub_schema)
    return Set(members, children)


# -- Merge (apply) ----------------------------------------------------------------------


def merge(lhs: Any, rhs: Any, schema: Schema | None) -> Any:
    """``rhs`` (an applied configuration) merged over ``lhs`` (the live object).

    Mirrors: structured-merge-diff/typed/merge.go :: TypedValue.Merge (ruleKeepRHS)
    """
    if rhs is ABSENT:
        return lhs
    if lhs is ABSENT:
        return rhs
    n = _shape(schema, rhs if rhs is not None else lhs)
    if n.kind == MAP and not n.atomic:
        if isinstance(lhs, dict) and rhs is None and lhs:
            return lhs
        if isinstance(lhs, dict) and isinstance(rhs, dict) and (lhs or rhs):
            out = dict(lhs)
            for key, rv in rhs.items():
                merged = merge(lhs.get(key, ABSENT), rv, child_schema(n, key))
                if merged is None:
                    out.pop(key, None)
                else:
                    out[key] = merged
            return out
    if n.kind == LIST and not n.atomic:
        if isinstance(lhs, list) and rhs is None and lhs:
            return lhs
        if isinstance(lhs, list) and isinstance(rhs, list) and (lhs or rhs):
            return _merge_lists(lhs, rhs, n)
    return rhs


def _merge_lists(lhs: list[Any], rhs: list[Any], n: Node) -> list[Any]:
    """Mirrors: structured-merge-diff/typed/merge.go :: (*mergingWalker).visitListItems"""
    l_toks = _tokens(n, lhs, (), False)
    r_toks = _tokens(n, rhs, (), True)
    obs_l: dict[str, Any] = {t: x for t, x in zip(l_toks, lhs) if t is not None}
    obs_r: dict[str, Any] = {t: x for t, x in zip(r_toks, rhs) if t is not None}
    shared = [t for t in r_toks if t in obs_l]
    si = 0

    def advance() -> str | None:
        nonlocal si
        nxt = shared[si] if si < len(shared) else None
        si += 1
        return nxt

    next_shared = advance()
    merged_r: dict[str, None] = {}
    out: list[Any] = []
    li = ri = 0
    nl, nr = len(lhs), len(rhs)
    while li < nl or ri < nr:
        if li < nl and ri < nr:
            tok = l_toks[li]
            if tok is not None and tok == r_toks[ri]:
                merged_r[tok] = None
                out.append(merge(obs_l[tok], obs_r[tok], n.items))
                li += 1
                ri += 1
                next_shared = advance()
                continue
            if tok in obs_r and next_shared is not None and next_shared != tok:
                li += 1
                continue
        if li < nl:
            tok = l_toks[li]
            if tok not in obs_r:
                out.append(lhs[li])
                li += 1
                continue
            if tok in merged_r:
                li += 1
                continue
        if ri < nr:
            tok = r_toks[ri]
            assert tok is not None
            merged_r[tok] = None
            out.append(merge(obs_l.get(tok, ABSENT), obs_r[tok], n.items))
            ri += 1
            if next_shared is not None and next_shared == tok:
                next_shared = advance()
    return out


# -- RemoveItems ------------------------------------------------------------------------


def remove_items(value: Any, s: Set, schema: Schema | None) -> Any:
    """``value`` without the paths in ``s`` (a member takes its whole subtree).

    Differences: a map or list emptied by the removal is dropped from its parent, as
    Go's typed objects omit it; upstream's unstructured walk leaves it in place.

    Mirrors: structured-merge-diff/typed/remove.go :: TypedValue.RemoveItems
    """
    if s.empty():
        return value
    n = _shape(schema, value)
    if n.kind == LIST and isinstance(value, list) and value and not n.atomic:
        out_l: list[Any] = []
        for item, tok in zip(value, _tokens(n, value, (), False)):
            if tok is not None:
                if tok in s.members:
                    continue
                sub = s.children.get(tok)
                if sub is not None:
                    item = remove_items(item, sub, n.items)
            out_l.append(item)
        return out_l
    if n.kind == MAP and isinstance(value, dict) and value and not n.atomic:
        out: dict[str, Any] = {}
        for key, val in value.items():
            tok = field_token(key)
            if tok in s.members:
                continue
            sub = s.children.get(tok)
            if sub is not None:
                val = remove_items(val, sub, child_schema(n, key))
                if isinstance(val, dict | list) and not val:
                    continue
            out[key] = val
        return out
    return value
