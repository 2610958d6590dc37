"""Pods nominated to a node by preemption, which lower-priority pods must leave room for.

Upstream: pkg/scheduler/backend/queue/nominator.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.scheduler.framework.interface import NominatingInfo, NominatingMode, nominating_mode
from kubelab.scheduler.framework.types import PodInfo

Obj = dict[str, Any]


def _nnn(pod: Obj) -> str:
    return (pod.get("status") or {}).get("nominatedNodeName") or ""


class Nominator:
    """Mirrors: pkg/scheduler/backend/queue/nominator.go :: nominator"""

    def __init__(self, pod_lister: Any = None) -> None:
        self.pod_lister = pod_lister
        self.nominated_pods: dict[str, list[PodInfo]] = {}
        self.nominated_pod_to_node: dict[str, str] = {}

    def add_nominated_pod(self, pi: PodInfo, info: NominatingInfo | None) -> None:
        """Mirrors: (*nominator).addNominatedPodUnlocked"""
        self.delete(pi.pod)
        mode = nominating_mode(info)
        if mode == NominatingMode.MODE_OVERRIDE:
            assert info is not None
            node = info.nominated_node_name
        else:
            node = _nnn(pi.pod)
            if not node:
                return
        if not node:
            return
        if self.pod_lister is not None:
            m = pi.pod["metadata"]
            try:
                current = self.pod_lister.get(m.get("namespace", ""), m["name"])
            except errors.NotFound:
                return
            if (current.get("spec") or {}).get("nodeName"):
                return
        uid = pi.uid
        self.nominated_pod_to_node[uid] = node
        pods = self.nominated_pods.setdefault(node, [])
        if any(p.uid == uid for p in pods):
            return
        pods.append(pi)

    def delete(self, pod: Obj) -> None:
        """Mirrors: (*nominator).deleteUnlocked"""
        uid = pod["metadata"].get("uid", "")
        node = self.nominated_pod_to_node.pop(uid, None)
        if node is None:
            return
        pods = self.nominated_pods.get(node, [])
        self.nominated_pods[node] = [p for p in pods if p.uid != uid]
        if not self.nominated_pods[node]:
            del self.nominated_pods[node]

    def update_nominated_pod(self, old: Obj, new_pi: PodInfo) -> None:
        """Keep a nomination the pod's own update does not mention. Mirrors: (*nominator).UpdateNominatedPod"""
        info = None
        if not _nnn(old) and not _nnn(new_pi.pod):
            node = self.nominated_pod_to_node.get(old["metadata"].get("uid", ""))
            if node is not None:
                info = NominatingInfo(node, NominatingMode.MODE_OVERRIDE)
        self.delete(old)
        self.add_nominated_pod(new_pi, info)

    def nominated_pods_for_node(self, node_name: str) -> list[PodInfo]:
        """Mirrors: (*nominator).NominatedPodsForNode"""
        return list(self.nominated_pods.get(node_name, ()))
