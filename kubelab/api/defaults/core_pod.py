"""Defaulting for Pods, their containers and volumes (core/v1), in wire shape.

The hand-written SetDefaults_* of a pod's parts (PodSpec, Container, Probe, volume
sources, resource lists, pod-level resources) and the generated walk that every object
holding a PodSpec repeats. ``core`` defaults the other core/v1 kinds, registers them all,
and re-exports everything here; its docstring says how value structs and ``None`` are
treated.

Upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Pod, SetDefaults_PodSpec,
SetDefaults_Container, SetDefaults_Volume, ...), pkg/apis/core/v1/zz_generated.defaults.go
(SetObjectDefaults_Pod, SetObjectDefaults_PodTemplate)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kubelab.api.defaults import parsers, resource_helpers, wire
from kubelab.api.defaults.features import enabled
from kubelab.api.quantity import parse_quantity

Obj = dict[str, Any]

DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30
DEFAULT_SCHEDULER_NAME = "default-scheduler"
TERMINATION_MESSAGE_PATH_DEFAULT = "/dev/termination-log"
SECRET_VOLUME_SOURCE_DEFAULT_MODE = 0o644
CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE = 0o644
DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE = 0o644
PROJECTED_VOLUME_SOURCE_DEFAULT_MODE = 0o644


# -- quantities --------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _round_up_milli_text(text: str) -> str:
    q, _ = parse_quantity(text).round_up(-3)
    return str(q)


def _round_up_milli(value: Any) -> Any:
    try:
        if isinstance(value, str):
            return _round_up_milli_text(value)
        q, _ = parse_quantity(value).round_up(-3)
        return str(q)
    except ValueError:
        return value  # not decoded yet: leave it for validation to report


def set_defaults_resource_list(obj: Obj | None) -> None:
    """Round every quantity up to milli precision, in its canonical text.

    Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ResourceList
    """
    if not isinstance(obj, dict):
        return
    for key, val in obj.items():
        obj[key] = _round_up_milli(val)


def _pull_policy_for(image: Any) -> str:
    _, tag, _ = parsers.parse_image_name(image) if isinstance(image, str) else ("", "", "")
    return "Always" if tag == "latest" else "IfNotPresent"


# -- hand-written defaulters -------------------------------------------------------------


_VOLUME_NON_SOURCE_KEYS = frozenset({"name"})


def set_defaults_volume(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Volume"""
    if all(k in _VOLUME_NON_SOURCE_KEYS or v is None for k, v in obj.items()):
        obj["emptyDir"] = {}
    image = wire.ptr(obj, "image")
    if enabled("ImageVolume") and image is not None and wire.unset(image, "pullPolicy"):
        image["pullPolicy"] = _pull_policy_for(image.get("reference"))


def set_defaults_container(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Container"""
    if wire.unset(obj, "imagePullPolicy"):
        obj["imagePullPolicy"] = _pull_policy_for(obj.get("image"))
    if wire.unset(obj, "terminationMessagePath"):
        obj["terminationMessagePath"] = TERMINATION_MESSAGE_PATH_DEFAULT
    if wire.unset(obj, "terminationMessagePolicy"):
        obj["terminationMessagePolicy"] = "File"


def set_defaults_ephemeral_container(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_EphemeralContainer"""
    set_defaults_container(obj)


def _fill_requests_from_limits(containers: list[Obj]) -> None:
    for c in containers:
        res = wire.ptr(c, "resources")
        limits = wire.ptr(res, "limits")
        if res is None or not limits:
            continue  # an empty map made here would be dropped on the wire (omitempty)
        requests = wire.ptr(res, "requests")
        if requests is None:
            requests = res["requests"] = {}
        for key, value in limits.items():
            if key not in requests:
                requests[key] = value


def set_defaults_pod(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Pod

    Differences: the pod-level limits defaulting that later releases add when every
    container sets a limit is not part of v1.34 and is not done.
    """
    spec = wire.value_struct(obj, "spec")
    _fill_requests_from_limits(wire.items(spec, "containers"))
    _fill_requests_from_limits(wire.items(spec, "initContainers"))
    if enabled("PodLevelResources"):
        default_huge_page_pod_limits(obj)
        default_pod_requests(obj)
    if spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True
    if spec.get("hostNetwork"):
        default_host_network_ports(wire.items(spec, "containers"))
        default_host_network_ports(wire.items(spec, "initContainers"))


def set_defaults_pod_spec(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PodSpec"""
    if wire.unset(obj, "dnsPolicy"):
        obj["dnsPolicy"] = "ClusterFirst"
    if wire.unset(obj, "restartPolicy"):
        obj["restartPolicy"] = "Always"
    if obj.get("securityContext") is None:
        obj["securityContext"] = {}
    if obj.get("terminationGracePeriodSeconds") is None:
        obj["terminationGracePeriodSeconds"] = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS
    if wire.unset(obj, "schedulerName"):
        obj["schedulerName"] = DEFAULT_SCHEDULER_NAME


def set_defaults_probe(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Probe"""
    for key, value in (("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1),
                       ("failureThreshold", 3)):
        if not obj.get(key):
            obj[key] = value


def _default_mode(obj: Obj, mode: int) -> None:
    if obj.get("defaultMode") is None:
        obj["defaultMode"] = mode


def set_defaults_secret_volume_source(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_SecretVolumeSource"""
    _default_mode(obj, SECRET_VOLUME_SOURCE_DEFAULT_MODE)


def set_defaults_config_map_volume_source(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ConfigMapVolumeSource"""
    _default_mode(obj, CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE)


def set_defaults_downward_api_volume_source(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_DownwardAPIVolumeSource"""
    _default_mode(obj, DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE)


def set_defaults_projected_volume_source(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ProjectedVolumeSource"""
    _default_mode(obj, PROJECTED_VOLUME_SOURCE_DEFAULT_MODE)


def set_defaults_service_account_token_projection(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ServiceAccountTokenProjection"""
    if obj.get("expirationSeconds") is None:
        obj["expirationSeconds"] = 3600


def set_defaults_persistent_volume_claim_spec(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PersistentVolumeClaimSpec"""
    if obj.get("volumeMode") is None:
        obj["volumeMode"] = "Filesystem"


def set_defaults_http_get_action(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_HTTPGetAction"""
    if wire.unset(obj, "path"):
        obj["path"] = "/"
    if wire.unset(obj, "scheme"):
        obj["scheme"] = "HTTP"


def set_defaults_object_field_selector(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ObjectFieldSelector"""
    if wire.unset(obj, "apiVersion"):
        obj["apiVersion"] = "v1"


def default_host_network_ports(containers: list[Obj]) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: defaultHostNetworkPorts"""
    for c in containers:
        for port in wire.items(c, "ports"):
            if not port.get("hostPort"):
                port["hostPort"] = port.get("containerPort", 0)


def set_defaults_host_path_volume_source(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_HostPathVolumeSource"""
    if obj.get("type") is None:
        obj["type"] = ""


def set_defaults_azure_disk_volume_source(obj: Obj) -> None:
    """Mirrors: the +default tags of k8s.io/api/core/v1 AzureDiskVolumeSource"""
    for key, value in (("cachingMode", "ReadWrite"), ("kind", "Shared"), ("fsType", "ext4"),
                       ("readOnly", False)):
        if obj.get(key) is None:
            obj[key] = value


def set_defaults_scale_io_volume_source(obj: Obj) -> None:
    """Mirrors: the +default tags of k8s.io/api/core/v1 ScaleIOVolumeSource"""
    if wire.unset(obj, "storageMode"):
        obj["storageMode"] = "ThinProvisioned"
    if wire.unset(obj, "fsType"):
        obj["fsType"] = "xfs"


def _set_iscsi_defaults(obj: Obj) -> None:
    if wire.unset(obj, "iscsiInterface"):
        obj["iscsiInterface"] = "default"


def _set_rbd_defaults(obj: Obj) -> None:
    for key, value in (("pool", "rbd"), ("user", "admin"), ("keyring", "/etc/ceph/keyring")):
        if wire.unset(obj, key):
            obj[key] = value


# -- pod-level resources (component-helpers/resource) -----------------------------------


def default_pod_requests(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: defaultPodRequests"""
    resources = wire.ptr(obj.get("spec") or {}, "resources")
    if resources is None or not resources.get("limits"):
        return
    pod_reqs = dict(wire.ptr(resources, "requests") or {})
    for key, q in resource_helpers.aggregate_container_resources(obj, "requests").items():
        if key not in pod_reqs and resource_helpers.is_supported_pod_level_resource(key) and resource_helpers.is_overcommit_allowed(key):
            pod_reqs[key] = str(q)
    for key, value in resources["limits"].items():
        if key not in pod_reqs and resource_helpers.is_supported_pod_level_resource(key):
            pod_reqs[key] = value
    if pod_reqs:
        resources["requests"] = pod_reqs


def default_huge_page_pod_limits(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: defaultHugePagePodLimits"""
    resources = wire.ptr(obj.get("spec") or {}, "resources")
    if resources is None or (not resources.get("limits") and not resources.get("requests")):
        return
    pod_lims = dict(wire.ptr(resources, "limits") or {})
    requests = wire.ptr(resources, "requests") or {}
    for key, q in resource_helpers.aggregate_container_resources(obj, "limits").items():
        if not resource_helpers.is_supported_pod_level_resource(key) or not resource_helpers.is_huge_page_resource_name(key):
            continue
        if key in requests:
            continue
        pod_lims.setdefault(key, str(q))
    if pod_lims:
        resources["limits"] = pod_lims


# -- the generated walks -----------------------------------------------------------------


def _volume_source_defaults(a: Obj) -> None:
    for key, fn in _VOLUME_SOURCE_DEFAULTERS:
        src = wire.ptr(a, key)
        if src is not None:
            fn(src)
    ephemeral = wire.ptr(a, "ephemeral")
    template = wire.ptr(ephemeral, "volumeClaimTemplate") if ephemeral else None
    if template is not None:
        _pvc_spec_defaults(wire.value_struct(template, "spec"))


def _downward_api_defaults(src: Obj) -> None:
    set_defaults_downward_api_volume_source(src)
    for item in wire.items(src, "items"):
        ref = wire.ptr(item, "fieldRef")
        if ref is not None:
            set_defaults_object_field_selector(ref)


def _projected_defaults(src: Obj) -> None:
    set_defaults_projected_volume_source(src)
    for source in wire.items(src, "sources"):
        downward = wire.ptr(source, "downwardAPI")
        for item in wire.items(downward, "items"):
            ref = wire.ptr(item, "fieldRef")
            if ref is not None:
                set_defaults_object_field_selector(ref)
        token = wire.ptr(source, "serviceAccountToken")
        if token is not None:
            set_defaults_service_account_token_projection(token)


_VOLUME_SOURCE_DEFAULTERS: tuple[tuple[str, Callable[[Obj], None]], ...] = (
    ("hostPath", set_defaults_host_path_volume_source),
    ("secret", set_defaults_secret_volume_source),
    ("iscsi", _set_iscsi_defaults),
    ("rbd", _set_rbd_defaults),
    ("downwardAPI", _downward_api_defaults),
    ("configMap", set_defaults_config_map_volume_source),
    ("azureDisk", set_defaults_azure_disk_volume_source),
    ("projected", _projected_defaults),
    ("scaleIO", set_defaults_scale_io_volume_source),
)


def _pvc_spec_defaults(spec: Obj) -> None:
    set_defaults_persistent_volume_claim_spec(spec)
    resources = wire.ptr(spec, "resources")
    if resources is not None:
        set_defaults_resource_list(wire.ptr(resources, "limits"))
        set_defaults_resource_list(wire.ptr(resources, "requests"))


def _probe_defaults(probe: Obj | None) -> None:
    if probe is None:
        return
    set_defaults_probe(probe)
    http_get = wire.ptr(probe, "httpGet")
    if http_get is not None:
        set_defaults_http_get_action(http_get)
    grpc = wire.ptr(probe, "grpc")
    if grpc is not None and grpc.get("service") is None:
        grpc["service"] = ""


def _container_defaults(a: Obj, ephemeral: bool = False) -> None:
    (set_defaults_ephemeral_container if ephemeral else set_defaults_container)(a)
    for port in wire.items(a, "ports"):
        if wire.unset(port, "protocol"):
            port["protocol"] = "TCP"
    for env in wire.items(a, "env"):
        value_from = wire.ptr(env, "valueFrom")
        ref = wire.ptr(value_from, "fieldRef") if value_from else None
        if ref is not None:
            set_defaults_object_field_selector(ref)
    resources = wire.ptr(a, "resources")
    if resources is not None:
        set_defaults_resource_list(wire.ptr(resources, "limits"))
        set_defaults_resource_list(wire.ptr(resources, "requests"))
    for key in ("livenessProbe", "readinessProbe", "startupProbe"):
        _probe_defaults(wire.ptr(a, key))
    lifecycle = wire.ptr(a, "lifecycle")
    if lifecycle is not None:
        for key in ("postStart", "preStop"):
            handler = wire.ptr(lifecycle, key)
            http_get = wire.ptr(handler, "httpGet") if handler else None
            if http_get is not None:
                set_defaults_http_get_action(http_get)


def set_pod_spec_object_defaults(spec: Obj) -> None:
    """Default a PodSpec and everything nested in it.

    Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: the block every
    SetObjectDefaults_* that holds a PodSpec repeats (SetDefaults_PodSpec, volumes,
    init/regular/ephemeral containers, overhead).
    """
    set_defaults_pod_spec(spec)
    for volume in wire.items(spec, "volumes"):
        set_defaults_volume(volume)
        _volume_source_defaults(volume)
    for c in wire.items(spec, "initContainers"):
        _container_defaults(c)
    for c in wire.items(spec, "containers"):
        _container_defaults(c)
    for c in wire.items(spec, "ephemeralContainers"):
        _container_defaults(c, ephemeral=True)
    set_defaults_resource_list(wire.ptr(spec, "overhead"))


def set_pod_template_spec_object_defaults(template: Obj) -> None:
    """The generated walk of a PodTemplateSpec value field (its spec always exists)."""
    set_pod_spec_object_defaults(wire.value_struct(template, "spec"))


def _container_status_defaults(status: Obj) -> None:
    for key in ("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"):
        for a in wire.items(status, key):
            set_defaults_resource_list(wire.ptr(a, "allocatedResources"))
            resources = wire.ptr(a, "resources")
            if resources is not None:
                set_defaults_resource_list(wire.ptr(resources, "limits"))
                set_defaults_resource_list(wire.ptr(resources, "requests"))


def set_object_defaults_pod(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Pod"""
    set_defaults_pod(obj)
    set_pod_spec_object_defaults(wire.value_struct(obj, "spec"))
    status = wire.ptr(obj, "status")
    if status is not None:
        _container_status_defaults(status)


def set_object_defaults_pod_template(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_PodTemplate"""
    set_pod_template_spec_object_defaults(wire.value_struct(obj, "template"))
