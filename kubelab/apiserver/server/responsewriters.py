"""Writing answers: objects, Tables, Status errors and plain text, with their headers.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/writers.go
(WriteObjectNegotiated, ErrorNegotiated, WriteRawJSON), handlers/response.go
(transformResponseObject, asTable, asPartialObjectMetadata[List]),
staging/src/k8s.io/apiserver/pkg/endpoints/filters/warning.go (the Warning header)
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from kubelab.api import errors, scheme
from kubelab.apiserver import printers
from kubelab.apiserver.server import negotiation
from kubelab.apiserver.server.negotiation import Target

Obj = dict[str, Any]
TEXT = "text/plain; charset=utf-8"
WARNING_CODE = 299
WARNING_AGENT = "-"


@dataclass(slots=True)
class Response:
    """A complete (non-streaming) answer."""

    code: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


def encode(obj: Any, media_type: str = negotiation.JSON) -> bytes:
    if media_type == negotiation.YAML:
        return yaml.safe_dump(obj, sort_keys=False, allow_unicode=True).encode()
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def warning_header(text: str) -> str:
    """Mirrors: apimachinery/pkg/util/net/http.go :: NewWarningHeader (``299 - "text"``)"""
    return f"{WARNING_CODE} {WARNING_AGENT} {json.dumps(text)}"


def warning_headers(warnings: list[str]) -> list[tuple[str, str]]:
    """One Warning header per distinct text, in the order they were raised."""
    seen: dict[str, None] = {}
    for w in warnings:
        if w:
            seen.setdefault(w, None)
    return [("Warning", warning_header(w)) for w in seen]


def status_response(err: errors.ApiError, target: Target | None = None) -> Response:
    """Mirrors: responsewriters/status.go :: ErrorToAPIStatus and writers.go :: ErrorNegotiated"""
    st = dict(err.status)
    st.setdefault("kind", "Status")
    st.setdefault("apiVersion", "v1")
    st.setdefault("metadata", {})
    st.setdefault("status", "Failure")
    st.setdefault("code", err.code)
    headers = []
    retry = (st.get("details") or {}).get("retryAfterSeconds")
    if retry and err.code in (429, 500, 503, 504):
        headers.append(("Retry-After", str(retry)))
    mt = target.media_type if target is not None and target.media_type == negotiation.YAML else negotiation.JSON
    return Response(err.code, encode(st, mt), mt, headers)


def resource_info_for(ri: Any) -> scheme.ResourceInfo | None:
    """The served resource a RequestInfo names (None for non-resource paths)."""
    if ri is None or not ri.is_resource_request:
        return None
    return scheme.by_group_resource(ri.api_group, ri.resource)


def transform(result: Obj, target: Target, ri: Any, query: dict[str, str], now: float,
              no_headers: bool = False, owned: bool = True) -> Obj:
    """A read's result in the representation the client negotiated.

    Mirrors: handlers/response.go :: doTransformObject (asTable, asPartialObjectMetadata,
    asPartialObjectMetadataList); a Status passes unchanged.
    """
    if not target.convert or result.get("kind") == "Status":
        return result
    info = resource_info_for(ri)
    is_list = "items" in result and isinstance(result.get("items"), list)
    gv = f"{negotiation.META_GROUP}/{target.version}"
    if target.convert == "Table":
        if info is None or (ri.subresource and ri.subresource != "status"):
            raise _not_acceptable(f"no Table exists for {ri.resource}/{ri.subresource}" if ri else "no Table exists")
        # A read's result is the caller's own copy (watch events are not): rows may share it.
        table = printers.to_table(info, result, now, include_object=query.get("includeObject", "Metadata"),
                                  no_headers=no_headers, copy_objects=not owned)
        table["apiVersion"] = gv
        for row in table["rows"]:
            o = row.get("object")
            if isinstance(o, dict) and o.get("kind") == "PartialObjectMetadata":
                o["apiVersion"] = gv
        return table
    if target.convert == "PartialObjectMetadata":
        if is_list:
            raise _not_acceptable(f"you requested PartialObjectMetadata, but the requested object is a list "
                                  f"(*{info.kind if info else ''}List)")
        return _partial(result, gv, owned)
    if not is_list:
        raise _not_acceptable("you requested PartialObjectMetadataList, but the requested object is not a list "
                              f"(*{result.get('kind', '')})")
    return {"kind": "PartialObjectMetadataList", "apiVersion": gv, "metadata": result.get("metadata") or {},
            "items": [_partial(o, gv, owned) for o in result["items"]]}


def _partial(obj: Obj, gv: str, owned: bool = False) -> Obj:
    m = obj.get("metadata") or {}
    return {"kind": "PartialObjectMetadata", "apiVersion": gv, "metadata": m if owned else copy.deepcopy(m)}


def _not_acceptable(message: str) -> errors.ApiError:
    return errors.NotAcceptable(errors.status(406, "NotAcceptable", message, {}))


def discovery_content_type(result: Obj) -> str | None:
    """Aggregated discovery answers name their version in the Content-Type."""
    if result.get("kind") != "APIGroupDiscoveryList":
        return None
    version = str(result.get("apiVersion", "")).rpartition("/")[2]
    return f"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList"


def success_code(method: str, result: Obj) -> int:
    """Mirrors: the status codes of handlers/{create,delete,update,patch}.go for a successful call."""
    if result.get("kind") == "Status":
        code = result.get("code")
        return int(code) if isinstance(code, int) and code else 200
    return 201 if method == "POST" else 200
