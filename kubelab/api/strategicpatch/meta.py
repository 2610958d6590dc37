"""Patch metadata (strategy and merge key) of a field, read from the OpenAPI definitions.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/meta.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api import openapi

Schema = dict[str, Any]


def resolve(schema: Schema | None) -> Schema | None:
    """Follow a ``$ref`` without copying (sibling keys of the reference are ignored).

    The list and patch extensions sit on the property schema, never on a reference,
    so callers read them before resolving.
    """
    if schema is None:
        return None
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return openapi.definitions().get(ref.rsplit("/", 1)[-1])


def field_schema(parent: Schema | None, key: str) -> Schema | None:
    """The unresolved schema of ``key`` in an object schema (a property, else additionalProperties)."""
    s = resolve(parent)
    if s is None:
        return None
    props = s.get("properties")
    if props is not None:
        sub = props.get(key)
        if sub is not None:
            return sub
    extra = s.get("additionalProperties")
    if isinstance(extra, dict):
        return extra
    return None


def items_schema(schema: Schema | None) -> Schema | None:
    s = resolve(schema)
    if s is None:
        return None
    it = s.get("items")
    return it if isinstance(it, dict) else None


@dataclass(slots=True)
class PatchMeta:
    """Mirrors: strategicpatch/types.go :: PatchMeta"""

    patch_strategies: list[str]
    patch_merge_key: str


_NO_META = PatchMeta([], "")


def lookup_patch_metadata(parent: Schema | None, key: str) -> tuple[Schema | None, PatchMeta]:
    """The field's schema (resolved) and its patch metadata.

    Differences: upstream fails on a field the schema does not declare; kubelab treats
    it as having no metadata (maps merge, lists are replaced).

    Mirrors: strategicpatch/meta.go :: PatchMetaFromOpenAPI.LookupPatchMetadataForStruct
    """
    sub = field_schema(parent, key)
    if sub is None:
        return None, _NO_META
    strategy, merge_key = openapi.patch_merge_key(sub)
    if not strategy and not merge_key:
        return resolve(sub), _NO_META
    strategies = strategy.split(",") if strategy else []
    return resolve(sub), PatchMeta(strategies, merge_key or "")
