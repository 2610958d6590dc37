"""PodTopologySpread's Score: fewer matching pods in a node's domains scores higher.

Upstream: pkg/scheduler/framework/plugins/podtopologyspread/scoring.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.component_helpers import nodeaffinity as na
from kubelab.scheduler.framework.interface import MAX_NODE_SCORE, NodeScore
from kubelab.scheduler.framework.plugins.noderesources.requested_to_capacity_ratio import go_round
from kubelab.scheduler.framework.plugins.podtopologyspread.common import (
    LABEL_HOSTNAME,
    TopologySpreadConstraint,
    count_pods_match_selector,
    node_labels_match_spread_constraints,
    topology_normalizing_weight,
)


class PreScoreState:
    """Mirrors: scoring.go :: preScoreState"""

    __slots__ = ("constraints", "ignored_nodes", "topology_value_to_pod_counts", "topology_normalizing_weight")

    def __init__(self) -> None:
        self.constraints: list[TopologySpreadConstraint] = []
        self.ignored_nodes: dict[str, None] = {}
        self.topology_value_to_pod_counts: list[dict[str, int]] = []
        self.topology_normalizing_weight: list[float] = []

    def clone(self) -> PreScoreState:
        return self


def init_pre_score_state(s: PreScoreState, filtered_nodes: list[Any], require_all_topologies: bool) -> None:
    """Mirrors: scoring.go :: (*PodTopologySpread).initPreScoreState (after the constraints are set)."""
    if not s.constraints:
        return
    s.topology_value_to_pod_counts = [{} for _ in s.constraints]
    topo_size = [0] * len(s.constraints)
    for ni in filtered_nodes:
        node_labels = ni.node["metadata"].get("labels") or {}
        if require_all_topologies and not node_labels_match_spread_constraints(node_labels, s.constraints):
            s.ignored_nodes[ni.node_name] = None
            continue
        for i, c in enumerate(s.constraints):
            if c.topology_key == LABEL_HOSTNAME:
                continue
            v = node_labels.get(c.topology_key, "")
            if v not in s.topology_value_to_pod_counts[i]:
                s.topology_value_to_pod_counts[i][v] = 0
                topo_size[i] += 1
    s.topology_normalizing_weight = []
    for i, c in enumerate(s.constraints):
        sz = topo_size[i]
        if c.topology_key == LABEL_HOSTNAME:
            sz = len(filtered_nodes) - len(s.ignored_nodes)
        s.topology_normalizing_weight.append(topology_normalizing_weight(sz))


def count_all_nodes(s: PreScoreState, pod: dict, all_nodes: list[Any], require_all_topologies: bool) -> None:
    """The processAllNode loop of (*PodTopologySpread).PreScore."""
    required = na.get_required_node_affinity(pod)
    ns = pod["metadata"].get("namespace", "")
    for ni in all_nodes:
        node = ni.node
        node_labels = node["metadata"].get("labels") or {}
        if require_all_topologies and not node_labels_match_spread_constraints(node_labels, s.constraints):
            continue
        for i, c in enumerate(s.constraints):
            if not c.match_node_inclusion_policies(pod, node, required):
                continue
            v = node_labels.get(c.topology_key, "")
            counts = s.topology_value_to_pod_counts[i]
            if v not in counts:
                continue
            counts[v] += count_pods_match_selector(ni.pods, c.selector, ns)


def score_for_count(cnt: int, max_skew: int, tp_weight: float) -> float:
    """Mirrors: scoring.go :: scoreForCount"""
    return float(cnt) * tp_weight + float(max_skew - 1)


def score_node(s: PreScoreState, pod: dict, node_info: Any) -> int:
    """Mirrors: scoring.go :: (*PodTopologySpread).Score"""
    name = node_info.node_name
    if name in s.ignored_nodes:
        return 0
    node_labels = node_info.node["metadata"].get("labels") or {}
    ns = pod["metadata"].get("namespace", "")
    score = 0.0
    for i, c in enumerate(s.constraints):
        if c.topology_key not in node_labels:
            continue
        if c.topology_key == LABEL_HOSTNAME:
            cnt = count_pods_match_selector(node_info.pods, c.selector, ns)
        else:
            cnt = s.topology_value_to_pod_counts[i][node_labels[c.topology_key]]
        score += score_for_count(cnt, c.max_skew, s.topology_normalizing_weight[i])
    return go_round(score)


def normalize(s: PreScoreState | None, scores: list[NodeScore]) -> None:
    """Mirrors: scoring.go :: (*PodTopologySpread).NormalizeScore"""
    if s is None:
        return
    min_score = (1 << 63) - 1
    max_score = 0
    for ns in scores:
        if ns.name in s.ignored_nodes:
            continue
        min_score = min(min_score, ns.score)
        max_score = max(max_score, ns.score)
    for ns in scores:
        if ns.name in s.ignored_nodes:
            ns.score = 0
            continue
        if max_score == 0:
            ns.score = MAX_NODE_SCORE
            continue
        ns.score = MAX_NODE_SCORE * (max_score + min_score - ns.score) // max_score
