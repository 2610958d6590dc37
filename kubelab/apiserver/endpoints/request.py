"""A request, and what its path says: verb, group, version, resource, name, subresource.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kubelab.api.request import Request

__all__ = ["Request", "RequestInfo", "new_request_info"]

API_PREFIXES = ("api", "apis")
GROUPLESS_API_PREFIXES = ("api",)
# Subresources that name a namespace's children (/namespaces/{ns}/status etc.)
NAMESPACE_SUBRESOURCES = ("status", "finalize")
SPECIAL_VERBS = ("proxy", "watch")


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """Mirrors: endpoints/request/requestinfo.go :: RequestInfo"""

    is_resource_request: bool
    path: str
    verb: str
    api_prefix: str = ""
    api_group: str = ""
    api_version: str = ""
    namespace: str = ""
    resource: str = ""
    subresource: str = ""
    name: str = ""
    parts: tuple[str, ...] = ()


def _http_verb_to_api_verb(method: str, has_name: bool, query: dict[str, str]) -> str:
    m = method.upper()
    if m == "POST":
        return "create"
    if m in ("GET", "HEAD"):
        return "get" if has_name else "list"
    if m == "PUT":
        return "update"
    if m == "PATCH":
        return "patch"
    if m == "DELETE":
        return "delete" if has_name else "deletecollection"
    return m.lower()


def _true(v: str | None) -> bool:
    return v is not None and v.lower() in ("true", "1")


def new_request_info(method: str, path: str, query: dict[str, str] | None = None) -> RequestInfo:
    """Resolve a REST path into a RequestInfo.

    Mirrors: requestinfo.go :: (*RequestInfoFactory).NewRequestInfo
    """
    q = query or {}
    return _resolve(method.upper(), path, _true(q.get("watch")), "fieldSelector" in q and q["fieldSelector"])


@lru_cache(maxsize=4096)
def _resolve(method: str, path: str, watch_param: bool, field_selector: Any) -> RequestInfo:
    parts = tuple(p for p in path.strip("/").split("/") if p) if path.strip("/") else ()
    non_resource = RequestInfo(False, path, method.lower(), parts=parts)
    if len(parts) < 2 or parts[0] not in API_PREFIXES:
        return non_resource
    prefix = parts[0]
    rest = list(parts[1:])
    group = ""
    if prefix not in GROUPLESS_API_PREFIXES:
        if len(rest) < 2:
            return non_resource
        group = rest.pop(0)
    version = rest.pop(0)
    if not rest:
        return non_resource
    verb = ""
    if rest[0] in SPECIAL_VERBS:
        if len(rest) < 2:
            return non_resource
        verb = rest.pop(0)
    namespace = ""
    if rest[0] == "namespaces":
        if len(rest) > 1:
            namespace = rest[1]
            # /namespaces/{ns}/{resource}... or the namespace itself
            if len(rest) > 2 and rest[2] not in NAMESPACE_SUBRESOURCES:
                rest = rest[2:]
            else:
                rest = ["namespaces"] + ([namespace] + rest[2:])
                namespace = namespace if len(rest) > 1 else ""
    resource = rest[0] if rest else ""
    name = rest[1] if len(rest) > 1 else ""
    subresource = rest[2] if len(rest) > 2 else ""
    if resource == "namespaces" and name:
        namespace = name
    if not verb:
        verb = _http_verb_to_api_verb(method, bool(name), {})
        if verb == "list" and watch_param:
            verb = "watch"
    # a list with fieldSelector metadata.name=x is a get of one name for authorization
    if verb in ("list", "watch") and isinstance(field_selector, str) and field_selector.startswith("metadata.name="):
        v = field_selector[len("metadata.name="):]
        if v and "," not in v:
            name = v
    return RequestInfo(True, path, verb, prefix, group, version, namespace, resource, subresource, name, parts)
