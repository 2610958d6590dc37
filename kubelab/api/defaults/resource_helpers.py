"""Summing container resources the way pod-level resource defaulting does.

Upstream: staging/src/k8s.io/component-helpers/resource/helpers.go,
pkg/apis/core/v1/helper/helpers.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api.defaults import wire
from kubelab.api.quantity import Quantity, parse_quantity

Obj = dict[str, Any]

RESOURCE_HUGE_PAGES_PREFIX = "hugepages-"


def _quantities(rl: Obj | None) -> dict[str, Quantity]:
    out: dict[str, Quantity] = {}
    for key, value in (rl or {}).items():
        try:
            out[key] = parse_quantity(value)
        except ValueError:
            continue
    return out


def add_resource_list(into: dict[str, Quantity], rl: dict[str, Quantity]) -> None:
    """Mirrors: component-helpers/resource/helpers.go :: addResourceList"""
    for key, q in rl.items():
        into[key] = into[key] + q if key in into else q


def max_resource_list(into: dict[str, Quantity], rl: dict[str, Quantity]) -> None:
    """Mirrors: component-helpers/resource/helpers.go :: maxResourceList"""
    for key, q in rl.items():
        if key not in into or q.cmp(into[key]) > 0:
            into[key] = q


def aggregate_container_resources(pod: Obj, which: str) -> dict[str, Quantity]:
    """Sum of the containers' ``requests`` (or ``limits``), sidecar-aware.

    Mirrors: component-helpers/resource/helpers.go :: AggregateContainerRequests and
    AggregateContainerLimits

    Differences: only the default options (no status resources, no reuse, no overhead).
    """
    spec = pod.get("spec") or {}
    total: dict[str, Quantity] = {}
    for c in wire.items(spec, "containers"):
        add_resource_list(total, _quantities(wire.ptr(c.get("resources"), which)))
    restartable: dict[str, Quantity] = {}
    init_max: dict[str, Quantity] = {}
    for c in wire.items(spec, "initContainers"):
        own = _quantities(wire.ptr(c.get("resources"), which))
        if c.get("restartPolicy") == "Always":
            add_resource_list(total, own)
            add_resource_list(restartable, own)
            candidate = restartable
        else:
            candidate = dict(own)
            add_resource_list(candidate, restartable)
        max_resource_list(init_max, candidate)
    max_resource_list(total, init_max)
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
