"""Serving a watch over HTTP: a chunked stream of newline-delimited JSON events.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/watch.go
(serveWatchHandler, (*WatchServer).HandleHTTP, the timeout) and handlers/response.go
(watchEmbeddedEncoder: Table events carry column definitions only in the first event)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kubelab.api import errors
from kubelab.apiserver.server import negotiation, responsewriters
from kubelab.apiserver.server.negotiation import Target
from kubelab.apiserver.server.simulation import Simulation

Obj = dict[str, Any]

# server/config.go: --min-request-timeout; a watch without timeoutSeconds lasts between
# one and two times this long (handlers/get.go :: ListResource).
MIN_REQUEST_TIMEOUT = 1800.0
# Wall seconds between checks that the client is still there.
POLL = 0.25


def watch_timeout(query: dict[str, str], draw: Callable[[], float]) -> float:
    """Mirrors: handlers/get.go :: ListResource (timeoutSeconds; when absent or 0, minRequestTimeout * (1 + rand))"""
    t = query.get("timeoutSeconds")
    seconds = 0
    if t:
        try:
            seconds = int(t)
        except ValueError:
            raise errors.new_bad_request(f'invalid value "{t}" for timeoutSeconds') from None
    if seconds > 0:
        return float(seconds)
    return MIN_REQUEST_TIMEOUT * (draw() + 1.0)


def error_event(err: errors.ApiError) -> Obj:
    st = dict(err.status)
    st.setdefault("kind", "Status")
    st.setdefault("apiVersion", "v1")
    st.setdefault("metadata", {})
    st.setdefault("status", "Failure")
    st.setdefault("code", err.code)
    return {"type": "ERROR", "object": st}


class EventEncoder:
    """Encodes watch events, converting objects to the negotiated representation.

    Mirrors: handlers/response.go :: watchEncoder and watchEmbeddedEncoder
    """

    def __init__(self, target: Target, ri: Any, query: dict[str, str]) -> None:
        self.target = target
        self.ri = ri
        self.query = query
        self.headers_sent = False

    def encode(self, event: Obj, now: float) -> bytes:
        obj = event.get("object")
        typ = event.get("type", "")
        if self.target.convert and isinstance(obj, dict) and obj.get("kind") != "Status":
            if typ == "BOOKMARK" and self.target.convert == "Table":
                obj = self._bookmark_table(obj)
            else:
                obj = responsewriters.transform(obj, self.target, self.ri, self.query, now,
                                                no_headers=self.headers_sent, owned=False)
                self.headers_sent = True
        return json.dumps({"type": typ, "object": obj}, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"

    def _bookmark_table(self, obj: Obj) -> Obj:
        """A bookmark carries only a resourceVersion: as a Table it has no rows."""
        meta = dict(obj.get("metadata") or {})
        return {"kind": "Table", "apiVersion": f"{negotiation.META_GROUP}/{self.target.version}",
                "metadata": meta, "columnDefinitions": None, "rows": []}


class WatchServer:
    """Streams one watcher's events until it ends, times out, the client leaves or the server stops.

    Mirrors: handlers/watch.go :: (*WatchServer).HandleHTTP
    Differences: the timeout runs on the wall clock (it bounds an HTTP connection), and a
    watcher is polled under the simulation lock instead of received from a channel.
    """

    def __init__(self, sim: Simulation, watcher: Any, encoder: EventEncoder, timeout: float,
                 write: Callable[[bytes], None], gone: Callable[[], bool], wall: Callable[[], float]) -> None:
        self.sim = sim
        self.watcher = watcher
        self.encoder = encoder
        self.timeout = timeout
        self.write = write
        self.gone = gone
        self.wall = wall
        self.events = 0

    def serve(self) -> None:
        sim = self.sim
        deadline = self.wall() + self.timeout
        w = self.watcher
        try:
            while not sim.stopping.is_set():
                with sim.changed:
                    ev = w.next()
                    while not ev.triggered and not sim.stopping.is_set():
                        left = deadline - self.wall()
                        if left <= 0:
                            break
                        sim.changed.wait(min(POLL, left))
                        if not ev.triggered and self.gone():
                            return
                    if not ev.triggered:
                        return
                    batch = ev.value
                    if not batch:
                        return  # the server closed the watch
                    now = sim.env.now
                    data = b"".join(self.encoder.encode(e, now) for e in batch)
                self.write(data)
                self.events += len(batch)
                if any(e.get("type") == "ERROR" for e in batch):
                    return
                if self.wall() >= deadline:
                    return
        finally:
            with sim.lock:
                w.stop()
