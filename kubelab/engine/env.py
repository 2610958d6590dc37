"""The SimPy environment every component of one cluster shares.

kubelab-only: the simulated clock, seeded streams, trace, metrics and latency model.
"""

from __future__ import annotations

import simpy

from kubelab.engine import clock
from kubelab.engine.latency import LatencyModel
from kubelab.engine.metrics import Registry
from kubelab.engine.rand import Streams
from kubelab.engine.trace import DEFAULT_LEVEL, Trace


class Env(simpy.Environment):
    """A SimPy environment with the cluster's seed, trace, metrics and latency model."""

    def __init__(self, seed: int = 0, *, latency: LatencyModel | None = None,
                 trace_level: int = DEFAULT_LEVEL) -> None:
        super().__init__(initial_time=0.0)
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
