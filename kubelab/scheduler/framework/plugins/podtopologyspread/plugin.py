"""PodTopologySpread: spread pods across topology domains (hard filter and soft score).

Upstream: pkg/scheduler/framework/plugins/podtopologyspread/plugin.go
"""

from __future__ import annotations

from typing import Any

from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import (
    Code,
    NodeScore,
    PreFilterResult,
    Status,
    as_status,
)
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.helper.spread import default_selector
from kubelab.scheduler.framework.plugins.podtopologyspread import filtering, scoring
from kubelab.scheduler.framework.plugins.podtopologyspread.common import (
    SYSTEM_DEFAULT_CONSTRAINTS,
    TopologySpreadConstraint,
    filter_topology_spread_constraints,
    node_labels_match_spread_constraints,
)

NAME = names.POD_TOPOLOGY_SPREAD
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
PRE_SCORE_STATE_KEY = "PreScore" + NAME


class PodTopologySpread:
    """Mirrors: podtopologyspread/plugin.go :: PodTopologySpread"""

    name = NAME

    def __init__(self, args: cfg.PodTopologySpreadArgs, handle: Any) -> None:
        self.handle = handle
        self.system_defaulted = args.defaulting_type == cfg.SYSTEM_DEFAULTING
        self.default_constraints = SYSTEM_DEFAULT_CONSTRAINTS if self.system_defaulted else list(args.default_constraints)
        f = handle.shared_informer_factory() if handle is not None else None
        self.services = f.lister_for("services") if f is not None else None
        self.replication_ctrls = f.lister_for("replicationcontrollers") if f is not None else None
        self.replica_sets = f.lister_for("replicasets") if f is not None else None
        self.stateful_sets = f.lister_for("statefulsets") if f is not None else None

    # -- constraints ----------------------------------------------------------------------

    def build_default_constraints(self, pod: dict, action: str) -> list[TopologySpreadConstraint]:
        """Mirrors: (*PodTopologySpread).buildDefaultConstraints"""
        constraints = filter_topology_spread_constraints(self.default_constraints,
                                                         pod["metadata"].get("labels") or {}, action)
        if not constraints:
            return []
        selector = default_selector(pod, self.services, self.replication_ctrls, self.replica_sets, self.stateful_sets)
        if selector.empty():
            return []
        for c in constraints:
            c.selector = selector
        return constraints

    def get_constraints(self, pod: dict, action: str = "DoNotSchedule") -> list[TopologySpreadConstraint]:
        """Mirrors: (*PodTopologySpread).getConstraints"""
        tscs = (pod.get("spec") or {}).get("topologySpreadConstraints")
        if tscs:
            return filter_topology_spread_constraints(tscs, pod["metadata"].get("labels") or {}, action)
        return self.build_default_constraints(pod, action)

    # -- queueing hints -------------------------------------------------------------------

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        """Mirrors: (*PodTopologySpread).EventsToRegister"""
        a = ev.ActionType
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, a.ADD | a.UPDATE_POD_LABEL | a.DELETE),
                                    self.is_schedulable_after_pod_change),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, a.ADD | a.DELETE | a.UPDATE_NODE_LABEL | a.UPDATE_NODE_TAINT),
                                    self.is_schedulable_after_node_change),
        ]

    def is_schedulable_after_pod_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*PodTopologySpread).isSchedulableAfterPodChange"""
        def involved(p: dict) -> bool:
            return (p["metadata"].get("uid") == pod["metadata"].get("uid")
                    or (bool((p.get("spec") or {}).get("nodeName"))
                        and p["metadata"].get("namespace") == pod["metadata"].get("namespace")))

        if (new is not None and not involved(new)) or (old is not None and not involved(old)):
            return ev.QUEUE_SKIP
        constraints = self.get_constraints(pod)
        if new is not None and old is not None:
            if new["metadata"].get("uid") == pod["metadata"].get("uid"):
                return ev.QUEUE
            ol, nl = old["metadata"].get("labels") or {}, new["metadata"].get("labels") or {}
            if ol == nl:
                return ev.QUEUE_SKIP
            return ev.QUEUE if any(c.selector.matches(ol) != c.selector.matches(nl) for c in constraints) else ev.QUEUE_SKIP
        changed = new if new is not None else old
        pl = changed["metadata"].get("labels") or {}
        return ev.QUEUE if any(c.selector.matches(pl) for c in constraints) else ev.QUEUE_SKIP

    def is_schedulable_after_node_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*PodTopologySpread).isSchedulableAfterNodeChange"""
        constraints = self.get_constraints(pod)

        def matching(n: dict | None) -> bool:
            return n is not None and node_labels_match_spread_constraints(n["metadata"].get("labels") or {}, constraints)

        if old is not None and new is not None:
            if matching(old) != matching(new):
                return ev.QUEUE
            ol, nl = old["metadata"].get("labels") or {}, new["metadata"].get("labels") or {}
            keys_changed = any(ol.get(c.topology_key) != nl.get(c.topology_key) for c in constraints)
            taints_changed = (old.get("spec") or {}).get("taints") != (new.get("spec") or {}).get("taints")
            return ev.QUEUE if matching(new) and (keys_changed or taints_changed) else ev.QUEUE_SKIP
        return ev.QUEUE if matching(new if new is not None else old) else ev.QUEUE_SKIP

    # -- PreFilter / Filter ---------------------------------------------------------------

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*PodTopologySpread).PreFilter"""
        try:
            s = filtering.cal_pre_filter_state(pod, nodes, self.get_constraints(pod))
        except ValueError as e:
            return None, as_status(e)
        if not s.constraints:
            return None, Status(Code.SKIP)
        state.write(PRE_FILTER_STATE_KEY, s)
        return None, None

    def pre_filter_extensions(self) -> PodTopologySpread:
        return self

    def _pre_filter_state(self, state: Any) -> filtering.PreFilterState:
        try:
            return state.read(PRE_FILTER_STATE_KEY)
        except KeyError as e:
            raise KeyError(f'reading "{PRE_FILTER_STATE_KEY}" from cycleState: {e}') from None

    def add_pod(self, state: Any, pod_to_schedule: dict, pod_info_to_add: Any, node_info: Any) -> Status | None:
        """Mirrors: (*PodTopologySpread).AddPod"""
        self._pre_filter_state(state).update_with_pod(pod_info_to_add.pod, pod_to_schedule, node_info.node, 1)
        return None

    def remove_pod(self, state: Any, pod_to_schedule: dict, pod_info_to_remove: Any, node_info: Any) -> Status | None:
        """Mirrors: (*PodTopologySpread).RemovePod"""
        self._pre_filter_state(state).update_with_pod(pod_info_to_remove.pod, pod_to_schedule, node_info.node, -1)
        return None

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        return filtering.filter_node(self._pre_filter_state(state), pod, node_info)

    # -- PreScore / Score -----------------------------------------------------------------

    def pre_score(self, state: Any, pod: dict, filtered_nodes: list[Any]) -> Status | None:
        """Mirrors: (*PodTopologySpread).PreScore"""
        all_nodes = self.handle.snapshot_shared_lister().node_infos().list()
        if not all_nodes:
            return Status(Code.SKIP)
        s = scoring.PreScoreState()
        require_all = bool((pod.get("spec") or {}).get("topologySpreadConstraints")) or not self.system_defaulted
        try:
            s.constraints = self.get_constraints(pod, "ScheduleAnyway")
        except ValueError as e:
            return as_status(ValueError(f"calculating preScoreState: {e}"))
        scoring.init_pre_score_state(s, filtered_nodes, require_all)
        if not s.constraints:
            return Status(Code.SKIP)
        scoring.count_all_nodes(s, pod, all_nodes, require_all)
        state.write(PRE_SCORE_STATE_KEY, s)
        return None

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        return scoring.score_node(state.read(PRE_SCORE_STATE_KEY), pod, node_info), None

    def score_extensions(self) -> PodTopologySpread:
        return self

    def normalize_score(self, state: Any, pod: dict, scores: list[NodeScore]) -> Status | None:
        scoring.normalize(state.get(PRE_SCORE_STATE_KEY), scores)
        return None


def new(args: Any, handle: Any) -> PodTopologySpread:
    return PodTopologySpread(args, handle)
