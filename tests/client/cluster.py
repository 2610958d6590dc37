"""A real cluster for client tests: fixed latencies (no jitter) so times are exact."""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.cluster import Cluster
from kubelab.engine import LatencyModel

# api_request 2 ms per call (lists and watches are served from the watch cache),
# watch events reach watchers 1 ms after the write.
LATENCY = {"api_request": 0.002, "etcd_read": 0.001, "etcd_write": 0.004, "watch_delivery": 0.001}


def new_cluster(seed: int = 0, *, zero_latency: bool = False) -> Cluster:
    latency = LatencyModel.zero() if zero_latency else LatencyModel(LATENCY, jitter=0.0)
    # These tests exercise client machinery alone: no scheduler leases or bindings in the way.
    c = Cluster(nodes=0, seed=seed, latency=latency, scheduler=False)
    # Etcd time spent on the bootstrap writes is otherwise charged to the first SimPy
    # client request (0.15 s); drop it so that request costs what any other does.
    c.apiserver.etcd.take_latency()
    return c


def controller_client(c: Cluster) -> Any:
    return c.component_client("system:kube-controller-manager", ("system:masters",))


def configmap(name: str, namespace: str = "default", **data: str) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": name, "namespace": namespace}, "data": dict(data)}


def put(c: Cluster, name: str, namespace: str = "default", **data: str) -> dict:
    """Create or replace a ConfigMap as the admin (served at the current instant)."""
    try:
        cur = c.client.get("configmaps", name, namespace)
    except errors.NotFound:
        return c.client.create("configmaps", configmap(name, namespace, **data), namespace)
    cur["data"] = dict(data)
    return c.client.update("configmaps", cur, namespace)
