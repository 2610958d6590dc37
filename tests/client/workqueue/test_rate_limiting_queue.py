"""Rate-limiting queue: AddRateLimited, NumRequeues, Forget."""

from __future__ import annotations

from kubelab.client.workqueue import (
    ItemExponentialFailureRateLimiter,
    default_controller_rate_limiter,
    new_rate_limiting_queue,
    new_rate_limiting_queue_with_config,
)
from kubelab.engine import Env


def test_rate_limiting_queue():
    """TestRateLimitingQueue."""
    env = Env()
    q = new_rate_limiting_queue(env, ItemExponentialFailureRateLimiter(0.001, 1))
    q.add_rate_limited("one")
    assert q._known["one"].ready_at == 0.001
    q.add_rate_limited("one")
    assert q._known["one"].ready_at == 0.001  # the 2 ms retry does not push it later
    assert q.num_requeues("one") == 2
    q.add_rate_limited("two")
    assert q._known["two"].ready_at == 0.001
    q.add_rate_limited("two")
    assert q.num_requeues("two") == 2
    q.forget("one")
    assert q.num_requeues("one") == 0
    q.add_rate_limited("one")
    assert q._known["one"].ready_at == 0.001


def test_failing_key_is_retried_at_doubling_intervals():
    env = Env()
    q = new_rate_limiting_queue_with_config(env, default_controller_rate_limiter(env), "deployment")
    q.add("default/web")
    times = []

    def worker():
        while True:
            key, shutdown = yield q.get()
            if shutdown:
                return
            times.append(round(env.now, 9))
            if len(times) < 5:
                q.add_rate_limited(key)
            else:
                q.forget(key)
            q.done(key)

    env.process(worker())
    env.run(until=10)
    assert times == [0, 0.005, 0.015, 0.035, 0.075]
    assert q.num_requeues("default/web") == 0
    assert env.metrics.metrics["workqueue_retries_total"].get("deployment") == 4
    assert env.metrics.metrics["workqueue_adds_total"].get("deployment") == 5
