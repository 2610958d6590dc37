"""HorizontalPodAutoscalers: replica bounds, the scale target, metrics and scaling behavior.

Upstream: pkg/apis/autoscaling/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation.core.common import validate_object_meta, validate_object_meta_update
from kubelab.api.validation.core.resources import quantity, validate_container_resource_name
from kubelab.api.validation.objectmeta import (
    is_valid_path_segment_name,
    name_is_dns_subdomain,
    validate_nonnegative_field,
)

MAX_PERIOD_SECONDS = 1800
MAX_STABILIZATION_WINDOW_SECONDS = 3600
MIN_REPLICAS_LOWER_BOUND = 1
VALID_METRIC_SOURCE_TYPES = ("ContainerResource", "External", "Object", "Pods", "Resource")
VALID_SELECT_POLICY_TYPES = ("Disabled", "Max", "Min")
VALID_POLICY_TYPES = ("Percent", "Pods")
_SOURCE_KEYS = (("Object", "object"), ("Pods", "pods"), ("Resource", "resource"), ("External", "external"), ("ContainerResource", "containerResource"))

validate_horizontal_pod_autoscaler_name = name_is_dns_subdomain


def validate_cross_version_object_reference(ref: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: ValidateCrossVersionObjectReference"""
    errs: ErrorList = []
    for key in ("kind", "name"):
        v = ref.get(key, "") or ""
        if not v:
            errs.append(field.required(f"{path}.{key}", ""))
        else:
            errs.extend(field.invalid(f"{path}.{key}", v, m) for m in is_valid_path_segment_name(v))
    return errs


def validate_metric_target(mt: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: validateMetricTarget"""
    errs: ErrorList = []
    t = mt.get("type", "") or ""
    if not t:
        errs.append(field.required(f"{path}.type", "must specify a metric target type"))
    if t not in ("Utilization", "Value", "AverageValue"):
        errs.append(field.invalid(f"{path}.type", t, "must be either Utilization, Value, or AverageValue"))
    for key in ("value", "averageValue"):
        if mt.get(key) is not None:
            q = quantity(mt[key], f"{path}.{key}", errs)
            if q is not None and q.sign() != 1:
                errs.append(field.invalid(f"{path}.{key}", str(q), "must be positive"))
    au = mt.get("averageUtilization")
    if au is not None and au < 1:
        errs.append(field.invalid(f"{path}.averageUtilization", au, "must be greater than 0"))
    return errs


def _metric_identifier(mi: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    name = mi.get("name", "") or ""
    if not name:
        errs.append(field.required(f"{path}.name", "must specify a metric name"))
    else:
        errs.extend(field.invalid(f"{path}.name", name, m) for m in is_valid_path_segment_name(name))
    if mi.get("selector") is not None:
        errs.extend(g.validate_label_selector(mi["selector"], g.LabelSelectorValidationOptions(), f"{path}.selector"))
    return errs


def _validate_source(kind: str, src: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    target = src.get("target") or {}
    tp = f"{path}.target"
    if kind in ("resource", "containerResource"):
        name = src.get("name", "") or ""
        if not name:
            errs.append(field.required(f"{path}.name", "must specify a resource name"))
        else:
            errs.extend(validate_container_resource_name(name, f"{path}.name"))
        if kind == "containerResource":
            cn = src.get("container", "") or ""
            if not cn:
                errs.append(field.required(f"{path}.container", "must specify a container"))
            else:
                errs.extend(field.invalid(f"{path}.container", cn, m) for m in g.is_dns1123_label(cn))
        errs.extend(validate_metric_target(target, tp))
        if target.get("averageUtilization") is None and target.get("averageValue") is None:
            errs.append(field.required(f"{tp}.averageUtilization", "must set either a target raw value or a target utilization"))
        if target.get("averageUtilization") is not None and target.get("averageValue") is not None:
            errs.append(field.forbidden(f"{tp}.averageValue", "may not set both a target raw value and a target utilization"))
        return errs
    if kind == "object":
        errs.extend(validate_cross_version_object_reference(src.get("describedObject") or {}, f"{path}.describedObject"))
    errs.extend(_metric_identifier(src.get("metric") or {}, f"{path}.metric"))
    errs.extend(validate_metric_target(target, tp))
    if kind == "object":
        if target.get("value") is None and target.get("averageValue") is None:
            errs.append(field.required(f"{tp}.averageValue", "must set either a target value or averageValue"))
    elif kind == "pods":
        if target.get("averageValue") is None:
            errs.append(field.required(f"{tp}.averageValue", "must specify a positive target averageValue"))
    elif kind == "external":
        if target.get("value") is None and target.get("averageValue") is None:
            errs.append(field.required(f"{tp}.value", "must set either a target value for metric or a per-pod target"))
        if target.get("value") is not None and target.get("averageValue") is not None:
            errs.append(field.forbidden(f"{tp}.value", "may not set both a target value for metric and a per-pod target"))
    return errs


def validate_metric_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: validateMetricSpec"""
    errs: ErrorList = []
    t = spec.get("type", "") or ""
    if not t:
        errs.append(field.required(f"{path}.type", "must specify a metric source type"))
    if t not in VALID_METRIC_SOURCE_TYPES:
        errs.append(field.not_supported(f"{path}.type", t, VALID_METRIC_SOURCE_TYPES))
    present: list[str] = []
    for _, key in _SOURCE_KEYS:
        if spec.get(key) is not None:
            present.append(key)
            if len(present) == 1:
                errs.extend(_validate_source(key, spec[key], f"{path}.{key}"))
    expected = ""
    for typ, key in _SOURCE_KEYS:
        if t == typ:
            if spec.get(key) is None:
                errs.append(field.required(f"{path}.{key}", "must populate information for the given metric source"))
            expected = key
            break
    else:
        errs.append(field.not_supported(f"{path}.type", t, VALID_METRIC_SOURCE_TYPES))
    if len(present) != 1:
        for key in sorted(set(present) - {expected}):
            errs.append(field.forbidden(f"{path}.{key}", "must populate the given metric source only"))
    return errs


def _validate_scaling_rules(rules: dict[str, Any] | None, path: str) -> ErrorList:
    if rules is None:
        return []
    errs: ErrorList = []
    sws = rules.get("stabilizationWindowSeconds")
    if sws is not None and sws < 0:
        errs.append(field.invalid(f"{path}.stabilizationWindowSeconds", sws, "must be greater than or equal to zero"))
    if sws is not None and sws > MAX_STABILIZATION_WINDOW_SECONDS:
        errs.append(field.invalid(f"{path}.stabilizationWindowSeconds", sws, f"must be less than or equal to {MAX_STABILIZATION_WINDOW_SECONDS}"))
    sp = rules.get("selectPolicy")
    if sp is not None and sp not in VALID_SELECT_POLICY_TYPES:
        errs.append(field.not_supported(f"{path}.selectPolicy", sp, VALID_SELECT_POLICY_TYPES))
    policies = rules.get("policies") or []
    pp = f"{path}.policies"
    if not policies:
        errs.append(field.required(pp, "must specify at least one Policy"))
    for i, pol in enumerate(policies):
        ip = f"{pp}[{i}]"
        t = pol.get("type", "") or ""
        if t not in VALID_POLICY_TYPES:
            errs.append(field.not_supported(f"{ip}.type", t, VALID_POLICY_TYPES))
        v = pol.get("value", 0) or 0
        if v <= 0:
            errs.append(field.invalid(f"{ip}.value", v, "must be greater than zero"))
        ps = pol.get("periodSeconds", 0) or 0
        if ps <= 0:
            errs.append(field.invalid(f"{ip}.periodSeconds", ps, "must be greater than zero"))
        if ps > MAX_PERIOD_SECONDS:
            errs.append(field.invalid(f"{ip}.periodSeconds", ps, f"must be less than or equal to {MAX_PERIOD_SECONDS}"))
    return errs


def _as_v2_spec(hpa: dict[str, Any]) -> dict[str, Any]:
    spec = dict(hpa.get("spec") or {})
    if hpa.get("apiVersion") == "autoscaling/v1" and "metrics" not in spec:
        cpu = spec.pop("targetCPUUtilizationPercentage", None)
        if cpu is not None:
            spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": cpu}}}]
    return spec


def validate_horizontal_pod_autoscaler_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: validateHorizontalPodAutoscalerSpec

    Differences: the behavior's tolerance field is not checked.
    """
    errs: ErrorList = []
    mn = spec.get("minReplicas")
    mx = spec.get("maxReplicas", 0) or 0
    if mn is not None and mn < MIN_REPLICAS_LOWER_BOUND:
        errs.append(field.invalid(f"{path}.minReplicas", mn, f"must be greater than or equal to {MIN_REPLICAS_LOWER_BOUND}"))
    if mx < 1:
        errs.append(field.invalid(f"{path}.maxReplicas", mx, "must be greater than 0"))
    if mn is not None and mx < mn:
        errs.append(field.invalid(f"{path}.maxReplicas", mx, "must be greater than or equal to `minReplicas`"))
    errs.extend(validate_cross_version_object_reference(spec.get("scaleTargetRef") or {}, f"{path}.scaleTargetRef"))
    metrics = spec.get("metrics") or []
    has_object_or_external = False
    for i, m in enumerate(metrics):
        errs.extend(validate_metric_spec(m, f"{path}.metrics[{i}]"))
        has_object_or_external = has_object_or_external or m.get("type") in ("Object", "External")
    if mn == 0 and not has_object_or_external:
        errs.append(field.forbidden(f"{path}.metrics", "must specify at least one Object or External metric to support scaling to zero replicas"))
    behavior = spec.get("behavior")
    if behavior is not None:
        errs.extend(_validate_scaling_rules(behavior.get("scaleUp"), f"{path}.behavior.scaleUp"))
        errs.extend(_validate_scaling_rules(behavior.get("scaleDown"), f"{path}.behavior.scaleDown"))
    return errs


def validate_horizontal_pod_autoscaler(hpa: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: ValidateHorizontalPodAutoscaler"""
    errs = validate_object_meta(hpa.get("metadata"), True, validate_horizontal_pod_autoscaler_name, "metadata")
    errs.extend(validate_horizontal_pod_autoscaler_spec(_as_v2_spec(hpa), "spec"))
    return errs


def validate_horizontal_pod_autoscaler_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: ValidateHorizontalPodAutoscalerUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_horizontal_pod_autoscaler_spec(_as_v2_spec(new), "spec"))
    return errs


def validate_horizontal_pod_autoscaler_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/autoscaling/validation/validation.go :: ValidateHorizontalPodAutoscalerStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    status = new.get("status") or {}
    for key in ("currentReplicas", "desiredReplicas"):
        errs.extend(validate_nonnegative_field(status.get(key, 0) or 0, f"status.{key}"))
    return errs
