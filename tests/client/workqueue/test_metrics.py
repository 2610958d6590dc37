"""workqueue_* metrics in simulated seconds."""

from __future__ import annotations

import pytest

from kubelab.client.workqueue import new_rate_limiting_queue_with_config
from kubelab.client.workqueue.default_rate_limiters import ItemExponentialFailureRateLimiter
from kubelab.client.workqueue.queue import Type
from kubelab.engine import Env


def _m(env, name):
    return env.metrics.metrics[name]


def test_metrics():
    """TestMetrics."""
    env = Env()
    q = Type(env, "test", unfinished_work_update_period=0.001)
    q.add("foo")
    assert _m(env, "workqueue_adds_total").get("test") == 1
    assert _m(env, "workqueue_depth").get("test") == 1
    env.run(until=50e-6)
    ev = q.get()
    assert ev.value == ("foo", False)
    lat = _m(env, "workqueue_queue_duration_seconds")
    assert lat.sum("test") == pytest.approx(5e-05)
    assert lat.count("test") == 1
    assert _m(env, "workqueue_depth").get("test") == 0
    for _ in range(5):
        q.add("foo")
    assert _m(env, "workqueue_adds_total").get("test") == 2
    assert _m(env, "workqueue_depth").get("test") == 1
    env.run(until=75e-6)
    q.done("foo")
    work = _m(env, "workqueue_work_duration_seconds")
    assert work.sum("test") == pytest.approx(2.5e-05)
    assert work.count("test") == 1
    assert _m(env, "workqueue_depth").get("test") == 1
    ev = q.get()
    assert ev.value == ("foo", False)
    assert lat.count("test") == 2
    assert lat.sum("test") == pytest.approx(5e-05 + 2.5e-05)
    env.run(until=0.0011)  # just past the first tick after processing began
    assert _m(env, "workqueue_unfinished_work_seconds").get("test") == pytest.approx(0.001 - 75e-6)
    assert _m(env, "workqueue_longest_running_processor_seconds").get("test") == pytest.approx(0.001 - 75e-6)
    env.run(until=0.0011 + 75e-6)
    q.done("foo")
    assert work.count("test") == 2
    assert work.sum("test") == pytest.approx(2.5e-05 + 0.0011)
    env.run()
    assert _m(env, "workqueue_unfinished_work_seconds").get("test") == 0


def test_unfinished_work_ticks_every_half_second_while_busy():
    env = Env()
    q = Type(env, "slow")
    q.add("a")
    q.add("b")
    q.get()
    samples = []

    def sampler():
        for _ in range(4):
            yield env.timeout(0.5)
            samples.append((_m(env, "workqueue_unfinished_work_seconds").get("slow"),
                            _m(env, "workqueue_longest_running_processor_seconds").get("slow")))

    def late_get():
        yield env.timeout(0.75)
        q.get()
        yield env.timeout(1.0)
        q.done("a")
        q.done("b")

    env.process(sampler())
    env.process(late_get())
    env.run()
    assert samples == [(0.5, 0.5), (1.0 + 0.25, 1.0), (1.5 + 0.75, 1.5), (0.0, 0.0)]


def test_retries_are_counted_per_queue():
    env = Env()
    q = new_rate_limiting_queue_with_config(env, ItemExponentialFailureRateLimiter(1, 10), "replicaset")
    q.add_rate_limited("a")
    q.add_rate_limited("b")
    assert _m(env, "workqueue_retries_total").get("replicaset") == 2
    text = env.metrics.text()
    assert 'workqueue_retries_total{name="replicaset"} 2' in text
    assert 'workqueue_depth{name="replicaset"} 0' in text
