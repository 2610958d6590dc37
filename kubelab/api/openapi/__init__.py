"""The upstream v1.34 OpenAPI definitions of every served kind.

kubelab-only: the definitions are upstream's (extracted by tools/extract_openapi.py);
this module only loads them and walks references. Strict decoding, strategic-merge
list keys and `kubectl explain` all read them from here.
"""

from __future__ import annotations

import gzip
import json
import pathlib
from functools import cache
from typing import Any

_FILE = pathlib.Path(__file__).with_name("definitions.json.gz")

Schema = dict[str, Any]


@cache
def definitions() -> dict[str, Schema]:
    """All definitions by name (``io.k8s.api.core.v1.Pod``)."""
    return json.loads(gzip.decompress(_FILE.read_bytes()))["definitions"]


@cache
def _by_gvk() -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for name, d in definitions().items():
        for gvk in d.get("x-kubernetes-group-version-kind", ()):
            out.setdefault((gvk["group"], gvk["version"], gvk["kind"]), name)
    return out


def definition_name(group: str, version: str, kind: str) -> str | None:
    return _by_gvk().get((group, version, kind))


def for_kind(group: str, version: str, kind: str) -> Schema | None:
    name = definition_name(group, version, kind)
    return definitions()[name] if name else None


def ref_name(schema: Schema) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def deref(schema: Schema) -> Schema:
    """Follow ``$ref`` (once; definitions never chain references)."""
    name = ref_name(schema)
    if name is None:
        return schema
    target = definitions()[name]
    if len(schema) == 1:
        return target
    merged = dict(target)
    merged.update({k: v for k, v in schema.items() if k != "$ref"})
    return merged


def types(schema: Schema) -> tuple[str, ...]:
    """The JSON types a schema allows, without "null" (``("integer",)``)."""
    t = schema.get("type")
    if t is None:
        return ()
    if isinstance(t, str):
        return (t,)
    return tuple(x for x in t if x != "null")


def child(schema: Schema, key: str) -> Schema | None:
    """The schema of ``key`` inside an object schema (properties or additionalProperties)."""
    s = deref(schema)
    props = s.get("properties")
    if props and key in props:
        return deref(props[key])
    extra = s.get("additionalProperties")
    if isinstance(extra, dict):
        return deref(extra)
    return None


def items(schema: Schema) -> Schema | None:
    s = deref(schema)
    it = s.get("items")
    return deref(it) if isinstance(it, dict) else None


def patch_merge_key(schema: Schema) -> tuple[str | None, str | None]:
    """(x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key) of a list field's schema."""
    return schema.get("x-kubernetes-patch-strategy"), schema.get("x-kubernetes-patch-merge-key")
