"""DefaultPreemption: when no node fits, evict lower-priority pods to make room.

Upstream: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
"""

from __future__ import annotations

import functools
from typing import Any

from kubelab.api import labels
from kubelab.scheduler.apis.config.types import DefaultPreemptionArgs
from kubelab.scheduler.component_helpers.helpers import pod_priority
from kubelab.scheduler.framework.interface import (
    Code,
    NodeToStatus,
    PostFilterResult,
    Status,
    code_of,
    is_success,
)
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.preemption.preemption import Evaluator, Victims
from kubelab.scheduler.framework.types import NodeInfo, PodInfo
from kubelab.scheduler.util.utils import more_important_pod

NAME = names.DEFAULT_PREEMPTION


def pod_terminating_by_preemption(p: dict) -> bool:
    """Mirrors: default_preemption.go :: podTerminatingByPreemption"""
    if not p["metadata"].get("deletionTimestamp"):
        return False
    for c in (p.get("status") or {}).get("conditions") or ():
        if c.get("type") == "DisruptionTarget":
            return c.get("status") == "True" and c.get("reason") == "PreemptionByScheduler"
    return False


def filter_pods_with_pdb_violation(pod_infos: list[PodInfo], pdbs: list[dict]) -> tuple[list[PodInfo], list[PodInfo]]:
    """Split victims into those whose eviction would break a PodDisruptionBudget, and the rest.

    Mirrors: default_preemption.go :: filterPodsWithPDBViolation
    """
    allowed = [((pdb.get("status") or {}).get("disruptionsAllowed") or 0) for pdb in pdbs]
    violating: list[PodInfo] = []
    non_violating: list[PodInfo] = []
    for pi in pod_infos:
        pod = pi.pod
        m = pod["metadata"]
        violated = False
        if m.get("labels"):
            for i, pdb in enumerate(pdbs):
                if pdb["metadata"].get("namespace") != m.get("namespace"):
                    continue
                try:
                    sel = labels.label_selector_as_selector((pdb.get("spec") or {}).get("selector"))
                except ValueError:
                    continue
                if sel.empty() or not sel.matches(m["labels"]):
                    continue
                if m["name"] in ((pdb.get("status") or {}).get("disruptedPods") or {}):
                    continue
                allowed[i] -= 1
                if allowed[i] < 0:
                    violated = True
        (violating if violated else non_violating).append(pi)
    return violating, non_violating


class DefaultPreemption:
    """Mirrors: defaultpreemption/default_preemption.go :: DefaultPreemption"""

    name = NAME

    def __init__(self, args: DefaultPreemptionArgs, handle: Any) -> None:
        self.args = args
        self.handle = handle
        f = handle.shared_informer_factory()
        self.pod_lister = f.lister_for("pods")
        self.pdb_lister = f.lister_for("poddisruptionbudgets")
        self.rng = handle.env.rand.stream("kube-scheduler/preemption")
        self.evaluator = Evaluator(NAME, handle, self.pod_lister, self.pdb_lister, self)

    def pre_enqueue(self, pod: dict) -> Status | None:
        """Mirrors: (*DefaultPreemption).PreEnqueue: wait until this pod's victims are gone."""
        if self.evaluator.is_pod_running_preemption(pod["metadata"].get("uid", "")):
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "waiting for the preemption for this pod to be finished")
        return None

    def events_to_register(self) -> list[Any]:
        return []

    def post_filter(self, state: Any, pod: dict, m: NodeToStatus) -> tuple[PostFilterResult | None, Status | None]:
        """Mirrors: (*DefaultPreemption).PostFilter"""
        try:
            result, status = self.evaluator.preempt(state, pod, m)
        finally:
            self.handle.count_preemption_attempt()
        msg = status.message() if status is not None else ""
        if msg:
            return result, Status(status.code(), "preemption: " + msg)  # type: ignore[union-attr]
        return result, status

    def calculate_num_candidates(self, num_nodes: int) -> int:
        """Mirrors: (*DefaultPreemption).calculateNumCandidates"""
        n = num_nodes * (self.args.min_candidate_nodes_percentage or 0) // 100
        n = max(n, self.args.min_candidate_nodes_absolute or 0)
        return min(n, num_nodes)

    def get_offset_and_num_candidates(self, num_nodes: int) -> tuple[int, int]:
        """Mirrors: (*DefaultPreemption).GetOffsetAndNumCandidates (a seeded random offset)."""
        return self.rng.randrange(num_nodes), self.calculate_num_candidates(num_nodes)

    def ordered_score_funcs(self, nodes_to_victims: dict[str, Victims]) -> None:
        return None

    def pod_eligible_to_preempt_others(self, pod: dict, nominated_node_status: Status | None) -> tuple[bool, str]:
        """Mirrors: (*DefaultPreemption).PodEligibleToPreemptOthers"""
        if (pod.get("spec") or {}).get("preemptionPolicy") == "Never":
            return False, "not eligible due to preemptionPolicy=Never."
        nom = (pod.get("status") or {}).get("nominatedNodeName")
        if nom:
            if code_of(nominated_node_status) == Code.UNSCHEDULABLE_AND_UNRESOLVABLE:
                return True, ""
            ni = self.handle.snapshot_shared_lister().node_infos().get(nom)
            if ni is not None:
                prio = pod_priority(pod)
                for p in ni.pods:
                    if pod_priority(p.pod) < prio and pod_terminating_by_preemption(p.pod):
                        return False, "not eligible due to a terminating pod on the nominated node."
        return True, ""

    def is_eligible_pod(self, node_info: NodeInfo, victim: PodInfo, preemptor: dict) -> bool:
        """Mirrors: (*DefaultPreemption).isPreemptionAllowed: only lower priorities."""
        return pod_priority(victim.pod) < pod_priority(preemptor)

    def select_victims_on_node(self, state: Any, pod: dict, node_info: NodeInfo,
                               pdbs: list[dict]) -> tuple[list[dict], int, Status | None]:
        """Remove every lower-priority pod, check the fit, then reprieve as many as still fit.

        Mirrors: (*DefaultPreemption).SelectVictimsOnNode
        """
        fh = self.handle
        now = fh.env.now

        def remove(rpi: PodInfo) -> Status | None:
            node_info.remove_pod(rpi.pod)
            return fh.run_pre_filter_extension_remove_pod(state, pod, rpi, node_info)

        def add(api: PodInfo) -> Status | None:
            node_info.add_pod_info(api)
            return fh.run_pre_filter_extension_add_pod(state, pod, api, node_info)

        potential = [pi for pi in node_info.pods if self.is_eligible_pod(node_info, pi, pod)]
        for pi in potential:
            s = remove(pi)
            if not is_success(s):
                return [], 0, s
        if not potential:
            return [], 0, Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "No preemption victims found for incoming pod")
        s = fh.run_filter_plugins_with_nominated_pods(state, pod, node_info)
        if not is_success(s):
            return [], 0, s
        def by_importance(a: PodInfo, b: PodInfo) -> int:
            return -1 if more_important_pod(a.pod, b.pod, now) else (1 if more_important_pod(b.pod, a.pod, now) else 0)

        potential.sort(key=functools.cmp_to_key(by_importance))
        violating, non_violating = filter_pods_with_pdb_violation(potential, pdbs)
        victims: list[dict] = []
        num_violating = 0

        def reprieve(pi: PodInfo) -> tuple[bool, Status | None]:
            s = add(pi)
            if not is_success(s):
                return False, s
            fits = is_success(fh.run_filter_plugins_with_nominated_pods(state, pod, node_info))
            if not fits:
                s = remove(pi)
                if not is_success(s):
                    return False, s
                victims.append(pi.pod)
            return fits, None

        for pi in violating:
            fits, err = reprieve(pi)
            if err is not None:
                return [], 0, err
            if not fits:
                num_violating += 1
        for pi in non_violating:
            _, err = reprieve(pi)
            if err is not None:
                return [], 0, err
        if violating and non_violating:
            victims.sort(key=functools.cmp_to_key(
                lambda a, b: -1 if more_important_pod(a, b, now) else (1 if more_important_pod(b, a, now) else 0)))
        return victims, num_violating, Status(Code.SUCCESS)


def new(args: Any, handle: Any) -> DefaultPreemption:
    return DefaultPreemption(args, handle)
