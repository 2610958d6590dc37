"""`wait.Until` and friends as SimPy processes.

Mirrors: staging/src/k8s.io/apimachinery/pkg/util/wait/backoff.go :: Until, JitterUntil
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import simpy


def until(env: simpy.Environment, f: Callable[[], Any], period: float, *,
          stop: simpy.Event | None = None, jitter: float = 0.0, sliding: bool = True,
          rng: Any = None) -> simpy.Process:
    """Run ``f`` every ``period`` simulated seconds until ``stop`` fires.

    ``f`` may be a plain function or a generator function (a SimPy sub-process); with
    ``sliding`` the period starts after ``f`` finishes, as in upstream's JitterUntil.
    """
    return env.process(_until(env, f, period, stop, jitter, sliding, rng))


def _until(env: simpy.Environment, f: Callable[[], Any], period: float, stop: simpy.Event | None,
           jitter: float, sliding: bool, rng: Any) -> Generator[Any, Any, None]:
    while stop is None or not stop.triggered:
        start = env.now
        out = f()
        if isinstance(out, Generator):
            yield from out
        wait = period
        if jitter and rng is not None:
            wait += period * jitter * rng.random()
        if not sliding:
            wait = max(0.0, wait - (env.now - start))
        if stop is None:
            yield env.timeout(wait)
        else:
            yield env.any_of([env.timeout(wait), stop])
