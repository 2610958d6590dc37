"""A client per identity: every verb goes through kube-apiserver's handler chain.

Upstream: staging/src/k8s.io/client-go/rest (request.go) and client-go/dynamic (the verbs);
kubelab-only: requests are handed to the in-process server instead of sent over HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from typing import Any, Protocol

from kubelab import upstream
from kubelab.api import scheme
from kubelab.api.request import Request
from kubelab.api.scheme import ResourceInfo
from kubelab.engine.env import Env

Obj = dict[str, Any]

PATCH_CONTENT_TYPES = {
    "json": "application/json-patch+json",
    "merge": "application/merge-patch+json",
    "strategic": "application/strategic-merge-patch+json",
    "apply": "application/apply-patch+yaml",
}


class Watch(Protocol):
    """What ``watch`` returns: ``next()`` gives a SimPy event carrying a batch of events."""

    stopped: bool

    def next(self) -> Any: ...

    def stop(self) -> None: ...


def resource_path(info: ResourceInfo, namespace: str | None, name: str = "", subresource: str = "") -> str:
    """The REST path of a collection, object or subresource."""
    p = f"/apis/{info.group}/{info.version}" if info.group else f"/api/{info.version}"
    if info.namespaced and namespace:
        p += f"/namespaces/{namespace}"
    p += f"/{info.resource}"
    if name:
        p += f"/{name}"
    if subresource:
        p += f"/{subresource}"
    return p


class _Requests:
    """Builds requests for every verb; subclasses decide how a request is carried out."""

    def __init__(self, server: Any, token: str, user_agent: str, source: str = "", namespace: str = "default") -> None:
        self.server = server
        self.env: Env = server.env
        self.token = token
        self.user_agent = user_agent
        self.source = source or user_agent.split("/")[0]
        self.namespace = namespace
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _req(self, method: str, path: str, query: dict[str, str] | None = None, body: Any = None,
             content_type: str = "") -> Any:
        headers = dict(self._headers)
        if content_type:
            headers["Content-Type"] = content_type
        return Request(method, path, query or {}, body, headers, self.user_agent, self.source)

    def _ns(self, info: ResourceInfo, namespace: str | None, obj: Obj | None = None) -> str | None:
        if not info.namespaced:
            return None
        if namespace:
            return namespace
        if obj is not None and (obj.get("metadata") or {}).get("namespace"):
            return obj["metadata"]["namespace"]
        return self.namespace

    @staticmethod
    def _write_query(dry_run: bool, field_manager: str, field_validation: str) -> dict[str, str]:
        q: dict[str, str] = {}
        if dry_run:
            q["dryRun"] = "All"
        if field_manager:
            q["fieldManager"] = field_manager
        if field_validation:
            q["fieldValidation"] = field_validation
        return q

    def get_request(self, resource: str, name: str, namespace: str | None = None, *, subresource: str = "",
                    query: dict[str, str] | None = None) -> Any:
        info = scheme.resolve(resource)
        return self._req("GET", resource_path(info, self._ns(info, namespace), name, subresource), query)

    def list_request(self, resource: str, namespace: str | None = None, *, label_selector: str = "",
                     field_selector: str = "", resource_version: str = "", limit: int = 0,
                     continue_: str = "") -> Any:
        info = scheme.resolve(resource)
        q: dict[str, str] = {}
        if label_selector:
            q["labelSelector"] = label_selector
        if field_selector:
            q["fieldSelector"] = field_selector
        if resource_version:
            q["resourceVersion"] = resource_version
        if limit:
            q["limit"] = str(limit)
        if continue_:
            q["continue"] = continue_
        return self._req("GET", resource_path(info, namespace if info.namespaced else None), q)

    def watch_request(self, resource: str, namespace: str | None = None, *, resource_version: str = "",
                      label_selector: str = "", field_selector: str = "", allow_watch_bookmarks: bool = False,
                      send_initial_events: bool = False) -> Any:
        req = self.list_request(resource, namespace, label_selector=label_selector, field_selector=field_selector,
                                resource_version=resource_version)
        req.query["watch"] = "true"
        if allow_watch_bookmarks:
            req.query["allowWatchBookmarks"] = "true"
        if send_initial_events:
            req.query["sendInitialEvents"] = "true"
            req.query["resourceVersionMatch"] = "NotOlderThan"
        return req

    def create_request(self, resource: str, obj: Obj, namespace: str | None = None, *, subresource: str = "",
                       name: str = "", dry_run: bool = False, field_manager: str = "",
                       field_validation: str = "Strict") -> Any:
        info = scheme.resolve(resource)
        q = self._write_query(dry_run, field_manager, field_validation)
        return self._req("POST", resource_path(info, self._ns(info, namespace, obj), name, subresource), q, obj,
                         "application/json")

    def update_request(self, resource: str, obj: Obj, namespace: str | None = None, *, subresource: str = "",
                       dry_run: bool = False, field_manager: str = "", field_validation: str = "Strict") -> Any:
        info = scheme.resolve(resource)
        name = (obj.get("metadata") or {}).get("name", "")
        q = self._write_query(dry_run, field_manager, field_validation)
        return self._req("PUT", resource_path(info, self._ns(info, namespace, obj), name, subresource), q, obj,
                         "application/json")

    def patch_request(self, resource: str, name: str, patch: Any, namespace: str | None = None, *,
                      patch_type: str = "strategic", subresource: str = "", dry_run: bool = False,
                      field_manager: str = "", force: bool | None = None, field_validation: str = "Strict") -> Any:
        info = scheme.resolve(resource)
        ct = PATCH_CONTENT_TYPES.get(patch_type, patch_type)
        q = self._write_query(dry_run, field_manager, field_validation)
        if force is not None:
            q["force"] = "true" if force else "false"
        body = patch if isinstance(patch, str | bytes) else json.loads(json.dumps(patch))
        return self._req("PATCH", resource_path(info, self._ns(info, namespace), name, subresource), q, body, ct)

    def delete_request(self, resource: str, name: str, namespace: str | None = None, *,
                       propagation_policy: str | None = None, grace_period_seconds: int | None = None,
                       preconditions: Obj | None = None, dry_run: bool = False) -> Any:
        info = scheme.resolve(resource)
        opts: Obj = {"kind": "DeleteOptions", "apiVersion": "v1"}
        if propagation_policy:
            opts["propagationPolicy"] = propagation_policy
        if grace_period_seconds is not None:
            opts["gracePeriodSeconds"] = grace_period_seconds
        if preconditions:
            opts["preconditions"] = preconditions
        if dry_run:
            opts["dryRun"] = ["All"]
        return self._req("DELETE", resource_path(info, self._ns(info, namespace), name), {}, opts, "application/json")

    def raw_request(self, method: str, path: str, query: dict[str, str] | None = None, body: Any = None,
                    content_type: str = "", accept: str = "") -> Any:
        req = self._req(method.upper(), path, query, body, content_type)
        if accept:
            req.headers["Accept"] = accept
        return req


class Client(_Requests):
    """Every verb is a SimPy sub-process charging the latency model: ``obj = yield from c.get(...)``."""

    def _call(self, req: Any) -> Generator[Any, Any, Any]:
        server, env = self.server, self.env
        kind = server.begin(req)
        lat = env.latency.sample("api_request")
        slat = 0.0
        try:
            if lat:
                yield env.timeout(lat)
            try:
                result = server.handle(req)
            finally:
                slat = server.etcd.take_latency()
            if slat:
                yield env.timeout(slat)
        finally:
            server.end(kind, req, lat + slat)
        return result

    def get(self, resource: str, name: str, namespace: str | None = None, **kw: Any) -> Generator[Any, Any, Obj]:
        return self._call(self.get_request(resource, name, namespace, **kw))

    def list(self, resource: str, namespace: str | None = None, **kw: Any) -> Generator[Any, Any, Obj]:
        return self._call(self.list_request(resource, namespace, **kw))

    def watch(self, resource: str, namespace: str | None = None, **kw: Any) -> Generator[Any, Any, Watch]:
        return self._call(self.watch_request(resource, namespace, **kw))

    def create(self, resource: str, obj: Obj, namespace: str | None = None, **kw: Any) -> Generator[Any, Any, Obj]:
        return self._call(self.create_request(resource, obj, namespace, **kw))

    def update(self, resource: str, obj: Obj, namespace: str | None = None, **kw: Any) -> Generator[Any, Any, Obj]:
        return self._call(self.update_request(resource, obj, namespace, **kw))

    def update_status(self, resource: str, obj: Obj, namespace: str | None = None) -> Generator[Any, Any, Obj]:
        return self._call(self.update_request(resource, obj, namespace, subresource="status"))

    def patch(self, resource: str, name: str, patch: Any, namespace: str | None = None,
              **kw: Any) -> Generator[Any, Any, Obj]:
        return self._call(self.patch_request(resource, name, patch, namespace, **kw))

    def delete(self, resource: str, name: str, namespace: str | None = None, **kw: Any) -> Generator[Any, Any, Obj]:
        return self._call(self.delete_request(resource, name, namespace, **kw))

    def request(self, method: str, path: str, **kw: Any) -> Generator[Any, Any, Any]:
        return self._call(self.raw_request(method, path, **kw))


class DirectClient(_Requests):
    """The same verbs as plain calls, served at the current simulated instant (no latency)."""

    def _call(self, req: Any) -> Any:
        server = self.server
        kind = server.begin(req)
        try:
            return server.handle(req)
        finally:
            server.etcd.take_latency()
            server.end(kind, req, 0.0)

    def get(self, resource: str, name: str, namespace: str | None = None, **kw: Any) -> Obj:
        return self._call(self.get_request(resource, name, namespace, **kw))

    def list(self, resource: str, namespace: str | None = None, **kw: Any) -> Obj:
        return self._call(self.list_request(resource, namespace, **kw))

    def watch(self, resource: str, namespace: str | None = None, **kw: Any) -> Watch:
        return self._call(self.watch_request(resource, namespace, **kw))

    def create(self, resource: str, obj: Obj, namespace: str | None = None, **kw: Any) -> Obj:
        return self._call(self.create_request(resource, obj, namespace, **kw))

    def update(self, resource: str, obj: Obj, namespace: str | None = None, **kw: Any) -> Obj:
        return self._call(self.update_request(resource, obj, namespace, **kw))

    def update_status(self, resource: str, obj: Obj, namespace: str | None = None) -> Obj:
        return self._call(self.update_request(resource, obj, namespace, subresource="status"))

    def patch(self, resource: str, name: str, patch: Any, namespace: str | None = None, **kw: Any) -> Obj:
        return self._call(self.patch_request(resource, name, patch, namespace, **kw))

    def delete(self, resource: str, name: str, namespace: str | None = None, **kw: Any) -> Obj:
        return self._call(self.delete_request(resource, name, namespace, **kw))

    def request(self, method: str, path: str, **kw: Any) -> Any:
        return self._call(self.raw_request(method, path, **kw))


def user_agent(component: str) -> str:
    """client-go's default User-Agent: ``<binary>/<version> (<os>/<arch>) kubernetes/<commit>``."""
    return f"{component}/{upstream.KUBERNETES_VERSION} (linux/amd64) kubernetes/{upstream.GIT_COMMIT[:7]}"
