"""LeastAllocated: prefer nodes with the most free capacity.

Upstream: pkg/scheduler/framework/plugins/noderesources/least_allocated.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.apis.config.types import ResourceSpec
from kubelab.scheduler.framework.interface import MAX_NODE_SCORE


def least_requested_score(requested: int, capacity: int) -> int:
    """Mirrors: least_allocated.go :: leastRequestedScore"""
    if capacity == 0:
        return 0
    if requested > capacity:
        return 0
    return (capacity - requested) * MAX_NODE_SCORE // capacity


def least_resource_scorer(resources: list[ResourceSpec]) -> Any:
    """Mirrors: least_allocated.go :: leastResourceScorer"""

    def scorer(requested: list[int], allocable: list[int]) -> int:
        node_score = weight_sum = 0
        for i in range(len(requested)):
            if allocable[i] == 0:
                continue
            w = resources[i].weight
            node_score += least_requested_score(requested[i], allocable[i]) * w
            weight_sum += w
        return 0 if weight_sum == 0 else node_score // weight_sum

    return scorer


def least_resource_scorer_array(resources: list[ResourceSpec], requested: list[Any], allocable: list[Any]) -> Any:
    """kubelab-only: the same arithmetic over numpy int64 columns."""
    n = len(requested[0])
    node_score = np.zeros(n, dtype=np.int64)
    weight_sum = np.zeros(n, dtype=np.int64)
    for r, q, a in zip(resources, requested, allocable):
        valid = a != 0
        safe = np.where(valid, a, 1)
        s = np.where(valid & (q <= a), (a - q) * MAX_NODE_SCORE // safe, 0)
        node_score += s * r.weight * valid
        weight_sum += r.weight * valid
    return np.where(weight_sum == 0, 0, node_score // np.where(weight_sum == 0, 1, weight_sum))
