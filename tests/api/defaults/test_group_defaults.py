"""The smaller API groups' defaults, and the scheme-wide dispatch."""

from __future__ import annotations

import copy

import pytest

from kubelab.api.defaults import DEFAULTERS, defaulter_for, set_object_defaults


def defaulted(obj: dict) -> dict:
    set_object_defaults(obj)
    return obj


@pytest.mark.parametrize(("spec", "policy_types"), [
    ({}, ["Ingress"]),
    ({"egress": [{}]}, ["Ingress", "Egress"]),
    ({"policyTypes": ["Egress"], "ingress": [{}]}, ["Egress"]),
], ids=["TestSetDefaultNetworkPolicy ingress only", "egress rules add Egress", "explicit kept"])
def test_set_default_network_policy(spec, policy_types):
    obj = defaulted({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "n"},
                     "spec": {"podSelector": {}, **spec}})
    assert obj["spec"]["policyTypes"] == policy_types


def test_network_policy_ports_default_to_tcp():
    obj = defaulted({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "n"},
                     "spec": {"ingress": [{"ports": [{"port": 80}]}], "egress": [{"ports": [{"protocol": "UDP"}]}]}})
    assert obj["spec"]["ingress"][0]["ports"] == [{"port": 80, "protocol": "TCP"}]
    assert obj["spec"]["egress"][0]["ports"] == [{"protocol": "UDP"}]


def test_ingress_class_parameters_scope_and_ingress_path_type():
    ic = defaulted({"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": {"name": "i"},
                    "spec": {"controller": "x/y", "parameters": {"kind": "K", "name": "n"}}})
    assert ic["spec"]["parameters"]["scope"] == "Cluster"
    ing = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"},
           "spec": {"rules": [{"http": {"paths": [{"path": "/", "backend": {}}]}}]}}
    assert defaulted(copy.deepcopy(ing)) == ing  # pathType has no default


@pytest.mark.parametrize(("kind", "subject", "api_group"), [
    ("RoleBinding", "User", "rbac.authorization.k8s.io"),
    ("ClusterRoleBinding", "Group", "rbac.authorization.k8s.io"),
    ("RoleBinding", "ServiceAccount", ""),
], ids=["user", "group", "service account"])
def test_binding_subjects_and_role_ref_api_group(kind, subject, api_group):
    obj = defaulted({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "b"},
                     "roleRef": {"kind": "ClusterRole", "name": "view"}, "subjects": [{"kind": subject, "name": "s"}]})
    assert obj["roleRef"]["apiGroup"] == "rbac.authorization.k8s.io"
    assert obj["subjects"][0]["apiGroup"] == api_group


def test_set_default_preemption_policy():
    pc = defaulted({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "p"},
                    "value": 10})
    assert pc["preemptionPolicy"] == "PreemptLowerPriority"


def test_set_default_storage_class():
    sc = defaulted({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "s"},
                    "provisioner": "p"})
    assert (sc["reclaimPolicy"], sc["volumeBindingMode"]) == ("Delete", "Immediate")


def test_set_default_endpoint_port():
    es = defaulted({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "e"},
                    "addressType": "IPv4", "endpoints": [], "ports": [{"port": 80}]})
    assert es["ports"] == [{"port": 80, "name": "", "protocol": "TCP"}]


@pytest.mark.parametrize("obj", [
    {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "p"},
     "spec": {"selector": {}}},
    {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"}, "spec": {}},
    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r"}},
    {"apiVersion": "example.com/v1", "kind": "Widget", "spec": {}},
    {"kind": "Pod"},
], ids=["PodDisruptionBudget has no defaults", "Lease has no defaults", "Role has no defaults",
        "unknown kind", "no apiVersion"])
def test_kinds_without_defaulters_are_left_alone(obj):
    assert defaulted(copy.deepcopy(obj)) == obj


def test_lists_default_each_item():
    lst = defaulted({"apiVersion": "v1", "kind": "SecretList", "items": [
        {"metadata": {"name": "a"}}, {"metadata": {"name": "b"}, "type": "kubernetes.io/tls"}]})
    assert [i["type"] for i in lst["items"]] == ["Opaque", "kubernetes.io/tls"]


def test_every_served_kind_with_upstream_defaulters_is_registered():
    for key in [("v1", "Pod"), ("apps/v1", "Deployment"), ("batch/v1", "CronJob"),
                ("autoscaling/v2", "HorizontalPodAutoscaler"), ("networking.k8s.io/v1", "NetworkPolicy"),
                ("discovery.k8s.io/v1", "EndpointSlice"), ("storage.k8s.io/v1", "StorageClass")]:
        assert defaulter_for(*key) is DEFAULTERS[key]
    assert defaulter_for("v1", "ConfigMap") is None
