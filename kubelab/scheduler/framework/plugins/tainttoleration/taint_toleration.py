"""TaintToleration: NoSchedule/NoExecute taints must be tolerated; PreferNoSchedule ones cost score.

Upstream: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.component_helpers.helpers import (
    TAINT_EFFECT_PREFER_NO_SCHEDULE,
    do_not_schedule_taints_filter,
    find_matching_untolerated_taint,
    tolerations_tolerate_taint,
)
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import MAX_NODE_SCORE, Code, NodeScore, Status
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.helper.normalize_score import (
    default_normalize_score,
    default_normalize_score_array,
)

NAME = names.TAINT_TOLERATION
PRE_SCORE_STATE_KEY = "PreScore" + NAME


def _tolerations(pod: dict) -> list[dict]:
    return (pod.get("spec") or {}).get("tolerations") or []


def _taints(node: dict) -> list[dict]:
    return (node.get("spec") or {}).get("taints") or []


def get_all_toleration_prefer_no_schedule(tolerations: list[dict]) -> list[dict]:
    """Mirrors: taint_toleration.go :: getAllTolerationPreferNoSchedule"""
    return [t for t in tolerations if not t.get("effect") or t.get("effect") == TAINT_EFFECT_PREFER_NO_SCHEDULE]


def count_intolerable_taints_prefer_no_schedule(taints: list[dict], tolerations: list[dict]) -> int:
    """Mirrors: taint_toleration.go :: countIntolerableTaintsPreferNoSchedule"""
    n = 0
    for taint in taints:
        if taint.get("effect") != TAINT_EFFECT_PREFER_NO_SCHEDULE:
            continue
        if not tolerations_tolerate_taint(tolerations, taint):
            n += 1
    return n


class _PreScoreState:
    __slots__ = ("tolerations_prefer_no_schedule",)

    def __init__(self, tolerations: list[dict]) -> None:
        self.tolerations_prefer_no_schedule = tolerations

    def clone(self) -> _PreScoreState:
        return self


class TaintToleration:
    """Mirrors: tainttoleration/taint_toleration.go :: TaintToleration"""

    name = NAME

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        """Mirrors: (*TaintToleration).EventsToRegister"""
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD | ev.ActionType.UPDATE_NODE_TAINT),
                                    self.is_schedulable_after_node_change),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, ev.ActionType.UPDATE_POD_TOLERATION),
                                    self.is_schedulable_after_pod_toleration_change),
        ]

    def is_schedulable_after_node_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*TaintToleration).isSchedulableAfterNodeChange"""
        tols = _tolerations(pod)
        was_untolerated = True
        if old is not None:
            was_untolerated = find_matching_untolerated_taint(_taints(old), tols, do_not_schedule_taints_filter)[1]
        is_untolerated = find_matching_untolerated_taint(_taints(new), tols, do_not_schedule_taints_filter)[1]
        return ev.QUEUE if was_untolerated and not is_untolerated else ev.QUEUE_SKIP

    def is_schedulable_after_pod_toleration_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*TaintToleration).isSchedulableAfterPodTolerationChange"""
        return ev.QUEUE if new["metadata"].get("uid") == pod["metadata"].get("uid") else ev.QUEUE_SKIP

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*TaintToleration).Filter"""
        taint, untolerated = find_matching_untolerated_taint(_taints(node_info.node), _tolerations(pod),
                                                             do_not_schedule_taints_filter)
        if not untolerated:
            return None
        assert taint is not None
        reason = f"node(s) had untolerated taint {{{taint.get('key', '')}: {taint.get('value', '')}}}"
        return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reason)

    def filter_nodes(self, state: Any, pod: dict, table: Any) -> Any:
        """kubelab-only: Filter per distinct taint list, spread over the table's nodes."""
        tols = _tolerations(pod)
        ok = np.fromiter((not find_matching_untolerated_taint(ts, tols, do_not_schedule_taints_filter)[1]
                          for ts in table.taint_sets), dtype=bool, count=len(table.taint_sets))
        return ok[table.taint_id]

    def pre_score(self, state: Any, pod: dict, nodes: list[Any]) -> Status | None:
        """Mirrors: (*TaintToleration).PreScore"""
        if not nodes:
            return None
        state.write(PRE_SCORE_STATE_KEY, _PreScoreState(get_all_toleration_prefer_no_schedule(_tolerations(pod))))
        return None

    def _tolerations_for_score(self, state: Any) -> list[dict]:
        try:
            return state.read(PRE_SCORE_STATE_KEY).tolerations_prefer_no_schedule
        except KeyError as e:
            raise KeyError(f'failed to read "{PRE_SCORE_STATE_KEY}" from cycleState: {e}') from None

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        """Mirrors: (*TaintToleration).Score"""
        tols = self._tolerations_for_score(state)
        return count_intolerable_taints_prefer_no_schedule(_taints(node_info.node), tols), None

    def score_nodes(self, state: Any, pod: dict, table: Any, rows: Any) -> Any:
        """kubelab-only: Score per distinct taint list, spread over ``rows``."""
        tols = self._tolerations_for_score(state)
        counts = np.fromiter((count_intolerable_taints_prefer_no_schedule(list(ts), tols) for ts in table.taint_sets),
                             dtype=np.int64, count=len(table.taint_sets))
        return counts[table.taint_id[rows]]

    def score_extensions(self) -> TaintToleration:
        return self

    def normalize_score(self, state: Any, pod: dict, scores: list[NodeScore]) -> Status | None:
        """Mirrors: (*TaintToleration).NormalizeScore (fewer intolerable taints score higher)."""
        return default_normalize_score(MAX_NODE_SCORE, True, scores)

    def normalize_score_array(self, state: Any, pod: dict, names_: list[str], scores: Any) -> Any:
        """kubelab-only: NormalizeScore over a numpy array."""
        return default_normalize_score_array(MAX_NODE_SCORE, True, scores)


def new(args: Any, handle: Any) -> TaintToleration:
    return TaintToleration()
