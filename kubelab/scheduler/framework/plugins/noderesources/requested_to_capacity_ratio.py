"""RequestedToCapacityRatio: score utilization through a user-given piecewise-linear shape.

Upstream: pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio.go
"""

from __future__ import annotations

import math
from typing import Any

from kubelab.scheduler.apis.config.types import (
    MAX_CUSTOM_PRIORITY_SCORE,
    ResourceSpec,
    UtilizationShapePoint,
)
from kubelab.scheduler.framework.interface import MAX_NODE_SCORE
from kubelab.scheduler.framework.plugins.helper.shape_score import (
    FunctionShapePoint,
    build_broken_linear_function,
)

MAX_UTILIZATION = 100


def go_round(x: float) -> int:
    """Go's math.Round: halves away from zero (Python's round() goes to even)."""
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def requested_to_capacity_ratio_scorer(resources: list[ResourceSpec], shape: list[UtilizationShapePoint]) -> Any:
    """Mirrors: requested_to_capacity_ratio.go :: requestedToCapacityRatioScorer"""
    points = [FunctionShapePoint(p.utilization, p.score * (MAX_NODE_SCORE // MAX_CUSTOM_PRIORITY_SCORE))
              for p in shape]
    return build_requested_to_capacity_ratio_scorer_function(points, resources)


def build_requested_to_capacity_ratio_scorer_function(shape: list[FunctionShapePoint],
                                                      resources: list[ResourceSpec]) -> Any:
    """Mirrors: requested_to_capacity_ratio.go :: buildRequestedToCapacityRatioScorerFunction"""
    raw = build_broken_linear_function(shape)

    def resource_scoring_function(requested: int, capacity: int) -> int:
        if capacity == 0 or requested > capacity:
            return raw(MAX_UTILIZATION)
        return raw(requested * MAX_UTILIZATION // capacity)

    def scorer(requested: list[int], allocable: list[int]) -> int:
        node_score = weight_sum = 0
        for i in range(len(requested)):
            if allocable[i] == 0:
                continue
            w = resources[i].weight
            s = resource_scoring_function(requested[i], allocable[i])
            if s > 0:
                node_score += s * w
                weight_sum += w
        return 0 if weight_sum == 0 else go_round(node_score / weight_sum)

    return scorer
