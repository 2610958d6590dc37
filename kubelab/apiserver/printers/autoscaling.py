"""The HorizontalPodAutoscaler printer: REFERENCE, TARGETS (``cpu: 50%/80%``), MINPODS, MAXPODS.

Upstream: pkg/printers/internalversion/printers.go :: printHorizontalPodAutoscaler, formatHPAMetrics
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.printers.common import (
    NONE,
    UNKNOWN,
    GenerateOptions,
    Obj,
    Row,
    age,
    name_of,
    quantity_string,
    row,
    spec,
    status,
)


def _current(statuses: list[Obj], i: int, key: str) -> Obj | None:
    """``statuses[i].<key>`` when the status list is that long and the source is set."""
    if len(statuses) > i and statuses[i].get(key) is not None:
        return statuses[i][key]
    return None


def _value_pair(spec_source: Obj, statuses: list[Obj], i: int, key: str) -> str:
    """``current/target``, with ``(avg)`` for an AverageValue target (Object and External sources)."""
    target = spec_source.get("target") or {}
    cur = _current(statuses, i, key)
    current = UNKNOWN
    if target.get("averageValue") is not None:
        if cur is not None and (cur.get("current") or {}).get("averageValue") is not None:
            current = quantity_string(cur["current"]["averageValue"])
        return f"{current}/{quantity_string(target['averageValue'])} (avg)"
    if cur is not None:
        current = quantity_string((cur.get("current") or {}).get("value"))
    return f"{current}/{quantity_string(target.get('value'))}"


def _resource_pair(spec_source: Obj, statuses: list[Obj], i: int, key: str) -> str:
    """``name: current/target`` for Resource and ContainerResource sources."""
    target = spec_source.get("target") or {}
    cur = _current(statuses, i, key)
    resource = spec_source.get("name", "")
    current = UNKNOWN
    if target.get("averageValue") is not None:
        if cur is not None:
            current = quantity_string((cur.get("current") or {}).get("averageValue"))
        return f"{resource}: {current}/{quantity_string(target['averageValue'])}"
    if cur is not None and (cur.get("current") or {}).get("averageUtilization") is not None:
        current = f"{cur['current']['averageUtilization']}%"
    goal = "<auto>"
    if target.get("averageUtilization") is not None:
        goal = f"{target['averageUtilization']}%"
    return f"{resource}: {current}/{goal}"


def format_hpa_metrics(specs: list[Obj], statuses: list[Obj]) -> str:
    """At most two metrics as ``current/target``, then ``+ N more...``.

    Mirrors: pkg/printers/internalversion/printers.go :: formatHPAMetrics
    """
    if not specs:
        return NONE
    out: list[str] = []
    maximum = 2
    for i, metric in enumerate(specs):
        mtype = metric.get("type")
        if mtype == "External":
            out.append(_value_pair(metric.get("external") or {}, statuses, i, "external"))
        elif mtype == "Pods":
            target = (metric.get("pods") or {}).get("target") or {}
            cur = _current(statuses, i, "pods")
            current = UNKNOWN if cur is None else quantity_string((cur.get("current") or {}).get("averageValue"))
            out.append(f"{current}/{quantity_string(target.get('averageValue'))}")
        elif mtype == "Object":
            out.append(_value_pair(metric.get("object") or {}, statuses, i, "object"))
        elif mtype == "Resource":
            out.append(_resource_pair(metric.get("resource") or {}, statuses, i, "resource"))
        elif mtype == "ContainerResource":
            out.append(_resource_pair(metric.get("containerResource") or {}, statuses, i, "containerResource"))
        else:
            out.append("<unknown type>")
    count = len(out)
    more = count > maximum
    if more:
        out = out[:maximum]
    ret = ", ".join(out)
    if more:
        return f"{ret} + {count - maximum} more..."
    return ret


def _v1_as_v2(hpa: Obj) -> tuple[Obj, Obj]:
    """The spec and status of an autoscaling/v1 object in v2 shape (its CPU target as a metric)."""
    s, st = dict(spec(hpa)), dict(status(hpa))
    target = s.pop("targetCPUUtilizationPercentage", None)
    if target is not None:
        s["metrics"] = [{"type": "Resource", "resource": {
            "name": "cpu", "target": {"type": "Utilization", "averageUtilization": target}}}]
    current = st.pop("currentCPUUtilizationPercentage", None)
    if current is not None:
        st["currentMetrics"] = [{"type": "Resource", "resource": {
            "name": "cpu", "current": {"averageUtilization": current}}}]
    return s, st


def print_horizontal_pod_autoscaler(hpa: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printHorizontalPodAutoscaler

    Differences: an autoscaling/v1 object is read through its v2 equivalent (the internal
    type the Go printer sees), without the full conversion of annotations.
    """
    s: Any
    st: Any
    if hpa.get("apiVersion") == "autoscaling/v1":
        s, st = _v1_as_v2(hpa)
    else:
        s, st = spec(hpa), status(hpa)
    ref = s.get("scaleTargetRef") or {}
    reference = f"{ref.get('kind', '')}/{ref.get('name', '')}"
    min_pods = "<unset>" if s.get("minReplicas") is None else str(s["minReplicas"])
    metrics = format_hpa_metrics(s.get("metrics") or [], st.get("currentMetrics") or [])
    return [row(name_of(hpa), reference, metrics, min_pods, s.get("maxReplicas", 0), st.get("currentReplicas", 0),
                age(hpa, options.now))]
