"""A small in-test API server and client following /work/notes/client-interface.md.

Used only for failure modes the real cluster cannot be told to produce on cue (a watch
expired at a chosen instant, a list failing N times, a server closing a watch early).
"""

from __future__ import annotations

import copy
from typing import Any

import simpy

from kubelab.api import errors


class FakeWatch:
    def __init__(self, env: simpy.Environment) -> None:
        self.env = env
        self.stopped = False
        self._buf: list[dict] = []
        self._pending: simpy.Event | None = None

    def next(self) -> simpy.Event:
        ev = simpy.Event(self.env)
        if self._buf:
            ev.succeed(self._buf)
            self._buf = []
        elif self.stopped:
            ev.succeed([])
        else:
            self._pending = ev
        return ev

    def stop(self) -> None:
        self.stopped = True
        self._buf = []
        if self._pending is not None:
            p, self._pending = self._pending, None
            p.succeed([])

    def send(self, events: list[dict]) -> None:
        if self.stopped:
            return
        if self._pending is not None:
            p, self._pending = self._pending, None
            p.succeed(list(events))
        else:
            self._buf.extend(events)


class FakeApi:
    """One resource's objects, a resourceVersion counter, watches and injected faults."""

    def __init__(self, env: simpy.Environment, latency: float = 0.0) -> None:
        self.env = env
        self.latency = latency
        self.rv = 100
        self.objects: dict[str, dict] = {}
        self.history: list[tuple[int, str, dict]] = []
        self.compacted = 0
        self.watches: list[FakeWatch] = []
        self.list_errors: list[errors.ApiError] = []
        self.watch_errors: list[errors.ApiError] = []
        self.calls: list[tuple[float, str, dict]] = []

    # -- server-side changes -------------------------------------------------------------

    def _emit(self, etype: str, obj: dict, notify: bool = True) -> None:
        self.history.append((self.rv, etype, obj))
        if notify:
            for w in self.watches:
                w.send([{"type": etype, "object": obj}])

    def put(self, name: str, namespace: str = "default", labels: dict | None = None,
            notify: bool = True, **spec: Any) -> dict:
        self.rv += 1
        key = f"{namespace}/{name}" if namespace else name
        etype = "MODIFIED" if key in self.objects else "ADDED"
        meta: dict[str, Any] = {"name": name, "resourceVersion": str(self.rv)}
        if namespace:
            meta["namespace"] = namespace
        if labels:
            meta["labels"] = labels
        obj = {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": dict(spec)}
        self.objects[key] = obj
        self._emit(etype, obj, notify)
        return obj

    def remove(self, name: str, namespace: str = "default", notify: bool = True) -> None:
        self.rv += 1
        key = f"{namespace}/{name}" if namespace else name
        obj = copy.deepcopy(self.objects.pop(key))
        obj["metadata"]["resourceVersion"] = str(self.rv)
        self._emit("DELETED", obj, notify)

    def bookmark(self) -> None:
        self.rv += 1
        for w in self.watches:
            w.send([{"type": "BOOKMARK", "object": {"kind": "Pod", "apiVersion": "v1",
                                                    "metadata": {"resourceVersion": str(self.rv)}}}])

    def expire_watches(self, rv: int | None = None) -> None:
        """Compact history and send every watcher an ERROR 410, as the watch cache does."""
        self.compacted = self.rv if rv is None else rv
        status = errors.new_resource_expired(
            f"too old resource version: {self.compacted - 1} ({self.compacted})").status
        for w in self.watches:
            w.send([{"type": "ERROR", "object": status}])

    def close_watches(self) -> None:
        for w in self.watches:
            w.stop()
        self.watches = []


class FakeClient:
    """The Client verbs an informer uses: ``list`` and ``watch`` (SimPy sub-processes)."""

    def __init__(self, api: FakeApi) -> None:
        self.api = api
        self.env = api.env

    def list(self, resource: str, namespace: str | None = None, *, label_selector: str = "",
             field_selector: str = "", resource_version: str = "", limit: int = 0,
             continue_: str = ""):
        api = self.api
        api.calls.append((self.env.now, "list", {"resource_version": resource_version, "limit": limit,
                                                 "continue": continue_}))
        if api.latency:
            yield self.env.timeout(api.latency)
        if api.list_errors:
            raise api.list_errors.pop(0)
        if resource_version not in ("", "0") and int(resource_version) < api.compacted:
            raise errors.new_resource_expired(
                f"too old resource version: {resource_version} ({api.compacted})")
        items = [copy.deepcopy(o) for k, o in sorted(api.objects.items())
                 if namespace is None or o["metadata"].get("namespace") == namespace]
        start = int(continue_) if continue_ else 0
        meta: dict[str, Any] = {"resourceVersion": str(api.rv)}
        if limit and start + limit < len(items):
            meta["continue"] = str(start + limit)
            items = items[start:start + limit]
        else:
            items = items[start:]
        return {"kind": "PodList", "apiVersion": "v1", "metadata": meta, "items": items}

    def watch(self, resource: str, namespace: str | None = None, *, resource_version: str = "",
              label_selector: str = "", field_selector: str = "", allow_watch_bookmarks: bool = False,
              send_initial_events: bool = False):
        api = self.api
        api.calls.append((self.env.now, "watch", {"resource_version": resource_version}))
        if api.latency:
            yield self.env.timeout(api.latency)
        if api.watch_errors:
            raise api.watch_errors.pop(0)
        if resource_version and int(resource_version) < api.compacted:
            raise errors.new_resource_expired(
                f"too old resource version: {resource_version} ({api.compacted})")
        w = FakeWatch(self.env)
        since = int(resource_version or api.rv)
        backlog = [{"type": t, "object": o} for rv, t, o in api.history if rv > since]
        if backlog:
            w.send(backlog)
        api.watches = [x for x in api.watches if not x.stopped] + [w]
        return w
