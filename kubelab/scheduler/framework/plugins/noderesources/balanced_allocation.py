"""NodeResourcesBalancedAllocation: prefer nodes whose resources end up used evenly.

Upstream: pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from kubelab.scheduler.apis.config.types import NodeResourcesBalancedAllocationArgs
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import MAX_NODE_SCORE, Code, Status
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.noderesources.resource_allocation import (
    ResourceAllocationScorer,
)

NAME = names.NODE_RESOURCES_BALANCED_ALLOCATION
PRE_SCORE_STATE_KEY = "PreScore" + NAME


class _PreScoreState:
    __slots__ = ("pod_requests",)

    def __init__(self, pod_requests: list[int]) -> None:
        self.pod_requests = pod_requests

    def clone(self) -> _PreScoreState:
        return self


def balanced_resource_scorer(requested: list[int], allocable: list[int]) -> int:
    """100 * (1 - the standard deviation of the requested fractions).

    Mirrors: balanced_allocation.go :: balancedResourceScorer
    """
    fractions: list[float] = []
    total = 0.0
    for i in range(len(requested)):
        if allocable[i] == 0:
            continue
        fraction = float(requested[i]) / float(allocable[i])
        if fraction > 1:
            fraction = 1.0
        total += fraction
        fractions.append(fraction)
    std = 0.0
    if len(fractions) == 2:
        std = abs((fractions[0] - fractions[1]) / 2)
    elif len(fractions) > 2:
        mean = total / len(fractions)
        acc = 0.0
        for f in fractions:
            acc = acc + (f - mean) * (f - mean)
        std = math.sqrt(acc / len(fractions))
    return int((1 - std) * float(MAX_NODE_SCORE))


class BalancedAllocation(ResourceAllocationScorer):
    """Mirrors: noderesources/balanced_allocation.go :: BalancedAllocation"""

    name = NAME

    def __init__(self, args: NodeResourcesBalancedAllocationArgs, handle: Any = None) -> None:
        super().__init__(NAME, balanced_resource_scorer, args.resources, use_requested=True)
        self.handle = handle

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, ev.ActionType.DELETE | ev.ActionType.UPDATE_POD_SCALE_DOWN)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD | ev.ActionType.UPDATE_NODE_ALLOCATABLE)),
        ]

    def pre_score(self, state: Any, pod: dict, nodes: list[Any]) -> Status | None:
        """Mirrors: (*BalancedAllocation).PreScore (best-effort pods are not scored)."""
        pod_requests = self.calculate_pod_resource_request_list(pod, self.resources)
        if all(r == 0 for r in pod_requests):
            return Status(Code.SKIP)
        state.write(PRE_SCORE_STATE_KEY, _PreScoreState(pod_requests))
        return None

    def _pod_requests(self, state: Any, pod: dict) -> list[int]:
        s = state.get(PRE_SCORE_STATE_KEY)
        return s.pod_requests if s is not None else self.calculate_pod_resource_request_list(pod, self.resources)

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        """Mirrors: (*BalancedAllocation).Score"""
        return self._score(pod, node_info, self._pod_requests(state, pod))

    def score_nodes(self, state: Any, pod: dict, table: Any, rows: Any) -> Any:
        """kubelab-only: Score for ``rows`` at once, same float arithmetic (two resources or fewer)."""
        if len(self.resources) > 2:
            return None
        cols = self.allocatable_and_requested_columns(table, rows, self._pod_requests(state, pod))
        if cols is None:
            return None
        allocs, reqs = cols
        fracs, valids = [], []
        for a, q in zip(allocs, reqs):
            valid = a != 0
            f = np.minimum(q.astype(np.float64) / np.where(valid, a, 1).astype(np.float64), 1.0)
            fracs.append(np.where(valid, f, 0.0))
            valids.append(valid)
        std = np.zeros(len(rows), dtype=np.float64)
        if len(fracs) == 2:
            both = valids[0] & valids[1]
            std = np.where(both, np.abs((fracs[0] - fracs[1]) / 2), 0.0)
        return ((1 - std) * float(MAX_NODE_SCORE)).astype(np.int64)

    def score_extensions(self) -> None:
        return None


def new(args: Any, handle: Any) -> BalancedAllocation:
    return BalancedAllocation(args, handle)
