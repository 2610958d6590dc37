"""Rows of storage, networking, autoscaling, policy, scheduling, coordination and RBAC kinds."""

import pytest

from kubelab.apiserver.printers import autoscaling, cluster, networking, storage
from kubelab.apiserver.printers.common import GenerateOptions
from kubelab.engine import clock

NOW = 1000.0
SOON = clock.rfc3339(NOW + 1.9)
FIVE_MIN_AGO = clock.rfc3339(NOW - 300)
TEN_YEARS_AGO = clock.rfc3339(NOW - 10 * 365 * 86400)


def opts(wide=False):
    return GenerateOptions(now=NOW, wide=wide)


CLAIM = {"name": "test", "namespace": "default"}


def pv(name, modes, size, phase, scn="", vacn=None):
    spec = {"claimRef": CLAIM, "accessModes": modes, "capacity": {"storage": size}}
    if scn:
        spec["storageClassName"] = scn
    if vacn:
        spec["volumeAttributesClassName"] = vacn
    return {"metadata": {"name": name}, "spec": spec, "status": {"phase": phase}}


# TestPrintPersistentVolume
@pytest.mark.parametrize(("obj", "expect"), [
    (pv("test1", ["ReadOnlyMany"], "4Gi", "Bound"),
     ["test1", "4Gi", "ROX", "", "Bound", "default/test", "", "<unset>", "", "<unknown>", "<unset>"]),
    (pv("test2", ["ReadOnlyMany"], "4Gi", "Failed"),
     ["test2", "4Gi", "ROX", "", "Failed", "default/test", "", "<unset>", "", "<unknown>", "<unset>"]),
    (pv("test3", ["ReadWriteMany"], "10Gi", "Pending"),
     ["test3", "10Gi", "RWX", "", "Pending", "default/test", "", "<unset>", "", "<unknown>", "<unset>"]),
    (pv("test4", ["ReadWriteOnce"], "10Gi", "Pending", "my-scn"),
     ["test4", "10Gi", "RWO", "", "Pending", "default/test", "my-scn", "<unset>", "", "<unknown>", "<unset>"]),
    (pv("test4", ["ReadWriteOnce"], "10Gi", "Pending", "my-scn", "my-vacn"),
     ["test4", "10Gi", "RWO", "", "Pending", "default/test", "my-scn", "my-vacn", "", "<unknown>", "<unset>"]),
    (pv("test5", ["ReadWriteOnce"], "10Gi", "Available", "my-scn"),
     ["test5", "10Gi", "RWO", "", "Available", "default/test", "my-scn", "<unset>", "", "<unknown>", "<unset>"]),
    (pv("test6", ["ReadWriteOnce"], "10Gi", "Released", "my-scn"),
     ["test6", "10Gi", "RWO", "", "Released", "default/test", "my-scn", "<unset>", "", "<unknown>", "<unset>"]),
], ids=["bound", "failed", "pending", "pending, storageClass", "pending, volumeAttributesClass", "available",
        "released"])
def test_print_persistent_volume(obj, expect):
    assert storage.print_persistent_volume(obj, opts())[0]["cells"] == expect


def test_persistent_volume_details():
    v = pv("pv0", ["ReadWriteOncePod", "ReadWriteOnce", "ReadWriteOnce"], "1024Mi", "Bound")
    v["metadata"].update(deletionTimestamp=SOON, annotations={"volume.beta.kubernetes.io/storage-class": "beta"})
    v["spec"].update(persistentVolumeReclaimPolicy="Retain", volumeMode="Block")
    assert storage.print_persistent_volume(v, opts())[0]["cells"] == [
        "pv0", "1Gi", "RWO,RWOP", "Retain", "Terminating", "default/test", "beta", "<unset>", "", "<unknown>", "Block"]


def pvc(name, phase, modes, size, volume="my-volume", scn=None, vacn=None, mode="Filesystem"):
    spec = {"volumeName": volume} if volume else {}
    if scn:
        spec["storageClassName"] = scn
    if vacn:
        spec["volumeAttributesClassName"] = vacn
    if mode:
        spec["volumeMode"] = mode
    return {"metadata": {"name": name}, "spec": spec,
            "status": {"phase": phase, "accessModes": modes, "capacity": {"storage": size}}}


# TestPrintPersistentVolumeClaim
@pytest.mark.parametrize(("obj", "expect"), [
    (pvc("test1", "Bound", ["ReadOnlyMany"], "4Gi"),
     ["test1", "Bound", "my-volume", "4Gi", "ROX", "", "<unset>", "<unknown>", "Filesystem"]),
    (pvc("test2", "Lost", ["ReadOnlyMany"], "4Gi", volume=""),
     ["test2", "Lost", "", "", "", "", "<unset>", "<unknown>", "Filesystem"]),
    (pvc("test3", "Pending", ["ReadWriteMany"], "10Gi"),
     ["test3", "Pending", "my-volume", "10Gi", "RWX", "", "<unset>", "<unknown>", "Filesystem"]),
    (pvc("test4", "Pending", ["ReadWriteOnce"], "10Gi", scn="my-scn"),
     ["test4", "Pending", "my-volume", "10Gi", "RWO", "my-scn", "<unset>", "<unknown>", "Filesystem"]),
    (pvc("test5", "Pending", ["ReadWriteOnce"], "10Gi", scn="my-scn", mode=None),
     ["test5", "Pending", "my-volume", "10Gi", "RWO", "my-scn", "<unset>", "<unknown>", "<unset>"]),
    (pvc("test5", "Pending", ["ReadWriteOnce"], "10Gi", scn="my-scn", vacn="my-vacn", mode=None),
     ["test5", "Pending", "my-volume", "10Gi", "RWO", "my-scn", "my-vacn", "<unknown>", "<unset>"]),
], ids=["bound", "lost", "pending", "storage class", "no volume mode", "volume attributes class"])
def test_print_persistent_volume_claim(obj, expect):
    assert storage.print_persistent_volume_claim(obj, opts())[0]["cells"] == expect


# TestPrintStorageClass
@pytest.mark.parametrize(("sc", "expect"), [
    ({"metadata": {"name": "sc1", "creationTimestamp": SOON}, "provisioner": "kubernetes.io/glusterfs"},
     ["sc1", "kubernetes.io/glusterfs", "Delete", "Immediate", False, "0s"]),
    ({"metadata": {"name": "sc2", "creationTimestamp": FIVE_MIN_AGO}, "provisioner": "kubernetes.io/nfs"},
     ["sc2", "kubernetes.io/nfs", "Delete", "Immediate", False, "5m"]),
    ({"metadata": {"name": "sc3", "creationTimestamp": FIVE_MIN_AGO}, "provisioner": "kubernetes.io/nfs",
      "reclaimPolicy": "Delete"}, ["sc3", "kubernetes.io/nfs", "Delete", "Immediate", False, "5m"]),
    ({"metadata": {"name": "sc4", "creationTimestamp": FIVE_MIN_AGO}, "provisioner": "kubernetes.io/nfs",
      "reclaimPolicy": "Retain", "volumeBindingMode": "Immediate"},
     ["sc4", "kubernetes.io/nfs", "Retain", "Immediate", False, "5m"]),
    ({"metadata": {"name": "sc5", "creationTimestamp": FIVE_MIN_AGO}, "provisioner": "kubernetes.io/nfs",
      "reclaimPolicy": "Retain", "volumeBindingMode": "WaitForFirstConsumer"},
     ["sc5", "kubernetes.io/nfs", "Retain", "WaitForFirstConsumer", False, "5m"]),
    ({"metadata": {"name": "sc6", "creationTimestamp": FIVE_MIN_AGO}, "provisioner": "kubernetes.io/nfs",
      "reclaimPolicy": "Retain", "allowVolumeExpansion": True, "volumeBindingMode": "WaitForFirstConsumer"},
     ["sc6", "kubernetes.io/nfs", "Retain", "WaitForFirstConsumer", True, "5m"]),
    ({"metadata": {"name": "standard", "creationTimestamp": FIVE_MIN_AGO,
                   "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
      "provisioner": "rancher.io/local-path"},
     ["standard (default)", "rancher.io/local-path", "Delete", "Immediate", False, "5m"]),
], ids=["sc1", "sc2", "sc3", "sc4", "sc5", "sc6", "default class"])
def test_print_storage_class(sc, expect):
    assert storage.print_storage_class(sc, opts())[0]["cells"] == expect


# TestPrintIngress
def test_print_ingress():
    ing = {"metadata": {"name": "test1", "creationTimestamp": TEN_YEARS_AGO},
           "spec": {"ingressClassName": "foo", "defaultBackend": {"service": {
               "name": "default-backend", "port": {"name": "default-backend", "number": 80}}}},
           "status": {"loadBalancer": {"ingress": [{"ip": "2.3.4.5", "hostname": "localhost.localdomain"}]}}}
    assert networking.print_ingress(ing, opts())[0]["cells"] == ["test1", "foo", "*", "2.3.4.5", "80", "10y"]


@pytest.mark.parametrize(("rules", "tls", "hosts", "ports"), [
    ([{"host": "a.example.com"}], [{"hosts": ["a.example.com"]}], "a.example.com", "80, 443"),
    ([{"host": f"h{i}.example.com"} for i in range(5)], None,
     "h0.example.com,h1.example.com,h2.example.com + 2 more...", "80"),
    ([{}, {"host": "b.example.com"}], None, "b.example.com", "80"),
])
def test_ingress_hosts_and_ports(rules, tls, hosts, ports):
    ing = {"metadata": {"name": "web"}, "spec": {"rules": rules, "tls": tls}}
    assert networking.print_ingress(ing, opts())[0]["cells"][1:5] == ["<none>", hosts, "", ports]


# TestPrintIngressClass
@pytest.mark.parametrize(("params", "name", "created", "expect"), [
    ({"kind": "customgroup", "name": "example"}, "test1", TEN_YEARS_AGO, "customgroup/example"),
    ({"apiGroup": "example.com", "kind": "customgroup", "name": "example"}, "test1", TEN_YEARS_AGO,
     "customgroup.example.com/example"),
    (None, "test2", clock.rfc3339(NOW - 11 * 365 * 86400), "<none>"),
], ids=["example with params", "example with params + API Group", "example without params"])
def test_print_ingress_class(params, name, created, expect):
    spec = {"controller": "example.com/controller" if params else "example.com/controller2"}
    if params:
        spec["parameters"] = params
    ic = {"metadata": {"name": name, "creationTimestamp": created}, "spec": spec}
    age = "10y" if params else "11y"
    assert networking.print_ingress_class(ic, opts())[0]["cells"] == [name, spec["controller"], expect, age]


# TestPrintNetworkPolicy
@pytest.mark.parametrize(("spec", "selector"), [({}, "<none>"), ({"podSelector": {"matchLabels": {"foo": "bar"}}},
                                                                  "foo=bar")], ids=["policy1", "policy2"])
def test_print_network_policy(spec, selector):
    np = {"metadata": {"name": "policy", "creationTimestamp": SOON}, "spec": spec}
    assert networking.print_network_policy(np, opts())[0]["cells"] == ["policy", selector, "0s"]


# TestPrintEndpointSlice
@pytest.mark.parametrize(("ports", "endpoints", "expect_ports", "expect_endpoints"), [
    ([{"port": 80}], [{"addresses": ["10.1.2.3", "2001:db8::1234:5678"]}], "80", "10.1.2.3,2001:db8::1234:5678"),
    ([{"port": 80}, {"port": 443}], [{"addresses": ["10.1.2.3"]}, {"addresses": ["10.1.2.4"]}], "80,443",
     "10.1.2.3,10.1.2.4"),
    ([{"port": 80}, {"name": "https"}, {}, {"port": 9090}], [{"addresses": [f"10.0.0.{i}"]} for i in range(5)],
     "80,https,* + 1 more...", "10.0.0.0,10.0.0.1,10.0.0.2 + 2 more..."),
    ([], [], "<unset>", "<unset>"),
])
def test_print_endpoint_slice(ports, endpoints, expect_ports, expect_endpoints):
    eps = {"metadata": {"name": "web-abc12", "creationTimestamp": FIVE_MIN_AGO}, "addressType": "IPv4",
           "ports": ports, "endpoints": endpoints}
    assert networking.print_endpoint_slice(eps, opts())[0]["cells"] == [
        "web-abc12", "IPv4", expect_ports, expect_endpoints, "5m"]


def binding(kind="RoleBinding"):
    return {"kind": kind, "metadata": {"name": "binding2", "creationTimestamp": SOON},
            "subjects": [{"kind": "User", "name": "user-name"}, {"kind": "Group", "name": "group-name"},
                         {"kind": "ServiceAccount", "name": "service-account-name",
                          "namespace": "service-account-namespace"}],
            "roleRef": {"kind": "Role", "name": "role-name"}}


# TestPrintRoleBinding and TestPrintClusterRoleBinding
@pytest.mark.parametrize("printer", [cluster.print_role_binding, cluster.print_cluster_role_binding])
@pytest.mark.parametrize(("wide", "expect"), [
    (False, ["binding2", "Role/role-name", "0s"]),
    (True, ["binding2", "Role/role-name", "0s", "user-name", "group-name",
            "service-account-namespace/service-account-name"]),
], ids=["basic", "wide"])
def test_print_role_binding(printer, wide, expect):
    assert printer(binding(), opts(wide))[0]["cells"] == expect


# TestPrintLease
@pytest.mark.parametrize(("created", "holder", "expect"), [
    (SOON, "holder1", ["lease1", "holder1", "0s"]), (FIVE_MIN_AGO, "holder2", ["lease1", "holder2", "5m"]),
    (FIVE_MIN_AGO, None, ["lease1", "", "5m"])])
def test_print_lease(created, holder, expect):
    lease = {"metadata": {"name": "lease1", "creationTimestamp": created},
             "spec": {} if holder is None else {"holderIdentity": holder}}
    assert cluster.print_lease(lease, opts())[0]["cells"] == expect


# TestPrintPriorityClass
@pytest.mark.parametrize(("pc", "wide", "expect"), [
    ({"metadata": {"name": "pc1", "creationTimestamp": SOON}, "value": 1, "preemptionPolicy": "Never"}, False,
     ["pc1", 1, False, "0s"]),
    ({"metadata": {"name": "pc2", "creationTimestamp": FIVE_MIN_AGO}, "value": 1000000000, "globalDefault": True,
      "preemptionPolicy": "PreemptLowerPriority"}, False, ["pc2", 1000000000, True, "5m"]),
    ({"metadata": {"name": "pc2", "creationTimestamp": FIVE_MIN_AGO}, "value": 1000000000, "globalDefault": True,
      "preemptionPolicy": "PreemptLowerPriority"}, True, ["pc2", 1000000000, True, "5m", "PreemptLowerPriority"]),
    ({"metadata": {"name": "pc3", "creationTimestamp": FIVE_MIN_AGO}, "value": 5}, True, ["pc3", 5, False, "5m", ""]),
], ids=["PreemptNever policy", "PreemptLowerPriority policy", "PreemptLowerPriority policy and wide output",
        "without set PreemptLowerPriority policy"])
def test_print_priority_class(pc, wide, expect):
    assert cluster.print_priority_class(pc, opts(wide))[0]["cells"] == expect


# TestPrintPodDisruptionBudget
@pytest.mark.parametrize(("spec", "expect"), [
    ({"minAvailable": 22}, ["pdb1", "22", "N/A", 5, "0s"]),
    ({"maxUnavailable": 11}, ["pdb1", "N/A", "11", 5, "0s"]),
    ({"minAvailable": "50%"}, ["pdb1", "50%", "N/A", 5, "0s"]),
])
def test_print_pod_disruption_budget(spec, expect):
    pdb = {"metadata": {"name": "pdb1", "creationTimestamp": SOON}, "spec": spec,
           "status": {"disruptionsAllowed": 5}}
    assert cluster.print_pod_disruption_budget(pdb, opts())[0]["cells"] == expect


def hpa(metrics=None, current=None, min_replicas=2):
    spec = {"scaleTargetRef": {"name": "some-rc", "kind": "ReplicationController"}, "maxReplicas": 10}
    if min_replicas is not None:
        spec["minReplicas"] = min_replicas
    if metrics is not None:
        spec["metrics"] = metrics
    status = {"currentReplicas": 4, "desiredReplicas": 5}
    if current is not None:
        status["currentMetrics"] = current
    return {"metadata": {"name": "some-hpa"}, "spec": spec, "status": status}


def external(target, current=None, avg=True):
    key = "averageValue" if avg else "value"
    spec = [{"type": "External", "external": {"metric": {"name": "some-external-metric"},
                                              "target": {"type": "AverageValue" if avg else "Value", key: target}}}]
    status = None if current is None else [{"type": "External", "external": {"current": {key: current}}}]
    return spec, status


RESOURCE_CPU = [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                           "averageUtilization": 80}}}]
CURRENT_CPU = [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 50}}}]


# TestPrintHPA
@pytest.mark.parametrize(("obj", "targets", "min_pods"), [
    (hpa(min_replicas=None), "<none>", "<unset>"),
    (hpa(*external("100m")), "<unknown>/100m (avg)", "2"),
    (hpa(*external("100m", "50m")), "50m/100m (avg)", "2"),
    (hpa(*external("100m", avg=False)), "<unknown>/100m", "2"),
    (hpa(*external("100m", "50m", avg=False)), "50m/100m", "2"),
    (hpa([{"type": "Pods", "pods": {"target": {"type": "AverageValue", "averageValue": "100m"}}}]),
     "<unknown>/100m", "2"),
    (hpa([{"type": "Pods", "pods": {"target": {"type": "AverageValue", "averageValue": "100m"}}}],
         [{"type": "Pods", "pods": {"current": {"averageValue": "50m"}}}]), "50m/100m", "2"),
    (hpa([{"type": "Object", "object": {"target": {"type": "Value", "value": "100m"}}}]), "<unknown>/100m", "2"),
    (hpa([{"type": "Object", "object": {"target": {"type": "Value", "value": "100m"}}}],
         [{"type": "Object", "object": {"current": {"value": "50m"}}}]), "50m/100m", "2"),
    (hpa(RESOURCE_CPU), "cpu: <unknown>/80%", "2"),
    (hpa(RESOURCE_CPU, CURRENT_CPU), "cpu: 50%/80%", "2"),
    (hpa([{"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue",
                                                                        "averageValue": "100Mi"}}}],
         [{"type": "Resource", "resource": {"current": {"averageValue": "50Mi"}}}]), "memory: 50Mi/100Mi", "2"),
    (hpa([{"type": "ContainerResource", "containerResource": {"name": "cpu", "container": "app", "target": {
        "type": "Utilization"}}}]), "cpu: <unknown>/<auto>", "2"),
    (hpa(RESOURCE_CPU * 2 + [{"type": "Pods", "pods": {"target": {"averageValue": "1"}}}], CURRENT_CPU),
     "cpu: 50%/80%, cpu: <unknown>/80% + 1 more...", "2"),
    (hpa([{"type": "Mystery"}]), "<unknown type>", "2"),
], ids=["minReplicas unset", "external average value (no current)", "external average value",
        "external value (no current)", "external value", "pods (no current)", "pods", "object (no current)",
        "object", "resource utilization (no current)", "resource utilization", "resource average value",
        "container resource", "more than two metrics", "unknown type"])
def test_print_hpa(obj, targets, min_pods):
    assert autoscaling.print_horizontal_pod_autoscaler(obj, opts())[0]["cells"] == [
        "some-hpa", "ReplicationController/some-rc", targets, min_pods, 10, 4, "<unknown>"]


def test_autoscaling_v1_hpa_is_read_as_its_v2_equivalent():
    obj = {"apiVersion": "autoscaling/v1", "metadata": {"name": "web", "creationTimestamp": FIVE_MIN_AGO},
           "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5,
                    "targetCPUUtilizationPercentage": 60},
           "status": {"currentReplicas": 2, "currentCPUUtilizationPercentage": 35}}
    assert autoscaling.print_horizontal_pod_autoscaler(obj, opts())[0]["cells"] == [
        "web", "Deployment/web", "cpu: 35%/60%", "1", 5, 2, "5m"]
