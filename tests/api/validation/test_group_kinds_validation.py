"""HPA, Ingress, IngressClass, NetworkPolicy, PDB, RBAC, PriorityClass, StorageClass, Lease and
EndpointSlice validation, and the registry's generic checks around every kind."""

from __future__ import annotations

import copy

import pytest
from conftest import defaulted, messages

from kubelab.api import field
from kubelab.api.validation import validate, validate_update, validated_kinds


def obj(api_version, kind, namespaced=True, name="x", **body):
    meta = {"name": name, **({"namespace": "default"} if namespaced else {})}
    return defaulted({"apiVersion": api_version, "kind": kind, "metadata": meta, **body})


def stored(o):
    o = copy.deepcopy(o)
    o["metadata"].update(uid="u1", resourceVersion="3")
    return o


# -- HorizontalPodAutoscaler ----------------------------------------------------------------------


def hpa(**spec):
    s = {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5,
         "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]}
    s.update(spec)
    return obj("autoscaling/v2", "HorizontalPodAutoscaler", spec=s)


HPA_CASES = [
    pytest.param({"minReplicas": 0}, ["spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
                                      "spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas"],
                 id="must be greater than or equal to 1"),
    pytest.param({"maxReplicas": 0}, ["spec.maxReplicas: Invalid value: 0: must be greater than 0",
                                      "spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`"], id="must be greater than 0"),
    pytest.param({"minReplicas": 6}, ["spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`"], id="must be greater than or equal to `minReplicas`"),
    pytest.param({"scaleTargetRef": {"kind": "", "name": "web"}}, ["spec.scaleTargetRef.kind: Required value"], id="scaleTargetRef.kind: Required value"),
    pytest.param({"scaleTargetRef": {"kind": "Deployment", "name": "a/b"}}, ["spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'"], id="scaleTargetRef.name: may not contain '/'"),
    pytest.param({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 0}}}]},
                 ["spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0"], id="averageUtilization must be greater than 0"),
    pytest.param({"metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization"}}}]},
                 ["spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization"], id="must set either a target raw value or a target utilization"),
    pytest.param({"metrics": [{"type": "Resource"}]}, ["spec.metrics[0].resource: Required value: must populate information for the given metric source"], id="must populate information for the given metric source"),
    pytest.param({"behavior": {"scaleUp": {"policies": [], "stabilizationWindowSeconds": 3601}}},
                 ["spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600",
                  "spec.behavior.scaleUp.policies: Required value: must specify at least one Policy"], id="scaleUp rules"),
]


@pytest.mark.parametrize("spec, expected", HPA_CASES)
def test_validate_hpa(spec, expected):
    assert messages(validate(hpa(**spec))) == expected


def test_autoscaling_v1_target_cpu_is_checked_as_a_metric():
    h = obj("autoscaling/v1", "HorizontalPodAutoscaler", spec={"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 3, "targetCPUUtilizationPercentage": 0})
    assert messages(validate(h)) == ["spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0"]


# -- networking -------------------------------------------------------------------------------------


def ingress(rules=None, **spec):
    s = {"rules": rules if rules is not None else [{"host": "example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}
    s.update(spec)
    return obj("networking.k8s.io/v1", "Ingress", spec=s)


def _path(**kw):
    p = {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}
    p.update(kw)
    return [{"host": "example.com", "http": {"paths": [p]}}]


INGRESS_CASES = [
    pytest.param([], ["spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified"], id="no rules or default backend"),
    pytest.param([{"host": "1.2.3.4", "http": {"paths": _path()[0]["http"]["paths"]}}], ['spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address'], id="host is an IP"),
    pytest.param(_path(path="foo"), ['spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path'], id="relative path"),
    pytest.param(_path(path="/foo//bar"), ["spec.rules[0].http.paths[0].path: Invalid value: \"/foo//bar\": must not contain '//'"], id="path with double slash"),
    pytest.param(_path(pathType=None), ["spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"], id="missing pathType"),
    pytest.param(_path(backend={"service": {"name": "web", "port": {}}}), ["spec.rules[0].http.paths[0].backend: Required value: port name or number is required"], id="backend without port"),
    pytest.param(_path(backend={}), ['spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required'], id="empty backend"),
]


@pytest.mark.parametrize("rules, expected", INGRESS_CASES)
def test_validate_ingress(rules, expected):
    for r in rules:
        for p in (r.get("http") or {}).get("paths") or ():
            if p.get("pathType") is None:
                p.pop("pathType", None)
    assert messages(validate(ingress(rules))) == expected


def test_ingress_class_controller_must_be_domain_prefixed():
    ic = obj("networking.k8s.io/v1", "IngressClass", namespaced=False, spec={"controller": "nginx"})
    assert messages(validate(ic)) == ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']


NETPOL_CASES = [
    pytest.param({"ingress": [{"from": [{}]}]}, ["spec.ingress[0].from[0]: Required value: must specify a peer"], id="empty peer"),
    pytest.param({"ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}, "podSelector": {}}]}]},
                 ["spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer"], id="ipBlock with another peer"),
    pytest.param({"ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["192.168.0.0/16"]}}]}]},
                 ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`'], id="except outside cidr"),
    pytest.param({"ingress": [{"ports": [{"port": 80, "endPort": 70}]}]},
                 ["spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`"], id="endPort below port"),
    pytest.param({"policyTypes": ["Sideways"]}, ['spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"'], id="invalid policy type"),
]


@pytest.mark.parametrize("spec, expected", NETPOL_CASES)
def test_validate_network_policy(spec, expected):
    np = obj("networking.k8s.io/v1", "NetworkPolicy", spec={"podSelector": {}, **spec})
    assert messages(validate(np)) == expected


# -- policy -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec, expected",
    [
        pytest.param({"minAvailable": 1}, [], id="valid"),
        pytest.param({"minAvailable": "120%"}, ['spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%'], id="minAvailable over 100%"),
        pytest.param({"maxUnavailable": -1}, ["spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"], id="negative maxUnavailable"),
        pytest.param({"unhealthyPodEvictionPolicy": "Never"}, ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"'], id="bad eviction policy"),
    ],
)
def test_validate_pdb(spec, expected):
    pdb = obj("policy/v1", "PodDisruptionBudget", spec={"selector": {"matchLabels": {"app": "web"}}, **spec})
    assert messages(validate(pdb)) == expected


def test_pdb_min_available_xor_max_unavailable():
    pdb = obj("policy/v1", "PodDisruptionBudget", spec={"minAvailable": 1, "maxUnavailable": 1})
    (err,) = validate(pdb)
    assert (err.field, err.detail) == ("spec", "minAvailable and maxUnavailable cannot be both set")


def test_pdb_name_gets_the_generic_path_segment_check():
    pdb = obj("policy/v1", "PodDisruptionBudget", name="a%b", spec={"minAvailable": 1})
    assert messages(validate(pdb)) == ["metadata.name: Invalid value: \"a%b\": may not contain '%'"]


# -- rbac -------------------------------------------------------------------------------------------


def test_role_rules_need_verbs_groups_and_resources():
    role = obj("rbac.authorization.k8s.io/v1", "Role", rules=[{}])
    assert messages(validate(role)) == [
        "rules[0].verbs: Required value: verbs must contain at least one value",
        "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
        "rules[0].resources: Required value: resource rules must supply at least one resource",
    ]


def test_namespaced_rules_cannot_name_urls():
    role = obj("rbac.authorization.k8s.io/v1", "Role", rules=[{"verbs": ["get"], "nonResourceURLs": ["/healthz"]}])
    assert messages(validate(role)) == ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs']
    cr = obj("rbac.authorization.k8s.io/v1", "ClusterRole", namespaced=False, rules=[{"verbs": ["get"], "nonResourceURLs": ["/healthz"]}])
    assert validate(cr) == []


def test_role_binding_checks_and_immutable_role_ref():
    rb = obj("rbac.authorization.k8s.io/v1", "RoleBinding", roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "Deployment", "name": "r"},
             subjects=[{"kind": "Robot", "name": "x"}])
    assert messages(validate(rb)) == [
        'roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole"',
        'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]
    old = stored(obj("rbac.authorization.k8s.io/v1", "RoleBinding", roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "a"}))
    new = copy.deepcopy(old)
    new["roleRef"]["name"] = "b"
    assert messages(validate_update(new, old)) == [
        'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef'
    ]


# -- scheduling, storage, coordination, discovery ---------------------------------------------------


@pytest.mark.parametrize(
    "name, value, expected",
    [
        pytest.param("high", 1000, [], id="valid"),
        pytest.param("huge", 2_000_000_000, ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"], id="user defined value too high"),
        pytest.param("system-foo", 100, ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class"], id="reserved prefix"),
        pytest.param("system-node-critical", 2_000_001_000, [], id="system node critical"),
    ],
)
def test_validate_priority_class(name, value, expected):
    assert messages(validate(obj("scheduling.k8s.io/v1", "PriorityClass", namespaced=False, name=name, value=value))) == expected


def test_priority_class_value_is_immutable():
    old = stored(obj("scheduling.k8s.io/v1", "PriorityClass", namespaced=False, name="high", value=10))
    new = copy.deepcopy(old)
    new["value"] = 11
    assert messages(validate_update(new, old)) == ["value: Forbidden: may not be changed in an update."]


def test_storage_class_provisioner_required_and_immutable():
    sc = obj("storage.k8s.io/v1", "StorageClass", namespaced=False, name="fast", provisioner="")
    assert messages(validate(sc)) == ["provisioner: Required value"]
    old = stored(obj("storage.k8s.io/v1", "StorageClass", namespaced=False, name="fast", provisioner="a.io/x"))
    new = copy.deepcopy(old)
    new["provisioner"] = "b.io/y"
    assert messages(validate_update(new, old)) == ["provisioner: Forbidden: updates to provisioner are forbidden."]


def test_lease_duration_must_be_positive():
    lease = obj("coordination.k8s.io/v1", "Lease", spec={"leaseDurationSeconds": 0})
    assert messages(validate(lease)) == ["spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"]


def test_endpoint_slice_addresses():
    es = obj("discovery.k8s.io/v1", "EndpointSlice", addressType="IPv4", endpoints=[{"addresses": []}, {"addresses": ["fe80::1"]}],
             ports=[{"name": "http", "port": 80, "protocol": "TCP"}])
    assert messages(validate(es)) == [
        "endpoints[0].addresses: Required value: must contain at least 1 address",
        'endpoints[1].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address',
    ]


# -- dispatch ----------------------------------------------------------------------------------------


def test_every_served_kind_with_upstream_validation_is_dispatched():
    from kubelab.api import scheme

    served = {(r.group, r.kind) for r in scheme.RESOURCES}
    without = {("", "Binding"), ("authorization.k8s.io", "SelfSubjectAccessReview"), ("authorization.k8s.io", "SubjectAccessReview"),
               ("authentication.k8s.io", "SelfSubjectReview")}
    assert served - without <= set(validated_kinds())


def test_unknown_kinds_are_not_validated():
    assert validate({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {}}) == []


def test_binding_target_name_required():
    errs = validate({"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "p"}, "target": {"kind": "Node"}})
    assert [(e.type, e.field) for e in errs] == [(field.REQUIRED, "target.name")]


def test_ingress_class_parameters_scope():
    ic = obj("networking.k8s.io/v1", "IngressClass", namespaced=False,
             spec={"controller": "example.com/ingress", "parameters": {"kind": "Params", "name": "p", "scope": "Namespace"}})
    assert messages(validate(ic)) == ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"]
    ic["spec"]["parameters"] = {"kind": "", "name": "p", "scope": "Cluster", "namespace": "x"}
    assert messages(validate(ic)) == [
        "spec.parameters.kind: Required value: kind is required",
        "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
    ]
