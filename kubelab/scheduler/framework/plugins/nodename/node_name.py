"""NodeName: a pod that names a node fits only that node.

Upstream: pkg/scheduler/framework/plugins/nodename/node_name.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.framework.plugins import names

NAME = names.NODE_NAME
ERR_REASON = "node(s) didn't match the requested node name"


def fits(pod: dict, node_info: Any) -> bool:
    """Mirrors: node_name.go :: Fits"""
    want = (pod.get("spec") or {}).get("nodeName")
    return not want or want == node_info.node_name


class NodeName:
    """Mirrors: nodename/node_name.go :: NodeName"""

    name = NAME

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        return [ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD), self.is_schedulable_after_node_add)]

    def is_schedulable_after_node_add(self, pod: dict, old: Any, new: Any) -> int:
        want = (pod.get("spec") or {}).get("nodeName")
        return ev.QUEUE if not want or want == new["metadata"]["name"] else ev.QUEUE_SKIP

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*NodeName).Filter"""
        if not fits(pod, node_info):
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON)
        return None

    def filter_nodes(self, state: Any, pod: dict, table: Any) -> Any:
        """kubelab-only: Filter over every node of the table at once."""
        want = (pod.get("spec") or {}).get("nodeName")
        if not want:
            return table.all_true
        mask = np.zeros(table.n, dtype=bool)
        i = table.index.get(want)
        if i is not None:
            mask[i] = True
        return mask


def new(args: Any, handle: Any) -> NodeName:
    return NodeName()
