"""Deployment, ReplicaSet, StatefulSet and DaemonSet validation (apps/validation/validation_test.go)."""

from __future__ import annotations

import copy

import pytest
from conftest import POD_SPEC, defaulted, deployment, messages

from kubelab.api import field
from kubelab.api.validation import validate, validate_status_update, validate_update
from kubelab.api.validation.apps import get_int_or_percent_value, validate_positive_int_or_percent


def stored(o):
    o = copy.deepcopy(o)
    o["metadata"].update(uid="u1", resourceVersion="3")
    return o


def test_defaulted_deployment_is_valid():
    assert validate(deployment()) == []


DEPLOYMENT_CASES = [
    pytest.param(
        lambda d: d["spec"]["template"]["metadata"].update(labels={"app": "nginx"}),
        ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`'],
        id="selector_doesnt_match",
    ),
    pytest.param(
        lambda d: d["spec"].pop("selector"),
        ["spec.selector: Required value",
         'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
        id="missing selector",
    ),
    pytest.param(
        lambda d: d["spec"].update(selector={"matchLabels": {}}),
        ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"],
        id="empty selector",
    ),
    pytest.param(
        lambda d: d["spec"]["template"]["spec"].update(restartPolicy="OnFailure"),
        ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
        id="invalid restart policy",
    ),
    pytest.param(
        lambda d: d["spec"]["template"]["spec"].update(activeDeadlineSeconds=10),
        ["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"],
        id="activeDeadlineSeconds set",
    ),
    pytest.param(lambda d: d["spec"].update(replicas=-1), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"], id="negative replicas"),
    pytest.param(
        lambda d: d["spec"]["strategy"]["rollingUpdate"].update(maxSurge="20Percent"),
        ["spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"20Percent\"}: "
         "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
        id="maxSurge not a percent",
    ),
    pytest.param(
        lambda d: d["spec"]["strategy"]["rollingUpdate"].update(maxSurge=0, maxUnavailable=0),
        ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"],
        id="maxSurge and maxUnavailable both zero",
    ),
    pytest.param(
        lambda d: d["spec"]["strategy"]["rollingUpdate"].update(maxUnavailable="110%"),
        ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"110%\"}: must not be greater than 100%"],
        id="maxUnavailable over 100%",
    ),
    pytest.param(
        lambda d: d["spec"].update(strategy={"type": "Recreate", "rollingUpdate": {}}),
        ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
        id="rollingUpdate with Recreate",
    ),
    pytest.param(
        lambda d: d["spec"].update(progressDeadlineSeconds=5, minReadySeconds=10),
        ["spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds"],
        id="progressDeadlineSeconds not greater than minReadySeconds",
    ),
    pytest.param(
        lambda d: d["spec"]["template"]["spec"].update(containers=[]),
        ["spec.template.spec.containers: Required value"],
        id="no containers",
    ),
]


@pytest.mark.parametrize("mutate, expected", DEPLOYMENT_CASES)
def test_validate_deployment(mutate, expected):
    d = deployment()
    mutate(d)
    assert messages(validate(d)) == expected


def test_deployment_selector_is_immutable():
    old = stored(deployment())
    new = copy.deepcopy(old)
    new["spec"]["selector"] = {"matchLabels": {"app": "web2"}}
    new["spec"]["template"]["metadata"]["labels"] = {"app": "web2"}
    assert messages(validate_update(new, old)) == [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, '
        "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
    ]


def test_deployment_scale_and_image_updates_are_valid():
    old = stored(deployment())
    new = copy.deepcopy(old)
    new["spec"]["replicas"] = 5
    new["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:2"
    assert validate_update(new, old) == []


def test_deployment_status_counts():
    old = stored(deployment())
    new = copy.deepcopy(old)
    new["status"] = {"replicas": 1, "readyReplicas": 2, "availableReplicas": 1}
    assert messages(validate_status_update(new, old)) == ["status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas"]


def _rs(**spec):
    s = {"replicas": 1, "selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": copy.deepcopy(POD_SPEC)}}
    s.update(spec)
    return defaulted({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web-1", "namespace": "default"}, "spec": s})


def test_replica_set_selector_mismatch_and_immutability():
    rs = _rs()
    assert validate(rs) == []
    rs["spec"]["template"]["metadata"]["labels"] = {"app": "x"}
    assert messages(validate(rs)) == ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`']
    old = stored(_rs())
    new = copy.deepcopy(old)
    new["spec"]["selector"]["matchLabels"]["tier"] = "fe"
    new["spec"]["template"]["metadata"]["labels"]["tier"] = "fe"
    (err,) = validate_update(new, old)
    assert err.field == "spec.selector" and err.detail == "field is immutable"


def _sts(**spec):
    s = {"replicas": 1, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}}, "template": {"metadata": {"labels": {"app": "db"}}, "spec": copy.deepcopy(POD_SPEC)}}
    s.update(spec)
    return defaulted({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db", "namespace": "default"}, "spec": s})


def test_stateful_set_names_are_dns_labels():
    sts = _sts()
    assert validate(sts) == []
    sts["metadata"]["name"] = "db.example"
    (err,) = validate(sts)
    assert err.field == "metadata.name" and err.detail == "must not contain dots"


def test_stateful_set_spec_updates_are_limited():
    old = stored(_sts())
    new = copy.deepcopy(old)
    new["spec"]["serviceName"] = "other"
    assert messages(validate_update(new, old)) == [
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
        "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    ]
    new = copy.deepcopy(old)
    new["spec"]["replicas"] = 3
    assert validate_update(new, old) == []


def test_stateful_set_pod_management_policy():
    assert messages(validate(_sts(podManagementPolicy="Random"))) == [
        "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"
    ]


def _ds(**spec):
    s = {"selector": {"matchLabels": {"app": "ds"}}, "template": {"metadata": {"labels": {"app": "ds"}}, "spec": copy.deepcopy(POD_SPEC)}}
    s.update(spec)
    return defaulted({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "ds", "namespace": "default"}, "spec": s})


def test_daemon_set_rolling_update_needs_one_of_surge_or_unavailable():
    ds = _ds()
    assert validate(ds) == []
    ds["spec"]["updateStrategy"]["rollingUpdate"] = {"maxUnavailable": 0, "maxSurge": 0}
    assert messages(validate(ds)) == ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]
    ds["spec"]["updateStrategy"]["rollingUpdate"] = {"maxUnavailable": 1, "maxSurge": 1}
    assert messages(validate(ds)) == ["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:\"\"}: may not be set when maxUnavailable is non-zero"]


@pytest.mark.parametrize("value, expected", [("25%", 25), (3, 3), ("x%", 0), ("7", 7)])
def test_get_int_or_percent_value(value, expected):
    assert get_int_or_percent_value(value) == expected


def test_negative_int_is_not_a_positive_int_or_percent():
    (err,) = validate_positive_int_or_percent(-1, "p")
    assert err.type == field.INVALID and err.bad_value == -1
