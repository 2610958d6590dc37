"""NodePorts: a pod's hostPorts must be free on the node.

Upstream: pkg/scheduler/framework/plugins/nodeports/node_ports.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, PreFilterResult, Status
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.types import HostPortInfo, container_host_ports

NAME = names.NODE_PORTS
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
ERR_REASON = "node(s) didn't have free ports for the requested pod ports"


class _State:
    __slots__ = ("ports",)

    def __init__(self, ports: list[dict]) -> None:
        self.ports = ports

    def clone(self) -> _State:
        return self


def fits_ports(want_ports: list[dict], existing: HostPortInfo) -> bool:
    """Mirrors: node_ports.go :: fitsPorts"""
    for p in want_ports:
        if existing.check_conflict(p.get("hostIP", ""), p.get("protocol", ""), p.get("hostPort", 0)):
            return False
    return True


class NodePorts:
    """Mirrors: nodeports/node_ports.go :: NodePorts"""

    name = NAME

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, ev.ActionType.DELETE), self.is_schedulable_after_pod_deleted),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD)),
        ]

    def is_schedulable_after_pod_deleted(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*NodePorts).isSchedulableAfterPodDeleted: only a freed port that conflicted."""
        if not (old.get("spec") or {}).get("nodeName"):
            return ev.QUEUE_SKIP
        used = HostPortInfo()
        for p in container_host_ports(old):
            used.add(p.get("hostIP", ""), p.get("protocol", ""), p.get("hostPort", 0))
        return ev.QUEUE if not fits_ports(container_host_ports(pod), used) else ev.QUEUE_SKIP

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*NodePorts).PreFilter"""
        ports = container_host_ports(pod)
        if not ports:
            return None, Status(Code.SKIP)
        state.write(PRE_FILTER_STATE_KEY, _State(ports))
        return None, None

    def pre_filter_extensions(self) -> None:
        return None

    def _ports(self, state: Any, pod: dict) -> list[dict]:
        s = state.get(PRE_FILTER_STATE_KEY)
        return s.ports if s is not None else container_host_ports(pod)

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*NodePorts).Filter"""
        if not fits_ports(self._ports(state, pod), node_info.used_ports):
            return Status(Code.UNSCHEDULABLE, ERR_REASON)
        return None

    def filter_nodes(self, state: Any, pod: dict, table: Any) -> Any:
        """kubelab-only: nodes with no used ports fit; the others are checked one by one."""
        want = self._ports(state, pod)
        mask = ~table.has_ports
        for i in np.flatnonzero(table.has_ports):
            mask[i] = fits_ports(want, table.infos[i].used_ports)
        return mask


def new(args: Any, handle: Any) -> NodePorts:
    return NodePorts()
