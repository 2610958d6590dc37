"""InterPodAffinity's Filter: required affinity and anti-affinity, the pod's and the existing pods'.

Upstream: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.framework.types import AffinityTerm, PodInfo

ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules"
ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules"
ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules"

# (topologyKey, topologyValue) -> number of matching terms.
TopologyToMatchedTermCount = dict[tuple[str, str], int]


def _update(m: TopologyToMatchedTermCount, node: dict, tk: str, value: int) -> None:
    """Mirrors: filtering.go :: topologyToMatchedTermCount.update"""
    tv = (node["metadata"].get("labels") or {}).get(tk)
    if tv is None:
        return
    pair = (tk, tv)
    n = m.get(pair, 0) + value
    if n == 0:
        m.pop(pair, None)
    else:
        m[pair] = n


def update_with_affinity_terms(m: TopologyToMatchedTermCount, terms: list[AffinityTerm], pod: dict, node: dict,
                               value: int) -> None:
    """Mirrors: filtering.go :: updateWithAffinityTerms (all terms must match the pod)."""
    if pod_matches_all_affinity_terms(terms, pod):
        for t in terms:
            _update(m, node, t.topology_key, value)


def update_with_anti_affinity_terms(m: TopologyToMatchedTermCount, terms: list[AffinityTerm], pod: dict,
                                    ns_labels: dict[str, str] | None, node: dict, value: int) -> None:
    """Mirrors: filtering.go :: updateWithAntiAffinityTerms (each matching term counts)."""
    for t in terms:
        if t.matches(pod, ns_labels):
            _update(m, node, t.topology_key, value)


def pod_matches_all_affinity_terms(terms: list[AffinityTerm], pod: dict) -> bool:
    """Mirrors: filtering.go :: podMatchesAllAffinityTerms"""
    if not terms:
        return False
    return all(t.matches(pod, None) for t in terms)


class PreFilterState:
    """Mirrors: filtering.go :: preFilterState"""

    __slots__ = ("existing_anti_affinity_counts", "affinity_counts", "anti_affinity_counts", "pod_info",
                 "namespace_labels")

    def __init__(self, pod_info: PodInfo, namespace_labels: dict[str, str] | None) -> None:
        self.existing_anti_affinity_counts: TopologyToMatchedTermCount = {}
        self.affinity_counts: TopologyToMatchedTermCount = {}
        self.anti_affinity_counts: TopologyToMatchedTermCount = {}
        self.pod_info = pod_info
        self.namespace_labels = namespace_labels

    def clone(self) -> PreFilterState:
        c = PreFilterState(self.pod_info, self.namespace_labels)
        c.existing_anti_affinity_counts = dict(self.existing_anti_affinity_counts)
        c.affinity_counts = dict(self.affinity_counts)
        c.anti_affinity_counts = dict(self.anti_affinity_counts)
        return c

    def update_with_pod(self, p_info: PodInfo, node: dict, multiplier: int) -> None:
        """Mirrors: (*preFilterState).updateWithPod"""
        update_with_anti_affinity_terms(self.existing_anti_affinity_counts, p_info.required_anti_affinity_terms,
                                        self.pod_info.pod, self.namespace_labels, node, multiplier)
        update_with_affinity_terms(self.affinity_counts, self.pod_info.required_affinity_terms, p_info.pod, node,
                                   multiplier)
        update_with_anti_affinity_terms(self.anti_affinity_counts, self.pod_info.required_anti_affinity_terms,
                                        p_info.pod, None, node, multiplier)


def get_existing_anti_affinity_counts(pod: dict, ns_labels: dict[str, str] | None,
                                      nodes: list[Any]) -> TopologyToMatchedTermCount:
    """Mirrors: filtering.go :: (*InterPodAffinity).getExistingAntiAffinityCounts"""
    m: TopologyToMatchedTermCount = {}
    for ni in nodes:
        node = ni.node
        if node is None:
            continue
        for existing in ni.pods_with_required_anti_affinity:
            update_with_anti_affinity_terms(m, existing.required_anti_affinity_terms, pod, ns_labels, node, 1)
    return m


def get_incoming_affinity_anti_affinity_counts(pod_info: PodInfo,
                                               all_nodes: list[Any]) -> tuple[TopologyToMatchedTermCount,
                                                                              TopologyToMatchedTermCount]:
    """Mirrors: filtering.go :: (*InterPodAffinity).getIncomingAffinityAntiAffinityCounts"""
    affinity: TopologyToMatchedTermCount = {}
    anti: TopologyToMatchedTermCount = {}
    if not pod_info.required_affinity_terms and not pod_info.required_anti_affinity_terms:
        return affinity, anti
    for ni in all_nodes:
        node = ni.node
        if node is None:
            continue
        for existing in ni.pods:
            update_with_affinity_terms(affinity, pod_info.required_affinity_terms, existing.pod, node, 1)
            update_with_anti_affinity_terms(anti, pod_info.required_anti_affinity_terms, existing.pod, None, node, 1)
    return affinity, anti


def satisfy_existing_pods_anti_affinity(state: PreFilterState, node_info: Any) -> bool:
    """Mirrors: filtering.go :: satisfyExistingPodsAntiAffinity"""
    if state.existing_anti_affinity_counts:
        for kv in (node_info.node["metadata"].get("labels") or {}).items():
            if state.existing_anti_affinity_counts.get(kv, 0) > 0:
                return False
    return True


def satisfy_pod_anti_affinity(state: PreFilterState, node_info: Any) -> bool:
    """Mirrors: filtering.go :: satisfyPodAntiAffinity"""
    if state.anti_affinity_counts:
        node_labels = node_info.node["metadata"].get("labels") or {}
        for t in state.pod_info.required_anti_affinity_terms:
            tv = node_labels.get(t.topology_key)
            if tv is not None and state.anti_affinity_counts.get((t.topology_key, tv), 0) > 0:
                return False
    return True


def satisfy_pod_affinity(state: PreFilterState, node_info: Any) -> bool:
    """Mirrors: filtering.go :: satisfyPodAffinity (a pod may be the first of a self-affine group)."""
    pods_exist = True
    node_labels = node_info.node["metadata"].get("labels") or {}
    for t in state.pod_info.required_affinity_terms:
        tv = node_labels.get(t.topology_key)
        if tv is None:
            return False
        if state.affinity_counts.get((t.topology_key, tv), 0) <= 0:
            pods_exist = False
    if not pods_exist:
        return (not state.affinity_counts
                and pod_matches_all_affinity_terms(state.pod_info.required_affinity_terms, state.pod_info.pod))
    return True


def filter_node(state: PreFilterState, node_info: Any) -> Status | None:
    """Mirrors: filtering.go :: (*InterPodAffinity).Filter"""
    if not satisfy_pod_affinity(state, node_info):
        return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_AFFINITY_RULES_NOT_MATCH)
    if not satisfy_pod_anti_affinity(state, node_info):
        return Status(Code.UNSCHEDULABLE, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH)
    if not satisfy_existing_pods_anti_affinity(state, node_info):
        return Status(Code.UNSCHEDULABLE, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH)
    return None
