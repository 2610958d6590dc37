"""InterPodAffinity's Score: preferred terms both ways, and existing pods' hard affinity.

Upstream: pkg/scheduler/framework/plugins/interpodaffinity/scoring.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.framework.interface import MAX_NODE_SCORE, NodeScore
from kubelab.scheduler.framework.types import AffinityTerm, PodInfo, WeightedAffinityTerm

# topologyKey -> topologyValue -> score
ScoreMap = dict[str, dict[str, int]]


class PreScoreState:
    """Mirrors: scoring.go :: preScoreState"""

    __slots__ = ("topology_score", "pod_info", "namespace_labels")

    def __init__(self, pod_info: PodInfo, namespace_labels: dict[str, str] | None) -> None:
        self.topology_score: ScoreMap = {}
        self.pod_info = pod_info
        self.namespace_labels = namespace_labels

    def clone(self) -> PreScoreState:
        return self


def process_term(m: ScoreMap, term: AffinityTerm, weight: int, pod: dict, ns_labels: dict[str, str] | None,
                 node: dict, multiplier: int) -> None:
    """Mirrors: scoring.go :: scoreMap.processTerm"""
    if term.matches(pod, ns_labels):
        tv = (node["metadata"].get("labels") or {}).get(term.topology_key)
        if tv is not None:
            d = m.setdefault(term.topology_key, {})
            d[tv] = d.get(tv, 0) + weight * multiplier


def process_terms(m: ScoreMap, terms: list[WeightedAffinityTerm], pod: dict, ns_labels: dict[str, str] | None,
                  node: dict, multiplier: int) -> None:
    """Mirrors: scoring.go :: scoreMap.processTerms"""
    for t in terms:
        process_term(m, t.affinity_term, t.weight, pod, ns_labels, node, multiplier)


def append_score_map(m: ScoreMap, other: ScoreMap) -> None:
    """Mirrors: scoring.go :: scoreMap.append"""
    for topology, o_scores in other.items():
        scores = m.get(topology)
        if scores is None:
            m[topology] = o_scores
            continue
        for k, v in o_scores.items():
            scores[k] = scores.get(k, 0) + v


def process_existing_pod(state: PreScoreState, existing: PodInfo, existing_node_info: Any, incoming: dict,
                         topo_score: ScoreMap, hard_pod_affinity_weight: int) -> None:
    """Mirrors: scoring.go :: (*InterPodAffinity).processExistingPod"""
    node = existing_node_info.node
    if not node["metadata"].get("labels"):
        return
    pi = state.pod_info
    process_terms(topo_score, pi.preferred_affinity_terms, existing.pod, None, node, 1)
    process_terms(topo_score, pi.preferred_anti_affinity_terms, existing.pod, None, node, -1)
    if hard_pod_affinity_weight > 0:
        for t in existing.required_affinity_terms:
            process_term(topo_score, t, hard_pod_affinity_weight, incoming, state.namespace_labels, node, 1)
    process_terms(topo_score, existing.preferred_affinity_terms, incoming, state.namespace_labels, node, 1)
    process_terms(topo_score, existing.preferred_anti_affinity_terms, incoming, state.namespace_labels, node, -1)


def score_node(s: PreScoreState, node_info: Any) -> int:
    """Mirrors: scoring.go :: (*InterPodAffinity).Score"""
    node_labels = node_info.node["metadata"].get("labels") or {}
    score = 0
    for tk, values in s.topology_score.items():
        v = node_labels.get(tk)
        if v is not None:
            score += values.get(v, 0)
    return score


def normalize(s: PreScoreState, scores: list[NodeScore]) -> None:
    """Mirrors: scoring.go :: (*InterPodAffinity).NormalizeScore (min-max to [0, 100])."""
    if not s.topology_score:
        return
    min_count = min((x.score for x in scores), default=0)
    max_count = max((x.score for x in scores), default=0)
    diff = max_count - min_count
    for x in scores:
        f = 0.0
        if diff > 0:
            f = float(MAX_NODE_SCORE) * (float(x.score - min_count) / float(diff))
        x.score = int(f)
