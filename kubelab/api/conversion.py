"""autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler conversion.

The API server stores HPAs as autoscaling/v2 (the internal shape). autoscaling/v1 can
only say "target this CPU utilization", so converting down keeps everything else in
annotations (other metrics, current metrics, conditions, behavior) and converting up
reads them back, which is how a v1 client's read-modify-write keeps v2-only fields.

Upstream: pkg/apis/autoscaling/v1/conversion.go, pkg/apis/autoscaling/v2/conversion.go,
pkg/apis/autoscaling/annotations.go, pkg/apis/autoscaling/helpers.go
"""

from __future__ import annotations

import copy
import json
from typing import Any

from kubelab.api import errors
from kubelab.api.quantity import parse_quantity

Obj = dict[str, Any]

METRIC_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics"
METRIC_STATUSES_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics"
HORIZONTAL_POD_AUTOSCALER_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions"
BEHAVIOR_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior"
DEFAULT_CPU_UTILIZATION = 80
_ROUND_TRIP = (METRIC_SPECS_ANNOTATION, BEHAVIOR_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION,
               HORIZONTAL_POD_AUTOSCALER_CONDITIONS_ANNOTATION)
_KIND = "HorizontalPodAutoscaler"


class ConversionError(ValueError):
    """A round-trip annotation that does not decode (the request is rejected)."""


# -- Go's encoding/json, as far as these annotations need it -------------------------------


def go_json_marshal(value: Any) -> str:
    """``json.Marshal``: compact, UTF-8 kept, and <, >, & escaped as Go escapes them."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _go_unmarshal(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        if err.pos >= len(text.rstrip()):
            raise ConversionError("unexpected end of JSON input") from None
        ch = text[err.pos]
        raise ConversionError(f"invalid character {ch!r} looking for beginning of value") from None


def _field(obj: Any, name: str) -> Any:
    """A struct field as encoding/json finds it: exact key first, then case-insensitively."""
    if not isinstance(obj, dict):
        return None
    if name in obj:
        return obj[name]
    lower = name.lower()
    for key, value in obj.items():
        if key.lower() == lower:
            return value
    return None


def _quantity(value: Any) -> str:
    """A resource.Quantity as it marshals (a missing one is the zero Quantity, "0")."""
    if value is None:
        return "0"
    try:
        return str(parse_quantity(value.strip() if isinstance(value, str) else value))
    except ValueError as err:
        raise ConversionError(str(err)) from None


def _opt_quantity(value: Any) -> str | None:
    return None if value is None else _quantity(value)


def _put(out: Obj, key: str, value: Any) -> None:
    """Set an omitempty field."""
    if value is not None and value != "" and value != [] and value != {}:
        out[key] = value


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        kind = ("bool" if isinstance(value, bool) else "number" if isinstance(value, int | float)
                else "string" if isinstance(value, str) else "object")
        raise ConversionError(f"json: cannot unmarshal {kind} into Go value of type {what}")
    return value


# -- annotations -----------------------------------------------------------------------------


def drop_round_trip_horizontal_pod_autoscaler_annotations(
        annotations: dict[str, str] | None) -> tuple[dict[str, str] | None, bool]:
    """Mirrors: pkg/apis/autoscaling/helpers.go :: DropRoundTripHorizontalPodAutoscalerAnnotations

    Differences: the two tolerance annotations autoscaling/v2beta2 uses are not listed;
    kubelab serves no v2beta2.
    """
    if annotations and any(key in annotations for key in _ROUND_TRIP):
        return {k: v for k, v in annotations.items() if k not in _ROUND_TRIP}, True
    return annotations, False


# -- metrics: internal (= v2 wire shape) -> v1 ------------------------------------------------


def _v1_target(ref: Any) -> Obj:
    ref = ref or {}
    out = {"kind": ref.get("kind", ""), "name": ref.get("name", "")}
    _put(out, "apiVersion", ref.get("apiVersion"))
    return out


# The v1 values a MetricSpec (side "target") or MetricStatus (side "current") declares as
# plain resource.Quantity fields: written even when unset, as "0". Every other quantity is a
# pointer there, written only when set.
_V1_PLAIN_QUANTITIES = {
    "target": ("object.targetValue", "pods.targetAverageValue"),
    "current": ("object.currentValue", "pods.currentAverageValue", "resource.currentAverageValue",
                "containerResource.currentAverageValue", "external.currentValue"),
}


def _metric_to_v1(m: Obj, side: str) -> Obj:
    """One v2 metric in v1 shape; ``side`` is ``"target"`` for a MetricSpec, ``"current"`` for a
    MetricStatus (v1 names each value after it: ``targetValue``, ``currentAverageValue``).
    """
    plain = _V1_PLAIN_QUANTITIES[side]

    def put_quantity(o: Obj, source: str, key: str, value: Any) -> None:
        if f"{source}.{key}" in plain:
            o[key] = _quantity(value)
        else:
            _put(o, key, _opt_quantity(value))

    out: Obj = {"type": m.get("type", "")}
    if (src := m.get("object")) is not None:
        values, metric = src.get(side) or {}, src.get("metric") or {}
        o: Obj = {"target": _v1_target(src.get("describedObject")), "metricName": metric.get("name", "")}
        put_quantity(o, "object", f"{side}Value", values.get("value"))
        _put(o, "selector", metric.get("selector"))
        _put(o, "averageValue", _opt_quantity(values.get("averageValue")))
        out["object"] = o
    if (src := m.get("pods")) is not None:
        values, metric = src.get(side) or {}, src.get("metric") or {}
        o = {"metricName": metric.get("name", "")}
        put_quantity(o, "pods", f"{side}AverageValue", values.get("averageValue"))
        _put(o, "selector", metric.get("selector"))
        out["pods"] = o
    for key in ("resource", "containerResource"):
        if (src := m.get(key)) is not None:
            values = src.get(side) or {}
            o = {"name": src.get("name", "")}
            _put(o, f"{side}AverageUtilization", values.get("averageUtilization"))
            put_quantity(o, key, f"{side}AverageValue", values.get("averageValue"))
            if key == "containerResource":
                o["container"] = src.get("container", "")
            out[key] = o
    if (src := m.get("external")) is not None:
        values, metric = src.get(side) or {}, src.get("metric") or {}
        o = {"metricName": metric.get("name", "")}
        _put(o, "metricSelector", metric.get("selector"))
        put_quantity(o, "external", f"{side}Value", values.get("value"))
        put_quantity(o, "external", f"{side}AverageValue", values.get("averageValue"))
        out["external"] = o
    return out


def convert_autoscaling_metric_spec_to_v1(m: Obj) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v1/conversion.go :: Convert_autoscaling_*MetricSource_To_v1_*"""
    return _metric_to_v1(m, "target")


def convert_autoscaling_metric_status_to_v1(m: Obj) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v1/conversion.go :: Convert_autoscaling_*MetricStatus_To_v1_*"""
    return _metric_to_v1(m, "current")


def _v1_condition(c: Obj) -> Obj:
    out = {"type": c.get("type", ""), "status": c.get("status", ""),
           "lastTransitionTime": c.get("lastTransitionTime")}
    _put(out, "reason", c.get("reason"))
    _put(out, "message", c.get("message"))
    return out


def _internal_behavior_json(behavior: Obj) -> Obj:
    """The internal HorizontalPodAutoscalerBehavior as json.Marshal writes it (Go field names)."""
    def rules(r: Obj | None) -> Obj | None:
        if r is None:
            return None
        policies = r.get("policies")
        return {
            "StabilizationWindowSeconds": r.get("stabilizationWindowSeconds"),
            "SelectPolicy": r.get("selectPolicy"),
            "Policies": None if policies is None else [
                {"Type": p.get("type", ""), "Value": p.get("value", 0), "PeriodSeconds": p.get("periodSeconds", 0)}
                for p in policies],
            "Tolerance": _opt_quantity(r.get("tolerance")),
        }

    return {"ScaleUp": rules(behavior.get("scaleUp")), "ScaleDown": rules(behavior.get("scaleDown"))}


def convert_autoscaling_horizontal_pod_autoscaler_to_v1(obj: Obj) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v1/conversion.go ::
    Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler (with the Spec
    and Status conversions it calls).
    """
    meta = copy.deepcopy(obj.get("metadata") or {})
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    metrics = [m for m in spec.get("metrics") or () if isinstance(m, dict)]
    out_spec: Obj = {"scaleTargetRef": _v1_target(spec.get("scaleTargetRef"))}
    _put(out_spec, "minReplicas", spec.get("minReplicas"))
    out_spec["maxReplicas"] = spec.get("maxReplicas", 0)
    for m in metrics:
        resource = m.get("resource")
        if m.get("type") == "Resource" and resource is not None and resource.get("name") == "cpu":
            utilization = (resource.get("target") or {}).get("averageUtilization")
            if utilization is not None:
                out_spec["targetCPUUtilizationPercentage"] = utilization
            break
    out_status: Obj = {}
    _put(out_status, "observedGeneration", status.get("observedGeneration"))
    _put(out_status, "lastScaleTime", status.get("lastScaleTime"))
    out_status["currentReplicas"] = status.get("currentReplicas", 0)
    out_status["desiredReplicas"] = status.get("desiredReplicas", 0)
    current_metrics = [m for m in status.get("currentMetrics") or () if isinstance(m, dict)]
    for m in current_metrics:
        resource = m.get("resource")
        if m.get("type") == "Resource" and resource is not None and resource.get("name") == "cpu":
            utilization = (resource.get("current") or {}).get("averageUtilization")
            if utilization is not None:
                out_status["currentCPUUtilizationPercentage"] = utilization

    annotations, _ = drop_round_trip_horizontal_pod_autoscaler_annotations(meta.get("annotations"))
    annotations = dict(annotations or {})
    other = [convert_autoscaling_metric_spec_to_v1(m) for m in metrics
             if not (m.get("type") == "Resource" and (m.get("resource") or {}).get("name") == "cpu"
                     and ((m.get("resource") or {}).get("target") or {}).get("averageUtilization") is not None)]
    if other:
        annotations[METRIC_SPECS_ANNOTATION] = go_json_marshal(other)
    if current_metrics:
        annotations[METRIC_STATUSES_ANNOTATION] = go_json_marshal(
            [convert_autoscaling_metric_status_to_v1(m) for m in current_metrics])
    if spec.get("behavior") is not None:
        annotations[BEHAVIOR_SPECS_ANNOTATION] = go_json_marshal(_internal_behavior_json(spec["behavior"]))
    conditions = [c for c in status.get("conditions") or () if isinstance(c, dict)]
    if conditions:
        annotations[HORIZONTAL_POD_AUTOSCALER_CONDITIONS_ANNOTATION] = go_json_marshal(
            [_v1_condition(c) for c in conditions])
    if annotations:
        meta["annotations"] = dict(sorted(annotations.items()))  # Go writes map keys sorted
    else:
        meta.pop("annotations", None)
    return {"apiVersion": "autoscaling/v1", "kind": _KIND, "metadata": meta, "spec": out_spec,
            "status": out_status}


# -- v1 -> internal (= v2 wire shape) ---------------------------------------------------------


def _v2_ref(ref: Any) -> Obj:
    out = {"kind": _field(ref, "kind") or "", "name": _field(ref, "name") or ""}
    _put(out, "apiVersion", _field(ref, "apiVersion"))
    return out


def _identifier(name: Any, selector: Any) -> Obj:
    out = {"name": name or ""}
    _put(out, "selector", selector)
    return out


def _current(value: Any = None, average_value: Any = None, utilization: Any = None) -> Obj:
    """A v2 MetricValueStatus: the values that are set."""
    out: Obj = {}
    _put(out, "value", value)
    _put(out, "averageValue", average_value)
    _put(out, "averageUtilization", utilization)
    return out


def _target(kind: str, value: Any = None, average_value: Any = None, utilization: Any = None) -> Obj:
    """A v2 MetricTarget: its type, then the values that are set."""
    return {"type": kind, **_current(value, average_value, utilization)}


def convert_v1_metric_spec_to_autoscaling(m: Any) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v1/conversion.go :: Convert_v1_*MetricSource_To_autoscaling_*"""
    out: Obj = {"type": _field(m, "type") or ""}
    if (src := _field(m, "object")) is not None:
        average = _opt_quantity(_field(src, "averageValue"))
        out["object"] = {
            "describedObject": _v2_ref(_field(src, "target")),
            "target": _target("Value" if average is None else "AverageValue",
                              _quantity(_field(src, "targetValue")), average),
            "metric": _identifier(_field(src, "metricName"), _field(src, "selector"))}
    if (src := _field(m, "pods")) is not None:
        out["pods"] = {"metric": _identifier(_field(src, "metricName"), _field(src, "selector")),
                       "target": _target("AverageValue", None, _quantity(_field(src, "targetAverageValue")))}
    for key in ("resource", "containerResource"):
        if (src := _field(m, key)) is not None:
            utilization = _field(src, "targetAverageUtilization")
            o: Obj = {"name": _field(src, "name") or "", "target": _target(
                "AverageValue" if utilization is None else "Utilization", None,
                _opt_quantity(_field(src, "targetAverageValue")), utilization)}
            if key == "containerResource":
                o["container"] = _field(src, "container") or ""
            out[key] = o
    if (src := _field(m, "external")) is not None:
        value = _opt_quantity(_field(src, "targetValue"))
        out["external"] = {
            "metric": _identifier(_field(src, "metricName"), _field(src, "metricSelector")),
            "target": _target("AverageValue" if value is None else "Value", value,
                              _opt_quantity(_field(src, "targetAverageValue")))}
    return out


def convert_v1_metric_status_to_autoscaling(m: Any) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v1/conversion.go :: Convert_v1_*MetricStatus_To_autoscaling_*"""
    out: Obj = {"type": _field(m, "type") or ""}
    if (src := _field(m, "object")) is not None:
        out["object"] = {
            "metric": _identifier(_field(src, "metricName"), _field(src, "selector")),
            "current": _current(_quantity(_field(src, "currentValue")), _opt_quantity(_field(src, "averageValue"))),
            "describedObject": _v2_ref(_field(src, "target"))}
    if (src := _field(m, "pods")) is not None:
        out["pods"] = {"metric": _identifier(_field(src, "metricName"), _field(src, "selector")),
                       "current": _current(None, _quantity(_field(src, "currentAverageValue")))}
    for key in ("resource", "containerResource"):
        if (src := _field(m, key)) is not None:
            o: Obj = {"name": _field(src, "name") or "", "current": _current(
                None, _quantity(_field(src, "currentAverageValue")), _field(src, "currentAverageUtilization"))}
            if key == "containerResource":
                o["container"] = _field(src, "container") or ""
            out[key] = o
    if (src := _field(m, "external")) is not None:
        out["external"] = {
            "metric": _identifier(_field(src, "metricName"), _field(src, "metricSelector")),
            "current": _current(_quantity(_field(src, "currentValue")),
                                _opt_quantity(_field(src, "currentAverageValue")))}
    return out


def _behavior_from_internal_json(text: str) -> Obj | None:
    """The behavior a v1 annotation carries, or None when it is malformed or empty."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(raw, dict):
        return None

    def rules(r: Any) -> Obj | None:
        if r is None:
            return None
        if not isinstance(r, dict):
            raise ConversionError("scaling rules")
        out: Obj = {}
        window, select = _field(r, "StabilizationWindowSeconds"), _field(r, "SelectPolicy")
        if window is not None and (isinstance(window, bool) or not isinstance(window, int)):
            raise ConversionError("stabilizationWindowSeconds")
        _put(out, "stabilizationWindowSeconds", window)
        if select is not None and not isinstance(select, str):
            raise ConversionError("selectPolicy")
        _put(out, "selectPolicy", select)
        policies = _field(r, "Policies")
        if policies is not None:
            out["policies"] = [{"type": _field(p, "Type") or "", "value": _field(p, "Value") or 0,
                                "periodSeconds": _field(p, "PeriodSeconds") or 0}
                               for p in _list(policies, "[]autoscaling.HPAScalingPolicy")]
        _put(out, "tolerance", _opt_quantity(_field(r, "Tolerance")))
        return out

    try:
        up, down = rules(_field(raw, "ScaleUp")), rules(_field(raw, "ScaleDown"))
    except ConversionError:
        return None
    if up is None and down is None:
        return None
    behavior: Obj = {}
    _put(behavior, "scaleUp", up if up is not None else None)
    _put(behavior, "scaleDown", down if down is not None else None)
    return behavior


def convert_v1_horizontal_pod_autoscaler_to_autoscaling(obj: Obj) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v1/conversion.go ::
    Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler (with the Spec
    and Status conversions it calls).

    Raises:
        ConversionError: when a metrics, current-metrics or conditions annotation does not
            decode (a malformed behavior annotation is ignored, as upstream ignores it).
    """
    meta = copy.deepcopy(obj.get("metadata") or {})
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    out_spec: Obj = {"scaleTargetRef": _v2_ref(spec.get("scaleTargetRef"))}
    _put(out_spec, "minReplicas", spec.get("minReplicas"))
    out_spec["maxReplicas"] = spec.get("maxReplicas", 0)
    metrics: list[Obj] = []
    if spec.get("targetCPUUtilizationPercentage") is not None:
        metrics = [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": spec["targetCPUUtilizationPercentage"]}}}]
    out_status: Obj = {}
    _put(out_status, "observedGeneration", status.get("observedGeneration"))
    _put(out_status, "lastScaleTime", status.get("lastScaleTime"))
    if status.get("currentReplicas"):  # an int32 with omitempty in v2: zero is not written
        out_status["currentReplicas"] = status["currentReplicas"]
    out_status["desiredReplicas"] = status.get("desiredReplicas", 0)
    if status.get("currentCPUUtilizationPercentage") is not None:
        out_status["currentMetrics"] = [{"type": "Resource", "resource": {"name": "cpu", "current": {
            "averageUtilization": status["currentCPUUtilizationPercentage"]}}}]

    annotations = meta.get("annotations") or {}
    if METRIC_SPECS_ANNOTATION in annotations:
        other = _list(_go_unmarshal(annotations[METRIC_SPECS_ANNOTATION]), "[]v1.MetricSpec")
        metrics = [convert_v1_metric_spec_to_autoscaling(m) for m in other] + metrics[:1]
    if METRIC_STATUSES_ANNOTATION in annotations:
        current = _list(_go_unmarshal(annotations[METRIC_STATUSES_ANNOTATION]), "[]v1.MetricStatus")
        out_status["currentMetrics"] = [convert_v1_metric_status_to_autoscaling(m) for m in current]
    if not metrics:
        metrics = [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": DEFAULT_CPU_UTILIZATION}}}]
    out_spec["metrics"] = metrics
    if HORIZONTAL_POD_AUTOSCALER_CONDITIONS_ANNOTATION in annotations:
        raw = _list(_go_unmarshal(annotations[HORIZONTAL_POD_AUTOSCALER_CONDITIONS_ANNOTATION]),
                    "[]v1.HorizontalPodAutoscalerCondition")
        out_status["conditions"] = [_v1_condition({
            key: _field(c, key) for key in ("type", "status", "lastTransitionTime", "reason", "message")})
            for c in raw]
    if BEHAVIOR_SPECS_ANNOTATION in annotations:
        behavior = _behavior_from_internal_json(annotations[BEHAVIOR_SPECS_ANNOTATION])
        if behavior is not None:
            out_spec["behavior"] = behavior
    dropped, copied = drop_round_trip_horizontal_pod_autoscaler_annotations(meta.get("annotations"))
    if copied:
        if dropped:
            meta["annotations"] = dropped
        else:
            meta.pop("annotations")
    out = {"apiVersion": "autoscaling/v2", "kind": _KIND, "metadata": meta, "spec": out_spec}
    if status or out_status.get("currentMetrics") or out_status.get("conditions"):
        out["status"] = out_status
    return out


# -- entry points ----------------------------------------------------------------------------


def _is_hpa(obj: Obj, api_version: str) -> bool:
    return obj.get("kind") == _KIND and obj.get("apiVersion") == api_version


def _v2_copy(obj: Obj) -> Obj:
    """Mirrors: pkg/apis/autoscaling/v2/conversion.go: v2 <-> internal drops round-trip annotations."""
    out = copy.deepcopy(obj)
    meta = out.get("metadata") or {}
    dropped, copied = drop_round_trip_horizontal_pod_autoscaler_annotations(meta.get("annotations"))
    if copied:
        if dropped:
            meta["annotations"] = dropped
        else:
            meta.pop("annotations")
    return out


def to_storage_version(obj: Obj) -> Obj:
    """The object as the server stores it (HPAs as autoscaling/v2); a new dict.

    Raises:
        kubelab.api.errors.BadRequest: when a v1 round-trip annotation does not decode, in
            the words the server's decoder uses for a body it cannot convert.
    """
    if _is_hpa(obj, "autoscaling/v1"):
        try:
            return convert_v1_horizontal_pod_autoscaler_to_autoscaling(obj)
        except ConversionError as err:
            raise errors.new_bad_request(
                f'{_KIND} in version "v1" cannot be handled as a {_KIND}: {err}') from None
    if _is_hpa(obj, "autoscaling/v2"):
        return _v2_copy(obj)
    return copy.deepcopy(obj)


def from_storage_version(obj: Obj, version: str) -> Obj:
    """The stored object in the requested version (``"v1"``/``"autoscaling/v1"`` or v2); a new dict."""
    if obj.get("kind") == _KIND and version in ("v1", "autoscaling/v1"):
        return convert_autoscaling_horizontal_pod_autoscaler_to_v1(obj)
    if obj.get("kind") == _KIND:
        return _v2_copy(obj)
    return copy.deepcopy(obj)
