"""KubeSchedulerConfiguration and the plugin argument types, internal (defaulted) form.

Upstream: pkg/scheduler/apis/config/types.go and types_pluginargs.go
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]

DEFAULT_SCHEDULER_NAME = "default-scheduler"
# 0 means adaptive: 50% minus 1% per 125 nodes, at least 5%.
DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0
MAX_CUSTOM_PRIORITY_SCORE = 10
MAX_TOTAL_SCORE = (1 << 63) - 1
MAX_WEIGHT = MAX_TOTAL_SCORE // 100

LEAST_ALLOCATED = "LeastAllocated"
MOST_ALLOCATED = "MostAllocated"
REQUESTED_TO_CAPACITY_RATIO = "RequestedToCapacityRatio"

SYSTEM_DEFAULTING = "System"
LIST_DEFAULTING = "List"

EXTENSION_POINTS = ("preEnqueue", "queueSort", "preFilter", "filter", "postFilter", "preScore", "score",
                    "reserve", "permit", "preBind", "bind", "postBind", "multiPoint")


@dataclass(slots=True)
class Plugin:
    """Mirrors: pkg/scheduler/apis/config/types.go :: Plugin"""

    name: str
    weight: int = 0


@dataclass(slots=True)
class PluginSet:
    """Mirrors: pkg/scheduler/apis/config/types.go :: PluginSet"""

    enabled: list[Plugin] = field(default_factory=list)
    disabled: list[Plugin] = field(default_factory=list)


@dataclass(slots=True)
class Plugins:
    """One PluginSet per extension point, keyed by the YAML names (``preFilter``, ...).

    Mirrors: pkg/scheduler/apis/config/types.go :: Plugins
    """

    sets: dict[str, PluginSet] = field(default_factory=lambda: {e: PluginSet() for e in EXTENSION_POINTS})

    def __getitem__(self, extension_point: str) -> PluginSet:
        return self.sets[extension_point]

    @property
    def multi_point(self) -> PluginSet:
        return self.sets["multiPoint"]


@dataclass(slots=True)
class PluginConfig:
    """Mirrors: pkg/scheduler/apis/config/types.go :: PluginConfig"""

    name: str
    args: Any = None


@dataclass(slots=True)
class KubeSchedulerProfile:
    """Mirrors: pkg/scheduler/apis/config/types.go :: KubeSchedulerProfile"""

    scheduler_name: str | None = ""
    percentage_of_nodes_to_score: int | None = None
    plugins: Plugins | None = None
    plugin_config: list[PluginConfig] = field(default_factory=list)

    def args_for(self, name: str) -> Any:
        for pc in self.plugin_config:
            if pc.name == name:
                return pc.args
        return None


@dataclass(slots=True)
class LeaderElectionConfiguration:
    """Mirrors: component-base/config/types.go :: LeaderElectionConfiguration"""

    leader_elect: bool = True
    lease_duration: float = 15.0
    renew_deadline: float = 10.0
    retry_period: float = 2.0
    resource_lock: str = "leases"
    resource_name: str = "kube-scheduler"
    resource_namespace: str = "kube-system"


@dataclass(slots=True)
class KubeSchedulerConfiguration:
    """Mirrors: pkg/scheduler/apis/config/types.go :: KubeSchedulerConfiguration"""

    api_version: str = "kubescheduler.config.k8s.io/v1"
    parallelism: int = 16
    leader_election: LeaderElectionConfiguration = field(default_factory=LeaderElectionConfiguration)
    percentage_of_nodes_to_score: int | None = DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE
    pod_initial_backoff_seconds: int = 1
    pod_max_backoff_seconds: int = 10
    profiles: list[KubeSchedulerProfile] = field(default_factory=list)
    extenders: list[Obj] = field(default_factory=list)


# -- plugin args (types_pluginargs.go) -------------------------------------------------------


@dataclass(slots=True)
class ResourceSpec:
    name: str
    weight: int = 0


@dataclass(slots=True)
class UtilizationShapePoint:
    utilization: int
    score: int


@dataclass(slots=True)
class RequestedToCapacityRatioParam:
    shape: list[UtilizationShapePoint] = field(default_factory=list)


@dataclass(slots=True)
class ScoringStrategy:
    type: str = LEAST_ALLOCATED
    resources: list[ResourceSpec] = field(default_factory=list)
    requested_to_capacity_ratio: RequestedToCapacityRatioParam | None = None


@dataclass(slots=True)
class NodeResourcesFitArgs:
    ignored_resources: list[str] = field(default_factory=list)
    ignored_resource_groups: list[str] = field(default_factory=list)
    scoring_strategy: ScoringStrategy | None = None


@dataclass(slots=True)
class NodeResourcesBalancedAllocationArgs:
    resources: list[ResourceSpec] = field(default_factory=list)


@dataclass(slots=True)
class PodTopologySpreadArgs:
    default_constraints: list[Obj] = field(default_factory=list)
    defaulting_type: str = ""


@dataclass(slots=True)
class InterPodAffinityArgs:
    hard_pod_affinity_weight: int | None = None
    ignore_preferred_terms_of_existing_pods: bool = False


@dataclass(slots=True)
class NodeAffinityArgs:
    added_affinity: Obj | None = None


@dataclass(slots=True)
class DefaultPreemptionArgs:
    min_candidate_nodes_percentage: int | None = None
    min_candidate_nodes_absolute: int | None = None


@dataclass(slots=True)
class VolumeBindingArgs:
    bind_timeout_seconds: int | None = None
    shape: list[UtilizationShapePoint] = field(default_factory=list)


# The args kind of each in-tree plugin that takes arguments.
ARGS_TYPES: dict[str, type] = {
    "DefaultPreemption": DefaultPreemptionArgs,
    "InterPodAffinity": InterPodAffinityArgs,
    "NodeAffinity": NodeAffinityArgs,
    "NodeResourcesBalancedAllocation": NodeResourcesBalancedAllocationArgs,
    "NodeResourcesFit": NodeResourcesFitArgs,
    "PodTopologySpread": PodTopologySpreadArgs,
    "VolumeBinding": VolumeBindingArgs,
}
