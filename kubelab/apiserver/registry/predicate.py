"""Label and field selection of objects in lists and watches.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/selection_predicate.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api import errors
from kubelab.api import fields as flds
from kubelab.api import labels as lbls

Obj = dict[str, Any]

# cacher triggers: the pods watch cache routes events to watchers by spec.nodeName.
INDEXED_FIELDS = {"pods": "spec.nodeName"}


def selection_predicate(kind: str, label_selector: str = "", field_selector: str = "") -> Callable[[Obj], bool] | None:
    """A matcher for the selectors, or None when they select everything.

    Mirrors: selection_predicate.go :: SelectionPredicate.Matches
    """
    lsel = None
    fsel = None
    if label_selector:
        try:
            lsel = lbls.parse_selector(label_selector)
        except ValueError as e:
            raise errors.new_bad_request(f"unable to parse requirement: {e}" if "unable to parse" not in str(e) else str(e)) from None
        if lsel.empty():
            lsel = None
    if field_selector:
        try:
            fsel = flds.field_selector_for_kind(field_selector, kind)
        except ValueError as e:
            raise errors.new_bad_request(str(e)) from None
        if fsel.empty():
            fsel = None
    if lsel is None and fsel is None:
        return None
    if fsel is None:
        assert lsel is not None
        lm = lsel.matches
        return lambda o: lm(o["metadata"].get("labels") or {})
    fm = fsel.matches
    if lsel is None:
        return lambda o: fm(flds.object_fields(o))
    lm2 = lsel.matches
    return lambda o: lm2(o["metadata"].get("labels") or {}) and fm(flds.object_fields(o))


def index_value(resource: str, field_selector: str) -> str | None:
    """The value of an exact-match selector on the resource's indexed field, if any.

    Mirrors: cacher.go :: (*Cacher).Watch's use of the indexed trigger
    """
    field = INDEXED_FIELDS.get(resource)
    if not field or not field_selector:
        return None
    try:
        value, found = flds.parse_field_selector(field_selector).requires_exact_match(field)
    except ValueError:
        return None
    return value if found else None


def node_name_index(obj: Obj) -> str | None:
    return (obj.get("spec") or {}).get("nodeName") or ""
