"""The scheduling framework's vocabulary: status codes, statuses, results and plugin shapes.

Upstream: staging/src/k8s.io/kube-scheduler/framework/interface.go (v1.34 moved the public
interfaces there) and pkg/scheduler/framework/interface.go (Framework, NodeToStatus,
PreFilterResult, PostFilterResult)

A plugin is any object with a ``name`` and the methods of the extension points it takes
part in, exactly as a Go type implements interfaces: ``filter(state, pod, node_info)``
makes it a FilterPlugin. Plugins are pure: they never yield, read a clock or call the
API. Only Permit waiting, PreBind and Bind may return a generator (they talk to the API
or wait, which takes simulated time), and the framework runs it as a SimPy sub-process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Protocol

Obj = dict[str, Any]

MAX_NODE_SCORE = 100
MIN_NODE_SCORE = 0
MAX_TOTAL_SCORE = (1 << 63) - 1
# A Permit plugin may not ask a pod to wait longer than this.
MAX_PERMIT_TIMEOUT = 15 * 60.0


class Code(IntEnum):
    """Mirrors: kube-scheduler/framework/interface.go :: Code"""

    SUCCESS = 0
    ERROR = 1
    UNSCHEDULABLE = 2
    UNSCHEDULABLE_AND_UNRESOLVABLE = 3
    WAIT = 4
    SKIP = 5
    PENDING = 6

    def __str__(self) -> str:
        return CODE_NAMES[self]


CODE_NAMES = ("Success", "Error", "Unschedulable", "UnschedulableAndUnresolvable", "Wait", "Skip", "Pending")

SUCCESS = Code.SUCCESS
ERROR = Code.ERROR
UNSCHEDULABLE = Code.UNSCHEDULABLE
UNSCHEDULABLE_AND_UNRESOLVABLE = Code.UNSCHEDULABLE_AND_UNRESOLVABLE
WAIT = Code.WAIT
SKIP = Code.SKIP
PENDING = Code.PENDING


class Status:
    """The result of running a plugin; ``None`` stands for Go's nil status (Success).

    Mirrors: kube-scheduler/framework/interface.go :: Status
    """

    __slots__ = ("_code", "reasons", "err", "plugin")

    def __init__(self, code: Code = Code.SUCCESS, *reasons: str, err: BaseException | None = None,
                 plugin: str = "") -> None:
        self._code = Code(code)
        self.reasons: list[str] = list(reasons)
        self.err = err
        self.plugin = plugin
        if err is not None and not reasons:
            self.reasons = [str(err)]

    def code(self) -> Code:
        return self._code

    def message(self) -> str:
        return ", ".join(self.reasons)

    def set_plugin(self, plugin: str) -> None:
        self.plugin = plugin

    def with_plugin(self, plugin: str) -> Status:
        self.plugin = plugin
        return self

    def with_error(self, err: BaseException) -> Status:
        """Mirrors: (*Status).WithError: the error becomes the only reason."""
        self.err = err
        self.reasons = [str(err)]
        return self

    def append_reason(self, reason: str) -> None:
        self.reasons.append(reason)

    def as_error(self) -> BaseException | None:
        """Mirrors: (*Status).AsError"""
        if self._code == Code.SUCCESS:
            return None
        if self.err is not None:
            return self.err
        return SchedulingError(self.message())

    def is_success(self) -> bool:
        return self._code == Code.SUCCESS

    def is_wait(self) -> bool:
        return self._code == Code.WAIT

    def is_skip(self) -> bool:
        return self._code == Code.SKIP

    def is_rejected(self) -> bool:
        """Unschedulable, UnschedulableAndUnresolvable or Pending."""
        return self._code in (Code.UNSCHEDULABLE, Code.UNSCHEDULABLE_AND_UNRESOLVABLE, Code.PENDING)

    def equal(self, other: Status | None) -> bool:
        if other is None:
            return self._code == Code.SUCCESS and not self.reasons
        return (self._code == other._code and self.reasons == other.reasons and self.plugin == other.plugin
                and str(self.err) == str(other.err))

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        plugin = f", plugin={self.plugin!r}" if self.plugin else ""
        return f"Status({self._code}, {self.message()!r}{plugin})"


class SchedulingError(Exception):
    """An error the framework turns into a Status (Go's errors.New)."""


def new_status(code: Code, *reasons: str) -> Status:
    """Mirrors: kube-scheduler/framework/interface.go :: NewStatus"""
    return Status(code, *reasons)


def as_status(err: BaseException | None) -> Status | None:
    """Mirrors: kube-scheduler/framework/interface.go :: AsStatus"""
    if err is None:
        return None
    return Status(Code.ERROR, err=err)


# Go lets every method run on a nil *Status; these helpers do the same for ``None``.
def code_of(s: Status | None) -> Code:
    return Code.SUCCESS if s is None else s.code()


def is_success(s: Status | None) -> bool:
    return s is None or s.code() == Code.SUCCESS


def is_rejected(s: Status | None) -> bool:
    return s is not None and s.is_rejected()


def is_skip(s: Status | None) -> bool:
    return s is not None and s.code() == Code.SKIP


def message_of(s: Status | None) -> str:
    return "" if s is None else s.message()


def reasons_of(s: Status | None) -> list[str]:
    return [] if s is None else s.reasons


def plugin_of(s: Status | None) -> str:
    return "" if s is None else s.plugin


# -- results ---------------------------------------------------------------------------------


@dataclass(slots=True)
class NodeScore:
    """Mirrors: kube-scheduler/framework/interface.go :: NodeScore"""

    name: str
    score: int


@dataclass(slots=True)
class PluginScore:
    """Mirrors: kube-scheduler/framework/interface.go :: PluginScore (weighted)"""

    name: str
    score: int


@dataclass(slots=True)
class NodePluginScores:
    """Mirrors: kube-scheduler/framework/interface.go :: NodePluginScores"""

    name: str
    scores: list[PluginScore] = field(default_factory=list)
    total_score: int = 0


class PreFilterResult:
    """The nodes a PreFilter plugin narrowed the search to; ``node_names=None`` means all.

    Mirrors: pkg/scheduler/framework/interface.go :: PreFilterResult

    Differences: node names are kept as a dict (insertion-ordered set) so that iterating
    them is deterministic; ``names()`` returns them sorted.
    """

    __slots__ = ("node_names",)

    def __init__(self, node_names: Iterable[str] | None = None) -> None:
        self.node_names: dict[str, None] | None = (
            None if node_names is None else dict.fromkeys(sorted(node_names)))

    def all_nodes(self) -> bool:
        return self.node_names is None

    def names(self) -> list[str]:
        return [] if self.node_names is None else list(self.node_names)

    def merge(self, other: PreFilterResult | None) -> PreFilterResult:
        """Mirrors: (*PreFilterResult).Merge: the intersection of both node sets."""
        if (other is None or other.all_nodes()) and self.all_nodes():
            return PreFilterResult()
        if self.all_nodes():
            assert other is not None
            return PreFilterResult(other.names())
        if other is None or other.all_nodes():
            return PreFilterResult(self.names())
        assert self.node_names is not None and other.node_names is not None
        return PreFilterResult([n for n in self.node_names if n in other.node_names])

    def __repr__(self) -> str:
        return "PreFilterResult(all nodes)" if self.all_nodes() else f"PreFilterResult({self.names()})"


def merge_pre_filter_results(a: PreFilterResult | None, b: PreFilterResult | None) -> PreFilterResult:
    """Go's nil-receiver Merge: a nil result means all nodes."""
    return (a if a is not None else PreFilterResult()).merge(b)


class NominatingMode(IntEnum):
    """Mirrors: kube-scheduler/framework/interface.go :: NominatingMode"""

    MODE_NOOP = 0
    MODE_OVERRIDE = 1


@dataclass(slots=True)
class NominatingInfo:
    """Mirrors: kube-scheduler/framework/interface.go :: NominatingInfo"""

    nominated_node_name: str = ""
    nominating_mode: NominatingMode = NominatingMode.MODE_NOOP

    def mode(self) -> NominatingMode:
        return self.nominating_mode


def nominating_mode(info: NominatingInfo | None) -> NominatingMode:
    return NominatingMode.MODE_NOOP if info is None else info.nominating_mode


@dataclass(slots=True)
class PostFilterResult:
    """Mirrors: kube-scheduler/framework/interface.go :: PostFilterResult"""

    nominating_info: NominatingInfo | None = None


def new_post_filter_result_with_nominated_node(name: str) -> PostFilterResult:
    return PostFilterResult(NominatingInfo(name, NominatingMode.MODE_OVERRIDE))


class NodeToStatus:
    """Statuses of the nodes a cycle rejected, with one status for every node not listed.

    Mirrors: pkg/scheduler/framework/types.go :: NodeToStatus
    """

    __slots__ = ("node_to_status", "absent_nodes_status")

    def __init__(self, node_to_status: dict[str, Status] | None = None,
                 absent_nodes_status: Status | None = None) -> None:
        self.node_to_status: dict[str, Status] = node_to_status if node_to_status is not None else {}
        self.absent_nodes_status = (absent_nodes_status if absent_nodes_status is not None
                                    else Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE))

    def get(self, node_name: str) -> Status:
        s = self.node_to_status.get(node_name)
        return s if s is not None else self.absent_nodes_status

    def set(self, node_name: str, status: Status) -> None:
        self.node_to_status[node_name] = status

    def len(self) -> int:
        return len(self.node_to_status)

    def __len__(self) -> int:
        return len(self.node_to_status)

    def set_absent_nodes_status(self, status: Status) -> None:
        self.absent_nodes_status = status

    def for_each_explicit_node(self, fn: Callable[[str, Status], None]) -> None:
        for name, s in self.node_to_status.items():
            fn(name, s)

    def items(self) -> Iterator[tuple[str, Status]]:
        return iter(self.node_to_status.items())

    def nodes_for_status_code(self, node_lister: Any, code: Code) -> list[Any]:
        """The NodeInfos whose status has ``code``, in the snapshot's node order.

        Mirrors: pkg/scheduler/framework/types.go :: (*NodeToStatus).NodesForStatusCode

        Differences: explicitly listed nodes come back in snapshot order (Go ranges over a map).
        """
        all_nodes = node_lister.list()
        if self.absent_nodes_status.code() == code:
            if not self.node_to_status:
                return list(all_nodes)
            return [n for n in all_nodes if self.get(n.node_name).code() == code]
        return [n for n in all_nodes
                if (s := self.node_to_status.get(n.node_name)) is not None and s.code() == code]


def new_default_node_to_status() -> NodeToStatus:
    """Mirrors: pkg/scheduler/framework/types.go :: NewDefaultNodeToStatus"""
    return NodeToStatus()


# The FitError message: "0/3 nodes are available: 3 Insufficient cpu."
NO_NODE_AVAILABLE_MSG = "0/{} nodes are available"
SEPARATOR_FORMAT = " {}."


@dataclass(slots=True)
class Diagnosis:
    """Why a cycle found no node. Mirrors: pkg/scheduler/framework/types.go :: Diagnosis"""

    node_to_status: NodeToStatus = field(default_factory=NodeToStatus)
    unschedulable_plugins: dict[str, None] = field(default_factory=dict)
    pending_plugins: dict[str, None] = field(default_factory=dict)
    pre_filter_msg: str = ""
    post_filter_msg: str = ""

    def add_plugin_status(self, s: Status | None) -> None:
        """Mirrors: (*Diagnosis).AddPluginStatus"""
        if s is None or not s.plugin:
            return
        if s.is_rejected():
            self.unschedulable_plugins[s.plugin] = None
        if s.code() == Code.PENDING:
            self.pending_plugins[s.plugin] = None


class FitError(Exception):
    """No node fits the pod; the message counts the reasons over all nodes.

    Mirrors: pkg/scheduler/framework/types.go :: FitError
    """

    def __init__(self, pod: Obj, num_all_nodes: int, diagnosis: Diagnosis) -> None:
        super().__init__()
        self.pod = pod
        self.num_all_nodes = num_all_nodes
        self.diagnosis = diagnosis

    def __str__(self) -> str:
        """Mirrors: (*FitError).Error"""
        d = self.diagnosis
        msg = NO_NODE_AVAILABLE_MSG.format(self.num_all_nodes) + ":"
        if d.pre_filter_msg:
            msg += SEPARATOR_FORMAT.format(d.pre_filter_msg)
        else:
            reasons: dict[str, int] = {}
            for _, s in d.node_to_status.items():
                for r in s.reasons:
                    reasons[r] = reasons.get(r, 0) + 1
            absent = self.num_all_nodes - d.node_to_status.len()
            if absent > 0:
                for r in d.node_to_status.absent_nodes_status.reasons:
                    reasons[r] = reasons.get(r, 0) + absent
            histogram = sorted(f"{n} {r}" for r, n in reasons.items())
            if histogram:
                msg += SEPARATOR_FORMAT.format(", ".join(histogram))
        if d.post_filter_msg:
            msg += SEPARATOR_FORMAT.format(d.post_filter_msg)
        return msg


# -- plugin shapes (structural, like Go interfaces) -------------------------------------------


class Plugin(Protocol):
    name: str


class PreEnqueuePlugin(Plugin, Protocol):
    def pre_enqueue(self, pod: Obj) -> Status | None: ...


class QueueSortPlugin(Plugin, Protocol):
    def less(self, a: Any, b: Any) -> bool: ...


class PreFilterExtensions(Protocol):
    def add_pod(self, state: Any, pod_to_schedule: Obj, pod_info_to_add: Any, node_info: Any) -> Status | None: ...

    def remove_pod(self, state: Any, pod_to_schedule: Obj, pod_info_to_remove: Any,
                   node_info: Any) -> Status | None: ...


class PreFilterPlugin(Plugin, Protocol):
    def pre_filter(self, state: Any, pod: Obj, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]: ...

    def pre_filter_extensions(self) -> PreFilterExtensions | None: ...


class FilterPlugin(Plugin, Protocol):
    def filter(self, state: Any, pod: Obj, node_info: Any) -> Status | None: ...


class PostFilterPlugin(Plugin, Protocol):
    def post_filter(self, state: Any, pod: Obj,
                    filtered_node_status_map: NodeToStatus) -> tuple[PostFilterResult | None, Status | None]: ...


class PreScorePlugin(Plugin, Protocol):
    def pre_score(self, state: Any, pod: Obj, nodes: list[Any]) -> Status | None: ...


class ScoreExtensions(Protocol):
    def normalize_score(self, state: Any, pod: Obj, scores: list[NodeScore]) -> Status | None: ...


class ScorePlugin(Plugin, Protocol):
    def score(self, state: Any, pod: Obj, node_info: Any) -> tuple[int, Status | None]: ...

    def score_extensions(self) -> ScoreExtensions | None: ...


class ReservePlugin(Plugin, Protocol):
    def reserve(self, state: Any, pod: Obj, node_name: str) -> Status | None: ...

    def unreserve(self, state: Any, pod: Obj, node_name: str) -> None: ...


class PermitPlugin(Plugin, Protocol):
    def permit(self, state: Any, pod: Obj, node_name: str) -> tuple[Status | None, float]: ...


class PreBindPlugin(Plugin, Protocol):
    def pre_bind(self, state: Any, pod: Obj, node_name: str) -> Any: ...


class BindPlugin(Plugin, Protocol):
    def bind(self, state: Any, pod: Obj, node_name: str) -> Any: ...


class PostBindPlugin(Plugin, Protocol):
    def post_bind(self, state: Any, pod: Obj, node_name: str) -> None: ...


class EnqueueExtensions(Plugin, Protocol):
    def events_to_register(self) -> list[Any]: ...


# Which method makes a plugin take part in which extension point (the Go interfaces).
EXTENSION_METHODS: dict[str, str] = {
    "PreEnqueue": "pre_enqueue",
    "QueueSort": "less",
    "PreFilter": "pre_filter",
    "Filter": "filter",
    "PostFilter": "post_filter",
    "PreScore": "pre_score",
    "Score": "score",
    "Reserve": "reserve",
    "Permit": "permit",
    "PreBind": "pre_bind",
    "Bind": "bind",
    "PostBind": "post_bind",
}


def implements(plugin: Any, extension_point: str) -> bool:
    """Whether ``plugin`` has the method of ``extension_point`` (Go: implements the interface)."""
    return callable(getattr(plugin, EXTENSION_METHODS[extension_point], None))
