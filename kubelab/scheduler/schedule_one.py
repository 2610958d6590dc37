"""One pod's trip through the scheduler: the scheduling cycle, then the binding cycle.

Finding the node (schedulePod and its helpers) is in ``schedule_pod``, re-exported here.

Upstream: pkg/scheduler/schedule_one.go
"""

from __future__ import annotations

import copy
from collections.abc import Generator
from typing import Any

from kubelab.api import errors
from kubelab.scheduler.explain import CycleRecord
from kubelab.scheduler.framework.cycle_state import PODS_TO_ACTIVATE_KEY, CycleState, PodsToActivate
from kubelab.scheduler.framework.events import EVENT_ASSIGNED_POD_DELETE
from kubelab.scheduler.framework.interface import (
    Code,
    Diagnosis,
    FitError,
    NodeToStatus,
    NominatingInfo,
    NominatingMode,
    SchedulingError,
    Status,
    as_status,
)
from kubelab.scheduler.framework.types import PodInfo, QueuedPodInfo
from kubelab.scheduler.schedule_pod import (
    MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
    MIN_FEASIBLE_NODES_TO_FIND,
    NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT,
    NoNodesAvailableError,
    ScheduleResult,
    evaluate_nominated_node,
    feasible_names,
    find_nodes_that_fit_pod,
    find_nodes_that_pass_filters,
    node_plugin_scores_from_table,
    num_feasible_nodes_to_find,
    prioritize_nodes,
    schedule_pod,
    select_host,
)
from kubelab.scheduler.util import utils

Obj = dict[str, Any]
COMPONENT = "kube-scheduler"
CLEAR_NOMINATED_NODE = NominatingInfo("", NominatingMode.MODE_OVERRIDE)


def _kobj(pod: Obj) -> str:
    m = pod["metadata"]
    return f"{m.get('namespace', '')}/{m.get('name', '')}"


def schedule_one(sched: Any) -> Generator[Any, Any, None]:
    """Take the next pod and run its scheduling cycle; bind in the background.

    Mirrors: schedule_one.go :: (*Scheduler).ScheduleOne
    """
    pod_info = yield from sched.queue.pop()
    if pod_info is None:
        return
    env = sched.env
    pod = pod_info.pod
    fwk = sched.profiles.get((pod.get("spec") or {}).get("schedulerName", ""))
    if fwk is None:
        sched.queue.done(pod_info.uid)
        return
    if skip_pod_schedule(sched, fwk, pod):
        sched.queue.done(pod_info.uid)
        return
    if env.trace.v(3):
        env.trace.record(COMPONENT, "ScheduleOne", level=3, kind="Pod", namespace=pod["metadata"].get("namespace", ""),
                         name=pod["metadata"]["name"], message="Attempting to schedule pod")
    start = env.now
    state = CycleState()
    pods_to_activate = PodsToActivate()
    state.write(PODS_TO_ACTIVATE_KEY, pods_to_activate)
    record = sched.new_record(fwk, pod_info) if sched.should_record(pod) else None
    result, assumed, status = scheduling_cycle(sched, state, fwk, pod_info, start, pods_to_activate, record)
    if record is not None:
        sched.save_record(record)
    cost = env.latency.sample("scheduler_cycle")
    if cost:
        yield env.timeout(cost)
    if status is not None and not status.is_success():
        sched.failure_handler(fwk, assumed, status, result.nominating_info, start)
        return
    env.process(_binding(sched, state, fwk, result, assumed, start, pods_to_activate))


def _binding(sched: Any, state: CycleState, fwk: Any, result: ScheduleResult, assumed: QueuedPodInfo, start: float,
             pods_to_activate: PodsToActivate) -> Generator[Any, Any, None]:
    status = yield from binding_cycle(sched, state, fwk, result, assumed, start, pods_to_activate)
    if status is not None and not status.is_success():
        handle_binding_cycle_error(sched, state, fwk, assumed, start, result, status)


def scheduling_cycle(sched: Any, state: CycleState, fwk: Any, pod_info: QueuedPodInfo, start: float,
                     pods_to_activate: PodsToActivate,
                     record: CycleRecord | None = None) -> tuple[ScheduleResult, QueuedPodInfo, Status | None]:
    """Find a node, assume the pod there, run Reserve and Permit.

    Mirrors: schedule_one.go :: (*Scheduler).schedulingCycle
    """
    pod = pod_info.pod
    try:
        result = sched.schedule_pod(fwk, state, pod, record)
    except NoNodesAvailableError as e:
        _observe_algorithm(sched, start)
        if record is not None:
            record.message = str(e)
        return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), pod_info, Status(
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE, err=e)
    except FitError as fit_err:
        _observe_algorithm(sched, start)
        if not fwk.has_post_filter_plugins():
            if record is not None:
                record.message = str(fit_err)
            return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), pod_info, Status(
                Code.UNSCHEDULABLE, err=fit_err)
        pf_result, pf_status = fwk.run_post_filter_plugins(state, pod, fit_err.diagnosis.node_to_status)
        msg = pf_status.message() if pf_status is not None else ""
        fit_err.diagnosis.post_filter_msg = msg
        if pf_status is not None and pf_status.code() == Code.ERROR:
            sched.env.trace.record(COMPONENT, "RunPostFilterPlugins", kind="Pod", namespace=pod["metadata"].get(
                "namespace", ""), name=pod["metadata"]["name"], message=msg)
        nominating = pf_result.nominating_info if pf_result is not None else None
        if record is not None:
            record.message = str(fit_err)
            record.post_filter = msg
            if nominating is not None and nominating.nominated_node_name:
                record.nominated_node = nominating.nominated_node_name
                record.victims = sched.last_victims(fwk, nominating.nominated_node_name)
        return ScheduleResult(nominating_info=nominating), pod_info, Status(Code.UNSCHEDULABLE, err=fit_err)
    except SchedulingError as e:
        _observe_algorithm(sched, start)
        if record is not None:
            record.message = str(e)
        return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), pod_info, as_status(e)
    _observe_algorithm(sched, start)
    host = result.suggested_host
    assumed_info = pod_info.deep_copy()
    assumed_pod = {**pod, "spec": {**pod["spec"], "nodeName": host}}
    assumed_info.pod_info = _with_pod(pod_info.pod_info, assumed_pod)
    try:
        assume(sched, assumed_pod, host)
    except Exception as e:  # a cache inconsistency: retried like any error
        return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), assumed_info, as_status(e)
    sts = fwk.run_reserve_plugins_reserve(state, assumed_pod, host)
    if sts is not None and not sts.is_success():
        fwk.run_reserve_plugins_unreserve(state, assumed_pod, host)
        _forget(sched, assumed_pod)
        if sts.is_rejected():
            return _rejected_after_filter(pod, host, sts, assumed_info)
        return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), assumed_info, sts
    permit = fwk.run_permit_plugins(state, assumed_pod, host)
    if permit is not None and not permit.is_wait() and not permit.is_success():
        fwk.run_reserve_plugins_unreserve(state, assumed_pod, host)
        _forget(sched, assumed_pod)
        if permit.is_rejected():
            return _rejected_after_filter(pod, host, permit, assumed_info)
        return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), assumed_info, permit
    if pods_to_activate.map:
        sched.queue.activate(pods_to_activate.map)
        pods_to_activate.map = {}
    return result, assumed_info, None


def _with_pod(pi: PodInfo, pod: Obj) -> PodInfo:
    """The same PodInfo for the assumed copy (only spec.nodeName differs)."""
    out = copy.copy(pi)
    out.pod = pod
    return out


def _rejected_after_filter(pod: Obj, host: str, sts: Status,
                           assumed: QueuedPodInfo) -> tuple[ScheduleResult, QueuedPodInfo, Status]:
    d = Diagnosis(NodeToStatus({host: sts}))
    d.add_plugin_status(sts)
    fit_err = FitError(pod, 1, d)
    return ScheduleResult(nominating_info=CLEAR_NOMINATED_NODE), assumed, Status(sts.code(), err=fit_err)


def _forget(sched: Any, pod: Obj) -> None:
    try:
        sched.cache.forget_pod(pod)
    except Exception as e:  # the pod was confirmed or removed meanwhile
        sched.env.trace.record(COMPONENT, "ForgetPod", kind="Pod", name=pod["metadata"]["name"],
                               message=f"Scheduler cache ForgetPod failed: {e}")


def _observe_algorithm(sched: Any, start: float) -> None:
    sched.metrics.scheduling_algorithm_duration.observe(sched.env.now - start)


def binding_cycle(sched: Any, state: CycleState, fwk: Any, result: ScheduleResult, assumed: QueuedPodInfo,
                  start: float, pods_to_activate: PodsToActivate) -> Generator[Any, Any, Status | None]:
    """Wait on Permit, then PreBind, Bind and PostBind (in simulated time).

    Mirrors: schedule_one.go :: (*Scheduler).bindingCycle
    """
    pod = assumed.pod
    host = result.suggested_host
    status = yield from fwk.wait_on_permit(pod)
    if status is not None and not status.is_success():
        if status.is_rejected():
            d = Diagnosis(NodeToStatus({host: status}), unschedulable_plugins={status.plugin: None})
            return Status(status.code(), err=FitError(pod, 1, d))
        return status
    sched.queue.done(assumed.uid)
    status = yield from fwk.run_pre_bind_plugins(state, pod, host)
    if status is not None and not status.is_success():
        return status
    status = yield from bind(sched, fwk, pod, host, state)
    if status is not None and not status.is_success():
        return status
    env = sched.env
    if env.trace.v(2):
        env.trace.record(COMPONENT, "bindingCycle", kind="Pod", namespace=pod["metadata"].get("namespace", ""),
                         name=pod["metadata"]["name"], src=COMPONENT, dst="kube-apiserver",
                         message=f"Successfully bound pod to node {host}",
                         fields={"node": host, "evaluatedNodes": result.evaluated_nodes,
                                 "feasibleNodes": result.feasible_nodes})
    m = sched.metrics
    m.pod_scheduled(fwk.profile_name, env.now - start)
    m.pod_scheduling_attempts.observe(float(assumed.attempts))
    if assumed.initial_attempt_timestamp is not None:
        m.pod_scheduling_sli_duration.observe(env.now - assumed.initial_attempt_timestamp,
                                              "15+" if assumed.attempts >= 15 else str(assumed.attempts))
    fwk.run_post_bind_plugins(state, pod, host)
    if pods_to_activate.map:
        sched.queue.activate(pods_to_activate.map)
    return None


def handle_binding_cycle_error(sched: Any, state: CycleState, fwk: Any, pod_info: QueuedPodInfo, start: float,
                               result: ScheduleResult, status: Status) -> None:
    """Undo the reservation and the assumption, retry waiting pods, then handle the failure.

    Mirrors: schedule_one.go :: (*Scheduler).handleBindingCycleError
    """
    pod = pod_info.pod
    fwk.run_reserve_plugins_unreserve(state, pod, result.suggested_host)
    try:
        sched.cache.forget_pod(pod)
    except Exception as e:  # already confirmed or removed
        sched.env.trace.record(COMPONENT, "ForgetPod", kind="Pod", name=pod["metadata"]["name"],
                               message=f"scheduler cache ForgetPod failed: {e}")
    else:
        uid = pod_info.uid
        pre = (lambda p: p["metadata"].get("uid") != uid) if status.is_rejected() else None
        sched.queue.move_all_to_active_or_backoff_queue(EVENT_ASSIGNED_POD_DELETE, pod, None, pre)
    sched.failure_handler(fwk, pod_info, status, CLEAR_NOMINATED_NODE, start)


def skip_pod_schedule(sched: Any, fwk: Any, pod: Obj) -> bool:
    """A pod being deleted, or already assumed, is not scheduled again.

    Mirrors: schedule_one.go :: (*Scheduler).skipPodSchedule
    """
    m = pod["metadata"]
    if m.get("deletionTimestamp"):
        fwk.event_recorder().event(pod, "Warning", "FailedScheduling",
                                   f"skip schedule deleting pod: {m.get('namespace', '')}/{m['name']}")
        return True
    return bool(sched.cache.is_assumed_pod(pod))


def assume(sched: Any, assumed: Obj, host: str) -> None:
    """Mirrors: schedule_one.go :: (*Scheduler).assume"""
    sched.cache.assume_pod(assumed)
    sched.queue.delete_nominated_pod_if_exists(assumed)


def bind(sched: Any, fwk: Any, assumed: Obj, target: str, state: CycleState) -> Generator[Any, Any, Status | None]:
    """Mirrors: schedule_one.go :: (*Scheduler).bind (no extenders)"""
    status = yield from fwk.run_bind_plugins(state, assumed, target)
    finish_binding(sched, fwk, assumed, target, status)
    return status


def finish_binding(sched: Any, fwk: Any, assumed: Obj, target: str, status: Status | None) -> None:
    """Mirrors: schedule_one.go :: (*Scheduler).finishBinding"""
    try:
        sched.cache.finish_binding(assumed)
    except Exception as e:  # the pod is no longer assumed
        sched.env.trace.record(COMPONENT, "FinishBinding", message=f"Scheduler cache FinishBinding failed: {e}")
    if status is not None and not status.is_success():
        return
    m = assumed["metadata"]
    fwk.event_recorder().event(assumed, "Normal", "Scheduled",
                               f"Successfully assigned {m.get('namespace', '')}/{m['name']} to {target}")


def handle_scheduling_failure(sched: Any, fwk: Any, pod_info: QueuedPodInfo, status: Status,
                              nominating_info: NominatingInfo | None, start: float) -> None:
    """Record FailedScheduling, requeue the pod, update its PodScheduled condition.

    Mirrors: schedule_one.go :: (*Scheduler).handleSchedulingFailure

    Differences: the status patch is written asynchronously (as with SchedulerAsyncAPICalls).
    """
    env = sched.env
    called_done = False
    reason = "Unschedulable" if status.is_rejected() else "SchedulerError"
    if reason == "Unschedulable":
        sched.metrics.pod_unschedulable(fwk.profile_name, env.now - start)
    else:
        sched.metrics.pod_schedule_error(fwk.profile_name, env.now - start)
    pod = pod_info.pod
    err = status.as_error()
    msg = status.message()
    if isinstance(err, FitError):
        pod_info.unschedulable_plugins = dict(err.diagnosis.unschedulable_plugins)
        pod_info.pending_plugins = dict(err.diagnosis.pending_plugins)
    m = pod["metadata"]
    try:
        cached = fwk.shared_informer_factory().lister_for("pods").get(m.get("namespace", ""), m["name"])
    except errors.NotFound:
        cached = None
    try:
        if cached is not None and not (cached.get("spec") or {}).get("nodeName"):
            pod_info.pod_info = PodInfo(cached)
            sched.queue.add_unschedulable_if_not_present(pod_info, sched.queue.scheduling_cycle)
            called_done = True
    finally:
        if not called_done:
            sched.queue.done(pod_info.uid)
    sched.queue.add_nominated_pod(pod_info.pod_info, nominating_info)
    if err is None:
        return
    text = utils.truncate_message(msg)
    fwk.event_recorder().event(pod, "Warning", "FailedScheduling", text)
    if env.trace.v(2):
        env.trace.record(COMPONENT, "handleSchedulingFailure", kind="Pod", namespace=m.get("namespace", ""),
                         name=m["name"], message=text, fields={"reason": reason})
    condition = {"type": "PodScheduled", "status": "False", "reason": reason, "message": msg,
                 "lastProbeTime": None}
    if m.get("generation"):
        condition["observedGeneration"] = m["generation"]
    env.process(update_pod(sched, pod, condition, nominating_info))


def update_pod(sched: Any, pod: Obj, condition: Obj | None,
               nominating_info: NominatingInfo | None) -> Generator[Any, Any, None]:
    """Patch the PodScheduled condition and nominatedNodeName when they change.

    Mirrors: schedule_one.go :: updatePod
    """
    old = pod.get("status") or {}
    new = copy.deepcopy(old)
    nnn_needs_update = (nominating_info is not None and nominating_info.mode() == NominatingMode.MODE_OVERRIDE
                        and old.get("nominatedNodeName", "") != nominating_info.nominated_node_name)
    cond_needs_update = condition is not None and utils.update_pod_condition(new, condition, sched.env.timestamp())
    if not cond_needs_update and not nnn_needs_update:
        return
    if nnn_needs_update:
        assert nominating_info is not None
        if nominating_info.nominated_node_name:
            new["nominatedNodeName"] = nominating_info.nominated_node_name
        else:
            new.pop("nominatedNodeName", None)
    m = pod["metadata"]
    try:
        yield from utils.patch_pod_status(sched.client, m["name"], m.get("namespace", ""), old, new)
    except errors.ApiError as e:
        sched.env.trace.record(COMPONENT, "updatePod", kind="Pod", namespace=m.get("namespace", ""), name=m["name"],
                               message=f"Error updating pod: {e}")


__all__ = [
    "CLEAR_NOMINATED_NODE", "COMPONENT", "MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND",
    "MIN_FEASIBLE_NODES_TO_FIND", "NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT",
    "NoNodesAvailableError", "Obj", "ScheduleResult", "assume", "bind", "binding_cycle",
    "evaluate_nominated_node", "feasible_names", "find_nodes_that_fit_pod",
    "find_nodes_that_pass_filters", "finish_binding", "handle_binding_cycle_error",
    "handle_scheduling_failure", "node_plugin_scores_from_table",
    "num_feasible_nodes_to_find", "prioritize_nodes", "schedule_one", "schedule_pod",
    "scheduling_cycle", "select_host", "skip_pod_schedule", "update_pod",
]
