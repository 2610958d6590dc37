"""Which strategy each served kind uses.

Upstream: the NewStorage/NewREST constructors under pkg/registry/*/storage that pair
each kind's Store with its strategy and status strategy.
"""

from __future__ import annotations

from collections.abc import Callable

from kubelab.api.scheme import ResourceInfo
from kubelab.apiserver.registry.batch import JobStrategy
from kubelab.apiserver.registry.core.ipallocator import IPAllocator, PortAllocator
from kubelab.apiserver.registry.core.namespace import NamespaceStrategy
from kubelab.apiserver.registry.core.pod import PodStatusStrategy, PodStrategy
from kubelab.apiserver.registry.core.service import ServiceStrategy
from kubelab.apiserver.registry.strategy import StatusStrategy, Strategy

Pair = tuple[Strategy, Strategy | None]


def build_strategies(ips: IPAllocator, ports: PortAllocator) -> Callable[[ResourceInfo], Pair]:
    def for_info(info: ResourceInfo) -> Pair:
        status = StatusStrategy(info) if info.subresource("status") else None
        kind = info.kind
        if kind == "Pod":
            return PodStrategy(info), PodStatusStrategy(info)
        if kind == "Service":
            return ServiceStrategy(info, ips, ports), status
        if kind == "Namespace":
            return NamespaceStrategy(info), status
        if kind == "Job":
            return JobStrategy(info), status
        return Strategy(info), status

    return for_info
