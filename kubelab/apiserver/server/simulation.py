"""One simulation shared by HTTP threads, the notebook and an optional real-time clock.

kube-apiserver serves each request on its own goroutine; kubelab's cluster is one SimPy
environment that only one thread may touch at a time. Once a cluster serves HTTP, every
access to it takes one re-entrant lock: each HTTP request, each in-process API call
(``c.get``, ``c.kubectl``), and each slice of simulated time (``c.run``, the clock).

Time moves in one of two modes:

- stepped (``speed=None``): only ``c.run`` advances the clock; requests are answered at
  the instant the simulation stands at;
- real time (``speed=x``): a clock thread advances ``x`` simulated seconds per wall
  second, so ``kubectl get -w`` and ``rollout status`` see time pass.

kubelab-only: stands in for the Go runtime's concurrency; this is the one module that
reads the wall clock, and only to pace the real-time mode.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import simpy

# Simulated seconds per slice of env.run: between slices other threads get the lock.
RUN_SLICE = 0.25
# Wall seconds between clock ticks in real-time mode.
CLOCK_TICK = 0.02


class Simulation:
    """The lock, the change notification and the clock of one served cluster."""

    def __init__(self, env: simpy.Environment, apiserver: Any) -> None:
        self.env = env
        self.apiserver = apiserver
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.stopping = threading.Event()
        self.speed: float | None = None
        self._clock: threading.Thread | None = None
        self._run: Callable[..., Any] = env.run
        self._handle: Callable[[Any], Any] = apiserver.handle
        env.run = self.run  # type: ignore[method-assign]
        apiserver.handle = self.handle

    def release(self) -> None:
        """Undo the guards (when the server stops)."""
        self.set_speed(None)
        with self.lock:
            self.env.run = self._run  # type: ignore[method-assign]
            self.apiserver.handle = self._handle

    # -- guarded entry points -----------------------------------------------------------
    def handle(self, req: Any) -> Any:
        """APIServer.handle under the lock; waiting watch streams are told afterwards."""
        with self.changed:
            try:
                return self._handle(req)
            finally:
                self.changed.notify_all()

    def run(self, until: Any = None) -> Any:
        """env.run in slices, so HTTP requests are served while time passes.

        Slicing changes nothing the simulation sees: events keep their order, and the
        clock ends where a single run would have left it.
        """
        env = self.env
        if until is None or isinstance(until, simpy.Event) or float(until) <= env.now:
            with self.changed:
                try:
                    return self._run(until)
                finally:
                    self.changed.notify_all()
        at = float(until)
        while True:
            with self.changed:
                now = env.now
                if now >= at:
                    return None
                self._run(min(at, now + RUN_SLICE))
                self.changed.notify_all()

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self.lock:
            return fn(*args)

    # -- real time ----------------------------------------------------------------------
    def set_speed(self, speed: float | None) -> None:
        """Run the clock at ``speed`` simulated seconds per wall second; None or 0 steps."""
        if speed is not None and speed < 0:
            raise ValueError(f"speed must be positive, not {speed}")
        old = self._clock
        self.speed = speed or None
        if old is not None:
            self._clock = None
            with self.changed:
                self.changed.notify_all()
            old.join()
        if self.speed is not None:
            t = threading.Thread(target=self._tick, name="kubelab-clock", daemon=True)
            self._clock = t
            t.start()

    def _tick(self) -> None:
        me = threading.current_thread()
        base_wall, base_sim = time.monotonic(), self.env.now
        behind = False
        while self._clock is me and not self.stopping.is_set():
            if not behind:
                time.sleep(CLOCK_TICK)
            speed = self.speed
            if speed is None:
                return
            with self.changed:
                now = self.env.now
                target = base_sim + (time.monotonic() - base_wall) * speed
                if now >= target:
                    behind = False
                    if now > target:  # c.run jumped ahead: keep pace from here
                        base_wall, base_sim = time.monotonic(), now
                    continue
                # One slice at a time, so requests are served while a slow simulation catches up.
                step_to = min(target, now + RUN_SLICE)
                self._run(step_to)
                behind = step_to < target
                self.changed.notify_all()

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        self.release()

    def __repr__(self) -> str:
        mode = "stepped" if self.speed is None else f"{self.speed:g}x real time"
        return f"Simulation({mode}, now={self.env.now:g}s)"
