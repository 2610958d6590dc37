"""The ClusterRoles of kube-controller-manager's controllers, one service account each.

Upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.authorization.bootstrappolicy.helpers import (
    ADMISSION_REGISTRATION_GROUP,
    APPS_GROUP,
    AUTHORIZATION_GROUP,
    AUTOSCALING_GROUP,
    BATCH_GROUP,
    CERTIFICATES_GROUP,
    CUSTOM_METRICS_GROUP,
    DISCOVERY_GROUP,
    EXTENSIONS_GROUP,
    EXTERNAL_METRICS_GROUP,
    LEGACY_GROUP,
    NETWORKING_GROUP,
    POLICY_GROUP,
    RBAC_GROUP,
    RES_METRICS_GROUP,
    RESOURCE_GROUP,
    STORAGE_GROUP,
    cluster_binding,
    cluster_role,
    events_rule,
    rule,
    sa,
)
from kubelab.apiserver.authorization.bootstrappolicy.policy import (
    KUBE_API_SERVER_CLIENT_KUBELET_SIGNER_NAME,
    KUBE_API_SERVER_CLIENT_SIGNER_NAME,
    KUBELET_SERVING_SIGNER_NAME,
    LEGACY_UNKNOWN_SIGNER_NAME,
)

SA_ROLE_PREFIX = "system:controller:"
# pkg/controlplane/controller/legacytokentracking :: ConfigMapName
LEGACY_TOKEN_TRACKING_CONFIGMAP = "kube-apiserver-legacy-service-account-token-tracking"

_GLV = ("get", "list", "watch")


def _roles() -> list[tuple[str, list[dict[str, Any]]]]:
    core = LEGACY_GROUP
    return [
        ("attachdetach-controller", [
            rule(("list", "watch"), (core,), ("persistentvolumes", "persistentvolumeclaims")),
            rule(_GLV, (core,), ("nodes",)),
            rule(("patch", "update"), (core,), ("nodes/status",)),
            rule(("list", "watch"), (core,), ("pods",)),
            events_rule(),
            rule(("get", "create", "delete", "list", "watch"), (STORAGE_GROUP,), ("volumeattachments",)),
            rule(("get", "watch", "list"), (STORAGE_GROUP,), ("csidrivers",)),
            rule(("get", "watch", "list"), (STORAGE_GROUP,), ("csinodes",)),
        ]),
        ("clusterrole-aggregation-controller", [
            rule(("escalate", "get", "list", "watch", "update", "patch"), (RBAC_GROUP,), ("clusterroles",)),
        ]),
        ("cronjob-controller", [
            rule(("get", "list", "watch", "update"), (BATCH_GROUP,), ("cronjobs",)),
            rule(("get", "list", "watch", "create", "update", "delete", "patch"), (BATCH_GROUP,), ("jobs",)),
            rule(("update",), (BATCH_GROUP,), ("cronjobs/status",)),
            rule(("update",), (BATCH_GROUP,), ("cronjobs/finalizers",)),
            rule(("list", "delete"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("daemon-set-controller", [
            rule(_GLV, (EXTENSIONS_GROUP, APPS_GROUP), ("daemonsets",)),
            rule(("update",), (EXTENSIONS_GROUP, APPS_GROUP), ("daemonsets/status",)),
            rule(("update",), (EXTENSIONS_GROUP, APPS_GROUP), ("daemonsets/finalizers",)),
            rule(("list", "watch"), (core,), ("nodes",)),
            rule(("list", "watch", "create", "delete", "patch"), (core,), ("pods",)),
            rule(("create",), (core,), ("pods/binding",)),
            rule(("get", "list", "watch", "create", "delete", "update", "patch"), (APPS_GROUP,),
                 ("controllerrevisions",)),
            events_rule(),
        ]),
        ("deployment-controller", [
            rule(("get", "list", "watch", "update"), (EXTENSIONS_GROUP, APPS_GROUP), ("deployments",)),
            rule(("update",), (EXTENSIONS_GROUP, APPS_GROUP), ("deployments/status",)),
            rule(("update",), (EXTENSIONS_GROUP, APPS_GROUP), ("deployments/finalizers",)),
            rule(("get", "list", "watch", "create", "update", "patch", "delete"), (APPS_GROUP, EXTENSIONS_GROUP),
                 ("replicasets",)),
            rule(("get", "list", "watch", "update"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("disruption-controller", [
            rule(_GLV, (EXTENSIONS_GROUP, APPS_GROUP), ("deployments",)),
            rule(_GLV, (APPS_GROUP, EXTENSIONS_GROUP), ("replicasets",)),
            rule(_GLV, (core,), ("replicationcontrollers",)),
            rule(_GLV, (POLICY_GROUP,), ("poddisruptionbudgets",)),
            rule(_GLV, (APPS_GROUP,), ("statefulsets",)),
            rule(("update",), (POLICY_GROUP,), ("poddisruptionbudgets/status",)),
            rule(("patch", "update"), (core,), ("pods/status",)),
            rule(("get",), ("*",), ("*/scale",)),
            events_rule(),
        ]),
        ("endpoint-controller", [
            rule(_GLV, (core,), ("services", "pods")),
            rule(("get", "list", "create", "update", "delete"), (core,), ("endpoints",)),
            rule(("create",), (core,), ("endpoints/restricted",)),
            events_rule(),
        ]),
        ("endpointslice-controller", [
            rule(_GLV, (core,), ("services", "pods", "nodes")),
            rule(("update",), (core,), ("services/finalizers",)),
            rule(("get", "list", "create", "update", "delete"), (DISCOVERY_GROUP,), ("endpointslices",)),
            events_rule(),
        ]),
        ("endpointslicemirroring-controller", [
            rule(_GLV, (core,), ("services", "endpoints")),
            rule(("update",), (core,), ("services/finalizers",)),
            rule(("update",), (core,), ("endpoints/finalizers",)),
            rule(("get", "list", "create", "update", "delete"), (DISCOVERY_GROUP,), ("endpointslices",)),
            events_rule(),
        ]),
        ("expand-controller", [
            rule(("get", "list", "watch", "update", "patch"), (core,), ("persistentvolumes",)),
            rule(("update", "patch"), (core,), ("persistentvolumeclaims/status",)),
            rule(_GLV, (core,), ("persistentvolumeclaims",)),
            rule(_GLV, (STORAGE_GROUP,), ("storageclasses",)),
            rule(("get",), (core,), ("services", "endpoints")),
            rule(("get",), (core,), ("secrets",)),
            events_rule(),
        ]),
        ("ephemeral-volume-controller", [
            rule(_GLV, (core,), ("pods",)),
            rule(("update",), (core,), ("pods/finalizers",)),
            rule(("get", "list", "watch", "create"), (core,), ("persistentvolumeclaims",)),
            events_rule(),
        ]),
        ("resource-claim-controller", [
            rule(_GLV, (core,), ("pods",)),
            rule(("update",), (core,), ("pods/finalizers",)),
            rule(("get", "list", "watch", "create", "delete"), (RESOURCE_GROUP,), ("resourceclaims",)),
            rule(("update", "patch"), (RESOURCE_GROUP,), ("resourceclaims", "resourceclaims/status")),
            rule(("update", "patch"), (core,), ("pods/status",)),
            events_rule(),
        ]),
        ("generic-garbage-collector", [
            rule(("get", "list", "watch", "patch", "update", "delete"), ("*",), ("*",)),
            events_rule(),
        ]),
        ("horizontal-pod-autoscaler", [
            rule(_GLV, (AUTOSCALING_GROUP,), ("horizontalpodautoscalers",)),
            rule(("update",), (AUTOSCALING_GROUP,), ("horizontalpodautoscalers/status",)),
            rule(("get", "update"), ("*",), ("*/scale",)),
            rule(("list",), (core,), ("pods",)),
            rule(("list",), (RES_METRICS_GROUP,), ("pods",)),
            rule(("get", "list"), (CUSTOM_METRICS_GROUP,), ("*",)),
            rule(("get", "list"), (EXTERNAL_METRICS_GROUP,), ("*",)),
            events_rule(),
        ]),
        ("job-controller", [
            rule(("get", "list", "watch", "update", "patch"), (BATCH_GROUP,), ("jobs",)),
            rule(("update",), (BATCH_GROUP,), ("jobs/status",)),
            rule(("update",), (BATCH_GROUP,), ("jobs/finalizers",)),
            rule(("list", "watch", "create", "delete", "patch"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("namespace-controller", [
            rule(("get", "list", "watch", "delete"), (core,), ("namespaces",)),
            rule(("update",), (core,), ("namespaces/finalize", "namespaces/status")),
            rule(("get", "list", "delete", "deletecollection"), ("*",), ("*",)),
        ]),
        ("node-controller", [
            rule(("get", "list", "update", "delete", "patch"), (core,), ("nodes",)),
            rule(("patch", "update"), (core,), ("nodes/status",)),
            rule(("patch", "update"), (core,), ("pods/status",)),
            rule(("list", "get", "delete"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("persistent-volume-binder", [
            rule(("get", "list", "watch", "update", "create", "delete"), (core,), ("persistentvolumes",)),
            rule(("update",), (core,), ("persistentvolumes/status",)),
            rule(("get", "list", "watch", "update"), (core,), ("persistentvolumeclaims",)),
            rule(("update",), (core,), ("persistentvolumeclaims/status",)),
            rule(("list", "watch", "get", "create", "delete"), (core,), ("pods",)),
            rule(_GLV, (STORAGE_GROUP,), ("storageclasses",)),
            rule(("get", "create", "update", "delete"), (core,), ("endpoints",)),
            rule(("get", "create", "delete"), (core,), ("services",)),
            rule(("get",), (core,), ("secrets",)),
            rule(("get", "list"), (core,), ("nodes",)),
            rule(("watch",), (core,), ("events",)),
            events_rule(),
        ]),
        ("pod-garbage-collector", [
            rule(("list", "watch", "delete"), (core,), ("pods",)),
            rule(("get", "list"), (core,), ("nodes",)),
            rule(("patch",), (core,), ("pods/status",)),
        ]),
        ("replicaset-controller", [
            rule(("get", "list", "watch", "update"), (APPS_GROUP, EXTENSIONS_GROUP), ("replicasets",)),
            rule(("update",), (APPS_GROUP, EXTENSIONS_GROUP), ("replicasets/status",)),
            rule(("update",), (APPS_GROUP, EXTENSIONS_GROUP), ("replicasets/finalizers",)),
            rule(("list", "watch", "patch", "create", "delete"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("replication-controller", [
            rule(("get", "list", "watch", "update"), (core,), ("replicationcontrollers",)),
            rule(("update",), (core,), ("replicationcontrollers/status",)),
            rule(("update",), (core,), ("replicationcontrollers/finalizers",)),
            rule(("list", "watch", "patch", "create", "delete"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("resourcequota-controller", [
            rule(("list", "watch"), ("*",), ("*",)),
            rule(("update",), (core,), ("resourcequotas/status",)),
            events_rule(),
        ]),
        ("route-controller", [
            rule(("list", "watch"), (core,), ("nodes",)),
            rule(("patch",), (core,), ("nodes/status",)),
            events_rule(),
        ]),
        ("service-account-controller", [
            rule(("create",), (core,), ("serviceaccounts",)),
            events_rule(),
        ]),
        ("service-controller", [
            rule(_GLV, (core,), ("services",)),
            rule(("patch", "update"), (core,), ("services/status",)),
            rule(("list", "watch"), (core,), ("nodes",)),
            events_rule(),
        ]),
        ("service-cidrs-controller", [
            rule(("get", "list", "watch", "patch", "update"), (NETWORKING_GROUP,), ("servicecidrs",)),
            rule(("patch", "update"), (NETWORKING_GROUP,), ("servicecidrs/finalizers",)),
            rule(("patch", "update"), (NETWORKING_GROUP,), ("servicecidrs/status",)),
            rule(_GLV, (NETWORKING_GROUP,), ("ipaddresses",)),
            events_rule(),
        ]),
        ("statefulset-controller", [
            rule(("list", "watch"), (core,), ("pods",)),
            rule(_GLV, (APPS_GROUP,), ("statefulsets",)),
            rule(("update",), (APPS_GROUP,), ("statefulsets/status",)),
            rule(("update",), (APPS_GROUP,), ("statefulsets/finalizers",)),
            rule(("get", "create", "delete", "update", "patch"), (core,), ("pods",)),
            rule(("get", "create", "delete", "update", "patch", "list", "watch"), (APPS_GROUP,),
                 ("controllerrevisions",)),
            rule(("get", "create"), (core,), ("persistentvolumeclaims",)),
            events_rule(),
            rule(("update", "delete"), (core,), ("persistentvolumeclaims",)),
        ]),
        ("ttl-controller", [
            rule(("update", "patch", "list", "watch"), (core,), ("nodes",)),
            events_rule(),
        ]),
        ("certificate-controller", [
            rule(("get", "list", "watch", "delete"), (CERTIFICATES_GROUP,), ("certificatesigningrequests",)),
            rule(("update",), (CERTIFICATES_GROUP,), ("certificatesigningrequests/status",
                                                     "certificatesigningrequests/approval")),
            rule(("approve",), (CERTIFICATES_GROUP,), ("signers",),
                 names=(KUBE_API_SERVER_CLIENT_KUBELET_SIGNER_NAME,)),
            rule(("sign",), (CERTIFICATES_GROUP,), ("signers",), names=(
                LEGACY_UNKNOWN_SIGNER_NAME, KUBE_API_SERVER_CLIENT_SIGNER_NAME,
                KUBE_API_SERVER_CLIENT_KUBELET_SIGNER_NAME, KUBELET_SERVING_SIGNER_NAME)),
            rule(("create",), (AUTHORIZATION_GROUP,), ("subjectaccessreviews",)),
            events_rule(),
        ]),
        ("pvc-protection-controller", [
            rule(("get", "list", "watch", "update"), (core,), ("persistentvolumeclaims",)),
            rule(("list", "watch", "get"), (core,), ("pods",)),
            events_rule(),
        ]),
        ("pv-protection-controller", [
            rule(("get", "list", "watch", "update"), (core,), ("persistentvolumes",)),
            events_rule(),
        ]),
        ("volumeattributesclass-protection-controller", [
            rule(("list", "watch", "get"), (core,), ("persistentvolumeclaims",)),
            rule(("list", "watch", "get"), (core,), ("persistentvolumes",)),
            rule(("get", "list", "watch", "update"), (STORAGE_GROUP,), ("volumeattributesclasses",)),
            events_rule(),
        ]),
        ("ttl-after-finished-controller", [
            rule(("get", "list", "watch", "delete"), (BATCH_GROUP,), ("jobs",)),
            events_rule(),
        ]),
        ("root-ca-cert-publisher", [
            rule(("create", "update"), (core,), ("configmaps",)),
            events_rule(),
        ]),
        ("validatingadmissionpolicy-status-controller", [
            rule(_GLV, (ADMISSION_REGISTRATION_GROUP,), ("validatingadmissionpolicies",)),
            rule(("get", "patch", "update"), (ADMISSION_REGISTRATION_GROUP,),
                 ("validatingadmissionpolicies/status",)),
            events_rule(),
        ]),
        ("legacy-service-account-token-cleaner", [
            rule(("get",), (core,), ("configmaps",), names=(LEGACY_TOKEN_TRACKING_CONFIGMAP,)),
            rule(("patch", "delete"), (core,), ("secrets",)),
        ]),
    ]


def controller_roles() -> list[dict[str, Any]]:
    """Mirrors: controller_policy.go :: ControllerRoles

    Differences: feature-gated roles follow v1.34's defaults (resource-claim,
    service-cidrs and volumeattributesclass-protection controllers in; the
    storage-version garbage collector and migrator, both off by default, out).
    """
    return [cluster_role(SA_ROLE_PREFIX + name, rules) for name, rules in _roles()]


def controller_role_bindings() -> list[dict[str, Any]]:
    """Each controller's role bound to its service account in kube-system.

    Mirrors: controller_policy.go :: ControllerRoleBindings (addControllerRole)
    """
    return [cluster_binding(SA_ROLE_PREFIX + name, sa("kube-system", name)) for name, _ in _roles()]
