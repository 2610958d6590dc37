"""NodeUnschedulable: cordoned nodes take only pods that tolerate the unschedulable taint.

Upstream: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.component_helpers.helpers import (
    TAINT_EFFECT_NO_SCHEDULE,
    TAINT_NODE_UNSCHEDULABLE,
    tolerations_tolerate_taint,
)
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.framework.plugins import names

NAME = names.NODE_UNSCHEDULABLE
ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable"
_UNSCHEDULABLE_TAINT = {"key": TAINT_NODE_UNSCHEDULABLE, "effect": TAINT_EFFECT_NO_SCHEDULE}


def _tolerates(pod: dict) -> bool:
    return tolerations_tolerate_taint((pod.get("spec") or {}).get("tolerations"), _UNSCHEDULABLE_TAINT)


class NodeUnschedulable:
    """Mirrors: nodeunschedulable/node_unschedulable.go :: NodeUnschedulable"""

    name = NAME

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD | ev.ActionType.UPDATE_NODE_TAINT),
                                    self.is_schedulable_after_node_change),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.UNSCHEDULED_POD, ev.ActionType.UPDATE_POD_TOLERATION),
                                    self.is_schedulable_after_pod_toleration_change),
        ]

    def is_schedulable_after_node_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*NodeUnschedulable).isSchedulableAfterNodeChange"""
        if _tolerates(pod):
            return ev.QUEUE
        if old is None:
            return ev.QUEUE_SKIP if (new.get("spec") or {}).get("unschedulable") else ev.QUEUE
        if (old.get("spec") or {}).get("unschedulable") and not (new.get("spec") or {}).get("unschedulable"):
            return ev.QUEUE
        return ev.QUEUE_SKIP

    def is_schedulable_after_pod_toleration_change(self, pod: dict, old: Any, new: Any) -> int:
        if new["metadata"].get("uid") == pod["metadata"].get("uid") and _tolerates(new):
            return ev.QUEUE
        return ev.QUEUE_SKIP

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*NodeUnschedulable).Filter"""
        node = node_info.node
        if not (node.get("spec") or {}).get("unschedulable"):
            return None
        if not _tolerates(pod):
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_UNSCHEDULABLE)
        return None

    def filter_nodes(self, state: Any, pod: dict, table: Any) -> Any:
        """kubelab-only: Filter over every node of the table at once."""
        if _tolerates(pod):
            return table.all_true
        return ~table.unschedulable


def new(args: Any, handle: Any) -> NodeUnschedulable:
    return NodeUnschedulable()
