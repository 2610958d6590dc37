"""What the scheduler knows about pods and nodes: PodInfo, QueuedPodInfo, NodeInfo, Resource.

Upstream: pkg/scheduler/framework/types.go (and kube-scheduler/framework/types.go in v1.34)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from kubelab.api import labels
from kubelab.scheduler.component_helpers import resource as res

Obj = dict[str, Any]

# Requests assumed for scoring when a container sets none (non-zero requests).
DEFAULT_MILLI_CPU_REQUEST = 100
DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024
DEFAULT_BIND_ALL_HOST_IP = "0.0.0.0"

_generation = itertools.count(1)


def next_generation() -> int:
    """Mirrors: pkg/scheduler/framework/types.go :: nextGeneration"""
    return next(_generation)


@dataclass(slots=True)
class Resource:
    """Requested or allocatable amounts: milli-CPU, bytes, pod count, scalar resources.

    Mirrors: pkg/scheduler/framework/types.go :: Resource
    """

    milli_cpu: int = 0
    memory: int = 0
    ephemeral_storage: int = 0
    allowed_pod_number: int = 0
    scalar_resources: dict[str, int] = field(default_factory=dict)

    def add(self, rl: res.ResourceList) -> None:
        """Mirrors: (*Resource).Add (``rl`` in milli-units, as component_helpers.resource)."""
        for name, milli in rl.items():
            if name == res.RESOURCE_CPU:
                self.milli_cpu += milli
            elif name == res.RESOURCE_MEMORY:
                self.memory += res.to_value(milli)
            elif name == res.RESOURCE_PODS:
                self.allowed_pod_number += res.to_value(milli)
            elif name == res.RESOURCE_EPHEMERAL_STORAGE:
                self.ephemeral_storage += res.to_value(milli)
            elif res.is_scalar_resource_name(name):
                self.scalar_resources[name] = self.scalar_resources.get(name, 0) + res.to_value(milli)

    def set_max_resource(self, rl: res.ResourceList) -> None:
        """Mirrors: (*Resource).SetMaxResource"""
        for name, milli in rl.items():
            if name == res.RESOURCE_CPU:
                self.milli_cpu = max(self.milli_cpu, milli)
            elif name == res.RESOURCE_MEMORY:
                self.memory = max(self.memory, res.to_value(milli))
            elif name == res.RESOURCE_EPHEMERAL_STORAGE:
                self.ephemeral_storage = max(self.ephemeral_storage, res.to_value(milli))
            elif res.is_scalar_resource_name(name):
                v = res.to_value(milli)
                if v > self.scalar_resources.get(name, 0):
                    self.scalar_resources[name] = v

    def clone(self) -> Resource:
        return Resource(self.milli_cpu, self.memory, self.ephemeral_storage, self.allowed_pod_number,
                        dict(self.scalar_resources))


def new_resource(rl: Obj | None) -> Resource:
    """Mirrors: pkg/scheduler/framework/types.go :: NewResource (from a wire ResourceList)."""
    r = Resource()
    r.add(res.milli_list(rl))
    return r


@dataclass(slots=True)
class ImageStateSummary:
    """An image's size and how many nodes held it when the summary was made.

    Mirrors: kube-scheduler/framework/types.go :: ImageStateSummary
    """

    size: int
    num_nodes: int


@dataclass(slots=True)
class AffinityTerm:
    """A parsed pod (anti-)affinity term.

    Mirrors: pkg/scheduler/framework/types.go :: AffinityTerm
    """

    namespaces: frozenset[str]
    selector: labels.Selector
    topology_key: str
    namespace_selector: labels.Selector

    def matches(self, pod: Obj, ns_labels: dict[str, str] | None) -> bool:
        """Mirrors: (*AffinityTerm).Matches"""
        meta = pod["metadata"]
        if meta.get("namespace", "") in self.namespaces or self.namespace_selector.matches(ns_labels or {}):
            return self.selector.matches(meta.get("labels") or {})
        return False


@dataclass(slots=True)
class WeightedAffinityTerm:
    """Mirrors: pkg/scheduler/framework/types.go :: WeightedAffinityTerm"""

    affinity_term: AffinityTerm
    weight: int


def _namespaces_from_term(pod: Obj, term: Obj) -> frozenset[str]:
    """Mirrors: types.go :: getNamespacesFromPodAffinityTerm"""
    if not term.get("namespaces") and term.get("namespaceSelector") is None:
        return frozenset((pod["metadata"].get("namespace", ""),))
    return frozenset(term.get("namespaces") or ())


def new_affinity_term(pod: Obj, term: Obj) -> AffinityTerm:
    """Mirrors: types.go :: newAffinityTerm (raises ValueError on a bad selector)."""
    return AffinityTerm(_namespaces_from_term(pod, term),
                        labels.label_selector_as_selector(term.get("labelSelector")),
                        term.get("topologyKey", ""),
                        labels.label_selector_as_selector(term.get("namespaceSelector")))


def get_affinity_terms(pod: Obj, terms: list[Obj]) -> list[AffinityTerm]:
    """Mirrors: types.go :: GetAffinityTerms"""
    return [new_affinity_term(pod, t) for t in terms or ()]


def get_weighted_affinity_terms(pod: Obj, terms: list[Obj]) -> list[WeightedAffinityTerm]:
    """Mirrors: types.go :: getWeightedAffinityTerms"""
    return [WeightedAffinityTerm(new_affinity_term(pod, t.get("podAffinityTerm") or {}), t.get("weight") or 0)
            for t in terms or ()]


def _affinity(pod: Obj) -> Obj:
    return (pod.get("spec") or {}).get("affinity") or {}


def pod_with_affinity(pod: Obj) -> bool:
    """Mirrors: types.go :: podWithAffinity"""
    a = _affinity(pod)
    return bool(a.get("podAffinity") is not None or a.get("podAntiAffinity") is not None)


def pod_with_required_anti_affinity(pod: Obj) -> bool:
    """Mirrors: types.go :: podWithRequiredAntiAffinity"""
    anti = _affinity(pod).get("podAntiAffinity") or {}
    return bool(anti.get("requiredDuringSchedulingIgnoredDuringExecution"))


class PodInfo:
    """A pod with its affinity terms parsed and its requests computed once.

    Mirrors: pkg/scheduler/framework/types.go :: PodInfo
    """

    __slots__ = ("pod", "required_affinity_terms", "required_anti_affinity_terms",
                 "preferred_affinity_terms", "preferred_anti_affinity_terms", "parse_error",
                 "_requests", "_non0_cpu", "_non0_mem")

    def __init__(self, pod: Obj) -> None:
        self.pod: Obj = {}
        self.required_affinity_terms: list[AffinityTerm] = []
        self.required_anti_affinity_terms: list[AffinityTerm] = []
        self.preferred_affinity_terms: list[WeightedAffinityTerm] = []
        self.preferred_anti_affinity_terms: list[WeightedAffinityTerm] = []
        self.parse_error: str = ""
        self._requests: Resource | None = None
        self._non0_cpu = 0
        self._non0_mem = 0
        self.update(pod)

    def update(self, pod: Obj) -> None:
        """Mirrors: (*PodInfo).Update: affinity is immutable, so the same pod keeps its terms."""
        if self.pod and self.pod["metadata"].get("uid") == pod["metadata"].get("uid") and pod["metadata"].get("uid"):
            self.pod = pod
            self._requests = None
            return
        a = _affinity(pod)
        pa = a.get("podAffinity") or {}
        paa = a.get("podAntiAffinity") or {}
        errs: list[str] = []
        for attr, terms, fn, label in (
                ("required_affinity_terms", pa.get("requiredDuringSchedulingIgnoredDuringExecution"),
                 get_affinity_terms, "requiredAffinityTerms"),
                ("required_anti_affinity_terms", paa.get("requiredDuringSchedulingIgnoredDuringExecution"),
                 get_affinity_terms, "requiredAntiAffinityTerms"),
                ("preferred_affinity_terms", pa.get("preferredDuringSchedulingIgnoredDuringExecution"),
                 get_weighted_affinity_terms, "preferredAffinityTerms"),
                ("preferred_anti_affinity_terms", paa.get("preferredDuringSchedulingIgnoredDuringExecution"),
                 get_weighted_affinity_terms, "preferredAntiAffinityTerms")):
            try:
                setattr(self, attr, fn(pod, terms or []))
            except ValueError as e:
                setattr(self, attr, [])
                errs.append(f"{label}: {e}")
        self.pod = pod
        self.parse_error = ", ".join(errs)
        self._requests = None

    def _calculate_resource(self) -> None:
        """Mirrors: (*PodInfo).calculateResource (requests, and non-zero cpu/memory for scoring)."""
        requests = res.pod_requests(self.pod)
        r = Resource()
        r.add(requests)
        non_missing: res.ResourceList = {}
        if not res.is_pod_level_requests_set(self.pod):
            if res.RESOURCE_CPU not in requests:
                non_missing[res.RESOURCE_CPU] = DEFAULT_MILLI_CPU_REQUEST
            if res.RESOURCE_MEMORY not in requests:
                non_missing[res.RESOURCE_MEMORY] = DEFAULT_MEMORY_REQUEST * 1000
        non0 = res.pod_requests(self.pod, non_missing=non_missing) if non_missing else requests
        self._non0_cpu = non0.get(res.RESOURCE_CPU, 0)
        self._non0_mem = res.to_value(non0.get(res.RESOURCE_MEMORY, 0))
        self._requests = r

    @property
    def requests(self) -> Resource:
        if self._requests is None:
            self._calculate_resource()
        assert self._requests is not None
        return self._requests

    @property
    def non0_cpu(self) -> int:
        if self._requests is None:
            self._calculate_resource()
        return self._non0_cpu

    @property
    def non0_mem(self) -> int:
        if self._requests is None:
            self._calculate_resource()
        return self._non0_mem

    @property
    def uid(self) -> str:
        return self.pod["metadata"].get("uid", "")

    def __repr__(self) -> str:
        m = self.pod.get("metadata") or {}
        return f"PodInfo({m.get('namespace', '')}/{m.get('name', '')})"


def new_pod_info(pod: Obj) -> PodInfo:
    """Mirrors: pkg/scheduler/framework/types.go :: NewPodInfo"""
    return PodInfo(pod)


@dataclass(slots=True, eq=False)
class QueuedPodInfo:
    """A pod in the scheduling queue, with its attempts and the plugins that rejected it.

    Mirrors: pkg/scheduler/framework/types.go :: QueuedPodInfo

    Differences: plugin sets are dicts (ordered sets) so that iteration is deterministic.
    """

    pod_info: PodInfo
    timestamp: float = 0.0
    attempts: int = 0
    initial_attempt_timestamp: float | None = None
    unschedulable_plugins: dict[str, None] = field(default_factory=dict)
    pending_plugins: dict[str, None] = field(default_factory=dict)
    gated: bool = False
    gating_plugin: str = ""
    consecutive_errors_count: int = 0
    unschedulable_count: int = 0
    backoff_expiration: float | None = None

    @property
    def pod(self) -> Obj:
        return self.pod_info.pod

    @property
    def uid(self) -> str:
        return self.pod_info.pod["metadata"].get("uid", "")

    def deep_copy(self) -> QueuedPodInfo:
        """Mirrors: (*QueuedPodInfo).DeepCopy (the pod itself is copied by the caller)."""
        return QueuedPodInfo(self.pod_info, self.timestamp, self.attempts, self.initial_attempt_timestamp,
                             dict(self.unschedulable_plugins), dict(self.pending_plugins), self.gated,
                             self.gating_plugin, self.consecutive_errors_count, self.unschedulable_count,
                             self.backoff_expiration)

    def __repr__(self) -> str:
        m = self.pod["metadata"]
        return f"QueuedPodInfo({m.get('namespace', '')}/{m.get('name', '')}, attempts={self.attempts})"


# -- host ports ------------------------------------------------------------------------------


class HostPortInfo:
    """Ports in use on a node: ip -> {(protocol, port)}.

    Mirrors: pkg/scheduler/framework/types.go :: HostPortInfo
    """

    __slots__ = ("ports",)

    def __init__(self) -> None:
        self.ports: dict[str, dict[tuple[str, int], None]] = {}

    @staticmethod
    def _sanitize(ip: str, protocol: str) -> tuple[str, str]:
        return ip or DEFAULT_BIND_ALL_HOST_IP, protocol or "TCP"

    def add(self, ip: str, protocol: str, port: int) -> None:
        if port <= 0:
            return
        ip, protocol = self._sanitize(ip, protocol)
        self.ports.setdefault(ip, {})[(protocol, port)] = None

    def remove(self, ip: str, protocol: str, port: int) -> None:
        if port <= 0:
            return
        ip, protocol = self._sanitize(ip, protocol)
        m = self.ports.get(ip)
        if m is not None:
            m.pop((protocol, port), None)
            if not m:
                del self.ports[ip]

    def len(self) -> int:
        return sum(len(m) for m in self.ports.values())

    def check_conflict(self, ip: str, protocol: str, port: int) -> bool:
        """Mirrors: HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP."""
        if port <= 0:
            return False
        ip, protocol = self._sanitize(ip, protocol)
        pp = (protocol, port)
        if ip == DEFAULT_BIND_ALL_HOST_IP:
            return any(pp in m for m in self.ports.values())
        for key in (DEFAULT_BIND_ALL_HOST_IP, ip):
            m = self.ports.get(key)
            if m is not None and pp in m:
                return True
        return False

    def clone(self) -> HostPortInfo:
        h = HostPortInfo()
        h.ports = {ip: dict(m) for ip, m in self.ports.items()}
        return h


def container_host_ports(pod: Obj) -> list[Obj]:
    """The container ports with a hostPort (sidecar init containers first, then containers).

    Mirrors: pkg/scheduler/util/utils.go :: GetHostPorts
    """
    spec = pod.get("spec") or {}
    out: list[Obj] = []
    for key in ("initContainers", "containers"):
        for c in spec.get(key) or ():
            # Only sidecars run for the pod's whole life; other init containers end.
            if key == "initContainers" and c.get("restartPolicy") != "Always":
                continue
            for p in c.get("ports") or ():
                if (p.get("hostPort") or 0) > 0:
                    out.append(p)
    return out


# -- NodeInfo --------------------------------------------------------------------------------


def get_pod_key(pod: Obj) -> str:
    """Mirrors: pkg/scheduler/framework/types.go :: GetPodKey"""
    uid = pod["metadata"].get("uid", "")
    if not uid:
        raise ValueError("cannot get cache key for pod with empty UID")
    return uid


def _pvc_keys(pod: Obj) -> list[str]:
    ns = pod["metadata"].get("namespace", "")
    out = []
    for v in (pod.get("spec") or {}).get("volumes") or ():
        claim = v.get("persistentVolumeClaim")
        if claim is not None:
            out.append(f"{ns}/{claim.get('claimName', '')}")
    return out


class NodeInfo:
    """One node and everything the scheduler keeps about it.

    Mirrors: pkg/scheduler/framework/types.go :: NodeInfo
    """

    __slots__ = ("node", "pods", "pods_with_affinity", "pods_with_required_anti_affinity", "used_ports",
                 "requested", "non_zero_requested", "allocatable", "image_states", "pvc_ref_counts",
                 "generation")

    def __init__(self, *pods: Obj) -> None:
        self.node: Obj | None = None
        self.pods: list[PodInfo] = []
        self.pods_with_affinity: list[PodInfo] = []
        self.pods_with_required_anti_affinity: list[PodInfo] = []
        self.used_ports = HostPortInfo()
        self.requested = Resource()
        self.non_zero_requested = Resource()
        self.allocatable = Resource()
        self.image_states: dict[str, ImageStateSummary] = {}
        self.pvc_ref_counts: dict[str, int] = {}
        self.generation = next_generation()
        for p in pods:
            self.add_pod(p)

    @property
    def node_name(self) -> str:
        return self.node["metadata"]["name"] if self.node is not None else ""

    def get_node(self) -> Obj | None:
        return self.node

    def snapshot(self) -> NodeInfo:
        """A copy sharing the pods and node objects. Mirrors: (*NodeInfo).Snapshot"""
        c = NodeInfo.__new__(NodeInfo)
        c.node = self.node
        c.pods = list(self.pods)
        c.pods_with_affinity = list(self.pods_with_affinity)
        c.pods_with_required_anti_affinity = list(self.pods_with_required_anti_affinity)
        c.used_ports = self.used_ports.clone()
        c.requested = self.requested.clone()
        c.non_zero_requested = self.non_zero_requested.clone()
        c.allocatable = self.allocatable.clone()
        c.image_states = dict(self.image_states)
        c.pvc_ref_counts = dict(self.pvc_ref_counts)
        c.generation = self.generation
        return c

    def copy_from(self, other: NodeInfo) -> None:
        """Take over ``other``'s state, keeping this object (Go's ``*existing = *clone``)."""
        for name in NodeInfo.__slots__:
            setattr(self, name, getattr(other, name))

    def add_pod_info(self, pi: PodInfo) -> None:
        """Mirrors: (*NodeInfo).AddPodInfo"""
        self.pods.append(pi)
        if pod_with_affinity(pi.pod):
            self.pods_with_affinity.append(pi)
        if pod_with_required_anti_affinity(pi.pod):
            self.pods_with_required_anti_affinity.append(pi)
        self._update(pi, 1)

    def add_pod(self, pod: Obj) -> None:
        """Mirrors: (*NodeInfo).AddPod"""
        self.add_pod_info(PodInfo(pod))

    def remove_pod(self, pod: Obj) -> None:
        """Mirrors: (*NodeInfo).RemovePod (the last pod takes the removed one's place)."""
        k = get_pod_key(pod)
        if pod_with_affinity(pod):
            _remove_from_slice(self.pods_with_affinity, k)
        if pod_with_required_anti_affinity(pod):
            _remove_from_slice(self.pods_with_required_anti_affinity, k)
        pods = self.pods
        for i, pi in enumerate(pods):
            if pi.pod["metadata"].get("uid") == k:
                pods[i] = pods[-1]
                pods.pop()
                self._update(pi, -1)
                return
        raise KeyError(f"no corresponding pod {pod['metadata'].get('name', '')} in pods of node {self.node_name}")

    def _update(self, pi: PodInfo, sign: int) -> None:
        """Mirrors: (*NodeInfo).update"""
        r = pi.requests
        req = self.requested
        req.milli_cpu += sign * r.milli_cpu
        req.memory += sign * r.memory
        req.ephemeral_storage += sign * r.ephemeral_storage
        if r.scalar_resources:
            for name, q in r.scalar_resources.items():
                req.scalar_resources[name] = req.scalar_resources.get(name, 0) + sign * q
        nz = self.non_zero_requested
        nz.milli_cpu += sign * pi.non0_cpu
        nz.memory += sign * pi.non0_mem
        for p in container_host_ports(pi.pod):
            if sign > 0:
                self.used_ports.add(p.get("hostIP", ""), p.get("protocol", ""), p.get("hostPort", 0))
            else:
                self.used_ports.remove(p.get("hostIP", ""), p.get("protocol", ""), p.get("hostPort", 0))
        for key in _pvc_keys(pi.pod):
            n = self.pvc_ref_counts.get(key, 0) + sign
            if n > 0:
                self.pvc_ref_counts[key] = n
            else:
                self.pvc_ref_counts.pop(key, None)
        self.generation = next_generation()

    def set_node(self, node: Obj) -> None:
        """Mirrors: (*NodeInfo).SetNode"""
        self.node = node
        self.allocatable = new_resource((node.get("status") or {}).get("allocatable"))
        self.generation = next_generation()

    def remove_node(self) -> None:
        """Mirrors: (*NodeInfo).RemoveNode"""
        self.node = None
        self.generation = next_generation()

    def __repr__(self) -> str:
        return f"NodeInfo({self.node_name or '<no node>'}, {len(self.pods)} pods)"


def _remove_from_slice(s: list[PodInfo], uid: str) -> None:
    for i, pi in enumerate(s):
        if pi.pod["metadata"].get("uid") == uid:
            s[i] = s[-1]
            s.pop()
            return
