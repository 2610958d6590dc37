"""Builders for pods, nodes and a fake framework handle, after upstream's scheduler testing wrappers.

Upstream: pkg/scheduler/testing/wrappers.go (MakePod, MakeNode) and the fake listers the
plugin tests use.
"""

from __future__ import annotations

import itertools
from typing import Any

from kubelab.api import errors, labels
from kubelab.engine import Env
from kubelab.scheduler.backend.cache.snapshot import Snapshot, new_snapshot
from kubelab.scheduler.framework.cycle_state import CycleState

_uid = itertools.count(1)


def make_node(name: str, cpu: str | int = "4", memory: str = "8Gi", pods: int = 110, *,
              labels_: dict[str, str] | None = None, taints: list[dict] | None = None, unschedulable: bool = False,
              images: list[dict] | None = None, zone: str | None = None, ephemeral: str | None = None,
              extra: dict[str, str] | None = None) -> dict:
    lbls = {"kubernetes.io/hostname": name}
    if zone:
        lbls["topology.kubernetes.io/zone"] = zone
    lbls.update(labels_ or {})
    alloc: dict[str, Any] = {"cpu": str(cpu), "memory": memory, "pods": str(pods)}
    if ephemeral is not None:
        alloc["ephemeral-storage"] = ephemeral
    alloc.update(extra or {})
    spec: dict[str, Any] = {}
    if taints:
        spec["taints"] = taints
    if unschedulable:
        spec["unschedulable"] = True
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "labels": lbls}, "spec": spec,
            "status": {"allocatable": alloc, "capacity": dict(alloc), "images": images or []}}


def container(cpu: str | None = None, memory: str | None = None, *, image: str = "nginx:1.27",
              ports: list[dict] | None = None, name: str = "c", extra: dict[str, str] | None = None) -> dict:
    req: dict[str, str] = {}
    if cpu is not None:
        req["cpu"] = cpu
    if memory is not None:
        req["memory"] = memory
    req.update(extra or {})
    c: dict[str, Any] = {"name": name, "image": image}
    if req:
        c["resources"] = {"requests": req}
    if ports:
        c["ports"] = ports
    return c


def make_pod(name: str = "p", namespace: str = "default", *, cpu: str | None = None, memory: str | None = None,
             node: str | None = None, labels_: dict[str, str] | None = None, tolerations: list[dict] | None = None,
             affinity: dict | None = None, priority: int | None = None, containers: list[dict] | None = None,
             init_containers: list[dict] | None = None, node_selector: dict[str, str] | None = None,
             spread: list[dict] | None = None, host_ports: list[int] | None = None, volumes: list[dict] | None = None,
             uid: str | None = None, scheduler_name: str = "default-scheduler", gates: list[str] | None = None,
             owner: dict | None = None, start_time: str | None = None, nominated: str | None = None) -> dict:
    if containers is None:
        ports = [{"containerPort": p, "hostPort": p} for p in host_ports or ()]
        containers = [container(cpu, memory, ports=ports or None)]
    spec: dict[str, Any] = {"containers": containers, "schedulerName": scheduler_name}
    if init_containers:
        spec["initContainers"] = init_containers
    if node:
        spec["nodeName"] = node
    if tolerations:
        spec["tolerations"] = tolerations
    if affinity:
        spec["affinity"] = affinity
    if priority is not None:
        spec["priority"] = priority
    if node_selector:
        spec["nodeSelector"] = node_selector
    if spread:
        spec["topologySpreadConstraints"] = spread
    if volumes:
        spec["volumes"] = volumes
    if gates:
        spec["schedulingGates"] = [{"name": g} for g in gates]
    meta: dict[str, Any] = {"name": name, "namespace": namespace, "uid": uid or f"uid-{next(_uid)}",
                            "labels": dict(labels_ or {})}
    if owner:
        meta["ownerReferences"] = [owner]
    status: dict[str, Any] = {}
    if start_time:
        status["startTime"] = start_time
    if nominated:
        status["nominatedNodeName"] = nominated
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status}


class FakeLister:
    """A lister over fixed objects (get raises NotFound as the generated listers do)."""

    def __init__(self, objs: list[dict] | None = None, resource: str = "pods") -> None:
        self.objs = list(objs or [])
        self.resource = resource

    def list(self, selector: Any = None, namespace: str | None = None) -> list[dict]:
        out = [o for o in self.objs if not namespace or o["metadata"].get("namespace") == namespace]
        if selector is None:
            return out
        sel = labels.parse_selector(selector) if isinstance(selector, str) else selector
        return [o for o in out if sel.matches(o["metadata"].get("labels") or {})]

    def get(self, namespace_or_name: str, name: str | None = None) -> dict:
        ns, n = (namespace_or_name, name) if name is not None else ("", namespace_or_name)
        for o in self.objs:
            if o["metadata"]["name"] == n and (not ns or o["metadata"].get("namespace", "") == ns):
                return o
        raise errors.new_not_found("", self.resource[:-1], n)


class FakeFactory:
    def __init__(self, **objs: list[dict]) -> None:
        self.objs = objs

    def lister_for(self, resource: str) -> FakeLister:
        return FakeLister(self.objs.get(resource, []), resource)


class FakeHandle:
    """Just enough of the framework handle for plugin unit tests."""

    def __init__(self, snapshot: Snapshot | None = None, **objs: list[dict]) -> None:
        self.snapshot = snapshot or Snapshot()
        self.factory = FakeFactory(**objs)
        self.env = Env(0)
        self.client = None

    def snapshot_shared_lister(self) -> Snapshot:
        return self.snapshot

    def shared_informer_factory(self) -> FakeFactory:
        return self.factory


def snapshot(pods: list[dict], nodes: list[dict]) -> Snapshot:
    return new_snapshot(pods, nodes)


def node_info(snap: Snapshot, name: str) -> Any:
    ni = snap.get(name)
    assert ni is not None
    return ni


def new_state() -> CycleState:
    return CycleState()


def default_framework(env: Env | None = None, snap: Snapshot | None = None, config: dict | None = None,
                      registry: Any = None) -> Any:
    """A default-profile Framework over fake listers."""
    from kubelab.scheduler.apis.config import v1
    from kubelab.scheduler.framework.plugins.registry import new_in_tree_registry
    from kubelab.scheduler.framework.runtime.framework import Framework

    c = v1.decode(config or {})
    v1.set_defaults(c)
    h = FakeHandle(snap)
    if env is not None:
        h.env = env
    return Framework(registry or new_in_tree_registry(), c.profiles[0], env=h.env, client=None,
                     informer_factory=h.factory, snapshot=h.snapshot)
