"""One profile's plugins, wired to its extension points, and the Handle plugins receive.

The code that runs each extension point is inherited from ``extension_points``.

Upstream: pkg/scheduler/framework/runtime/framework.go (frameworkImpl, NewFramework,
updatePluginList, expandMultiPointPlugins, getScoreWeights)
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import (
    EXTENSION_METHODS,
    MAX_NODE_SCORE,
    MAX_TOTAL_SCORE,
    implements,
)
from kubelab.scheduler.framework.runtime.extension_points import ExtensionPointRunners, plugin_name
from kubelab.scheduler.framework.runtime.registry import Registry
from kubelab.scheduler.framework.runtime.waiting_pods_map import WaitingPod, WaitingPodsMap
from kubelab.scheduler.framework.types import PodInfo

Obj = dict[str, Any]

# The Go interface name of each extension point, for upstream's error messages.
_INTERFACE_NAMES = {
    "PreEnqueue": "PreEnqueuePlugin", "QueueSort": "QueueSortPlugin", "PreFilter": "PreFilterPlugin",
    "Filter": "FilterPlugin", "PostFilter": "PostFilterPlugin", "PreScore": "PreScorePlugin",
    "Score": "ScorePlugin", "Reserve": "ReservePlugin", "Permit": "PermitPlugin", "PreBind": "PreBindPlugin",
    "Bind": "BindPlugin", "PostBind": "PostBindPlugin",
}
# Extension point -> its key in the configuration's Plugins.
_CONFIG_KEYS = {
    "PreEnqueue": "preEnqueue", "QueueSort": "queueSort", "PreFilter": "preFilter", "Filter": "filter",
    "PostFilter": "postFilter", "PreScore": "preScore", "Score": "score", "Reserve": "reserve",
    "Permit": "permit", "PreBind": "preBind", "Bind": "bind", "PostBind": "postBind",
}
# Every event, for plugins that do not say which ones they care about (defaultEnqueueExtension).
ALL_CLUSTER_EVENTS = [ev.ClusterEventWithHint(ev.ClusterEvent(r, ev.ActionType.ALL)) for r in (
    ev.POD, ev.NODE, ev.PERSISTENT_VOLUME, ev.PERSISTENT_VOLUME_CLAIM, ev.STORAGE_CLASS)]


class FrameworkError(ValueError):
    """A profile kube-scheduler could not build (upstream's NewFramework errors)."""


class Framework(ExtensionPointRunners):
    """Mirrors: pkg/scheduler/framework/runtime/framework.go :: frameworkImpl

    Also the framework Handle plugins receive: snapshot, informers, client, recorder,
    nominator and waiting pods.

    Differences: plugins run one node after another (no parallelizer); extension point
    durations are simulated seconds (zero for the points that make no API call).
    """

    def __init__(self, registry: Registry, profile: cfg.KubeSchedulerProfile, *, env: Any, client: Any = None,
                 informer_factory: Any = None, snapshot: Any = None, event_recorder: Any = None,
                 pod_nominator: Any = None, pod_activator: Any = None, metrics: Any = None,
                 percentage_of_nodes_to_score: int | None = None) -> None:
        self.env = env
        self.client = client
        self.informer_factory = informer_factory
        self.snapshot = snapshot
        self.recorder = event_recorder
        self.pod_nominator = pod_nominator
        self.pod_activator = pod_activator
        self.metrics = metrics
        self.profile_name = profile.scheduler_name or ""
        self.percentage_of_nodes_to_score = (profile.percentage_of_nodes_to_score
                                             if profile.percentage_of_nodes_to_score is not None
                                             else percentage_of_nodes_to_score)
        self.waiting_pods = WaitingPodsMap()
        self.plugins_map: dict[str, Any] = {}
        self.score_plugin_weight: dict[str, int] = {}
        self.enqueue_extensions: list[tuple[str, list[ev.ClusterEventWithHint]]] = []
        self.points: dict[str, list[Any]] = {p: [] for p in _INTERFACE_NAMES}
        self._build(registry, profile)
        self.names: dict[str, list[str]] = {p: [plugin_name(x) for x in pls] for p, pls in self.points.items()}
        # (name, bound method) pairs: the hot loops call them directly.
        self._filters = [(plugin_name(p), p.filter) for p in self.points["Filter"]]

    # -- construction ---------------------------------------------------------------------

    def _build(self, registry: Registry, profile: cfg.KubeSchedulerProfile) -> None:
        """Mirrors: runtime/framework.go :: NewFramework"""
        plugins = profile.plugins or cfg.Plugins()
        needed = {p.name: None for e in cfg.EXTENSION_POINTS for p in plugins[e].enabled}
        args: dict[str, Any] = {}
        for pc in profile.plugin_config:
            if pc.name in args:
                raise FrameworkError(f"repeated config for plugin {pc.name}")
            args[pc.name] = pc.args
        for name in registry:
            if name not in needed:
                continue
            try:
                p = registry[name](args.get(name), self)
            except Exception as e:  # a learner's factory may fail in any way
                raise FrameworkError(f'initializing plugin "{name}": {e}') from e
            self.plugins_map[name] = p
            events = p.events_to_register() if callable(getattr(p, "events_to_register", None)) else ALL_CLUSTER_EVENTS
            self.enqueue_extensions.append((name, list(events)))
        for point in _INTERFACE_NAMES:
            self._update_plugin_list(point, plugins[_CONFIG_KEYS[point]])
        if plugins.multi_point.enabled:
            self._expand_multi_point_plugins(plugins)
        if len(self.points["QueueSort"]) != 1:
            raise FrameworkError(f'only one queue sort plugin required for profile with scheduler name '
                                 f'"{self.profile_name}", but got {len(self.points["QueueSort"])}')
        if not self.points["Bind"]:
            raise FrameworkError(f'at least one bind plugin is needed for profile with scheduler name '
                                 f'"{self.profile_name}"')
        self._get_score_weights(plugins["score"].enabled + plugins.multi_point.enabled)
        for p in self.points["Score"]:
            if self.score_plugin_weight.get(plugin_name(p), 0) == 0:
                raise FrameworkError(f'score plugin "{plugin_name(p)}" is not configured with weight')

    def _update_plugin_list(self, point: str, plugin_set: cfg.PluginSet) -> None:
        """Mirrors: runtime/framework.go :: updatePluginList"""
        iface = _INTERFACE_NAMES[point]
        seen: dict[str, None] = {}
        for ep in plugin_set.enabled:
            p = self.plugins_map.get(ep.name)
            if p is None:
                raise FrameworkError(f'{iface} "{ep.name}" does not exist')
            if not implements(p, point):
                raise FrameworkError(f'plugin "{ep.name}" does not extend {iface} plugin')
            if ep.name in seen:
                raise FrameworkError(f'plugin "{ep.name}" already registered as "{iface}"')
            seen[ep.name] = None
            self.points[point].append(p)

    def _expand_multi_point_plugins(self, plugins: cfg.Plugins) -> None:
        """Mirrors: runtime/framework.go :: expandMultiPointPlugins"""
        for point, iface in _INTERFACE_NAMES.items():
            pset = plugins[_CONFIG_KEYS[point]]
            enabled = [p.name for p in pset.enabled]
            disabled = {p.name for p in pset.disabled}
            if "*" in disabled:
                continue
            multi: list[str] = []
            overrides: list[str] = []
            for ep in plugins.multi_point.enabled:
                p = self.plugins_map.get(ep.name)
                if p is None:
                    raise FrameworkError(f'{iface} "{ep.name}" does not exist')
                if not implements(p, point) or ep.name in disabled:
                    continue
                if ep.name in enabled:
                    overrides.append(ep.name)
                    continue
                if ep.name in multi:
                    raise FrameworkError(f'plugin "{ep.name}" already registered as "{iface}"')
                multi.append(ep.name)
            order = [n for n in enabled if n in overrides] + multi + [n for n in enabled if n not in overrides]
            self.points[point] = [self.plugins_map[n] for n in order]

    def _get_score_weights(self, plugins: list[cfg.Plugin]) -> None:
        """Mirrors: runtime/framework.go :: getScoreWeights"""
        total = 0
        for e in plugins:
            p = self.plugins_map.get(e.name)
            if p is None or not implements(p, "Score") or e.name in self.score_plugin_weight:
                continue
            w = e.weight or 1
            self.score_plugin_weight[e.name] = w
            if w * MAX_NODE_SCORE > MAX_TOTAL_SCORE - total:
                raise FrameworkError("total score of Score plugins could overflow")
            total += w * MAX_NODE_SCORE

    # -- the Handle -----------------------------------------------------------------------

    def snapshot_shared_lister(self) -> Any:
        return self.snapshot

    def shared_informer_factory(self) -> Any:
        return self.informer_factory

    def event_recorder(self) -> Any:
        return self.recorder

    def spawn(self, gen: Generator[Any, Any, Any]) -> Any:
        """Run a sub-process beside the scheduling cycle (Go: ``go func()``)."""
        return self.env.process(gen)

    def activate(self, pods: dict[str, Obj]) -> None:
        if self.pod_activator is not None:
            self.pod_activator.activate(pods)

    def nominated_pods_for_node(self, node_name: str) -> list[PodInfo]:
        return self.pod_nominator.nominated_pods_for_node(node_name) if self.pod_nominator is not None else []

    def get_waiting_pod(self, uid: str) -> WaitingPod | None:
        return self.waiting_pods.get(uid)

    def reject_waiting_pod(self, uid: str) -> bool:
        """Mirrors: (*frameworkImpl).RejectWaitingPod"""
        wp = self.waiting_pods.get(uid)
        if wp is not None:
            wp.reject("", "removed")
            return True
        return False

    def count_preemption_attempt(self) -> None:
        if self.metrics is not None:
            self.metrics.preemption_attempts.inc()

    def observe_preemption_victims(self, n: int) -> None:
        if self.metrics is not None:
            self.metrics.preemption_victims.observe(float(n))

    # -- queries --------------------------------------------------------------------------

    def queue_sort_func(self) -> Any:
        return self.points["QueueSort"][0].less

    def has_filter_plugins(self) -> bool:
        return bool(self.points["Filter"])

    def has_post_filter_plugins(self) -> bool:
        return bool(self.points["PostFilter"])

    def has_score_plugins(self) -> bool:
        return bool(self.points["Score"])

    def list_plugins(self) -> dict[str, list[str]]:
        """The enabled plugins per extension point, in the order they run."""
        return {p: list(n) for p, n in self.names.items() if n}
    def __repr__(self) -> str:
        return f"Framework({self.profile_name!r}, {len(self.plugins_map)} plugins)"


assert set(_INTERFACE_NAMES) == set(EXTENSION_METHODS)
