"""The served kinds' schemas in OpenAPI v3 shape, as ``/openapi/v3/<group-version>`` carries them.

kubelab keeps upstream's v1.34 definitions in JSON Schema form (``#/$defs/`` references,
nullable type lists, closed objects); the real API server publishes them in OpenAPI v3
form. This module rewrites one shape into the other.

kubelab-only: stands in for kube-openapi's builder3 generating the v3 schemas from the Go
types (staging/src/k8s.io/kube-openapi/pkg/builder3/openapi.go and the generated
zz_generated.openapi.go); the descriptions, GVK and list/patch extensions are upstream's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kubelab.api import openapi as oapi

Schema = dict[str, Any]

SCHEMA_PREFIX = "#/components/schemas/"
_DEFS_PREFIX = "#/$defs/"
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"

# Schemas whose Go types marshal themselves (OpenAPIV3OneOfTypes, OpenAPISchemaFormat).
_CUSTOM: dict[str, Schema] = {
    INT_OR_STRING: {"description": "IntOrString is a type that can hold an int32 or a string.  When used in JSON "
                    "or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows "
                    "you to have, for example, a JSON field that can accept a name or number.",
                    "format": "int-or-string", "oneOf": [{"type": "integer"}, {"type": "string"}]},
    QUANTITY: {"description": "Quantity is a fixed-point representation of a number. It provides convenient "
               "marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.",
               "oneOf": [{"type": "string"}, {"type": "number"}]},
    PATCH: {"description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request "
            "body.", "type": "object"},
}


def ref(name: str) -> Schema:
    return {"$ref": SCHEMA_PREFIX + name}


def referenced(schema: Any, out: list[str]) -> None:
    """Append the definition names ``schema`` references (JSON Schema form), in document order."""
    if isinstance(schema, dict):
        r = schema.get("$ref")
        if isinstance(r, str) and r.startswith(_DEFS_PREFIX):
            out.append(r[len(_DEFS_PREFIX):])
        for k, v in schema.items():
            if k != "$ref":
                referenced(v, out)
    elif isinstance(schema, list):
        for v in schema:
            referenced(v, out)


def closure(roots: list[str]) -> list[str]:
    """Every definition reachable from ``roots``, sorted by name."""
    defs = oapi.definitions()
    seen: dict[str, None] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen[name] = None
        d = defs.get(name)
        if d is not None:
            found: list[str] = []
            referenced(d, found)
            todo.extend(n for n in found if n not in seen)
    return sorted(seen)


def _convert(schema: Any, top: bool) -> Any:
    if isinstance(schema, list):
        return [_convert(v, False) for v in schema]
    if not isinstance(schema, dict):
        return schema
    out: Schema = {}
    target = None
    for k, v in schema.items():
        if k == "$ref" and isinstance(v, str):
            target = SCHEMA_PREFIX + v[len(_DEFS_PREFIX):] if v.startswith(_DEFS_PREFIX) else v
        elif k == "type":
            types = [t for t in (v if isinstance(v, list) else [v]) if t != "null"]
            if types:
                out["type"] = types[0]
        elif k == "additionalProperties" and v is False:
            continue
        elif k == "properties" and isinstance(v, dict):
            props = {}
            for pname, p in v.items():
                cp = _convert(p, False)
                if top and pname in ("apiVersion", "kind") and isinstance(cp, dict):
                    cp.pop("enum", None)  # upstream documents these as free strings
                props[pname] = cp
            out["properties"] = props
        else:
            out[k] = _convert(v, False)
    if target is None:
        return out
    if not out:
        return {"$ref": target}
    # builder3 wraps a reference that carries its own description in allOf.
    return {"allOf": [{"$ref": target}], **out}


@cache
def v3_schema(name: str) -> Schema:
    """One definition in OpenAPI v3 form (shared: do not modify)."""
    if name in _CUSTOM:
        return _CUSTOM[name]
    d = oapi.definitions().get(name)
    if d is None:
        return {"type": "object"}
    return _convert(d, True)
