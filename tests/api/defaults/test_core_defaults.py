"""core/v1 objects come back from the API server with upstream's v1.34 defaults filled in."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api.defaults import parsers, set_object_defaults


def pod(spec: dict | None = None, **extra) -> dict:
    obj = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
           "spec": spec if spec is not None else {"containers": [{"name": "c", "image": "nginx:1.25"}]}}
    obj.update(extra)
    return obj


def defaulted(obj: dict) -> dict:
    set_object_defaults(obj)
    return obj


def test_empty_pod_gets_every_pod_spec_default():
    spec = defaulted(pod())["spec"]
    assert spec["restartPolicy"] == "Always"
    assert spec["terminationGracePeriodSeconds"] == 30
    assert spec["dnsPolicy"] == "ClusterFirst"
    assert spec["schedulerName"] == "default-scheduler"
    assert spec["securityContext"] == {}
    assert spec["enableServiceLinks"] is True
    c = spec["containers"][0]
    assert c["imagePullPolicy"] == "IfNotPresent"
    assert c["terminationMessagePath"] == "/dev/termination-log"
    assert c["terminationMessagePolicy"] == "File"


def test_pod_without_spec_is_still_defaulted_like_go_zero_value():
    obj = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}
    assert defaulted(obj)["spec"]["restartPolicy"] == "Always"


@pytest.mark.parametrize(("image", "policy"), [
    ("nginx", "Always"),
    ("nginx:latest", "Always"),
    ("localhost:5000/nginx", "Always"),
    ("registry.k8s.io/pause:3.10", "IfNotPresent"),
    ("nginx@sha256:" + "a" * 64, "IfNotPresent"),
    ("nginx:latest@sha256:" + "a" * 64, "Always"),
    ("NGINX", "IfNotPresent"),  # invalid reference: no tag found
    ("", "IfNotPresent"),
], ids=["no tag", "latest", "registry with port, no tag", "pinned tag", "digest only",
        "latest with digest", "invalid", "empty"])
def test_set_default_container_image_pull_policy(image, policy):
    obj = defaulted(pod({"containers": [{"name": "c", "image": image}]}))
    assert obj["spec"]["containers"][0]["imagePullPolicy"] == policy


def test_explicit_values_are_never_overwritten():
    spec = {"restartPolicy": "Never", "dnsPolicy": "Default", "terminationGracePeriodSeconds": 0,
            "schedulerName": "mine", "securityContext": {"runAsUser": 1}, "enableServiceLinks": False,
            "containers": [{"name": "c", "image": "nginx", "imagePullPolicy": "Never",
                            "terminationMessagePath": "/x", "terminationMessagePolicy": "FallbackToLogsOnError"}]}
    before = copy.deepcopy(spec)
    after = defaulted(pod(spec))["spec"]
    for key, value in before.items():
        assert after[key] == value


@pytest.mark.parametrize(("probe", "expected"), [
    ({}, {"timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}),
    ({"timeoutSeconds": 5, "failureThreshold": 1},
     {"timeoutSeconds": 5, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 1}),
    ({"httpGet": {"port": 8080}}, {"httpGet": {"port": 8080, "path": "/", "scheme": "HTTP"}}),
    ({"grpc": {"port": 9000}}, {"grpc": {"port": 9000, "service": ""}}),
], ids=["TestSetDefaultProbe", "explicit thresholds kept", "httpGet path and scheme", "grpc service"])
def test_set_default_probe(probe, expected):
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x", "livenessProbe": probe,
                                         "readinessProbe": copy.deepcopy(probe)}]}))
    for key in ("livenessProbe", "readinessProbe"):
        got = obj["spec"]["containers"][0][key]
        assert {k: got[k] for k in expected} == expected


def test_lifecycle_http_get_handlers_get_path_and_scheme():
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x", "lifecycle": {
        "preStop": {"httpGet": {"port": 80}}, "postStart": {"exec": {"command": ["true"]}}}}]}))
    lifecycle = obj["spec"]["containers"][0]["lifecycle"]
    assert lifecycle["preStop"]["httpGet"] == {"port": 80, "path": "/", "scheme": "HTTP"}
    assert lifecycle["postStart"] == {"exec": {"command": ["true"]}}


def test_container_ports_default_to_tcp_and_env_field_refs_to_v1():
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 80}],
                                         "env": [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}]}))
    c = obj["spec"]["containers"][0]
    assert c["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert c["env"][0]["valueFrom"]["fieldRef"] == {"fieldPath": "metadata.name", "apiVersion": "v1"}


@pytest.mark.parametrize(("volume", "expected"), [
    ({"name": "v"}, {"name": "v", "emptyDir": {}}),
    ({"name": "v", "secret": {"secretName": "s"}}, {"name": "v", "secret": {"secretName": "s", "defaultMode": 420}}),
    ({"name": "v", "configMap": {"name": "c"}}, {"name": "v", "configMap": {"name": "c", "defaultMode": 420}}),
    ({"name": "v", "configMap": {"name": "c", "defaultMode": 256}},
     {"name": "v", "configMap": {"name": "c", "defaultMode": 256}}),
    ({"name": "v", "downwardAPI": {"items": [{"path": "n", "fieldRef": {"fieldPath": "metadata.name"}}]}},
     {"name": "v", "downwardAPI": {"defaultMode": 420, "items": [
         {"path": "n", "fieldRef": {"fieldPath": "metadata.name", "apiVersion": "v1"}}]}}),
    ({"name": "v", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}},
     {"name": "v", "projected": {"defaultMode": 420, "sources": [
         {"serviceAccountToken": {"path": "t", "expirationSeconds": 3600}}]}}),
    ({"name": "v", "hostPath": {"path": "/d"}}, {"name": "v", "hostPath": {"path": "/d", "type": ""}}),
    ({"name": "v", "iscsi": {"targetPortal": "t", "iqn": "i", "lun": 0}},
     {"name": "v", "iscsi": {"targetPortal": "t", "iqn": "i", "lun": 0, "iscsiInterface": "default"}}),
    ({"name": "v", "rbd": {"monitors": ["m"], "image": "i"}},
     {"name": "v", "rbd": {"monitors": ["m"], "image": "i", "pool": "rbd", "user": "admin",
                           "keyring": "/etc/ceph/keyring"}}),
    ({"name": "v", "ephemeral": {"volumeClaimTemplate": {"spec": {"resources": {"requests": {"storage": "1Gi"}}}}}},
     {"name": "v", "ephemeral": {"volumeClaimTemplate": {"spec": {
         "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"}}}}),
], ids=["TestSetDefaults_Volume emptyDir", "TestSetDefaultSecretVolumeSource",
        "TestSetDefaultConfigMapVolumeSource", "explicit defaultMode kept",
        "TestSetDefaultDownwardAPIVolumeSource", "TestSetDefaultProjectedVolumeSource",
        "TestSetDefaultHostPathVolumeSource", "iscsi interface", "rbd pool user keyring",
        "TestSetDefaultEphemeral"])
def test_volume_defaults(volume, expected):
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x"}], "volumes": [volume]}))
    assert obj["spec"]["volumes"][0] == expected


def test_set_default_requests_pod_copies_limits_into_missing_requests():
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x", "resources": {
        "limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "100m"}}}],
        "initContainers": [{"name": "i", "image": "x", "resources": {"limits": {"cpu": "0.5"}}}]}))
    assert obj["spec"]["containers"][0]["resources"]["requests"] == {"cpu": "100m", "memory": "1Gi"}
    assert obj["spec"]["initContainers"][0]["resources"]["requests"] == {"cpu": "500m"}


def test_default_request_is_not_set_for_replication_controller():
    rc = {"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "r"},
          "spec": {"template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [
              {"name": "c", "image": "x", "resources": {"limits": {"cpu": "1"}}}]}}}}
    res = defaulted(rc)["spec"]["template"]["spec"]["containers"][0]["resources"]
    assert "requests" not in res
    assert "enableServiceLinks" not in rc["spec"]["template"]["spec"]


def test_empty_resources_stay_empty():
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x", "resources": {"limits": {}}}]}))
    assert obj["spec"]["containers"][0]["resources"] == {"limits": {}}


@pytest.mark.parametrize(("given", "stored"), [
    ("0.5", "500m"), ("0.0001", "1m"), ("1.5Gi", "1536Mi"), ("100m", "100m"), (2, "2"), ("1e3", "1e3"),
], ids=["decimal to milli", "rounded up to milli", "binary canonical", "already canonical", "number", "exponent"])
def test_set_defaults_resource_list_rounds_up_to_milli(given, stored):
    obj = defaulted(pod({"containers": [{"name": "c", "image": "x", "resources": {"requests": {"cpu": given}}}]}))
    assert obj["spec"]["containers"][0]["resources"]["requests"]["cpu"] == stored


def test_set_default_pod_spec_host_network_defaults_host_ports():
    obj = defaulted(pod({"hostNetwork": True, "containers": [{"name": "c", "image": "x", "ports": [
        {"containerPort": 8080}, {"containerPort": 9090, "hostPort": 9090}]}]}))
    assert [p["hostPort"] for p in obj["spec"]["containers"][0]["ports"]] == [8080, 9090]


def test_pod_level_resources_requests_default_from_containers_then_limits():
    obj = defaulted(pod({"resources": {"limits": {"cpu": "2", "memory": "2Gi"}}, "containers": [
        {"name": "a", "image": "x", "resources": {"requests": {"cpu": "500m"}}},
        {"name": "b", "image": "x", "resources": {"requests": {"cpu": "250m"}}}]}))
    assert obj["spec"]["resources"]["requests"] == {"cpu": "750m", "memory": "2Gi"}


def test_pod_level_requests_count_sidecars_and_the_largest_init_container():
    obj = defaulted(pod({"resources": {"limits": {"cpu": "4"}},
                         "initContainers": [
                             {"name": "side", "image": "x", "restartPolicy": "Always",
                              "resources": {"requests": {"cpu": "1"}}},
                             {"name": "init", "image": "x", "resources": {"requests": {"cpu": "3"}}}],
                         "containers": [{"name": "a", "image": "x", "resources": {"requests": {"cpu": "1"}}}]}))
    # init phase needs 3 + 1 (sidecar running) = 4 > regular 1 + sidecar 1
    assert obj["spec"]["resources"]["requests"] == {"cpu": "4"}


def test_set_default_huge_page_pod_limit_from_containers():
    obj = defaulted(pod({"resources": {"requests": {"cpu": "1"}}, "containers": [
        {"name": "a", "image": "x", "resources": {"limits": {"hugepages-2Mi": "4Mi"}}},
        {"name": "b", "image": "x", "resources": {"limits": {"hugepages-2Mi": "2Mi"}}}]}))
    assert obj["spec"]["resources"]["limits"] == {"hugepages-2Mi": "6Mi"}


def test_status_resources_are_rounded():
    obj = defaulted(pod(status={"containerStatuses": [{"name": "c", "allocatedResources": {"cpu": "0.25"},
                                                       "resources": {"limits": {"cpu": "0.5"}}}]}))
    cs = obj["status"]["containerStatuses"][0]
    assert cs["allocatedResources"] == {"cpu": "250m"}
    assert cs["resources"]["limits"] == {"cpu": "500m"}


def service(spec: dict, status: dict | None = None) -> dict:
    obj = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": spec}
    if status is not None:
        obj["status"] = status
    return defaulted(obj)


@pytest.mark.parametrize(("spec", "expected"), [
    ({"ports": [{"port": 80}]},
     {"type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}]}),
    ({"type": "NodePort", "ports": [{"port": 80, "targetPort": "http"}]},
     {"type": "NodePort", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      "externalTrafficPolicy": "Cluster", "ports": [{"port": 80, "protocol": "TCP", "targetPort": "http"}]}),
    ({"type": "LoadBalancer", "ports": [{"port": 443, "targetPort": 0}]},
     {"type": "LoadBalancer", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      "externalTrafficPolicy": "Cluster", "allocateLoadBalancerNodePorts": True,
      "ports": [{"port": 443, "protocol": "TCP", "targetPort": 443}]}),
    ({"type": "ClusterIP", "externalIPs": ["1.2.3.4"]},
     {"type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      "externalTrafficPolicy": "Cluster", "externalIPs": ["1.2.3.4"]}),
    ({"type": "ExternalName", "externalName": "example.com"},
     {"type": "ExternalName", "sessionAffinity": "None", "externalName": "example.com"}),
    ({"sessionAffinity": "ClientIP"},
     {"type": "ClusterIP", "sessionAffinity": "ClientIP", "internalTrafficPolicy": "Cluster",
      "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}}),
    ({"sessionAffinity": "None", "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 5}}},
     {"type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster"}),
], ids=["TestSetDefaultService", "TestSetDefaultServiceTargetPort named port, NodePort",
        "LoadBalancer allocates node ports", "externalIPs make ClusterIP externally accessible",
        "ExternalName gets no traffic policies", "TestSetDefaultServiceSessionAffinityConfig",
        "affinity None clears config"])
def test_set_default_service(spec, expected):
    assert service(spec)["spec"] == expected


def test_set_defaults_service_loadbalancer_ip_mode():
    obj = service({"type": "LoadBalancer"}, {"loadBalancer": {"ingress": [{"ip": "1.1.1.1"}, {"hostname": "h"}]}})
    assert obj["status"]["loadBalancer"]["ingress"] == [{"ip": "1.1.1.1", "ipMode": "VIP"}, {"hostname": "h"}]


def test_set_default_replication_controller_replicas_selector_and_labels():
    rc = defaulted({"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "r"},
                    "spec": {"template": {"metadata": {"labels": {"app": "a"}},
                                          "spec": {"containers": [{"name": "c", "image": "x"}]}}}})
    assert rc["spec"]["replicas"] == 1
    assert rc["spec"]["selector"] == {"app": "a"}
    assert rc["metadata"]["labels"] == {"app": "a"}
    assert rc["spec"]["template"]["spec"]["dnsPolicy"] == "ClusterFirst"


def test_replication_controller_without_template_gets_no_pod_defaults():
    rc = defaulted({"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "r"}, "spec": {}})
    assert rc["spec"] == {"replicas": 1}


@pytest.mark.parametrize(("obj", "path", "value"), [
    ({"kind": "Secret"}, ("type",), "Opaque"),
    ({"kind": "PersistentVolume", "spec": {}}, ("spec", "persistentVolumeReclaimPolicy"), "Retain"),
    ({"kind": "PersistentVolume", "spec": {}}, ("spec", "volumeMode"), "Filesystem"),
    ({"kind": "PersistentVolume", "spec": {}}, ("status", "phase"), "Pending"),
    ({"kind": "PersistentVolumeClaim", "spec": {}}, ("spec", "volumeMode"), "Filesystem"),
    ({"kind": "PersistentVolumeClaim", "spec": {}}, ("status", "phase"), "Pending"),
    ({"kind": "Namespace"}, ("status", "phase"), "Active"),
    ({"kind": "Namespace"}, ("metadata", "labels", "kubernetes.io/metadata.name"), "n"),
    ({"kind": "Endpoints", "subsets": [{"ports": [{"port": 80}]}]}, ("subsets", 0, "ports", 0, "protocol"), "TCP"),
], ids=["TestSetDefaultSecret", "TestSetDefaultPersistentVolume reclaim", "TestSetDefaultPersistentVolume mode",
        "TestSetDefaultPersistentVolume phase", "TestSetDefaultPersistentVolumeClaim mode",
        "TestSetDefaultPersistentVolumeClaim phase", "TestSetDefaultNamespace",
        "TestSetDefaultNamespaceLabels", "TestSetDefaultEndpointsProtocol"])
def test_simple_core_defaults(obj, path, value):
    obj = defaulted({"apiVersion": "v1", "metadata": {"name": "n"}, **obj})
    got = obj
    for key in path:
        got = got[key]
    assert got == value


def test_set_default_node_status_allocatable():
    node = defaulted({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
                      "status": {"capacity": {"cpu": "4", "memory": "8Gi"}}})
    assert node["status"]["allocatable"] == {"cpu": "4", "memory": "8Gi"}
    node = defaulted({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
                      "status": {"capacity": {"cpu": "4"}, "allocatable": {"cpu": "3.5"}}})
    assert node["status"]["allocatable"] == {"cpu": "3500m"}


def test_set_default_limit_range_item():
    lr = defaulted({"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "l"}, "spec": {"limits": [
        {"type": "Container", "max": {"cpu": "2"}, "min": {"memory": "100Mi"}},
        {"type": "Pod", "max": {"cpu": "4"}}]}})
    item = lr["spec"]["limits"][0]
    assert item["default"] == {"cpu": "2"}
    assert item["defaultRequest"] == {"cpu": "2", "memory": "100Mi"}
    assert "default" not in lr["spec"]["limits"][1]


def test_configmap_is_left_alone():
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
    assert defaulted(copy.deepcopy(cm)) == cm


@given(st.dictionaries(st.sampled_from(["restartPolicy", "dnsPolicy", "schedulerName"]),
                       st.sampled_from(["", "Always", "Never", "Default"])))
def test_defaulting_is_idempotent(extra):
    obj = pod({"containers": [{"name": "c", "image": "nginx", "resources": {"limits": {"cpu": "0.5"}}}], **extra})
    once = defaulted(obj)
    twice = defaulted(copy.deepcopy(once))
    assert once == twice


def test_parse_image_name_reports_tag_and_digest():
    assert parsers.parse_image_name("gcr.io/x/y:1.0") == ("gcr.io/x/y", "1.0", "")
    assert parsers.parse_image_name("busybox") == ("busybox", "latest", "")
