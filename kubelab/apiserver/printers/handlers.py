"""The column definitions of every printed kind and the print function behind each.

Descriptions are the API's field documentation (SwaggerDoc), read from the v1.34 OpenAPI
definitions.

Upstream: pkg/printers/internalversion/printers.go :: AddHandlers
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from kubelab.api import openapi
from kubelab.apiserver.printers import (
    apps,
    autoscaling,
    batch,
    cluster,
    core,
    networking,
    pod,
    storage,
)
from kubelab.apiserver.printers.common import GenerateOptions, Obj, Row

PrintFunc = Callable[[Obj, GenerateOptions], list[Row]]
Column = dict[str, Any]

_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
CONTAINERS_DOC = "Names of each container in the template."
IMAGES_DOC = "Images referenced by each container in the template."


def doc(definition: str, field: str) -> str:
    """A field's documentation, as ``<Type>{}.SwaggerDoc()[field]`` returns it ("" when absent).

    ``definition`` is a full OpenAPI name or one relative to ``io.k8s.api.`` (``core.v1.PodSpec``).
    """
    name = definition if definition.startswith("io.") else "io.k8s.api." + definition
    schema = openapi.definitions().get(name) or {}
    return ((schema.get("properties") or {}).get(field) or {}).get("description", "")


def column(name: str, type_: str, description: str, priority: int = 0, fmt: str = "") -> Column:
    """A metav1.TableColumnDefinition, keys in wire order."""
    return {"name": name, "type": type_, "format": fmt, "description": description, "priority": priority}


def name_column(priority: int = 0) -> Column:
    return column("Name", "string", doc(_META, "name"), priority, "name")


def age_column() -> Column:
    return column("Age", "string", doc(_META, "creationTimestamp"))


def _s(name: str, description: str, priority: int = 0) -> Column:
    return column(name, "string", description, priority)


def _i(name: str, description: str, priority: int = 0) -> Column:
    return column(name, "integer", description, priority)


def _template_columns(selector_doc: str | None) -> list[Column]:
    cols = [_s("Containers", CONTAINERS_DOC, 1), _s("Images", IMAGES_DOC, 1)]
    if selector_doc is not None:
        cols.append(_s("Selector", selector_doc, 1))
    return cols


def _pod() -> list[Column]:
    return [name_column(),
            _s("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            _s("Status", "The aggregate status of the containers in this pod."),
            _s("Restarts", "The number of times the containers in this pod have been restarted and when the "
                           "last container in this pod has restarted."),
            age_column(),
            _s("IP", doc("core.v1.PodStatus", "podIP"), 1),
            _s("Node", doc("core.v1.PodSpec", "nodeName"), 1),
            _s("Nominated Node", doc("core.v1.PodStatus", "nominatedNodeName"), 1),
            _s("Readiness Gates", doc("core.v1.PodSpec", "readinessGates"), 1)]


def _replication_controller() -> list[Column]:
    return [name_column(),
            _i("Desired", doc("core.v1.ReplicationControllerSpec", "replicas")),
            _i("Current", doc("core.v1.ReplicationControllerStatus", "replicas")),
            _i("Ready", doc("core.v1.ReplicationControllerStatus", "readyReplicas")),
            age_column(), *_template_columns(doc("core.v1.ReplicationControllerSpec", "selector"))]


def _replica_set() -> list[Column]:
    return [name_column(),
            _i("Desired", doc("apps.v1.ReplicaSetSpec", "replicas")),
            _i("Current", doc("apps.v1.ReplicaSetStatus", "replicas")),
            _i("Ready", doc("apps.v1.ReplicaSetStatus", "readyReplicas")),
            age_column(), *_template_columns(doc("apps.v1.ReplicaSetSpec", "selector"))]


def _daemon_set() -> list[Column]:
    st = "apps.v1.DaemonSetStatus"
    return [name_column(),
            _i("Desired", doc(st, "desiredNumberScheduled")),
            _i("Current", doc(st, "currentNumberScheduled")),
            _i("Ready", doc(st, "numberReady")),
            _i("Up-to-date", doc(st, "updatedNumberScheduled")),
            _i("Available", doc(st, "numberAvailable")),
            _s("Node Selector", doc("core.v1.PodSpec", "nodeSelector")),
            age_column(), *_template_columns(doc("apps.v1.DaemonSetSpec", "selector"))]


def _deployment() -> list[Column]:
    return [name_column(),
            _s("Ready", "Number of the pod with ready state"),
            _s("Up-to-date", doc("apps.v1.DeploymentStatus", "updatedReplicas")),
            _s("Available", doc("apps.v1.DeploymentStatus", "availableReplicas")),
            age_column(), *_template_columns(doc("apps.v1.DeploymentSpec", "selector"))]


def _stateful_set() -> list[Column]:
    return [name_column(), _s("Ready", "Number of the pod with ready state"), age_column(),
            *_template_columns(None)]


def _controller_revision() -> list[Column]:
    return [name_column(), _s("Controller", "Controller of the object"),
            _s("Revision", doc("apps.v1.ControllerRevision", "revision")), age_column()]


def _job() -> list[Column]:
    return [name_column(), _s("Status", "Status of the job."),
            _s("Completions", doc("batch.v1.JobStatus", "succeeded")),
            _s("Duration", "Time required to complete the job."),
            age_column(), *_template_columns(doc("batch.v1.JobSpec", "selector"))]


def _cron_job() -> list[Column]:
    sp, st = "batch.v1.CronJobSpec", "batch.v1.CronJobStatus"
    return [name_column(), _s("Schedule", doc(sp, "schedule")), _s("Timezone", doc(sp, "timeZone")),
            column("Suspend", "boolean", doc(sp, "suspend")), _i("Active", doc(st, "active")),
            _s("Last Schedule", doc(st, "lastScheduleTime")),
            age_column(), *_template_columns(doc("batch.v1.JobSpec", "selector"))]


def _service() -> list[Column]:
    sp = "core.v1.ServiceSpec"
    return [name_column(), _s("Type", doc(sp, "type")), _s("Cluster-IP", doc(sp, "clusterIP")),
            _s("External-IP", doc(sp, "externalIPs")), _s("Port(s)", doc(sp, "ports")), age_column(),
            _s("Selector", doc(sp, "selector"), 1)]


def _endpoints() -> list[Column]:
    return [name_column(), _s("Endpoints", doc("core.v1.Endpoints", "subsets")), age_column()]


def _node() -> list[Column]:
    info, st = "core.v1.NodeSystemInfo", "core.v1.NodeStatus"
    return [name_column(), _s("Status", "The status of the node"), _s("Roles", "The roles of the node"),
            age_column(), _s("Version", doc(info, "kubeletVersion")),
            _s("Internal-IP", doc(st, "addresses"), 1), _s("External-IP", doc(st, "addresses"), 1),
            _s("OS-Image", doc(info, "osImage"), 1), _s("Kernel-Version", doc(info, "kernelVersion"), 1),
            _s("Container-Runtime", doc(info, "containerRuntimeVersion"), 1)]


def _event() -> list[Column]:
    ev = "core.v1.Event"
    return [_s("Last Seen", doc(ev, "lastTimestamp")), _s("Type", doc(ev, "type")), _s("Reason", doc(ev, "reason")),
            _s("Object", doc(ev, "involvedObject")),
            _s("Subobject", doc("core.v1.ObjectReference", "fieldPath"), 1), _s("Source", doc(ev, "source"), 1),
            _s("Message", doc(ev, "message")), _s("First Seen", doc(ev, "firstTimestamp"), 1),
            _s("Count", doc(ev, "count"), 1), name_column(priority=1)]


def _namespace() -> list[Column]:
    return [name_column(), _s("Status", "The status of the namespace"), age_column()]


def _secret() -> list[Column]:
    return [name_column(), _s("Type", doc("core.v1.Secret", "type")), _s("Data", doc("core.v1.Secret", "data")),
            age_column()]


def _service_account() -> list[Column]:
    return [name_column(), _s("Secrets", doc("core.v1.ServiceAccount", "secrets")), age_column()]


def _config_map() -> list[Column]:
    return [name_column(), _s("Data", doc("core.v1.ConfigMap", "data")), age_column()]


def _persistent_volume() -> list[Column]:
    sp, st = "core.v1.PersistentVolumeSpec", "core.v1.PersistentVolumeStatus"
    return [name_column(), _s("Capacity", doc(sp, "capacity")), _s("Access Modes", doc(sp, "accessModes")),
            _s("Reclaim Policy", doc(sp, "persistentVolumeReclaimPolicy")), _s("Status", doc(st, "phase")),
            _s("Claim", doc(sp, "claimRef")), _s("StorageClass", "StorageClass of the pv"),
            _s("VolumeAttributesClass", "VolumeAttributesClass of the pv"), _s("Reason", doc(st, "reason")),
            age_column(), _s("VolumeMode", doc(sp, "volumeMode"), 1)]


def _persistent_volume_claim() -> list[Column]:
    sp, st = "core.v1.PersistentVolumeClaimSpec", "core.v1.PersistentVolumeClaimStatus"
    return [name_column(), _s("Status", doc(st, "phase")), _s("Volume", doc(sp, "volumeName")),
            _s("Capacity", doc(st, "capacity")), _s("Access Modes", doc(st, "accessModes")),
            _s("StorageClass", "StorageClass of the pvc"),
            _s("VolumeAttributesClass", "VolumeAttributesClass of the pvc"), age_column(),
            _s("VolumeMode", doc(sp, "volumeMode"), 1)]


def _storage_class() -> list[Column]:
    sc = "storage.v1.StorageClass"
    return [name_column(), _s("Provisioner", doc(sc, "provisioner")), _s("ReclaimPolicy", doc(sc, "reclaimPolicy")),
            _s("VolumeBindingMode", doc(sc, "volumeBindingMode")),
            _s("AllowVolumeExpansion", doc(sc, "allowVolumeExpansion")), age_column()]


def _resource_quota() -> list[Column]:
    return [name_column(),
            _s("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
            _s("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent "
                        "of contention on the node."),
            age_column()]


def _horizontal_pod_autoscaler() -> list[Column]:
    sp, st = "autoscaling.v2.HorizontalPodAutoscalerSpec", "autoscaling.v2.HorizontalPodAutoscalerStatus"
    return [name_column(), _s("Reference", doc(sp, "scaleTargetRef")), _s("Targets", doc(sp, "metrics")),
            _s("MinPods", doc(sp, "minReplicas")), _s("MaxPods", doc(sp, "maxReplicas")),
            _s("Replicas", doc(st, "currentReplicas")), age_column()]


def _pod_disruption_budget() -> list[Column]:
    return [name_column(), _s("Min Available", "The minimum number of pods that must be available."),
            _s("Max Unavailable", "The maximum number of pods that may be unavailable."),
            _i("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
            age_column()]


def _priority_class() -> list[Column]:
    pc = "scheduling.v1.PriorityClass"
    return [name_column(), _i("Value", doc(pc, "value")), column("Global-Default", "boolean", doc(pc, "globalDefault")),
            age_column(), _s("PreemptionPolicy", doc(pc, "preemptionPolicy"))]


def _lease() -> list[Column]:
    return [name_column(), _s("Holder", doc("coordination.v1.LeaseSpec", "holderIdentity")), age_column()]


def _binding_columns(definition: str, noun: str) -> list[Column]:
    return [name_column(), _s("Role", doc(definition, "roleRef")), age_column(),
            _s("Users", f"Users in the {noun}", 1), _s("Groups", f"Groups in the {noun}", 1),
            _s("ServiceAccounts", f"ServiceAccounts in the {noun}", 1)]


def _role_binding() -> list[Column]:
    return _binding_columns("rbac.v1.RoleBinding", "roleBinding")


def _cluster_role_binding() -> list[Column]:
    return _binding_columns("rbac.v1.ClusterRoleBinding", "clusterRoleBinding")


def _network_policy() -> list[Column]:
    return [name_column(), _s("Pod-Selector", doc("networking.v1.NetworkPolicySpec", "podSelector")), age_column()]


def _ingress() -> list[Column]:
    return [name_column(),
            _s("Class", "The name of the IngressClass resource that should be used for additional configuration"),
            _s("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
            _s("Address", "Address is a list containing ingress points for the load-balancer"),
            _s("Ports", "Ports of TLS configurations that open"), age_column()]


def _ingress_class() -> list[Column]:
    return [name_column(), _s("Controller", "Controller that is responsible for handling this class"),
            _s("Parameters", "A reference to a resource with additional parameters"), age_column()]


def _endpoint_slice() -> list[Column]:
    es = "discovery.v1.EndpointSlice"
    return [name_column(), _s("AddressType", doc(es, "addressType")), _s("Ports", doc(es, "ports")),
            _s("Endpoints", doc(es, "endpoints")), age_column()]


# (group, kind) -> (column definitions, print function). Kinds not listed get the default table.
HANDLERS: dict[tuple[str, str], tuple[Callable[[], list[Column]], PrintFunc]] = {
    ("", "Pod"): (_pod, pod.print_pod),
    ("", "ReplicationController"): (_replication_controller, core.print_replication_controller),
    ("", "Service"): (_service, core.print_service),
    ("", "Endpoints"): (_endpoints, core.print_endpoints),
    ("", "Node"): (_node, core.print_node),
    ("", "Event"): (_event, core.print_event),
    ("", "Namespace"): (_namespace, core.print_namespace),
    ("", "Secret"): (_secret, core.print_secret),
    ("", "ServiceAccount"): (_service_account, core.print_service_account),
    ("", "ConfigMap"): (_config_map, core.print_config_map),
    ("", "PersistentVolume"): (_persistent_volume, storage.print_persistent_volume),
    ("", "PersistentVolumeClaim"): (_persistent_volume_claim, storage.print_persistent_volume_claim),
    ("", "ResourceQuota"): (_resource_quota, core.print_resource_quota),
    ("apps", "ReplicaSet"): (_replica_set, apps.print_replica_set),
    ("apps", "DaemonSet"): (_daemon_set, apps.print_daemon_set),
    ("apps", "Deployment"): (_deployment, apps.print_deployment),
    ("apps", "StatefulSet"): (_stateful_set, apps.print_stateful_set),
    ("apps", "ControllerRevision"): (_controller_revision, apps.print_controller_revision),
    ("batch", "Job"): (_job, batch.print_job),
    ("batch", "CronJob"): (_cron_job, batch.print_cron_job),
    ("autoscaling", "HorizontalPodAutoscaler"): (_horizontal_pod_autoscaler,
                                                 autoscaling.print_horizontal_pod_autoscaler),
    ("policy", "PodDisruptionBudget"): (_pod_disruption_budget, cluster.print_pod_disruption_budget),
    ("scheduling.k8s.io", "PriorityClass"): (_priority_class, cluster.print_priority_class),
    ("coordination.k8s.io", "Lease"): (_lease, cluster.print_lease),
    ("rbac.authorization.k8s.io", "RoleBinding"): (_role_binding, cluster.print_role_binding),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): (_cluster_role_binding,
                                                          cluster.print_cluster_role_binding),
    ("networking.k8s.io", "NetworkPolicy"): (_network_policy, networking.print_network_policy),
    ("networking.k8s.io", "Ingress"): (_ingress, networking.print_ingress),
    ("networking.k8s.io", "IngressClass"): (_ingress_class, networking.print_ingress_class),
    ("discovery.k8s.io", "EndpointSlice"): (_endpoint_slice, networking.print_endpoint_slice),
    ("storage.k8s.io", "StorageClass"): (_storage_class, storage.print_storage_class),
}


@cache
def handler_columns(group: str, kind: str) -> tuple[Column, ...] | None:
    """The registered column definitions of a kind, or None when it has no printer."""
    entry = HANDLERS.get((group, kind))
    return None if entry is None else tuple(entry[0]())


def print_func(group: str, kind: str) -> PrintFunc | None:
    entry = HANDLERS.get((group, kind))
    return None if entry is None else entry[1]
