"""The work queue: a fair FIFO of keys that never hands one key to two workers at once.

Upstream: staging/src/k8s.io/client-go/util/workqueue/queue.go
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Hashable
from typing import Any

import simpy

from kubelab.client.workqueue.metrics import (
    DEFAULT_UNFINISHED_WORK_UPDATE_PERIOD,
    QueueMetrics,
    new_queue_metrics,
)


class Type:
    """A work queue with upstream's dirty and processing sets.

    * ``add`` of an item already waiting is a no-op (dirty set);
    * ``add`` of an item being processed marks it dirty and queues it again on ``done``,
      so the change is not lost and no two workers ever hold the same item;
    * ``get`` returns a SimPy event that triggers with ``(item, shutdown)``.

    Mirrors: client-go/util/workqueue/queue.go :: Typed

    Differences: a blocked ``Get`` is a waiting event; ``add`` hands the item straight to
    the longest-waiting getter (sync.Cond.Signal wakes one goroutine that then pops the
    same item), so the hand-off happens at the same simulated instant. The unfinished-work
    gauges are refreshed on upstream's 500 ms ticks (anchored at construction) only while
    something is being processed, so an idle queue schedules no events.
    """

    def __init__(self, env: simpy.Environment, name: str = "", *,
                 unfinished_work_update_period: float = DEFAULT_UNFINISHED_WORK_UPDATE_PERIOD) -> None:
        self.env = env
        self.name = name
        self._queue: deque[Hashable] = deque()
        # Membership tests only: never iterated, so hash order cannot leak into behaviour.
        self._dirty: set[Hashable] = set()
        self._processing: set[Hashable] = set()
        self._waiters: deque[simpy.Event] = deque()
        self._shutting_down = False
        self._drain = False
        self._drained: simpy.Event | None = None
        registry = getattr(env, "metrics", None)
        self.metrics: QueueMetrics | None = (
            new_queue_metrics(registry, name, lambda: env.now) if registry is not None else None)
        self._created = env.now
        self._update_period = unfinished_work_update_period
        self._updater: simpy.Process | None = None

    # -- the Interface ---------------------------------------------------------------------

    def add(self, item: Hashable) -> None:
        """Mark ``item`` as needing processing.

        Mirrors: client-go/util/workqueue/queue.go :: (*Typed).Add
        """
        if self._shutting_down:
            return
        if item in self._dirty:
            return
        if self.metrics is not None:
            self.metrics.add(item)
        self._dirty.add(item)
        if item in self._processing:
            return
        self._queue.append(item)
        if self._waiters:
            self._signal()

    def len(self) -> int:
        """Items waiting to be handed out (not counting the ones being processed)."""
        return len(self._queue)

    def __len__(self) -> int:
        return len(self._queue)

    def get(self) -> simpy.Event:
        """An event that triggers with ``(item, False)``, or ``(None, True)`` on shutdown.

        Usage inside a worker process: ``item, shutdown = yield queue.get()``. Items left
        in the queue at shutdown are still handed out before ``shutdown`` is reported.

        Mirrors: client-go/util/workqueue/queue.go :: (*Typed).Get
        """
        ev = simpy.Event(self.env)
        if self._queue:
            ev.succeed(self._pop())
        elif self._shutting_down:
            ev.succeed((None, True))
        else:
            self._waiters.append(ev)
        return ev

    def cancel_get(self, ev: simpy.Event) -> None:
        """Withdraw a ``get`` that lost a select (``env.any_of``) so it takes no item.

        kubelab-only: a goroutine blocked in Get cannot be abandoned in Go; a SimPy process
        waiting on ``any_of([queue.get(), stop])`` can, and must cancel the losing get. If
        the get already received an item, the item is handed back to the queue.
        """
        if ev in self._waiters:
            self._waiters.remove(ev)
            return
        value: Any = ev.value if ev.triggered else None
        if value is not None and value[1] is False:
            item = value[0]
            if item in self._processing:
                if self.metrics is not None:
                    # Undo the get's bookkeeping: it was never worked on.
                    self.metrics.processing_start_times.pop(item, None)
                    self.metrics.depth.inc(self.name)
                    self.metrics.add_times.setdefault(item, self.env.now)
                self._processing.discard(item)
                self._dirty.add(item)
                self._queue.appendleft(item)
                if self._waiters:
                    self._signal()

    def done(self, item: Hashable) -> None:
        """Finish processing ``item``; if it was added meanwhile it is queued again.

        Mirrors: client-go/util/workqueue/queue.go :: (*Typed).Done
        """
        if self.metrics is not None:
            self.metrics.done(item)
        self._processing.discard(item)
        if item in self._dirty:
            self._queue.append(item)
            if self._waiters:
                self._signal()
        elif not self._processing and self._drained is not None and not self._drained.triggered:
            self._drained.succeed()

    def shut_down(self) -> None:
        """Stop accepting adds; waiting getters learn about it once the queue is empty.

        Mirrors: client-go/util/workqueue/queue.go :: (*Typed).ShutDown
        """
        self._drain = False
        self._shutting_down = True
        self._wake_all()

    def shut_down_with_drain(self) -> simpy.Event:
        """Shut down, and return an event that triggers once nothing is being processed.

        Mirrors: client-go/util/workqueue/queue.go :: (*Typed).ShutDownWithDrain

        Differences: upstream blocks the caller; here the caller yields the returned event.
        """
        self._drain = True
        self._shutting_down = True
        self._wake_all()
        if self._drained is None:
            self._drained = simpy.Event(self.env)
        if not self._processing and not self._drained.triggered:
            self._drained.succeed()
        return self._drained

    def shutting_down(self) -> bool:
        return self._shutting_down

    # -- internals -------------------------------------------------------------------------

    def _pop(self) -> tuple[Hashable, bool]:
        item = self._queue.popleft()
        if self.metrics is not None:
            self.metrics.get(item)
            if self._updater is None and self._update_period > 0:
                self._updater = self.env.process(self._update_unfinished_work_loop())
        self._processing.add(item)
        self._dirty.discard(item)
        return item, False

    def _signal(self) -> None:
        while self._waiters and self._queue:
            self._waiters.popleft().succeed(self._pop())

    def _wake_all(self) -> None:
        self._signal()
        while self._waiters:
            self._waiters.popleft().succeed((None, True))

    def _update_unfinished_work_loop(self) -> Generator[Any, Any, None]:
        """Mirrors: client-go/util/workqueue/queue.go :: (*Typed).updateUnfinishedWorkLoop"""
        period = self._update_period
        k = int((self.env.now - self._created) // period) + 1
        while True:
            yield self.env.timeout(max(0.0, self._created + k * period - self.env.now))
            k += 1
            if self._shutting_down or self.metrics is None:
                break
            self.metrics.update_unfinished_work()
            if not self._processing:
                break
        self._updater = None

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(name={self.name!r}, len={len(self._queue)}, "
                f"processing={len(self._processing)}, shutting_down={self._shutting_down})")


def new(env: simpy.Environment) -> Type:
    """An unnamed queue (no metrics). Mirrors: workqueue/queue.go :: New"""
    return Type(env)


def new_with_config(env: simpy.Environment, name: str = "") -> Type:
    """Mirrors: client-go/util/workqueue/queue.go :: NewWithConfig (QueueConfig.Name)"""
    return Type(env, name)


def new_named(env: simpy.Environment, name: str) -> Type:
    """Mirrors: client-go/util/workqueue/queue.go :: NewNamed"""
    return Type(env, name)
