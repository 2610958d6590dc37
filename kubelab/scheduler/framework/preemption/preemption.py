"""Find nodes where evicting lower-priority pods lets the pod fit, pick one, evict, nominate.

Upstream: pkg/scheduler/framework/preemption/preemption.go
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from kubelab.api import errors
from kubelab.scheduler.component_helpers.helpers import pod_priority
from kubelab.scheduler.framework.interface import (
    Code,
    Diagnosis,
    FitError,
    NodeToStatus,
    PostFilterResult,
    Status,
    as_status,
    is_success,
    new_post_filter_result_with_nominated_node,
)
from kubelab.scheduler.util import utils

Obj = dict[str, Any]
_MAX_INT32 = (1 << 31) - 1


@dataclass(slots=True)
class Victims:
    """Mirrors: kube-scheduler/extender/v1 :: Victims"""

    pods: list[Obj] = field(default_factory=list)
    num_pdb_violations: int = 0


@dataclass(slots=True)
class Candidate:
    """Mirrors: preemption.go :: candidate"""

    victims: Victims
    name: str


class Evaluator:
    """Mirrors: pkg/scheduler/framework/preemption/preemption.go :: Evaluator

    ``interface`` is the plugin (DefaultPreemption): it provides select_victims_on_node,
    pod_eligible_to_preempt_others, ordered_score_funcs and get_offset_and_num_candidates.

    Differences: preemption is asynchronous (SchedulerAsyncPreemption): the victims are
    deleted by a SimPy process started through the framework handle; candidates are
    checked one after another in node order.
    """

    def __init__(self, plugin_name: str, handle: Any, pod_lister: Any, pdb_lister: Any, interface: Any) -> None:
        self.plugin_name = plugin_name
        self.handle = handle
        self.pod_lister = pod_lister
        self.pdb_lister = pdb_lister
        self.interface = interface
        # Preemptors whose victims are still being deleted (their PreEnqueue waits).
        self.preempting: dict[str, None] = {}
        self.last_candidates: list[Candidate] = []

    def is_pod_running_preemption(self, uid: str) -> bool:
        return uid in self.preempting

    def preempt(self, state: Any, pod: Obj, m: NodeToStatus) -> tuple[PostFilterResult | None, Status | None]:
        """Mirrors: (*Evaluator).Preempt"""
        ns, name = pod["metadata"].get("namespace", ""), pod["metadata"]["name"]
        try:
            pod = self.pod_lister.get(ns, name)
        except errors.ApiError as e:
            return None, as_status(e)
        nominated = (pod.get("status") or {}).get("nominatedNodeName", "")
        ok, msg = self.interface.pod_eligible_to_preempt_others(pod, m.get(nominated) if nominated else None)
        if not ok:
            return None, Status(Code.UNSCHEDULABLE, msg)
        all_nodes = self.handle.snapshot_shared_lister().node_infos().list()
        candidates, node_to_status, err = self.find_candidates(state, all_nodes, pod, m)
        self.last_candidates = candidates
        if err is not None and not candidates:
            return None, as_status(err)
        if not candidates:
            fit_error = FitError(pod, len(all_nodes), Diagnosis(node_to_status))
            fit_error.diagnosis.node_to_status.set_absent_nodes_status(
                Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "Preemption is not helpful for scheduling"))
            return new_post_filter_result_with_nominated_node(""), Status(Code.UNSCHEDULABLE, str(fit_error))
        best = self.select_candidate(candidates)
        if best is None or not best.name:
            return None, Status(Code.UNSCHEDULABLE, "no candidate node for preemption")
        self.prepare_candidate_async(best, pod)
        return new_post_filter_result_with_nominated_node(best.name), Status(Code.SUCCESS)

    def find_candidates(self, state: Any, all_nodes: list[Any], pod: Obj,
                        m: NodeToStatus) -> tuple[list[Candidate], NodeToStatus, BaseException | None]:
        """Mirrors: (*Evaluator).findCandidates"""
        if not all_nodes:
            return [], NodeToStatus(), ValueError("no nodes available")
        potential = m.nodes_for_status_code(self.handle.snapshot_shared_lister().node_infos(), Code.UNSCHEDULABLE)
        if not potential:
            self.handle.spawn(utils.clear_nominated_node_name(self.handle.client, [pod]))
            return [], NodeToStatus(), None
        pdbs = self.pdb_lister.list() if self.pdb_lister is not None else []
        offset, num = self.interface.get_offset_and_num_candidates(len(potential))
        return self.dry_run_preemption(state, pod, potential, pdbs, offset, num)

    def dry_run_preemption(self, state: Any, pod: Obj, potential: list[Any], pdbs: list[Obj], offset: int,
                           num_candidates: int) -> tuple[list[Candidate], NodeToStatus, BaseException | None]:
        """Mirrors: (*Evaluator).DryRunPreemption"""
        non_violating: list[Candidate] = []
        violating: list[Candidate] = []
        statuses = NodeToStatus()
        errs: list[BaseException] = []
        for i in range(len(potential)):
            ni = potential[(offset + i) % len(potential)].snapshot()
            pods, n_violations, status = self.interface.select_victims_on_node(state.clone(), pod, ni, pdbs)
            if is_success(status) and pods:
                c = Candidate(Victims(pods, n_violations), ni.node_name)
                (non_violating if n_violations == 0 else violating).append(c)
                if non_violating and len(non_violating) + len(violating) >= num_candidates:
                    break
                continue
            if is_success(status) and not pods:
                status = as_status(ValueError(f'expected at least one victim pod on node "{ni.node_name}"'))
            assert status is not None
            if status.code() == Code.ERROR:
                errs.append(status.as_error() or ValueError(status.message()))
            statuses.set(ni.node_name, status)
        err = errs[0] if errs else None
        return non_violating + violating, statuses, err

    def candidates_to_victims_map(self, candidates: list[Candidate]) -> dict[str, Victims]:
        """Mirrors: (*Evaluator).CandidatesToVictimsMap"""
        return {c.name: c.victims for c in candidates}

    def select_candidate(self, candidates: list[Candidate]) -> Candidate | None:
        """Mirrors: (*Evaluator).SelectCandidate"""
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        victims_map = self.candidates_to_victims_map(candidates)
        node = pick_one_node_for_preemption(victims_map, self.interface.ordered_score_funcs(victims_map),
                                            self.handle.env.now)
        v = victims_map.get(node)
        return Candidate(v, node) if v is not None else candidates[0]

    def prepare_candidate_async(self, c: Candidate, pod: Obj) -> None:
        """Evict the victims in the background; the preemptor waits at PreEnqueue meanwhile.

        Mirrors: (*Evaluator).prepareCandidateAsync
        """
        self.handle.observe_preemption_victims(len(c.victims.pods))
        uid = pod["metadata"].get("uid", "")
        self.preempting[uid] = None
        self.handle.spawn(self._prepare(c, pod, uid))

    def _prepare(self, c: Candidate, pod: Obj, uid: str) -> Generator[Any, Any, None]:
        failed = False
        try:
            nominated = get_lower_priority_nominated_pods(self.handle, pod, c.name)
            yield from utils.clear_nominated_node_name(self.handle.client, nominated)
            victims = c.victims.pods
            if not victims:
                return
            for v in victims[:-1]:
                if not (yield from self.preempt_pod(c, pod, v)):
                    failed = True
            self.preempting.pop(uid, None)
            if not (yield from self.preempt_pod(c, pod, victims[-1])):
                failed = True
        finally:
            self.preempting.pop(uid, None)
            if failed:
                self.handle.activate({pod["metadata"]["name"]: pod})

    def preempt_pod(self, c: Candidate, preemptor: Obj, victim: Obj) -> Generator[Any, Any, bool]:
        """Mark the victim DisruptionTarget, delete it, record Preempted. Mirrors: preemptPod"""
        waiting = self.handle.get_waiting_pod(victim["metadata"].get("uid", ""))
        if waiting is not None:
            waiting.reject(self.plugin_name, "preempted")
        else:
            env = self.handle.env
            condition = {"type": "DisruptionTarget", "status": "True", "reason": "PreemptionByScheduler",
                         "message": f"{(preemptor.get('spec') or {}).get('schedulerName', '')}: "
                                    "preempting to accommodate a higher priority pod"}
            old = victim.get("status") or {}
            new = copy.deepcopy(old)
            try:
                if utils.update_pod_condition(new, condition, env.timestamp()):
                    yield from utils.patch_pod_status(self.handle.client, victim["metadata"]["name"],
                                                      victim["metadata"].get("namespace", ""), old, new)
                yield from utils.delete_pod(self.handle.client, victim)
            except errors.NotFound:
                return True
            except errors.ApiError:
                return False
        self.handle.event_recorder().eventf(victim, "Normal", "Preempted", "Preempted by pod %v on node %v",
                                            preemptor["metadata"].get("uid", ""), c.name)
        return True


def get_lower_priority_nominated_pods(handle: Any, pod: Obj, node_name: str) -> list[Obj]:
    """Mirrors: preemption.go :: getLowerPriorityNominatedPods"""
    p = pod_priority(pod)
    return [pi.pod for pi in handle.nominated_pods_for_node(node_name) if pod_priority(pi.pod) < p]


def pick_one_node_for_preemption(nodes_to_victims: dict[str, Victims],
                                 score_funcs: list[Callable[[str], int]] | None, now: float) -> str:
    """Fewest PDB violations, then lowest top victim priority, lowest priority sum, fewest pods,
    latest start; the first node otherwise.

    Mirrors: preemption.go :: pickOneNodeForPreemption
    """
    if not nodes_to_victims:
        return ""
    candidates = list(nodes_to_victims)
    if not score_funcs:
        def min_num_pdb_violating(node: str) -> int:
            return -nodes_to_victims[node].num_pdb_violations

        def min_highest_priority(node: str) -> int:
            return -pod_priority(nodes_to_victims[node].pods[0])

        def min_sum_priorities(node: str) -> int:
            return -sum(pod_priority(p) + _MAX_INT32 + 1 for p in nodes_to_victims[node].pods)

        def min_num_pods(node: str) -> int:
            return -len(nodes_to_victims[node].pods)

        def latest_start_time(node: str) -> int:
            t = utils.get_earliest_pod_start_time(nodes_to_victims[node].pods, now)
            return -(1 << 63) if t is None else int(t * 1e9)

        score_funcs = [min_num_pdb_violating, min_highest_priority, min_sum_priorities, min_num_pods, latest_start_time]
    for f in score_funcs:
        selected: list[str] = []
        best = -(1 << 63)
        for node in candidates:
            s = f(node)
            if s > best:
                best = s
                selected = []
            if s == best:
                selected.append(node)
        if len(selected) == 1:
            return selected[0]
        candidates = selected
    return candidates[0]
