"""A pod's effective requests and limits, counting init and sidecar containers.

Upstream: staging/src/k8s.io/component-helpers/resource/helpers.go
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubelab.api.quantity import Quantity

ResourceList = dict[str, Quantity]


def to_resource_list(raw: Mapping[str, Any] | None) -> ResourceList:
    """Wire quantities (``{"cpu": "100m"}``) to Quantities."""
    return {k: Quantity.parse(v) for k, v in (raw or {}).items()}


def add_resource_list(dst: ResourceList, src: Mapping[str, Quantity]) -> None:
    """Mirrors: helpers.go :: addResourceList"""
    for k, v in src.items():
        dst[k] = dst[k] + v if k in dst else v


def max_resource_list(dst: ResourceList, src: Mapping[str, Quantity]) -> None:
    """Mirrors: helpers.go :: maxResourceList"""
    for k, v in src.items():
        if k not in dst or v.cmp(dst[k]) > 0:
            dst[k] = v


def _aggregate(pod: Mapping[str, Any], which: str) -> ResourceList:
    """Containers summed; each init container counted with the sidecars started before it.

    Mirrors: helpers.go :: AggregateContainerRequests / AggregateContainerLimits
    """
    spec = pod.get("spec") or {}
    total: ResourceList = {}
    for c in spec.get("containers") or ():
        add_resource_list(total, to_resource_list((c.get("resources") or {}).get(which)))
    sidecars: ResourceList = {}
    init_max: ResourceList = {}
    for c in spec.get("initContainers") or ():
        own = to_resource_list((c.get("resources") or {}).get(which))
        if c.get("restartPolicy") == "Always":
            add_resource_list(total, own)
            add_resource_list(sidecars, own)
            use = dict(sidecars)
        else:
            use = dict(own)
            add_resource_list(use, sidecars)
        max_resource_list(init_max, use)
    max_resource_list(total, init_max)
    return total


def pod_requests(pod: Mapping[str, Any], *, exclude_overhead: bool = False) -> ResourceList:
    """Mirrors: helpers.go :: PodRequests

    Differences: pod-level resources (spec.resources) and in-place resize status
    are not consulted.
    """
    reqs = _aggregate(pod, "requests")
    overhead = (pod.get("spec") or {}).get("overhead")
    if not exclude_overhead and overhead:
        add_resource_list(reqs, to_resource_list(overhead))
    return reqs


def pod_limits(pod: Mapping[str, Any], *, exclude_overhead: bool = False) -> ResourceList:
    """Mirrors: helpers.go :: PodLimits (overhead is added only to limits that are set)"""
    limits = _aggregate(pod, "limits")
    overhead = (pod.get("spec") or {}).get("overhead")
    if not exclude_overhead and overhead:
        for k, v in to_resource_list(overhead).items():
            if k in limits:
                limits[k] = limits[k] + v
    return limits
