"""InterPodAffinity: pods placed near (affinity) or away from (anti-affinity) other pods.

Upstream: pkg/scheduler/framework/plugins/interpodaffinity/plugin.go
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kubelab.api import errors, labels
from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, NodeScore, PreFilterResult, Status
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.interpodaffinity import filtering, scoring
from kubelab.scheduler.framework.types import (
    AffinityTerm,
    PodInfo,
    get_affinity_terms,
    pod_with_affinity,
)

NAME = names.INTER_POD_AFFINITY
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
PRE_SCORE_STATE_KEY = "PreScore" + NAME


def _required_terms(pod: dict, which: str) -> list[dict]:
    a = ((pod.get("spec") or {}).get("affinity") or {}).get(which) or {}
    return a.get("requiredDuringSchedulingIgnoredDuringExecution") or []


class InterPodAffinity:
    """Mirrors: interpodaffinity/plugin.go :: InterPodAffinity"""

    name = NAME

    def __init__(self, args: cfg.InterPodAffinityArgs, handle: Any) -> None:
        self.args = args
        self.handle = handle
        f = handle.shared_informer_factory() if handle is not None else None
        self.ns_lister = f.lister_for("namespaces") if f is not None else None

    def _shared_lister(self) -> Any:
        return self.handle.snapshot_shared_lister()

    def get_namespace_labels_snapshot(self, ns: str) -> dict[str, str] | None:
        """Mirrors: plugin.go :: GetNamespaceLabelsSnapshot (unknown namespace: no labels)."""
        if self.ns_lister is None:
            return None
        try:
            return dict(self.ns_lister.get(ns)["metadata"].get("labels") or {})
        except errors.NotFound:
            return None

    def merge_affinity_term_namespaces_if_not_empty(self, at: AffinityTerm) -> AffinityTerm:
        """Namespaces chosen by a namespaceSelector become explicit names.

        Mirrors: plugin.go :: (*InterPodAffinity).mergeAffinityTermNamespacesIfNotEmpty
        """
        if at.namespace_selector.empty() or self.ns_lister is None:
            return at
        matched = [ns["metadata"]["name"] for ns in self.ns_lister.list(at.namespace_selector)]
        return dataclasses.replace(at, namespaces=at.namespaces | frozenset(matched),
                                   namespace_selector=labels.nothing())

    # -- queueing hints -------------------------------------------------------------------

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        a = ev.ActionType
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, a.ADD | a.UPDATE_POD_LABEL | a.DELETE),
                                    self.is_schedulable_after_pod_change),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, a.ADD | a.UPDATE_NODE_LABEL),
                                    self.is_schedulable_after_node_change),
        ]

    def is_schedulable_after_pod_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*InterPodAffinity).isSchedulableAfterPodChange"""
        if (new is not None and not (new.get("spec") or {}).get("nodeName")) or (
                old is not None and not (old.get("spec") or {}).get("nodeName")):
            return ev.QUEUE_SKIP
        terms = get_affinity_terms(pod, _required_terms(pod, "podAffinity"))
        anti = get_affinity_terms(pod, _required_terms(pod, "podAntiAffinity"))
        if new is not None and old is not None:
            if (not filtering.pod_matches_all_affinity_terms(terms, old)
                    and filtering.pod_matches_all_affinity_terms(terms, new)):
                return ev.QUEUE
            if any(t.matches(old, None) for t in anti) and not any(t.matches(new, None) for t in anti):
                return ev.QUEUE
            return ev.QUEUE_SKIP
        if new is not None:
            return ev.QUEUE if filtering.pod_matches_all_affinity_terms(terms, new) else ev.QUEUE_SKIP
        if any(t.matches(old, None) for t in anti):
            return ev.QUEUE
        old_anti = get_affinity_terms(old, _required_terms(old, "podAntiAffinity"))
        return ev.QUEUE if any(t.matches(pod, None) for t in old_anti) else ev.QUEUE_SKIP

    def is_schedulable_after_node_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*InterPodAffinity).isSchedulableAfterNodeChange"""
        nl = new["metadata"].get("labels") or {}
        ol = (old["metadata"].get("labels") or {}) if old is not None else None
        for t in get_affinity_terms(pod, _required_terms(pod, "podAffinity")):
            k = t.topology_key
            if ol is None:
                if k in nl:
                    return ev.QUEUE
            elif (k not in ol and k in nl) or (k in ol and k in nl and ol[k] != nl[k]):
                return ev.QUEUE
        for t in get_affinity_terms(pod, _required_terms(pod, "podAntiAffinity")):
            k = t.topology_key
            if ol is None:
                return ev.QUEUE
            if (k in ol and k not in nl) or (k in ol and k in nl and ol[k] != nl[k]):
                return ev.QUEUE
        return ev.QUEUE_SKIP

    # -- PreFilter / Filter ---------------------------------------------------------------

    def pre_filter(self, state: Any, pod: dict, all_nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*InterPodAffinity).PreFilter"""
        with_anti = self._shared_lister().node_infos().have_pods_with_required_anti_affinity_list()
        has_required = bool(_required_terms(pod, "podAffinity") or _required_terms(pod, "podAntiAffinity"))
        if not with_anti and not has_required:
            return None, Status(Code.SKIP)
        pi = PodInfo(pod)
        if pi.parse_error:
            return None, Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, f"parsing pod: {pi.parse_error}")
        pi.required_affinity_terms = [self.merge_affinity_term_namespaces_if_not_empty(t)
                                      for t in pi.required_affinity_terms]
        pi.required_anti_affinity_terms = [self.merge_affinity_term_namespaces_if_not_empty(t)
                                           for t in pi.required_anti_affinity_terms]
        s = filtering.PreFilterState(pi, self.get_namespace_labels_snapshot(pod["metadata"].get("namespace", "")))
        s.existing_anti_affinity_counts = filtering.get_existing_anti_affinity_counts(pod, s.namespace_labels, with_anti)
        s.affinity_counts, s.anti_affinity_counts = filtering.get_incoming_affinity_anti_affinity_counts(pi, all_nodes)
        if (not s.existing_anti_affinity_counts and not pi.required_affinity_terms
                and not pi.required_anti_affinity_terms):
            return None, Status(Code.SKIP)
        state.write(PRE_FILTER_STATE_KEY, s)
        return None, None

    def pre_filter_extensions(self) -> InterPodAffinity:
        return self

    def _pre_filter_state(self, state: Any) -> filtering.PreFilterState:
        try:
            return state.read(PRE_FILTER_STATE_KEY)
        except KeyError as e:
            raise KeyError(f'error reading "{PRE_FILTER_STATE_KEY}" from cycleState: {e}') from None

    def add_pod(self, state: Any, pod_to_schedule: dict, pod_info_to_add: Any, node_info: Any) -> Status | None:
        """Mirrors: (*InterPodAffinity).AddPod"""
        self._pre_filter_state(state).update_with_pod(pod_info_to_add, node_info.node, 1)
        return None

    def remove_pod(self, state: Any, pod_to_schedule: dict, pod_info_to_remove: Any, node_info: Any) -> Status | None:
        """Mirrors: (*InterPodAffinity).RemovePod"""
        self._pre_filter_state(state).update_with_pod(pod_info_to_remove, node_info.node, -1)
        return None

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        return filtering.filter_node(self._pre_filter_state(state), node_info)

    # -- PreScore / Score -----------------------------------------------------------------

    def pre_score(self, state: Any, pod: dict, nodes: list[Any]) -> Status | None:
        """Mirrors: (*InterPodAffinity).PreScore"""
        if not nodes:
            return None
        aff = (pod.get("spec") or {}).get("affinity") or {}
        has_constraints = bool(((aff.get("podAffinity") or {}).get("preferredDuringSchedulingIgnoredDuringExecution"))
                               or ((aff.get("podAntiAffinity") or {}).get(
                                   "preferredDuringSchedulingIgnoredDuringExecution")))
        if self.args.ignore_preferred_terms_of_existing_pods and not has_constraints:
            return Status(Code.SKIP)
        lister = self._shared_lister().node_infos()
        all_nodes = lister.list() if has_constraints else lister.have_pods_with_affinity_list()
        if not all_nodes:
            return Status(Code.SKIP)
        pi = PodInfo(pod) if pod_with_affinity(pod) else _empty_pod_info(pod)
        if pi.parse_error:
            return Status(Code.ERROR, f"failed to parse pod's affinity terms: {pi.parse_error}")
        pi.preferred_affinity_terms = [
            dataclasses.replace(t, affinity_term=self.merge_affinity_term_namespaces_if_not_empty(t.affinity_term))
            for t in pi.preferred_affinity_terms]
        pi.preferred_anti_affinity_terms = [
            dataclasses.replace(t, affinity_term=self.merge_affinity_term_namespaces_if_not_empty(t.affinity_term))
            for t in pi.preferred_anti_affinity_terms]
        s = scoring.PreScoreState(pi, self.get_namespace_labels_snapshot(pod["metadata"].get("namespace", "")))
        hard = self.args.hard_pod_affinity_weight or 0
        found = False
        for ni in all_nodes:
            topo: scoring.ScoreMap = {}
            for existing in (ni.pods if has_constraints else ni.pods_with_affinity):
                scoring.process_existing_pod(s, existing, ni, pod, topo, hard)
            if topo:
                found = True
                scoring.append_score_map(s.topology_score, topo)
        if not found:
            return Status(Code.SKIP)
        state.write(PRE_SCORE_STATE_KEY, s)
        return None

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        return scoring.score_node(state.read(PRE_SCORE_STATE_KEY), node_info), None

    def score_extensions(self) -> InterPodAffinity:
        return self

    def normalize_score(self, state: Any, pod: dict, scores: list[NodeScore]) -> Status | None:
        scoring.normalize(state.read(PRE_SCORE_STATE_KEY), scores)
        return None


def _empty_pod_info(pod: dict) -> PodInfo:
    """A PodInfo with no terms, without parsing a pod that has no affinity."""
    return PodInfo({"metadata": pod["metadata"], "spec": {}})


def new(args: Any, handle: Any) -> InterPodAffinity:
    return InterPodAffinity(args, handle)
