"""Rate limiters deciding how long a failed item waits before its retry.

Upstream: staging/src/k8s.io/client-go/util/workqueue/default_rate_limiters.go, and the
token bucket of golang.org/x/time/rate (rate.go) that BucketRateLimiter wraps.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Protocol

import simpy

NANOSECOND = 1e-9
# time.Duration's range: a delay that does not fit is "forever" (rate.InfDuration).
MAX_INT64 = (1 << 63) - 1
INF_DURATION = MAX_INT64 * NANOSECOND


def _duration(seconds: float) -> float:
    """Truncate to whole nanoseconds, as converting to time.Duration does."""
    return int(seconds * 1e9) / 1e9


class RateLimiter(Protocol):
    """Mirrors: client-go/util/workqueue/default_rate_limiters.go :: TypedRateLimiter"""

    def when(self, item: Hashable) -> float: ...

    def forget(self, item: Hashable) -> None: ...

    def num_requeues(self, item: Hashable) -> int: ...


@dataclass(slots=True)
class Reservation:
    """Mirrors: golang.org/x/time/rate :: Reservation"""

    ok: bool
    time_to_act: float
    tokens: int
    delay: float  # what Reservation.Delay() returns at the reservation instant


class Limiter:
    """A token bucket: ``limit`` tokens per second refill up to ``burst``; starts full.

    Mirrors: golang.org/x/time/rate :: Limiter (reserveN, advance, AllowN, ReserveN)

    Differences: times are simulated seconds passed by the caller; no mutex.
    """

    __slots__ = ("limit", "burst", "tokens", "last", "last_event")

    def __init__(self, limit: float, burst: int) -> None:
        self.limit = float(limit)
        self.burst = int(burst)
        self.tokens = float(burst)
        self.last: float | None = None  # None: the zero time, long enough ago to be full
        self.last_event: float | None = None

    def _advance(self, t: float) -> float:
        """Mirrors: golang.org/x/time/rate :: (*Limiter).advance"""
        if self.last is None:
            return float(self.burst)
        last = min(self.last, t)
        tokens = self.tokens + (t - last) * self.limit
        return min(tokens, float(self.burst))

    def reserve_n(self, t: float, n: int = 1, max_future_reserve: float = math.inf) -> Reservation:
        """Mirrors: golang.org/x/time/rate :: (*Limiter).reserveN"""
        if math.isinf(self.limit):
            return Reservation(True, t, n, 0.0)
        if self.limit == 0:
            ok = self.burst >= n
            if ok:
                self.burst -= n
            return Reservation(ok, t, self.burst, 0.0)
        tokens = self._advance(t) - n
        wait = 0.0
        if tokens < 0:
            wait = -tokens / self.limit
            wait = INF_DURATION if wait * 1e9 > MAX_INT64 else _duration(wait)
        ok = n <= self.burst and wait <= max_future_reserve
        if not ok:
            return Reservation(False, t, 0, INF_DURATION)
        self.last = t
        self.tokens = tokens
        self.last_event = t + wait
        return Reservation(True, t + wait, n, wait)

    def allow_n(self, t: float, n: int = 1) -> bool:
        """Mirrors: golang.org/x/time/rate :: (*Limiter).AllowN"""
        return self.reserve_n(t, n, 0.0).ok

    def tokens_at(self, t: float) -> float:
        """Mirrors: golang.org/x/time/rate :: (*Limiter).TokensAt"""
        return self._advance(t)


class ItemExponentialFailureRateLimiter:
    """``base * 2**failures`` per item, capped at ``max_delay``.

    Mirrors: client-go/util/workqueue/default_rate_limiters.go :: TypedItemExponentialFailureRateLimiter
    """

    __slots__ = ("failures", "base_delay", "max_delay", "_base_ns", "_max_ns")

    def __init__(self, base_delay: float, max_delay: float) -> None:
        self.failures: dict[Hashable, int] = {}
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._base_ns = round(base_delay * 1e9)
        self._max_ns = round(max_delay * 1e9)

    def when(self, item: Hashable) -> float:
        exp = self.failures.get(item, 0)
        self.failures[item] = exp + 1
        # Integer nanoseconds, as time.Duration; past int64 it is the cap.
        backoff = self._base_ns << exp if exp < 128 else MAX_INT64 + 1
        if backoff > MAX_INT64 or backoff > self._max_ns:
            return self.max_delay
        return backoff / 1e9

    def num_requeues(self, item: Hashable) -> int:
        return self.failures.get(item, 0)

    def forget(self, item: Hashable) -> None:
        self.failures.pop(item, None)


class ItemFastSlowRateLimiter:
    """``fast_delay`` for the first ``max_fast_attempts`` retries, ``slow_delay`` after.

    Mirrors: client-go/util/workqueue/default_rate_limiters.go :: TypedItemFastSlowRateLimiter
    """

    __slots__ = ("failures", "fast_delay", "slow_delay", "max_fast_attempts")

    def __init__(self, fast_delay: float, slow_delay: float, max_fast_attempts: int) -> None:
        self.failures: dict[Hashable, int] = {}
        self.fast_delay = fast_delay
        self.slow_delay = slow_delay
        self.max_fast_attempts = max_fast_attempts

    def when(self, item: Hashable) -> float:
        n = self.failures.get(item, 0) + 1
        self.failures[item] = n
        return self.fast_delay if n <= self.max_fast_attempts else self.slow_delay

    def num_requeues(self, item: Hashable) -> int:
        return self.failures.get(item, 0)

    def forget(self, item: Hashable) -> None:
        self.failures.pop(item, None)


class BucketRateLimiter:
    """An overall token bucket shared by all items: the wait is the reservation's delay.

    Mirrors: client-go/util/workqueue/default_rate_limiters.go :: TypedBucketRateLimiter
    """

    __slots__ = ("env", "limiter")

    def __init__(self, env: simpy.Environment, limiter: Limiter) -> None:
        self.env = env
        self.limiter = limiter

    def when(self, item: Hashable) -> float:
        return self.limiter.reserve_n(self.env.now, 1).delay

    def num_requeues(self, item: Hashable) -> int:
        return 0

    def forget(self, item: Hashable) -> None:
        return None


class MaxOfRateLimiter:
    """The longest wait any of the limiters asks for (all of them are charged).

    Mirrors: client-go/util/workqueue/default_rate_limiters.go :: TypedMaxOfRateLimiter
    """

    __slots__ = ("limiters",)

    def __init__(self, *limiters: RateLimiter) -> None:
        self.limiters = limiters

    def when(self, item: Hashable) -> float:
        ret = 0.0
        for limiter in self.limiters:
            d = limiter.when(item)
            if d > ret:
                ret = d
        return ret

    def num_requeues(self, item: Hashable) -> int:
        return max((lim.num_requeues(item) for lim in self.limiters), default=0)

    def forget(self, item: Hashable) -> None:
        for limiter in self.limiters:
            limiter.forget(item)


class WithMaxWaitRateLimiter:
    """Caps another limiter's wait at ``max_delay``.

    Mirrors: client-go/util/workqueue/default_rate_limiters.go :: TypedWithMaxWaitRateLimiter
    """

    __slots__ = ("limiter", "max_delay")

    def __init__(self, limiter: RateLimiter, max_delay: float) -> None:
        self.limiter = limiter
        self.max_delay = max_delay

    def when(self, item: Hashable) -> float:
        return min(self.limiter.when(item), self.max_delay)

    def num_requeues(self, item: Hashable) -> int:
        return self.limiter.num_requeues(item)

    def forget(self, item: Hashable) -> None:
        self.limiter.forget(item)


def default_controller_rate_limiter(env: simpy.Environment) -> MaxOfRateLimiter:
    """Per-item 5 ms .. 1000 s exponential back-off, and 10 qps / burst 100 overall.

    Mirrors: client-go/util/workqueue/default_rate_limiters.go :: DefaultTypedControllerRateLimiter
    """
    return MaxOfRateLimiter(
        ItemExponentialFailureRateLimiter(0.005, 1000.0),
        BucketRateLimiter(env, Limiter(10, 100)),
    )


def default_item_based_rate_limiter() -> ItemExponentialFailureRateLimiter:
    """Mirrors: client-go/util/workqueue/default_rate_limiters.go :: DefaultTypedItemBasedRateLimiter"""
    return ItemExponentialFailureRateLimiter(0.001, 1000.0)
