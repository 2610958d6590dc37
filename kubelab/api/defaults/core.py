"""Defaulting for core/v1 objects, in wire shape.

Each ``set_defaults_*`` mirrors one hand-written SetDefaults_* function; each
``set_object_defaults_*`` mirrors the generated SetObjectDefaults_* that walks an object
and calls them in upstream's order. Fields upstream defaults declaratively (``+default``
tags, inlined by defaulter-gen) are filled in the walk, exactly where the generated code
fills them.

A Go value struct that is absent from the dict is created, because Go would default
its zero value and serialise the result; a pointer struct is only walked when present.
A ``None`` counts as absent.

Upstream: pkg/apis/core/v1/defaults.go, pkg/apis/core/v1/zz_generated.defaults.go
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kubelab.api.defaults.features import enabled
from kubelab.api.quantity import Quantity, parse_quantity

Obj = dict[str, Any]

DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30
DEFAULT_SCHEDULER_NAME = "default-scheduler"
DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 10800
TERMINATION_MESSAGE_PATH_DEFAULT = "/dev/termination-log"
SECRET_VOLUME_SOURCE_DEFAULT_MODE = 0o644
CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE = 0o644
DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE = 0o644
PROJECTED_VOLUME_SOURCE_DEFAULT_MODE = 0o644
LABEL_METADATA_NAME = "kubernetes.io/metadata.name"
RESOURCE_HUGE_PAGES_PREFIX = "hugepages-"


def _struct(parent: Obj, key: str) -> Obj:
    """The value struct at ``key``, created when absent (Go's zero value)."""
    v = parent.get(key)
    if not isinstance(v, dict):
        v = parent[key] = {}
    return v


def _items(parent: Obj | None, key: str) -> list[Obj]:
    if not isinstance(parent, dict):
        return []
    v = parent.get(key)
    if not isinstance(v, list):
        return []
    return [x for x in v if isinstance(x, dict)]


def _ptr(parent: Obj, key: str) -> Obj | None:
    v = parent.get(key)
    return v if isinstance(v, dict) else None


def _unset(parent: Obj, key: str) -> bool:
    """True when a string or pointer field is nil or empty ("" / None / absent)."""
    v = parent.get(key)
    return v is None or v == ""


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


# -- image names -------------------------------------------------------------------------

_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_REFERENCE = re.compile(
    rf"^(?P<name>(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?"
    r"(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$"
)


@lru_cache(maxsize=4096)
def parse_image_name(image: str) -> tuple[str, str, str]:
    """(repository, tag, digest) of an image reference; ("", "", "") when it is invalid.

    Mirrors: pkg/util/parsers/parsers.go :: ParseImageName (a reference with neither
    tag nor digest gets the tag "latest").

    Differences: Docker Hub name normalisation (``docker.io/library/``) is not applied
    to the returned repository; only the tag and digest matter to defaulting.
    """
    m = _REFERENCE.match(image)
    if m is None or len(m.group("name")) > 255:
        return "", "", ""
    tag, digest = m.group("tag") or "", m.group("digest") or ""
    if not tag and not digest:
        tag = "latest"
    return m.group("name"), tag, digest


def _pull_policy_for(image: Any) -> str:
    _, tag, _ = parse_image_name(image) if isinstance(image, str) else ("", "", "")
    return "Always" if tag == "latest" else "IfNotPresent"


# -- hand-written defaulters -------------------------------------------------------------


def set_defaults_replication_controller(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ReplicationController"""
    spec = _struct(obj, "spec")
    template = _ptr(spec, "template")
    labels = _ptr(_ptr(template, "metadata") or {}, "labels") if template else None
    if labels:  # an empty map upstream copies is dropped on the wire (omitempty)
        if not spec.get("selector"):
            spec["selector"] = dict(labels)
        meta = _struct(obj, "metadata")
        if not meta.get("labels"):
            meta["labels"] = dict(labels)


_VOLUME_NON_SOURCE_KEYS = frozenset({"name"})


def set_defaults_volume(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Volume"""
    if all(k in _VOLUME_NON_SOURCE_KEYS or v is None for k, v in obj.items()):
        obj["emptyDir"] = {}
    image = _ptr(obj, "image")
    if enabled("ImageVolume") and image is not None and _unset(image, "pullPolicy"):
        image["pullPolicy"] = _pull_policy_for(image.get("reference"))


def set_defaults_container(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Container"""
    if _unset(obj, "imagePullPolicy"):
        obj["imagePullPolicy"] = _pull_policy_for(obj.get("image"))
    if _unset(obj, "terminationMessagePath"):
        obj["terminationMessagePath"] = TERMINATION_MESSAGE_PATH_DEFAULT
    if _unset(obj, "terminationMessagePolicy"):
        obj["terminationMessagePolicy"] = "File"


def set_defaults_ephemeral_container(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_EphemeralContainer"""
    set_defaults_container(obj)


def externally_accessible(service: Obj) -> bool:
    """Mirrors: pkg/api/v1/service/util.go :: ExternallyAccessible"""
    spec = service.get("spec") or {}
    t = spec.get("type")
    return t in ("LoadBalancer", "NodePort") or (t == "ClusterIP" and bool(spec.get("externalIPs")))


def set_defaults_service(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Service"""
    spec = _struct(obj, "spec")
    if _unset(spec, "sessionAffinity"):
        spec["sessionAffinity"] = "None"
    if spec["sessionAffinity"] == "None":
        spec.pop("sessionAffinityConfig", None)
    if spec["sessionAffinity"] == "ClientIP":
        client_ip = _ptr(_ptr(spec, "sessionAffinityConfig") or {}, "clientIP")
        if client_ip is None or client_ip.get("timeoutSeconds") is None:
            spec["sessionAffinityConfig"] = {
                "clientIP": {"timeoutSeconds": DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS}
            }
    if _unset(spec, "type"):
        spec["type"] = "ClusterIP"
    for sp in _items(spec, "ports"):
        if _unset(sp, "protocol"):
            sp["protocol"] = "TCP"
        if sp.get("targetPort") in (None, 0, ""):
            sp["targetPort"] = sp.get("port", 0)
    if externally_accessible(obj) and _unset(spec, "externalTrafficPolicy"):
        spec["externalTrafficPolicy"] = "Cluster"
    if spec.get("internalTrafficPolicy") is None and spec["type"] in ("NodePort", "LoadBalancer", "ClusterIP"):
        spec["internalTrafficPolicy"] = "Cluster"
    if spec["type"] == "LoadBalancer":
        if spec.get("allocateLoadBalancerNodePorts") is None:
            spec["allocateLoadBalancerNodePorts"] = True
        lb = _ptr(_ptr(obj, "status") or {}, "loadBalancer") or {}
        for ing in _items(lb, "ingress"):
            if ing.get("ip") and ing.get("ipMode") is None:
                ing["ipMode"] = "VIP"


def _fill_requests_from_limits(containers: list[Obj]) -> None:
    for c in containers:
        res = _ptr(c, "resources")
        limits = _ptr(res, "limits") if res else None
        if not limits:
            continue  # an empty map made here would be dropped on the wire (omitempty)
        requests = _ptr(res, "requests")  # type: ignore[arg-type]
        if requests is None:
            requests = res["requests"] = {}  # type: ignore[index]
        for key, value in limits.items():
            if key not in requests:
                requests[key] = value


def set_defaults_pod(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Pod

    Differences: the pod-level limits defaulting that later releases add when every
    container sets a limit is not part of v1.34 and is not done.
    """
    spec = _struct(obj, "spec")
    _fill_requests_from_limits(_items(spec, "containers"))
    _fill_requests_from_limits(_items(spec, "initContainers"))
    if enabled("PodLevelResources"):
        default_huge_page_pod_limits(obj)
        default_pod_requests(obj)
    if spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True
    if spec.get("hostNetwork"):
        default_host_network_ports(_items(spec, "containers"))
        default_host_network_ports(_items(spec, "initContainers"))


def set_defaults_pod_spec(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PodSpec"""
    if _unset(obj, "dnsPolicy"):
        obj["dnsPolicy"] = "ClusterFirst"
    if _unset(obj, "restartPolicy"):
        obj["restartPolicy"] = "Always"
    if obj.get("securityContext") is None:
        obj["securityContext"] = {}
    if obj.get("terminationGracePeriodSeconds") is None:
        obj["terminationGracePeriodSeconds"] = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS
    if _unset(obj, "schedulerName"):
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


def set_defaults_secret(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Secret"""
    if _unset(obj, "type"):
        obj["type"] = "Opaque"


def set_defaults_persistent_volume(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PersistentVolume"""
    status = _struct(obj, "status")
    if _unset(status, "phase"):
        status["phase"] = "Pending"
    spec = _struct(obj, "spec")
    if _unset(spec, "persistentVolumeReclaimPolicy"):
        spec["persistentVolumeReclaimPolicy"] = "Retain"
    if spec.get("volumeMode") is None:
        spec["volumeMode"] = "Filesystem"


def set_defaults_persistent_volume_claim(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PersistentVolumeClaim"""
    status = _struct(obj, "status")
    if _unset(status, "phase"):
        status["phase"] = "Pending"


def set_defaults_persistent_volume_claim_spec(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_PersistentVolumeClaimSpec"""
    if obj.get("volumeMode") is None:
        obj["volumeMode"] = "Filesystem"


def set_defaults_endpoints(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Endpoints"""
    for ss in _items(obj, "subsets"):
        for ep in _items(ss, "ports"):
            if _unset(ep, "protocol"):
                ep["protocol"] = "TCP"


def set_defaults_http_get_action(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_HTTPGetAction"""
    if _unset(obj, "path"):
        obj["path"] = "/"
    if _unset(obj, "scheme"):
        obj["scheme"] = "HTTP"


def set_defaults_namespace(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_Namespace"""
    meta = _ptr(obj, "metadata")
    name = meta.get("name") if meta else None
    if name:
        labels = _ptr(meta, "labels")  # type: ignore[arg-type]
        if labels is None:
            labels = meta["labels"] = {}  # type: ignore[index]
        labels[LABEL_METADATA_NAME] = name


def set_defaults_namespace_status(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_NamespaceStatus"""
    if _unset(obj, "phase"):
        obj["phase"] = "Active"


def set_defaults_node_status(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_NodeStatus"""
    capacity = _ptr(obj, "capacity")
    if obj.get("allocatable") is None and capacity is not None:
        obj["allocatable"] = dict(capacity)


def set_defaults_object_field_selector(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_ObjectFieldSelector"""
    if _unset(obj, "apiVersion"):
        obj["apiVersion"] = "v1"


def set_defaults_limit_range_item(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_LimitRangeItem

    Differences: an empty ``default``/``defaultRequest`` map upstream makes is omitted on
    the wire (omitempty), so it is only written when it gained entries.
    """
    if obj.get("type") != "Container":
        return
    default = dict(_ptr(obj, "default") or {})
    default_request = dict(_ptr(obj, "defaultRequest") or {})
    for key, value in (_ptr(obj, "max") or {}).items():
        default.setdefault(key, value)
    for key, value in default.items():
        default_request.setdefault(key, value)
    for key, value in (_ptr(obj, "min") or {}).items():
        default_request.setdefault(key, value)
    if default:
        obj["default"] = default
    if default_request:
        obj["defaultRequest"] = default_request


def default_host_network_ports(containers: list[Obj]) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: defaultHostNetworkPorts"""
    for c in containers:
        for port in _items(c, "ports"):
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
    if _unset(obj, "storageMode"):
        obj["storageMode"] = "ThinProvisioned"
    if _unset(obj, "fsType"):
        obj["fsType"] = "xfs"


def _set_iscsi_defaults(obj: Obj) -> None:
    if _unset(obj, "iscsiInterface"):
        obj["iscsiInterface"] = "default"


def _set_rbd_defaults(obj: Obj) -> None:
    for key, value in (("pool", "rbd"), ("user", "admin"), ("keyring", "/etc/ceph/keyring")):
        if _unset(obj, key):
            obj[key] = value


# -- pod-level resources (component-helpers/resource) -----------------------------------


def _quantities(rl: Obj | None) -> dict[str, Quantity]:
    out: dict[str, Quantity] = {}
    for key, value in (rl or {}).items():
        try:
            out[key] = parse_quantity(value)
        except ValueError:
            continue
    return out


def _add_resource_list(into: dict[str, Quantity], rl: dict[str, Quantity]) -> None:
    for key, q in rl.items():
        into[key] = into[key] + q if key in into else q


def _max_resource_list(into: dict[str, Quantity], rl: dict[str, Quantity]) -> None:
    for key, q in rl.items():
        if key not in into or q.cmp(into[key]) > 0:
            into[key] = q


def _aggregate_containers(pod: Obj, which: str) -> dict[str, Quantity]:
    """Sum of the containers' requests (or limits), sidecar-aware.

    Mirrors: component-helpers/resource/helpers.go :: AggregateContainerRequests and
    AggregateContainerLimits

    Differences: only the default options (no status resources, no reuse, no overhead).
    """
    spec = pod.get("spec") or {}
    total: dict[str, Quantity] = {}
    for c in _items(spec, "containers"):
        _add_resource_list(total, _quantities(_ptr(c.get("resources") or {}, which)))
    restartable: dict[str, Quantity] = {}
    init_max: dict[str, Quantity] = {}
    for c in _items(spec, "initContainers"):
        own = _quantities(_ptr(c.get("resources") or {}, which))
        if c.get("restartPolicy") == "Always":
            _add_resource_list(total, own)
            _add_resource_list(restartable, own)
            candidate = restartable
        else:
            candidate = dict(own)
            _add_resource_list(candidate, restartable)
        _max_resource_list(init_max, candidate)
    _max_resource_list(total, init_max)
    return total


def is_huge_page_resource_name(name: str) -> bool:
    """Mirrors: pkg/apis/core/v1/helper/helpers.go :: IsHugePageResourceName"""
    return name.startswith(RESOURCE_HUGE_PAGES_PREFIX)


def is_supported_pod_level_resource(name: str) -> bool:
    """Mirrors: component-helpers/resource/helpers.go :: IsSupportedPodLevelResource"""
    return name in ("cpu", "memory") or is_huge_page_resource_name(name)


def is_overcommit_allowed(name: str) -> bool:
    """Mirrors: pkg/apis/core/v1/helper/helpers.go :: IsOvercommitAllowed"""
    native = "/" not in name or name.startswith("kubernetes.io/")
    return native and not is_huge_page_resource_name(name)


def default_pod_requests(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: defaultPodRequests"""
    resources = _ptr(obj.get("spec") or {}, "resources")
    if resources is None or not resources.get("limits"):
        return
    pod_reqs = dict(_ptr(resources, "requests") or {})
    for key, q in _aggregate_containers(obj, "requests").items():
        if key not in pod_reqs and is_supported_pod_level_resource(key) and is_overcommit_allowed(key):
            pod_reqs[key] = str(q)
    for key, value in resources["limits"].items():
        if key not in pod_reqs and is_supported_pod_level_resource(key):
            pod_reqs[key] = value
    if pod_reqs:
        resources["requests"] = pod_reqs


def default_huge_page_pod_limits(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/defaults.go :: defaultHugePagePodLimits"""
    resources = _ptr(obj.get("spec") or {}, "resources")
    if resources is None or (not resources.get("limits") and not resources.get("requests")):
        return
    pod_lims = dict(_ptr(resources, "limits") or {})
    requests = _ptr(resources, "requests") or {}
    for key, q in _aggregate_containers(obj, "limits").items():
        if not is_supported_pod_level_resource(key) or not is_huge_page_resource_name(key):
            continue
        if key in requests:
            continue
        pod_lims.setdefault(key, str(q))
    if pod_lims:
        resources["limits"] = pod_lims


# -- the generated walks -----------------------------------------------------------------


def _volume_source_defaults(a: Obj) -> None:
    for key, fn in _VOLUME_SOURCE_DEFAULTERS:
        src = _ptr(a, key)
        if src is not None:
            fn(src)
    ephemeral = _ptr(a, "ephemeral")
    template = _ptr(ephemeral, "volumeClaimTemplate") if ephemeral else None
    if template is not None:
        _pvc_spec_defaults(_struct(template, "spec"))


def _downward_api_defaults(src: Obj) -> None:
    set_defaults_downward_api_volume_source(src)
    for item in _items(src, "items"):
        ref = _ptr(item, "fieldRef")
        if ref is not None:
            set_defaults_object_field_selector(ref)


def _projected_defaults(src: Obj) -> None:
    set_defaults_projected_volume_source(src)
    for source in _items(src, "sources"):
        downward = _ptr(source, "downwardAPI")
        for item in _items(downward, "items"):
            ref = _ptr(item, "fieldRef")
            if ref is not None:
                set_defaults_object_field_selector(ref)
        token = _ptr(source, "serviceAccountToken")
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
    resources = _ptr(spec, "resources")
    if resources is not None:
        set_defaults_resource_list(_ptr(resources, "limits"))
        set_defaults_resource_list(_ptr(resources, "requests"))


def _probe_defaults(probe: Obj | None) -> None:
    if probe is None:
        return
    set_defaults_probe(probe)
    http_get = _ptr(probe, "httpGet")
    if http_get is not None:
        set_defaults_http_get_action(http_get)
    grpc = _ptr(probe, "grpc")
    if grpc is not None and grpc.get("service") is None:
        grpc["service"] = ""


def _container_defaults(a: Obj, ephemeral: bool = False) -> None:
    (set_defaults_ephemeral_container if ephemeral else set_defaults_container)(a)
    for port in _items(a, "ports"):
        if _unset(port, "protocol"):
            port["protocol"] = "TCP"
    for env in _items(a, "env"):
        value_from = _ptr(env, "valueFrom")
        ref = _ptr(value_from, "fieldRef") if value_from else None
        if ref is not None:
            set_defaults_object_field_selector(ref)
    resources = _ptr(a, "resources")
    if resources is not None:
        set_defaults_resource_list(_ptr(resources, "limits"))
        set_defaults_resource_list(_ptr(resources, "requests"))
    for key in ("livenessProbe", "readinessProbe", "startupProbe"):
        _probe_defaults(_ptr(a, key))
    lifecycle = _ptr(a, "lifecycle")
    if lifecycle is not None:
        for key in ("postStart", "preStop"):
            handler = _ptr(lifecycle, key)
            http_get = _ptr(handler, "httpGet") if handler else None
            if http_get is not None:
                set_defaults_http_get_action(http_get)


def set_pod_spec_object_defaults(spec: Obj) -> None:
    """Default a PodSpec and everything nested in it.

    Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: the block every
    SetObjectDefaults_* that holds a PodSpec repeats (SetDefaults_PodSpec, volumes,
    init/regular/ephemeral containers, overhead).
    """
    set_defaults_pod_spec(spec)
    for volume in _items(spec, "volumes"):
        set_defaults_volume(volume)
        _volume_source_defaults(volume)
    for c in _items(spec, "initContainers"):
        _container_defaults(c)
    for c in _items(spec, "containers"):
        _container_defaults(c)
    for c in _items(spec, "ephemeralContainers"):
        _container_defaults(c, ephemeral=True)
    set_defaults_resource_list(_ptr(spec, "overhead"))


def set_pod_template_spec_object_defaults(template: Obj) -> None:
    """The generated walk of a PodTemplateSpec value field (its spec always exists)."""
    set_pod_spec_object_defaults(_struct(template, "spec"))


def _container_status_defaults(status: Obj) -> None:
    for key in ("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"):
        for a in _items(status, key):
            set_defaults_resource_list(_ptr(a, "allocatedResources"))
            resources = _ptr(a, "resources")
            if resources is not None:
                set_defaults_resource_list(_ptr(resources, "limits"))
                set_defaults_resource_list(_ptr(resources, "requests"))


def set_object_defaults_pod(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Pod"""
    set_defaults_pod(obj)
    set_pod_spec_object_defaults(_struct(obj, "spec"))
    status = _ptr(obj, "status")
    if status is not None:
        _container_status_defaults(status)


def set_object_defaults_pod_template(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_PodTemplate"""
    set_pod_template_spec_object_defaults(_struct(obj, "template"))


def set_object_defaults_replication_controller(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_ReplicationController"""
    set_defaults_replication_controller(obj)
    spec = _struct(obj, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    template = _ptr(spec, "template")
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
    for item in _items(obj.get("spec"), "limits"):
        set_defaults_limit_range_item(item)
        for key in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            set_defaults_resource_list(_ptr(item, key))


def set_object_defaults_namespace(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Namespace"""
    set_defaults_namespace(obj)
    set_defaults_namespace_status(_struct(obj, "status"))


def set_object_defaults_node(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_Node"""
    status = _struct(obj, "status")
    set_defaults_node_status(status)
    set_defaults_resource_list(_ptr(status, "capacity"))
    set_defaults_resource_list(_ptr(status, "allocatable"))


def set_object_defaults_persistent_volume(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_PersistentVolume"""
    set_defaults_persistent_volume(obj)
    spec = _struct(obj, "spec")
    set_defaults_resource_list(_ptr(spec, "capacity"))
    for key, fn in (("hostPath", set_defaults_host_path_volume_source), ("rbd", _set_rbd_defaults),
                    ("iscsi", _set_iscsi_defaults), ("azureDisk", set_defaults_azure_disk_volume_source),
                    ("scaleIO", set_defaults_scale_io_volume_source)):
        src = _ptr(spec, key)
        if src is not None:
            fn(src)


def set_object_defaults_persistent_volume_claim(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_PersistentVolumeClaim"""
    set_defaults_persistent_volume_claim(obj)
    _pvc_spec_defaults(_struct(obj, "spec"))
    status = _struct(obj, "status")
    set_defaults_resource_list(_ptr(status, "capacity"))
    set_defaults_resource_list(_ptr(status, "allocatedResources"))


def set_object_defaults_resource_quota(obj: Obj) -> None:
    """Mirrors: pkg/apis/core/v1/zz_generated.defaults.go :: SetObjectDefaults_ResourceQuota"""
    set_defaults_resource_list(_ptr(obj.get("spec") or {}, "hard"))
    status = _ptr(obj, "status") or {}
    set_defaults_resource_list(_ptr(status, "hard"))
    set_defaults_resource_list(_ptr(status, "used"))


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
