"""Helpers for reading and filling wire-shape dicts the way Go sees the structs.

kubelab-only: stands in for Go's typed fields. A Go value struct always exists (its zero
value), a pointer struct or slice only when set; ``None`` counts as unset.
"""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]


def value_struct(parent: Obj, key: str) -> Obj:
    """The value struct at ``key``, created when absent (Go's zero value is defaulted too)."""
    v = parent.get(key)
    if not isinstance(v, dict):
        v = parent[key] = {}
    return v


def items(parent: Obj | None, key: str) -> list[Obj]:
    """The struct elements of the list at ``key`` (none when the list or parent is unset)."""
    if not isinstance(parent, dict):
        return []
    v = parent.get(key)
    if not isinstance(v, list):
        return []
    return [x for x in v if isinstance(x, dict)]


def ptr(parent: Obj | None, key: str) -> Obj | None:
    """The pointer struct (or map) at ``key``, or None when unset."""
    if not isinstance(parent, dict):
        return None
    v = parent.get(key)
    return v if isinstance(v, dict) else None


def unset(parent: Obj, key: str) -> bool:
    """True when a string or pointer field is nil or empty ("" / None / absent)."""
    v = parent.get(key)
    return v is None or v == ""
