"""Namespace, Node, ConfigMap, Secret, ServiceAccount, Endpoints, Event, LimitRange,
ResourceQuota, PersistentVolume(Claim), ReplicationController validation."""

from __future__ import annotations

import copy

import pytest
from conftest import POD_SPEC, defaulted, messages

from kubelab.api import field
from kubelab.api.validation import validate, validate_status_update, validate_update


def obj(kind, api_version="v1", namespaced=True, name="x", **body):
    meta = {"name": name, **({"namespace": "default"} if namespaced else {})}
    return defaulted({"apiVersion": api_version, "kind": kind, "metadata": meta, **body})


def stored(o):
    o = copy.deepcopy(o)
    o["metadata"].update(uid="u1", resourceVersion="3")
    return o


# -- Namespace ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, ok",
    [pytest.param("dev", True, id="valid"), pytest.param("Dev", False, id="uppercase"), pytest.param("a.b", False, id="dots are not a DNS label")],
)
def test_namespace_names_are_dns_labels(name, ok):
    assert (validate(obj("Namespace", namespaced=False, name=name)) == []) is ok


def test_namespace_finalizers_must_be_standard_or_qualified():
    ns = obj("Namespace", namespaced=False, name="dev", spec={"finalizers": ["custom"]})
    assert messages(validate(ns)) == ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']


def test_namespace_status_phase_follows_deletion():
    old = stored(obj("Namespace", namespaced=False, name="dev"))
    new = copy.deepcopy(old)
    new["status"] = {"phase": "Terminating"}
    assert messages(validate_status_update(new, old)) == [
        "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty"
    ]


# -- ConfigMap and Secret -------------------------------------------------------------------------


def test_config_map_keys():
    cm = obj("ConfigMap", data={"a b": "x", "ok.key": "y"}, binaryData={"ok.key": "eQ=="})
    assert messages(validate(cm)) == [
        "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
        "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        'data[ok.key]: Invalid value: "ok.key": duplicate of key present in binaryData',
    ]


def test_config_map_over_one_mebibyte_is_too_long():
    cm = obj("ConfigMap", data={"big": "x" * (1024 * 1024 + 1)})
    (err,) = validate(cm)
    assert err.type == field.TOO_LONG and err.field == ""


def test_immutable_config_map_data_cannot_change():
    old = stored(obj("ConfigMap", data={"a": "1"}, immutable=True))
    new = copy.deepcopy(old)
    new["data"]["a"] = "2"
    assert messages(validate_update(new, old)) == ["data: Forbidden: field is immutable when `immutable` is set"]


@pytest.mark.parametrize(
    "typ, data, expected",
    [
        pytest.param("kubernetes.io/tls", {"tls.crt": "eA=="}, ["data[tls.key]: Required value"], id="tls without key"),
        pytest.param("kubernetes.io/basic-auth", {}, ["data[username]: Required value", "data[password]: Required value"], id="basic auth without fields"),
        pytest.param("kubernetes.io/dockerconfigjson", {}, ["data[.dockerconfigjson]: Required value"], id="docker config json missing"),
        pytest.param("Opaque", {"a": "eA=="}, [], id="opaque"),
    ],
)
def test_validate_secret_types(typ, data, expected):
    assert messages(validate(obj("Secret", type=typ, data=data))) == expected


def test_secret_type_is_immutable():
    old = stored(obj("Secret", type="Opaque"))
    new = copy.deepcopy(old)
    new["type"] = "kubernetes.io/tls"
    new["data"] = {"tls.crt": "eA==", "tls.key": "eA=="}
    assert messages(validate_update(new, old)) == ['type: Invalid value: "kubernetes.io/tls": field is immutable']


def test_service_account_token_secret_needs_annotation():
    s = obj("Secret", type="kubernetes.io/service-account-token")
    assert messages(validate(s)) == ["metadata.annotations[kubernetes.io/service-account.name]: Required value"]


# -- Endpoints and Events -------------------------------------------------------------------------


def test_endpoints_subset_needs_addresses():
    ep = obj("Endpoints", subsets=[{"ports": [{"port": 80, "protocol": "TCP"}]}])
    assert messages(validate(ep)) == ["subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`"]


def test_endpoints_address_may_not_be_loopback():
    ep = obj("Endpoints", subsets=[{"addresses": [{"ip": "127.0.0.1"}], "ports": [{"port": 80, "protocol": "TCP"}]}])
    assert messages(validate(ep)) == ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']


def test_event_namespace_must_match_involved_object():
    ev = obj("Event", involvedObject={"kind": "Pod", "name": "p", "namespace": "other"}, reason="Started")
    assert messages(validate(ev)) == ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']


# -- LimitRange and ResourceQuota -----------------------------------------------------------------


def test_limit_range_default_over_max():
    lr = obj("LimitRange", spec={"limits": [{"type": "Container", "max": {"cpu": "1"}, "default": {"cpu": "2"}, "defaultRequest": {"cpu": "100m"}}]})
    assert messages(validate(lr)) == ['spec.limits[0].default[cpu]: Invalid value: "1": default value 2 is greater than max value 1']


def test_limit_range_pod_type_forbids_defaults():
    lr = obj("LimitRange", spec={"limits": [{"type": "Pod", "max": {"cpu": "1"}, "default": {"cpu": "1"}}]})
    assert "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'" in messages(validate(lr))


@pytest.mark.parametrize(
    "hard, expected",
    [
        pytest.param({"pods": "10", "requests.cpu": "2"}, [], id="valid"),
        pytest.param({"pods": "1.5"}, ['spec.hard[pods]: Invalid value: "1500m": must be an integer'], id="fractional pods"),
        pytest.param({"cpu": "-1"}, ['spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0'], id="negative cpu"),
        pytest.param({"foo": "1"}, ['spec.hard[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
                                    'spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota'], id="unknown resource"),
    ],
)
def test_validate_resource_quota(hard, expected):
    assert messages(validate(obj("ResourceQuota", spec={"hard": hard}))) == expected


def test_quota_conflicting_scopes():
    rq = obj("ResourceQuota", spec={"hard": {"pods": "1"}, "scopes": ["BestEffort", "NotBestEffort"]})
    assert messages(validate(rq)) == ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes']


# -- PersistentVolumeClaim and PersistentVolume ---------------------------------------------------


def test_pvc_needs_access_modes_and_storage():
    pvc = obj("PersistentVolumeClaim", spec={"resources": {}})
    assert messages(validate(pvc)) == [
        "spec.accessModes: Required value: at least 1 access mode is required",
        "spec.resources[storage]: Required value",
    ]


def test_pvc_spec_is_immutable_except_storage_requests():
    old = stored(obj("PersistentVolumeClaim", spec={"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}))
    new = copy.deepcopy(old)
    new["spec"]["accessModes"] = ["ReadWriteMany"]
    (err,) = validate_update(new, old)
    assert err.type == field.FORBIDDEN and err.field == "spec"
    assert err.detail == (
        "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"
        "  core.PersistentVolumeClaimSpec{\n"
        '- \tAccessModes: []string{"ReadWriteOnce"},\n'
        '+ \tAccessModes: []string{"ReadWriteMany"},\n'
        "  \t... // 8 identical fields\n"
        "  }\n"
    )


def test_pv_needs_a_source():
    pv = obj("PersistentVolume", namespaced=False, spec={"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}})
    assert messages(validate(pv)) == ["spec: Required value: must specify a volume type"]


# -- Node -----------------------------------------------------------------------------------------


def test_node_taints_unique_by_key_and_effect():
    taint = {"key": "k", "value": "v", "effect": "NoSchedule"}
    node = obj("Node", namespaced=False, name="n1", spec={"taints": [taint, dict(taint, value="w")]})
    (err,) = validate(node)
    assert err.type == field.DUPLICATE
    assert err.field == "metadata.taints[1]"
    assert err.detail == "taints must be unique by key and effect pair"


def test_node_provider_id_cannot_change():
    old = stored(obj("Node", namespaced=False, name="n1", spec={"providerID": "kind://a"}))
    new = copy.deepcopy(old)
    new["spec"]["providerID"] = "kind://b"
    assert messages(validate_update(new, old)) == ['spec.providerID: Forbidden: node updates may not change providerID except from "" to valid']


# -- ReplicationController ------------------------------------------------------------------------


def test_replication_controller_selector_must_match_template():
    rc = obj("ReplicationController", spec={"selector": {"app": "a"}, "template": {"metadata": {"labels": {"app": "b"}}, "spec": copy.deepcopy(POD_SPEC)}})
    assert messages(validate(rc)) == ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`']
