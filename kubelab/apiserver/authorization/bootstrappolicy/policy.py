"""The default ClusterRoles and ClusterRoleBindings a new cluster starts with.

Upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.authentication.user import (
    ALL_AUTHENTICATED,
    ALL_UNAUTHENTICATED,
    KUBE_CONTROLLER_MANAGER,
    KUBE_PROXY,
    KUBE_SCHEDULER,
    NODES_GROUP,
    SERVICE_ACCOUNTS_GROUP,
    SYSTEM_PRIVILEGED_GROUP,
)
from kubelab.apiserver.authorization.bootstrappolicy.helpers import (
    APPS_GROUP,
    AUTHENTICATION_GROUP,
    AUTHORIZATION_GROUP,
    AUTOSCALING_GROUP,
    BATCH_GROUP,
    CERTIFICATES_GROUP,
    COORDINATION_GROUP,
    DISCOVERY_GROUP,
    EXTENSIONS_GROUP,
    LEGACY_GROUP,
    NETWORKING_GROUP,
    NODE_GROUP,
    POLICY_GROUP,
    RBAC_GROUP,
    READ,
    READ_UPDATE,
    READ_WRITE,
    RESOURCE_GROUP,
    STORAGE_GROUP,
    WRITE,
    cluster_binding,
    cluster_role,
    events_rule,
    group,
    rule,
    sa,
    url_rule,
    user,
)

MONITORING_GROUP = "system:monitoring"
SYSTEM_NODE_ROLE_NAME = "system:node"

# Signer names from k8s.io/api/certificates/v1beta1.
LEGACY_UNKNOWN_SIGNER_NAME = "kubernetes.io/legacy-unknown"
KUBE_API_SERVER_CLIENT_SIGNER_NAME = "kubernetes.io/kube-apiserver-client"
KUBE_API_SERVER_CLIENT_KUBELET_SIGNER_NAME = "kubernetes.io/kube-apiserver-client-kubelet"
KUBELET_SERVING_SIGNER_NAME = "kubernetes.io/kubelet-serving"


def node_rules() -> list[dict[str, Any]]:
    """What a kubelet needs, with v1.34's default feature gates.

    Mirrors: policy.go :: NodeRules
    """
    return [
        rule(("create",), (AUTHENTICATION_GROUP,), ("tokenreviews",)),
        rule(("create",), (AUTHORIZATION_GROUP,), ("subjectaccessreviews", "localsubjectaccessreviews")),
        rule(READ, (LEGACY_GROUP,), ("services",)),
        rule(("create", "get", "list", "watch"), (LEGACY_GROUP,), ("nodes",)),
        rule(("update", "patch"), (LEGACY_GROUP,), ("nodes/status",)),
        rule(("update", "patch"), (LEGACY_GROUP,), ("nodes",)),
        rule(("create", "update", "patch"), (LEGACY_GROUP,), ("events",)),
        rule(READ, (LEGACY_GROUP,), ("pods",)),
        rule(("create", "delete"), (LEGACY_GROUP,), ("pods",)),
        rule(("update", "patch"), (LEGACY_GROUP,), ("pods/status",)),
        rule(("create",), (LEGACY_GROUP,), ("pods/eviction",)),
        rule(("get", "list", "watch"), (LEGACY_GROUP,), ("secrets", "configmaps")),
        rule(("get",), (LEGACY_GROUP,), ("persistentvolumeclaims", "persistentvolumes")),
        rule(("get",), (LEGACY_GROUP,), ("endpoints",)),
        rule(("create", "get", "list", "watch"), (CERTIFICATES_GROUP,), ("certificatesigningrequests",)),
        rule(("get", "create", "update", "patch", "delete"), (COORDINATION_GROUP,), ("leases",)),
        rule(("get",), (STORAGE_GROUP,), ("volumeattachments",)),
        rule(("create",), (LEGACY_GROUP,), ("serviceaccounts/token",)),
        rule(("get", "update", "patch"), (LEGACY_GROUP,), ("persistentvolumeclaims/status",)),
        rule(("get", "watch", "list"), (STORAGE_GROUP,), ("csidrivers",)),
        rule(("get", "create", "update", "patch", "delete"), (STORAGE_GROUP,), ("csinodes",)),
        rule(("get", "list", "watch"), (NODE_GROUP,), ("runtimeclasses",)),
        # DynamicResourceAllocation is GA (on) in v1.34.
        rule(("get",), (RESOURCE_GROUP,), ("resourceclaims",)),
        rule(("deletecollection",), (RESOURCE_GROUP,), ("resourceslices",)),
    ]


def _aggregate_to_edit() -> list[dict[str, Any]]:
    return [
        rule(READ, (LEGACY_GROUP,), ("pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets",
                                     "services/proxy")),
        rule(("impersonate",), (LEGACY_GROUP,), ("serviceaccounts",)),
        rule(WRITE, (LEGACY_GROUP,), ("pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward")),
        rule(("create",), (LEGACY_GROUP,), ("pods/eviction",)),
        rule(WRITE, (LEGACY_GROUP,), ("replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
                                      "services", "services/proxy", "persistentvolumeclaims", "configmaps",
                                      "secrets", "events")),
        rule(("create",), (LEGACY_GROUP,), ("serviceaccounts/token",)),
        rule(WRITE, (APPS_GROUP,), ("statefulsets", "statefulsets/scale", "daemonsets", "deployments",
                                    "deployments/scale", "deployments/rollback", "replicasets",
                                    "replicasets/scale")),
        rule(WRITE, (AUTOSCALING_GROUP,), ("horizontalpodautoscalers",)),
        rule(WRITE, (BATCH_GROUP,), ("jobs", "cronjobs")),
        rule(WRITE, (EXTENSIONS_GROUP,), ("daemonsets", "deployments", "deployments/scale", "deployments/rollback",
                                          "ingresses", "replicasets", "replicasets/scale",
                                          "replicationcontrollers/scale", "networkpolicies")),
        rule(WRITE, (POLICY_GROUP,), ("poddisruptionbudgets",)),
        rule(WRITE, (NETWORKING_GROUP,), ("networkpolicies", "ingresses")),
    ]


def _aggregate_to_view() -> list[dict[str, Any]]:
    return [
        rule(READ, (LEGACY_GROUP,), ("pods", "replicationcontrollers", "replicationcontrollers/scale",
                                     "serviceaccounts", "services", "services/status", "endpoints",
                                     "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps")),
        rule(READ, (LEGACY_GROUP,), ("limitranges", "resourcequotas", "bindings", "events", "pods/status",
                                     "resourcequotas/status", "namespaces/status",
                                     "replicationcontrollers/status", "pods/log")),
        rule(READ, (LEGACY_GROUP,), ("namespaces",)),
        rule(READ, (DISCOVERY_GROUP,), ("endpointslices",)),
        rule(READ, (APPS_GROUP,), ("controllerrevisions", "statefulsets", "statefulsets/status",
                                   "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments",
                                   "deployments/status", "deployments/scale", "replicasets",
                                   "replicasets/status", "replicasets/scale")),
        rule(READ, (AUTOSCALING_GROUP,), ("horizontalpodautoscalers", "horizontalpodautoscalers/status")),
        rule(READ, (BATCH_GROUP,), ("jobs", "cronjobs", "cronjobs/status", "jobs/status")),
        rule(READ, (EXTENSIONS_GROUP,), ("daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                                         "deployments/status", "ingresses", "ingresses/status", "replicasets",
                                         "replicasets/scale", "replicasets/status",
                                         "replicationcontrollers/scale", "networkpolicies")),
        rule(READ, (POLICY_GROUP,), ("poddisruptionbudgets", "poddisruptionbudgets/status")),
        rule(READ, (NETWORKING_GROUP,), ("networkpolicies", "ingresses", "ingresses/status")),
    ]


def _kube_scheduler_rules() -> list[dict[str, Any]]:
    return [
        events_rule(),
        rule(("create",), (COORDINATION_GROUP,), ("leases",)),
        rule(("get", "update"), (COORDINATION_GROUP,), ("leases",), names=("kube-scheduler",)),
        rule(("create",), (LEGACY_GROUP,), ("endpoints",)),
        rule(("get", "update"), (LEGACY_GROUP,), ("endpoints",), names=("kube-scheduler",)),
        rule(READ, (LEGACY_GROUP,), ("nodes",)),
        rule(("get", "list", "watch", "delete"), (LEGACY_GROUP,), ("pods",)),
        rule(("create",), (LEGACY_GROUP,), ("pods/binding", "bindings")),
        rule(("patch", "update"), (LEGACY_GROUP,), ("pods/status",)),
        rule(READ, (LEGACY_GROUP,), ("services", "replicationcontrollers")),
        rule(READ, (APPS_GROUP, EXTENSIONS_GROUP), ("replicasets",)),
        rule(READ, (APPS_GROUP,), ("statefulsets",)),
        rule(READ, (POLICY_GROUP,), ("poddisruptionbudgets",)),
        rule(READ, (LEGACY_GROUP,), ("persistentvolumeclaims", "persistentvolumes")),
        rule(("create",), (AUTHENTICATION_GROUP,), ("tokenreviews",)),
        rule(("create",), (AUTHORIZATION_GROUP,), ("subjectaccessreviews",)),
        rule(READ, (STORAGE_GROUP,), ("csinodes",)),
        rule(READ, (LEGACY_GROUP,), ("namespaces",)),
        rule(READ, (STORAGE_GROUP,), ("csidrivers",)),
        rule(READ, (STORAGE_GROUP,), ("csistoragecapacities",)),
        # DynamicResourceAllocation is GA (on) in v1.34.
        rule(READ, (RESOURCE_GROUP,), ("resourceclaims", "deviceclasses")),
        rule(READ_UPDATE, (RESOURCE_GROUP,), ("resourceclaims/status",)),
        rule(READ, (RESOURCE_GROUP,), ("resourceslices",)),
    ]


def _approver(name: str, signer: str) -> dict[str, Any]:
    return cluster_role(f"system:certificates.k8s.io:{name}",
                        [rule(("approve",), (CERTIFICATES_GROUP,), ("signers",), names=(signer,))])


def cluster_roles() -> list[dict[str, Any]]:
    """Mirrors: policy.go :: ClusterRoles

    Differences: admin, edit and view carry no rules here; ``bootstrap_objects``
    fills them in as the clusterrole-aggregation controller would.
    """
    return [
        cluster_role("cluster-admin", [rule(("*",), ("*",), ("*",)), url_rule(("*",), ("*",))]),
        cluster_role("system:discovery", [url_rule(("get",), (
            "/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*",
            "/api", "/api/*", "/apis", "/apis/*"))]),
        cluster_role("system:monitoring", [url_rule(("get",), (
            "/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*",
            "/healthz/*"))]),
        cluster_role("system:basic-user", [
            rule(("create",), (AUTHORIZATION_GROUP,), ("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
            rule(("create",), (AUTHENTICATION_GROUP,), ("selfsubjectreviews",)),
        ]),
        cluster_role("system:public-info-viewer", [url_rule(("get",), (
            "/livez", "/readyz", "/healthz", "/version", "/version/"))]),
        cluster_role("admin", aggregate_from="aggregate-to-admin"),
        cluster_role("edit", labels={"rbac.authorization.k8s.io/aggregate-to-admin": "true"},
                     aggregate_from="aggregate-to-edit"),
        cluster_role("view", labels={"rbac.authorization.k8s.io/aggregate-to-edit": "true"},
                     aggregate_from="aggregate-to-view"),
        cluster_role("system:aggregate-to-admin", [
            rule(("create",), (AUTHORIZATION_GROUP,), ("localsubjectaccessreviews",)),
            rule(READ_WRITE, (RBAC_GROUP,), ("roles", "rolebindings")),
        ], labels={"rbac.authorization.k8s.io/aggregate-to-admin": "true"}),
        cluster_role("system:aggregate-to-edit", _aggregate_to_edit(),
                     labels={"rbac.authorization.k8s.io/aggregate-to-edit": "true"}),
        cluster_role("system:aggregate-to-view", _aggregate_to_view(),
                     labels={"rbac.authorization.k8s.io/aggregate-to-view": "true"}),
        cluster_role("system:heapster", [
            rule(READ, (LEGACY_GROUP,), ("events", "pods", "nodes", "namespaces")),
            rule(READ, (EXTENSIONS_GROUP,), ("deployments",)),
        ]),
        cluster_role(SYSTEM_NODE_ROLE_NAME, node_rules()),
        cluster_role("system:node-problem-detector", [
            rule(("get",), (LEGACY_GROUP,), ("nodes",)),
            rule(("patch",), (LEGACY_GROUP,), ("nodes/status",)),
            events_rule(),
        ]),
        cluster_role("system:kubelet-api-admin", [
            rule(("get", "list", "watch"), (LEGACY_GROUP,), ("nodes",)),
            rule(("proxy",), (LEGACY_GROUP,), ("nodes",)),
            rule(("*",), (LEGACY_GROUP,), ("nodes/proxy", "nodes/metrics", "nodes/spec", "nodes/stats",
                                           "nodes/log")),
        ]),
        cluster_role("system:node-bootstrapper", [
            rule(("create", "get", "list", "watch"), (CERTIFICATES_GROUP,), ("certificatesigningrequests",)),
        ]),
        cluster_role("system:auth-delegator", [
            rule(("create",), (AUTHENTICATION_GROUP,), ("tokenreviews",)),
            rule(("create",), (AUTHORIZATION_GROUP,), ("subjectaccessreviews",)),
        ]),
        cluster_role("system:kube-aggregator", [rule(READ, (LEGACY_GROUP,), ("services", "endpoints"))]),
        cluster_role("system:kube-controller-manager", [
            events_rule(),
            rule(("create",), (COORDINATION_GROUP,), ("leases",)),
            rule(("get", "update"), (COORDINATION_GROUP,), ("leases",), names=("kube-controller-manager",)),
            rule(("create",), (LEGACY_GROUP,), ("endpoints",)),
            rule(("get", "update"), (LEGACY_GROUP,), ("endpoints",), names=("kube-controller-manager",)),
            rule(("create",), (LEGACY_GROUP,), ("secrets", "serviceaccounts")),
            rule(("delete",), (LEGACY_GROUP,), ("secrets",)),
            rule(("get",), (LEGACY_GROUP,), ("namespaces", "secrets", "serviceaccounts", "configmaps")),
            rule(("update",), (LEGACY_GROUP,), ("secrets", "serviceaccounts")),
            rule(("create",), (AUTHENTICATION_GROUP,), ("tokenreviews",)),
            rule(("create",), (AUTHORIZATION_GROUP,), ("subjectaccessreviews",)),
            rule(("list", "watch"), ("*",), ("*",)),
            rule(("create",), (LEGACY_GROUP,), ("serviceaccounts/token",)),
        ]),
        cluster_role("system:kube-dns", [rule(("list", "watch"), (LEGACY_GROUP,), ("endpoints", "services"))]),
        cluster_role("system:persistent-volume-provisioner", [
            rule(("get", "list", "watch", "create", "delete"), (LEGACY_GROUP,), ("persistentvolumes",)),
            rule(("get", "list", "watch", "update"), (LEGACY_GROUP,), ("persistentvolumeclaims",)),
            rule(READ, (STORAGE_GROUP,), ("storageclasses",)),
            rule(("watch",), (LEGACY_GROUP,), ("events",)),
            events_rule(),
        ]),
        cluster_role("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [
            rule(("create",), (CERTIFICATES_GROUP,), ("certificatesigningrequests/nodeclient",))]),
        cluster_role("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [
            rule(("create",), (CERTIFICATES_GROUP,), ("certificatesigningrequests/selfnodeclient",))]),
        cluster_role("system:volume-scheduler", [
            rule(READ_UPDATE, (LEGACY_GROUP,), ("persistentvolumes",)),
            rule(READ, (STORAGE_GROUP,), ("storageclasses",)),
            rule(READ_UPDATE, (LEGACY_GROUP,), ("persistentvolumeclaims",)),
        ]),
        _approver("legacy-unknown-approver", LEGACY_UNKNOWN_SIGNER_NAME),
        _approver("kubelet-serving-approver", KUBELET_SERVING_SIGNER_NAME),
        _approver("kube-apiserver-client-approver", KUBE_API_SERVER_CLIENT_SIGNER_NAME),
        _approver("kube-apiserver-client-kubelet-approver", KUBE_API_SERVER_CLIENT_KUBELET_SIGNER_NAME),
        cluster_role("system:service-account-issuer-discovery", [
            url_rule(("get",), ("/.well-known/openid-configuration", "/openid/v1/jwks"))]),
        cluster_role("system:node-proxier", [
            rule(("list", "watch"), (LEGACY_GROUP,), ("services", "endpoints")),
            rule(("get", "list", "watch"), (LEGACY_GROUP,), ("nodes",)),
            events_rule(),
            rule(("list", "watch"), (DISCOVERY_GROUP,), ("endpointslices",)),
        ]),
        cluster_role("system:kube-scheduler", _kube_scheduler_rules()),
    ]


def cluster_role_bindings(node_authorizer: bool = True) -> list[dict[str, Any]]:
    """Mirrors: policy.go :: ClusterRoleBindings

    Args:
        node_authorizer: True leaves the ``system:node`` binding without subjects, as
            upstream does since the Node authorizer took over in v1.8. False binds it
            to the ``system:nodes`` group (upstream's pre-1.8 default), which kubelab
            uses because it does not run the Node authorizer.
    """
    node_subjects = () if node_authorizer else (group(NODES_GROUP),)
    return [
        cluster_binding("cluster-admin", group(SYSTEM_PRIVILEGED_GROUP)),
        cluster_binding("system:monitoring", group(MONITORING_GROUP)),
        cluster_binding("system:discovery", group(ALL_AUTHENTICATED)),
        cluster_binding("system:basic-user", group(ALL_AUTHENTICATED)),
        cluster_binding("system:public-info-viewer", group(ALL_AUTHENTICATED), group(ALL_UNAUTHENTICATED)),
        cluster_binding("system:node-proxier", user(KUBE_PROXY)),
        cluster_binding("system:kube-controller-manager", user(KUBE_CONTROLLER_MANAGER)),
        cluster_binding("system:kube-dns", sa("kube-system", "kube-dns")),
        cluster_binding("system:kube-scheduler", user(KUBE_SCHEDULER)),
        cluster_binding("system:volume-scheduler", user(KUBE_SCHEDULER)),
        cluster_binding(SYSTEM_NODE_ROLE_NAME, *node_subjects),
        cluster_binding("system:service-account-issuer-discovery", group(SERVICE_ACCOUNTS_GROUP)),
    ]
