"""MostAllocated: prefer the fullest nodes (bin packing).

Upstream: pkg/scheduler/framework/plugins/noderesources/most_allocated.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.apis.config.types import ResourceSpec
from kubelab.scheduler.framework.interface import MAX_NODE_SCORE


def most_requested_score(requested: int, capacity: int) -> int:
    """Mirrors: most_allocated.go :: mostRequestedScore"""
    if capacity == 0:
        return 0
    # Pods without requests count the non-zero defaults, which may exceed capacity.
    if requested > capacity:
        requested = capacity
    return requested * MAX_NODE_SCORE // capacity


def most_resource_scorer(resources: list[ResourceSpec]) -> Any:
    """Mirrors: most_allocated.go :: mostResourceScorer"""

    def scorer(requested: list[int], allocable: list[int]) -> int:
        node_score = weight_sum = 0
        for i in range(len(requested)):
            if allocable[i] == 0:
                continue
            w = resources[i].weight
            node_score += most_requested_score(requested[i], allocable[i]) * w
            weight_sum += w
        return 0 if weight_sum == 0 else node_score // weight_sum

    return scorer


def most_resource_scorer_array(resources: list[ResourceSpec], requested: list[Any], allocable: list[Any]) -> Any:
    """kubelab-only: the same arithmetic over numpy int64 columns."""
    n = len(requested[0])
    node_score = np.zeros(n, dtype=np.int64)
    weight_sum = np.zeros(n, dtype=np.int64)
    for r, q, a in zip(resources, requested, allocable):
        valid = a != 0
        safe = np.where(valid, a, 1)
        s = np.where(valid, np.minimum(q, a) * MAX_NODE_SCORE // safe, 0)
        node_score += s * r.weight * valid
        weight_sum += r.weight * valid
    return np.where(weight_sum == 0, 0, node_score // np.where(weight_sum == 0, 1, weight_sum))
