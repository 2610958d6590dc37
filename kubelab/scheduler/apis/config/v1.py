"""Reading kubescheduler.config.k8s.io/v1 YAML or dicts, with upstream's defaults.

Upstream: pkg/scheduler/apis/config/v1/defaults.go, default_plugins.go and the strict
decoding of pkg/scheduler/apis/config/scheme

Differences: NodeVolumeLimits (CSI attach limits) and DynamicResources are not part of
kubelab's default plugin set; extenders are not supported.
"""

from __future__ import annotations

import copy
from typing import Any

from kubelab.scheduler.apis.config import types as t

Obj = dict[str, Any]
API_VERSION = "kubescheduler.config.k8s.io/v1"
KIND = "KubeSchedulerConfiguration"


class ConfigError(ValueError):
    """A configuration kube-scheduler would refuse to start with; the message is upstream's."""


def default_plugins() -> t.Plugins:
    """Mirrors: pkg/scheduler/apis/config/v1/default_plugins.go :: getDefaultPlugins"""
    p = t.Plugins()
    p.multi_point.enabled = [
        t.Plugin("SchedulingGates"), t.Plugin("PrioritySort"), t.Plugin("NodeUnschedulable"),
        t.Plugin("NodeName"), t.Plugin("TaintToleration", 3), t.Plugin("NodeAffinity", 2),
        t.Plugin("NodePorts"), t.Plugin("NodeResourcesFit", 1), t.Plugin("VolumeRestrictions"),
        t.Plugin("VolumeBinding"), t.Plugin("VolumeZone"), t.Plugin("PodTopologySpread", 2),
        t.Plugin("InterPodAffinity", 2), t.Plugin("DefaultPreemption"),
        t.Plugin("NodeResourcesBalancedAllocation", 1), t.Plugin("ImageLocality", 1), t.Plugin("DefaultBinder"),
    ]
    return p


# -- strict decoding ---------------------------------------------------------------------------


def _unknown(path: str, obj: Obj, known: tuple[str, ...]) -> None:
    for k in obj:
        if k not in known:
            name = f"{path}.{k}" if path else k
            raise ConfigError(f'strict decoding error: unknown field "{name}"')


def _int(v: Any, path: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ConfigError(f"json: cannot unmarshal {type(v).__name__} into Go struct field {path} of type int32")
    return v


def _decode_plugin_set(obj: Obj | None, path: str) -> t.PluginSet:
    obj = obj or {}
    _unknown(path, obj, ("enabled", "disabled"))
    out = t.PluginSet()
    for key, dest in (("enabled", out.enabled), ("disabled", out.disabled)):
        for i, p in enumerate(obj.get(key) or ()):
            _unknown(f"{path}.{key}[{i}]", p, ("name", "weight"))
            w = p.get("weight")
            dest.append(t.Plugin(p.get("name", ""), 0 if w is None else _int(w, f"{path}.{key}.weight")))
    return out


def _decode_plugins(obj: Obj | None, path: str) -> t.Plugins | None:
    if obj is None:
        return None
    _unknown(path, obj, t.EXTENSION_POINTS)
    p = t.Plugins()
    for e in t.EXTENSION_POINTS:
        if e in obj:
            p.sets[e] = _decode_plugin_set(obj[e], f"{path}.{e}")
    return p


def _resources(items: Any) -> list[t.ResourceSpec]:
    return [t.ResourceSpec(r.get("name", ""), r.get("weight") or 0) for r in items or ()]


def _shape(items: Any) -> list[t.UtilizationShapePoint]:
    return [t.UtilizationShapePoint(p.get("utilization", 0), p.get("score", 0)) for p in items or ()]


def decode_args(name: str, args: Any, path: str = "args") -> Any:
    """A pluginConfig's args as its typed form (out-of-tree plugins keep their dict)."""
    if isinstance(args, tuple(t.ARGS_TYPES.values())):
        return args
    kind = t.ARGS_TYPES.get(name)
    if kind is None:
        return args
    a = dict(args or {})
    a.pop("apiVersion", None)
    a.pop("kind", None)
    if kind is t.NodeResourcesFitArgs:
        _unknown(path, a, ("ignoredResources", "ignoredResourceGroups", "scoringStrategy"))
        ss = a.get("scoringStrategy")
        strategy = None
        if ss is not None:
            _unknown(f"{path}.scoringStrategy", ss, ("type", "resources", "requestedToCapacityRatio"))
            rtcr = ss.get("requestedToCapacityRatio")
            strategy = t.ScoringStrategy(ss.get("type", ""), _resources(ss.get("resources")),
                                         t.RequestedToCapacityRatioParam(_shape(rtcr.get("shape")))
                                         if rtcr is not None else None)
        return t.NodeResourcesFitArgs(list(a.get("ignoredResources") or ()),
                                      list(a.get("ignoredResourceGroups") or ()), strategy)
    if kind is t.NodeResourcesBalancedAllocationArgs:
        _unknown(path, a, ("resources",))
        return t.NodeResourcesBalancedAllocationArgs(_resources(a.get("resources")))
    if kind is t.PodTopologySpreadArgs:
        _unknown(path, a, ("defaultConstraints", "defaultingType"))
        return t.PodTopologySpreadArgs(copy.deepcopy(list(a.get("defaultConstraints") or ())),
                                       a.get("defaultingType") or "")
    if kind is t.InterPodAffinityArgs:
        _unknown(path, a, ("hardPodAffinityWeight", "ignorePreferredTermsOfExistingPods"))
        return t.InterPodAffinityArgs(a.get("hardPodAffinityWeight"),
                                      bool(a.get("ignorePreferredTermsOfExistingPods", False)))
    if kind is t.NodeAffinityArgs:
        _unknown(path, a, ("addedAffinity",))
        return t.NodeAffinityArgs(copy.deepcopy(a.get("addedAffinity")))
    if kind is t.DefaultPreemptionArgs:
        _unknown(path, a, ("minCandidateNodesPercentage", "minCandidateNodesAbsolute"))
        return t.DefaultPreemptionArgs(a.get("minCandidateNodesPercentage"), a.get("minCandidateNodesAbsolute"))
    _unknown(path, a, ("bindTimeoutSeconds", "shape"))
    return t.VolumeBindingArgs(a.get("bindTimeoutSeconds"), _shape(a.get("shape")))


def decode(obj: Obj) -> t.KubeSchedulerConfiguration:
    """A v1 KubeSchedulerConfiguration dict, strictly decoded (not yet defaulted)."""
    obj = dict(obj)
    api_version = obj.pop("apiVersion", API_VERSION)
    kind = obj.pop("kind", KIND)
    if api_version != API_VERSION or kind != KIND:
        raise ConfigError(f'no kind "{kind}" is registered for version "{api_version}" in scheme '
                          '"pkg/scheduler/apis/config/scheme/scheme.go:30"')
    _unknown("", obj, ("parallelism", "leaderElection", "clientConnection", "healthzBindAddress",
                       "metricsBindAddress", "enableProfiling", "enableContentionProfiling",
                       "percentageOfNodesToScore", "podInitialBackoffSeconds", "podMaxBackoffSeconds",
                       "profiles", "extenders", "delayCacheUntilActive"))
    c = t.KubeSchedulerConfiguration(api_version=api_version)
    c.parallelism = obj["parallelism"] if obj.get("parallelism") is not None else -1
    le = obj.get("leaderElection") or {}
    _unknown("leaderElection", le, ("leaderElect", "leaseDuration", "renewDeadline", "retryPeriod",
                                    "resourceLock", "resourceName", "resourceNamespace"))
    c.leader_election = t.LeaderElectionConfiguration(
        leader_elect=le.get("leaderElect", True),
        lease_duration=_seconds(le.get("leaseDuration", "15s")),
        renew_deadline=_seconds(le.get("renewDeadline", "10s")),
        retry_period=_seconds(le.get("retryPeriod", "2s")),
        resource_lock=le.get("resourceLock") or "leases",
        resource_name=le.get("resourceName") or "kube-scheduler",
        resource_namespace=le.get("resourceNamespace") or "kube-system")
    c.percentage_of_nodes_to_score = obj.get("percentageOfNodesToScore")
    c.pod_initial_backoff_seconds = obj.get("podInitialBackoffSeconds", -1)
    c.pod_max_backoff_seconds = obj.get("podMaxBackoffSeconds", -1)
    c.extenders = list(obj.get("extenders") or ())
    for i, p in enumerate(obj.get("profiles") or ()):
        path = f"profiles[{i}]"
        _unknown(path, p, ("schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig"))
        prof = t.KubeSchedulerProfile(p.get("schedulerName"), p.get("percentageOfNodesToScore"),
                                      _decode_plugins(p.get("plugins"), f"{path}.plugins"))
        for j, pc in enumerate(p.get("pluginConfig") or ()):
            _unknown(f"{path}.pluginConfig[{j}]", pc, ("name", "args"))
            prof.plugin_config.append(t.PluginConfig(pc.get("name", ""), decode_args(
                pc.get("name", ""), pc.get("args"), f"{path}.pluginConfig[{j}].args")))
        c.profiles.append(prof)
    return c


def _seconds(v: Any) -> float:
    """A metav1.Duration (``15s``, ``1m30s``, ``500ms``) in seconds."""
    if isinstance(v, int | float):
        return float(v)
    s = str(v)
    total, num = 0.0, ""
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit() or ch == ".":
            num += ch
            i += 1
            continue
        unit = "ms" if s[i:i + 2] == "ms" else ch
        if unit not in units or not num:
            raise ConfigError(f'time: invalid duration "{s}"')
        total += float(num) * units[unit]
        num = ""
        i += len(unit)
    if num:
        raise ConfigError(f'time: missing unit in duration "{s}"')
    return total


# -- defaulting (defaults.go) -------------------------------------------------------------------


def merge_plugin_set(default: t.PluginSet, custom: t.PluginSet) -> t.PluginSet:
    """Mirrors: pkg/scheduler/apis/config/v1/default_plugins.go :: mergePluginSet"""
    disabled_names: dict[str, None] = {}
    disabled: list[t.Plugin] = []
    for p in custom.disabled:
        disabled.append(t.Plugin(p.name))
        disabled_names[p.name] = None
    for p in default.disabled:
        disabled.append(t.Plugin(p.name))
        disabled_names[p.name] = None
    custom_index = {p.name: (i, p) for i, p in enumerate(custom.enabled)}
    replaced: set[int] = set()
    enabled: list[t.Plugin] = []
    if "*" not in disabled_names:
        for p in default.enabled:
            if p.name in disabled_names:
                continue
            if p.name in custom_index:
                i, cp = custom_index[p.name]
                p = cp
                replaced.add(i)
            enabled.append(t.Plugin(p.name, p.weight))
    for i, p in enumerate(custom.enabled):
        if i not in replaced:
            enabled.append(t.Plugin(p.name, p.weight))
    return t.PluginSet(enabled, disabled)


def merge_plugins(default: t.Plugins, custom: t.Plugins | None) -> t.Plugins:
    """Mirrors: pkg/scheduler/apis/config/v1/default_plugins.go :: mergePlugins"""
    if custom is None:
        return default
    out = t.Plugins()
    for e in t.EXTENSION_POINTS:
        out.sets[e] = merge_plugin_set(default[e], custom[e])
    return out


def set_defaults_args(args: Any) -> None:
    """Mirrors: pkg/scheduler/apis/config/v1/defaults.go :: SetDefaults_*Args"""
    if isinstance(args, t.NodeResourcesFitArgs):
        if args.scoring_strategy is None:
            args.scoring_strategy = t.ScoringStrategy(t.LEAST_ALLOCATED, _default_resources())
        if not args.scoring_strategy.resources:
            args.scoring_strategy.resources = _default_resources()
        for r in args.scoring_strategy.resources:
            if r.weight == 0:
                r.weight = 1
    elif isinstance(args, t.NodeResourcesBalancedAllocationArgs):
        if not args.resources:
            args.resources = _default_resources()
        for r in args.resources:
            if r.weight == 0:
                r.weight = 1
    elif isinstance(args, t.PodTopologySpreadArgs):
        if not args.defaulting_type:
            args.defaulting_type = t.SYSTEM_DEFAULTING
    elif isinstance(args, t.InterPodAffinityArgs):
        if args.hard_pod_affinity_weight is None:
            args.hard_pod_affinity_weight = 1
    elif isinstance(args, t.DefaultPreemptionArgs):
        if args.min_candidate_nodes_percentage is None:
            args.min_candidate_nodes_percentage = 10
        if args.min_candidate_nodes_absolute is None:
            args.min_candidate_nodes_absolute = 100
    elif isinstance(args, t.VolumeBindingArgs):
        if args.bind_timeout_seconds is None:
            args.bind_timeout_seconds = 600


def _default_resources() -> list[t.ResourceSpec]:
    return [t.ResourceSpec("cpu", 1), t.ResourceSpec("memory", 1)]


def plugins_names(p: t.Plugins | None) -> list[str]:
    """Mirrors: pkg/scheduler/apis/config/v1/defaults.go :: pluginsNames (sorted)."""
    if p is None:
        return []
    names = {pl.name for e in t.EXTENSION_POINTS for pl in p[e].enabled}
    return sorted(names)


def set_defaults_profile(prof: t.KubeSchedulerProfile) -> None:
    """Mirrors: pkg/scheduler/apis/config/v1/defaults.go :: setDefaults_KubeSchedulerProfile"""
    prof.plugins = merge_plugins(default_plugins(), prof.plugins)
    existing = {pc.name for pc in prof.plugin_config}
    for pc in prof.plugin_config:
        set_defaults_args(pc.args)
    for name in plugins_names(prof.plugins):
        if name in existing or name not in t.ARGS_TYPES:
            continue
        args = t.ARGS_TYPES[name]()
        set_defaults_args(args)
        prof.plugin_config.append(t.PluginConfig(name, args))


def set_defaults(c: t.KubeSchedulerConfiguration) -> None:
    """Mirrors: pkg/scheduler/apis/config/v1/defaults.go :: SetDefaults_KubeSchedulerConfiguration"""
    if c.parallelism == -1:
        c.parallelism = 16
    if not c.profiles:
        c.profiles.append(t.KubeSchedulerProfile(None))
    # Only a single profile gets the default name; validation wants the others named.
    if len(c.profiles) == 1 and c.profiles[0].scheduler_name is None:
        c.profiles[0].scheduler_name = t.DEFAULT_SCHEDULER_NAME
    for prof in c.profiles:
        if prof.scheduler_name is None:
            prof.scheduler_name = ""
        set_defaults_profile(prof)
    if c.percentage_of_nodes_to_score is None:
        c.percentage_of_nodes_to_score = t.DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE
    if c.pod_initial_backoff_seconds == -1:
        c.pod_initial_backoff_seconds = 1
    if c.pod_max_backoff_seconds == -1:
        c.pod_max_backoff_seconds = 10
