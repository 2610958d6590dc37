"""Topology spread constraints as the scheduler uses them, and pod counting.

Upstream: pkg/scheduler/framework/plugins/podtopologyspread/common.go
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from kubelab.api import labels
from kubelab.scheduler.component_helpers.helpers import (
    do_not_schedule_taints_filter,
    find_matching_untolerated_taint,
)
from kubelab.scheduler.component_helpers.nodeaffinity import RequiredNodeAffinity

Obj = dict[str, Any]
LABEL_HOSTNAME = "kubernetes.io/hostname"
LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone"
NODE_INCLUSION_POLICY_HONOR = "Honor"
NODE_INCLUSION_POLICY_IGNORE = "Ignore"

# Applied to pods that set no constraints of their own (defaultingType: System).
SYSTEM_DEFAULT_CONSTRAINTS = [
    {"topologyKey": LABEL_HOSTNAME, "whenUnsatisfiable": "ScheduleAnyway", "maxSkew": 3},
    {"topologyKey": LABEL_TOPOLOGY_ZONE, "whenUnsatisfiable": "ScheduleAnyway", "maxSkew": 5},
]


@dataclass(slots=True)
class TopologySpreadConstraint:
    """Mirrors: podtopologyspread/common.go :: topologySpreadConstraint"""

    max_skew: int
    topology_key: str
    selector: labels.Selector
    min_domains: int = 1
    node_affinity_policy: str = NODE_INCLUSION_POLICY_HONOR
    node_taints_policy: str = NODE_INCLUSION_POLICY_IGNORE

    def match_node_inclusion_policies(self, pod: Obj, node: Obj, required: RequiredNodeAffinity) -> bool:
        """Mirrors: (*topologySpreadConstraint).matchNodeInclusionPolicies"""
        if self.node_affinity_policy == NODE_INCLUSION_POLICY_HONOR and not required.match(node)[0]:
            return False
        if self.node_taints_policy == NODE_INCLUSION_POLICY_HONOR:
            _, untolerated = find_matching_untolerated_taint((node.get("spec") or {}).get("taints"),
                                                             (pod.get("spec") or {}).get("tolerations"),
                                                             do_not_schedule_taints_filter)
            return not untolerated
        return True


def merge_label_set_with_selector(match_labels: dict[str, str], s: labels.Selector) -> labels.Selector:
    """Mirrors: common.go :: mergeLabelSetWithSelector"""
    extra = [labels.new_requirement(k, labels.EQUALS, [v]) for k, v in sorted(match_labels.items())]
    return s.add(*extra)


def filter_topology_spread_constraints(constraints: list[Obj], pod_labels: dict[str, str],
                                       action: str) -> list[TopologySpreadConstraint]:
    """The constraints with ``whenUnsatisfiable == action``, selectors parsed.

    Mirrors: common.go :: filterTopologySpreadConstraints
    """
    out = []
    for c in constraints:
        if c.get("whenUnsatisfiable") != action:
            continue
        selector = labels.label_selector_as_selector(c.get("labelSelector"))
        keys = c.get("matchLabelKeys") or []
        if keys:
            ml = {k: pod_labels[k] for k in keys if k in pod_labels}
            if ml:
                selector = merge_label_set_with_selector(ml, selector)
        min_domains = c.get("minDomains")
        out.append(TopologySpreadConstraint(
            c.get("maxSkew", 1), c.get("topologyKey", ""), selector,
            min_domains if min_domains is not None else 1,
            c.get("nodeAffinityPolicy") or NODE_INCLUSION_POLICY_HONOR,
            c.get("nodeTaintsPolicy") or NODE_INCLUSION_POLICY_IGNORE))
    return out


def node_labels_match_spread_constraints(node_labels: dict[str, str],
                                         constraints: list[TopologySpreadConstraint]) -> bool:
    """Mirrors: common.go :: nodeLabelsMatchSpreadConstraints"""
    return all(c.topology_key in node_labels for c in constraints)


def count_pods_match_selector(pod_infos: list[Any], selector: labels.Selector, ns: str) -> int:
    """Mirrors: common.go :: countPodsMatchSelector (terminating pods are skipped)."""
    if selector.empty():
        return 0
    n = 0
    for pi in pod_infos:
        m = pi.pod["metadata"]
        if m.get("deletionTimestamp") or m.get("namespace", "") != ns:
            continue
        if selector.matches(m.get("labels") or {}):
            n += 1
    return n


def topology_normalizing_weight(size: int) -> float:
    """Mirrors: scoring.go :: topologyNormalizingWeight"""
    return math.log(size + 2)
