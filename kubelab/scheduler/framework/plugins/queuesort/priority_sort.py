"""PrioritySort: higher priority first, then the pod that has waited longest.

Upstream: pkg/scheduler/framework/plugins/queuesort/priority_sort.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.component_helpers.helpers import pod_priority
from kubelab.scheduler.framework.plugins import names

NAME = names.PRIORITY_SORT


class PrioritySort:
    """Mirrors: queuesort/priority_sort.go :: PrioritySort"""

    name = NAME

    def less(self, p_info1: Any, p_info2: Any) -> bool:
        """Mirrors: (*PrioritySort).Less"""
        p1, p2 = pod_priority(p_info1.pod), pod_priority(p_info2.pod)
        return p1 > p2 or (p1 == p2 and p_info1.timestamp < p_info2.timestamp)

    def sort_key(self, p_info: Any) -> tuple[int, float]:
        """kubelab-only: a key that orders exactly as ``less`` does, for the queue's heap."""
        return -pod_priority(p_info.pod), p_info.timestamp


def new(args: Any, handle: Any) -> PrioritySort:
    return PrioritySort()
