"""NodeResourcesFit: the node must have room for the pod's requests; scored by a strategy.

Upstream: pkg/scheduler/framework/plugins/noderesources/fit.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.component_helpers import resource as res
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, PreFilterResult, Status
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.noderesources.least_allocated import (
    least_resource_scorer,
    least_resource_scorer_array,
)
from kubelab.scheduler.framework.plugins.noderesources.most_allocated import (
    most_resource_scorer,
    most_resource_scorer_array,
)
from kubelab.scheduler.framework.plugins.noderesources.requested_to_capacity_ratio import (
    requested_to_capacity_ratio_scorer,
)
from kubelab.scheduler.framework.plugins.noderesources.resource_allocation import (
    ResourceAllocationScorer,
)
from kubelab.scheduler.framework.types import NodeInfo, Resource

NAME = names.NODE_RESOURCES_FIT
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
PRE_SCORE_STATE_KEY = "PreScore" + NAME


@dataclass(slots=True)
class InsufficientResource:
    """Mirrors: fit.go :: InsufficientResource"""

    resource_name: str
    reason: str
    requested: int
    used: int
    capacity: int


class _PreScoreState:
    __slots__ = ("pod_requests",)

    def __init__(self, pod_requests: list[int]) -> None:
        self.pod_requests = pod_requests

    def clone(self) -> _PreScoreState:
        return self


def compute_pod_resource_request(pod: dict) -> Resource:
    """The pod's requests: containers summed, init containers maxed, overhead added.

    Mirrors: fit.go :: computePodResourceRequest
    """
    r = Resource()
    r.set_max_resource(res.pod_requests(pod))
    return r


def fits_request(pod_request: Resource, node_info: NodeInfo, ignored_extended_resources: frozenset[str] = frozenset(),
                 ignored_resource_groups: frozenset[str] = frozenset()) -> list[InsufficientResource]:
    """Every resource the node lacks for the pod, pods count first.

    Mirrors: fit.go :: fitsRequest
    """
    out: list[InsufficientResource] = []
    alloc, req = node_info.allocatable, node_info.requested
    n_pods = len(node_info.pods)
    if n_pods + 1 > alloc.allowed_pod_number:
        out.append(InsufficientResource(res.RESOURCE_PODS, "Too many pods", 1, n_pods, alloc.allowed_pod_number))
    pr = pod_request
    if pr.milli_cpu == 0 and pr.memory == 0 and pr.ephemeral_storage == 0 and not pr.scalar_resources:
        return out
    if pr.milli_cpu > 0 and pr.milli_cpu > alloc.milli_cpu - req.milli_cpu:
        out.append(InsufficientResource(res.RESOURCE_CPU, "Insufficient cpu", pr.milli_cpu, req.milli_cpu,
                                        alloc.milli_cpu))
    if pr.memory > 0 and pr.memory > alloc.memory - req.memory:
        out.append(InsufficientResource(res.RESOURCE_MEMORY, "Insufficient memory", pr.memory, req.memory,
                                        alloc.memory))
    if pr.ephemeral_storage > 0 and pr.ephemeral_storage > alloc.ephemeral_storage - req.ephemeral_storage:
        out.append(InsufficientResource(res.RESOURCE_EPHEMERAL_STORAGE, "Insufficient ephemeral-storage",
                                        pr.ephemeral_storage, req.ephemeral_storage, alloc.ephemeral_storage))
    for name, q in pr.scalar_resources.items():
        if q == 0:
            continue
        if res.is_extended_resource_name(name):
            prefix = name.split("/")[0] if ignored_resource_groups else ""
            if name in ignored_extended_resources or prefix in ignored_resource_groups:
                continue
        a = alloc.scalar_resources.get(name, 0)
        used = req.scalar_resources.get(name, 0)
        if q > a - used:
            out.append(InsufficientResource(name, f"Insufficient {name}", q, used, a))
    return out


def fits(pod: dict, node_info: NodeInfo) -> list[InsufficientResource]:
    """Mirrors: fit.go :: Fits"""
    return fits_request(compute_pod_resource_request(pod), node_info)


_STRATEGIES = {
    cfg.LEAST_ALLOCATED: (least_resource_scorer, least_resource_scorer_array),
    cfg.MOST_ALLOCATED: (most_resource_scorer, most_resource_scorer_array),
}


class Fit(ResourceAllocationScorer):
    """Mirrors: noderesources/fit.go :: Fit"""

    name = NAME

    def __init__(self, args: cfg.NodeResourcesFitArgs, handle: Any = None) -> None:
        strategy = args.scoring_strategy
        if strategy is None:
            raise ValueError("scoring strategy not specified")
        resources = strategy.resources
        self._scorer_array = None
        if strategy.type in _STRATEGIES:
            scorer, self._scorer_array = _STRATEGIES[strategy.type]
            fn = scorer(resources)
        elif strategy.type == cfg.REQUESTED_TO_CAPACITY_RATIO:
            shape = strategy.requested_to_capacity_ratio.shape if strategy.requested_to_capacity_ratio else []
            fn = requested_to_capacity_ratio_scorer(resources, shape)
        else:
            raise ValueError(f"scoring strategy {strategy.type} is not supported")
        super().__init__(strategy.type, fn, resources)
        self.ignored_resources = frozenset(args.ignored_resources)
        self.ignored_resource_groups = frozenset(args.ignored_resource_groups)
        self.handle = handle

    # -- queueing hints -------------------------------------------------------------------

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        """Mirrors: (*Fit).EventsToRegister (queueing hints on)."""
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, ev.ActionType.DELETE | ev.ActionType.UPDATE_POD_SCALE_DOWN),
                                    self.is_schedulable_after_pod_event),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD | ev.ActionType.UPDATE_NODE_ALLOCATABLE),
                                    self.is_schedulable_after_node_change),
        ]

    def is_schedulable_after_pod_event(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*Fit).isSchedulableAfterPodEvent"""
        if new is None:
            return ev.QUEUE if (old.get("spec") or {}).get("nodeName") else ev.QUEUE_SKIP
        if new["metadata"].get("uid") == pod["metadata"].get("uid"):
            return ev.QUEUE
        if not (new.get("spec") or {}).get("nodeName"):
            return ev.QUEUE_SKIP
        before, after = compute_pod_resource_request(old), compute_pod_resource_request(new)
        for name, milli in res.pod_requests(pod).items():
            if milli == 0:
                continue
            if name == res.RESOURCE_CPU and before.milli_cpu > after.milli_cpu:
                return ev.QUEUE
            if name == res.RESOURCE_MEMORY and before.memory > after.memory:
                return ev.QUEUE
            if name == res.RESOURCE_EPHEMERAL_STORAGE and before.ephemeral_storage > after.ephemeral_storage:
                return ev.QUEUE
            if (res.is_scalar_resource_name(name)
                    and before.scalar_resources.get(name, 0) > after.scalar_resources.get(name, 0)):
                return ev.QUEUE
        return ev.QUEUE_SKIP

    def is_schedulable_after_node_change(self, pod: dict, old: Any, new: Any) -> int:
        """Mirrors: (*Fit).isSchedulableAfterNodeChange"""
        ni = NodeInfo()
        ni.set_node(new)
        if fits(pod, ni):
            return ev.QUEUE_SKIP
        if old is None:
            return ev.QUEUE
        return ev.QUEUE if have_any_requested_resources_increased(pod, old, new) else ev.QUEUE_SKIP

    # -- PreFilter and Filter -------------------------------------------------------------

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*Fit).PreFilter"""
        state.write(PRE_FILTER_STATE_KEY, compute_pod_resource_request(pod))
        return None, None

    def pre_filter_extensions(self) -> None:
        return None

    def _pre_filter_state(self, state: Any) -> Resource:
        try:
            return state.read(PRE_FILTER_STATE_KEY)
        except KeyError as e:
            raise KeyError(f'error reading "{PRE_FILTER_STATE_KEY}" from cycleState: {e}') from None

    def filter(self, state: Any, pod: dict, node_info: NodeInfo) -> Status | None:
        """Mirrors: (*Fit).Filter: every insufficient resource is a reason."""
        insufficient = fits_request(self._pre_filter_state(state), node_info, self.ignored_resources,
                                    self.ignored_resource_groups)
        if insufficient:
            return Status(Code.UNSCHEDULABLE, *(r.reason for r in insufficient))
        return None

    def filter_nodes(self, state: Any, pod: dict, table: Any) -> Any:
        """kubelab-only: Filter over every node of the table at once (None: pod asks for scalars)."""
        pr = self._pre_filter_state(state)
        if pr.scalar_resources:
            return None
        mask = table.num_pods + 1 <= table.alloc_pods
        if pr.milli_cpu > 0:
            mask &= pr.milli_cpu <= table.alloc_cpu - table.req_cpu
        if pr.memory > 0:
            mask &= pr.memory <= table.alloc_mem - table.req_mem
        if pr.ephemeral_storage > 0:
            mask &= pr.ephemeral_storage <= table.alloc_eph - table.req_eph
        return mask

    # -- PreScore and Score ---------------------------------------------------------------

    def pre_score(self, state: Any, pod: dict, nodes: list[Any]) -> Status | None:
        """Mirrors: (*Fit).PreScore"""
        state.write(PRE_SCORE_STATE_KEY, _PreScoreState(self.calculate_pod_resource_request_list(pod, self.resources)))
        return None

    def _pod_requests(self, state: Any, pod: dict) -> list[int]:
        s = state.get(PRE_SCORE_STATE_KEY)
        return s.pod_requests if s is not None else self.calculate_pod_resource_request_list(pod, self.resources)

    def score(self, state: Any, pod: dict, node_info: NodeInfo) -> tuple[int, Status | None]:
        """Mirrors: (*Fit).Score"""
        return self._score(pod, node_info, self._pod_requests(state, pod))

    def score_nodes(self, state: Any, pod: dict, table: Any, rows: Any) -> Any:
        """kubelab-only: Score for ``rows`` at once (LeastAllocated and MostAllocated)."""
        if self._scorer_array is None:
            return None
        cols = self.allocatable_and_requested_columns(table, rows, self._pod_requests(state, pod))
        if cols is None:
            return None
        allocs, reqs = cols
        return self._scorer_array(self.resources, reqs, allocs)

    def score_extensions(self) -> None:
        return None


def have_any_requested_resources_increased(pod: dict, old: dict, new: dict) -> bool:
    """Mirrors: fit.go :: haveAnyRequestedResourcesIncreased"""
    pr = compute_pod_resource_request(pod)
    o, m = NodeInfo(), NodeInfo()
    o.set_node(old)
    m.set_node(new)
    if m.allocatable.allowed_pod_number > o.allocatable.allowed_pod_number:
        return True
    if pr.milli_cpu == 0 and pr.memory == 0 and pr.ephemeral_storage == 0 and not pr.scalar_resources:
        return False
    if ((pr.milli_cpu > 0 and m.allocatable.milli_cpu > o.allocatable.milli_cpu)
            or (pr.memory > 0 and m.allocatable.memory > o.allocatable.memory)
            or (pr.ephemeral_storage > 0 and m.allocatable.ephemeral_storage > o.allocatable.ephemeral_storage)):
        return True
    return any(q and m.allocatable.scalar_resources.get(n, 0) > o.allocatable.scalar_resources.get(n, 0)
               for n, q in pr.scalar_resources.items())


def new(args: Any, handle: Any) -> Fit:
    return Fit(args, handle)
