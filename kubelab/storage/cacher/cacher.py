"""The Cacher: one resource's objects and recent events in memory, fanned out to watchers.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/cacher/{cacher.go,watch_cache.go}
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from kubelab.api import errors
from kubelab.api.scheme import ResourceInfo
from kubelab.engine.env import Env
from kubelab.storage.cacher.cache_watcher import (
    ADDED,
    BOOKMARK,
    DELETED,
    MODIFIED,
    CacheWatcher,
    Predicate,
)
from kubelab.storage.etcd3.store import decode
from kubelab.storage.mvcc import DELETE, KV, Event

Obj = dict[str, Any]
IndexFunc = Callable[[Obj], str | None]

# watch_cache.go: the window keeps at least this many events ...
LOWER_BOUND_CAPACITY = 100
# ... at most this many ...
UPPER_BOUND_CAPACITY = 100 * 1024
# ... and grows to keep every event younger than this (DefaultEventFreshDuration).
EVENT_FRESH_DURATION = 75.0
# cacher.go: bookmarks go out to watchers that asked for them about once a minute.
BOOKMARK_FREQUENCY = 60.0
INITIAL_EVENTS_ANNOTATION = "k8s.io/initial-events-end"


class Cacher:
    """Serves one resource's lists and watches from memory, fed by a watch on the KV store.

    Mirrors: cacher/cacher.go :: Cacher (Watch, GetList, dispatchEvent, triggers) and
    cacher/watch_cache.go :: watchCache (the sliding event window, GetAllEventsSince)
    Differences: the cache is fed synchronously, so it is never behind etcd; the window
    is sized by simulated age (75 s) between 100 and 102,400 events instead of resized
    by observed event frequency; watch delivery latency comes from the latency model.
    """

    def __init__(self, env: Env, kv: KV, info: ResourceInfo, index: tuple[str, IndexFunc] | None = None) -> None:
        self.env = env
        self.kv = kv
        self.info = info
        self.prefix = info.prefix()
        self.index_name: str = index[0] if index else ""
        self.index_func: IndexFunc | None = index[1] if index else None
        self.store: dict[str, Obj] = {}
        self.window: deque[tuple[int, float, str, Obj, Obj | None]] = deque()
        self.window_start_rv = 0
        self._all: list[CacheWatcher] = []
        self._by_index: dict[str, list[CacheWatcher]] = {}
        self._bookmark_proc: Any = None
        self._last_delivery = 0.0
        self._unwatch: Callable[[], None] | None = None
        self.reload()

    # -- feeding ------------------------------------------------------------------------
    def reload(self) -> None:
        """(Re)fill from the KV store: at start and after a snapshot restore."""
        if self._unwatch is not None:
            self._unwatch()
        kvs, rev = self.kv.range(self.prefix)
        self.store = {kv.key: decode(kv) for kv in kvs}
        self.window.clear()
        self.window_start_rv = rev
        for w in list(self._all) + [w for ws in self._by_index.values() for w in ws]:
            w.add({"type": "ERROR", "object": errors.new_resource_expired(
                "too old resource version: the storage was restored").status})
            w.stop()
        self._unwatch = self.kv.watch(self.prefix, self._on_event)

    def _on_event(self, ev: Event) -> None:
        key = ev.kv.key
        prev = self.store.get(key)
        if ev.type == DELETE:
            assert ev.prev_kv is not None
            obj = decode(ev.prev_kv)
            obj["metadata"]["resourceVersion"] = str(ev.kv.mod_revision)
            self.store.pop(key, None)
            typ = DELETED
        else:
            obj = decode(ev.kv)
            self.store[key] = obj
            typ = MODIFIED if prev is not None else ADDED
        rv = ev.kv.mod_revision
        now = self.env.now
        w = self.window
        w.append((rv, now, typ, obj, prev))
        while len(w) > LOWER_BOUND_CAPACITY and (len(w) > UPPER_BOUND_CAPACITY or w[0][1] < now - EVENT_FRESH_DURATION):
            self.window_start_rv = w.popleft()[0]
        if not self._all and not self._by_index:
            return
        lat = self.env.latency.sample("watch_delivery")
        if lat <= 0.0:
            self._dispatch(typ, obj, prev)
        else:
            # Keep delivery in revision order even when jitter would reorder it.
            due = max(now + lat, self._last_delivery)
            self._last_delivery = due
            t = self.env.timeout(due - now)
            t.callbacks.append(partial(self._deliver_later, typ, obj, prev))

    def _deliver_later(self, typ: str, obj: Obj, prev: Obj | None, _event: Any) -> None:
        self._dispatch(typ, obj, prev)

    def _targets(self, obj: Obj, prev: Obj | None) -> list[CacheWatcher]:
        if not self._by_index:
            return self._all
        f = self.index_func
        assert f is not None
        out = list(self._all)
        v = f(obj)
        out.extend(self._by_index.get(v or "", ()))
        if prev is not None:
            pv = f(prev)
            if pv != v:
                out.extend(self._by_index.get(pv or "", ()))
        return out

    def _dispatch(self, typ: str, obj: Obj, prev: Obj | None) -> None:
        for w in self._targets(obj, prev):
            if w.predicate is None:
                w.add({"type": typ, "object": obj})
            else:
                e = w.convert(typ, obj, prev)
                if e is not None:
                    w.add(e)

    # -- reads --------------------------------------------------------------------------
    @property
    def resource_version(self) -> int:
        return self.kv.rev

    def get(self, key: str) -> Obj | None:
        """The cached object (shared: callers copy before handing it out)."""
        return self.store.get(key)

    def list(self, prefix: str, predicate: Predicate | None = None) -> tuple[list[Obj], int]:
        """Objects under prefix in key order (shared), and the cache's resourceVersion."""
        st = self.store
        keys = sorted(k for k in st if k.startswith(prefix)) if prefix != self.prefix else sorted(st)
        if predicate is None:
            return [st[k] for k in keys], self.kv.rev
        return [o for o in (st[k] for k in keys) if predicate(o)], self.kv.rev

    # -- watch --------------------------------------------------------------------------
    def watch(self, prefix: str, resource_version: int | None, predicate: Predicate | None, *,
              allow_bookmarks: bool = False, send_initial_events: bool = False,
              index_value: str | None = None, label: str = "") -> CacheWatcher:
        """Start a watch. ``resource_version`` None means "initial state, then changes".

        Raises Gone (410 Expired) for a revision older than the window and Timeout for one
        from the future, with upstream's messages.
        """
        cur = self.kv.rev
        if resource_version is not None and resource_version > cur:
            raise errors.new_timeout_error(f"Too large resource version: {resource_version}, current: {cur}", 1)
        if resource_version is not None and resource_version < self.window_start_rv:
            raise errors.new_resource_expired(
                f"too old resource version: {resource_version} ({self.window_start_rv})")
        full_pred = predicate
        if prefix != self.prefix:
            ns_pred = predicate

            def full_pred(o: Obj, _p: str = prefix, _np: Predicate | None = ns_pred) -> bool:
                m = o["metadata"]
                if f"{self.info.etcd_prefix}/{m.get('namespace', '')}/" != _p:
                    return False
                return _np is None or _np(o)

        w = CacheWatcher(self.env, full_pred, allow_bookmarks, self._remove, index_value, label)
        if resource_version is None:
            for o in self.list(prefix, full_pred)[0]:
                w.buf.append({"type": ADDED, "object": o})
            if send_initial_events and allow_bookmarks:
                w.buf.append(self._bookmark(cur, initial_end=True))
        else:
            for rv, _t, typ, obj, prev in self.window:
                if rv <= resource_version:
                    continue
                if index_value is not None and self.index_func is not None:
                    if self.index_func(obj) != index_value and (prev is None or self.index_func(prev) != index_value):
                        continue
                e = w.convert(typ, obj, prev) if full_pred is not None else {"type": typ, "object": obj}
                if e is not None:
                    w.buf.append(e)
        if index_value is not None and self.index_func is not None:
            self._by_index.setdefault(index_value, []).append(w)
        else:
            self._all.append(w)
        if allow_bookmarks and self._bookmark_proc is None:
            self._bookmark_proc = self.env.process(self._bookmarks())
        return w

    def _remove(self, w: CacheWatcher) -> None:
        if w.index_value is not None and w.index_value in self._by_index:
            lst = self._by_index[w.index_value]
            if w in lst:
                lst.remove(w)
            if not lst:
                del self._by_index[w.index_value]
        elif w in self._all:
            self._all.remove(w)

    def _bookmark(self, rv: int, initial_end: bool = False) -> Obj:
        meta: Obj = {"resourceVersion": str(rv)}
        if initial_end:
            meta["annotations"] = {INITIAL_EVENTS_ANNOTATION: "true"}
        return {"type": BOOKMARK, "object": {"kind": self.info.kind, "apiVersion": self.info.api_version,
                                             "metadata": meta}}

    def _bookmarks(self) -> Any:
        while True:
            yield self.env.timeout(BOOKMARK_FREQUENCY)
            rv = self.kv.rev
            watchers = list(self._all) + [w for ws in self._by_index.values() for w in ws]
            for w in watchers:
                if w.allow_bookmarks:
                    w.add(self._bookmark(rv))

    @property
    def watcher_count(self) -> int:
        return len(self._all) + sum(len(v) for v in self._by_index.values())

    def __repr__(self) -> str:
        return f"Cacher({self.info.resource}: {len(self.store)} objects, {self.watcher_count} watchers)"
