"""Defaulting for autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscalers.

autoscaling/v1 only defaults minReplicas: its implicit 80% CPU target is applied by
conversion (kubelab.api.conversion), which sees the round-trip annotations.

Upstream: pkg/apis/autoscaling/v1/defaults.go, pkg/apis/autoscaling/v2/defaults.go
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import wire

Obj = dict[str, Any]

DEFAULT_CPU_UTILIZATION = 80

# The rules an HPA with a behavior section gets for whatever it leaves unset.
DEFAULT_HPA_SCALE_UP_RULES: Obj = {
    "stabilizationWindowSeconds": 0,
    "selectPolicy": "Max",
    "policies": [
        {"type": "Pods", "value": 4, "periodSeconds": 15},
        {"type": "Percent", "value": 100, "periodSeconds": 15},
    ],
}
# No stabilization window: the controller's --horizontal-pod-autoscaler-downscale-
# stabilization flag decides it, so defaulting must not pin it.
DEFAULT_HPA_SCALE_DOWN_RULES: Obj = {
    "selectPolicy": "Max",
    "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}],
}


def set_defaults_horizontal_pod_autoscaler_v1(obj: Obj) -> None:
    """Mirrors: pkg/apis/autoscaling/v1/defaults.go :: SetDefaults_HorizontalPodAutoscaler"""
    spec = wire.value_struct(obj, "spec")
    if spec.get("minReplicas") is None:
        spec["minReplicas"] = 1


def set_defaults_horizontal_pod_autoscaler(obj: Obj) -> None:
    """Mirrors: pkg/apis/autoscaling/v2/defaults.go :: SetDefaults_HorizontalPodAutoscaler"""
    spec = wire.value_struct(obj, "spec")
    if spec.get("minReplicas") is None:
        spec["minReplicas"] = 1
    if not spec.get("metrics"):
        spec["metrics"] = [{
            "type": "Resource",
            "resource": {
                "name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": DEFAULT_CPU_UTILIZATION},
            },
        }]
    set_defaults_horizontal_pod_autoscaler_behavior(obj)


def set_defaults_horizontal_pod_autoscaler_behavior(obj: Obj) -> None:
    """Mirrors: pkg/apis/autoscaling/v2/defaults.go :: SetDefaults_HorizontalPodAutoscalerBehavior

    Differences: the SelectionStrategy default of later releases is not part of v1.34.
    """
    behavior = wire.ptr(obj.get("spec") or {}, "behavior")
    if behavior is not None:
        behavior["scaleUp"] = generate_hpa_scale_up_rules(wire.ptr(behavior, "scaleUp"))
        behavior["scaleDown"] = generate_hpa_scale_down_rules(wire.ptr(behavior, "scaleDown"))


def generate_hpa_scale_up_rules(scaling_rules: Obj | None) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v2/defaults.go :: GenerateHPAScaleUpRules"""
    return copy_hpa_scaling_rules(scaling_rules, copy.deepcopy(DEFAULT_HPA_SCALE_UP_RULES))


def generate_hpa_scale_down_rules(scaling_rules: Obj | None) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v2/defaults.go :: GenerateHPAScaleDownRules"""
    return copy_hpa_scaling_rules(scaling_rules, copy.deepcopy(DEFAULT_HPA_SCALE_DOWN_RULES))


def copy_hpa_scaling_rules(src: Obj | None, to: Obj) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v2/defaults.go :: copyHPAScalingRules"""
    if src is None:
        return to
    for key in ("selectPolicy", "stabilizationWindowSeconds", "policies", "tolerance"):
        if src.get(key) is not None:
            to[key] = src[key]
    return to


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/autoscaling/{v1,v2}/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[("autoscaling/v1", "HorizontalPodAutoscaler")] = set_defaults_horizontal_pod_autoscaler_v1
    scheme[("autoscaling/v2", "HorizontalPodAutoscaler")] = set_defaults_horizontal_pod_autoscaler
