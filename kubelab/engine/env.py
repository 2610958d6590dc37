"""The SimPy environment every component of one cluster shares.

kubelab-only: the simulated clock, seeded streams, trace, metrics and latency model.
"""

from __future__ import annotations

import gc

import simpy

from kubelab.engine import clock
from kubelab.engine.latency import LatencyModel
from kubelab.engine.metrics import Registry
from kubelab.engine.rand import Streams
from kubelab.engine.trace import DEFAULT_LEVEL, Trace

# A simulated cluster keeps hundreds of thousands of small, long-lived dicts (the watch
# cache, informer caches); CPython's default gen-0 threshold of 700 makes full collections
# that free nothing a fifth of the run time. Raised once per process, when a cluster is built.
GC_THRESHOLDS = (10_000, 50, 50)


def tune_gc() -> None:
    if gc.get_threshold()[0] < GC_THRESHOLDS[0]:
        gc.set_threshold(*GC_THRESHOLDS)


class Env(simpy.Environment):
    """A SimPy environment with the cluster's seed, trace, metrics and latency model."""

    def __init__(self, seed: int = 0, *, latency: LatencyModel | None = None,
                 trace_level: int = DEFAULT_LEVEL) -> None:
        super().__init__(initial_time=0.0)
        tune_gc()
        self.seed = seed
        self.rand = Streams(seed)
        self.trace = Trace(lambda: self.now, trace_level)
        self.metrics = Registry()
        self.latency = latency if latency is not None else LatencyModel()
        self.latency.bind(self.rand.stream("latency"))

    def uid(self) -> str:
        return self.rand.uid()

    def timestamp(self) -> str:
        """metav1.Now() on the simulated clock."""
        return clock.rfc3339(self.now)

    def micro_timestamp(self) -> str:
        return clock.rfc3339_micro(self.now)

    def __repr__(self) -> str:
        return f"Env(seed={self.seed}, now={self.now:g}s)"
