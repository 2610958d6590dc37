"""Defaulting for core/v1 objects, in wire shape.

Each ``set_defaults_*`` mirrors one hand-written SetDefaults_* function; each
``set_object_defaults_*`` mirrors the generated SetObjectDefaults_* that walks an object
and calls them in upstream's order. Fields upstream defaults declaratively (``+default``
tags, inlined by defaulter-gen) are filled in the walk, exactly where the generated code
fills them.

A Go value struct that is absent from the dict is created, because Go would default
its zero value and serialise the result; a pointer struct is only walked when present.
A ``None`` counts as absent.

This module holds the defaulters of the core/v1 kinds other than Pod and PodTemplate,
and RegisterDefaults; a pod's defaulters and the PodSpec walk live in ``core_pod`` and
are re-exported here.

Upstream: pkg/apis/core/v1/defaults.go, pkg/apis/core/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import wire
from kubelab.api.defaults.core_pod import (
    CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE,
    DEFAULT_SCHEDULER_NAME,
    DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
    DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE,
    PROJECTED_VOLUME_SOURCE_DEFAULT_MODE,
    SECRET_VOLUME_SOURCE_DEFAULT_MODE,
    TERMINATION_MESSAGE_PATH_DEFAULT,
    _pvc_spec_defaults,
    _set_iscsi_defaults,
    _set_rbd_defaults,
    default_host_network_ports,
    default_huge_page_pod_limits,
    default_pod_requests,
    set_defaults_azure_disk_volume_source,
    set_defaults_config_map_volume_source,
    set_defaults_container,
    set_defaults_downward_api_volume_source,
    set_defaults_ephemeral_container,
    set_defaults_host_path_volume_source,
    set_defaults_http_get_action,
    set_defaults_object_field_selector,
    set_defaults_persistent_volume_claim_spec,
    set_defaults_pod,
    set_defaults_pod_spec,
    set_defaults_probe,
    set_defaults_projected_volume_source,
    set_defaults_resource_list,
    set_defaults_scale_io_volume_source,
    set_defaults_secret_volume_source,
    set_defaults_service_account_token_projection,
    set_defaults_volume,
    set_object_defaults_pod,
    set_object_defaults_pod_template,
    set_pod_spec_object_defaults,
    set_pod_template_spec_object_defaults,
)

Obj = dict[str, Any]

DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 10800
LABEL_METADATA_NAME = "kubernetes.io/metadata.name"


# -- hand-written defaulters -------------------------------------------------------------


def set_defaults_replication_controller(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ReplicationController"""
    spec = wire.value_struct(obj, "spec")
    template = wire.ptr(spec, "template")
    labels = wire.ptr(wire.ptr(template, "metadata") or {}, "labels") if template else None
    if labels:  # an empty map upstream copies is dropped on the wire (omitempty)
        if not spec.get("selector"):
            spec["selector"] = dict(labels)
        meta = wire.value_struct(obj, "metadata")
        if not meta.get("labels"):
            meta["labels"] = dict(labels)


def externally_accessible(service: Obj) -> bool:
    """Mirrors: pkg/api/v1/service/util.go :: ExternallyAccessible"""
    spec = service.get("spec") or {}
    t = spec.get("type")
    return t in ("LoadBalancer", "NodePort") or (t == "ClusterIP" and bool(spec.get("externalIPs")))


def set_defaults_service(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Service"""
    spec = wire.value_struct(obj, "spec")
    if wire.unset(spec, "sessionAffinity"):
        spec["sessionAffinity"] = "None"
    if spec["sessionAffinity"] == "None":
        spec.pop("sessionAffinityConfig", None)
    if spec["sessionAffinity"] == "ClientIP":
        client_ip = wire.ptr(wire.ptr(spec, "sessionAffinityConfig") or {}, "clientIP")
        if client_ip is None or client_ip.get("timeoutSeconds") is None:
            spec["sessionAffinityConfig"] = {
                "clientIP": {"timeoutSeconds": DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS}
            }
    if wire.unset(spec, "type"):
        spec["type"] = "ClusterIP"
    for sp in wire.items(spec, "ports"):
        if wire.unset(sp, "protocol"):
            sp["protocol"] = "TCP"
        if sp.get("targetPort") in (None, 0, ""):
            sp["targetPort"] = sp.get("port", 0)
    if externally_accessible(obj) and wire.unset(spec, "externalTrafficPolicy"):
        spec["externalTrafficPolicy"] = "Cluster"
    if spec.get("internalTrafficPolicy") is None and spec["type"] in ("NodePort", "LoadBalancer", "ClusterIP"):
        spec["internalTrafficPolicy"] = "Cluster"
    if spec["type"] == "LoadBalancer":
        if spec.get("allocateLoadBalancerNodePorts") is None:
            spec["allocateLoadBalancerNodePorts"] = True
        lb = wire.ptr(wire.ptr(obj, "status") or {}, "loadBalancer") or {}
        for ing in wire.items(lb, "ingress"):
            if ing.get("ip") and ing.get("ipMode") is None:
                ing["ipMode"] = "VIP"


def set_defaults_secret(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Secret"""
    if wire.unset(obj, "type"):
        obj["type"] = "Opaque"


def set_defaults_persistent_volume(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PersistentVolume"""
    status = wire.value_struct(obj, "status")
    if wire.unset(status, "phase"):
        status["phase"] = "Pending"
    spec = wire.value_struct(obj, "spec")
    if wire.unset(spec, "persistentVolumeReclaimPolicy"):
        spec["persistentVolumeReclaimPolicy"] = "Retain"
    if spec.get("volumeMode") is None:
        spec["volumeMode"] = "Filesystem"


def set_defaults_persistent_volume_claim(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PersistentVolumeClaim"""
    status = wire.value_struct(obj, "status")
    if wire.unset(status, "phase"):
        status["phase"] = "Pending"


def set_defaults_endpoints(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Endpoints"""
    for ss in wire.items(obj, "subsets"):
        for ep in wire.items(ss, "ports"):
            if wire.unset(ep, "protocol"):
                ep["protocol"] = "TCP"


def set_defaults_namespace(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Namespace"""
    meta = wire.ptr(obj, "metadata")
    name = meta.get("name") if meta else None
    if meta is not None and name:
        labels = wire.ptr(meta, "labels")
        if labels is None:
            labels = meta["labels"] = {}
        labels[LABEL_METADATA_NAME] = name


def set_defaults_namespace_status(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_NamespaceStatus"""
    if wire.unset(obj, "phase"):
        obj["phase"] = "Active"


def set_defaults_node_status(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_NodeStatus"""
    capacity = wire.ptr(obj, "capacity")
    if obj.get("allocatable") is None and capacity is not None:
        obj["allocatable"] = dict(capacity)


def set_defaults_limit_range_item(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_LimitRangeItem

    Differences: an empty ``default``/``defaultRequest`` map upstream makes is omitted on
    the wire (omitempty), so it is only written when it gained entries.
    """
    if obj.get("type") != "Container":
        return
    default = dict(wire.ptr(obj, "default") or {})
    default_request = dict(wire.ptr(obj, "defaultRequest") or {})
    for key, value in (wire.ptr(obj, "max") or {}).items():
        default.setdefault(key, value)
    for key, value in default.items():
        default_request.setdefault(key, value)
    for key, value in (wire.ptr(obj, "min") or {}).items():
        default_request.setdefault(key, value)
    if default:
        obj["default"] = default
    if default_request:
        obj["defaultRequest"] = default_request


# -- the generated walks -----------------------------------------------------------------


def set_object_defaults_replication_controller(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_ReplicationController"""
    set_defaults_replication_controller(obj)
    spec = wire.value_struct(obj, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    template = wire.ptr(spec, "template")
    if template is not None:
        set_pod_template_spec_object_defaults(template)


def set_object_defaults_service(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Service"""
    set_defaults_service(obj)


def set_object_defaults_endpoints(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Endpoints"""
    set_defaults_endpoints(obj)


def set_object_defaults_secret(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Secret"""
    set_defaults_secret(obj)


def set_object_defaults_limit_range(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_LimitRange"""
    for item in wire.items(obj.get("spec"), "limits"):
        set_defaults_limit_range_item(item)
        for key in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            set_defaults_resource_list(wire.ptr(item, key))


def set_object_defaults_namespace(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Namespace"""
    set_defaults_namespace(obj)
    set_defaults_namespace_status(wire.value_struct(obj, "status"))


def set_object_defaults_node(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Node"""
    status = wire.value_struct(obj, "status")
    set_defaults_node_status(status)
    set_defaults_resource_list(wire.ptr(status, "capacity"))
    set_defaults_resource_list(wire.ptr(status, "allocatable"))


def set_object_defaults_persistent_volume(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_PersistentVolume"""
    set_defaults_persistent_volume(obj)
    spec = wire.value_struct(obj, "spec")
    set_defaults_resource_list(wire.ptr(spec, "capacity"))
    for key, fn in (("hostPath", set_defaults_host_path_volume_source), ("rbd", _set_rbd_defaults),
                    ("iscsi", _set_iscsi_defaults), ("azureDisk", set_defaults_azure_disk_volume_source),
                    ("scaleIO", set_defaults_scale_io_volume_source)):
        src = wire.ptr(spec, key)
        if src is not None:
            fn(src)


def set_object_defaults_persistent_volume_claim(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_PersistentVolumeClaim"""
    set_defaults_persistent_volume_claim(obj)
    _pvc_spec_defaults(wire.value_struct(obj, "spec"))
    status = wire.value_struct(obj, "status")
    set_defaults_resource_list(wire.ptr(status, "capacity"))
    set_defaults_resource_list(wire.ptr(status, "allocatedResources"))


def set_object_defaults_resource_quota(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_ResourceQuota"""
    set_defaults_resource_list(wire.ptr(obj.get("spec") or {}, "hard"))
    status = wire.ptr(obj, "status") or {}
    set_defaults_resource_list(wire.ptr(status, "hard"))
    set_defaults_resource_list(wire.ptr(status, "used"))


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: RegisterDefaults

    Differences: ConfigMap is not registered: its only defaulter makes an empty ``data``
    map, which ``omitempty`` drops on the wire.
    """
    for kind, fn in (
        ("Endpoints", set_object_defaults_endpoints),
        ("LimitRange", set_object_defaults_limit_range),
        ("Namespace", set_object_defaults_namespace),
        ("Node", set_object_defaults_node),
        ("PersistentVolume", set_object_defaults_persistent_volume),
        ("PersistentVolumeClaim", set_object_defaults_persistent_volume_claim),
        ("Pod", set_object_defaults_pod),
        ("PodTemplate", set_object_defaults_pod_template),
        ("ReplicationController", set_object_defaults_replication_controller),
        ("ResourceQuota", set_object_defaults_resource_quota),
        ("Secret", set_object_defaults_secret),
        ("Service", set_object_defaults_service),
    ):
        scheme[("v1", kind)] = fn


__all__ = [
    "CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE", "DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS",
    "DEFAULT_SCHEDULER_NAME", "DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS",
    "DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE", "LABEL_METADATA_NAME", "Obj",
    "PROJECTED_VOLUME_SOURCE_DEFAULT_MODE", "SECRET_VOLUME_SOURCE_DEFAULT_MODE",
    "TERMINATION_MESSAGE_PATH_DEFAULT", "default_host_network_ports",
    "default_huge_page_pod_limits", "default_pod_requests", "externally_accessible",
    "register_defaults", "set_defaults_azure_disk_volume_source",
    "set_defaults_config_map_volume_source", "set_defaults_container",
    "set_defaults_downward_api_volume_source", "set_defaults_endpoints",
    "set_defaults_ephemeral_container", "set_defaults_host_path_volume_source",
    "set_defaults_http_get_action", "set_defaults_limit_range_item",
    "set_defaults_namespace", "set_defaults_namespace_status", "set_defaults_node_status",
    "set_defaults_object_field_selector", "set_defaults_persistent_volume",
    "set_defaults_persistent_volume_claim", "set_defaults_persistent_volume_claim_spec",
    "set_defaults_pod", "set_defaults_pod_spec", "set_defaults_probe",
    "set_defaults_projected_volume_source", "set_defaults_replication_controller",
    "set_defaults_resource_list", "set_defaults_scale_io_volume_source",
    "set_defaults_secret", "set_defaults_secret_volume_source", "set_defaults_service",
    "set_defaults_service_account_token_projection", "set_defaults_volume",
    "set_object_defaults_endpoints", "set_object_defaults_limit_range",
    "set_object_defaults_namespace", "set_object_defaults_node",
    "set_object_defaults_persistent_volume", "set_object_defaults_persistent_volume_claim",
    "set_object_defaults_pod", "set_object_defaults_pod_template",
    "set_object_defaults_replication_controller", "set_object_defaults_resource_quota",
    "set_object_defaults_secret", "set_object_defaults_service",
    "set_pod_spec_object_defaults", "set_pod_template_spec_object_defaults",
]
