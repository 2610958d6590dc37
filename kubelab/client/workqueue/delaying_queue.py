"""A work queue whose items can be added after a delay.

Upstream: staging/src/k8s.io/client-go/util/workqueue/delaying_queue.go
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import simpy

from kubelab.client.workqueue.metrics import RetryMetrics, new_retry_metrics
from kubelab.client.workqueue.queue import Type


@dataclass(slots=True)
class WaitFor:
    """One item waiting to be added. Mirrors: delaying_queue.go :: waitFor"""

    data: Hashable
    ready_at: float
    seq: int
    live: bool = True

    def __lt__(self, other: WaitFor) -> bool:
        if self.ready_at != other.ready_at:
            return self.ready_at < other.ready_at
        return self.seq < other.seq


class DelayingType(Type):
    """A :class:`Type` with ``add_after``: items wait in a heap until they are ready.

    Mirrors: client-go/util/workqueue/delaying_queue.go :: delayingType

    Differences: no waitingLoop goroutine or 10 s heartbeat; each ``add_after`` schedules a
    SimPy timeout that moves every ready entry into the queue. Entries ready at the same
    instant are added in insertion order (upstream's heap leaves such ties unordered). An
    item already waiting only moves earlier, never later, as upstream.
    """

    def __init__(self, env: simpy.Environment, name: str = "", **kw: Any) -> None:
        super().__init__(env, name, **kw)
        self._waiting: list[WaitFor] = []
        self._known: dict[Hashable, WaitFor] = {}
        self._seq = itertools.count()
        registry = getattr(env, "metrics", None)
        self.retry_metrics: RetryMetrics | None = (
            new_retry_metrics(registry, name) if registry is not None else None)

    def add_after(self, item: Hashable, duration: float) -> None:
        """Add ``item`` once ``duration`` simulated seconds have passed.

        Mirrors: client-go/util/workqueue/delaying_queue.go :: (*delayingType).AddAfter
        """
        if self._shutting_down:
            return
        if self.retry_metrics is not None:
            self.retry_metrics.retry()
        if duration <= 0:
            self.add(item)
            return
        ready_at = self.env.now + duration
        existing = self._known.get(item)
        if existing is not None:
            if existing.ready_at <= ready_at:
                return
            # Move it earlier: retire the old heap entry, keep its place among ties.
            existing.live = False
            entry = WaitFor(item, ready_at, existing.seq)
        else:
            entry = WaitFor(item, ready_at, next(self._seq))
        self._known[item] = entry
        heapq.heappush(self._waiting, entry)
        self.env.timeout(duration).callbacks.append(self._on_ready)

    def waiting_len(self) -> int:
        """Items waiting for their delay to pass (kubelab-only: for charts and tests)."""
        return len(self._known)

    def shut_down(self) -> None:
        """Mirrors: client-go/util/workqueue/delaying_queue.go :: (*delayingType).ShutDown"""
        super().shut_down()
        self._waiting.clear()
        self._known.clear()

    def shut_down_with_drain(self) -> simpy.Event:
        ev = super().shut_down_with_drain()
        self._waiting.clear()
        self._known.clear()
        return ev

    def _on_ready(self, _: simpy.Event) -> None:
        """Mirrors: client-go/util/workqueue/delaying_queue.go :: (*delayingType).waitingLoop"""
        now = self.env.now
        waiting = self._waiting
        while waiting and waiting[0].ready_at <= now:
            entry = heapq.heappop(waiting)
            if not entry.live:
                continue
            del self._known[entry.data]
            self.add(entry.data)


def new_delaying_queue(env: simpy.Environment) -> DelayingType:
    """Mirrors: client-go/util/workqueue/delaying_queue.go :: NewDelayingQueue"""
    return DelayingType(env)


def new_delaying_queue_with_config(env: simpy.Environment, name: str = "") -> DelayingType:
    """Mirrors: client-go/util/workqueue/delaying_queue.go :: NewDelayingQueueWithConfig"""
    return DelayingType(env, name)
