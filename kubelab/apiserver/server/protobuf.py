r"""Reading ``application/vnd.kubernetes.protobuf`` request bodies into wire-shape dicts.

A body is the magic ``k8s\x00`` and a runtime.Unknown envelope (typeMeta, raw); ``raw``
is the object's message, read with the field tables of generated.py. Anything those
tables do not cover is refused with a 415 that names the YAML alternative.

Upstream: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go
(Serializer.Decode: the prefix and runtime.Unknown), pkg/runtime/generated.proto (Unknown),
and the gogo-protobuf wire format of the generated.pb.go Unmarshal methods
"""

from __future__ import annotations

import base64
import datetime
from typing import Any

from kubelab.api import errors
from kubelab.apiserver.server.generated import KINDS, MESSAGES

PROTOBUF = "application/vnd.kubernetes.protobuf"
MAGIC = b"k8s\x00"
UNSUPPORTED = ("the body of the request was in an unknown format - accepted media types include: "
               "application/json, application/yaml. kubelab reads protobuf only for what kubectl's create "
               "generators send ({why}); send YAML instead, for example: kubectl create ... --dry-run=client "
               "-o yaml | kubectl apply -f -")


class DecodeError(ValueError):
    pass


def _varint(b: bytes, i: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        if i >= len(b):
            raise DecodeError("truncated varint")
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        if x < 0x80:
            return result, i
        shift += 7
        if shift > 63:
            raise DecodeError("varint overflow")


def fields(b: bytes) -> list[tuple[int, int, Any]]:
    """(field number, wire type, value) of each field of one message, in order."""
    out: list[tuple[int, int, Any]] = []
    i = 0
    while i < len(b):
        tag, i = _varint(b, i)
        num, wt = tag >> 3, tag & 7
        if wt == 0:
            v, i = _varint(b, i)
            out.append((num, wt, v))
        elif wt == 2:
            n, i = _varint(b, i)
            if i + n > len(b):
                raise DecodeError("truncated field")
            out.append((num, wt, b[i:i + n]))
            i += n
        elif wt == 1:
            out.append((num, wt, b[i:i + 8]))
            i += 8
        elif wt == 5:
            out.append((num, wt, b[i:i + 4]))
            i += 4
        else:
            raise DecodeError(f"unsupported wire type {wt}")
    return out


def _signed(v: int) -> int:
    return v - (1 << 64) if v >= 1 << 63 else v


def _empty(wt: int, v: Any) -> bool:
    return (wt == 0 and v == 0) or (wt == 2 and not v)


def _scalar(typ: str, wt: int, v: Any, where: str) -> Any:
    if typ in ("s", "b", "quantity", "time", "intstr") and wt != 2:
        raise DecodeError(f"{where}: wire type {wt}")
    if typ == "s":
        return v.decode("utf-8")
    if typ == "b":
        return base64.b64encode(v).decode()
    if typ == "i":
        if wt != 0:
            raise DecodeError(f"{where}: wire type {wt}")
        return _signed(v)
    if typ == "bool":
        if wt != 0:
            raise DecodeError(f"{where}: wire type {wt}")
        return bool(v)
    if typ == "quantity":
        for num, fwt, fv in fields(v):
            if num == 1 and fwt == 2:
                return fv.decode()
        return "0"
    if typ == "time":
        secs = nanos = 0
        for num, fwt, fv in fields(v):
            if num == 1 and fwt == 0:
                secs = _signed(fv)
            elif num == 2 and fwt == 0:
                nanos = fv
        if not secs and not nanos:
            return None
        t = datetime.datetime.fromtimestamp(secs, datetime.UTC)
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    if typ == "intstr":
        kind, ival, sval = 0, 0, ""
        for num, fwt, fv in fields(v):
            if num == 1 and fwt == 0:
                kind = fv
            elif num == 2 and fwt == 0:
                ival = _signed(fv)
            elif num == 3 and fwt == 2:
                sval = fv.decode()
        return sval if kind == 1 else ival
    return decode_message(typ, v, where)


def _zero(x: Any) -> bool:
    return x is None or x == "" or x == 0 or x is False or x == {} or x == []


def decode_message(name: str, data: bytes, where: str = "") -> dict[str, Any]:
    """One message as a dict with JSON field names, zero values left out (omitempty)."""
    table = MESSAGES.get(name)
    where = f"{where}.{name}" if where else name
    if table is None:
        raise DecodeError(f"no table for {where}")
    out: dict[str, Any] = {}
    for num, wt, v in fields(data):
        spec = table.get(num)
        if spec is None:
            if _empty(wt, v):
                continue
            raise DecodeError(f"field {num} of {where}")
        key, typ = spec
        if typ == "-":
            continue
        keep = typ.startswith("*")
        typ = typ.lstrip("*")
        if typ.startswith("inline:"):
            out.update(decode_message(typ[len("inline:"):], v, where))
        elif typ.startswith("[]"):
            item = typ[2:]
            val = v.decode("utf-8") if item == "s" and wt == 2 else _scalar(item, wt, v, f"{where}.{key}")
            out.setdefault(key, []).append(val)
        elif typ.startswith("map:"):
            k, val = "", None
            for enum, ewt, ev in fields(v):
                if enum == 1 and ewt == 2:
                    k = ev.decode("utf-8")
                elif enum == 2:
                    val = _scalar(typ[len("map:"):], ewt, ev, f"{where}.{key}")
            out.setdefault(key, {})[k] = "" if val is None else val
        else:
            val = _scalar(typ, wt, v, f"{where}.{key}")
            if keep or not _zero(val):
                out[key] = val
    return out


def decode(body: bytes) -> dict[str, Any]:
    """A protobuf request body as the object it carries (wire-shape dict with apiVersion and kind).

    Raises:
        UnsupportedMediaType: when the body is not a kubelab-readable protobuf object.

    Mirrors: runtime/serializer/protobuf/protobuf.go :: (*Serializer).Decode
    """
    try:
        if not body.startswith(MAGIC):
            raise DecodeError("the body does not start with the protobuf prefix")
        api_version = kind = ""
        raw = b""
        for num, wt, v in fields(body[len(MAGIC):]):
            if num == 1 and wt == 2:
                for tnum, twt, tv in fields(v):
                    if tnum == 1 and twt == 2:
                        api_version = tv.decode()
                    elif tnum == 2 and twt == 2:
                        kind = tv.decode()
            elif num == 2 and wt == 2:
                raw = v
            elif num == 3 and wt == 2 and v:
                raise DecodeError("content encodings are not supported")
        name = KINDS.get((api_version, kind))
        if name is None:
            raise DecodeError(f"{kind or 'an object'} ({api_version or 'no apiVersion'}) is not one of them")
        obj = decode_message(name, raw)
    except (DecodeError, UnicodeDecodeError) as e:
        raise errors.new_unsupported_media_type(UNSUPPORTED.format(why=e)) from None
    return {"apiVersion": api_version, "kind": kind, **obj}
