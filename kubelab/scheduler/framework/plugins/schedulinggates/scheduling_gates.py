"""SchedulingGates: a pod with spec.schedulingGates waits outside the active queue.

Upstream: pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.framework.plugins import names

NAME = names.SCHEDULING_GATES


class SchedulingGates:
    """Mirrors: schedulinggates/scheduling_gates.go :: SchedulingGates"""

    name = NAME

    def pre_enqueue(self, pod: dict) -> Status | None:
        """Mirrors: (*SchedulingGates).PreEnqueue"""
        gates = (pod.get("spec") or {}).get("schedulingGates") or []
        if not gates:
            return None
        names_ = " ".join(g.get("name", "") for g in gates)
        return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, f"waiting for scheduling gates: [{names_}]")

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        """Mirrors: (*SchedulingGates).EventsToRegister"""
        return [ev.ClusterEventWithHint(ev.ClusterEvent(ev.UNSCHEDULED_POD,
                                                        ev.ActionType.UPDATE_POD_SCHEDULING_GATES_ELIMINATED),
                                        self.is_schedulable_after_update_pod_scheduling_gates_eliminated)]

    def is_schedulable_after_update_pod_scheduling_gates_eliminated(self, pod: dict, old: Any, new: Any) -> int:
        """Only the gated pod's own update can ungate it."""
        if new["metadata"].get("uid") != pod["metadata"].get("uid"):
            return ev.QUEUE_SKIP
        return ev.QUEUE


def new(args: Any, handle: Any) -> SchedulingGates:
    return SchedulingGates()
