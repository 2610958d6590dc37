"""NodeAffinity: nodeSelector and required node affinity filter; preferred terms score.

Upstream: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.apis.config.types import NodeAffinityArgs
from kubelab.scheduler.component_helpers import nodeaffinity as na
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import (
    MAX_NODE_SCORE,
    Code,
    NodeScore,
    PreFilterResult,
    Status,
)
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.helper.normalize_score import default_normalize_score

NAME = names.NODE_AFFINITY
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
PRE_SCORE_STATE_KEY = "PreScore" + NAME
ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"
ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity"
ERR_REASON_CONFLICT = "pod affinity terms conflict"


class _State:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def clone(self) -> _State:
        return self


def get_pod_preferred_node_affinity(pod: dict) -> na.PreferredSchedulingTerms | None:
    """Mirrors: node_affinity.go :: getPodPreferredNodeAffinity"""
    a = ((pod.get("spec") or {}).get("affinity") or {}).get("nodeAffinity") or {}
    terms = a.get("preferredDuringSchedulingIgnoredDuringExecution")
    if terms:
        return na.PreferredSchedulingTerms(terms)
    return None


class NodeAffinity:
    """Mirrors: nodeaffinity/node_affinity.go :: NodeAffinity"""

    name = NAME

    def __init__(self, args: NodeAffinityArgs | None = None) -> None:
        self.added_node_selector: na.LazyErrorNodeSelector | None = None
        self.added_pref_sched_terms: na.PreferredSchedulingTerms | None = None
        added = args.added_affinity if args is not None else None
        if added:
            req = added.get("requiredDuringSchedulingIgnoredDuringExecution")
            if req is not None:
                self.added_node_selector = na.new_node_selector(req)
            terms = added.get("preferredDuringSchedulingIgnoredDuringExecution")
            if terms:
                self.added_pref_sched_terms = na.new_preferred_scheduling_terms(terms)

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        return [ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD | ev.ActionType.UPDATE_NODE_LABEL),
                                        self.is_schedulable_after_node_change)]

    def is_schedulable_after_node_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*NodeAffinity).isSchedulableAfterNodeChange"""
        if self.added_node_selector is not None and not self.added_node_selector.match(new)[0]:
            return ev.QUEUE_SKIP
        required = na.get_required_node_affinity(pod)
        if not required.match(new)[0]:
            return ev.QUEUE_SKIP
        if old is None or not required.match(old)[0]:
            return ev.QUEUE
        return ev.QUEUE_SKIP

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*NodeAffinity).PreFilter"""
        spec = pod.get("spec") or {}
        affinity = (spec.get("affinity") or {}).get("nodeAffinity") or {}
        required = affinity.get("requiredDuringSchedulingIgnoredDuringExecution")
        if required is None and self.added_node_selector is None and spec.get("nodeSelector") is None:
            return None, Status(Code.SKIP)
        state.write(PRE_FILTER_STATE_KEY, _State(na.get_required_node_affinity(pod)))
        if required is None or not required.get("nodeSelectorTerms"):
            return None, None
        node_names: dict[str, None] | None = None
        for term in required["nodeSelectorTerms"]:
            term_names: dict[str, None] | None = None
            for r in term.get("matchFields") or ():
                if r.get("key") == na.OBJECT_NAME_FIELD and r.get("operator") == "In":
                    s = dict.fromkeys(r.get("values") or ())
                    term_names = s if term_names is None else {n: None for n in term_names if n in s}
            if term_names is None:
                return None, None
            node_names = dict(term_names) if node_names is None else {**node_names, **term_names}
        if node_names is not None and not node_names:
            return None, Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_CONFLICT)
        if node_names:
            return PreFilterResult(node_names), None
        return None, None

    def pre_filter_extensions(self) -> None:
        return None

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*NodeAffinity).Filter"""
        node = node_info.node
        if self.added_node_selector is not None and not self.added_node_selector.match(node)[0]:
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_ENFORCED)
        s = state.get(PRE_FILTER_STATE_KEY)
        required = s.value if s is not None else na.get_required_node_affinity(pod)
        if not required.match(node)[0]:
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_POD)
        return None

    def pre_score(self, state: Any, pod: dict, nodes: list[Any]) -> Status | None:
        """Mirrors: (*NodeAffinity).PreScore"""
        if not nodes:
            return None
        preferred = get_pod_preferred_node_affinity(pod)
        if preferred is None and self.added_pref_sched_terms is None:
            return Status(Code.SKIP)
        state.write(PRE_SCORE_STATE_KEY, _State(preferred))
        return None

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        """Mirrors: (*NodeAffinity).Score: the summed weights of matching preferred terms."""
        node = node_info.node
        count = 0
        if self.added_pref_sched_terms is not None:
            count += self.added_pref_sched_terms.score(node)
        s = state.get(PRE_SCORE_STATE_KEY)
        preferred = s.value if s is not None else get_pod_preferred_node_affinity(pod)
        if preferred is not None:
            count += preferred.score(node)
        return count, None

    def score_extensions(self) -> NodeAffinity:
        return self

    def normalize_score(self, state: Any, pod: dict, scores: list[NodeScore]) -> Status | None:
        """Mirrors: (*NodeAffinity).NormalizeScore"""
        return default_normalize_score(MAX_NODE_SCORE, False, scores)


def new(args: Any, handle: Any) -> NodeAffinity:
    return NodeAffinity(args)
