"""How long operations take in simulated seconds, with seeded jitter.

kubelab-only: stands in for network round trips, etcd disk writes and watch fan-out.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

DEFAULTS: dict[str, float] = {
    "api_request": 0.002,     # client <-> kube-apiserver round trip and handler chain
    "etcd_read": 0.001,       # a quorum range read
    "etcd_write": 0.004,      # a raft commit and fsync
    "watch_delivery": 0.001,  # watch cache -> watcher
}


class LatencyModel:
    """Per-operation latencies: ``base * (1 + jitter * u)``, ``u`` uniform in [-1, 1).

    ``LatencyModel.zero()`` makes every operation instantaneous (benchmarks, unit tests).
    """

    def __init__(self, base: Mapping[str, float] | None = None, jitter: float = 0.2,
                 rng: random.Random | None = None) -> None:
        self.base = dict(DEFAULTS)
        if base:
            self.base.update(base)
        self.jitter = jitter
        self._rng = rng or random.Random(0)
        self._zero = all(v == 0 for v in self.base.values())

    @classmethod
    def zero(cls) -> LatencyModel:
        return cls({k: 0.0 for k in DEFAULTS}, jitter=0.0)

    @property
    def is_zero(self) -> bool:
        return self._zero

    def bind(self, rng: random.Random) -> None:
        """Draw jitter from the environment's seeded stream."""
        self._rng = rng

    def set(self, op: str, seconds: float) -> None:
        self.base[op] = seconds
        self._zero = all(v == 0 for v in self.base.values())

    def sample(self, op: str) -> float:
        b = self.base.get(op, 0.0)
        if b == 0.0:
            return 0.0
        if not self.jitter:
            return b
        return b * (1.0 + self.jitter * (2.0 * self._rng.random() - 1.0))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v:g}s" for k, v in self.base.items())
        return f"LatencyModel({inner}, jitter={self.jitter:g})"
