"""A delaying work queue whose retries are paced by a rate limiter.

Upstream: staging/src/k8s.io/client-go/util/workqueue/rate_limiting_queue.go
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import simpy

from kubelab.client.workqueue.default_rate_limiters import RateLimiter
from kubelab.client.workqueue.delaying_queue import DelayingType


class RateLimitingType(DelayingType):
    """Mirrors: client-go/util/workqueue/rate_limiting_queue.go :: rateLimitingType"""

    def __init__(self, env: simpy.Environment, rate_limiter: RateLimiter, name: str = "",
                 **kw: Any) -> None:
        super().__init__(env, name, **kw)
        self.rate_limiter = rate_limiter

    def add_rate_limited(self, item: Hashable) -> None:
        """Add ``item`` after the wait the rate limiter asks for.

        Mirrors: client-go/util/workqueue/rate_limiting_queue.go :: (*rateLimitingType).AddRateLimited
        """
        self.add_after(item, self.rate_limiter.when(item))

    def num_requeues(self, item: Hashable) -> int:
        return self.rate_limiter.num_requeues(item)

    def forget(self, item: Hashable) -> None:
        """Stop tracking ``item``'s failures (call after a successful sync)."""
        self.rate_limiter.forget(item)


def new_rate_limiting_queue(env: simpy.Environment, rate_limiter: RateLimiter) -> RateLimitingType:
    """Mirrors: client-go/util/workqueue/rate_limiting_queue.go :: NewRateLimitingQueue"""
    return RateLimitingType(env, rate_limiter)


def new_rate_limiting_queue_with_config(env: simpy.Environment, rate_limiter: RateLimiter,
                                        name: str = "") -> RateLimitingType:
    """Mirrors: client-go/util/workqueue/rate_limiting_queue.go :: NewRateLimitingQueueWithConfig"""
    return RateLimitingType(env, rate_limiter, name)
