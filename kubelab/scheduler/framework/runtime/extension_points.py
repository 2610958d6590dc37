"""The code that runs each extension point of a profile, PreFilter through PostBind.

``Framework`` (in ``framework``) builds a profile's plugin lists and inherits these
runners; the scheduling and binding cycles call them as ``fwk.run_filter_plugins(...)``.

Upstream: pkg/scheduler/framework/runtime/framework.go (frameworkImpl's RunPreFilterPlugins,
RunFilterPlugins, ..., RunBindPlugins, RunPostBindPlugins, WaitOnPermit)
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.scheduler.component_helpers.helpers import pod_priority
from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import (
    MAX_NODE_SCORE,
    MAX_PERMIT_TIMEOUT,
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
    merge_pre_filter_results,
    nominating_mode,
)
from kubelab.scheduler.framework.runtime.waiting_pods_map import WaitingPod, WaitingPodsMap
from kubelab.scheduler.framework.types import NodeInfo, PodInfo

Obj = dict[str, Any]


def plugin_name(p: Any) -> str:
    """A plugin's name: the ``name`` attribute, or ``name()`` like Go's Name()."""
    n = getattr(p, "name", None)
    return n() if callable(n) else str(n)


def _as_error_status(err: BaseException, fmt: str) -> Status:
    return Status(Code.ERROR, err=SchedulingError(fmt.format(err)))


class ExtensionPointRunners:
    """Mirrors: pkg/scheduler/framework/runtime/framework.go :: frameworkImpl's Run*Plugins methods

    kubelab-only split: the runners live apart from construction to keep files small;
    ``Framework`` inherits them and owns every attribute they read.
    """

    env: Any
    snapshot: Any
    pod_nominator: Any
    metrics: Any
    profile_name: str
    waiting_pods: WaitingPodsMap
    score_plugin_weight: dict[str, int]
    points: dict[str, list[Any]]
    _filters: list[tuple[str, Any]]

    def _observe(self, point: str, status: Status | None, seconds: float = 0.0) -> None:
        if self.metrics is not None:
            code = Code.SUCCESS if status is None else status.code()
            self.metrics.framework_extension_point_duration.observe(seconds, point, str(code), self.profile_name)

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
