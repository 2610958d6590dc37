"""Which validation runs for which kind, and the generic checks the registry adds around it.

On create the registry runs the kind's strategy validation and, only if that passed, the
generic ObjectMeta checks with path-segment names (create.go :: BeforeCreate). On update it
runs the generic checks plus ValidateObjectMetaAccessorUpdate first, then the kind's
(update.go :: BeforeUpdate, validateCommonFields).

Upstream: staging/src/k8s.io/apiserver/pkg/registry/rest/{create.go,update.go},
pkg/registry/*/*/strategy.go (Validate, ValidateUpdate of each kind and status strategy)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.field import ErrorList
from kubelab.api.validation import (
    apps,
    autoscaling,
    batch,
    coordination,
    discovery,
    networking,
    policy,
    rbac,
    scheduling,
    storage,
)
from kubelab.api.validation import objectmeta as om
from kubelab.api.validation.core import (
    namespace,
    node,
    others,
    persistentvolume,
    pod,
    pod_update,
    service,
)

Create = Callable[[dict[str, Any]], ErrorList]
Update = Callable[[dict[str, Any], dict[str, Any]], ErrorList]

# (group, kind) -> (create, update, status update, namespaced)
_KINDS: dict[tuple[str, str], tuple[Create, Update, Update | None, bool]] = {
    ("", "Pod"): (pod.validate_pod_create, pod_update.validate_pod_update, pod_update.validate_pod_status_update, True),
    ("", "PodTemplate"): (pod.validate_pod_template, lambda n, o: _meta(n, o) + pod.validate_pod_template_spec(n.get("template"), "template", pod.pod_options(False)), None, True),
    ("", "Service"): (service.validate_service, service.validate_service_update, service.validate_service_status_update, True),
    ("", "Namespace"): (namespace.validate_namespace, namespace.validate_namespace_update, namespace.validate_namespace_status_update, False),
    ("", "Node"): (node.validate_node, node.validate_node_update, node.validate_node_update, False),
    ("", "ConfigMap"): (others.validate_config_map, others.validate_config_map_update, None, True),
    ("", "Secret"): (others.validate_secret, others.validate_secret_update, None, True),
    ("", "ServiceAccount"): (others.validate_service_account, others.validate_service_account_update, None, True),
    ("", "Endpoints"): (others.validate_endpoints, lambda n, o: _meta(n, o) + others.validate_endpoints(n), None, True),
    ("", "Event"): (others.validate_event, lambda n, o: others.validate_event(n), None, True),
    ("", "LimitRange"): (others.validate_limit_range, lambda n, o: _meta(n, o) + others.validate_limit_range(n), None, True),
    ("", "ResourceQuota"): (others.validate_resource_quota, others.validate_resource_quota_update, others.validate_resource_quota_status_update, True),
    ("", "ReplicationController"): (others.validate_replication_controller, others.validate_replication_controller_update, others.validate_replication_controller_status_update, True),
    ("", "PersistentVolume"): (persistentvolume.validate_persistent_volume, persistentvolume.validate_persistent_volume_update, persistentvolume.validate_persistent_volume_status_update, False),
    ("", "PersistentVolumeClaim"): (persistentvolume.validate_persistent_volume_claim, persistentvolume.validate_persistent_volume_claim_update, persistentvolume.validate_persistent_volume_claim_status_update, True),
    ("apps", "Deployment"): (apps.validate_deployment, apps.validate_deployment_update, apps.validate_deployment_status_update, True),
    ("apps", "ReplicaSet"): (apps.validate_replica_set, apps.validate_replica_set_update, apps.validate_replica_set_status_update, True),
    ("apps", "StatefulSet"): (apps.validate_stateful_set, apps.validate_stateful_set_update, apps.validate_stateful_set_status_update, True),
    ("apps", "DaemonSet"): (apps.validate_daemon_set, apps.validate_daemon_set_update, apps.validate_daemon_set_status_update, True),
    ("apps", "ControllerRevision"): (apps.validate_controller_revision, apps.validate_controller_revision_update, None, True),
    ("batch", "Job"): (batch.validate_job, batch.validate_job_update, batch.validate_job_status_update, True),
    ("batch", "CronJob"): (batch.validate_cron_job_create, batch.validate_cron_job_update, batch.validate_cron_job_status_update, True),
    ("autoscaling", "HorizontalPodAutoscaler"): (autoscaling.validate_horizontal_pod_autoscaler, autoscaling.validate_horizontal_pod_autoscaler_update, autoscaling.validate_horizontal_pod_autoscaler_status_update, True),
    ("networking.k8s.io", "Ingress"): (networking.validate_ingress_create, networking.validate_ingress_update, networking.validate_ingress_status_update, True),
    ("networking.k8s.io", "IngressClass"): (networking.validate_ingress_class, networking.validate_ingress_class_update, None, False),
    ("networking.k8s.io", "NetworkPolicy"): (networking.validate_network_policy, networking.validate_network_policy_update, None, True),
    ("policy", "PodDisruptionBudget"): (policy.validate_pod_disruption_budget, lambda n, o: policy.validate_pod_disruption_budget(n), policy.validate_pod_disruption_budget_status_update, True),
    ("rbac.authorization.k8s.io", "Role"): (rbac.validate_role, rbac.validate_role_update, None, True),
    ("rbac.authorization.k8s.io", "ClusterRole"): (rbac.validate_cluster_role, rbac.validate_cluster_role_update, None, False),
    ("rbac.authorization.k8s.io", "RoleBinding"): (rbac.validate_role_binding, rbac.validate_role_binding_update, None, True),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): (rbac.validate_cluster_role_binding, rbac.validate_cluster_role_binding_update, None, False),
    ("scheduling.k8s.io", "PriorityClass"): (scheduling.validate_priority_class, scheduling.validate_priority_class_update, None, False),
    ("storage.k8s.io", "StorageClass"): (storage.validate_storage_class, storage.validate_storage_class_update, None, False),
    ("coordination.k8s.io", "Lease"): (coordination.validate_lease, coordination.validate_lease_update, None, True),
    ("discovery.k8s.io", "EndpointSlice"): (discovery.validate_endpoint_slice, discovery.validate_endpoint_slice_update, None, True),
}


def _meta(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    from kubelab.api.validation.core.common import validate_object_meta_update

    return validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")


def _group_kind(obj: dict[str, Any]) -> tuple[str, str]:
    api_version = obj.get("apiVersion", "") or ""
    group = api_version.rpartition("/")[0] if "/" in api_version else ""
    return group, obj.get("kind", "") or ""


def _common_create(obj: dict[str, Any], namespaced: bool) -> ErrorList:
    return om.validate_object_meta(obj.get("metadata"), namespaced, om.validate_path_segment_name, "metadata")


def validate(obj: dict[str, Any]) -> ErrorList:
    """Validate an object on create; kinds with no validation (reviews, Binding) give [].

    Mirrors: staging/src/k8s.io/apiserver/pkg/registry/rest/create.go :: BeforeCreate (the
    strategy's Validate, then ValidateObjectMetaAccessor with path-segment names)
    """
    group, kind = _group_kind(obj)
    if (group, kind) == ("", "Binding"):
        return others.validate_pod_binding(obj)
    entry = _KINDS.get((group, kind))
    if entry is None:
        return []
    create, _, _, namespaced = entry
    errs = create(obj)
    if errs:
        return errs
    return _common_create(obj, namespaced)


def _common_update(new: dict[str, Any], old: dict[str, Any], namespaced: bool) -> ErrorList:
    errs = _common_create(new, namespaced)
    errs.extend(om.validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata"))
    return errs


def validate_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Validate an update of the main resource.

    Mirrors: staging/src/k8s.io/apiserver/pkg/registry/rest/update.go :: BeforeUpdate
    (validateCommonFields, then the strategy's ValidateUpdate)
    """
    entry = _KINDS.get(_group_kind(new))
    if entry is None:
        return []
    _, update, _, namespaced = entry
    return _common_update(new, old, namespaced) + update(new, old)


def validate_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Validate an update through the status subresource (the kind's status strategy).

    Mirrors: staging/src/k8s.io/apiserver/pkg/registry/rest/update.go :: BeforeUpdate with
    the kind's status strategy; kinds without one get their main update validation.
    """
    entry = _KINDS.get(_group_kind(new))
    if entry is None:
        return []
    _, update, status, namespaced = entry
    return _common_update(new, old, namespaced) + (status or update)(new, old)


def validated_kinds() -> list[tuple[str, str]]:
    """The (group, kind) pairs that have semantic validation, sorted."""
    return sorted(_KINDS)
