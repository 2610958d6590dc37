"""Priority: resolve a pod's priorityClassName to its priority and preemption policy.

Upstream: plugin/pkg/admission/priority/admission.go,
pkg/apis/scheduling/types.go (the system classes)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.apiserver.admission.errors import new_forbidden
from kubelab.apiserver.admission.interfaces import CREATE, DELETE, UPDATE, Attributes, Context

PLUGIN_NAME = "Priority"
DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0
HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000
SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY
SYSTEM_CLUSTER_CRITICAL = "system-cluster-critical"
SYSTEM_NODE_CRITICAL = "system-node-critical"
PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority"


def system_priority_classes() -> list[dict[str, Any]]:
    """The two classes the API server creates at start-up.

    Mirrors: pkg/apis/scheduling/helpers.go :: SystemPriorityClasses and
    pkg/registry/scheduling/rest/storage_scheduling.go (the post-start hook)
    """
    return [
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
         "metadata": {"name": SYSTEM_NODE_CRITICAL}, "value": SYSTEM_CRITICAL_PRIORITY + 1000,
         "description": "Used for system critical pods that must not be moved from their current node.",
         "preemptionPolicy": PREEMPT_LOWER_PRIORITY},
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
         "metadata": {"name": SYSTEM_CLUSTER_CRITICAL}, "value": SYSTEM_CRITICAL_PRIORITY,
         "description": "Used for system critical pods that must run in the cluster, but can be moved "
                        "to another node if necessary.",
         "preemptionPolicy": PREEMPT_LOWER_PRIORITY},
    ]


class Priority:
    """Mirrors: priority/admission.go :: Plugin"""

    name = PLUGIN_NAME

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE, DELETE)

    def admit(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: priority/admission.go :: (*Plugin).Admit"""
        if attrs.subresource or attrs.info.group != "" or attrs.info.resource != "pods":
            return
        if attrs.operation in (CREATE, UPDATE):
            self._admit_pod(attrs, ctx)

    def validate(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: priority/admission.go :: (*Plugin).Validate"""
        if attrs.subresource or (attrs.info.group, attrs.info.resource) != ("scheduling.k8s.io", "priorityclasses"):
            return
        if attrs.operation in (CREATE, UPDATE):
            self._validate_priority_class(attrs, ctx)

    def _admit_pod(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: priority/admission.go :: (*Plugin).admitPod"""
        pod = attrs.object
        if not isinstance(pod, dict):
            raise errors.new_bad_request("resource was marked with kind Pod but was unable to be converted")
        spec = pod.setdefault("spec", {})
        if attrs.operation == UPDATE:
            old = (attrs.old_object or {}).get("spec") or {}
            # Keep what admission set on create; validation refuses real changes.
            if spec.get("priority") is None and old.get("priority") is not None:
                spec["priority"] = old["priority"]
            if spec.get("preemptionPolicy") is None and old.get("preemptionPolicy") is not None:
                spec["preemptionPolicy"] = old["preemptionPolicy"]
            return
        preemption_policy: str | None
        if not spec.get("priorityClassName"):
            pc_name, priority, preemption_policy = self._get_default_priority(ctx)
            if pc_name:
                spec["priorityClassName"] = pc_name
        else:
            pc = ctx.get("priorityclasses", None, spec["priorityClassName"])
            if pc is None:
                raise new_forbidden(attrs, f"no PriorityClass with name {spec['priorityClassName']} was found")
            priority = int(pc.get("value", 0))
            preemption_policy = pc.get("preemptionPolicy")
        if spec.get("priority") is not None and spec["priority"] != priority:
            raise new_forbidden(attrs, f"the integer value of priority ({spec['priority']}) must not be provided "
                                       f"in pod spec; priority admission controller computed {priority} from "
                                       "the given PriorityClass name")
        spec["priority"] = priority
        if preemption_policy is not None:
            if spec.get("preemptionPolicy") is not None and spec["preemptionPolicy"] != preemption_policy:
                raise new_forbidden(attrs, f"the string value of PreemptionPolicy ({spec['preemptionPolicy']}) "
                                           "must not be provided in pod spec; priority admission controller "
                                           f"computed {preemption_policy} from the given PriorityClass name")
            spec["preemptionPolicy"] = preemption_policy

    def _validate_priority_class(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: priority/admission.go :: (*Plugin).validatePriorityClass"""
        pc = attrs.object
        if not isinstance(pc, dict):
            raise errors.new_bad_request("resource was marked with kind PriorityClass but was unable to be converted")
        if not pc.get("globalDefault"):
            return
        dpc = get_default_priority_class(ctx)
        if dpc is None:
            return
        name = dpc["metadata"]["name"]
        if attrs.operation == CREATE or (attrs.operation == UPDATE and name != pc["metadata"].get("name")):
            raise new_forbidden(attrs, f"PriorityClass {name} is already marked as default. Only one default can exist")

    def _get_default_priority(self, ctx: Context) -> tuple[str, int, str | None]:
        """Mirrors: priority/admission.go :: (*Plugin).getDefaultPriority"""
        dpc = get_default_priority_class(ctx)
        if dpc is not None:
            return dpc["metadata"]["name"], int(dpc.get("value", 0)), dpc.get("preemptionPolicy")
        return "", DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS, PREEMPT_LOWER_PRIORITY


def get_default_priority_class(ctx: Context) -> dict[str, Any] | None:
    """The global default class; with several (a race), the one with the lowest value.

    Mirrors: priority/admission.go :: (*Plugin).getDefaultPriorityClass
    """
    best: dict[str, Any] | None = None
    for pc in ctx.list("priorityclasses"):
        if pc.get("globalDefault") and (best is None or int(best.get("value", 0)) > int(pc.get("value", 0))):
            best = pc
    return best
