"""A broken-linear function through (utilization, score) points.

Upstream: pkg/scheduler/framework/plugins/helper/shape_score.go
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FunctionShapePoint:
    utilization: int
    score: int


def build_broken_linear_function(shape: list[FunctionShapePoint]) -> Callable[[int], int]:
    """Mirrors: pkg/scheduler/framework/plugins/helper/shape_score.go :: BuildBrokenLinearFunction"""

    def f(p: int) -> int:
        for i, pt in enumerate(shape):
            if p <= pt.utilization:
                if i == 0:
                    return shape[0].score
                prev = shape[i - 1]
                return prev.score + _go_div((pt.score - prev.score) * (p - prev.utilization),
                                            pt.utilization - prev.utilization)
        return shape[-1].score

    return f


def _go_div(a: int, b: int) -> int:
    """Go's integer division truncates toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q
