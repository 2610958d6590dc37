"""The pod printer: READY, STATUS (the reason kubectl shows), RESTARTS and the wide columns.

Upstream: pkg/printers/internalversion/printers.go :: printPod
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.printers.common import (
    NONE,
    GenerateOptions,
    Obj,
    Row,
    age,
    meta,
    spec,
    status,
)
from kubelab.apiserver.printers.duration import human_duration
from kubelab.engine import clock

# The row conditions a finished pod carries (metav1.RowCompleted).
POD_SUCCESS_CONDITIONS = [
    {"type": "Completed", "status": "True", "reason": "Succeeded", "message": "The pod has completed successfully."}
]
POD_FAILED_CONDITIONS = [{"type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."}]

POD_REASON_SCHEDULING_GATED = "SchedulingGated"
# pkg/util/node :: NodeUnreachablePodReason, set by the node lifecycle controller.
NODE_UNREACHABLE_POD_REASON = "NodeLost"


def is_restartable_init_container(container: Obj | None) -> bool:
    """A sidecar: an init container with ``restartPolicy: Always``.

    Mirrors: pkg/api/pod/util.go :: IsRestartableInitContainer
    """
    return container is not None and container.get("restartPolicy") == "Always"


def is_pod_phase_terminal(phase: str) -> bool:
    """Mirrors: pkg/api/v1/pod/util.go :: IsPodPhaseTerminal"""
    return phase in ("Failed", "Succeeded")


def has_pod_ready_condition(conditions: list[Obj]) -> bool:
    """Mirrors: pkg/printers/internalversion/printers.go :: hasPodReadyCondition"""
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)


def is_pod_initialized_condition_true(pod_status: Obj) -> bool:
    """Mirrors: pkg/printers/internalversion/printers.go :: isPodInitializedConditionTrue"""
    for c in pod_status.get("conditions") or ():
        if c.get("type") != "Initialized":
            continue
        return c.get("status") == "True"
    return False


def _finished_at(container_status: Obj) -> float | None:
    """When the container's previous run ended (lastState.terminated.finishedAt).

    None stands for Go's zero time, which no real timestamp is before.
    """
    term = (container_status.get("lastState") or {}).get("terminated")
    if term is None:
        return None
    return clock.parse(term.get("finishedAt"))


def _later(current: float | None, candidate: float | None) -> float | None:
    if candidate is None:
        return current
    if current is None or current < candidate:
        return candidate
    return current


def print_pod(pod: Obj, options: GenerateOptions) -> list[Row]:
    """The row ``kubectl get pods`` shows for one pod.

    Mirrors: pkg/printers/internalversion/printers.go :: printPod

    The IP cell reads ``status.podIP`` first, then ``status.podIPs[0]``, as the v1 to
    internal conversion (Convert_v1_PodStatus_To_core_PodStatus) orders them.
    """
    pspec, pstatus = spec(pod), status(pod)
    containers = pspec.get("containers") or []
    init_specs = pspec.get("initContainers") or []
    restarts = 0
    restartable_init_restarts = 0
    total = len(containers)
    ready = 0
    last_restart: float | None = None
    last_restartable_init_restart: float | None = None

    phase = pstatus.get("phase", "")
    reason = phase
    if pstatus.get("reason"):
        reason = pstatus["reason"]

    conditions = pstatus.get("conditions") or []
    for c in conditions:
        if c.get("type") == "PodScheduled" and c.get("reason") == POD_REASON_SCHEDULING_GATED:
            reason = POD_REASON_SCHEDULING_GATED

    out: Row = {"cells": []}
    if phase == "Succeeded":
        out["conditions"] = [dict(c) for c in POD_SUCCESS_CONDITIONS]
    elif phase == "Failed":
        out["conditions"] = [dict(c) for c in POD_FAILED_CONDITIONS]

    init_by_name: dict[str, Obj] = {}
    for c in init_specs:
        init_by_name[c.get("name", "")] = c
        if is_restartable_init_container(c):
            total += 1

    initializing = False
    for i, cs in enumerate(pstatus.get("initContainerStatuses") or []):
        restarts += cs.get("restartCount", 0)
        finished = _finished_at(cs)
        last_restart = _later(last_restart, finished)
        restartable = is_restartable_init_container(init_by_name.get(cs.get("name", "")))
        if restartable:
            restartable_init_restarts += cs.get("restartCount", 0)
            last_restartable_init_restart = _later(last_restartable_init_restart, finished)
        state = cs.get("state") or {}
        terminated, waiting = state.get("terminated"), state.get("waiting")
        if terminated is not None and terminated.get("exitCode", 0) == 0:
            continue
        if restartable and cs.get("started") is True:
            if cs.get("ready"):
                ready += 1
            continue
        if terminated is not None:
            # the init container failed
            if not terminated.get("reason"):
                if terminated.get("signal", 0) != 0:
                    reason = f"Init:Signal:{terminated['signal']}"
                else:
                    reason = f"Init:ExitCode:{terminated.get('exitCode', 0)}"
            else:
                reason = "Init:" + terminated["reason"]
        elif waiting is not None and waiting.get("reason") and waiting["reason"] != "PodInitializing":
            reason = "Init:" + waiting["reason"]
        else:
            reason = f"Init:{i}/{len(init_specs)}"
        initializing = True
        break

    if not initializing or is_pod_initialized_condition_true(pstatus):
        restarts = restartable_init_restarts
        last_restart = last_restartable_init_restart
        has_running = False
        for cs in reversed(pstatus.get("containerStatuses") or []):
            restarts += cs.get("restartCount", 0)
            last_restart = _later(last_restart, _finished_at(cs))
            state = cs.get("state") or {}
            terminated, waiting = state.get("terminated"), state.get("waiting")
            if waiting is not None and waiting.get("reason"):
                reason = waiting["reason"]
            elif terminated is not None and terminated.get("reason"):
                reason = terminated["reason"]
            elif terminated is not None:
                if terminated.get("signal", 0) != 0:
                    reason = f"Signal:{terminated['signal']}"
                else:
                    reason = f"ExitCode:{terminated.get('exitCode', 0)}"
            elif cs.get("ready") and state.get("running") is not None:
                has_running = True
                ready += 1

        # a pod whose last container finished but another still runs is not "Completed"
        if reason == "Completed" and has_running:
            reason = "Running" if has_pod_ready_condition(conditions) else "NotReady"

    deleting = meta(pod).get("deletionTimestamp") is not None
    if deleting and pstatus.get("reason") == NODE_UNREACHABLE_POD_REASON:
        reason = "Unknown"
    elif deleting and not is_pod_phase_terminal(phase):
        reason = "Terminating"

    restarts_str = str(restarts)
    if restarts != 0 and last_restart is not None:
        restarts_str = f"{restarts} ({human_duration(options.now - last_restart)} ago)"

    out["cells"] = [meta(pod).get("name", ""), f"{ready}/{total}", reason, restarts_str, age(pod, options.now)]
    if options.wide:
        out["cells"].extend(_wide_cells(pspec, pstatus, conditions))
    return [out]


def _wide_cells(pspec: Obj, pstatus: Obj, conditions: list[Obj]) -> list[Any]:
    node_name = pspec.get("nodeName") or NONE
    nominated = pstatus.get("nominatedNodeName") or NONE
    pod_ips = pstatus.get("podIPs") or []
    pod_ip = pstatus.get("podIP") or (pod_ips[0].get("ip", "") if pod_ips else "") or NONE
    gates = pspec.get("readinessGates") or []
    readiness_gates = NONE
    if gates:
        true_conditions = 0
        for gate in gates:
            for c in conditions:
                if c.get("type") == gate.get("conditionType"):
                    if c.get("status") == "True":
                        true_conditions += 1
                    break
        readiness_gates = f"{true_conditions}/{len(gates)}"
    return [pod_ip, node_name, nominated, readiness_gates]
