"""kube-apiserver: the server chain over the registry, storage and watch cache.

Upstream: cmd/kube-apiserver/app/server.go (Run: Complete, Validate, CreateServerChain,
PrepareRun, Run), pkg/controlplane/instance.go, staging/src/k8s.io/kube-aggregator and
staging/src/k8s.io/apiextensions-apiserver (the delegation chain)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab import upstream
from kubelab.api import errors, scheme
from kubelab.api.scheme import ResourceInfo
from kubelab.apiserver import discovery, filters, healthz, openapi
from kubelab.apiserver.audit import AuditLog, Policy
from kubelab.apiserver.authentication.user import UserInfo
from kubelab.apiserver.authorization.authorizer import Attributes, Authorizer
from kubelab.apiserver.endpoints import subresources
from kubelab.apiserver.endpoints.handlers import Scope
from kubelab.apiserver.endpoints.request import Request
from kubelab.apiserver.registry import predicate as pred
from kubelab.apiserver.registry.core.ipallocator import (
    NODE_PORT_RANGE,
    SERVICE_CIDR,
    IPAllocator,
    PortAllocator,
)
from kubelab.apiserver.registry.core.namespace import delete_namespace
from kubelab.apiserver.registry.core.service import restore_allocations
from kubelab.apiserver.registry.generic.store import Store
from kubelab.apiserver.registry.strategies import build_strategies
from kubelab.engine.env import Env
from kubelab.storage.cacher import Cacher
from kubelab.storage.etcd3 import Store as EtcdStore
from kubelab.storage.etcd3.compact import compactor
from kubelab.storage.mvcc import KV

Obj = dict[str, Any]
COMPONENT = "kube-apiserver"
NOT_FOUND_MSG = "the server could not find the requested resource"


class AdmissionContext:
    """What admission plugins read and write: the watch cache and status updates."""

    def __init__(self, server: APIServer) -> None:
        self._server = server

    @property
    def now(self) -> float:
        return self._server.env.now

    def get(self, resource: str, namespace: str | None, name: str) -> Obj | None:
        info = scheme.resolve(resource)
        return self._server.stores[(info.group, info.resource)].get_shared(namespace or "", name)

    def list(self, resource: str, namespace: str | None = None) -> list[Obj]:
        info = scheme.resolve(resource)
        st = self._server.stores[(info.group, info.resource)]
        prefix = info.prefix(namespace if info.namespaced else None)
        assert st.cacher is not None
        return st.cacher.list(prefix)[0]

    def update_status(self, resource: str, obj: Obj) -> Obj:
        info = scheme.resolve(resource)
        st = self._server.stores[(info.group, info.resource)]
        m = obj["metadata"]
        key = st.key(m.get("namespace", ""), m["name"])
        expect = m.get("resourceVersion")

        def upd(cur: Obj | None) -> Obj:
            if cur is None:
                raise errors.new_not_found(info.group, info.resource, m["name"])
            if expect and cur["metadata"]["resourceVersion"] != expect:
                raise errors.new_conflict(info.group, info.resource, m["name"], errors.OPTIMISTIC_LOCK_ERROR_MSG)
            return {**cur, "status": obj.get("status", {})}

        out, _ = st.etcd.guaranteed_update(key, upd, info.resource)
        assert out is not None
        return out


class APIServer:
    """One kube-apiserver with its etcd: serves every request in-process.

    Authentication, authorization and admission are passed in, so that the handler
    chain stays the same whichever policies a cluster uses.
    """

    def __init__(self, env: Env, *, authenticate: Callable[[dict[str, str]], UserInfo | None],
                 authorizer: Authorizer, forbidden_message: Callable[[Attributes], str], admission: Any,
                 watch_cache: bool = True, audit_policy: Policy | None = None,
                 max_inflight: int = filters.MAX_REQUESTS_INFLIGHT,
                 max_mutating_inflight: int = filters.MAX_MUTATING_REQUESTS_INFLIGHT) -> None:
        self.env = env
        self.authenticate = authenticate
        self.authorizer = authorizer
        self.forbidden_message = forbidden_message
        self.admission = admission
        self.admission_context = AdmissionContext(self)
        self.watch_cache = watch_cache
        self.audit = AuditLog(audit_policy)
        self.max_inflight = max_inflight
        self.max_mutating_inflight = max_mutating_inflight
        self.inflight = {"readOnly": 0, "mutating": 0}
        self.pod_logs: dict[tuple[str, str, str], list[str]] = {}
        self._audit_seq = 0
        self.ready = False
        self.kv = KV()
        self.etcd = EtcdStore(env, self.kv)
        self.service_ips = IPAllocator(SERVICE_CIDR, env.rand.stream("service-ip-allocator"))
        self.node_ports = PortAllocator(*NODE_PORT_RANGE, env.rand.stream("node-port-allocator"))
        self.stores: dict[tuple[str, str], Store] = {}
        self._request_total = env.metrics.counter(
            "apiserver_request_total", "Counter of apiserver requests broken out for each verb, dry run value, group, "
            "version, resource, scope, component, and HTTP response code.",
            ("code", "component", "dry_run", "group", "resource", "scope", "subresource", "verb", "version"))
        self._request_duration = env.metrics.histogram(
            "apiserver_request_duration_seconds", "Response latency distribution in seconds for each verb, dry run "
            "value, group, version, resource, subresource, scope and component.",
            ("component", "dry_run", "group", "resource", "scope", "subresource", "verb", "version"))
        self._run()

    # -- start-up -----------------------------------------------------------------------
    def _record(self, action: str, message: str) -> None:
        self.env.trace.record(COMPONENT, action, level=2, message=message)

    def _run(self) -> None:
        """Mirrors: cmd/kube-apiserver/app/server.go :: Run"""
        self._record("Complete", "defaulted options: service-cluster-ip-range=10.96.0.0/12, "
                     "service-node-port-range=30000-32767, authorization-mode=Node,RBAC")
        self._record("Validate", "options validated")
        self._create_server_chain()
        self._record("PrepareRun", "installed /healthz, /livez, /readyz, /openapi and discovery")
        self.env.process(compactor(self.env, self.kv))
        self._record("Run", "serving (in-process)")
        self.ready = True

    def _create_server_chain(self) -> None:
        """Mirrors: server.go :: CreateServerChain (apiextensions <- kube-apiserver <- aggregator)."""
        strategies = build_strategies(self.service_ips, self.node_ports)
        for info in scheme.RESOURCES:
            index = ("spec.nodeName", pred.node_name_index) if info.resource == "pods" else None
            cacher = Cacher(self.env, self.kv, info, index) if info.verbs != ("create",) else None
            strat, status = strategies(info)
            self.stores[(info.group, info.resource)] = Store(self.etcd, cacher, strat, status)
        self._record("CreateServerChain", "apiextensions-apiserver <- kube-apiserver <- kube-aggregator; "
                     f"{len(self.stores)} resources in {len(scheme.GROUP_ORDER)} groups")

    def restore(self, snapshot: bytes) -> None:
        """Restore etcd from a snapshot: caches reload and watchers must relist."""
        self.kv.restore(snapshot)
        for st in self.stores.values():
            if st.cacher is not None:
                st.cacher.reload()
        self.service_ips = IPAllocator(SERVICE_CIDR, self.env.rand.stream("service-ip-allocator"))
        self.node_ports = PortAllocator(*NODE_PORT_RANGE, self.env.rand.stream("node-port-allocator"))
        svc_store = self.stores[("", "services")]
        strat = svc_store.strategy
        strat.ips, strat.ports = self.service_ips, self.node_ports  # type: ignore[attr-defined]
        assert svc_store.cacher is not None
        restore_allocations(self.service_ips, self.node_ports, svc_store.cacher.list(svc_store.info.prefix())[0])

    # -- the handler chain --------------------------------------------------------------
    def handle(self, req: Request) -> Any:
        return filters.handle(self, req)

    def begin(self, req: Request) -> str:
        """Count a request in flight from when it is sent (the client charges its latency)."""
        if req.method.upper() == "GET" and req.query.get("watch", "").lower() in ("true", "1"):
            return ""
        kind = "readOnly" if req.method.upper() in ("GET", "HEAD") else "mutating"
        self.inflight[kind] += 1
        return kind

    def end(self, kind: str, req: Request, duration: float) -> None:
        if kind:
            self.inflight[kind] -= 1
        ri = req.info
        if ri is not None and ri.is_resource_request:
            self._request_duration.observe(duration, *self._labels(req))

    def next_audit_id(self) -> str:
        self._audit_seq += 1
        return f"{self._audit_seq:08x}-0000-4000-8000-{self.env.seed & 0xFFFFFFFFFFFF:012x}"

    def _labels(self, req: Request) -> tuple[str, ...]:
        ri = req.info
        assert ri is not None
        verb = _metrics_verb(req)
        scope = "resource" if ri.name else ("namespace" if ri.namespace else "cluster")
        dry = "All" if req.query.get("dryRun") == "All" else ""
        return ("apiserver", dry, ri.api_group, ri.resource, scope, ri.subresource, verb, ri.api_version)

    def observe_request(self, req: Request, code: int) -> None:
        ri = req.info
        if ri is None or not ri.is_resource_request:
            return
        comp, dry, g, r, scope, sub, verb, ver = self._labels(req)
        self._request_total.inc(str(code), comp, dry, g, r, scope, sub, verb, ver)

    # -- the server chain ---------------------------------------------------------------
    def serve(self, req: Request) -> Any:
        """kube-aggregator -> kube-apiserver -> apiextensions-apiserver -> 404."""
        ri = req.info
        assert ri is not None
        tr = self.env.trace
        if tr.level >= 4:
            tr.record(COMPONENT, "kube-aggregator", level=4, message=f"{req.method} {req.path}")
        if not ri.is_resource_request:
            out = self._non_resource(req)
            if out is not None:
                return out
        else:
            info = scheme.by_group_resource(ri.api_group, ri.resource)
            if info is not None and ri.api_version in scheme.served_versions(info):
                if tr.level >= 4:
                    tr.record(COMPONENT, "kube-apiserver", level=4, message=f"{ri.verb} {info.group_resource}")
                return self._serve_resource(req, info)
        if tr.level >= 4:
            tr.record(COMPONENT, "apiextensions-apiserver", level=4, message="no CustomResourceDefinition; delegating to NotFound")
        raise errors.ApiError(errors.status(404, "NotFound", NOT_FOUND_MSG, {}))

    def _non_resource(self, req: Request) -> Any:
        path = req.path.rstrip("/") or "/"
        parts = [p for p in path.split("/") if p]
        accept = req.headers.get("Accept", "")
        if path == "/version":
            return version_info()
        if path == "/api":
            if "as=APIGroupDiscoveryList" in accept:
                return discovery.aggregated(True, _discovery_version(accept))
            return discovery.api_versions()
        if path == "/apis":
            if "as=APIGroupDiscoveryList" in accept:
                return discovery.aggregated(False, _discovery_version(accept))
            return discovery.api_group_list()
        if len(parts) == 2 and parts[0] == "api":
            return discovery.api_resource_list("", parts[1])
        if len(parts) == 3 and parts[0] == "apis":
            return discovery.api_resource_list(parts[1], parts[2])
        if len(parts) == 2 and parts[0] == "apis":
            for g in discovery.api_group_list()["groups"]:
                if g["name"] == parts[1]:
                    return {"kind": "APIGroup", "apiVersion": "v1", **g}
            return None
        if parts and parts[0] == "openapi":
            return openapi.serve(path)
        if parts and parts[0] in ("healthz", "livez", "readyz"):
            return self.health(parts[0], verbose="verbose" in req.query, sub=parts[1:])
        if path == "/metrics":
            return self.env.metrics.text()
        return None

    def health(self, which: str, verbose: bool = False, sub: list[str] | None = None) -> tuple[int, str]:
        """``(http code, text)`` of /healthz, /livez or /readyz."""
        checks = self.health_checks(which)
        if sub:
            name = "/".join(sub)
            for cname, fn in checks:
                if cname == name:
                    err = fn()
                    return (200, "ok") if err is None else (500, f"internal server error: {err}\n")
            raise errors.ApiError(errors.status(404, "NotFound", NOT_FOUND_MSG, {}))
        return healthz.render(checks, which, verbose)

    def health_checks(self, which: str) -> list[healthz.Check]:
        ok: Callable[[], str | None] = lambda: None  # noqa: E731
        checks: list[healthz.Check] = [("ping", ok), ("log", ok), ("etcd", lambda: None if self.kv is not None else "etcd down")]
        if which == "readyz":
            checks.append(("etcd-readiness", ok))
            checks.append(("informer-sync", ok))
        checks += [(f"poststarthook/{h}", ok) for h in healthz.POST_START_HOOKS]
        if which == "readyz":
            checks.append(("shutdown", lambda: None if self.ready else "process is shutting down"))
        return checks

    def _serve_resource(self, req: Request, info: ResourceInfo) -> Any:
        from kubelab.apiserver.endpoints import handlers

        ri = req.info
        assert ri is not None
        store = self.stores[(info.group, info.resource)]
        s = Scope(self, req, info, store)
        verb, name, sub = ri.verb, ri.name, ri.subresource
        if sub:
            return subresources.serve(s, verb, name, sub, req)
        if info.resource == "bindings" and verb == "create":
            return subresources.serve(s, verb, "", "binding", req)
        if info.group == "authorization.k8s.io" and verb == "create":
            return handlers.access_review(s, req.body)
        if info.resource == "selfsubjectreviews" and verb == "create":
            return handlers.self_subject_review(s, req.body)
        if verb == "get":
            return handlers.get(s, name)
        if verb == "list":
            return handlers.list_(s)
        if verb == "watch":
            return handlers.watch(s)
        if verb == "create":
            if name:
                raise errors.new_method_not_supported(info.group, info.resource, "create")
            return handlers.create(s, req.body)
        if verb == "update":
            return handlers.update(s, name, req.body)
        if verb == "patch":
            return handlers.patch(s, name, req.body, req.headers.get("Content-Type", ""))
        if verb == "delete":
            return handlers.delete(s, name, req.body)
        if verb == "deletecollection":
            return handlers.delete_collection(s, req.body)
        raise errors.new_method_not_supported(info.group, info.resource, verb)

    def delete_object(self, s: Scope, name: str, options: Obj) -> tuple[Obj, bool]:
        s.admit("DELETE", None, None, name)
        if s.info.resource == "namespaces":
            s.validating("DELETE", name)(None, s.store.get_shared("", name))
            return delete_namespace(s.ctx, s.store, name, options)
        return s.store.delete(s.ctx, name, options, s.validating("DELETE", name))

    def store_for(self, resource: str) -> Store:
        info = scheme.resolve(resource)
        return self.stores[(info.group, info.resource)]


def _metrics_verb(req: Request) -> str:
    """Mirrors: endpoints/metrics/metrics.go :: CleanVerb"""
    ri = req.info
    assert ri is not None
    if ri.verb == "list":
        return "LIST"
    if ri.verb == "watch":
        return "WATCH"
    if req.method == "PATCH" and "apply-patch" in req.headers.get("Content-Type", ""):
        return "APPLY"
    return req.method.upper()


def _discovery_version(accept: str) -> str:
    return "apidiscovery.k8s.io/v2" if "v=v2;" in accept or accept.endswith("v=v2") or "v=v2," in accept \
        else "apidiscovery.k8s.io/v2beta1"


def version_info() -> Obj:
    """GET /version"""
    return {"major": upstream.MAJOR, "minor": upstream.MINOR, "emulationMajor": upstream.MAJOR,
            "emulationMinor": upstream.MINOR, "minCompatibilityMajor": upstream.MAJOR,
            "minCompatibilityMinor": str(int(upstream.MINOR) - 1), "gitVersion": upstream.KUBERNETES_VERSION,
            "gitCommit": upstream.GIT_COMMIT, "gitTreeState": "clean", "buildDate": "2025-09-09T19:43:02Z",
            "goVersion": "go1.24.6", "compiler": "gc", "platform": "linux/amd64"}
