"""A pod's resource requests: containers summed, init containers maxed, sidecars, overhead.

Upstream: staging/src/k8s.io/component-helpers/resource/helpers.go and
pkg/apis/core/v1/helper/helpers.go (resource-name classification)

Requests are integers in milli-units for every resource (cpu ``1`` is 1000, memory
``1Ki`` is 1024000); ``to_value`` turns a milli amount into Quantity.Value() units.
"""

from __future__ import annotations

from typing import Any

from kubelab.api.quantity import milli_value
from kubelab.api.validation.generic import is_qualified_name

Obj = dict[str, Any]
ResourceList = dict[str, int]

RESOURCE_CPU = "cpu"
RESOURCE_MEMORY = "memory"
RESOURCE_PODS = "pods"
RESOURCE_EPHEMERAL_STORAGE = "ephemeral-storage"
RESOURCE_DEFAULT_NAMESPACE_PREFIX = "kubernetes.io/"
DEFAULT_RESOURCE_REQUESTS_PREFIX = "requests."
RESOURCE_HUGE_PAGES_PREFIX = "hugepages-"
RESOURCE_ATTACHABLE_VOLUMES_PREFIX = "attachable-volumes-"


def to_value(milli: int) -> int:
    """Quantity.Value() of a milli amount: rounded up to a whole unit."""
    return -((-milli) // 1000)


def milli_list(rl: Obj | None) -> ResourceList:
    """A ResourceList dict in wire shape -> milli amounts (unparseable entries dropped)."""
    out: ResourceList = {}
    if not rl:
        return out
    for k, v in rl.items():
        try:
            out[k] = milli_value(v)
        except (ValueError, TypeError):
            continue
    return out


def add_resource_list(into: ResourceList, rl: ResourceList) -> None:
    """Mirrors: component-helpers/resource/helpers.go :: addResourceList"""
    for k, v in rl.items():
        into[k] = into.get(k, 0) + v


def max_resource_list(into: ResourceList, rl: ResourceList) -> None:
    """Mirrors: component-helpers/resource/helpers.go :: maxResourceList"""
    for k, v in rl.items():
        if k not in into or v > into[k]:
            into[k] = v


def _apply_non_missing(reqs: ResourceList, non_missing: ResourceList) -> ResourceList:
    """Mirrors: component-helpers/resource/helpers.go :: applyNonMissing"""
    out = dict(reqs)
    for k, v in non_missing.items():
        if k not in reqs:
            out[k] = out.get(k, 0) + v
    return out


def _requests(c: Obj) -> ResourceList:
    return milli_list((c.get("resources") or {}).get("requests"))


def aggregate_container_requests(pod: Obj, non_missing: ResourceList | None = None) -> ResourceList:
    """Sum of the containers' requests, with init containers and sidecars folded in.

    Mirrors: component-helpers/resource/helpers.go :: AggregateContainerRequests
    Differences: no status resources (no in-place resize yet), no reuse map.
    """
    spec = pod.get("spec") or {}
    reqs: ResourceList = {}
    for c in spec.get("containers") or ():
        creqs = _requests(c)
        if non_missing:
            creqs = _apply_non_missing(creqs, non_missing)
        add_resource_list(reqs, creqs)
    restartable: ResourceList = {}
    init_reqs: ResourceList = {}
    for c in spec.get("initContainers") or ():
        creqs = _requests(c)
        if non_missing:
            creqs = _apply_non_missing(creqs, non_missing)
        if c.get("restartPolicy") == "Always":
            add_resource_list(reqs, creqs)
            add_resource_list(restartable, creqs)
            creqs = restartable
        else:
            tmp: ResourceList = {}
            add_resource_list(tmp, creqs)
            add_resource_list(tmp, restartable)
            creqs = tmp
        max_resource_list(init_reqs, creqs)
    max_resource_list(reqs, init_reqs)
    return reqs


def is_supported_pod_level_resource(name: str) -> bool:
    """Mirrors: component-helpers/resource/helpers.go :: IsSupportedPodLevelResource"""
    return name in (RESOURCE_CPU, RESOURCE_MEMORY) or name.startswith(RESOURCE_HUGE_PAGES_PREFIX)


def is_pod_level_requests_set(pod: Obj) -> bool:
    """Mirrors: component-helpers/resource/helpers.go :: IsPodLevelRequestsSet"""
    reqs = ((pod.get("spec") or {}).get("resources") or {}).get("requests") or {}
    return any(is_supported_pod_level_resource(k) for k in reqs)


def pod_requests(pod: Obj, *, non_missing: ResourceList | None = None, skip_pod_level: bool = False,
                 exclude_overhead: bool = False) -> ResourceList:
    """The pod's effective requests in milli-units.

    Mirrors: component-helpers/resource/helpers.go :: PodRequests
    """
    reqs = aggregate_container_requests(pod, non_missing)
    spec = pod.get("spec") or {}
    if not skip_pod_level and is_pod_level_requests_set(pod):
        for k, v in milli_list((spec.get("resources") or {}).get("requests")).items():
            if is_supported_pod_level_resource(k):
                reqs[k] = v
    if not exclude_overhead and spec.get("overhead"):
        add_resource_list(reqs, milli_list(spec["overhead"]))
    return reqs


# -- resource names (pkg/apis/core/v1/helper/helpers.go) -------------------------------------


def is_huge_page_resource_name(name: str) -> bool:
    return name.startswith(RESOURCE_HUGE_PAGES_PREFIX)


def is_prefixed_native_resource(name: str) -> bool:
    return RESOURCE_DEFAULT_NAMESPACE_PREFIX in name


def is_native_resource(name: str) -> bool:
    return "/" not in name or is_prefixed_native_resource(name)


def is_extended_resource_name(name: str) -> bool:
    """Mirrors: pkg/apis/core/v1/helper/helpers.go :: IsExtendedResourceName"""
    if is_native_resource(name) or name.startswith(DEFAULT_RESOURCE_REQUESTS_PREFIX):
        return False
    return not is_qualified_name(DEFAULT_RESOURCE_REQUESTS_PREFIX + name)


def is_attachable_volume_resource_name(name: str) -> bool:
    return name.startswith(RESOURCE_ATTACHABLE_VOLUMES_PREFIX)


_SCALAR_CACHE: dict[str, bool] = {}


def is_scalar_resource_name(name: str) -> bool:
    """Mirrors: pkg/scheduler/util/utils.go :: IsScalarResourceName"""
    v = _SCALAR_CACHE.get(name)
    if v is None:
        v = _SCALAR_CACHE[name] = (is_extended_resource_name(name) or is_huge_page_resource_name(name)
                                   or is_prefixed_native_resource(name)
                                   or is_attachable_volume_resource_name(name))
    return v
