"""``kubectl logs -f``: a container's log streamed as it grows, until the container ends.

Upstream: pkg/registry/core/pod/rest/log.go (LogREST with follow) and the kubelet's
pkg/kubelet/kuberuntime/logs (ReadLogs with Follow: stop when the container exits)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.apiserver.server.simulation import Simulation

Obj = dict[str, Any]
POLL = 0.25


def default_container(pod: Obj) -> str:
    containers = (pod.get("spec") or {}).get("containers") or []
    return containers[0]["name"] if len(containers) == 1 else ""


def _terminated(pod: Obj | None, container: str) -> bool:
    if pod is None or (pod.get("metadata") or {}).get("deletionTimestamp"):
        return pod is None
    status = pod.get("status") or {}
    for cs in (status.get("containerStatuses") or []) + (status.get("initContainerStatuses") or []):
        if cs.get("name") == container:
            return "terminated" in (cs.get("state") or {})
    return status.get("phase") in ("Succeeded", "Failed")


class LogFollower:
    """Writes the lines a container logs after ``sent`` of them were already answered.

    Differences: lines are read from the API server's in-memory log store, which the
    simulated kubelet appends to, instead of streamed from the node.
    """

    def __init__(self, sim: Simulation, apiserver: Any, namespace: str, pod: str, container: str, sent: int,
                 write: Callable[[bytes], None], gone: Callable[[], bool]) -> None:
        self.sim = sim
        self.apiserver = apiserver
        self.key = (namespace, pod, container)
        self.sent = sent
        self.write = write
        self.gone = gone

    def serve(self) -> None:
        sim = self.sim
        ns, name, container = self.key
        store = self.apiserver.stores[("", "pods")]
        while not sim.stopping.is_set():
            with sim.changed:
                lines = self.apiserver.pod_logs.get(self.key) or []
                new = lines[self.sent:]
                self.sent = len(lines)
                done = not new and _terminated(store.get_shared(ns, name), container)
                if not new and not done:
                    sim.changed.wait(POLL)
            if new:
                self.write("".join(x if x.endswith("\n") else x + "\n" for x in new).encode())
            elif done or self.gone():
                return
