"""The scoring core shared by NodeResourcesFit's strategies and BalancedAllocation.

Upstream: pkg/scheduler/framework/plugins/noderesources/resource_allocation.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from kubelab.scheduler.apis.config.types import ResourceSpec
from kubelab.scheduler.component_helpers import resource as res
from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.framework.types import DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST

Scorer = Callable[[list[int], list[int]], int]
_NON_MISSING = {res.RESOURCE_CPU: DEFAULT_MILLI_CPU_REQUEST, res.RESOURCE_MEMORY: DEFAULT_MEMORY_REQUEST * 1000}


class ResourceAllocationScorer:
    """Mirrors: noderesources/resource_allocation.go :: resourceAllocationScorer

    ``use_requested`` False scores with the non-zero requests (100m CPU and 200Mi memory
    assumed for containers that request none), as the Fit strategies do.
    """

    def __init__(self, name: str, scorer: Scorer, resources: list[ResourceSpec], use_requested: bool = False) -> None:
        self.scorer_name = name
        self.scorer = scorer
        self.resources = resources
        self.use_requested = use_requested

    def _score(self, pod: dict, node_info: Any, pod_requests: list[int]) -> tuple[int, Status | None]:
        """Mirrors: (*resourceAllocationScorer).score"""
        if not self.resources:
            return 0, Status(Code.ERROR, "resources not found")
        n = len(self.resources)
        requested = [0] * n
        allocatable = [0] * n
        for i, r in enumerate(self.resources):
            alloc, req = self.calculate_resource_allocatable_request(node_info, r.name, pod_requests[i])
            if alloc == 0:
                continue
            allocatable[i] = alloc
            requested[i] = req
        return self.scorer(requested, allocatable), None

    def calculate_resource_allocatable_request(self, node_info: Any, resource: str, pod_request: int) -> tuple[int, int]:
        """Mirrors: (*resourceAllocationScorer).calculateResourceAllocatableRequest"""
        requested = node_info.requested if self.use_requested else node_info.non_zero_requested
        if pod_request == 0 and res.is_scalar_resource_name(resource):
            return 0, 0
        if resource == res.RESOURCE_CPU:
            return node_info.allocatable.milli_cpu, requested.milli_cpu + pod_request
        if resource == res.RESOURCE_MEMORY:
            return node_info.allocatable.memory, requested.memory + pod_request
        if resource == res.RESOURCE_EPHEMERAL_STORAGE:
            return node_info.allocatable.ephemeral_storage, node_info.requested.ephemeral_storage + pod_request
        if resource in node_info.allocatable.scalar_resources:
            return (node_info.allocatable.scalar_resources[resource],
                    node_info.requested.scalar_resources.get(resource, 0) + pod_request)
        return 0, 0

    def calculate_pod_resource_request(self, pod: dict, resource: str) -> int:
        """Mirrors: (*resourceAllocationScorer).calculatePodResourceRequest"""
        reqs = res.pod_requests(pod, non_missing=None if self.use_requested else _NON_MISSING)
        milli = reqs.get(resource, 0)
        return milli if resource == res.RESOURCE_CPU else res.to_value(milli)

    def calculate_pod_resource_request_list(self, pod: dict, resources: list[ResourceSpec]) -> list[int]:
        """Mirrors: (*resourceAllocationScorer).calculatePodResourceRequestList"""
        return [self.calculate_pod_resource_request(pod, r.name) for r in resources]

    def allocatable_and_requested_columns(self, table: Any, rows: Any,
                                          pod_requests: list[int]) -> tuple[list[Any], list[Any]] | None:
        """kubelab-only: per resource, the allocatable and requested columns for ``rows``.

        None when a resource is a scalar one (no column): the caller falls back per node.
        """
        allocs, reqs = [], []
        for r, pod_req in zip(self.resources, pod_requests):
            if r.name == res.RESOURCE_CPU:
                a = table.alloc_cpu[rows]
                q = (table.req_cpu if self.use_requested else table.nz_cpu)[rows] + pod_req
            elif r.name == res.RESOURCE_MEMORY:
                a = table.alloc_mem[rows]
                q = (table.req_mem if self.use_requested else table.nz_mem)[rows] + pod_req
            elif r.name == res.RESOURCE_EPHEMERAL_STORAGE:
                a = table.alloc_eph[rows]
                q = table.req_eph[rows] + pod_req
            elif pod_req == 0 and res.is_scalar_resource_name(r.name):
                a = np.zeros(len(rows), dtype=np.int64)
                q = a
            else:
                return None
            # Entries whose allocatable is zero are left at zero, as score() does.
            q = np.where(a == 0, 0, q)
            allocs.append(a)
            reqs.append(q)
        return allocs, reqs
