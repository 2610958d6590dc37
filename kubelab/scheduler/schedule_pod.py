"""Finding a node for one pod: PreFilter, Filter, PreScore, Score, then the best host.

The scheduling cycle in ``schedule_one`` calls ``schedule_pod`` (through the Scheduler),
which re-exports everything here.

Upstream: pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
evaluateNominatedNode, findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes,
selectHost)
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

import numpy as np

from kubelab.scheduler.explain import CycleRecord
from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import (
    Code,
    Diagnosis,
    FitError,
    NodePluginScores,
    NominatingInfo,
    PluginScore,
    SchedulingError,
    Status,
)
from kubelab.scheduler.framework.runtime import fast_path
from kubelab.scheduler.framework.types import NodeInfo

Obj = dict[str, Any]
MIN_FEASIBLE_NODES_TO_FIND = 100
MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5
NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT = 3


class NoNodesAvailableError(SchedulingError):
    """Mirrors: schedule_one.go :: ErrNoNodesAvailable"""

    def __init__(self) -> None:
        super().__init__("no nodes available to schedule pods")


@dataclass(slots=True)
class ScheduleResult:
    """Mirrors: pkg/scheduler/scheduler.go :: ScheduleResult"""

    suggested_host: str = ""
    evaluated_nodes: int = 0
    feasible_nodes: int = 0
    nominating_info: NominatingInfo | None = None


def num_feasible_nodes_to_find(percentage: int | None, global_percentage: int, num_all_nodes: int) -> int:
    """How many feasible nodes are enough: adaptive 50% - n/125, at least 5% and 100 nodes.

    Mirrors: schedule_one.go :: (*Scheduler).numFeasibleNodesToFind
    """
    if num_all_nodes < MIN_FEASIBLE_NODES_TO_FIND:
        return num_all_nodes
    pct = percentage if percentage is not None else global_percentage
    if pct == 0:
        pct = 50 - num_all_nodes // 125
        if pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND:
            pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
    num = num_all_nodes * pct // 100
    return max(num, MIN_FEASIBLE_NODES_TO_FIND)


def select_host(names: Any, totals: Any, rng: Any, count: int = NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT
                ) -> tuple[str, list[tuple[str, int]]]:
    """The best node; ties are broken uniformly at random.

    Mirrors: schedule_one.go :: selectHost

    Differences: one uniform draw from the seeded ``kube-scheduler`` stream picks among the
    tied nodes, in the order the feasible list holds them (Go samples them one by one as
    its heap pops them: the same distribution, a different stream of numbers);
    ``count=0`` skips the top-nodes report. ``names``/``totals`` may be numpy arrays.
    """
    if len(names) == 0:
        raise SchedulingError("empty priorityList")
    if isinstance(totals, np.ndarray):
        best = int(totals.max())
        ties = np.flatnonzero(totals == best)
        selected = int(ties[0] if len(ties) == 1 else ties[rng.randrange(len(ties))])
    else:
        best = max(totals)
        tie_list = [i for i, t in enumerate(totals) if t == best]
        selected = tie_list[0] if len(tie_list) == 1 else tie_list[rng.randrange(len(tie_list))]
    top: list[tuple[str, int]] = []
    if count > 0:
        ranked = heapq.nsmallest(count, range(len(names)), key=lambda i: -int(totals[i]))
        top = [(str(names[selected]), best)] + [(str(names[i]), int(totals[i])) for i in ranked
                                                if i != selected][:count - 1]
    return str(names[selected]), top


def node_plugin_scores_from_table(table: fast_path.ScoreTable) -> list[NodePluginScores]:
    """The fast path's arrays as upstream's NodePluginScores (for callers that want them)."""
    out = []
    for i, name in enumerate(table.names):
        scores = [PluginScore(p, int(norm[i]) * w) for p, _, norm, w in table.plugins]
        out.append(NodePluginScores(name, scores, int(table.totals[i])))
    return out


def feasible_names(nodes: list[NodeInfo]) -> list[str]:
    return [ni.node_name for ni in nodes]


# -- finding a node (schedulePod and its helpers) ---------------------------------------------


def schedule_pod(sched: Any, fwk: Any, state: CycleState, pod: Obj, record: CycleRecord | None = None) -> ScheduleResult:
    """Snapshot, filter, score, pick. Raises FitError when no node fits.

    Mirrors: schedule_one.go :: (*Scheduler).schedulePod
    """
    sched.cache.update_snapshot(sched.snapshot)
    snap = sched.snapshot
    if snap.num_nodes() == 0:
        raise NoNodesAvailableError()
    feasible, diagnosis = find_nodes_that_fit_pod(sched, fwk, state, pod, record)
    if not feasible:
        raise FitError(pod, snap.num_nodes(), diagnosis)
    if len(feasible) == 1:
        host = feasible[0].node_name
        if record is not None:
            record.node = host
            record.feasible_nodes, record.evaluated_nodes = 1, 1 + diagnosis.node_to_status.len()
        return ScheduleResult(host, 1 + diagnosis.node_to_status.len(), 1)
    names, totals = prioritize_nodes(sched, fwk, state, pod, feasible, record)
    host, _ = select_host(names, totals, sched.rng, NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT if record else 0)
    evaluated = len(feasible) + diagnosis.node_to_status.len()
    if record is not None:
        record.node = host
        record.feasible_nodes, record.evaluated_nodes = len(feasible), evaluated
    return ScheduleResult(host, evaluated, len(feasible))


def find_nodes_that_fit_pod(sched: Any, fwk: Any, state: CycleState, pod: Obj,
                            record: CycleRecord | None = None) -> tuple[list[NodeInfo], Diagnosis]:
    """PreFilter, then Filter (the nominated node first), keeping every rejection's status.

    Mirrors: schedule_one.go :: (*Scheduler).findNodesThatFitPod
    """
    diagnosis = Diagnosis()
    all_nodes = sched.snapshot.node_infos().list()
    pre_res, s, unsched_plugins = fwk.run_pre_filter_plugins(state, pod)
    diagnosis.unschedulable_plugins = dict(unsched_plugins)
    if record is not None:
        record.skipped_filter = sorted(state.skip_filter_plugins)
        if s is not None and not s.is_success():
            record.pre_filter.append((s.plugin, str(s.code()), s.message()))
    if s is not None and not s.is_success():
        if not s.is_rejected():
            raise SchedulingError(s.message())
        diagnosis.node_to_status.set_absent_nodes_status(s)
        diagnosis.pre_filter_msg = s.message()
        diagnosis.add_plugin_status(s)
        return [], diagnosis
    nnn = (pod.get("status") or {}).get("nominatedNodeName")
    if nnn:
        feasible = evaluate_nominated_node(sched, pod, fwk, state, diagnosis, nnn, record)
        if feasible:
            return feasible, diagnosis
    nodes = all_nodes
    subset = pre_res is not None and not pre_res.all_nodes()
    if subset:
        assert pre_res is not None
        nodes = [ni for n in pre_res.names() if (ni := sched.snapshot.get(n)) is not None]
        diagnosis.node_to_status.set_absent_nodes_status(Status(
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
            f"node(s) didn't satisfy plugin(s) [{' '.join(sorted(unsched_plugins))}]"))
    feasible, processed, err = find_nodes_that_pass_filters(sched, fwk, state, pod, diagnosis, nodes,
                                                             fast=not subset, record=record)
    sched.next_start_node_index = (sched.next_start_node_index + processed) % len(all_nodes)
    if err is not None:
        raise err
    return feasible, diagnosis


def evaluate_nominated_node(sched: Any, pod: Obj, fwk: Any, state: CycleState, diagnosis: Diagnosis, nnn: str,
                            record: CycleRecord | None = None) -> list[NodeInfo]:
    """Mirrors: schedule_one.go :: (*Scheduler).evaluateNominatedNode"""
    ni = sched.snapshot.get(nnn)
    if ni is None:
        return []
    feasible, _, err = find_nodes_that_pass_filters(sched, fwk, state, pod, diagnosis, [ni], fast=False,
                                                    record=record, start=0)
    if err is not None:
        return []
    return feasible


def find_nodes_that_pass_filters(sched: Any, fwk: Any, state: CycleState, pod: Obj, diagnosis: Diagnosis,
                                 nodes: list[NodeInfo], *, fast: bool = True, record: CycleRecord | None = None,
                                 start: int | None = None) -> tuple[list[NodeInfo], int, SchedulingError | None]:
    """Filter nodes from the rotating start index until enough are feasible.

    Mirrors: schedule_one.go :: (*Scheduler).findNodesThatPassFilters

    Differences: nodes are examined in order (no parallelism), so exactly the nodes up
    to the last feasible one needed count as examined. Returns the feasible nodes, how
    many nodes were examined and the error, if a Filter plugin failed.
    """
    n = len(nodes)
    if n == 0:
        return [], 0, None
    want = num_feasible_nodes_to_find(fwk.percentage_of_nodes_to_score, sched.percentage_of_nodes_to_score, n)
    if not fwk.has_score_plugins():
        want = 1
    begin = sched.next_start_node_index if start is None else start
    begin = begin % n
    if not fwk.has_filter_plugins():
        out = [nodes[(begin + i) % n] for i in range(min(want, n))]
        return out, len(out), None
    if fast and sched.fast_path and n == sched.snapshot.num_nodes():
        feasible, statuses, processed = fast_path.find_nodes_that_pass_filters_fast(
            fwk, state, pod, sched.snapshot, begin, want)
    else:
        feasible, statuses, processed = [], [], 0
        for i in range(n):
            ni = nodes[(begin + i) % n]
            processed = i + 1
            st = fwk.run_filter_plugins_with_nominated_pods(state, pod, ni)
            if st is None or st.is_success():
                feasible.append(ni)
                if len(feasible) >= want:
                    break
            else:
                statuses.append((ni.node_name, st))
    err = None
    for name, st in statuses:
        diagnosis.node_to_status.set(name, st)
        diagnosis.add_plugin_status(st)
        if st.code() == Code.ERROR and err is None:
            err = SchedulingError(st.message())
    if record is not None:
        rejected = dict(statuses)
        feasible_names_ = {ni.node_name for ni in feasible}
        for i in range(processed):
            name = nodes[(begin + i) % n].node_name
            if name in rejected:
                record.add_filter_status(name, rejected[name])
            elif name in feasible_names_:
                record.add_filter_status(name, None)
    sched.metrics.framework_extension_point_duration.observe(0.0, "Filter", "Error" if err else "Success",
                                                             fwk.profile_name)
    return feasible, processed, err


def prioritize_nodes(sched: Any, fwk: Any, state: CycleState, pod: Obj, nodes: list[NodeInfo],
                     record: CycleRecord | None = None) -> tuple[Any, Any]:
    """PreScore then Score; the weighted total per feasible node, in feasible order.

    Mirrors: schedule_one.go :: prioritizeNodes (no extenders)
    """
    rows = getattr(nodes, "rows", None)
    table = sched.snapshot.node_table() if sched.fast_path else None
    names: Any = (table.names_arr[rows] if rows is not None and table is not None
                  else [ni.node_name for ni in nodes])
    if not fwk.has_score_plugins():
        return list(names), [1] * len(nodes)
    st = fwk.run_pre_score_plugins(state, pod, nodes)
    if st is not None and not st.is_success():
        raise SchedulingError(st.message())
    if record is not None:
        record.skipped_score = sorted(state.skip_score_plugins)
    if sched.fast_path:
        scores, st = fast_path.prioritize_nodes_fast(fwk, state, pod, sched.snapshot, nodes, names, rows)
        if st is not None or scores is None:
            raise SchedulingError(st.message() if st is not None else "scoring failed")
        if record is not None:
            name_list = [str(n) for n in names]
            for pname, raw, norm, w in scores.plugins:
                for i, nm in enumerate(name_list):
                    record.score_rows.append((nm, pname, int(raw[i]), int(norm[i]), w, int(norm[i]) * w))
            record.totals = dict(zip(name_list, scores.totals.tolist()))
        return names, scores.totals
    detail: dict[str, Any] | None = {} if record is not None else None
    scores, st = fwk.run_score_plugins(state, pod, nodes, detail)
    if st is not None and not st.is_success():
        raise SchedulingError(st.message())
    if record is not None and detail is not None:
        for pname, (raw, norm, w) in detail.items():
            for nm, r, v in zip(names, raw, norm):
                record.score_rows.append((nm, pname, r, v, w, v * w))
        record.totals = {s.name: s.total_score for s in scores}
    return names, [s.total_score for s in scores]
