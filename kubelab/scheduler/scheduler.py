"""kube-scheduler: profiles, queue, cache and informers wired together, and its main loop.

Upstream: pkg/scheduler/scheduler.go (New, Run) and cmd/kube-scheduler/app/server.go
(leader election, WithPlugin)
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import simpy

from kubelab.client.cache.factory import SharedInformerFactory
from kubelab.client.cache.listwatch import ListWatch
from kubelab.client.cache.shared_informer import SharedIndexInformer, namespace_indexers
from kubelab.client.leaderelection import (
    LeaderCallbacks,
    LeaderElectionConfig,
    LeaderElector,
    LeaseLock,
)
from kubelab.client.record import EventSource, new_broadcaster
from kubelab.scheduler import schedule_one as so
from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.apis.config import v1
from kubelab.scheduler.apis.config.validation import validate_kube_scheduler_configuration
from kubelab.scheduler.backend.cache.cache import Cache
from kubelab.scheduler.backend.cache.snapshot import Snapshot
from kubelab.scheduler.backend.queue.scheduling_queue import PriorityQueue, build_queueing_hint_map
from kubelab.scheduler.eventhandlers import add_all_event_handlers
from kubelab.scheduler.explain import EXPLAIN_AUTO_MAX_NODES, CycleRecord, Explanation
from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import NominatingInfo, Status
from kubelab.scheduler.framework.plugins.registry import new_in_tree_registry
from kubelab.scheduler.framework.runtime.framework import Framework
from kubelab.scheduler.framework.runtime.registry import Registry
from kubelab.scheduler.framework.types import QueuedPodInfo
from kubelab.scheduler.metrics.metrics import SchedulerMetrics

Obj = dict[str, Any]
COMPONENT = "kube-scheduler"
# The scheduler watches only pods that may still need a node or hold resources.
POD_FIELD_SELECTOR = "status.phase!=Succeeded,status.phase!=Failed"


def load_config(config: Any) -> cfg.KubeSchedulerConfiguration:
    """A KubeSchedulerConfiguration from YAML text, a dict, a decoded object or None; defaulted and validated.

    Raises:
        v1.ConfigError: with upstream's validation message.
    """
    from kubelab.api.field import aggregate_message

    if isinstance(config, cfg.KubeSchedulerConfiguration):
        c = config
    else:
        if config is None:
            obj: Obj = {}
        elif isinstance(config, str):
            import yaml

            obj = yaml.safe_load(config) or {}
        else:
            obj = dict(config)
        c = v1.decode(obj)
        v1.set_defaults(c)
    errs = validate_kube_scheduler_configuration(c)
    if errs:
        raise v1.ConfigError(aggregate_message(errs))
    return c


class Scheduler:
    """A kube-scheduler: ``from_cluster(cluster)`` builds and starts one.

    ``registry`` is the out-of-tree registry (``app.WithPlugin``); ``reconfigure(config)``
    rebuilds the profiles as a restart with a new configuration would; ``add_plugin``
    registers and enables a learner's plugin in one step. ``explain(pod)`` and
    ``step(pod)`` show a scheduling cycle plugin by plugin.

    Mirrors: pkg/scheduler/scheduler.go :: Scheduler
    """

    def __init__(self, env: Any, client: Any, config: Any = None, *, out_of_tree_registry: Registry | None = None,
                 leader_elect: bool | None = None, name: str = COMPONENT, fast_path: bool = True,
                 metrics_registry: Any = None, assumed_pod_ttl: float = 0.0) -> None:
        self.env = env
        self.client = client
        self.name = name
        self.config = load_config(config)
        self.registry = out_of_tree_registry or Registry()
        # A second scheduler keeps its own registry, as a separate process exports its own.
        self.metrics = SchedulerMetrics(metrics_registry if metrics_registry is not None else env.metrics)
        self.rng = env.rand.stream(name if name == COMPONENT else f"{COMPONENT}/{name}")
        self.fast_path = fast_path
        self.next_start_node_index = 0
        self.percentage_of_nodes_to_score = self.config.percentage_of_nodes_to_score or 0
        # 0: assumed pods never expire (kube-scheduler's durationToExpireAssumedPod).
        self.cache = Cache(env, assumed_pod_ttl)
        self.snapshot = Snapshot()
        self.factory = SharedInformerFactory(client, component=name)
        self._add_pod_informer()
        self.broadcaster = new_broadcaster(env)
        self.broadcaster.start_recording_to_sink(client)
        self.records: dict[tuple[str, str], CycleRecord] = {}
        self.explain_pods: dict[tuple[str, str], None] = {}
        self.profiles: dict[str, Framework] = {}
        self.queue: PriorityQueue = None  # type: ignore[assignment]
        self._build_profiles()
        add_all_event_handlers(self, self.factory)
        self.leader_elect = self.config.leader_election.leader_elect if leader_elect is None else leader_elect
        self.elector: LeaderElector | None = None
        self.stop = simpy.Event(env)
        self.started = False
        self.leading = False
        self.component_client: Any = None

    # -- construction ---------------------------------------------------------------------

    def _add_pod_informer(self) -> None:
        """Mirrors: scheduler.go :: newPodInformer (terminal pods are not watched)."""
        from kubelab.api.scheme import resolve

        info = resolve("pods")
        lw = ListWatch(self.client, "pods", None, field_selector=POD_FIELD_SELECTOR)
        self.factory.informers[info.group_resource] = SharedIndexInformer(
            self.env, lw, resource=info, indexers=namespace_indexers(), component=self.name)

    def _build_profiles(self) -> None:
        """Mirrors: pkg/scheduler/profile/profile.go :: NewMap, then the queue of scheduler.New"""
        registry = new_in_tree_registry()
        registry.merge(self.registry)
        profiles: dict[str, Framework] = {}
        for prof in self.config.profiles:
            name = prof.scheduler_name or ""
            recorder = self.broadcaster.new_recorder(EventSource(component=name))
            profiles[name] = Framework(
                registry, prof, env=self.env, client=self.client, informer_factory=self.factory,
                snapshot=self.snapshot, event_recorder=recorder, pod_nominator=None, pod_activator=None,
                metrics=self.metrics, percentage_of_nodes_to_score=self.config.percentage_of_nodes_to_score)
        less = next(iter(profiles.values())).queue_sort_func()
        if self.queue is None:
            self.queue = PriorityQueue(
                self.env, less, profiles=profiles, pod_initial_backoff=float(self.config.pod_initial_backoff_seconds),
                pod_max_backoff=float(self.config.pod_max_backoff_seconds),
                pod_lister=self.factory.lister_for("pods"), metrics=self.metrics)
        else:
            self.queue.profiles = profiles
            self.queue.queueing_hint_map = {n: build_queueing_hint_map(f.enqueue_extensions)
                                            for n, f in profiles.items()}
            self.queue._interest.clear()
            from kubelab.scheduler.backend.queue.heap import Heap
            from kubelab.scheduler.backend.queue.scheduling_queue import sort_key_of

            old = self.queue.active_q
            self.queue.active_q = Heap(old.key_func, less, sort_key_of(less))
            for pi in old.list():
                self.queue.active_q.add_or_update(pi)
        for f in profiles.values():
            f.pod_nominator = self.queue
            f.pod_activator = self.queue
        self.profiles = profiles

    def reconfigure(self, config: Any) -> None:
        """Rebuild every profile from a new configuration (plugins from ``registry`` included)."""
        self.config = load_config(config)
        self.percentage_of_nodes_to_score = self.config.percentage_of_nodes_to_score or 0
        self._build_profiles()

    def add_plugin(self, plugin: Any, *, name: str | None = None, weight: int = 1, profile: str | None = None,
                   disable: tuple[str, ...] = ()) -> None:
        """Register a Python plugin (class, instance or factory) and enable it at every point it implements.

        Like ``app.WithPlugin`` plus a ``multiPoint.enabled`` entry in the profile(s);
        ``disable`` turns other plugins off in the same profile(s).
        """
        from kubelab.scheduler.framework.runtime.framework import plugin_name
        from kubelab.scheduler.framework.runtime.registry import factory_for

        pname = name or (plugin_name(plugin) if not isinstance(plugin, type) else
                         str(getattr(plugin, "name", plugin.__name__)))
        if pname in self.registry:
            self.registry.unregister(pname)
        self.registry.register(pname, factory_for(plugin))
        for prof in self.config.profiles:
            if profile is not None and prof.scheduler_name != profile:
                continue
            assert prof.plugins is not None
            mp = prof.plugins.multi_point
            mp.enabled = [p for p in mp.enabled if p.name != pname] + [cfg.Plugin(pname, weight)]
            for d in disable:
                mp.enabled = [p for p in mp.enabled if p.name != d]
        self.reconfigure(self.config)

    @classmethod
    def from_cluster(cls, cluster: Any, config: Any = None, **kw: Any) -> Scheduler:
        """A started kube-scheduler for ``cluster``, acting as system:kube-scheduler."""
        client = cluster.component_client("system:kube-scheduler")
        sched = cls(cluster.env, client, config, **kw)
        sched.component_client = cluster.component_client
        sched.start()
        return sched

    def beside(self, scheduler_name: str, choose: Any = None, config: Any = None) -> Any:
        """Run another scheduler next to this one for pods naming ``scheduler_name``.

        With ``choose(pod, nodes, pods_by_node) -> node name`` it is a learner's
        :class:`~kubelab.scheduler.simple.SimpleScheduler`; otherwise a second kube-scheduler
        whose only profile is ``scheduler_name`` (``config`` may set its plugins), as
        upstream's "Configure Multiple Schedulers" runs one.
        """
        if self.component_client is None:
            raise ValueError("this scheduler was not built with from_cluster(); build the second one yourself")
        client = self.component_client("system:kube-scheduler")
        if choose is not None:
            from kubelab.scheduler.simple import SimpleScheduler

            return SimpleScheduler(client, scheduler_name, choose).start()
        c = load_config(config) if config is not None else load_config({"profiles": [{"schedulerName": scheduler_name}]})
        from kubelab.engine.metrics import Registry as MetricsRegistry

        second = Scheduler(self.env, client, c, leader_elect=False, name=f"kube-scheduler/{scheduler_name}",
                           metrics_registry=MetricsRegistry())
        second.component_client = self.component_client
        second.start()
        return second

    # -- running --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the informers and, once leading (or at once without leader election), the loop.

        Mirrors: cmd/kube-scheduler/app/server.go :: Run
        """
        if self.started:
            return
        self.started = True
        self.factory.start(self.stop)
        if not self.leader_elect:
            self.env.process(self.run(self.stop))
            return
        le = self.config.leader_election
        from kubelab.client.leaderelection import new_identity

        lock = LeaseLock(self.client, le.resource_namespace, le.resource_name, new_identity(self.env, self.name))
        self.elector = LeaderElector(self.env, LeaderElectionConfig(
            lock, LeaderCallbacks(self._on_started_leading, self._on_stopped_leading),
            lease_duration=le.lease_duration, renew_deadline=le.renew_deadline, retry_period=le.retry_period,
            name=le.resource_name, component=self.name))
        self.elector.run(self.stop)

    def _on_started_leading(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        self.leading = True
        yield from self.run(stop)

    def _on_stopped_leading(self) -> None:
        self.leading = False

    def run(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        """Wait for the caches, then schedule pods one after another until ``stop``.

        Mirrors: pkg/scheduler/scheduler.go :: (*Scheduler).Run
        """
        yield from self.factory.wait_for_cache_sync(stop)
        self.queue.run(stop)
        if self.cache.ttl > 0:
            from kubelab.engine.wait import until

            # Mirrors: backend/cache/cache.go :: (*cacheImpl).run (cleanAssumedPeriod = 1 s)
            until(self.env, self.cache.cleanup_assumed_pods, 1.0, stop=stop)
        stop.callbacks.append(lambda _e: self.queue.close())
        if self.env.trace.v(2):
            self.env.trace.record(self.name, "Run", message="Starting Kubernetes Scheduler")
        while not stop.triggered and not self.queue.closed:
            yield from so.schedule_one(self)

    def pause(self) -> None:
        """kubelab-only: the loop takes no more pods (informers and binding go on); see ``step``."""
        self.queue.set_paused(True)

    def resume(self) -> None:
        self.queue.set_paused(False)

    def shutdown(self) -> None:
        if not self.stop.triggered:
            self.stop.succeed()
        self.factory.shutdown()

    # -- the pieces schedule_one calls ----------------------------------------------------

    def schedule_pod(self, fwk: Framework, state: CycleState, pod: Obj, record: CycleRecord | None = None) -> Any:
        return so.schedule_pod(self, fwk, state, pod, record)

    def failure_handler(self, fwk: Framework, pod_info: QueuedPodInfo, status: Status,
                        nominating_info: NominatingInfo | None, start: float) -> None:
        so.handle_scheduling_failure(self, fwk, pod_info, status, nominating_info, start)

    def last_victims(self, fwk: Framework, node: str) -> list[str]:
        pl = fwk.plugins_map.get("DefaultPreemption")
        for c in getattr(getattr(pl, "evaluator", None), "last_candidates", []):
            if c.name == node:
                return [f"{p['metadata'].get('namespace', '')}/{p['metadata']['name']}" for p in c.victims.pods]
        return []

    # -- explanations ---------------------------------------------------------------------

    def should_record(self, pod: Obj) -> bool:
        m = pod["metadata"]
        return (self.env.trace.v(4) or (m.get("namespace", ""), m["name"]) in self.explain_pods
                or len(self.cache.nodes) <= EXPLAIN_AUTO_MAX_NODES)

    def new_record(self, fwk: Framework, pod_info: QueuedPodInfo) -> CycleRecord:
        m = pod_info.pod["metadata"]
        return CycleRecord(m.get("namespace", ""), m["name"], self.env.now, fwk.profile_name, pod_info.attempts)

    def save_record(self, record: CycleRecord) -> None:
        self.records[(record.namespace, record.name)] = record
        if self.env.trace.v(2):
            self.env.trace.record(self.name, "explain", kind="Pod", namespace=record.namespace, name=record.name,
                                  message=(f"scheduled to {record.node}" if record.node else record.message),
                                  fields=record.trace_fields())

    def watch(self, pod_name: str, namespace: str = "default") -> None:
        """Record this pod's cycles even in a cluster too big for automatic recording."""
        self.explain_pods[(namespace, pod_name)] = None

    def explain(self, pod_name: str, namespace: str = "default") -> Explanation:
        """Why the pod's last scheduling cycle chose what it chose, per node and per plugin."""
        rec = self.records.get((namespace, pod_name))
        if rec is None:
            raise KeyError(f'no scheduling cycle of pod "{namespace}/{pod_name}" was recorded '
                           f"(clusters over {EXPLAIN_AUTO_MAX_NODES} nodes record pods passed to watch())")
        return Explanation(rec)

    def step(self, pod_name: str, namespace: str = "default") -> Any:
        """Take the pod out of the queue and run its cycle one extension point per ``next()``."""
        from kubelab.scheduler.stepping import Stepper

        return Stepper(self, pod_name, namespace)

    def __repr__(self) -> str:
        return (f"Scheduler({', '.join(self.profiles)}; {self.queue.pending_pods()[1]}; "
                f"{len(self.cache.nodes)} nodes)")
