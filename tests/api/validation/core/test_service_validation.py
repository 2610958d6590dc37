"""Service validation (validation_test.go :: TestValidateServiceCreate, TestValidateServiceUpdate)."""

from __future__ import annotations

import copy

import pytest
from conftest import defaulted, messages

from kubelab.api import field
from kubelab.api.validation import validate, validate_update


def svc(**spec):
    s = {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": 8080}]}
    s.update(spec)
    out = defaulted({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"}, "spec": s})
    if out["spec"].get("type") != "ExternalName":
        out["spec"].setdefault("clusterIP", "10.96.0.10")
        out["spec"].setdefault("clusterIPs", [out["spec"]["clusterIP"]])
    return out


def test_default_service_is_valid():
    assert validate(svc()) == []


CASES = [
    pytest.param({"ports": []}, ["spec.ports: Required value"], id="missing ports"),
    pytest.param({"ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}, {"port": 81, "protocol": "TCP", "targetPort": 81}]},
                 ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"], id="missing port name when several"),
    pytest.param({"ports": [{"name": "p", "port": 65536, "protocol": "TCP", "targetPort": 80}]},
                 ["spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive"], id="invalid port"),
    pytest.param({"ports": [{"name": "p", "port": 80, "protocol": "INVALID", "targetPort": 80}]},
                 ['spec.ports[0].protocol: Unsupported value: "INVALID": supported values: "SCTP", "TCP", "UDP"'], id="invalid protocol"),
    pytest.param({"ports": [{"name": "p", "port": 80, "protocol": "TCP", "targetPort": 80}, {"name": "p", "port": 81, "protocol": "TCP", "targetPort": 81}]},
                 ['spec.ports[1].name: Duplicate value: "p"'], id="dup port name"),
    pytest.param({"ports": [{"name": "a", "port": 80, "protocol": "TCP", "targetPort": 80}, {"name": "b", "port": 80, "protocol": "TCP", "targetPort": 81}]},
                 ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
                 id="duplicate ports"),
    pytest.param({"ports": [{"name": "p", "port": 80, "protocol": "TCP", "targetPort": "http_"}]},
                 None, id="invalid target port name"),
    pytest.param({"ports": [{"name": "p", "port": 80, "protocol": "TCP", "targetPort": 80, "nodePort": 30000}]},
                 ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"], id="nodePort with clusterIP type"),
    pytest.param({"selector": {"app": "a b"}}, None, id="invalid selector value"),
    pytest.param({"sessionAffinity": "Sticky"}, ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'], id="invalid session affinity"),
    pytest.param({"type": "Whatever"}, None, id="invalid type"),
]


@pytest.mark.parametrize("spec, expected", CASES)
def test_validate_service(spec, expected):
    errs = validate(svc(**spec))
    if expected is None:
        assert errs
        assert all(e.type in (field.INVALID, field.NOT_SUPPORTED) for e in errs)
    else:
        assert messages(errs) == expected


def test_external_name_service():
    s = svc(type="ExternalName", externalName="example.com")
    assert validate(s) == []
    s["spec"]["externalName"] = ""
    assert messages(validate(s)) == ["spec.externalName: Required value"]


def test_headless_load_balancer_is_invalid():
    s = svc(type="LoadBalancer", clusterIP="None", clusterIPs=["None"])
    assert 'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services' in messages(validate(s))


def test_cluster_ip_must_match_cluster_ips():
    s = svc(clusterIP="10.96.0.10", clusterIPs=["10.96.0.11"])
    assert messages(validate(s)) == ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`']


def test_cluster_ip_may_not_change():
    old = svc()
    old["metadata"]["resourceVersion"] = "1"
    new = copy.deepcopy(old)
    new["spec"]["clusterIP"] = "10.96.0.11"
    new["spec"]["clusterIPs"] = ["10.96.0.11"]
    assert messages(validate_update(new, old)) == ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']


def test_client_ip_affinity_timeout_bounds():
    s = svc(sessionAffinity="ClientIP", sessionAffinityConfig={"clientIP": {"timeoutSeconds": 86401}})
    assert messages(validate(s)) == ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400"]


def test_external_ip_may_not_be_loopback():
    assert messages(validate(svc(externalIPs=["127.0.0.1"]))) == [
        'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'
    ]


def test_service_name_must_be_dns1035_label():
    s = svc()
    s["metadata"]["name"] = "1web"
    (err,) = validate(s)
    assert err.field == "metadata.name"
    assert err.detail.startswith("a DNS-1035 label must consist of lower case alphanumeric characters or '-'")


def test_releasing_secondary_cluster_ip_needs_single_stack():
    old = svc(clusterIP="10.96.0.10", clusterIPs=["10.96.0.10", "fd00::10"], ipFamilies=["IPv4", "IPv6"], ipFamilyPolicy="PreferDualStack")
    old["metadata"]["resourceVersion"] = "1"
    new = copy.deepcopy(old)
    new["spec"]["clusterIPs"] = ["10.96.0.10"]
    new["spec"]["ipFamilies"] = ["IPv4"]
    assert messages(validate_update(new, old)) == [
        "spec.ipFamilyPolicy: Invalid value: \"PreferDualStack\": must be set to 'SingleStack' when releasing the secondary clusterIP",
        "spec.ipFamilyPolicy: Invalid value: \"PreferDualStack\": must be set to 'SingleStack' when releasing the secondary ipFamily",
    ]


def test_load_balancer_status_only_for_load_balancers():
    from kubelab.api.validation import validate_status_update

    old = svc()
    old["metadata"]["resourceVersion"] = "1"
    new = copy.deepcopy(old)
    new["status"] = {"loadBalancer": {"ingress": [{"ip": "1.2.3.4", "ipMode": "VIP"}]}}
    assert messages(validate_status_update(new, old)) == ["status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'"]
