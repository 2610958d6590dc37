"""Rows of the core/v1 kinds: nodes, services, endpoints, events, and the small ones."""

import pytest

from kubelab.apiserver.printers import core
from kubelab.apiserver.printers.common import GenerateOptions
from kubelab.engine import clock

NOW = 1000.0


def ago(seconds: float) -> str:
    return clock.rfc3339(NOW - seconds)


def opts(wide=False):
    return GenerateOptions(now=NOW, wide=wide)


def node(name, *, conditions=(), unschedulable=False, labels=None, addresses=(), info=None):
    return {"metadata": {"name": name, "labels": labels or {}},
            "spec": {"unschedulable": unschedulable} if unschedulable else {},
            "status": {"conditions": list(conditions), "addresses": list(addresses), "nodeInfo": info or {}}}


READY = {"type": "Ready", "status": "True"}
NOT_READY = {"type": "Ready", "status": "False"}


# TestPrintNodeStatus
@pytest.mark.parametrize(("n", "status"), [
    (node("foo1", conditions=[READY]), "Ready"),
    (node("foo2", conditions=[READY], unschedulable=True), "Ready,SchedulingDisabled"),
    (node("foo3", conditions=[READY, READY]), "Ready"),
    (node("foo4", conditions=[NOT_READY]), "NotReady"),
    (node("foo5", conditions=[NOT_READY], unschedulable=True), "NotReady,SchedulingDisabled"),
    (node("foo6", conditions=[{"type": "InvalidValue", "status": "True"}]), "Unknown"),
    (node("foo7"), "Unknown"),
    (node("foo8", conditions=[{"type": "InvalidValue", "status": "True"}], unschedulable=True),
     "Unknown,SchedulingDisabled"),
    (node("foo9", unschedulable=True), "Unknown,SchedulingDisabled"),
])
def test_print_node_status(n, status):
    assert core.print_node(n, opts())[0]["cells"][:2] == [n["metadata"]["name"], status]


# TestPrintNodeRole
@pytest.mark.parametrize(("labels", "roles"), [
    ({}, "<none>"),
    ({"node-role.kubernetes.io/fooRole": "true"}, "fooRole"),
    ({"node-role.kubernetes.io/bazRole": "true", "node-role.kubernetes.io/barRole": "true"}, "barRole,bazRole"),
    ({"node-role.kubernetes.io/": "true"}, "<none>"),
    ({"kubernetes.io/role": "master"}, "master"),
    ({"kubernetes.io/role": ""}, "<none>"),
    ({"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "control-plane"}, "control-plane"),
])
def test_print_node_role(labels, roles):
    assert core.print_node(node("n", labels=labels), opts())[0]["cells"][2] == roles


# TestPrintNodeInternalIP / TestPrintNodeExternalIP / OS image, kernel and runtime versions
@pytest.mark.parametrize(("addresses", "internal", "external"), [
    ([{"type": "InternalIP", "address": "1.1.1.1"}], "1.1.1.1", "<none>"),
    ([{"type": "ExternalIP", "address": "1.1.1.1"}], "<none>", "1.1.1.1"),
    ([{"type": "InternalIP", "address": "2.2.2.2"}, {"type": "ExternalIP", "address": "3.3.3.3"},
      {"type": "InternalIP", "address": "4.4.4.4"}], "2.2.2.2", "3.3.3.3"),
], ids=["foo1", "foo2", "foo3"])
def test_print_node_internal_and_external_ip(addresses, internal, external):
    row = core.print_node(node("foo", addresses=addresses), opts(wide=True))[0]["cells"]
    assert row == ["foo", "Unknown", "<none>", "<unknown>", "", internal, external, "<unknown>", "<unknown>",
                   "<unknown>"]


def test_print_node_wide_system_info():
    n = node("node-1", conditions=[READY], labels={"node-role.kubernetes.io/control-plane": ""},
             addresses=[{"type": "InternalIP", "address": "172.18.0.2"}],
             info={"kubeletVersion": "v1.34.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
                   "kernelVersion": "6.8.0", "containerRuntimeVersion": "containerd://2.1.3"})
    n["metadata"]["creationTimestamp"] = ago(3 * 3600 + 600)
    assert core.print_node(n, opts(wide=True))[0]["cells"] == [
        "node-1", "Ready", "control-plane", "3h10m", "v1.34.0", "172.18.0.2", "<none>",
        "Debian GNU/Linux 12 (bookworm)", "6.8.0", "containerd://2.1.3"]


def service(name, svc_type, cluster_ips=(), ports=(), ingress=(), external_ips=(), selector=None, **extra):
    spec = {"type": svc_type, "clusterIPs": list(cluster_ips), "ports": list(ports), **extra}
    if external_ips:
        spec["externalIPs"] = list(external_ips)
    if selector:
        spec["selector"] = selector
    return {"metadata": {"name": name}, "spec": spec, "status": {"loadBalancer": {"ingress": list(ingress)}}}


TCP80 = {"port": 80, "protocol": "TCP"}
LB_PORTS = [TCP80, {"port": 8090, "protocol": "UDP"}, {"port": 8000, "protocol": "TCP"}]
THREE_INGRESS = [{"ip": "2.3.4.5"}, {"ip": "3.4.5.6"}, {"ip": "5.6.7.8", "hostname": "host5678"}]


# TestPrintServiceLoadBalancer
@pytest.mark.parametrize(("svc", "wide", "expect"), [
    (service("service1", "LoadBalancer", ["1.2.3.4"], [TCP80], [{"ip": "2.3.4.5"}, {"ip": "3.4.5.6"}]), False,
     ["service1", "LoadBalancer", "1.2.3.4", "2.3.4.5,3.4.5.6", "80/TCP", "<unknown>"]),
    (service("service2", "LoadBalancer", ["1.3.4.5"], [*LB_PORTS[:2], {"port": 8000, "protocol": "TCP"},
                                                       {"port": 7777, "protocol": "SCTP"}]), False,
     ["service2", "LoadBalancer", "1.3.4.5", "<pending>", "80/TCP,8090/UDP,8000/TCP,7777/SCTP", "<unknown>"]),
    (service("service3", "LoadBalancer", ["1.4.5.6"], LB_PORTS, [{"ip": "2.3.4.5"}]), False,
     ["service3", "LoadBalancer", "1.4.5.6", "2.3.4.5", "80/TCP,8090/UDP,8000/TCP", "<unknown>"]),
    (service("service4", "LoadBalancer", ["1.5.6.7"], LB_PORTS, THREE_INGRESS), False,
     ["service4", "LoadBalancer", "1.5.6.7", "2.3.4.5,3.4.5...", "80/TCP,8090/UDP,8000/TCP", "<unknown>"]),
    (service("service4", "LoadBalancer", ["1.5.6.7"], LB_PORTS, THREE_INGRESS, selector={"foo": "bar"}), True,
     ["service4", "LoadBalancer", "1.5.6.7", "2.3.4.5,3.4.5.6,5.6.7.8", "80/TCP,8090/UDP,8000/TCP", "<unknown>",
      "foo=bar"]),
], ids=["multiple external IPs", "pending external IP", "multiple ports", "long list elided", "wide"])
def test_print_service_load_balancer(svc, wide, expect):
    assert core.print_service(svc, opts(wide))[0]["cells"] == expect


# TestPrintService
@pytest.mark.parametrize(("svc", "expect"), [
    (service("test1", "ClusterIP", ["10.9.8.7"], [{"port": 2233, "protocol": "TCP"}]),
     ["test1", "ClusterIP", "10.9.8.7", "<none>", "2233/TCP", "<unknown>"]),
    (service("test2", "NodePort", ["10.9.8.7"], [{"port": 8888, "nodePort": 9999, "protocol": "TCP"}]),
     ["test2", "NodePort", "10.9.8.7", "<none>", "8888:9999/TCP", "<unknown>"]),
    (service("test3", "LoadBalancer", ["10.9.8.7"], [{"port": 8888, "protocol": "TCP"}]),
     ["test3", "LoadBalancer", "10.9.8.7", "<pending>", "8888/TCP", "<unknown>"]),
    (service("test4", "LoadBalancer", ["10.9.8.7"], [{"port": 8888, "protocol": "TCP"}],
             external_ips=["80.11.12.10"]),
     ["test4", "LoadBalancer", "10.9.8.7", "80.11.12.10", "8888/TCP", "<unknown>"]),
    (service("test5", "LoadBalancer", ["10.9.8.7"], [{"port": 8888, "protocol": "TCP"}], [{"ip": "3.4.5.6"}],
             external_ips=["80.11.12.10"]),
     ["test5", "LoadBalancer", "10.9.8.7", "3.4.5.6,80.11.12.10", "8888/TCP", "<unknown>"]),
    (service("test6", "ExternalName", externalName="my.database.example.com"),
     ["test6", "ExternalName", "<none>", "my.database.example.com", "<none>", "<unknown>"]),
    (service("headless", "ClusterIP", ["None"], [{"port": 5432, "protocol": "TCP"}]),
     ["headless", "ClusterIP", "None", "<none>", "5432/TCP", "<unknown>"]),
    (service("single", "ClusterIP", (), [TCP80], clusterIP="10.96.0.1"),
     ["single", "ClusterIP", "10.96.0.1", "<none>", "80/TCP", "<unknown>"]),
])
def test_print_service(svc, expect):
    assert core.print_service(svc, opts())[0]["cells"] == expect


def endpoints(*subsets):
    return {"metadata": {"name": "web"}, "subsets": list(subsets)}


@pytest.mark.parametrize(("ep", "text"), [
    (endpoints(), "<none>"),
    (endpoints({"addresses": [{"ip": "10.244.0.5"}], "ports": [{"port": 80}]}), "10.244.0.5:80"),
    (endpoints({"addresses": [{"ip": f"10.0.0.{i}"} for i in range(1, 6)], "ports": [{"port": 8080}]}),
     "10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more..."),
    (endpoints({"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}]}), "10.0.0.1,10.0.0.2"),
    (endpoints({"addresses": [{"ip": "fd00::1"}], "ports": [{"port": 443}]}), "[fd00::1]:443"),
    (endpoints({"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}, {"port": 443}]}),
     "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more..."),
], ids=["no subsets", "one address", "more than three", "headless without ports", "ipv6", "two ports"])
def test_print_endpoints(ep, text):
    assert core.print_endpoints(ep, opts())[0]["cells"][1] == text


def test_small_core_kinds():
    created = {"creationTimestamp": ago(65)}
    assert core.print_namespace({"metadata": {"name": "default", **created}, "status": {"phase": "Active"}},
                                opts())[0]["cells"] == ["default", "Active", "65s"]
    assert core.print_secret({"metadata": {"name": "s", **created}, "type": "Opaque", "data": {"a": "", "b": ""}},
                             opts())[0]["cells"] == ["s", "Opaque", 2, "65s"]
    assert core.print_config_map({"metadata": {"name": "cm", **created}, "data": {"a": "1"},
                                  "binaryData": {"b": "AA=="}}, opts())[0]["cells"] == ["cm", 2, "65s"]
    assert core.print_service_account({"metadata": {"name": "default", **created}}, opts())[0]["cells"] == [
        "default", 0, "65s"]


def rc(desired=5, current=0, ready=0):
    status = {"replicas": current, "readyReplicas": ready} if current else {}
    return {"metadata": {"name": "rc1"},
            "spec": {"replicas": desired, "selector": {"a": "b"},
                     "template": {"metadata": {"labels": {"a": "b"}},
                                  "spec": {"containers": [{"name": "test", "image": "test_image"}]}}},
            "status": status}


# TestPrintReplicationController
@pytest.mark.parametrize(("obj", "wide", "expect"), [
    (rc(0), False, ["rc1", 0, 0, 0, "<unknown>"]),
    (rc(5, 3, 1), False, ["rc1", 5, 3, 1, "<unknown>"]),
    (rc(5, 3, 1), True, ["rc1", 5, 3, 1, "<unknown>", "test", "test_image", "a=b"]),
    ({"metadata": {"annotations": {"k8s.io/initial-events-end": "true"}}, "spec": {"replicas": 0}}, True,
     ["", 0, 0, 0, "<unknown>", "", "", "<none>"]),
], ids=["basic", "basic with replicas", "wide", "no panic"])
def test_print_replication_controller(obj, wide, expect):
    assert core.print_replication_controller(obj, opts(wide))[0]["cells"] == expect


def test_print_resource_quota():
    quota = {"metadata": {"name": "compute", "creationTimestamp": ago(120)},
             "status": {"hard": {"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2",
                                 "limits.memory": "2048Mi", "pods": "10"},
                        "used": {"requests.cpu": "500m", "requests.memory": "256Mi", "limits.cpu": "1", "pods": "3"}}}
    assert core.print_resource_quota(quota, opts())[0]["cells"] == [
        "compute", "pods: 3/10, requests.cpu: 500m/1, requests.memory: 256Mi/1Gi",
        "limits.cpu: 1/2, limits.memory: 0/2Gi", "2m"]


def event(**fields):
    base = {"metadata": {"name": "web.17f3a"}, "type": "Normal", "reason": "Scheduled",
            "involvedObject": {"kind": "Pod", "name": "web", "fieldPath": ""},
            "message": "Successfully assigned default/web to node-1\n", "source": {"component": "default-scheduler"}}
    base.update(fields)
    return base


# TestPrintEvent
@pytest.mark.parametrize(("ev", "wide", "expect"), [
    (event(firstTimestamp=ago(3 * 86400), lastTimestamp=ago(2 * 86400), count=6), False,
     ["2d", "Normal", "Scheduled", "pod/web", "Successfully assigned default/web to node-1"]),
    (event(firstTimestamp=ago(3 * 86400), lastTimestamp=ago(2 * 86400), count=6,
           source={"component": "kubelet", "host": "node-1"},
           involvedObject={"kind": "Pod", "name": "web", "fieldPath": "spec.containers{nginx}"}), True,
     ["2d", "Normal", "Scheduled", "pod/web", "spec.containers{nginx}", "kubelet, node-1",
      "Successfully assigned default/web to node-1", "3d", 6, "web.17f3a"]),
    (event(eventTime=clock.rfc3339_micro(NOW - 30), reportingComponent="default-scheduler",
           reportingInstance="default-scheduler-node-1", source={}), True,
     ["30s", "Normal", "Scheduled", "pod/web", "", "default-scheduler, default-scheduler-node-1",
      "Successfully assigned default/web to node-1", "30s", 1, "web.17f3a"]),
    (event(eventTime=clock.rfc3339_micro(NOW - 600), series={"count": 4, "lastObservedTime":
                                                             clock.rfc3339_micro(NOW - 5)}), True,
     ["5s", "Normal", "Scheduled", "pod/web", "", "default-scheduler",
      "Successfully assigned default/web to node-1", "10m", 4, "web.17f3a"]),
    (event(involvedObject={"kind": "Node"}), False,
     ["<unknown>", "Normal", "Scheduled", "node", "Successfully assigned default/web to node-1"]),
], ids=["basic", "wide", "new API without count", "series", "no object name"])
def test_print_event(ev, wide, expect):
    assert core.print_event(ev, opts(wide))[0]["cells"] == expect
