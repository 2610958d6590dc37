"""Pod updates and status updates (validation_test.go :: TestValidatePodUpdate, TestValidatePodStatusUpdate)."""

from __future__ import annotations

import copy

import pytest
from conftest import messages, pod

from kubelab.api import field
from kubelab.api.validation import validate_status_update, validate_update

UPDATE_MSG_PREFIX = (
    "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
    "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n"
)


def stored():
    p = pod()
    p["metadata"].update(uid="u1", resourceVersion="7", creationTimestamp="2024-01-01T00:00:00Z")
    p["spec"]["tolerations"] = [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}]
    return p


def changed(fn):
    old = stored()
    new = copy.deepcopy(old)
    fn(new)
    return new, old


def test_image_change_is_allowed():
    new, old = changed(lambda p: p["spec"]["containers"][0].update(image="nginx:2"))
    assert validate_update(new, old) == []


def test_spec_change_is_forbidden_with_diff():
    new, old = changed(lambda p: p["spec"].update(restartPolicy="Never"))
    (err,) = validate_update(new, old)
    assert err.type == field.FORBIDDEN
    assert str(err).startswith(UPDATE_MSG_PREFIX)
    assert '- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",' in str(err)


@pytest.mark.parametrize(
    "mutate, expected",
    [
        pytest.param(lambda p: p["spec"]["containers"].append(dict(p["spec"]["containers"][0], name="two")),
                     ["spec.containers: Forbidden: pod updates may not add or remove containers"], id="more containers"),
        pytest.param(lambda p: p["spec"]["containers"][0].update(image=""), ["spec.containers[0].image: Required value"] * 2, id="image removed"),
        pytest.param(lambda p: p["spec"].update(activeDeadlineSeconds=-1),
                     ["spec.activeDeadlineSeconds: Invalid value: -1: must be between 1 and 2147483647, inclusive",
                      "spec.activeDeadlineSeconds: Invalid value: -1: must be between 0 and 2147483647, inclusive"],
                     id="activeDeadlineSeconds negative"),
        pytest.param(lambda p: p["spec"]["tolerations"][0].update(operator="Equal", value="x"),
                     ["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"],
                     id="toleration modified"),
    ],
)
def test_validate_pod_update(mutate, expected):
    new, old = changed(mutate)
    assert messages(validate_update(new, old)) == expected


def test_active_deadline_may_only_decrease():
    old = stored()
    old["spec"]["activeDeadlineSeconds"] = 100
    new = copy.deepcopy(old)
    new["spec"]["activeDeadlineSeconds"] = 200
    assert messages(validate_update(new, old)) == ["spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value"]
    new["spec"]["activeDeadlineSeconds"] = 50
    assert validate_update(new, old) == []


def test_tolerations_may_be_added_and_seconds_changed():
    def mutate(p):
        p["spec"]["tolerations"][0]["tolerationSeconds"] = 10
        p["spec"]["tolerations"].append({"key": "k", "operator": "Exists", "effect": "NoSchedule"})

    new, old = changed(mutate)
    assert validate_update(new, old) == []


def test_name_is_immutable_and_reported_by_both_layers():
    new, old = changed(lambda p: p["metadata"].update(name="other"))
    assert messages(validate_update(new, old)) == ['metadata.name: Invalid value: "other": field is immutable'] * 2


def test_status_update_cannot_change_node_name():
    new, old = changed(lambda p: p["spec"].update(nodeName="n1"))
    assert messages(validate_status_update(new, old)) == ["status.nodeName: Forbidden: may not be changed directly"]


def test_status_terminated_container_cannot_restart_with_never():
    old = stored()
    old["spec"]["restartPolicy"] = "Never"
    old["status"] = {"containerStatuses": [{"name": "nginx", "state": {"terminated": {"exitCode": 1}}}]}
    new = copy.deepcopy(old)
    new["status"]["containerStatuses"][0]["state"] = {"running": {}}
    assert messages(validate_status_update(new, old)) == ["status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state"]


def test_status_pod_ips_one_per_family():
    old = stored()
    new = copy.deepcopy(old)
    new["status"] = {"podIP": "10.0.0.1", "podIPs": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}]}
    (err,) = validate_status_update(new, old)
    assert err.field == "status.podIPs"
    assert err.detail == "may specify no more than one IP for each IP family"
