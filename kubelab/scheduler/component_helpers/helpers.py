"""Pod priority and taint/toleration matching.

Upstream: staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go and
pkg/apis/core/v1/helper/helpers.go (FindMatchingUntoleratedTaint, TolerationsTolerateTaint),
staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Obj = dict[str, Any]

TAINT_EFFECT_NO_SCHEDULE = "NoSchedule"
TAINT_EFFECT_PREFER_NO_SCHEDULE = "PreferNoSchedule"
TAINT_EFFECT_NO_EXECUTE = "NoExecute"
TAINT_NODE_UNSCHEDULABLE = "node.kubernetes.io/unschedulable"


def pod_priority(pod: Obj) -> int:
    """Mirrors: component-helpers/scheduling/corev1/helpers.go :: PodPriority"""
    p = (pod.get("spec") or {}).get("priority")
    return p if p is not None else 0


def toleration_tolerates_taint(t: Obj, taint: Obj) -> bool:
    """Mirrors: k8s.io/api/core/v1/toleration.go :: (*Toleration).ToleratesTaint"""
    effect = t.get("effect") or ""
    if effect and effect != (taint.get("effect") or ""):
        return False
    key = t.get("key") or ""
    if key and key != (taint.get("key") or ""):
        return False
    op = t.get("operator") or ""
    if op in ("", "Equal"):
        return (t.get("value") or "") == (taint.get("value") or "")
    return op == "Exists"


def tolerations_tolerate_taint(tolerations: Iterable[Obj] | None, taint: Obj) -> bool:
    """Mirrors: pkg/apis/core/v1/helper/helpers.go :: TolerationsTolerateTaint"""
    return any(toleration_tolerates_taint(t, taint) for t in tolerations or ())


def do_not_schedule_taints_filter(taint: Obj) -> bool:
    """Mirrors: pkg/scheduler/framework/plugins/helper/taint.go :: DoNotScheduleTaintsFilterFunc"""
    return taint.get("effect") in (TAINT_EFFECT_NO_SCHEDULE, TAINT_EFFECT_NO_EXECUTE)


def find_matching_untolerated_taint(taints: Iterable[Obj] | None, tolerations: Iterable[Obj] | None,
                                    inclusion_filter: Callable[[Obj], bool] | None) -> tuple[Obj | None, bool]:
    """The first taint (passing the filter) no toleration tolerates.

    Mirrors: pkg/apis/core/v1/helper/helpers.go :: FindMatchingUntoleratedTaint
    """
    tols = list(tolerations or ())
    for taint in taints or ():
        if inclusion_filter is not None and not inclusion_filter(taint):
            continue
        if not tolerations_tolerate_taint(tols, taint):
            return taint, True
    return None, False
