"""Cluster events that can make an unschedulable pod schedulable, and the hints plugins give.

Upstream: staging/src/k8s.io/kube-scheduler/framework/types.go (ActionType, EventResource,
ClusterEvent, QueueingHint) and pkg/scheduler/framework/events.go (the predefined events,
PodSchedulingPropertiesChange, NodeSchedulingPropertiesChange)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntFlag
from typing import Any

from kubelab.scheduler.component_helpers import resource as res

Obj = dict[str, Any]


class ActionType(IntFlag):
    """Mirrors: kube-scheduler/framework/types.go :: ActionType"""

    NONE = 0
    ADD = 1 << 0
    DELETE = 1 << 1
    UPDATE_NODE_ALLOCATABLE = 1 << 2
    UPDATE_NODE_LABEL = 1 << 3
    UPDATE_NODE_TAINT = 1 << 4
    UPDATE_NODE_CONDITION = 1 << 5
    UPDATE_NODE_ANNOTATION = 1 << 6
    UPDATE_POD_LABEL = 1 << 7
    UPDATE_POD_SCALE_DOWN = 1 << 8
    UPDATE_POD_TOLERATION = 1 << 9
    UPDATE_POD_SCHEDULING_GATES_ELIMINATED = 1 << 10
    UPDATE_POD_GENERATED_RESOURCE_CLAIM = 1 << 11
    UPDATE_POD_OTHER = 1 << 12
    ALL = (1 << 13) - 1
    UPDATE = ALL & ~(ADD | DELETE)

    def label(self) -> str:
        """Mirrors: ActionType.String: the Go names joined by ``|``."""
        if self == ActionType.ALL:
            return "All"
        if self == ActionType.UPDATE:
            return "Update"
        names = [_ACTION_NAMES[f] for f in _ACTION_NAMES if f & self]
        return "|".join(names) if names else ""


_ACTION_NAMES = {
    ActionType.ADD: "Add", ActionType.DELETE: "Delete",
    ActionType.UPDATE_NODE_ALLOCATABLE: "UpdateNodeAllocatable", ActionType.UPDATE_NODE_LABEL: "UpdateNodeLabel",
    ActionType.UPDATE_NODE_TAINT: "UpdateNodeTaint", ActionType.UPDATE_NODE_CONDITION: "UpdateNodeCondition",
    ActionType.UPDATE_NODE_ANNOTATION: "UpdateNodeAnnotation", ActionType.UPDATE_POD_LABEL: "UpdatePodLabel",
    ActionType.UPDATE_POD_SCALE_DOWN: "UpdatePodScaleDown", ActionType.UPDATE_POD_TOLERATION: "UpdatePodToleration",
    ActionType.UPDATE_POD_SCHEDULING_GATES_ELIMINATED: "UpdatePodSchedulingGatesEliminated",
    ActionType.UPDATE_POD_GENERATED_RESOURCE_CLAIM: "UpdatePodGeneratedResourceClaim",
    ActionType.UPDATE_POD_OTHER: "UpdatePodOther",
}

# EventResource values (kube-scheduler/framework/types.go).
POD = "Pod"
ASSIGNED_POD = "AssignedPod"
UNSCHEDULED_POD = "UnscheduledPod"
NODE = "Node"
PERSISTENT_VOLUME = "PersistentVolume"
PERSISTENT_VOLUME_CLAIM = "PersistentVolumeClaim"
STORAGE_CLASS = "storage.k8s.io/StorageClass"
WILDCARD = "*"

QUEUE_SKIP = 0
QUEUE = 1


@dataclass(frozen=True, slots=True)
class ClusterEvent:
    """Mirrors: kube-scheduler/framework/types.go :: ClusterEvent"""

    resource: str
    action_type: ActionType
    custom_label: str = ""

    def is_wild_card(self) -> bool:
        return self.resource == WILDCARD and self.action_type == ActionType.ALL

    def match(self, incoming: ClusterEvent) -> bool:
        """Mirrors: ClusterEvent.Match (Pod matches AssignedPod and UnscheduledPod)."""
        if self.is_wild_card():
            return True
        r = self.resource
        resource_ok = (r == WILDCARD or r == incoming.resource
                       or (r == POD and incoming.resource in (ASSIGNED_POD, UNSCHEDULED_POD)))
        return resource_ok and bool(self.action_type & incoming.action_type)

    def label(self) -> str:
        """Mirrors: ClusterEvent.Label"""
        return self.custom_label or f"{self.resource}{self.action_type.label()}"


# hint(pod, old_obj, new_obj) -> QUEUE or QUEUE_SKIP; an exception counts as QUEUE.
QueueingHintFn = Callable[[Obj, Any, Any], int]


@dataclass(frozen=True, slots=True)
class ClusterEventWithHint:
    """Mirrors: kube-scheduler/framework/types.go :: ClusterEventWithHint"""

    event: ClusterEvent
    queueing_hint_fn: QueueingHintFn | None = None


@dataclass(frozen=True, slots=True)
class QueueingHintFunction:
    """Mirrors: pkg/scheduler/framework/types.go :: QueueingHintFunction"""

    plugin_name: str
    queueing_hint_fn: QueueingHintFn


EVENT_ASSIGNED_POD_ADD = ClusterEvent(ASSIGNED_POD, ActionType.ADD)
EVENT_ASSIGNED_POD_DELETE = ClusterEvent(ASSIGNED_POD, ActionType.DELETE)
EVENT_UNSCHEDULED_POD_ADD = ClusterEvent(UNSCHEDULED_POD, ActionType.ADD)
EVENT_UNSCHEDULED_POD_UPDATE = ClusterEvent(UNSCHEDULED_POD, ActionType.UPDATE)
EVENT_UNSCHEDULED_POD_DELETE = ClusterEvent(UNSCHEDULED_POD, ActionType.DELETE)
EVENT_NODE_ADD = ClusterEvent(NODE, ActionType.ADD)
EVENT_UNSCHEDULABLE_TIMEOUT = ClusterEvent(WILDCARD, ActionType.ALL, "UnschedulableTimeout")
EVENT_FORCE_ACTIVATE = ClusterEvent(WILDCARD, ActionType.ALL, "ForceActivate")
# Queue-internal move reasons (pkg/scheduler/framework/events.go).
SCHEDULE_ATTEMPT_FAILURE = "ScheduleAttemptFailure"
BACKOFF_COMPLETE = "BackoffComplete"


def _labels(obj: Obj | None) -> dict[str, str]:
    return ((obj or {}).get("metadata") or {}).get("labels") or {}


def _spec(obj: Obj | None) -> Obj:
    return (obj or {}).get("spec") or {}


def extract_pod_scale_down(new: Obj, old: Obj) -> ActionType:
    """Mirrors: pkg/scheduler/framework/events.go :: extractPodScaleDown"""
    new_req = res.pod_requests(new)
    for name, old_milli in res.pod_requests(old).items():
        if name not in new_req or old_milli > new_req[name]:
            return ActionType.UPDATE_POD_SCALE_DOWN
    return ActionType.NONE


def pod_scheduling_properties_change(new: Obj, old: Obj) -> list[ClusterEvent]:
    """The events one pod update stands for.

    Mirrors: pkg/scheduler/framework/events.go :: PodSchedulingPropertiesChange
    """
    r = ASSIGNED_POD if _spec(new).get("nodeName") else UNSCHEDULED_POD
    events: list[ClusterEvent] = []
    if _labels(new) != _labels(old):
        events.append(ClusterEvent(r, ActionType.UPDATE_POD_LABEL))
    if extract_pod_scale_down(new, old):
        events.append(ClusterEvent(r, ActionType.UPDATE_POD_SCALE_DOWN))
    if not _spec(new).get("schedulingGates") and _spec(old).get("schedulingGates"):
        events.append(ClusterEvent(r, ActionType.UPDATE_POD_SCHEDULING_GATES_ELIMINATED))
    if len(_spec(new).get("tolerations") or ()) != len(_spec(old).get("tolerations") or ()):
        events.append(ClusterEvent(r, ActionType.UPDATE_POD_TOLERATION))
    if not events:
        events.append(ClusterEvent(r, ActionType.UPDATE_POD_OTHER))
    return events


def _conditions(node: Obj) -> dict[str, str]:
    return {c.get("type", ""): c.get("status", "") for c in (node.get("status") or {}).get("conditions") or ()}


def node_scheduling_properties_change(new: Obj, old: Obj) -> list[ClusterEvent]:
    """The events one node update stands for.

    Mirrors: pkg/scheduler/framework/events.go :: NodeSchedulingPropertiesChange
    """
    out: list[ClusterEvent] = []
    ns, os_ = _spec(new), _spec(old)
    if bool(ns.get("unschedulable")) != bool(os_.get("unschedulable")) and not ns.get("unschedulable"):
        out.append(ClusterEvent(NODE, ActionType.UPDATE_NODE_TAINT))
    new_alloc = res.milli_list((new.get("status") or {}).get("allocatable"))
    if new_alloc != res.milli_list((old.get("status") or {}).get("allocatable")):
        out.append(ClusterEvent(NODE, ActionType.UPDATE_NODE_ALLOCATABLE))
    if _labels(new) != _labels(old):
        out.append(ClusterEvent(NODE, ActionType.UPDATE_NODE_LABEL))
    if (ns.get("taints") or []) != (os_.get("taints") or []):
        out.append(ClusterEvent(NODE, ActionType.UPDATE_NODE_TAINT))
    if _conditions(new) != _conditions(old):
        out.append(ClusterEvent(NODE, ActionType.UPDATE_NODE_CONDITION))
    if (new["metadata"].get("annotations") or {}) != (old["metadata"].get("annotations") or {}):
        out.append(ClusterEvent(NODE, ActionType.UPDATE_NODE_ANNOTATION))
    return out
