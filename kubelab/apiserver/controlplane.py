"""What kube-apiserver writes for itself once it serves: its post-start hooks.

Upstream: pkg/controlplane/controller/systemnamespaces (system namespaces),
pkg/controlplane/controller/kubernetesservice (the `kubernetes` Service and its
endpoints), pkg/registry/rbac/rest/storage_rbac.go (rbac/bootstrap-roles) and
pkg/registry/scheduling/rest/storage_scheduling.go (system priority classes)
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.authorization.bootstrappolicy import bootstrap_objects

Obj = dict[str, Any]

SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
KUBERNETES_SERVICE_IP = "10.96.0.1"
APISERVER_ADDRESS = "172.18.0.2"
APISERVER_PORT = 6443
# scheduling/apis: SystemCriticalPriority and the two system classes.
SYSTEM_PRIORITY_CLASSES = (
    ("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."),
    ("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
)


def system_namespaces() -> list[Obj]:
    return [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n}} for n in SYSTEM_NAMESPACES]


def system_priority_classes() -> list[Obj]:
    return [{"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": n},
             "value": v, "description": d, "preemptionPolicy": "PreemptLowerPriority"}
            for n, v, d in SYSTEM_PRIORITY_CLASSES]


def kubernetes_service() -> list[Obj]:
    """The `kubernetes` Service, Endpoints and EndpointSlice in default.

    Mirrors: kubernetesservice/controller.go :: (*Controller).UpdateKubernetesService,
    CreateOrUpdateMasterServiceIfNeeded, and reconcilers/lease.go's endpoints
    """
    labels = {"component": "apiserver", "provider": "kubernetes"}
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "kubernetes", "namespace": "default", "labels": labels},
           "spec": {"type": "ClusterIP", "clusterIP": KUBERNETES_SERVICE_IP, "sessionAffinity": "None",
                    "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": APISERVER_PORT}]}}
    ep = {"apiVersion": "v1", "kind": "Endpoints",
          "metadata": {"name": "kubernetes", "namespace": "default",
                       "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
          "subsets": [{"addresses": [{"ip": APISERVER_ADDRESS}],
                       "ports": [{"name": "https", "port": APISERVER_PORT, "protocol": "TCP"}]}]}
    eps = {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
           "metadata": {"name": "kubernetes", "namespace": "default",
                        "labels": {"kubernetes.io/service-name": "kubernetes"}},
           "addressType": "IPv4",
           "endpoints": [{"addresses": [APISERVER_ADDRESS], "conditions": {"ready": True}}],
           "ports": [{"name": "https", "port": APISERVER_PORT, "protocol": "TCP"}]}
    return [svc, ep, eps]


def post_start_objects() -> list[Obj]:
    """Everything a new control plane writes, in the order its hooks run."""
    return system_namespaces() + bootstrap_objects() + system_priority_classes() + kubernetes_service()
