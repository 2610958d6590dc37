"""Step one pod's scheduling cycle one extension point at a time.

kubelab-only: a driver for learners (and the stepping widget). It takes the pod out of
the scheduling queue and calls the same framework and schedule_one functions the real
cycle calls, in the same order, stopping after each extension point to show its result.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kubelab.scheduler import schedule_one as so
from kubelab.scheduler.backend.cache.snapshot import Snapshot
from kubelab.scheduler.framework.cycle_state import PODS_TO_ACTIVATE_KEY, CycleState, PodsToActivate
from kubelab.scheduler.framework.interface import (
    Code,
    Diagnosis,
    FitError,
    NodeToStatus,
    Status,
)

STAGES = ("PreEnqueue", "PreFilter", "Filter", "PostFilter", "PreScore", "Score", "NormalizeScore", "SelectHost",
          "Reserve", "Permit", "Bind")


@dataclass(slots=True)
class StepResult:
    """One extension point's outcome: ``status`` is the Code name, ``table`` a DataFrame (or None)."""

    stage: str
    status: str
    message: str = ""
    table: Any = None
    detail: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        head = f"{self.stage}: {self.status}" + (f" ({self.message})" if self.message else "")
        if self.table is not None and len(self.table):
            return head + "\n" + self.table.to_string(index=False)
        return head


def _code(s: Status | None) -> str:
    return "Success" if s is None else str(s.code())


class Stepper:
    """``s = c.scheduler.step("web")``; ``s.next()`` runs the next extension point; ``s.run()`` the rest."""

    def __init__(self, sched: Any, pod_name: str, namespace: str = "default") -> None:
        import pandas as pd

        self._pd = pd
        self.sched = sched
        pod = sched.factory.lister_for("pods").get(namespace, pod_name)
        if (pod.get("spec") or {}).get("nodeName"):
            raise ValueError(f'pod "{namespace}/{pod_name}" is already bound to {pod["spec"]["nodeName"]}')
        pi = sched.queue.pop_specific(pod["metadata"].get("uid", ""))
        if pi is None:
            raise ValueError(f'pod "{namespace}/{pod_name}" is not waiting in the scheduling queue')
        self.pod_info = pi
        self.pod = pi.pod
        self.fwk = sched.profiles[(self.pod.get("spec") or {}).get("schedulerName", "")]
        self.state = CycleState()
        self.pods_to_activate = PodsToActivate()
        self.state.write(PODS_TO_ACTIVATE_KEY, self.pods_to_activate)
        self.snapshot = Snapshot()
        sched.cache.update_snapshot(self.snapshot)
        self.record = sched.new_record(self.fwk, pi)
        self.start = sched.env.now
        self.results: list[StepResult] = []
        self._plan = list(STAGES)
        self.diagnosis = Diagnosis()
        self.feasible: list[Any] = []
        self.score_detail: dict[str, Any] = {}
        self.names: list[str] = []
        self.totals: list[int] = []
        self.host = ""
        self.finished = False
        self.failure: Status | None = None
        self.nominating: Any = None

    @contextlib.contextmanager
    def _our_snapshot(self) -> Iterator[None]:
        old = self.fwk.snapshot
        self.fwk.snapshot = self.snapshot
        try:
            yield
        finally:
            self.fwk.snapshot = old

    @property
    def stage(self) -> str | None:
        """The extension point ``next()`` will run."""
        return self._plan[0] if self._plan and not self.finished else None

    def next(self) -> StepResult:
        if self.finished or not self._plan:
            raise StopIteration("the cycle is over")
        stage = self._plan.pop(0)
        with self._our_snapshot():
            r = getattr(self, "_" + stage.lower())()
        self.results.append(r)
        if not self._plan or self.finished:
            self._finish()
        return r

    def run(self) -> list[StepResult]:
        out = []
        while not self.finished and self._plan:
            out.append(self.next())
        return out

    def __iter__(self) -> Iterator[StepResult]:
        while not self.finished and self._plan:
            yield self.next()

    # -- stages ---------------------------------------------------------------------------

    def _preenqueue(self) -> StepResult:
        rows = []
        gated = None
        for name, pl in zip(self.fwk.names["PreEnqueue"], self.fwk.points["PreEnqueue"]):
            s = pl.pre_enqueue(self.pod)
            rows.append((name, _code(s), s.message() if s else ""))
            if s is not None and not s.is_success() and gated is None:
                gated = s.with_plugin(name)
        table = self._pd.DataFrame(rows, columns=["plugin", "code", "reason"])
        if gated is not None:
            self.failure = gated
            self._plan = []
            return StepResult("PreEnqueue", _code(gated), gated.message(), table)
        return StepResult("PreEnqueue", "Success", "", table)

    def _prefilter(self) -> StepResult:
        res, s, plugins = self.fwk.run_pre_filter_plugins(self.state, self.pod)
        self.diagnosis.unschedulable_plugins = dict(plugins)
        skipped = sorted(self.state.skip_filter_plugins)
        self.record.skipped_filter = skipped
        detail = {"skipped": skipped, "node_names": None if res is None or res.all_nodes() else res.names()}
        if s is not None and not s.is_success():
            self.record.pre_filter.append((s.plugin, str(s.code()), s.message()))
            self.diagnosis.node_to_status.set_absent_nodes_status(s)
            self.diagnosis.pre_filter_msg = s.message()
            self.diagnosis.add_plugin_status(s)
            self._fail_fit()
        self._pre_result = res
        return StepResult("PreFilter", _code(s), s.message() if s else "", None, detail)

    def _fail_fit(self) -> None:
        self._plan = ["PostFilter"] if self.fwk.has_post_filter_plugins() else []
        self.failure = Status(Code.UNSCHEDULABLE, err=FitError(self.pod, self.snapshot.num_nodes(), self.diagnosis))

    def _filter(self) -> StepResult:
        sched = self.sched
        nodes = self.snapshot.list()
        res = self._pre_result
        if res is not None and not res.all_nodes():
            nodes = [ni for n in res.names() if (ni := self.snapshot.get(n)) is not None]
        old = sched.snapshot
        sched.snapshot = self.snapshot
        try:
            feasible, processed, err = so.find_nodes_that_pass_filters(
                sched, self.fwk, self.state, self.pod, self.diagnosis, nodes, fast=False, record=self.record)
        finally:
            sched.snapshot = old
        if self.snapshot.num_nodes():
            sched.next_start_node_index = (sched.next_start_node_index + processed) % self.snapshot.num_nodes()
        self.feasible = feasible
        table = self._pd.DataFrame(self.record.filter_rows, columns=["node", "plugin", "code", "reason"])
        detail = {"by_plugin": self._filter_matrix(nodes[:processed])}
        if err is not None:
            self.failure = Status(Code.ERROR, err=err)
            self._plan = []
            return StepResult("Filter", "Error", str(err), table, detail)
        if not feasible:
            self._fail_fit()
            return StepResult("Filter", "Unschedulable", str(self.failure), table, detail)
        self._plan.remove("PostFilter")
        if len(feasible) == 1:
            self._plan = [p for p in self._plan if p not in ("PreScore", "Score", "NormalizeScore")]
            self.names, self.totals = [feasible[0].node_name], [0]
        return StepResult("Filter", "Success", f"{len(feasible)} feasible of {processed} evaluated nodes", table,
                          detail)

    def _filter_matrix(self, nodes: list[Any]) -> Any:
        """Every Filter plugin's verdict on every examined node (the real cycle stops at the first)."""
        rows = []
        for ni in nodes:
            for name, f in self.fwk._filters:
                if name in self.state.skip_filter_plugins:
                    continue
                try:
                    s = f(self.state, self.pod, ni)
                except Exception as e:  # shown, not raised
                    s = Status(Code.ERROR, str(e))
                rows.append((ni.node_name, name, _code(s), s.message() if s else ""))
        return self._pd.DataFrame(rows, columns=["node", "plugin", "code", "reason"])

    def _postfilter(self) -> StepResult:
        fit_err = self.failure.as_error() if self.failure else None
        assert isinstance(fit_err, FitError)
        r, s = self.fwk.run_post_filter_plugins(self.state, self.pod, fit_err.diagnosis.node_to_status)
        fit_err.diagnosis.post_filter_msg = s.message() if s else ""
        self.nominating = r.nominating_info if r is not None else None
        detail: dict[str, Any] = {}
        if self.nominating is not None and self.nominating.nominated_node_name:
            node = self.nominating.nominated_node_name
            detail = {"nominated_node": node, "victims": self.sched.last_victims(self.fwk, node)}
            self.record.nominated_node, self.record.victims = node, detail["victims"]
        self._plan = []
        return StepResult("PostFilter", _code(s), s.message() if s else "", None, detail)

    def _prescore(self) -> StepResult:
        s = self.fwk.run_pre_score_plugins(self.state, self.pod, self.feasible)
        skipped = sorted(self.state.skip_score_plugins)
        self.record.skipped_score = skipped
        if s is not None and not s.is_success():
            self.failure = s
            self._plan = []
        return StepResult("PreScore", _code(s), s.message() if s else "", None, {"skipped": skipped})

    def _score(self) -> StepResult:
        scores, s = self.fwk.run_score_plugins(self.state, self.pod, self.feasible, self.score_detail)
        self.names = [ni.node_name for ni in self.feasible]
        if s is not None and not s.is_success():
            self.failure = s
            self._plan = []
            return StepResult("Score", _code(s), s.message())
        self.totals = [x.total_score for x in scores]
        rows = [(nm, p, raw[i]) for p, (raw, _, _) in self.score_detail.items() for i, nm in enumerate(self.names)]
        return StepResult("Score", "Success", "", self._pd.DataFrame(rows, columns=["node", "plugin", "raw"]))

    def _normalizescore(self) -> StepResult:
        rows = []
        for p, (raw, norm, w) in self.score_detail.items():
            for i, nm in enumerate(self.names):
                rows.append((nm, p, raw[i], norm[i], w, norm[i] * w))
                self.record.score_rows.append((nm, p, raw[i], norm[i], w, norm[i] * w))
        self.record.totals = dict(zip(self.names, self.totals))
        table = self._pd.DataFrame(rows, columns=["node", "plugin", "raw", "normalized", "weight", "weighted"])
        return StepResult("NormalizeScore", "Success", "", table, {"total": dict(self.record.totals)})

    def _selecthost(self) -> StepResult:
        host, top = so.select_host(self.names, self.totals, self.sched.rng)
        self.host = host
        self.record.node = host
        self.record.feasible_nodes = len(self.feasible)
        self.record.evaluated_nodes = len(self.feasible) + self.diagnosis.node_to_status.len()
        table = self._pd.DataFrame(top, columns=["node", "total"])
        return StepResult("SelectHost", "Success", host, table)

    def _reserve(self) -> StepResult:
        pod = self.pod
        self.assumed_pod = {**pod, "spec": {**pod["spec"], "nodeName": self.host}}
        self.assumed = self.pod_info.deep_copy()
        self.assumed.pod_info = so._with_pod(self.pod_info.pod_info, self.assumed_pod)
        so.assume(self.sched, self.assumed_pod, self.host)
        s = self.fwk.run_reserve_plugins_reserve(self.state, self.assumed_pod, self.host)
        if s is not None and not s.is_success():
            self._undo(s)
        return StepResult("Reserve", _code(s), s.message() if s else f"assumed on {self.host}")

    def _permit(self) -> StepResult:
        s = self.fwk.run_permit_plugins(self.state, self.assumed_pod, self.host)
        if s is not None and not s.is_wait() and not s.is_success():
            self._undo(s)
        return StepResult("Permit", _code(s), s.message() if s else "")

    def _undo(self, s: Status) -> None:
        self.fwk.run_reserve_plugins_unreserve(self.state, self.assumed_pod, self.host)
        so._forget(self.sched, self.assumed_pod)
        self.pod_info = self.assumed
        if s.is_rejected():
            d = Diagnosis(NodeToStatus({self.host: s}))
            d.add_plugin_status(s)
            s = Status(s.code(), err=FitError(self.pod, 1, d))
        self.failure = s
        self._plan = []

    def _bind(self) -> StepResult:
        result = so.ScheduleResult(self.host, self.record.evaluated_nodes, self.record.feasible_nodes)
        self.sched.env.process(so._binding(self.sched, self.state, self.fwk, result, self.assumed, self.start,
                                           self.pods_to_activate))
        self.bound = True
        return StepResult("Bind", "Success", f"binding to {self.host} started: run the cluster to see it complete")

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        if self.failure is not None:
            self.record.message = self.failure.message()
        self.sched.save_record(self.record)
        if self.failure is None:
            return
        if self.results and self.results[-1].stage == "PreEnqueue":
            # A gated pod was never attempted: it goes back to wait for its gates.
            self.sched.queue.done(self.pod_info.uid)
            self.sched.queue.move_to_active_q(self.pod_info, "Stepper")
            return
        self.sched.failure_handler(self.fwk, self.pod_info, self.failure, self.nominating, self.start)

    def __repr__(self) -> str:
        done = ", ".join(r.stage for r in self.results) or "nothing yet"
        return f"Stepper({self.record.namespace}/{self.record.name}: ran {done}; next {self.stage})"
