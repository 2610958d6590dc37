"""Scaling raw node scores into [0, MaxNodeScore].

Upstream: pkg/scheduler/framework/plugins/helper/normalize_score.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.framework.interface import NodeScore, Status


def default_normalize_score(max_priority: int, reverse: bool, scores: list[NodeScore]) -> Status | None:
    """Scale so the highest raw score becomes ``max_priority`` (reversed: the lowest does).

    Mirrors: pkg/scheduler/framework/plugins/helper/normalize_score.go :: DefaultNormalizeScore
    """
    max_count = 0
    for s in scores:
        if s.score > max_count:
            max_count = s.score
    if max_count == 0:
        if reverse:
            for s in scores:
                s.score = max_priority
        return None
    for s in scores:
        score = max_priority * s.score // max_count
        if reverse:
            score = max_priority - score
        s.score = score
    return None


def default_normalize_score_array(max_priority: int, reverse: bool, scores: Any) -> Any:
    """kubelab-only: :func:`default_normalize_score` over a numpy int64 array (non-negative scores)."""
    max_count = int(scores.max()) if len(scores) else 0
    if max_count <= 0:
        return np.full(len(scores), max_priority, dtype=np.int64) if reverse else scores.copy()
    out = (max_priority * scores) // max_count
    return max_priority - out if reverse else out
