"""A cluster with kube-scheduler running, for end-to-end scheduling tests."""

from __future__ import annotations

from typing import Any

from kubelab.cluster import Cluster
from kubelab.scheduler import Scheduler


def new_cluster(nodes: Any = 3, config: Any = None, seed: int = 0, **kw: Any) -> Cluster:
    """A Cluster whose ``scheduler`` is a started kube-scheduler (built here until Cluster builds it)."""
    c = Cluster(nodes=nodes, seed=seed, scheduler_config=config, **kw)
    if getattr(c, "scheduler", None) is None:
        c.scheduler = Scheduler.from_cluster(c, config)  # type: ignore[attr-defined]
    return c


def pod(name: str, cpu: str | None = None, memory: str | None = None, **spec: Any) -> dict:
    labels = spec.pop("labels", {"app": name})
    req = {k: v for k, v in (("cpu", cpu), ("memory", memory)) if v is not None}
    c: dict = {"name": "app", "image": "nginx:1.27"}
    if req:
        c["resources"] = {"requests": req}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels},
            "spec": {"containers": [c], **spec}}


def node_of(c: Cluster, name: str, namespace: str = "default") -> str | None:
    return c.get("pods", name, namespace)["spec"].get("nodeName")


def run_until_bound(c: Cluster, *names: str, timeout: float = 30) -> bool:
    return c.run_until(lambda cl: all(node_of(cl, n) for n in names), timeout=timeout)


def events_for(c: Cluster, name: str) -> list[tuple[str, str]]:
    df = c.events
    rows = df[df["object"] == f"pod/{name}"]
    return list(zip(rows["reason"], rows["message"]))


def finish_terminating_pods(c: Cluster) -> list[str]:
    """Stand in for kubelets: pods being deleted gracefully are removed at once."""
    gone = []
    for p in c.get("pods", namespace=None):
        m = p["metadata"]
        if m.get("deletionTimestamp"):
            c.delete("pods", m["name"], m["namespace"], grace_period_seconds=0)
            gone.append(m["name"])
    return gone
