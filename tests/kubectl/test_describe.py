from kubelab.kubectl import run
from kubelab.kubectl.describe.common import PrefixWriter, print_annotations_multiline
from kubelab.kubectl.describe.generic import camelcase_split, smart_label_for

from .fakeclient import FakeClient
from .objects import cluster

DESCRIBE_POD = """\
Name:             web-7d4b9-x2x9k
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Wed, 01 Jan 2025 00:00:02 +0000
Labels:           app=web
                  pod-template-hash=7d4b9
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:           10.244.1.5
Controlled By:  ReplicaSet/web-7d4b9
Containers:
  nginx:
    Container ID:   containerd://0123
    Image:          nginx:1.25
    Image ID:       docker.io/library/nginx@sha256:aa
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 Jan 2025 00:00:07 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      memory:  256Mi
    Requests:
      cpu:      100m
      memory:   128Mi
    Readiness:  http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:      prod
      POD_NAME:  web-7d4b9-x2x9k (v1:metadata.name)
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Conditions:
  Type           Status
  Initialized    True<SP>
  Ready          True<SP>
  PodScheduled   True<SP>
Volumes:
  kube-api-access-abcde:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age    From               Message
  ----    ------     ----   ----               -------
  Normal  Scheduled  9m59s  default-scheduler  Successfully assigned default/web-7d4b9-x2x9k to node-1
  Normal  Pulled     9m55s  kubelet            Container image "nginx:1.25" already present on machine
""".replace("<SP>", " ")  # kubectl leaves a space after each condition status

DESCRIBE_DEPLOYMENT = """\
Name:                   web
Namespace:              default
CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7d4b9 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  10m   deployment-controller  Scaled up replica set web-7d4b9 from 0 to 3
"""


def test_describe_pod_lays_out_fields_as_kubectl_does():
    r = run("describe pod web-7d4b9-x2x9k", cluster(), now=600)
    assert (r.stdout, r.stderr, r.exit_code) == (DESCRIBE_POD, "", 0)


def test_describe_deployment_finds_its_new_replica_set_and_events():
    assert run("describe deploy web", cluster(), now=600).stdout == DESCRIBE_DEPLOYMENT


def test_describe_asks_for_events_with_involved_object_field_selectors():
    c = cluster()
    run("describe deploy web", c, now=600)
    uid = c.store[("deployments.apps", "default", "web")]["metadata"]["uid"]
    assert ("list", "events", "default", "",
            f"involvedObject.kind=Deployment,involvedObject.name=web,involvedObject.namespace=default,"
            f"involvedObject.uid={uid}") in c.calls


def test_describe_by_name_prefix_describes_every_match():
    r = run("describe pod web", cluster(), now=600)
    assert r.stdout == DESCRIBE_POD + "\n"


def test_describe_several_objects_separates_them_with_a_blank_line():
    c = cluster()
    second = dict(c.store[("pods", "default", "web-7d4b9-x2x9k")])
    second["metadata"] = dict(second["metadata"], name="web-7d4b9-zzzzz", uid="other")
    c.add(second, created=1)
    out = run("describe pods", c, now=600).stdout
    assert out.count("\n\n\nName:") == 1 and out.startswith("Name:             web-7d4b9-x2x9k\n")


def test_describe_missing_object_is_not_found():
    r = run("describe pod nope", cluster(), now=600)
    assert (r.stderr, r.exit_code) == ('Error from server (NotFound): pods "nope" not found\n', 1)


def test_describe_nothing_in_the_namespace():
    r = run("describe pods -n kube-system", FakeClient(), now=0)
    assert (r.stdout, r.stderr, r.exit_code) == ("", "No resources found in kube-system namespace.\n", 0)


def _small_cluster() -> FakeClient:
    c = FakeClient(now=120)
    c.add({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"type": "ClusterIP", "selector": {"app": "web"}, "clusterIP": "10.96.12.34",
                    "clusterIPs": ["10.96.12.34"], "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                    "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP"}], "sessionAffinity": "None",
                    "internalTrafficPolicy": "Cluster"}})
    c.add({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
           "metadata": {"name": "web-abc", "labels": {"kubernetes.io/service-name": "web"}}, "addressType": "IPv4",
           "ports": [{"name": "", "port": 8080, "protocol": "TCP"}],
           "endpoints": [{"addresses": ["10.244.1.5"], "conditions": {"ready": True}},
                         {"addresses": ["10.244.2.6"], "conditions": {"ready": True}},
                         {"addresses": ["10.244.3.7"], "conditions": {"ready": False}}]})
    c.add({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"},
           "data": {"a.conf": "x=1\ny=2", "b": "hello"}})
    c.add({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "type": "Opaque",
           "data": {"password": "czNjcjN0", "user": "YWRtaW4="}})
    c.add({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "builder"},
           "imagePullSecrets": [{"name": "r1"}, {"name": "r2"}]})
    c.add({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
           "metadata": {"name": "node-1", "namespace": "kube-node-lease"},
           "spec": {"holderIdentity": "node-1", "leaseDurationSeconds": 40}})
    return c


def test_describe_service_lists_ready_endpoints_from_endpoint_slices():
    assert run("describe svc web", _small_cluster(), now=120).stdout == """\
Name:                     web
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.12.34
IPs:                      10.96.12.34
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
Endpoints:                10.244.1.5:8080,10.244.2.6:8080
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
"""


def test_describe_configmap_prints_data_and_binary_data_sections():
    assert run("describe cm cfg", _small_cluster(), now=120).stdout == (
        "Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n"
        "Data\n====\na.conf:\n----\nx=1\ny=2\n\nb:\n----\nhello\n\n\nBinaryData\n====\n\nEvents:  <none>\n"
    )


def test_describe_secret_prints_sizes_not_values():
    assert run("describe secret s", _small_cluster(), now=120).stdout == (
        "Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n"
        "Type:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n"
    )


def test_describe_service_account_lists_pull_secrets():
    assert run("describe sa builder", _small_cluster(), now=120).stdout == (
        "Name:                builder\nNamespace:           default\nLabels:              <none>\n"
        "Annotations:         <none>\nImage pull secrets:  r1\n                     r2\nEvents:              <none>\n"
    )


def test_kinds_without_a_describer_use_the_generic_one():
    out = run("describe lease node-1 -n kube-node-lease", _small_cluster(), now=120).stdout
    assert out.startswith("Name:         node-1\nNamespace:    kube-node-lease\nLabels:       <none>\n"
                          "Annotations:  <none>\nAPI Version:  coordination.k8s.io/v1\nKind:         Lease\n"
                          "Metadata:\n  Creation Timestamp:  2025-01-01T00:00:00Z\n")
    assert "Spec:\n  Holder Identity:         node-1\n  Lease Duration Seconds:  40\n" in out


def test_long_annotations_wrap_onto_their_own_lines():
    w = PrefixWriter()
    print_annotations_multiline(w, "Annotations", {"k": "v" * 150, "short": "x",
                                                    "kubectl.kubernetes.io/last-applied-configuration": "{}"})
    assert w.text() == "Annotations:  k:\n                " + "v" * 138 + "...\n              short: x\n"


def test_smart_labels_match_kubectl():
    assert [smart_label_for(f) for f in ("apiVersion", "creationTimestamp", "uid", "holderIdentity",
                                         "kubernetes.io/os")] == [
        "API Version", "Creation Timestamp", "UID", "Holder Identity", "kubernetes.io/os"]
    assert camelcase_split("PDFLoader") == ["PDF", "Loader"]
