"""The Cluster facade: builds a whole simulated cluster and is what notebooks talk to.

kubelab-only: wiring. Every component talks to kube-apiserver through a client, exactly
as in a real cluster; this module only builds them and offers a notebook-friendly API.
"""

from __future__ import annotations

import hashlib
import pathlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kubelab.api import errors, scheme
from kubelab.apiserver import controlplane
from kubelab.apiserver.admission.chain import new_default_chain
from kubelab.apiserver.admission.plugin.webhook import WebhookAdmission
from kubelab.apiserver.app.server import APIServer
from kubelab.apiserver.audit import Policy
from kubelab.apiserver.authentication.config import new_authenticator
from kubelab.apiserver.authentication.tokenfile import TokenAuthenticator
from kubelab.apiserver.authentication.user import (
    NODES_GROUP,
    SYSTEM_PRIVILEGED_GROUP,
    UserInfo,
    service_account_groups,
    service_account_username,
)
from kubelab.apiserver.authorization.config import new_authorizer
from kubelab.apiserver.authorization.responsewriters import forbidden_message
from kubelab.client.client import Client, DirectClient, user_agent
from kubelab.controllers.manager import ControllerManager
from kubelab.engine import Env, LatencyModel
from kubelab.engine.trace import DEFAULT_LEVEL
from kubelab.kubelet.kubelet_node_status import initial_node, node_specs
from kubelab.scheduler import Scheduler

Obj = dict[str, Any]

ADMIN = UserInfo("kubernetes-admin", groups=(SYSTEM_PRIVILEGED_GROUP,))
APISERVER_SELF = UserInfo("system:apiserver", uid="", groups=(SYSTEM_PRIVILEGED_GROUP,))


class _RBACGetter:
    """The RBAC authorizer's listers, reading the watch cache.

    The authorizer is built before the server it reads, so the server is attached after.
    """

    _s: APIServer

    def _list(self, resource: str, ns: str | None = None) -> list[Obj]:
        st = self._s.stores[("rbac.authorization.k8s.io", resource)]
        assert st.cacher is not None
        return st.cacher.list(st.info.prefix(ns))[0]

    def list_cluster_roles(self) -> list[Obj]:
        return self._list("clusterroles")

    def get_cluster_role(self, name: str) -> Obj | None:
        return self._s.stores[("rbac.authorization.k8s.io", "clusterroles")].get_shared("", name)

    def list_cluster_role_bindings(self) -> list[Obj]:
        return self._list("clusterrolebindings")

    def get_role(self, namespace: str, name: str) -> Obj | None:
        return self._s.stores[("rbac.authorization.k8s.io", "roles")].get_shared(namespace, name)

    def list_role_bindings(self, namespace: str) -> list[Obj]:
        return self._list("rolebindings", namespace)


class Cluster:
    """A whole simulated Kubernetes cluster.

    >>> c = Cluster(nodes=3, seed=0)
    >>> c.apply(open("web.yaml").read())
    >>> c.run(30)
    >>> print(c.kubectl("get pods -o wide"))
    """

    def __init__(self, nodes: int | Iterable[Mapping[str, Any]] = 3, seed: int = 0, *,
                 latency: LatencyModel | None = None, trace_level: int = DEFAULT_LEVEL,
                 watch_cache: bool = True, audit_policy: Policy | None = None,
                 max_requests_inflight: int = 400, max_mutating_requests_inflight: int = 200,
                 scheduler: bool = True, scheduler_config: Any = None) -> None:
        self.env = Env(seed, latency=latency, trace_level=trace_level)
        self.tokens = TokenAuthenticator()
        self._token_seq = 0
        rbac = _RBACGetter()

        def get_sa(namespace: str, name: str) -> Obj | None:
            return self.apiserver.stores[("", "serviceaccounts")].get_shared(namespace, name)

        self.authenticator = new_authenticator(self.tokens, get_sa)
        self.webhooks = WebhookAdmission()
        self.admission = new_default_chain(lambda: self.env.rand.suffix(5, "kube-api-access"), webhooks=self.webhooks)
        self.apiserver = APIServer(
            self.env, authenticate=self.authenticator.authenticate,
            authorizer=new_authorizer(rbac),
            forbidden_message=forbidden_message, admission=self.admission, watch_cache=watch_cache,
            audit_policy=audit_policy, max_inflight=max_requests_inflight,
            max_mutating_inflight=max_mutating_requests_inflight)
        rbac._s = self.apiserver
        self._watch_rbac()
        self.admin_token = self.token_for(ADMIN)
        self.client = DirectClient(self.apiserver, self.admin_token, user_agent("kubectl"), "kubectl")
        self._bootstrap()
        self.nodes: list[str] = []
        for spec in node_specs(nodes):
            self.add_node(**spec)
        self.controller_manager = ControllerManager(self.env, self._controller_client)
        self.controller_manager.start()
        self.scheduler: Any = Scheduler.from_cluster(self, scheduler_config) if scheduler else None
        self._settle()

    def _controller_client(self, service_account: str) -> Client:
        """--use-service-account-credentials: each controller acts as its kube-system service account."""
        if service_account == "kube-controller-manager":
            return self.component_client("system:kube-controller-manager")
        return self.component_client(service_account_username("kube-system", service_account),
                                     service_account_groups("kube-system"))

    def _settle(self) -> None:
        """Run until the controllers have caught up with the bootstrap, as `kind create cluster` waits."""
        sas = self.apiserver.stores[("", "serviceaccounts")]

        def ready(c: Cluster) -> bool:
            return all(sas.get_shared(ns, "default") is not None for ns in controlplane.SYSTEM_NAMESPACES)
        self.run_until(ready, timeout=10, step=0.05)

    # -- identities ---------------------------------------------------------------------
    def token_for(self, user: UserInfo) -> str:
        """A bearer token that authenticates as ``user`` (the static token file)."""
        for tok, u in self.tokens.tokens().items():
            if u == user:
                return tok
        self._token_seq += 1
        digest = hashlib.sha256(f"{self.env.seed}:{self._token_seq}:{user.name}".encode()).hexdigest()
        tok = f"kubelab-{digest[:32]}"
        self.tokens.add(tok, user)
        return tok

    def component_client(self, name: str, groups: tuple[str, ...] = (), *, namespace: str = "default") -> Client:
        """A SimPy client for a component identity (``system:kube-scheduler``, ``system:node:n1``)."""
        user = UserInfo(name, groups=groups)
        agent = name.split(":")[-1] if name.startswith("system:") else name
        return Client(self.apiserver, self.token_for(user), user_agent(agent), agent, namespace)

    def client_for(self, name: str, groups: tuple[str, ...] = (), *, namespace: str = "default") -> DirectClient:
        """A synchronous client for any user, e.g. to see RBAC deny a request."""
        return DirectClient(self.apiserver, self.token_for(UserInfo(name, groups=groups)), user_agent("kubectl"),
                            "kubectl", namespace)

    def service_account_client(self, namespace: str, name: str) -> DirectClient:
        """A synchronous client authenticating with a service account's token."""
        from kubelab.apiserver.authentication.serviceaccount import serviceaccount_token

        sa = self.client.get("serviceaccounts", name, namespace)
        token = serviceaccount_token(namespace, name, sa["metadata"]["uid"])
        return DirectClient(self.apiserver, token, user_agent("kubectl"), "kubectl", namespace)

    def _watch_rbac(self) -> None:
        authz = self.apiserver.authorizer
        for res in ("roles", "rolebindings", "clusterroles", "clusterrolebindings"):
            cacher = self.apiserver.stores[("rbac.authorization.k8s.io", res)].cacher
            assert cacher is not None
            self.apiserver.kv.watch(cacher.prefix, lambda _ev: authz.changed())  # type: ignore[attr-defined]

    def _bootstrap(self) -> None:
        c = DirectClient(self.apiserver, self.token_for(APISERVER_SELF), user_agent("kube-apiserver"), "kube-apiserver")
        for obj in controlplane.post_start_objects():
            info = scheme.for_kind(obj["apiVersion"], obj["kind"])
            c.create(info.resource, obj, obj["metadata"].get("namespace"))

    def admission_webhook(self, name: str, func: Callable[[Obj], Any], *, mutating: bool = False,
                          rules: Iterable[Mapping[str, Any]] = (), **options: Any) -> Any:
        """Register a Python admission webhook (the analogue of a Mutating/ValidatingWebhookConfiguration).

        ``func(request)`` gets the AdmissionReview's ``request`` (operation, object, oldObject,
        userInfo, ...) and returns ``{"allowed": bool, "status": {...}, "patch": [...],
        "patchType": "JSONPatch"}`` or just a bool. ``rules`` are RuleWithOperations dicts, e.g.
        ``{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}``.
        """
        return self.webhooks.register(name, func, mutating=mutating, rules=list(rules), **options)

    # -- nodes --------------------------------------------------------------------------
    def add_node(self, name: str | None = None, **spec: Any) -> Obj:
        """Register a Node as its kubelet would, with the node's own identity.

        Until kubelets exist, the cluster sends the kubelet's registration request itself.
        """
        name = name or f"node-{len(self.nodes) + 1}"
        kubelet = DirectClient(self.apiserver, self.token_for(UserInfo(f"system:node:{name}", groups=(NODES_GROUP,))),
                               user_agent("kubelet"), f"kubelet/{name}")
        node = kubelet.create("nodes", initial_node(name, len(self.nodes), self.env.timestamp(), **spec))
        self.nodes.append(name)
        return node

    # -- the API, notebook-style --------------------------------------------------------
    def apply(self, manifests: Any, namespace: str = "default", *, server_side: bool = False) -> list[str]:
        """Apply YAML text, a file path, or dicts, as ``kubectl apply -f`` does.

        Returns kubectl's result lines (``deployment.apps/web created``). Valid documents
        are applied even when others fail; then the first failure is raised.
        """
        from kubelab.kubectl import apply_manifests

        return apply_manifests(self.client, _manifest_text(manifests), now=self.env.now, namespace=namespace,
                               server_side=server_side)

    def get(self, resource: str, name: str | None = None, namespace: str | None = "default", *,
            label_selector: str = "", field_selector: str = "") -> Any:
        """One object (a dict) by name, or a list of objects. ``namespace=None`` means all."""
        if name is not None:
            return self.client.get(resource, name, namespace)
        return self.client.list(resource, namespace, label_selector=label_selector,
                                field_selector=field_selector)["items"]

    def create(self, obj: Obj, namespace: str | None = None) -> Obj:
        info = scheme.for_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
        return self.client.create(info.resource, obj, namespace)

    def delete(self, resource: str, name: str, namespace: str | None = "default", **options: Any) -> Obj:
        return self.client.delete(resource, name, namespace, **options)

    def kubectl(self, command: str, stdin: str | None = None, *, wait_timeout: float = 120.0) -> Any:
        """What the real kubectl prints for ``command`` against this cluster.

        Like the real command, ``delete`` waits (in simulated time, up to ``wait_timeout``)
        until what it deleted is gone, so graceful deletions finish before it returns.
        """
        from kubelab import kubectl

        result = kubectl.run(command, self.client, now=self.env.now, stdin=stdin)
        if result.wait_for:
            self.run_until(lambda c: not any(c._still_there(*w) for w in result.wait_for), timeout=wait_timeout)
        return result

    def _still_there(self, resource: str, namespace: str, name: str, uid: str) -> bool:
        info = scheme.resolve(resource)
        obj = self.apiserver.stores[(info.group, info.resource)].get_shared(namespace if info.namespaced else "", name)
        return obj is not None and (not uid or obj["metadata"].get("uid") == uid)

    def request(self, method: str, path: str, body: Any = None, **query: str) -> Any:
        """A raw REST call as the admin (``c.request("GET", "/api/v1/namespaces/default/pods")``)."""
        return self.client.request(method, path, query=query, body=body,
                                   content_type="application/json" if body is not None else "")

    # -- time ---------------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.env.now

    def run(self, seconds: float) -> Cluster:
        """Advance simulated time by ``seconds``."""
        self.env.run(until=self.env.now + seconds)
        return self

    def run_until(self, predicate: Callable[[Cluster], bool], timeout: float = 300.0, step: float = 0.1) -> bool:
        """Advance until ``predicate(cluster)`` holds (True) or ``timeout`` passes (False)."""
        end = self.env.now + timeout
        while not predicate(self):
            if self.env.now >= end:
                return False
            self.env.run(until=min(end, self.env.now + step))
        return True

    # -- what happened ------------------------------------------------------------------
    @property
    def trace(self) -> Any:
        """Every recorded step as a DataFrame (``seq, time, component, action, ...``)."""
        return self.env.trace.frame()

    @property
    def events(self) -> Any:
        """core/v1 Events as a DataFrame, oldest first."""
        import pandas as pd

        from kubelab.engine import clock

        rows = []
        for e in self.client.list("events")["items"]:
            io = e.get("involvedObject") or {}
            last = e.get("lastTimestamp") or e.get("eventTime") or e["metadata"].get("creationTimestamp")
            rows.append({"time": clock.parse(last), "namespace": e["metadata"].get("namespace", ""),
                         "type": e.get("type", ""), "reason": e.get("reason", ""),
                         "object": f"{io.get('kind', '').lower()}/{io.get('name', '')}",
                         "message": e.get("message", ""), "count": e.get("count", 1),
                         "source": (e.get("source") or {}).get("component", "") or e.get("reportingComponent", "")})
        cols = ["time", "namespace", "type", "reason", "object", "message", "count", "source"]
        return pd.DataFrame(rows, columns=cols).sort_values("time", kind="stable").reset_index(drop=True)

    @property
    def metrics(self) -> Any:
        return self.env.metrics

    @property
    def audit(self) -> Any:
        return self.apiserver.audit

    def health(self, which: str = "readyz", verbose: bool = True) -> str:
        return self.apiserver.health(which, verbose)[1]

    def snapshot(self) -> bytes:
        """`etcdctl snapshot save`."""
        return self.apiserver.kv.snapshot()

    def restore(self, blob: bytes) -> None:
        """`etcdctl snapshot restore`: watchers see 410 and relist."""
        self.apiserver.restore(blob)

    # -- the API over HTTP, for the real kubectl (kubelab/apiserver/server) ---------------
    _serving: Any = None

    def serve(self, port: int = 0, *, speed: float | None = None, host: str = "127.0.0.1",
              kubeconfig: str | None = None) -> Any:
        """Serve the API on https://127.0.0.1 for the real kubectl; returns a Serving (url, kubeconfig).

        Stepped by default (time moves only on ``run``); ``speed=1`` advances the clock in
        real time, ``speed=10`` ten times faster. Calling again changes the speed of the
        running server; ``.stop()`` on the result ends it.

        >>> url, kubeconfig = c.serve()
        >>> !kubectl --kubeconfig {kubeconfig} get pods
        """
        from kubelab.apiserver.server import serve

        s = self._serving
        if s is not None and not s.stopped:
            s.set_speed(speed)
            return s
        self._serving = serve(self.env, self.apiserver, self.admin_token, host=host, port=port, speed=speed,
                              kubeconfig=kubeconfig)
        return self._serving

    def __repr__(self) -> str:
        return f"Cluster(nodes={len(self.nodes)}, seed={self.env.seed}, now={self.env.now:g}s)"


def _manifest_text(manifests: Any) -> str:
    import yaml

    if isinstance(manifests, pathlib.Path) or (isinstance(manifests, str) and "\n" not in manifests
                                                and manifests.endswith((".yaml", ".yml", ".json"))):
        return pathlib.Path(manifests).read_text()
    if isinstance(manifests, str):
        return manifests
    if isinstance(manifests, Mapping):
        manifests = [manifests]
    return "---\n".join(yaml.safe_dump(dict(m), sort_keys=False) for m in manifests)


__all__ = ["Cluster", "errors"]
