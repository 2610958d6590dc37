"""Simulated wall-clock time: a fixed epoch plus simulated seconds.

kubelab-only: stands in for time.Now(); nothing in the engine reads the host clock.
"""

from __future__ import annotations

import datetime as _dt
import math
from functools import lru_cache

EPOCH = _dt.datetime(2025, 1, 1, tzinfo=_dt.UTC)


@lru_cache(maxsize=256)
def rfc3339(t: float) -> str:
    """metav1.Time as serialised: whole seconds, ``2025-01-01T00:00:05Z``."""
    return (EPOCH + _dt.timedelta(seconds=math.floor(t))).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=256)
def rfc3339_micro(t: float) -> str:
    """metav1.MicroTime as serialised: ``2025-01-01T00:00:05.250000Z``."""
    micros = int(round(t * 1_000_000))
    return (EPOCH + _dt.timedelta(microseconds=micros)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(ts: str | None) -> float | None:
    """Simulated seconds for an RFC 3339 timestamp written by :func:`rfc3339` (or any UTC one)."""
    if not ts:
        return None
    text = ts.replace("Z", "+00:00")
    d = _dt.datetime.fromisoformat(text)
    if d.tzinfo is None:
        d = d.replace(tzinfo=_dt.UTC)
    return (d - EPOCH).total_seconds()
