"""Small helpers the scheduler shares: pod ordering, status patches, deletions, durations.

Upstream: pkg/scheduler/util/utils.go, pkg/api/v1/pod/util.go (UpdatePodCondition) and
pkg/apis/core/validation (NoteLengthLimit)
"""

from __future__ import annotations

import copy
from collections.abc import Generator
from typing import Any

from kubelab.api import errors, openapi
from kubelab.api.strategicpatch.create import create_two_way_merge_patch
from kubelab.engine import clock
from kubelab.scheduler.component_helpers.helpers import pod_priority

Obj = dict[str, Any]

# Events and conditions longer than this are cut (validation.NoteLengthLimit).
NOTE_LENGTH_LIMIT = 1024


def go_duration(seconds: float) -> str:
    """Go's time.Duration.String(): ``10s``, ``1m30s``, ``500ms``, ``0s``."""
    ns = int(round(seconds * 1e9))
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    ns = abs(ns)
    if ns < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1_000), ("ns", 1)):
            if ns >= size:
                return sign + _trim(ns / size) + unit
    h, rem = divmod(ns, 3600 * 10**9)
    m, rem = divmod(rem, 60 * 10**9)
    out = sign
    if h:
        out += f"{h}h"
    if h or m:
        out += f"{m}m"
    return out + _trim(rem / 1e9) + "s"


def _trim(x: float) -> str:
    s = f"{x:.9f}".rstrip("0").rstrip(".")
    return s or "0"


def get_pod_full_name(pod: Obj) -> str:
    """Mirrors: pkg/scheduler/util/utils.go :: GetPodFullName (``name_namespace``)."""
    m = pod["metadata"]
    return f"{m.get('name', '')}_{m.get('namespace', '')}"


def get_pod_start_time(pod: Obj, now: float) -> float:
    """Mirrors: pkg/scheduler/util/utils.go :: GetPodStartTime (not started yet: now)."""
    t = clock.parse((pod.get("status") or {}).get("startTime"))
    return now if t is None else t


def get_earliest_pod_start_time(victims: list[Obj], now: float) -> float | None:
    """Mirrors: pkg/scheduler/util/utils.go :: GetEarliestPodStartTime"""
    if not victims:
        return None
    earliest = get_pod_start_time(victims[0], now)
    max_priority = pod_priority(victims[0])
    for pod in victims:
        p = pod_priority(pod)
        if p == max_priority:
            st = get_pod_start_time(pod, now)
            if st < earliest:
                earliest = st
        elif p > max_priority:
            max_priority = p
            earliest = get_pod_start_time(pod, now)
    return earliest


def more_important_pod(pod1: Obj, pod2: Obj, now: float) -> bool:
    """Higher priority first, then the one that started earlier.

    Mirrors: pkg/scheduler/util/utils.go :: MoreImportantPod
    """
    p1, p2 = pod_priority(pod1), pod_priority(pod2)
    if p1 != p2:
        return p1 > p2
    return get_pod_start_time(pod1, now) < get_pod_start_time(pod2, now)


def truncate_message(message: str) -> str:
    """Mirrors: pkg/scheduler/schedule_one.go :: truncateMessage"""
    if len(message) <= NOTE_LENGTH_LIMIT:
        return message
    suffix = " ..."
    return message[:NOTE_LENGTH_LIMIT - len(suffix)] + suffix


def update_pod_condition(status: Obj, condition: Obj, now_ts: str) -> bool:
    """Set or replace a condition; True when anything changed.

    Mirrors: pkg/api/v1/pod/util.go :: UpdatePodCondition
    """
    condition["lastTransitionTime"] = now_ts
    conds = status.setdefault("conditions", [])
    for i, old in enumerate(conds):
        if old.get("type") != condition.get("type"):
            continue
        if condition.get("status") == old.get("status"):
            condition["lastTransitionTime"] = old.get("lastTransitionTime")
        same = all(condition.get(k) == old.get(k) for k in
                   ("status", "reason", "message", "lastProbeTime", "lastTransitionTime", "observedGeneration"))
        conds[i] = condition
        return not same
    conds.append(condition)
    return True


_POD_SCHEMA: list[Any] = []


def _pod_schema() -> Any:
    if not _POD_SCHEMA:
        _POD_SCHEMA.append(openapi.for_kind("", "v1", "Pod"))
    return _POD_SCHEMA[0]


def patch_pod_status(client: Any, name: str, namespace: str, old_status: Obj,
                     new_status: Obj | None) -> Generator[Any, Any, None]:
    """A strategic-merge patch of pods/status from ``old_status`` to ``new_status``.

    Mirrors: pkg/scheduler/util/utils.go :: PatchPodStatus
    Differences: no retry on transient errors.
    """
    if new_status is None:
        return
    patch = create_two_way_merge_patch({"status": old_status}, {"status": new_status}, _pod_schema())
    if not patch:
        return
    yield from client.patch("pods", name, patch, namespace, patch_type="strategic", subresource="status")


def delete_pod(client: Any, pod: Obj) -> Generator[Any, Any, None]:
    """Delete with a UID precondition, so a recreated pod of the same name survives.

    Mirrors: pkg/scheduler/util/utils.go :: DeletePod
    """
    m = pod["metadata"]
    yield from client.delete("pods", m["name"], m.get("namespace"), preconditions={"uid": m.get("uid", "")})


def clear_nominated_node_name(client: Any, pods: list[Obj]) -> Generator[Any, Any, list[BaseException]]:
    """Remove status.nominatedNodeName from each pod that has one.

    Mirrors: pkg/scheduler/util/utils.go :: ClearNominatedNodeName
    """
    errs: list[BaseException] = []
    for p in pods:
        status = p.get("status") or {}
        if not status.get("nominatedNodeName"):
            continue
        new = copy.deepcopy(status)
        new.pop("nominatedNodeName", None)
        try:
            yield from patch_pod_status(client, p["metadata"]["name"], p["metadata"].get("namespace", ""),
                                        status, new)
        except errors.ApiError as e:
            errs.append(e)
    return errs
