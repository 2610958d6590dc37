"""autoscaling/v1 clients see and keep v2-only HPA fields through upstream's annotations."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api import conversion as conv
from kubelab.api.conversion import from_storage_version, to_storage_version
from kubelab.api.errors import BadRequest

REF = {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}
CPU_50 = {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}


def v1(spec: dict | None = None, annotations: dict | None = None, status: dict | None = None) -> dict:
    obj = {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
           "metadata": {"name": "h", "namespace": "default"},
           "spec": {"scaleTargetRef": dict(REF), "minReplicas": 1, "maxReplicas": 5, **(spec or {})}}
    if annotations is not None:
        obj["metadata"]["annotations"] = annotations
    if status is not None:
        obj["status"] = status
    return obj


def v2(metrics: list, behavior: dict | None = None, status: dict | None = None, annotations: dict | None = None) -> dict:
    obj = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
           "metadata": {"name": "h", "namespace": "default"},
           "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"},
                    "minReplicas": 1, "maxReplicas": 5, "metrics": metrics}}
    if behavior is not None:
        obj["spec"]["behavior"] = behavior
    if status is not None:
        obj["status"] = status
    if annotations is not None:
        obj["metadata"]["annotations"] = annotations
    return obj


def test_v1_cpu_target_becomes_a_v2_utilization_metric():
    stored = to_storage_version(v1({"targetCPUUtilizationPercentage": 50}))
    assert stored["apiVersion"] == "autoscaling/v2"
    assert stored["spec"]["metrics"] == [CPU_50]
    assert stored["spec"]["scaleTargetRef"] == {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"}


def test_v1_without_target_gets_the_implicit_80_percent_cpu_metric():
    stored = to_storage_version(v1())
    assert stored["spec"]["metrics"] == [{"type": "Resource", "resource": {
        "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]


def test_v1_status_current_cpu_becomes_a_current_metric():
    stored = to_storage_version(v1(status={"currentReplicas": 2, "desiredReplicas": 3,
                                           "currentCPUUtilizationPercentage": 40}))
    assert stored["status"] == {"currentReplicas": 2, "desiredReplicas": 3, "currentMetrics": [
        {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 40}}}]}


def test_v2_only_fields_are_kept_in_v1_annotations_in_upstream_json():
    stored = v2(
        [CPU_50,
         {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
         {"type": "Object", "object": {"describedObject": {"kind": "Ingress", "name": "main", "apiVersion": "networking.k8s.io/v1"},
                                       "metric": {"name": "rps"}, "target": {"type": "Value", "value": "10"}}},
         {"type": "External", "external": {"metric": {"name": "queue", "selector": {"matchLabels": {"q": "a"}}},
                                           "target": {"type": "AverageValue", "averageValue": "30"}}},
         {"type": "ContainerResource", "containerResource": {"name": "memory", "container": "app",
                                                             "target": {"type": "AverageValue", "averageValue": "0.5Gi"}}}],
        behavior={"scaleDown": {"stabilizationWindowSeconds": 60, "selectPolicy": "Max",
                                "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]}},
        status={"currentReplicas": 2, "desiredReplicas": 2,
                "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {
                    "averageValue": "100m", "averageUtilization": 10}}}],
                "conditions": [{"type": "AbleToScale", "status": "True", "lastTransitionTime": "2024-01-01T00:00:00Z",
                                "reason": "ReadyForNewScale", "message": "recommended size matches current size"}]})
    out = from_storage_version(stored, "v1")
    assert out["spec"] == {"scaleTargetRef": {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"},
                           "minReplicas": 1, "maxReplicas": 5, "targetCPUUtilizationPercentage": 50}
    assert out["status"] == {"currentReplicas": 2, "desiredReplicas": 2, "currentCPUUtilizationPercentage": 10}
    ann = out["metadata"]["annotations"]
    assert list(ann) == sorted(ann)
    assert ann[conv.METRIC_SPECS_ANNOTATION] == (
        '[{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"1k"}},'
        '{"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},'
        '"metricName":"rps","targetValue":"10"}},'
        '{"type":"External","external":{"metricName":"queue","metricSelector":{"matchLabels":{"q":"a"}},'
        '"targetAverageValue":"30"}},'
        '{"type":"ContainerResource","containerResource":{"name":"memory","targetAverageValue":"512Mi",'
        '"container":"app"}}]')
    assert ann[conv.METRIC_STATUSES_ANNOTATION] == (
        '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":10,"currentAverageValue":"100m"}}]')
    assert ann[conv.HORIZONTAL_POD_AUTOSCALER_CONDITIONS_ANNOTATION] == (
        '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2024-01-01T00:00:00Z",'
        '"reason":"ReadyForNewScale","message":"recommended size matches current size"}]')
    assert ann[conv.BEHAVIOR_SPECS_ANNOTATION] == (
        '{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":"Max",'
        '"Policies":[{"Type":"Pods","Value":1,"PeriodSeconds":60}],"Tolerance":null}}')


def test_a_v1_read_modify_write_keeps_v2_fields():
    stored = v2([{"type": "Pods", "pods": {"metric": {"name": "qps"},
                                           "target": {"type": "AverageValue", "averageValue": "1k"}}}, CPU_50],
                behavior={"scaleUp": {"selectPolicy": "Disabled"}})
    seen = from_storage_version(stored, "v1")
    seen["spec"]["maxReplicas"] = 9
    written = to_storage_version(seen)
    expected = copy.deepcopy(stored)
    expected["spec"]["maxReplicas"] = 9
    expected["status"] = {"desiredReplicas": 0}  # v1's status always carries the replica counts
    assert written == expected
    assert "annotations" not in written["metadata"]


def test_the_cpu_target_moves_after_the_other_metrics_like_upstream():
    pods = {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "5"}}}
    back = to_storage_version(from_storage_version(v2([CPU_50, pods]), "v1"))
    assert back["spec"]["metrics"] == [pods, CPU_50]


def test_stale_round_trip_annotations_are_never_echoed():
    stored = v2([CPU_50], annotations={conv.METRIC_SPECS_ANNOTATION: "[]", "team": "a"})
    assert from_storage_version(stored, "v2")["metadata"]["annotations"] == {"team": "a"}
    assert from_storage_version(stored, "v1")["metadata"]["annotations"] == {"team": "a"}
    assert to_storage_version(stored)["metadata"]["annotations"] == {"team": "a"}


def test_malformed_behavior_annotation_is_ignored_and_dropped():
    stored = to_storage_version(v1(annotations={conv.BEHAVIOR_SPECS_ANNOTATION: "{not json", "x": "y"}))
    assert "behavior" not in stored["spec"]
    assert stored["metadata"]["annotations"] == {"x": "y"}


def test_behavior_annotation_keys_match_case_insensitively_like_encoding_json():
    stored = to_storage_version(v1(annotations={
        conv.BEHAVIOR_SPECS_ANNOTATION: '{"scaleUp":{"selectPolicy":"Min","tolerance":"0.1"}}'}))
    assert stored["spec"]["behavior"] == {"scaleUp": {"selectPolicy": "Min", "tolerance": "100m"}}


@pytest.mark.parametrize(("text", "message"), [
    ("[{", "unexpected end of JSON input"),
    ("x", "invalid character 'x' looking for beginning of value"),
    ("{}", "json: cannot unmarshal object into Go value of type []v1.MetricSpec"),
])
def test_malformed_metrics_annotation_rejects_the_request(text, message):
    with pytest.raises(BadRequest) as info:
        to_storage_version(v1(annotations={conv.METRIC_SPECS_ANNOTATION: text}))
    assert info.value.message == (
        'HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: ' + message)


def test_go_json_marshal_escapes_html_characters():
    assert conv.go_json_marshal({"a": "<b>&é"}) == '{"a":"\\u003cb\\u003e\\u0026é"}'


def test_other_kinds_pass_through_as_copies():
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}
    assert to_storage_version(pod) == pod and to_storage_version(pod) is not pod
    assert from_storage_version(pod, "v1") == pod


metric_names = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
quantities = st.sampled_from(["1", "500m", "2k", "10Mi"])
metrics = st.one_of(
    st.builds(lambda n, q: {"type": "Pods", "pods": {"metric": {"name": n},
                                                     "target": {"type": "AverageValue", "averageValue": q}}},
              metric_names, quantities),
    st.builds(lambda n, q: {"type": "External", "external": {"metric": {"name": n},
                                                             "target": {"type": "Value", "value": q}}},
              metric_names, quantities),
    st.builds(lambda q: {"type": "Resource", "resource": {"name": "memory",
                                                          "target": {"type": "AverageValue", "averageValue": q}}},
              quantities),
)


@given(st.lists(metrics, max_size=4), st.integers(min_value=1, max_value=100),
       st.one_of(st.none(), st.integers(min_value=0, max_value=3600)))
def test_v2_to_v1_to_v2_round_trips(other, cpu, window):
    behavior = None if window is None else {"scaleDown": {"stabilizationWindowSeconds": window}}
    cpu_metric = copy.deepcopy(CPU_50)
    cpu_metric["resource"]["target"]["averageUtilization"] = cpu
    stored = v2([*other, cpu_metric], behavior=behavior, status={"desiredReplicas": 1})
    assert to_storage_version(from_storage_version(stored, "v1")) == stored
