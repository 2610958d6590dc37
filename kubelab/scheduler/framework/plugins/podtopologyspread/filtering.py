"""PodTopologySpread's Filter: placing the pod must keep every DoNotSchedule skew within maxSkew.

Upstream: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.component_helpers import nodeaffinity as na
from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.framework.plugins.podtopologyspread.common import (
    TopologySpreadConstraint,
    count_pods_match_selector,
    node_labels_match_spread_constraints,
)

ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints"
ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)"
_MAX_INT32 = (1 << 31) - 1


class CriticalPaths:
    """The two domains with the fewest matching pods.

    Mirrors: filtering.go :: criticalPaths
    """

    __slots__ = ("values", "nums")

    def __init__(self) -> None:
        self.values = ["", ""]
        self.nums = [_MAX_INT32, _MAX_INT32]

    def update(self, tp_val: str, num: int) -> None:
        """Mirrors: (*criticalPaths).update"""
        v, n = self.values, self.nums
        i = 0 if tp_val == v[0] else 1 if tp_val == v[1] else -1
        if i >= 0:
            n[i] = num
            if n[0] > n[1]:
                v[0], v[1] = v[1], v[0]
                n[0], n[1] = n[1], n[0]
        elif num < n[0]:
            v[1], n[1] = v[0], n[0]
            v[0], n[0] = tp_val, num
        elif num < n[1]:
            v[1], n[1] = tp_val, num

    def clone(self) -> CriticalPaths:
        c = CriticalPaths()
        c.values = list(self.values)
        c.nums = list(self.nums)
        return c


class PreFilterState:
    """Matching-pod counts per topology domain for each constraint.

    Mirrors: filtering.go :: preFilterState
    """

    __slots__ = ("constraints", "critical_paths", "tp_value_to_match_num")

    def __init__(self, constraints: list[TopologySpreadConstraint] | None = None) -> None:
        self.constraints = constraints or []
        self.critical_paths: list[CriticalPaths] = []
        self.tp_value_to_match_num: list[dict[str, int]] = []

    def min_match_num(self, constraint_id: int, min_domains: int) -> int:
        """Mirrors: (*preFilterState).minMatchNum"""
        m = self.critical_paths[constraint_id].nums[0]
        if len(self.tp_value_to_match_num[constraint_id]) < min_domains:
            m = 0
        return m

    def clone(self) -> PreFilterState:
        c = PreFilterState(self.constraints)
        c.critical_paths = [p.clone() for p in self.critical_paths]
        c.tp_value_to_match_num = [dict(m) for m in self.tp_value_to_match_num]
        return c

    def update_with_pod(self, updated_pod: dict, preemptor_pod: dict, node: dict, delta: int) -> None:
        """Mirrors: (*preFilterState).updateWithPod"""
        if not self.constraints or updated_pod["metadata"].get("namespace") != preemptor_pod["metadata"].get("namespace"):
            return
        node_labels = node["metadata"].get("labels") or {}
        if not node_labels_match_spread_constraints(node_labels, self.constraints):
            return
        required = na.get_required_node_affinity(preemptor_pod)
        pod_labels = updated_pod["metadata"].get("labels") or {}
        for i, c in enumerate(self.constraints):
            if not c.match_node_inclusion_policies(preemptor_pod, node, required):
                continue
            if not c.selector.matches(pod_labels):
                continue
            v = node_labels[c.topology_key]
            self.tp_value_to_match_num[i][v] = self.tp_value_to_match_num[i].get(v, 0) + delta
            self.critical_paths[i].update(v, self.tp_value_to_match_num[i][v])


def cal_pre_filter_state(pod: dict, all_nodes: list[Any], constraints: list[TopologySpreadConstraint]) -> PreFilterState:
    """Count matching pods per domain over every eligible node.

    Mirrors: filtering.go :: (*PodTopologySpread).calPreFilterState
    """
    if not constraints:
        return PreFilterState()
    s = PreFilterState(constraints)
    s.tp_value_to_match_num = [{} for _ in constraints]
    required = na.get_required_node_affinity(pod)
    ns = pod["metadata"].get("namespace", "")
    for ni in all_nodes:
        node = ni.node
        if node is None:
            continue
        node_labels = node["metadata"].get("labels") or {}
        if not node_labels_match_spread_constraints(node_labels, constraints):
            continue
        for i, c in enumerate(constraints):
            if not c.match_node_inclusion_policies(pod, node, required):
                continue
            v = node_labels[c.topology_key]
            m = s.tp_value_to_match_num[i]
            m[v] = m.get(v, 0) + count_pods_match_selector(ni.pods, c.selector, ns)
    for i in range(len(constraints)):
        cp = CriticalPaths()
        for v, num in s.tp_value_to_match_num[i].items():
            cp.update(v, num)
        s.critical_paths.append(cp)
    return s


def filter_node(s: PreFilterState, pod: dict, node_info: Any) -> Status | None:
    """Mirrors: filtering.go :: (*PodTopologySpread).Filter"""
    if not s.constraints:
        return None
    node_labels = node_info.node["metadata"].get("labels") or {}
    pod_labels = pod["metadata"].get("labels") or {}
    for i, c in enumerate(s.constraints):
        tp_val = node_labels.get(c.topology_key)
        if tp_val is None:
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_NODE_LABEL_NOT_MATCH)
        self_match = 1 if c.selector.matches(pod_labels) else 0
        match_num = s.tp_value_to_match_num[i].get(tp_val, 0)
        skew = match_num + self_match - s.min_match_num(i, c.min_domains)
        if skew > c.max_skew:
            return Status(Code.UNSCHEDULABLE, ERR_REASON_CONSTRAINTS_NOT_MATCH)
    return None
