"""One profile's plugins, wired to its extension points, and the code that runs each point.

Upstream: pkg/scheduler/framework/runtime/framework.go (frameworkImpl)
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.component_helpers.helpers import pod_priority
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import (
    EXTENSION_METHODS,
    MAX_NODE_SCORE,
    MAX_PERMIT_TIMEOUT,
    MAX_TOTAL_SCORE,
    MIN_NODE_SCORE,
    Code,
    NodePluginScores,
    NodeScore,
    NodeToStatus,
    PluginScore,
    PostFilterResult,
    PreFilterResult,
    SchedulingError,
    Status,
    as_status,
    implements,
    merge_pre_filter_results,
    nominating_mode,
)
from kubelab.scheduler.framework.runtime.registry import Registry
from kubelab.scheduler.framework.runtime.waiting_pods_map import WaitingPod, WaitingPodsMap
from kubelab.scheduler.framework.types import NodeInfo, PodInfo

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


def plugin_name(p: Any) -> str:
    """A plugin's name: the ``name`` attribute, or ``name()`` like Go's Name()."""
    n = getattr(p, "name", None)
    return n() if callable(n) else str(n)


def _as_error_status(err: BaseException, fmt: str) -> Status:
    return Status(Code.ERROR, err=SchedulingError(fmt.format(err)))


class Framework:
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

    def _observe(self, point: str, status: Status | None, seconds: float = 0.0) -> None:
        if self.metrics is not None:
            code = Code.SUCCESS if status is None else status.code()
            self.metrics.framework_extension_point_duration.observe(seconds, point, str(code), self.profile_name)

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

    # -- PreFilter / Filter ---------------------------------------------------------------

    def run_pre_filter_plugins(self, state: CycleState, pod: Obj) -> tuple[PreFilterResult | None, Status | None,
                                                                           dict[str, None]]:
        """PreFilter plugins in order; a rejection stops, Skip disables that plugin's Filter.

        Mirrors: (*frameworkImpl).RunPreFilterPlugins
        """
        skip: dict[str, None] = {}
        nodes = self.snapshot.node_infos().list()
        result: PreFilterResult | None = None
        with_nodes: list[str] = []
        return_status: Status | None = None
        try:
            for pl in self.points["PreFilter"]:
                name = plugin_name(pl)
                try:
                    r, s = pl.pre_filter(state, pod, nodes)
                except Exception as e:
                    r, s = None, as_status(e)
                if s is not None and s.is_skip():
                    skip[name] = None
                    continue
                if s is not None and not s.is_success():
                    s.set_plugin(name)
                    if s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE:
                        self._observe("PreFilter", s)
                        return None, s, {}
                    if s.code() == Code.UNSCHEDULABLE:
                        return_status = s
                        continue
                    err = _as_error_status(s.as_error() or SchedulingError(s.message()),
                                           f'running PreFilter plugin "{name}": {{}}').with_plugin(name)
                    self._observe("PreFilter", err)
                    return None, err, {}
                if r is not None and not r.all_nodes():
                    with_nodes.append(name)
                result = merge_pre_filter_results(result, r)
                if not result.all_nodes() and not result.node_names:
                    msg = f"node(s) didn't satisfy plugin(s) [{' '.join(with_nodes)}] simultaneously"
                    if len(with_nodes) == 1:
                        msg = f"node(s) didn't satisfy plugin {with_nodes[0]}"
                    st = Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, msg)
                    self._observe("PreFilter", st)
                    return result, st, dict.fromkeys(with_nodes)
            self._observe("PreFilter", return_status)
            return result, return_status, dict.fromkeys(with_nodes)
        finally:
            state.skip_filter_plugins = frozenset(skip)

    def run_pre_filter_extension_add_pod(self, state: CycleState, pod: Obj, pi: PodInfo, ni: NodeInfo) -> Status | None:
        """Mirrors: (*frameworkImpl).RunPreFilterExtensionAddPod"""
        for pl in self.points["PreFilter"]:
            name = plugin_name(pl)
            ext = pl.pre_filter_extensions()
            if ext is None or name in state.skip_filter_plugins:
                continue
            s = ext.add_pod(state, pod, pi, ni)
            if s is not None and not s.is_success():
                return _as_error_status(s.as_error() or SchedulingError(s.message()),
                                        f'running AddPod on PreFilter plugin "{name}": {{}}')
        return None

    def run_pre_filter_extension_remove_pod(self, state: CycleState, pod: Obj, pi: PodInfo,
                                            ni: NodeInfo) -> Status | None:
        """Mirrors: (*frameworkImpl).RunPreFilterExtensionRemovePod"""
        for pl in self.points["PreFilter"]:
            name = plugin_name(pl)
            ext = pl.pre_filter_extensions()
            if ext is None or name in state.skip_filter_plugins:
                continue
            s = ext.remove_pod(state, pod, pi, ni)
            if s is not None and not s.is_success():
                return _as_error_status(s.as_error() or SchedulingError(s.message()),
                                        f'running RemovePod on PreFilter plugin "{name}": {{}}')
        return None

    def run_filter_plugins(self, state: CycleState, pod: Obj, node_info: NodeInfo) -> Status | None:
        """The first Filter plugin that rejects the node decides its status.

        Mirrors: (*frameworkImpl).RunFilterPlugins
        """
        skip = state.skip_filter_plugins
        for name, f in self._filters:
            if name in skip:
                continue
            try:
                s = f(state, pod, node_info)
            except Exception as e:
                s = as_status(e)
            if s is not None and s.code() != Code.SUCCESS:
                if not s.is_rejected():
                    s = _as_error_status(s.as_error() or SchedulingError(s.message()),
                                         f'running "{name}" filter plugin: {{}}')
                s.plugin = name
                return s
        return None

    def run_filter_plugins_with_nominated_pods(self, state: CycleState, pod: Obj, info: NodeInfo) -> Status | None:
        """Run the filters as if nominated pods of equal or higher priority were already there.

        Mirrors: (*frameworkImpl).RunFilterPluginsWithNominatedPods
        """
        status: Status | None = None
        pods_added = False
        for i in range(2):
            state_to_use, info_to_use = state, info
            if i == 0:
                try:
                    pods_added, state_to_use, info_to_use = self.add_ge_nominated_pods(pod, state, info)
                except SchedulingError as e:
                    return as_status(e)
            elif not pods_added or (status is not None and not status.is_success()):
                break
            status = self.run_filter_plugins(state_to_use, pod, info_to_use)
            if status is not None and not status.is_success() and not status.is_rejected():
                return status
        return status

    def add_ge_nominated_pods(self, pod: Obj, state: CycleState, node_info: NodeInfo) -> tuple[bool, CycleState, NodeInfo]:
        """Mirrors: runtime/framework.go :: addGENominatedPods"""
        if self.pod_nominator is None:
            return False, state, node_info
        nominated = self.pod_nominator.nominated_pods_for_node(node_info.node_name)
        if not nominated:
            return False, state, node_info
        info_out = node_info.snapshot()
        state_out = state.clone()
        added = False
        prio, uid = pod_priority(pod), pod["metadata"].get("uid")
        for pi in nominated:
            if pod_priority(pi.pod) >= prio and pi.pod["metadata"].get("uid") != uid:
                info_out.add_pod_info(pi)
                s = self.run_pre_filter_extension_add_pod(state_out, pod, pi, info_out)
                if s is not None and not s.is_success():
                    raise SchedulingError(s.message())
                added = True
        return added, state_out, info_out

    # -- PostFilter -----------------------------------------------------------------------

    def run_post_filter_plugins(self, state: CycleState, pod: Obj,
                                m: NodeToStatus) -> tuple[PostFilterResult | None, Status | None]:
        """Mirrors: (*frameworkImpl).RunPostFilterPlugins"""
        result: PostFilterResult | None = None
        reasons: list[str] = []
        rejector = ""
        for pl in self.points["PostFilter"]:
            name = plugin_name(pl)
            try:
                r, s = pl.post_filter(state, pod, m)
            except Exception as e:
                r, s = None, as_status(e)
            if s is None or s.is_success():
                self._observe("PostFilter", s)
                return r, s
            if s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE:
                self._observe("PostFilter", s)
                return r, s.with_plugin(name)
            if not s.is_rejected():
                st = Status(Code.ERROR, err=s.as_error()).with_plugin(name)
                self._observe("PostFilter", st)
                return None, st
            if r is not None and nominating_mode(r.nominating_info) != 0:
                result = r
            reasons.extend(s.reasons)
            rejector = rejector or name
        st = Status(Code.UNSCHEDULABLE, *reasons).with_plugin(rejector)
        self._observe("PostFilter", st)
        return result, st

    # -- PreScore / Score -----------------------------------------------------------------

    def run_pre_score_plugins(self, state: CycleState, pod: Obj, nodes: list[NodeInfo]) -> Status | None:
        """Mirrors: (*frameworkImpl).RunPreScorePlugins"""
        skip: dict[str, None] = {}
        for pl in self.points["PreScore"]:
            name = plugin_name(pl)
            try:
                s = pl.pre_score(state, pod, nodes)
            except Exception as e:
                s = as_status(e)
            if s is not None and s.is_skip():
                skip[name] = None
                continue
            if s is not None and not s.is_success():
                st = _as_error_status(s.as_error() or SchedulingError(s.message()),
                                      f'running PreScore plugin "{name}": {{}}')
                self._observe("PreScore", st)
                return st
        state.skip_score_plugins = frozenset(skip)
        self._observe("PreScore", None)
        return None

    def active_score_plugins(self, state: CycleState) -> list[tuple[str, Any, int]]:
        """(name, plugin, weight) of the Score plugins this cycle did not skip."""
        skip = state.skip_score_plugins
        return [(plugin_name(p), p, self.score_plugin_weight[plugin_name(p)])
                for p in self.points["Score"] if plugin_name(p) not in skip]

    def normalize_and_check(self, state: CycleState, pod: Obj, name: str, pl: Any,
                            scores: list[NodeScore]) -> Status | None:
        """NormalizeScore, then the [0, 100] range check of RunScorePlugins."""
        ext = pl.score_extensions()
        if ext is not None:
            try:
                s = ext.normalize_score(state, pod, scores)
            except Exception as e:
                s = as_status(e)
            if s is not None and not s.is_success():
                return _as_error_status(s.as_error() or SchedulingError(s.message()), f'plugin "{name}" failed with: {{}}')
        for ns in scores:
            if ns.score > MAX_NODE_SCORE or ns.score < MIN_NODE_SCORE:
                return as_status(SchedulingError(
                    f'plugin "{name}" returns an invalid score {ns.score}, it should in the range of '
                    f"[{MIN_NODE_SCORE}, {MAX_NODE_SCORE}] after normalizing"))
        return None

    def run_score_plugins(self, state: CycleState, pod: Obj, nodes: list[NodeInfo],
                          detail: dict[str, Any] | None = None) -> tuple[list[NodePluginScores], Status | None]:
        """Score each node with each plugin, normalize per plugin, weight and sum.

        Mirrors: (*frameworkImpl).RunScorePlugins
        """
        plugins = self.active_score_plugins(state)
        result = [NodePluginScores(ni.node_name) for ni in nodes]
        for name, pl, weight in plugins:
            scores: list[NodeScore] = []
            for ni in nodes:
                try:
                    v, s = pl.score(state, pod, ni)
                except Exception as e:
                    v, s = 0, as_status(e)
                if s is not None and not s.is_success():
                    st = _as_error_status(s.as_error() or SchedulingError(s.message()), f'plugin "{name}" failed with: {{}}')
                    self._observe("Score", st)
                    return [], st
                scores.append(NodeScore(ni.node_name, int(v)))
            raw = [x.score for x in scores]
            bad = self.normalize_and_check(state, pod, name, pl, scores)
            if bad is not None:
                self._observe("Score", bad)
                return [], bad
            if detail is not None:
                detail[name] = (raw, [x.score for x in scores], weight)
            for i, ns in enumerate(scores):
                w = ns.score * weight
                result[i].scores.append(PluginScore(name, w))
                result[i].total_score += w
        self._observe("Score", None)
        return result, None

    # -- Reserve / Permit -----------------------------------------------------------------

    def run_reserve_plugins_reserve(self, state: CycleState, pod: Obj, node_name: str) -> Status | None:
        """Mirrors: (*frameworkImpl).RunReservePluginsReserve"""
        for pl in self.points["Reserve"]:
            name = plugin_name(pl)
            try:
                s = pl.reserve(state, pod, node_name)
            except Exception as e:
                s = as_status(e)
            if s is not None and not s.is_success():
                if s.is_rejected():
                    s.set_plugin(name)
                    self._observe("Reserve", s)
                    return s
                st = _as_error_status(s.as_error() or SchedulingError(s.message()), f'running Reserve plugin "{name}": {{}}')
                self._observe("Reserve", st)
                return st
        self._observe("Reserve", None)
        return None

    def run_reserve_plugins_unreserve(self, state: CycleState, pod: Obj, node_name: str) -> None:
        """Mirrors: (*frameworkImpl).RunReservePluginsUnreserve (in reverse order)."""
        for pl in reversed(self.points["Reserve"]):
            pl.unreserve(state, pod, node_name)
        self._observe("Unreserve", None)

    def run_permit_plugins(self, state: CycleState, pod: Obj, node_name: str) -> Status | None:
        """Mirrors: (*frameworkImpl).RunPermitPlugins"""
        waits: dict[str, float] = {}
        code = Code.SUCCESS
        for pl in self.points["Permit"]:
            name = plugin_name(pl)
            try:
                s, timeout = pl.permit(state, pod, node_name)
            except Exception as e:
                s, timeout = as_status(e), 0.0
            if s is None or s.is_success():
                continue
            if s.is_rejected():
                self._observe("Permit", s)
                return s.with_plugin(name)
            if s.is_wait():
                waits[name] = min(timeout, MAX_PERMIT_TIMEOUT)
                code = Code.WAIT
                continue
            st = _as_error_status(s.as_error() or SchedulingError(s.message()),
                                  f'running Permit plugin "{name}": {{}}').with_plugin(name)
            self._observe("Permit", st)
            return st
        if code == Code.WAIT:
            self.waiting_pods.add(WaitingPod(self.env, pod, waits))
            st = Status(Code.WAIT, "one or more plugins asked to wait and no plugin rejected pod "
                                   f'"{pod["metadata"]["name"]}"')
            self._observe("Permit", st)
            return st
        self._observe("Permit", None)
        return None

    def will_wait_on_permit(self, pod: Obj) -> bool:
        return self.waiting_pods.get(pod["metadata"].get("uid", "")) is not None

    def wait_on_permit(self, pod: Obj) -> Generator[Any, Any, Status | None]:
        """Block (in simulated time) until the waiting pod is allowed or rejected.

        Mirrors: (*frameworkImpl).WaitOnPermit
        """
        uid = pod["metadata"].get("uid", "")
        wp = self.waiting_pods.get(uid)
        if wp is None:
            return None
        try:
            s = yield wp.done
        finally:
            self.waiting_pods.remove(uid)
        if s is None or s.is_success():
            return None
        if s.is_rejected():
            return s
        return Status(Code.ERROR, err=SchedulingError(f"waiting on permit for pod: {s.as_error()}")).with_plugin(s.plugin)

    # -- PreBind / Bind / PostBind --------------------------------------------------------

    def _run_maybe_process(self, out: Any) -> Generator[Any, Any, Any]:
        if isinstance(out, Generator):
            out = yield from out
        return out

    def run_pre_bind_plugins(self, state: CycleState, pod: Obj, node_name: str) -> Generator[Any, Any, Status | None]:
        """Mirrors: (*frameworkImpl).RunPreBindPlugins"""
        start = self.env.now
        for pl in self.points["PreBind"]:
            name = plugin_name(pl)
            if name in state.skip_pre_bind_plugins:
                continue
            try:
                s = yield from self._run_maybe_process(pl.pre_bind(state, pod, node_name))
            except Exception as e:
                s = as_status(e)
            if s is not None and not s.is_success():
                if s.is_rejected():
                    s.set_plugin(name)
                    self._observe("PreBind", s, self.env.now - start)
                    return s
                st = _as_error_status(s.as_error() or SchedulingError(s.message()), f'running PreBind plugin "{name}": {{}}')
                self._observe("PreBind", st, self.env.now - start)
                return st
        self._observe("PreBind", None, self.env.now - start)
        return None

    def run_bind_plugins(self, state: CycleState, pod: Obj, node_name: str) -> Generator[Any, Any, Status | None]:
        """The first Bind plugin that does not Skip binds. Mirrors: (*frameworkImpl).RunBindPlugins"""
        start = self.env.now
        status: Status | None = None
        if not self.points["Bind"]:
            return Status(Code.SKIP, "")
        for pl in self.points["Bind"]:
            name = plugin_name(pl)
            try:
                status = yield from self._run_maybe_process(pl.bind(state, pod, node_name))
            except Exception as e:
                status = as_status(e)
            if status is not None and status.is_skip():
                continue
            if status is not None and not status.is_success():
                if status.is_rejected():
                    status.set_plugin(name)
                else:
                    status = _as_error_status(status.as_error() or SchedulingError(status.message()),
                                              f'running Bind plugin "{name}": {{}}')
            self._observe("Bind", status, self.env.now - start)
            return status
        self._observe("Bind", status, self.env.now - start)
        return status

    def run_post_bind_plugins(self, state: CycleState, pod: Obj, node_name: str) -> None:
        """Mirrors: (*frameworkImpl).RunPostBindPlugins"""
        for pl in self.points["PostBind"]:
            pl.post_bind(state, pod, node_name)
        self._observe("PostBind", None)

    def __repr__(self) -> str:
        return f"Framework({self.profile_name!r}, {len(self.plugins_map)} plugins)"


assert set(_INTERFACE_NAMES) == set(EXTENSION_METHODS)
