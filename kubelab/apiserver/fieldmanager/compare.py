"""Which fields a write removed, modified and added: the walk behind every managedFields update.

``compare`` runs on every create, update and patch, over the whole live and new
object, so it walks memoised schema shapes (``typed.field_node``) and skips equal
scalars before descending. ``compare_reference`` is the direct transcription of
upstream's walk; the property tests hold ``compare`` to it.

Upstream: sigs.k8s.io/structured-merge-diff/v4/typed/compare.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api.jsonpatch import json_equal
from kubelab.apiserver.fieldmanager.fieldpath import Path, Set, field_token, key_token, value_token
from kubelab.apiserver.fieldmanager.typed import (
    ABSENT,
    DEDUCED,
    KEY_DEFAULTS,
    LIST,
    MAP,
    FieldSetError,
    Node,
    Schema,
    _shape,
    _tokens,
    child_schema,
    field_node,
    item_node,
    root_node,
    shape_of,
)

_NONE_TYPE = type(None)
_CONTAINERS = (dict, list)


@dataclass(slots=True)
class Comparison:
    """Mirrors: structured-merge-diff/typed/compare.go :: Comparison"""

    removed: Set
    modified: Set
    added: Set

    def filter(self, ignored: Set | None) -> Comparison:
        if ignored is None or ignored.empty():
            return self
        return Comparison(
            self.removed.recursive_difference(ignored),
            self.modified.recursive_difference(ignored),
            self.added.recursive_difference(ignored),
        )


def compare(lhs: Any, rhs: Any, schema: Schema | None) -> Comparison:
    """The fields removed, modified and added from ``lhs`` to ``rhs``.

    Differences: upstream records an added or removed object node too; kubelab does so
    for list items and string-keyed maps (labels) but not for struct fields, which in
    Go's typed objects are mostly present as zero values on both sides.

    Mirrors: structured-merge-diff/typed/compare.go :: TypedValue.Compare
    """
    c = Comparison(Set(), Set(), Set())
    _compare_fast(lhs, rhs, root_node(schema), (), c, False)
    return c


def compare_reference(lhs: Any, rhs: Any, schema: Schema | None) -> Comparison:
    """``compare`` as upstream's walk reads, one schema lookup per value (the tests' oracle)."""
    c = Comparison(Set(), Set(), Set())
    _compare(lhs, rhs, schema, (), c, False)
    return c


def _empty(v: Any) -> bool:
    return v is ABSENT or v is None or (isinstance(v, dict | list) and not v)


def _fits(v: Any, t: type) -> bool:
    return v is ABSENT or v is None or isinstance(v, t)


def _post_item(l: Any, r: Any, path: Path, c: Comparison) -> None:  # noqa: E741
    if l is ABSENT:
        c.added.insert(path)
    elif r is ABSENT:
        c.removed.insert(path)


def _leaf(l: Any, r: Any, path: Path, c: Comparison) -> None:  # noqa: E741
    if l is ABSENT:
        c.added.insert(path)
    elif r is ABSENT:
        c.removed.insert(path)
    elif not json_equal(l, r):
        c.modified.insert(path)


def _compare(l: Any, r: Any, schema: Schema | None, path: Path, c: Comparison, item: bool) -> None:  # noqa: E741
    """Mirrors: structured-merge-diff/typed/compare.go :: compareWalker.doLeaf, doList, doMap"""
    n = _shape(schema, r if r is not ABSENT and r is not None else l)
    granular = not n.atomic and not (_empty(l) and _empty(r))
    if n.kind == MAP and granular and _fits(l, dict) and _fits(r, dict):
        lm = l if isinstance(l, dict) else {}
        rm = r if isinstance(r, dict) else {}
        for key in {**lm, **rm}:
            _compare(lm.get(key, ABSENT), rm.get(key, ABSENT), child_schema(n, key),
                     (*path, field_token(key)), c, False)
        if path and (item or not n.struct):
            _post_item(l, r, path, c)
        return
    if n.kind == LIST and granular and _fits(l, list) and _fits(r, list):
        ll = l if isinstance(l, list) else []
        rl = r if isinstance(r, list) else []
        lt = dict(zip(_tokens(n, ll, path, False), ll))
        rt = dict(zip(_tokens(n, rl, path, False), rl))
        lt.pop(None, None)
        rt.pop(None, None)
        for tok in {**lt, **rt}:
            assert tok is not None
            _compare(lt.get(tok, ABSENT), rt.get(tok, ABSENT), n.items, (*path, tok), c, True)
        return
    _leaf(l, r, path, c)


def _same_scalar(a: Any, b: Any) -> bool:
    """True only where ``_compare`` would find nothing: equal strings, ints, bools or nulls.

    Both of one exact type, so 1 and True (or 1 and 1.0, whose list tokens differ)
    never pass here; they take the full walk.
    """
    t = a.__class__
    return t is b.__class__ and (t is str or t is int or t is bool or t is _NONE_TYPE) and a == b


def _item_tokens(n: Node, items: list[Any]) -> dict[str, Any]:
    """Each list item by its path element; keyless and repeated items are left out.

    The same map ``_compare`` builds from ``_tokens`` (first of equal tokens wins).
    """
    out: dict[str, Any] = {}
    keys = n.keys
    if not keys:
        for it in items:
            tok = value_token(it)
            if tok not in out:
                out[tok] = it
        return out
    ref = n.item_ref
    for it in items:
        if not isinstance(it, dict):
            continue
        fields: dict[str, Any] = {}
        for k in keys:
            v = it.get(k)
            if v is not None:
                fields[k] = v
            elif (ref, k) in KEY_DEFAULTS:
                fields[k] = KEY_DEFAULTS[(ref, k)]
            else:
                break
        else:
            tok = key_token(fields)
            if tok not in out:
                out[tok] = it
    return out


def _compare_fast(l: Any, r: Any, n: Node, path: Path, c: Comparison, item: bool) -> None:  # noqa: E741
    """``_compare`` with ``n`` the memoised shape of the schema (not yet deduced from the value).

    A pair of values neither of which is a map or a list is always a leaf, whatever the
    schema says (a scalar never fits a map or list walk), so the loops settle those
    pairs inline: equal same-typed scalars are skipped, the rest are added, removed or
    modified exactly as ``_leaf`` would record them.
    """
    if n.kind == DEDUCED:
        n = shape_of(n, r if r is not ABSENT and r is not None else l)
    kind = n.kind
    # _empty and _fits inline: a value that fits is ABSENT, None or of the walk's type,
    # and then it is empty exactly when it is ABSENT or falsy.
    if kind == MAP and not n.atomic:
        if not ((l is ABSENT or l is None or isinstance(l, dict)) and (r is ABSENT or r is None or isinstance(r, dict))) \
                or ((l is ABSENT or not l) and (r is ABSENT or not r)):
            _leaf(l, r, path, c)
            return
        lm = l if l is not ABSENT and l is not None else {}
        rm = r if r is not ABSENT and r is not None else {}
        for key, lv in lm.items():
            rv = rm.get(key, ABSENT)
            if not isinstance(lv, _CONTAINERS):
                if rv is ABSENT:
                    c.removed.insert((*path, "f:" + key))
                    continue
                if not isinstance(rv, _CONTAINERS):
                    if not _same_scalar(lv, rv) and not json_equal(lv, rv):
                        c.modified.insert((*path, "f:" + key))
                    continue
            _compare_fast(lv, rv, field_node(n, key), (*path, "f:" + key), c, False)
        for key, rv in rm.items():
            if key not in lm:
                if isinstance(rv, _CONTAINERS):
                    _compare_fast(ABSENT, rv, field_node(n, key), (*path, "f:" + key), c, False)
                else:
                    c.added.insert((*path, "f:" + key))
        if path and (item or not n.struct):
            _post_item(l, r, path, c)
        return
    if kind != LIST or n.atomic \
            or not ((l is ABSENT or l is None or isinstance(l, list)) and (r is ABSENT or r is None or isinstance(r, list))) \
            or ((l is ABSENT or not l) and (r is ABSENT or not r)):
        _leaf(l, r, path, c)
        return
    lt = _item_tokens(n, l) if l is not ABSENT and l is not None else {}
    rt = _item_tokens(n, r) if r is not ABSENT and r is not None else {}
    elem = item_node(n)
    for tok, lv in lt.items():
        rv = rt.get(tok, ABSENT)
        if not isinstance(lv, _CONTAINERS):
            if rv is ABSENT:
                c.removed.insert((*path, tok))
                continue
            if not isinstance(rv, _CONTAINERS):
                if not _same_scalar(lv, rv) and not json_equal(lv, rv):
                    c.modified.insert((*path, tok))
                continue
        _compare_fast(lv, rv, elem, (*path, tok), c, True)
    for tok, rv in rt.items():
        if tok not in lt:
            if isinstance(rv, _CONTAINERS):
                _compare_fast(ABSENT, rv, elem, (*path, tok), c, True)
            else:
                c.added.insert((*path, tok))


__all__ = ["Comparison", "FieldSetError", "compare", "compare_reference"]
