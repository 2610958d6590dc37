"""The scheduling queue: activeQ, backoffQ and the unschedulable pool, moved by cluster events.

Upstream: pkg/scheduler/backend/queue/scheduling_queue.go (with active_queue.go,
backoff_queue.go and unschedulable_pods.go)
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import simpy

from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, NominatingInfo
from kubelab.scheduler.framework.types import PodInfo, QueuedPodInfo

from .heap import Heap
from .nominator import Nominator

Obj = dict[str, Any]

# A pod stays in the unschedulable pool at most this long before it is retried anyway.
DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION = 5 * 60.0
# How often backoffQ and the unschedulable pool are checked (wait.Until periods).
FLUSH_BACKOFF_Q_PERIOD = 1.0
FLUSH_UNSCHEDULABLE_PODS_PERIOD = 30.0

# queueingStrategy
QUEUE_SKIP = 0
QUEUE_AFTER_BACKOFF = 1
QUEUE_IMMEDIATELY = 2

ACTIVE_Q, BACKOFF_Q, UNSCHEDULABLE_PODS = "Active", "Backoff", "Unschedulable"


def _uid(pod: Obj) -> str:
    return pod["metadata"].get("uid", "")


def _key(pi: QueuedPodInfo) -> str:
    return pi.pod["metadata"].get("uid", "")


class PriorityQueue:
    """Mirrors: pkg/scheduler/backend/queue/scheduling_queue.go :: PriorityQueue

    ``profiles`` maps each schedulerName to its Framework (for PreEnqueue plugins and
    queueing hints); ``less`` is the common QueueSort.

    Differences: queueing hints are always on (GA since v1.34); a pod's backoff grows with
    its attempts; backoffQ is flushed by a 1 s ticker (no pop from backoffQ when activeQ
    is empty); in-flight events are a list with sequence numbers.
    """

    def __init__(self, env: Any, less: Callable[[QueuedPodInfo, QueuedPodInfo], bool], *,
                 profiles: dict[str, Any] | None = None, pod_initial_backoff: float = 1.0,
                 pod_max_backoff: float = 10.0,
                 pod_max_in_unschedulable_pods_duration: float = DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION,
                 pod_lister: Any = None, metrics: Any = None) -> None:
        self.env = env
        self.profiles = profiles or {}
        self.pod_initial_backoff = pod_initial_backoff
        self.pod_max_backoff = pod_max_backoff
        self.pod_max_in_unschedulable_pods_duration = pod_max_in_unschedulable_pods_duration
        self.active_q: Heap[QueuedPodInfo] = Heap(_key, less, sort_key_of(less))
        self.backoff_q: Heap[QueuedPodInfo] = Heap(_key, self._backoff_less)
        self.unschedulable_pods: dict[str, QueuedPodInfo] = {}
        self._gated = 0
        self.nominator = Nominator(pod_lister)
        self.metrics = metrics
        self.scheduling_cycle = 0
        self.in_flight_pods: dict[str, int] = {}
        self.in_flight_events: list[tuple[int, ev.ClusterEvent, Any, Any]] = []
        self._event_seq = 0
        self._waiter: simpy.Event | None = None
        self.closed = False
        # kubelab-only: a paused queue hands out nothing (a learner steps pods by hand).
        self.paused = False
        self._interest: dict[ev.ClusterEvent, bool] = {}
        self.queueing_hint_map: dict[str, dict[ev.ClusterEvent, list[ev.QueueingHintFunction]]] = {}
        for name, fwk in self.profiles.items():
            self.queueing_hint_map[name] = build_queueing_hint_map(fwk.enqueue_extensions)

    # -- bookkeeping ----------------------------------------------------------------------

    def _backoff_less(self, a: QueuedPodInfo, b: QueuedPodInfo) -> bool:
        return self.get_backoff_time(a) < self.get_backoff_time(b)

    def _update_metrics(self) -> None:
        m = self.metrics
        if m is None:
            return
        g = m.pending_pods
        g.set(float(len(self.active_q)), "active")
        g.set(float(len(self.backoff_q)), "backoff")
        g.set(float(len(self.unschedulable_pods) - self._gated), "unschedulable")
        g.set(float(self._gated), "gated")

    def _unsched_add(self, pi: QueuedPodInfo) -> None:
        old = self.unschedulable_pods.get(_key(pi))
        if old is not None and old.gated:
            self._gated -= 1
        self.unschedulable_pods[_key(pi)] = pi
        if pi.gated:
            self._gated += 1

    def _unsched_delete(self, pod: Obj) -> None:
        old = self.unschedulable_pods.pop(_uid(pod), None)
        if old is not None and old.gated:
            self._gated -= 1

    def _incoming(self, queue: str, event: str) -> None:
        if self.metrics is not None:
            self.metrics.queue_incoming_pods.inc(queue.lower(), event)

    def new_queued_pod_info(self, pod: Obj, *plugins: str) -> QueuedPodInfo:
        """Mirrors: (*PriorityQueue).newQueuedPodInfo"""
        return QueuedPodInfo(PodInfo(pod), timestamp=self.env.now, unschedulable_plugins=dict.fromkeys(plugins))

    def calculate_backoff_duration(self, pi: QueuedPodInfo) -> float:
        """1 s, doubling per attempt, capped at 10 s. Mirrors: (*PriorityQueue).calculateBackoffDuration"""
        if pi.attempts == 0:
            return 0.0
        d = self.pod_initial_backoff
        for _ in range(1, pi.attempts):
            if d > self.pod_max_backoff - d:
                return self.pod_max_backoff
            d += d
        return d

    def get_backoff_time(self, pi: QueuedPodInfo) -> float:
        """Mirrors: (*PriorityQueue).getBackoffTime"""
        return pi.timestamp + self.calculate_backoff_duration(pi)

    def is_pod_backing_off(self, pi: QueuedPodInfo) -> bool:
        """Mirrors: (*PriorityQueue).isPodBackingoff"""
        if pi.gated:
            return False
        return self.get_backoff_time(pi) > self.env.now

    # -- PreEnqueue and moving into activeQ ------------------------------------------------

    def run_pre_enqueue_plugins(self, pi: QueuedPodInfo) -> bool:
        """Mirrors: (*PriorityQueue).runPreEnqueuePlugins"""
        fwk = self.profiles.get((pi.pod.get("spec") or {}).get("schedulerName", ""))
        if fwk is None:
            return True
        for pl in fwk.points["PreEnqueue"]:
            s = pl.pre_enqueue(pi.pod)
            if s is None or s.is_success():
                continue
            name = fwk.names["PreEnqueue"][fwk.points["PreEnqueue"].index(pl)]
            if self.metrics is not None and name not in pi.unschedulable_plugins:
                self.metrics.unschedulable_reason.inc(name, fwk.profile_name)
            pi.unschedulable_plugins[name] = None
            pi.gating_plugin = name
            if s.code() == Code.ERROR and self.env.trace.v(2):
                self.env.trace.record("kube-scheduler", "runPreEnqueuePlugins", message=s.message())
            return False
        pi.gating_plugin = ""
        return True

    def move_to_active_q(self, pi: QueuedPodInfo, event: str) -> bool:
        """Mirrors: (*PriorityQueue).moveToActiveQ"""
        gated_before = pi.gated
        pi.gated = not self.run_pre_enqueue_plugins(pi)
        if pi.gated:
            if self.active_q.has(pi) or self.backoff_q.has(pi) or _key(pi) in self.unschedulable_pods:
                return False
            self._unsched_add(pi)
            self._update_metrics()
            return False
        if pi.initial_attempt_timestamp is None:
            pi.initial_attempt_timestamp = self.env.now
        self.active_q.add_or_update(pi)
        if gated_before or _key(pi) in self.unschedulable_pods:
            self._unsched_delete(pi.pod)
        self.backoff_q.delete(pi)
        self._incoming(ACTIVE_Q, event)
        if event in (ev.EVENT_UNSCHEDULED_POD_ADD.label(), ev.EVENT_UNSCHEDULED_POD_UPDATE.label()):
            self.nominator.add_nominated_pod(pi.pod_info, None)
        self._update_metrics()
        return True

    def _broadcast(self) -> None:
        w = self._waiter
        if w is not None and not w.triggered:
            w.succeed()

    # -- the public operations ------------------------------------------------------------

    def add(self, pod: Obj) -> None:
        """A new unscheduled pod. Mirrors: (*PriorityQueue).Add"""
        pi = self.new_queued_pod_info(pod)
        if self.move_to_active_q(pi, ev.EVENT_UNSCHEDULED_POD_ADD.label()):
            self._broadcast()

    def activate(self, pods: dict[str, Obj]) -> None:
        """Move these pods to activeQ now. Mirrors: (*PriorityQueue).Activate"""
        activated = False
        for pod in pods.values():
            if self._activate(pod):
                activated = True
                continue
            self._add_events_if_pod_in_flight(None, pod, [ev.EVENT_FORCE_ACTIVATE])
        if activated:
            self._broadcast()

    def _activate(self, pod: Obj) -> bool:
        uid = _uid(pod)
        if self.active_q.get_by_key(uid) is not None:
            return False
        pi = self.unschedulable_pods.get(uid) or self.backoff_q.get_by_key(uid)
        if pi is None:
            return False
        return self.move_to_active_q(pi, ev.EVENT_FORCE_ACTIVATE.label())

    def update(self, old: Obj | None, new: Obj) -> None:
        """An unscheduled pod changed. Mirrors: (*PriorityQueue).Update"""
        events = ev.pod_scheduling_properties_change(new, old) if old is not None else []
        if old is not None and self._add_events_if_pod_in_flight(old, new, events):
            return
        uid = _uid(new)
        if old is not None:
            for q in (self.active_q, self.backoff_q):
                pi = q.get_by_key(uid)
                if pi is not None:
                    pi.pod_info.update(new)
                    q.add_or_update(pi)
                    self.nominator.update_nominated_pod(old, pi.pod_info)
                    return
        pi = self.unschedulable_pods.get(uid)
        if pi is not None:
            pi.pod_info.update(new)
            self.nominator.update_nominated_pod(old or new, pi.pod_info)
            for e in events:
                hint = self.is_pod_worth_requeuing(pi, e, old, new)
                queue = self.requeue_pod_with_queueing_strategy(pi, hint, e.label())
                if queue != UNSCHEDULABLE_PODS:
                    self._unsched_delete(new)
                if queue == ACTIVE_Q:
                    self._broadcast()
                    break
            self._update_metrics()
            return
        pi = self.new_queued_pod_info(new)
        if self.move_to_active_q(pi, ev.EVENT_UNSCHEDULED_POD_UPDATE.label()):
            self._broadcast()

    def delete(self, pod: Obj) -> None:
        """Mirrors: (*PriorityQueue).Delete"""
        self.nominator.delete(pod)
        probe = QueuedPodInfo(PodInfo(pod))
        if self.active_q.delete(probe) or self.backoff_q.delete(probe):
            self._update_metrics()
            return
        pi = self.unschedulable_pods.get(_uid(pod))
        if pi is not None and self.metrics is not None:
            for name in pi.unschedulable_plugins:
                self.metrics.unschedulable_reason.dec(name, (pod.get("spec") or {}).get("schedulerName", ""))
        self._unsched_delete(pod)
        self._update_metrics()

    def pop(self) -> Generator[Any, Any, QueuedPodInfo | None]:
        """Wait for a pod in activeQ and take the best one. Mirrors: (*PriorityQueue).Pop"""
        while len(self.active_q) == 0 or self.paused:
            if self.closed:
                return None
            self._waiter = simpy.Event(self.env)
            yield self._waiter
            self._waiter = None
        return self._take(self.active_q.pop())

    def pop_specific(self, uid: str) -> QueuedPodInfo | None:
        """kubelab-only: take one pod out of whichever queue holds it (for stepping)."""
        for q in (self.active_q, self.backoff_q):
            pi = q.get_by_key(uid)
            if pi is not None:
                q.delete(pi)
                return self._take(pi)
        pi = self.unschedulable_pods.get(uid)
        if pi is not None:
            self._unsched_delete(pi.pod)
            return self._take(pi)
        return None

    def _take(self, pi: QueuedPodInfo | None) -> QueuedPodInfo | None:
        if pi is None:
            return None
        pi.attempts += 1
        self.scheduling_cycle += 1
        self.in_flight_pods[_key(pi)] = self._event_seq
        if self.metrics is not None:
            for name in pi.unschedulable_plugins:
                self.metrics.unschedulable_reason.dec(name, (pi.pod.get("spec") or {}).get("schedulerName", ""))
        pi.unschedulable_plugins = {}
        pi.pending_plugins = {}
        self._update_metrics()
        return pi

    def done(self, uid: str) -> None:
        """The pod's scheduling (or binding) attempt is over. Mirrors: (*PriorityQueue).Done"""
        if self.in_flight_pods.pop(uid, None) is None:
            return
        if not self.in_flight_pods:
            self.in_flight_events.clear()
            return
        # Pods enter in pop order with a non-decreasing sequence: the first is the oldest.
        oldest = next(iter(self.in_flight_pods.values()))
        if self.in_flight_events and self.in_flight_events[0][0] <= oldest:
            self.in_flight_events = [e for e in self.in_flight_events if e[0] > oldest]

    def _add_events_if_pod_in_flight(self, old: Any, new: Obj, events: list[ev.ClusterEvent]) -> bool:
        if _uid(new) not in self.in_flight_pods:
            return False
        for e in events:
            self._event_seq += 1
            self.in_flight_events.append((self._event_seq, e, old, new))
        return True

    def cluster_events_for_pod(self, pi: QueuedPodInfo) -> list[tuple[ev.ClusterEvent, Any, Any]]:
        """Events that arrived while the pod was being scheduled. Mirrors: activeQueue.clusterEventsForPod"""
        start = self.in_flight_pods.get(_key(pi), self._event_seq)
        return [(e, o, n) for seq, e, o, n in self.in_flight_events if seq > start]

    # -- failures and requeueing ----------------------------------------------------------

    def add_unschedulable_if_not_present(self, pi: QueuedPodInfo, pod_scheduling_cycle: int) -> None:
        """A pod the scheduler could not place goes back: backoffQ if an event may have helped.

        Mirrors: (*PriorityQueue).AddUnschedulableIfNotPresent
        """
        uid = _key(pi)
        if uid in self.unschedulable_pods:
            raise ValueError(f"Pod {_kobj(pi.pod)} is already present in unschedulable queue")
        if self.active_q.has(pi):
            raise ValueError(f"Pod {_kobj(pi.pod)} is already present in the active queue")
        if self.backoff_q.has(pi):
            raise ValueError(f"Pod {_kobj(pi.pod)} is already present in the backoff queue")
        pi.timestamp = self.env.now
        if self.metrics is not None:
            for name in {**pi.unschedulable_plugins, **pi.pending_plugins}:
                self.metrics.unschedulable_reason.inc(name, (pi.pod.get("spec") or {}).get("schedulerName", ""))
        hint = self.determine_scheduling_hint_for_in_flight_pod(pi)
        queue = self.requeue_pod_with_queueing_strategy(pi, hint, ev.SCHEDULE_ATTEMPT_FAILURE)
        if queue == ACTIVE_Q:
            self._broadcast()
        self.done(uid)
        self._update_metrics()

    def determine_scheduling_hint_for_in_flight_pod(self, pi: QueuedPodInfo) -> int:
        """Mirrors: (*PriorityQueue).determineSchedulingHintForInFlightPod"""
        events = self.cluster_events_for_pod(pi)
        if not pi.unschedulable_plugins and not pi.pending_plugins:
            return QUEUE_AFTER_BACKOFF
        strategy = QUEUE_SKIP
        for e, old, new in events:
            h = self.is_pod_worth_requeuing(pi, e, old, new)
            if h == QUEUE_IMMEDIATELY:
                return QUEUE_IMMEDIATELY
            if h == QUEUE_AFTER_BACKOFF:
                strategy = QUEUE_AFTER_BACKOFF
                if not pi.pending_plugins:
                    return QUEUE_AFTER_BACKOFF
        return strategy

    def requeue_pod_with_queueing_strategy(self, pi: QueuedPodInfo, strategy: int, event: str) -> str:
        """Mirrors: (*PriorityQueue).requeuePodWithQueueingStrategy"""
        if strategy == QUEUE_SKIP:
            self._unsched_add(pi)
            self._incoming(UNSCHEDULABLE_PODS, event)
            return UNSCHEDULABLE_PODS
        if strategy == QUEUE_AFTER_BACKOFF and self.is_pod_backing_off(pi):
            self.backoff_q.add_or_update(pi)
            self._incoming(BACKOFF_Q, event)
            return BACKOFF_Q
        if self.move_to_active_q(pi, event):
            return ACTIVE_Q
        return UNSCHEDULABLE_PODS if pi.gated else BACKOFF_Q

    def is_pod_worth_requeuing(self, pi: QueuedPodInfo, event: ev.ClusterEvent, old: Any, new: Any) -> int:
        """Ask the rejecting plugins' queueing hints whether ``event`` may help this pod.

        Mirrors: (*PriorityQueue).isPodWorthRequeuing
        """
        rejectors = {**pi.unschedulable_plugins, **pi.pending_plugins}
        if not rejectors:
            return QUEUE_AFTER_BACKOFF
        if event.is_wild_card():
            if new is not None and isinstance(new, dict) and _uid(new) != _key(pi):
                return QUEUE_SKIP
            return QUEUE_AFTER_BACKOFF
        hint_map = self.queueing_hint_map.get((pi.pod.get("spec") or {}).get("schedulerName", ""))
        if hint_map is None:
            return QUEUE_AFTER_BACKOFF
        strategy = QUEUE_SKIP
        for registered, fns in hint_map.items():
            if not registered.match(event):
                continue
            for fn in fns:
                if fn.plugin_name not in rejectors:
                    continue
                try:
                    h = fn.queueing_hint_fn(pi.pod, old, new)
                except Exception:  # a failing hint must not strand the pod
                    h = ev.QUEUE
                if h == ev.QUEUE_SKIP:
                    continue
                if fn.plugin_name in pi.pending_plugins:
                    return QUEUE_IMMEDIATELY
                if not pi.pending_plugins:
                    return QUEUE_AFTER_BACKOFF
                strategy = QUEUE_AFTER_BACKOFF
        return strategy

    def is_event_of_interest(self, event: ev.ClusterEvent) -> bool:
        """Mirrors: (*PriorityQueue).isEventOfInterest (cached per event)."""
        if event.is_wild_card():
            return True
        v = self._interest.get(event)
        if v is None:
            v = self._interest[event] = any(reg.match(event) for m in self.queueing_hint_map.values() for reg in m)
        return v

    def move_all_to_active_or_backoff_queue(self, event: ev.ClusterEvent, old: Any, new: Any,
                                            pre_check: Callable[[Obj], bool] | None = None) -> None:
        """Mirrors: (*PriorityQueue).MoveAllToActiveOrBackoffQueue"""
        if not self.is_event_of_interest(event):
            return
        pods = [pi for pi in self.unschedulable_pods.values() if pre_check is None or pre_check(pi.pod)]
        self.move_pods_to_active_or_backoff_queue(pods, event, old, new)

    def move_pods_to_active_or_backoff_queue(self, pods: list[QueuedPodInfo], event: ev.ClusterEvent,
                                             old: Any, new: Any) -> None:
        """Mirrors: (*PriorityQueue).movePodsToActiveOrBackoffQueue"""
        if not self.is_event_of_interest(event):
            return
        activated = False
        for pi in pods:
            if pi.gated and "SchedulingGates" in pi.unschedulable_plugins:
                continue
            hint = self.is_pod_worth_requeuing(pi, event, old, new)
            if hint == QUEUE_SKIP:
                continue
            self._unsched_delete(pi.pod)
            if self.requeue_pod_with_queueing_strategy(pi, hint, event.label()) == ACTIVE_Q:
                activated = True
        if self.in_flight_pods:
            self._event_seq += 1
            self.in_flight_events.append((self._event_seq, event, old, new))
        if activated:
            self._broadcast()
        self._update_metrics()

    # -- periodic flushes -----------------------------------------------------------------

    def flush_backoff_q_completed(self) -> None:
        """Mirrors: (*PriorityQueue).flushBackoffQCompleted"""
        activated = False
        now = self.env.now
        while True:
            pi = self.backoff_q.peek()
            if pi is None or self.get_backoff_time(pi) > now:
                break
            self.backoff_q.pop()
            if self.move_to_active_q(pi, ev.BACKOFF_COMPLETE):
                activated = True
        if activated:
            self._broadcast()
        self._update_metrics()

    def flush_unschedulable_pods_leftover(self) -> None:
        """Mirrors: (*PriorityQueue).flushUnschedulablePodsLeftover"""
        now = self.env.now
        to_move = [pi for pi in self.unschedulable_pods.values()
                   if now - pi.timestamp > self.pod_max_in_unschedulable_pods_duration]
        if to_move:
            self.move_pods_to_active_or_backoff_queue(to_move, ev.EVENT_UNSCHEDULABLE_TIMEOUT, None, None)

    def run(self, stop: simpy.Event | None = None) -> None:
        """Start the two flush loops. Mirrors: (*PriorityQueue).Run"""
        from kubelab.engine.wait import until

        until(self.env, self.flush_backoff_q_completed, FLUSH_BACKOFF_Q_PERIOD, stop=stop)
        until(self.env, self.flush_unschedulable_pods_leftover, FLUSH_UNSCHEDULABLE_PODS_PERIOD, stop=stop)

    def close(self) -> None:
        self.closed = True
        self._broadcast()

    def set_paused(self, paused: bool) -> None:
        """kubelab-only: stop or resume handing pods to the scheduling loop."""
        self.paused = paused
        if not paused:
            self._broadcast()

    # -- nominated pods -------------------------------------------------------------------

    def add_nominated_pod(self, pi: PodInfo, info: NominatingInfo | None) -> None:
        self.nominator.add_nominated_pod(pi, info)

    def delete_nominated_pod_if_exists(self, pod: Obj) -> None:
        self.nominator.delete(pod)

    def nominated_pods_for_node(self, node_name: str) -> list[PodInfo]:
        return self.nominator.nominated_pods_for_node(node_name)

    def pending_pods(self) -> tuple[list[Obj], str]:
        """Mirrors: (*PriorityQueue).PendingPods: the pods and a summary line."""
        active = [pi.pod for pi in self.active_q.list()]
        backoff = [pi.pod for pi in self.backoff_q.list()]
        unsched = [pi.pod for pi in self.unschedulable_pods.values()]
        return active + backoff + unsched, (f"activeQ:{len(active)}; backoffQ:{len(backoff)}; "
                                            f"unschedulablePods:{len(unsched)}")

    def __repr__(self) -> str:
        return f"PriorityQueue({self.pending_pods()[1]})"


def build_queueing_hint_map(enqueue_extensions: list[tuple[str, list[ev.ClusterEventWithHint]]]
                            ) -> dict[ev.ClusterEvent, list[ev.QueueingHintFunction]]:
    """Mirrors: pkg/scheduler/scheduler.go :: buildQueueingHintMap"""
    m: dict[ev.ClusterEvent, list[ev.QueueingHintFunction]] = {}
    for name, events in enqueue_extensions:
        if not events:
            continue
        node_added = taint_updated = False
        for e in events:
            fn = e.queueing_hint_fn or _default_queueing_hint_fn
            if e.event.resource == ev.NODE:
                node_added = node_added or bool(e.event.action_type & ev.ActionType.ADD)
                taint_updated = taint_updated or bool(e.event.action_type & ev.ActionType.UPDATE_NODE_TAINT)
            m.setdefault(e.event, []).append(ev.QueueingHintFunction(name, fn))
        if node_added and not taint_updated:
            # Node/Add may be missed; UpdateNodeTaint stands in for it, as upstream registers.
            m.setdefault(ev.ClusterEvent(ev.NODE, ev.ActionType.UPDATE_NODE_TAINT), []).append(
                ev.QueueingHintFunction(name, _default_queueing_hint_fn))
    return m


def sort_key_of(less: Any) -> Any:
    """The QueueSort plugin's ``sort_key``, when it offers one (kubelab-only speed-up)."""
    return getattr(getattr(less, "__self__", None), "sort_key", None)


def _default_queueing_hint_fn(pod: Obj, old: Any, new: Any) -> int:
    return ev.QUEUE


def _kobj(pod: Obj) -> str:
    m = pod.get("metadata") or {}
    return f"{m.get('namespace', '')}/{m.get('name', '')}"
