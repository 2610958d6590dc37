"""Validation of KubeSchedulerConfiguration and of each plugin's arguments.

Upstream: pkg/scheduler/apis/config/validation/validation.go and
validation_pluginargs.go; component-base/config/validation (leader election)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field as fld
from kubelab.api.field import ErrorList, Path
from kubelab.api.validation.generic import validate_label_name
from kubelab.scheduler.apis.config import types as t
from kubelab.scheduler.component_helpers import nodeaffinity
from kubelab.scheduler.util.utils import go_duration

SUPPORTED_SCORING_STRATEGY_TYPES = sorted((t.LEAST_ALLOCATED, t.MOST_ALLOCATED, t.REQUESTED_TO_CAPACITY_RATIO))


def _duration(seconds: float) -> str:
    return go_duration(seconds)


def validate_leader_election_configuration(cc: t.LeaderElectionConfiguration, path: Path) -> ErrorList:
    """Mirrors: component-base/config/validation :: ValidateLeaderElectionConfiguration"""
    errs: ErrorList = []
    if not cc.leader_elect:
        return errs
    for name, secs in (("leaseDuration", cc.lease_duration), ("renewDeadline", cc.renew_deadline),
                       ("retryPeriod", cc.retry_period)):
        if secs <= 0:
            errs.append(fld.invalid(path.child(name), _Raw(_duration(secs)), "must be greater than zero"))
    if cc.lease_duration <= cc.renew_deadline:
        errs.append(fld.invalid(path.child("leaseDuration"), _Raw(_duration(cc.renew_deadline)),
                                "LeaseDuration must be greater than RenewDeadline"))
    for name, v in (("resourceLock", cc.resource_lock), ("resourceNamespace", cc.resource_namespace),
                    ("resourceName", cc.resource_name)):
        if not v:
            errs.append(fld.invalid(path.child(name), v, f"{name} is required"))
    return errs


class _Raw:
    """A bad value printed as-is (a Go struct's %#v)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def validate_percentage_of_nodes_to_score(path: Path, p: int | None) -> ErrorList:
    """Mirrors: validation.go :: validatePercentageOfNodesToScore"""
    if p is not None and (p < 0 or p > 100):
        return [fld.invalid(path, p, "not in valid range [0-100]")]
    return []


def validate_kube_scheduler_configuration(cc: t.KubeSchedulerConfiguration) -> ErrorList:
    """Every error, flattened in upstream's order.

    Mirrors: validation.go :: ValidateKubeSchedulerConfiguration
    """
    errs: ErrorList = []
    errs += validate_leader_election_configuration(cc.leader_election, Path("leaderElection"))
    if cc.leader_election.leader_elect and cc.leader_election.resource_lock != "leases":
        errs.append(fld.invalid(Path("leaderElection").child("resourceLock"), cc.leader_election.resource_lock,
                                'resourceLock value must be "leases"'))
    profiles_path = Path("profiles")
    if cc.parallelism <= 0:
        errs.append(fld.invalid(Path("parallelism"), cc.parallelism, "should be an integer value greater than zero"))
    if not cc.profiles:
        errs.append(fld.required(profiles_path, ""))
    else:
        existing: dict[str, int] = {}
        for i, prof in enumerate(cc.profiles):
            path = profiles_path.index(i)
            errs += validate_kube_scheduler_profile(path, prof)
            name = prof.scheduler_name or ""
            if name in existing:
                errs.append(fld.duplicate(path.child("schedulerName"),
                                          _Raw(str(profiles_path.index(existing[name]).child("schedulerName")))))
            existing[name] = i
        errs += validate_common_queue_sort(profiles_path, cc.profiles)
    errs += validate_percentage_of_nodes_to_score(Path("percentageOfNodesToScore"), cc.percentage_of_nodes_to_score)
    if cc.pod_initial_backoff_seconds <= 0:
        errs.append(fld.invalid(Path("podInitialBackoffSeconds"), cc.pod_initial_backoff_seconds, "must be greater than 0"))
    if cc.pod_max_backoff_seconds < cc.pod_initial_backoff_seconds:
        errs.append(fld.invalid(Path("podMaxBackoffSeconds"), cc.pod_max_backoff_seconds,
                                "must be greater than or equal to PodInitialBackoffSeconds"))
    if cc.extenders:
        errs.append(fld.forbidden(Path("extenders"), "kubelab's kube-scheduler runs no extenders"))
    return errs


def validate_kube_scheduler_profile(path: Path, prof: t.KubeSchedulerProfile) -> ErrorList:
    """Mirrors: validation.go :: validateKubeSchedulerProfile"""
    errs: ErrorList = []
    if not prof.scheduler_name:
        errs.append(fld.required(path.child("schedulerName"), ""))
    errs += validate_percentage_of_nodes_to_score(path.child("percentageOfNodesToScore"),
                                                  prof.percentage_of_nodes_to_score)
    errs += validate_plugin_config(path, prof)
    return errs


VALIDATE_ARGS: dict[str, Any] = {}


def validate_plugin_config(path: Path, prof: t.KubeSchedulerProfile) -> ErrorList:
    """Mirrors: validation.go :: validatePluginConfig"""
    errs: ErrorList = []
    seen: dict[str, None] = {}
    for i, pc in enumerate(prof.plugin_config):
        p = path.child("pluginConfig").index(i)
        if pc.name in seen:
            errs.append(fld.duplicate(p, pc.name))
        else:
            seen[pc.name] = None
        fn = VALIDATE_ARGS.get(pc.name)
        if fn is None:
            continue
        if not isinstance(pc.args, t.ARGS_TYPES[pc.name]):
            errs.append(fld.invalid(p.child("args"), _Raw(repr(pc.args)), "has to match plugin args"))
            continue
        errs += fn(p.child("args"), pc.args)
    return errs


def validate_common_queue_sort(path: Path, profiles: list[t.KubeSchedulerProfile]) -> ErrorList:
    """Mirrors: validation.go :: validateCommonQueueSort"""
    errs: ErrorList = []
    first = profiles[0].plugins
    canon = first["queueSort"] if first is not None else t.PluginSet()
    qs_name = canon.enabled[0].name if canon.enabled else ""
    if len(canon.enabled) > 1:
        errs.append(fld.invalid(path.index(0).child("plugins", "queueSort", "Enabled"), len(canon.enabled),
                                "only one queue sort plugin can be enabled"))
    qs_args = profiles[0].args_for(qs_name) if qs_name else None
    for i in range(1, len(profiles)):
        plugins = profiles[i].plugins
        curr = plugins["queueSort"] if plugins is not None else t.PluginSet()
        if curr != canon:
            errs.append(fld.invalid(path.index(i).child("plugins", "queueSort"), _Raw(repr(curr)),
                                    "must be the same for all profiles"))
        for pc in profiles[i].plugin_config:
            if pc.name == qs_name and pc.args != qs_args:
                errs.append(fld.invalid(path.index(i).child("pluginConfig", "args"), _Raw(repr(pc.args)),
                                        "must be the same for all profiles"))
    return errs


# -- plugin args (validation_pluginargs.go) --------------------------------------------------


def validate_default_preemption_args(path: Path, args: t.DefaultPreemptionArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidateDefaultPreemptionArgs"""
    errs: ErrorList = []
    pct, ab = args.min_candidate_nodes_percentage or 0, args.min_candidate_nodes_absolute or 0
    pp, ap = path.child("minCandidateNodesPercentage"), path.child("minCandidateNodesAbsolute")
    if pct < 0 or pct > 100:
        errs.append(fld.invalid(pp, pct, "not in valid range [0, 100]"))
    if ab < 0:
        errs.append(fld.invalid(ap, ab, "not in valid range [0, inf)"))
    if pct == 0 and ab == 0:
        errs.append(fld.invalid(pp, pct, "cannot be zero at the same time as minCandidateNodesAbsolute"))
        errs.append(fld.invalid(ap, ab, "cannot be zero at the same time as minCandidateNodesPercentage"))
    return errs


def validate_inter_pod_affinity_args(path: Path, args: t.InterPodAffinityArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidateInterPodAffinityArgs"""
    w = args.hard_pod_affinity_weight if args.hard_pod_affinity_weight is not None else 1
    if w < 0 or w > 100:
        return [fld.invalid(path.child("hardPodAffinityWeight"), w, "not in valid range [0, 100]")]
    return []


def validate_pod_topology_spread_args(path: Path, args: t.PodTopologySpreadArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidatePodTopologySpreadArgs"""
    errs: ErrorList = []
    dt = args.defaulting_type
    if dt not in (t.SYSTEM_DEFAULTING, t.LIST_DEFAULTING):
        errs.append(fld.not_supported(path.child("defaultingType"), dt, [t.SYSTEM_DEFAULTING, t.LIST_DEFAULTING]))
    elif dt == t.SYSTEM_DEFAULTING and args.default_constraints:
        errs.append(fld.invalid(path.child("defaultingType"), dt, "when .defaultConstraints are not empty"))
    cpath = path.child("defaultConstraints")
    for i, c in enumerate(args.default_constraints):
        p = cpath.index(i)
        if (c.get("maxSkew") or 0) <= 0:
            errs.append(fld.invalid(p.child("maxSkew"), c.get("maxSkew") or 0, "not in valid range (0, inf)"))
        key = c.get("topologyKey", "")
        if not key:
            errs.append(fld.required(p.child("topologyKey"), "can not be empty"))
        else:
            errs += validate_label_name(key, p.child("topologyKey"))
        wu = c.get("whenUnsatisfiable", "")
        if not wu:
            errs.append(fld.required(p.child("whenUnsatisfiable"), "can not be empty"))
        elif wu not in ("DoNotSchedule", "ScheduleAnyway"):
            errs.append(fld.not_supported(p.child("whenUnsatisfiable"), wu, ["DoNotSchedule", "ScheduleAnyway"]))
        if c.get("labelSelector") is not None:
            errs.append(fld.forbidden(p.child("labelSelector"),
                                      "constraint must not define a selector, as they deduced for each pod"))
        for other in args.default_constraints[:i]:
            if other.get("topologyKey") == key and other.get("whenUnsatisfiable") == wu:
                errs.append(fld.duplicate(cpath.index(i), f"{{{key}, {wu}}}"))
                break
    return errs


def validate_node_resources_balanced_allocation_args(path: Path,
                                                     args: t.NodeResourcesBalancedAllocationArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidateNodeResourcesBalancedAllocationArgs"""
    errs: ErrorList = []
    seen: dict[str, None] = {}
    for i, r in enumerate(args.resources):
        rp = path.child("resources").index(i)
        if r.name in seen:
            errs.append(fld.duplicate(rp.child("name"), r.name))
        else:
            seen[r.name] = None
        if r.weight != 1:
            errs.append(fld.invalid(rp.child("weight"), r.weight, "must be 1"))
    return errs


def validate_node_affinity_args(path: Path, args: t.NodeAffinityArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidateNodeAffinityArgs"""
    if args.added_affinity is None:
        return []
    errs: ErrorList = []
    a = args.added_affinity
    ns = a.get("requiredDuringSchedulingIgnoredDuringExecution")
    if ns is not None:
        try:
            nodeaffinity.new_node_selector(ns, path.child("addedAffinity", "requiredDuringSchedulingIgnoredDuringExecution"))
        except nodeaffinity.NodeSelectorError as e:
            errs += [x for x in e.errs if isinstance(x, fld.FieldError)]
    terms = a.get("preferredDuringSchedulingIgnoredDuringExecution")
    if terms:
        try:
            nodeaffinity.new_preferred_scheduling_terms(
                terms, path.child("addedAffinity", "preferredDuringSchedulingIgnoredDuringExecution"))
        except nodeaffinity.NodeSelectorError as e:
            errs += [x for x in e.errs if isinstance(x, fld.FieldError)]
    return errs


def validate_function_shape(shape: list[t.UtilizationShapePoint], path: Path) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: validateFunctionShape"""
    if not shape:
        return [fld.required(path, "at least one point must be specified")]
    errs: ErrorList = []
    for i in range(1, len(shape)):
        if shape[i - 1].utilization >= shape[i].utilization:
            errs.append(fld.invalid(path.index(i).child("utilization"), shape[i].utilization,
                                    "utilization values must be sorted in increasing order"))
            break
    for i, point in enumerate(shape):
        if point.utilization < 0 or point.utilization > 100:
            errs.append(fld.invalid(path.index(i).child("utilization"), point.utilization, "not in valid range [0, 100]"))
        if point.score < 0 or point.score > t.MAX_CUSTOM_PRIORITY_SCORE:
            errs.append(fld.invalid(path.index(i).child("score"), point.score,
                                    f"not in valid range [0, {t.MAX_CUSTOM_PRIORITY_SCORE}]"))
    return errs


def validate_node_resources_fit_args(path: Path, args: t.NodeResourcesFitArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidateNodeResourcesFitArgs"""
    errs: ErrorList = []
    for i, name in enumerate(args.ignored_resources):
        errs += validate_label_name(name, path.child("ignoredResources").index(i))
    for i, g in enumerate(args.ignored_resource_groups):
        gp = path.child("ignoredResourceGroups").index(i)
        if "/" in g:
            errs.append(fld.invalid(gp, g, "resource group name can't contain '/'"))
        errs += validate_label_name(g, gp)
    ss = args.scoring_strategy
    sp = path.child("scoringStrategy")
    if ss is not None:
        if ss.type not in SUPPORTED_SCORING_STRATEGY_TYPES:
            errs.append(fld.not_supported(sp.child("type"), ss.type, SUPPORTED_SCORING_STRATEGY_TYPES))
        for i, r in enumerate(ss.resources):
            if r.weight <= 0 or r.weight > 100:
                errs.append(fld.invalid(sp.child("resources").index(i).child("weight"), r.weight,
                                        f"resource weight of {r.name} not in valid range (0, 100]"))
        if ss.requested_to_capacity_ratio is not None:
            errs += validate_function_shape(ss.requested_to_capacity_ratio.shape, sp.child("shape"))
    return errs


def validate_volume_binding_args(path: Path, args: t.VolumeBindingArgs) -> ErrorList:
    """Mirrors: validation_pluginargs.go :: ValidateVolumeBindingArgs"""
    if args.bind_timeout_seconds is not None and args.bind_timeout_seconds < 0:
        return [fld.invalid(path.child("bindTimeoutSeconds"), args.bind_timeout_seconds,
                            "invalid BindTimeoutSeconds, should not be a negative value")]
    return []


VALIDATE_ARGS.update({
    "DefaultPreemption": validate_default_preemption_args,
    "InterPodAffinity": validate_inter_pod_affinity_args,
    "NodeAffinity": validate_node_affinity_args,
    "NodeResourcesBalancedAllocation": validate_node_resources_balanced_allocation_args,
    "NodeResourcesFit": validate_node_resources_fit_args,
    "PodTopologySpread": validate_pod_topology_spread_args,
    "VolumeBinding": validate_volume_binding_args,
})
