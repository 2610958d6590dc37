"""Strict decoding of a request body against the kind's schema, as the API server does.

The API server unmarshals a body into the Go struct of its kind: fields the struct lacks
are "unknown" (``strict decoding error: unknown field "spec.foo"`` in Strict mode, a
warning in Warn mode, silently dropped in Ignore mode) and a value of the wrong JSON type
fails in every mode with encoding/json's words, naming the innermost struct, the dotted
path from the root and the Go type (``json: cannot unmarshal string into Go struct field
DeploymentSpec.spec.replicas of type int32``). Quantities, times and base64 bytes go
through their own unmarshalers (unmarshal.py) and come back in the form the server
would store.

Each kind's schema is compiled once into checkers: a fast one that copies a well-formed
body in one pass, and a precise one, run only when the fast one meets anything unusual,
that reproduces upstream's error order (first type error wins, hard unmarshaler errors
abort at once, unknown fields are listed in body order). Real kubectl sends JSON with
keys sorted, so callers that mimic it should sort keys before decoding.

Upstream: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go,
sigs.k8s.io/json (strict unknown-field paths), encoding/json decode.go (type errors),
staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go :: transformDecodeError
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from kubelab.api import errors
from kubelab.api import openapi as oa
from kubelab.api.openapi.gotypes import go_struct_name, named_type
from kubelab.api.openapi.unmarshal import (
    RFC3339,
    RFC3339_MICRO,
    UnmarshalError,
    base64_canonical,
    canonical_quantity,
    parse_time,
)

STRICT, WARN, IGNORE = "Strict", "Warn", "Ignore"
MIN_INT32, MAX_INT32 = -(1 << 31), (1 << 31) - 1
MIN_INT64, MAX_INT64 = -(1 << 63), (1 << 63) - 1

(K_STRING, K_INT32, K_INT64, K_BOOL, K_STRUCT, K_ARRAY, K_MAP, K_QUANTITY, K_INTSTR, K_TIME,
 K_MICROTIME, K_BYTES, K_ANY) = range(13)

_SPECIAL = {
    "io.k8s.apimachinery.pkg.api.resource.Quantity": (K_QUANTITY, "resource.Quantity"),
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": (K_INTSTR, "intstr.IntOrString"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": (K_TIME, "v1.Time"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": (K_MICROTIME, "v1.MicroTime"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": (K_ANY, "v1.FieldsV1"),
    "io.k8s.apimachinery.pkg.runtime.RawExtension": (K_ANY, "runtime.RawExtension"),
}


class _Slow(Exception):
    """The fast path met something that needs the precise walk."""


@dataclass(slots=True, eq=False)
class _Type:
    kind: int
    go: str
    struct: _Struct | None = None
    elem: _Type | None = None
    fast: Any = None


@dataclass(slots=True, eq=False)
class _Struct:
    name: str  # Go type name without package: errors name the struct like this
    fields: dict[str, _Type] = field(default_factory=dict)
    table: dict[str, Any] = field(default_factory=dict)


_STR = object()  # fast-path marker: a plain string field, checked inline


@cache
def _struct(definition: str) -> _Struct:
    st = _Struct(definition.rsplit(".", 1)[-1])
    schema = oa.definitions()[definition]
    for prop, sub in (schema.get("properties") or {}).items():
        st.fields[prop] = _compile(sub, definition, prop)
    for prop, t in st.fields.items():
        st.table[prop] = t.fast
    return st


def _compile(schema: oa.Schema, owner: str, prop: str, named: str | None = None) -> _Type:
    ref = oa.ref_name(schema)
    if ref is not None:
        if ref in _SPECIAL:
            kind, go = _SPECIAL[ref]
            return _finish(_Type(kind, go))
        return _finish(_Type(K_STRUCT, go_struct_name(ref), struct=_struct(ref)))
    named = named if named is not None else named_type(owner, prop)
    types = oa.types(schema)
    if "array" in types:
        elem_name = named[2:] if named and named.startswith("[]") else None
        elem = _compile(schema.get("items") or {}, owner, prop, elem_name or "")
        return _finish(_Type(K_ARRAY, "[]" + elem.go, elem=elem))
    if "object" in types:
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            value_name = named[named.index("]") + 1:] if named and named.startswith("map[") else ""
            elem = _compile(extra, owner, prop, value_name)
            go = named or ("v1.ResourceList" if elem.kind == K_QUANTITY else "map[string]" + elem.go)
            return _finish(_Type(K_MAP, go, elem=elem))
        return _finish(_Type(K_ANY, "map[string]interface {}"))
    if "integer" in types:
        return _finish(_Type(K_INT64, "int64") if schema.get("format") == "int64" else _Type(K_INT32, "int32"))
    if "boolean" in types:
        return _finish(_Type(K_BOOL, "bool"))
    if "string" in types and schema.get("format") == "byte":
        return _finish(_Type(K_BYTES, "[]uint8"))
    return _finish(_Type(K_STRING, named or "string"))


# -- the fast path: copy a well-formed body, raise _Slow on anything else ------------------


def _finish(t: _Type) -> _Type:
    t.fast = _fast_for(t)
    return t


def _fast_for(t: _Type) -> Any:
    k = t.kind
    if k == K_STRING:
        return _STR
    if k == K_STRUCT:
        return _fast_struct(t.struct)  # type: ignore[arg-type]
    if k in (K_ARRAY, K_MAP):
        elem = t.elem.fast  # type: ignore[union-attr]
        if elem is _STR:
            return _fast_str_list if k == K_ARRAY else _fast_str_map
        return _fast_list(elem) if k == K_ARRAY else _fast_map(elem)
    return _FAST_SCALARS[k]


def _fast_struct(st: _Struct) -> Any:
    table = st.table

    def fast(o: Any, _table: dict[str, Any] = table, _str: type = str, _dict: type = dict) -> Any:
        if o.__class__ is not _dict:
            if o is None:
                return None
            raise _Slow
        out = {}
        for k, v in o.items():  # type: ignore[attr-defined]
            c = _table.get(k)
            if c is _STR:
                if v.__class__ is not _str and v is not None:
                    raise _Slow
            elif c is None:
                raise _Slow
            else:
                v = c(v)
            out[k] = v
        return out

    return fast


def _fast_list(elem: Any) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is not list:
            if v is None:
                return None
            raise _Slow
        return [elem(x) for x in v]

    return fast


def _fast_map(elem: Any) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is not dict:
            if v is None:
                return None
            raise _Slow
        return {k: elem(x) for k, x in v.items()}

    return fast


def _fast_str_list(v: Any) -> Any:
    if v.__class__ is not list:
        if v is None:
            return None
        raise _Slow
    for x in v:
        if x.__class__ is not str and x is not None:
            raise _Slow
    return list(v)


def _fast_str_map(v: Any) -> Any:
    if v.__class__ is not dict:
        if v is None:
            return None
        raise _Slow
    for x in v.values():
        if x.__class__ is not str and x is not None:
            raise _Slow
    return dict(v)


def _fast_int(lo: int, hi: int) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is int and lo <= v <= hi or v is None:
            return v
        raise _Slow

    return fast


def _fast_bool(v: Any) -> Any:
    if v.__class__ is bool or v is None:
        return v
    raise _Slow


def _fast_quantity(v: Any) -> Any:
    if v.__class__ is str:
        try:
            return canonical_quantity(v)
        except ValueError:
            raise _Slow from None
    if v.__class__ is int:  # a JSON number: the unmarshaler parses its text
        try:
            return canonical_quantity(str(v))
        except ValueError:
            raise _Slow from None
    if v is None:
        return None
    raise _Slow


def _fast_intstr(v: Any) -> Any:
    if v.__class__ is str or v is None or v.__class__ is int and MIN_INT32 <= v <= MAX_INT32:
        return v
    raise _Slow


def _fast_time(layout: str) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is str:
            try:
                return parse_time(v, layout)
            except UnmarshalError:
                raise _Slow from None
        if v is None:
            return None
        raise _Slow

    return fast


def _fast_bytes(v: Any) -> Any:
    if v.__class__ is str:
        canonical, err = base64_canonical(v)
        if err is None:
            return canonical
    elif v is None:
        return None
    raise _Slow


def _fast_any(v: Any) -> Any:
    """A copy of every dict and list in ``v`` (free-form fields: FieldsV1, RawExtension)."""
    t = v.__class__
    if t is dict:
        return _copy_dict(v)
    if t is list:
        return [_fast_any(x) for x in v]
    return v


def _copy_dict(v: dict[str, Any]) -> dict[str, Any]:
    # FieldsV1 is mostly empty maps: copy those and scalars without a call per value.
    out: dict[str, Any] = {}
    for k, x in v.items():
        t = x.__class__
        if t is dict:
            out[k] = _copy_dict(x) if x else {}
        elif t is list:
            out[k] = [_fast_any(y) for y in x]
        else:
            out[k] = x
    return out


_FAST_SCALARS = {
    K_INT32: _fast_int(MIN_INT32, MAX_INT32), K_INT64: _fast_int(MIN_INT64, MAX_INT64),
    K_BOOL: _fast_bool, K_QUANTITY: _fast_quantity, K_INTSTR: _fast_intstr,
    K_TIME: _fast_time(RFC3339), K_MICROTIME: _fast_time(RFC3339_MICRO), K_BYTES: _fast_bytes,
    K_ANY: _fast_any,
}


# -- the precise walk ------------------------------------------------------------------------


@dataclass(slots=True)
class _Walk:
    strict: list[str] = field(default_factory=list)
    saved: str | None = None

    def save(self, msg: str) -> None:
        if self.saved is None:
            self.saved = msg


def go_float_text(x: float) -> str:
    """The text Go's encoding/json writes for a float64 (shortest digits, 'e' only at extremes)."""
    if x != 0 and (abs(x) < 1e-6 or abs(x) >= 1e21):
        text = repr(x)
        return re.sub(r"e-0(\d)$", r"e-\1", text)
    text = format(Decimal(repr(x)), "f")
    return text[:-2] if text.endswith(".0") else text


def _json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, str):
        return "string"
    return "array" if isinstance(v, list) else "object"


def _number_text(v: int | float) -> str:
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return str(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
        return str(int(v))
    return go_float_text(v) if isinstance(v, float) else str(v)


def _type_error(v: Any, go: str, struct: str, path: str) -> str:
    what = _json_kind(v)
    return f"json: cannot unmarshal {what} into Go struct field {struct}.{path} of type {go}"


def _int_value(v: Any, lo: int, hi: int) -> tuple[Any, str | None]:
    """(decoded int, None) or (None, encoding/json's value description for the error)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None, _json_kind(v)
    text = _number_text(v)
    if re.fullmatch(r"-?\d+", text) and lo <= int(text) <= hi:
        return int(text), None
    return None, "number " + text


def _normalise(v: Any) -> Any:
    # YAML loaders turn unquoted timestamps into datetimes; kubectl would send strings.
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(_dt.UTC).replace(tzinfo=None)
        return v.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    return v


def _slow(v: Any, t: _Type, sp: str, fp: str, struct: str, w: _Walk) -> Any:
    """Decode ``v`` as ``t``; ``sp`` is the strict path, ``fp`` Go's field path."""
    v = _normalise(v)
    if v is None:
        return None
    k = t.kind
    if k == K_STRUCT:
        if not isinstance(v, dict):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        st = t.struct
        out = {}
        for key, x in v.items():
            f = st.fields.get(key)  # type: ignore[union-attr]
            child = f"{sp}.{key}" if sp else key
            if f is None:
                w.strict.append(f'unknown field "{child}"')
                continue
            out[key] = _slow(x, f, child, f"{fp}.{key}" if fp else key, st.name, w)  # type: ignore[union-attr]
        return out
    if k == K_ARRAY:
        if not isinstance(v, list):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        return [_slow(x, t.elem, f"{sp}[{i}]", fp, struct, w) for i, x in enumerate(v)]  # type: ignore[arg-type]
    if k == K_MAP:
        if not isinstance(v, dict):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        return {key: _slow(x, t.elem, f"{sp}.{key}", fp, struct, w) for key, x in v.items()}  # type: ignore[arg-type]
    if k == K_STRING or k == K_BOOL:
        if isinstance(v, str if k == K_STRING else bool):
            return v
        w.save(_type_error(v, t.go, struct, fp))
        return None
    if k in (K_INT32, K_INT64):
        lo, hi = (MIN_INT32, MAX_INT32) if k == K_INT32 else (MIN_INT64, MAX_INT64)
        n, what = _int_value(v, lo, hi)
        if what is not None:
            w.save(f"json: cannot unmarshal {what} into Go struct field {struct}.{fp} of type {t.go}")
        return n
    if k == K_QUANTITY:
        text = v.strip() if isinstance(v, str) else _go_json_text(v)
        try:
            return canonical_quantity(text)
        except ValueError as err:
            raise UnmarshalError(str(err)) from None
    if k == K_INTSTR:
        if isinstance(v, str):
            return v
        n, what = _int_value(v, MIN_INT32, MAX_INT32)
        if what is not None:
            raise UnmarshalError(f"json: cannot unmarshal {what} into Go struct field {struct}.{fp} of type int32")
        return n
    if k in (K_TIME, K_MICROTIME):
        if not isinstance(v, str):
            raise UnmarshalError(_type_error(v, "string", struct, fp))
        return parse_time(v, RFC3339 if k == K_TIME else RFC3339_MICRO)
    if k == K_BYTES:
        if not isinstance(v, str):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        canonical, problem = base64_canonical(v)
        if problem is not None:
            w.save(problem)
        return canonical
    return _fast_any(v)


def _go_json_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return _number_text(v)
    return json.dumps(v, separators=(",", ":"))


# -- entry point ---------------------------------------------------------------------------


@cache
def _root(group: str, version: str, kind: str) -> _Type | None:
    name = oa.definition_name(group, version, kind)
    if name is None:
        return None
    return _finish(_Type(K_STRUCT, go_struct_name(name), struct=_struct(name)))


def decode(obj: dict[str, Any], group: str, version: str, kind: str,
           field_validation: str = STRICT) -> tuple[dict[str, Any], list[str]]:
    """Decode a request body as the API server does, returning (cleaned copy, warnings).

    Mirrors: serializer/json.go :: (*Serializer).Decode with strict errors, and
    handlers/create.go's handling of the fieldValidation directive.

    Raises:
        kubelab.api.errors.BadRequest: on a type error (any mode), an unmarshaler error,
            or unknown fields in Strict mode.
    """
    mode = field_validation or STRICT
    if mode not in (STRICT, WARN, IGNORE):
        raise ValueError(f'fieldValidation must be one of "Ignore", "Warn", or "Strict", got {mode!r}')
    t = _root(group, version, kind)
    if t is None:
        return _fast_any(obj), []
    try:
        return t.fast(obj), []
    except _Slow:
        pass
    w = _Walk()
    prefix = f'{kind} in version "{version}" cannot be handled as a {kind}: '
    if not isinstance(obj, dict):
        raise errors.new_bad_request(
            prefix + f"json: cannot unmarshal {_json_kind(obj)} into Go value of type {t.go}")
    try:
        out = _slow(obj, t, "", "", t.struct.name, w)  # type: ignore[union-attr]
    except UnmarshalError as err:
        raise errors.new_bad_request(prefix + str(err)) from None
    if w.saved is not None:
        raise errors.new_bad_request(prefix + w.saved)
    if w.strict and mode == STRICT:
        raise errors.new_bad_request(prefix + "strict decoding error: " + ", ".join(w.strict))
    return out, (w.strict if mode == WARN else [])
