"""HorizontalPodAutoscalers get autoscaling/v1 and v2 defaults."""

from __future__ import annotations

from kubelab.api.defaults import autoscaling, set_object_defaults


def hpa(version: str, spec: dict) -> dict:
    obj = {"apiVersion": f"autoscaling/{version}", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"},
           "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "w"}, "maxReplicas": 5, **spec}}
    set_object_defaults(obj)
    return obj


def test_v1_defaults_only_min_replicas():
    spec = hpa("v1", {})["spec"]
    assert spec["minReplicas"] == 1
    assert "targetCPUUtilizationPercentage" not in spec  # applied by conversion, not defaulting


def test_set_default_hpa_v2_metrics_and_min_replicas():
    spec = hpa("v2", {})["spec"]
    assert spec["minReplicas"] == 1
    assert spec["metrics"] == [{"type": "Resource", "resource": {
        "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]
    assert "behavior" not in spec


def test_behavior_is_filled_only_when_present():
    spec = hpa("v2", {"behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}}})["spec"]
    assert spec["behavior"]["scaleUp"] == autoscaling.DEFAULT_HPA_SCALE_UP_RULES
    assert spec["behavior"]["scaleDown"] == {
        "stabilizationWindowSeconds": 60, "selectPolicy": "Max",
        "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}


def test_generate_scale_up_rules_keeps_explicit_fields():
    rules = autoscaling.generate_hpa_scale_up_rules({"selectPolicy": "Disabled", "tolerance": "50m"})
    assert rules["selectPolicy"] == "Disabled"
    assert rules["tolerance"] == "50m"
    assert rules["stabilizationWindowSeconds"] == 0
    assert len(rules["policies"]) == 2


def test_generate_scale_down_rules_leave_the_window_to_the_controller():
    assert "stabilizationWindowSeconds" not in autoscaling.generate_hpa_scale_down_rules(None)


def test_defaults_are_not_shared_between_objects():
    a = hpa("v2", {"behavior": {}})
    a["spec"]["behavior"]["scaleUp"]["policies"].clear()
    b = hpa("v2", {"behavior": {}})
    assert len(b["spec"]["behavior"]["scaleUp"]["policies"]) == 2
