"""One watcher of the watch cache: filtering, buffering and delivery to a SimPy consumer.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import simpy

Obj = dict[str, Any]
Predicate = Callable[[Obj], bool]

ADDED = "ADDED"
MODIFIED = "MODIFIED"
DELETED = "DELETED"
BOOKMARK = "BOOKMARK"
ERROR = "ERROR"


class CacheWatcher:
    """Buffers filtered events; ``next()`` gives a SimPy event carrying the next batch.

    Mirrors: cacher/cache_watcher.go :: cacheWatcher (convertToWatchEvent, add, processEvents)
    Differences: the buffer is unbounded (no watcher is terminated for being slow), and
    consumers drain it in batches instead of one channel receive per event.
    """

    __slots__ = ("env", "predicate", "allow_bookmarks", "buf", "stopped", "_waiter", "_on_stop",
                 "index_value", "label")

    def __init__(self, env: simpy.Environment, predicate: Predicate | None, allow_bookmarks: bool,
                 on_stop: Callable[[CacheWatcher], None], index_value: str | None = None,
                 label: str = "") -> None:
        self.env = env
        self.predicate = predicate
        self.allow_bookmarks = allow_bookmarks
        self.buf: list[Obj] = []
        self.stopped = False
        self._waiter: simpy.Event | None = None
        self._on_stop = on_stop
        self.index_value = index_value
        self.label = label

    def convert(self, typ: str, obj: Obj, prev: Obj | None) -> Obj | None:
        """`convertToWatchEvent`: an update that moves an object out of (into) the filter
        is a DELETED (ADDED) for this watcher.
        """
        pred = self.predicate
        if pred is None:
            return {"type": typ, "object": obj}
        cur_ok = typ != DELETED and pred(obj)
        old_ok = prev is not None and pred(prev)
        if typ == DELETED:
            return {"type": DELETED, "object": obj} if old_ok else None
        if cur_ok and old_ok:
            return {"type": MODIFIED, "object": obj}
        if cur_ok:
            return {"type": ADDED, "object": obj}
        if old_ok:
            return {"type": DELETED, "object": obj}
        return None

    def add(self, event: Obj) -> None:
        if self.stopped:
            return
        self.buf.append(event)
        w = self._waiter
        if w is not None:
            self._waiter = None
            batch, self.buf = self.buf, []
            w.succeed(batch)

    def next(self) -> simpy.Event:
        """An event that triggers with a non-empty batch, or [] once the watch has stopped."""
        ev = self.env.event()
        if self.buf or self.stopped:
            batch, self.buf = self.buf, []
            ev.succeed(batch)
        else:
            self._waiter = ev
        return ev

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self._on_stop(self)
        w = self._waiter
        if w is not None:
            self._waiter = None
            w.succeed(self.buf)
            self.buf = []

    def __repr__(self) -> str:
        return f"CacheWatcher({self.label or 'watch'}, buffered={len(self.buf)}, stopped={self.stopped})"
