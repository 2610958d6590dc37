"""Rate limiters: exponential, fast/slow, max-of and the token bucket."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.client.workqueue import (
    BucketRateLimiter,
    ItemExponentialFailureRateLimiter,
    ItemFastSlowRateLimiter,
    Limiter,
    MaxOfRateLimiter,
    WithMaxWaitRateLimiter,
    default_controller_rate_limiter,
)
from kubelab.engine import Env

MS = 0.001


def test_item_exponential_failure_rate_limiter():
    """TestItemExponentialFailureRateLimiter."""
    limiter = ItemExponentialFailureRateLimiter(1 * MS, 1.0)
    assert [limiter.when("one") for _ in range(5)] == [0.001, 0.002, 0.004, 0.008, 0.016]
    assert limiter.num_requeues("one") == 5
    assert [limiter.when("two") for _ in range(2)] == [0.001, 0.002]
    assert limiter.num_requeues("two") == 2
    limiter.forget("one")
    assert limiter.num_requeues("one") == 0
    assert limiter.when("one") == 0.001


def test_item_exponential_failure_rate_limiter_over_flow():
    """TestItemExponentialFailureRateLimiterOverFlow."""
    limiter = ItemExponentialFailureRateLimiter(1 * MS, 1000.0)
    for _ in range(5):
        limiter.when("one")
    assert limiter.when("one") == 0.032
    for _ in range(1000):
        limiter.when("overflow1")
    assert limiter.when("overflow1") == 1000.0
    limiter = ItemExponentialFailureRateLimiter(60.0, 1000 * 3600.0)
    for _ in range(2):
        limiter.when("two")
    assert limiter.when("two") == 240.0


def test_item_fast_slow_rate_limiter():
    """TestItemFastSlowRateLimiter."""
    limiter = ItemFastSlowRateLimiter(5 * MS, 10.0, 3)
    assert [limiter.when("one") for _ in range(5)] == [0.005, 0.005, 0.005, 10.0, 10.0]
    assert limiter.num_requeues("one") == 5
    assert [limiter.when("two") for _ in range(2)] == [0.005, 0.005]
    assert limiter.num_requeues("two") == 2
    limiter.forget("one")
    assert limiter.num_requeues("one") == 0
    assert limiter.when("one") == 0.005


def test_max_of_rate_limiter():
    """TestMaxOfRateLimiter."""
    limiter = MaxOfRateLimiter(ItemFastSlowRateLimiter(5 * MS, 3.0, 3),
                               ItemExponentialFailureRateLimiter(1 * MS, 1.0))
    assert [limiter.when("one") for _ in range(5)] == [0.005, 0.005, 0.005, 3.0, 3.0]
    assert limiter.num_requeues("one") == 5
    assert [limiter.when("two") for _ in range(2)] == [0.005, 0.005]
    assert limiter.num_requeues("two") == 2
    limiter.forget("one")
    assert limiter.num_requeues("one") == 0
    assert limiter.when("one") == 0.005


def test_with_max_wait_rate_limiter():
    """TestWithMaxWaitRateLimiter."""
    limiter = WithMaxWaitRateLimiter(ItemExponentialFailureRateLimiter(1.0, 3600.0), 5.0)
    assert [limiter.when("one") for _ in range(4)] == [1.0, 2.0, 4.0, 5.0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=300))
def test_exponential_backoff_doubles_from_5ms_and_caps_at_1000s(items):
    limiter = ItemExponentialFailureRateLimiter(0.005, 1000.0)
    counts: dict[str, int] = {}
    for item in items:
        n = counts.get(item, 0)
        assert limiter.when(item) == min(0.005 * 2**n, 1000.0)
        counts[item] = n + 1
        assert limiter.num_requeues(item) == n + 1


def test_bucket_allows_100_at_once_then_10_per_second():
    env = Env()
    bucket = BucketRateLimiter(env, Limiter(10, 100))
    delays = [bucket.when(f"k{i}") for i in range(103)]
    assert delays[:100] == [0.0] * 100
    assert delays[100:] == [0.1, 0.2, 0.3]
    assert bucket.num_requeues("k0") == 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0, 60, allow_nan=False), min_size=1, max_size=600))
def test_bucket_never_lets_more_than_burst_plus_rate_through(request_times):
    limiter = Limiter(10, 100)
    acts = []
    for t in sorted(request_times):
        r = limiter.reserve_n(t)
        assert r.ok
        assert r.delay >= 0
        acts.append(r.time_to_act)
    assert acts == sorted(acts)
    for i, start in enumerate(acts):
        for window in (0.0, 0.5, 1.0, 5.0):
            n = sum(1 for a in acts[i:] if a <= start + window + 1e-9)
            assert n <= 100 + 10 * window + 1


def test_bucket_refills_at_ten_per_second():
    limiter = Limiter(10, 100)
    for _ in range(100):
        assert limiter.allow_n(0.0)
    assert not limiter.allow_n(0.0)
    assert not limiter.allow_n(0.05)
    assert limiter.allow_n(0.1)
    assert limiter.tokens_at(10.1) == pytest.approx(100.0)


def test_default_controller_rate_limiter_takes_the_longer_wait():
    env = Env()
    limiter = default_controller_rate_limiter(env)
    assert [limiter.when("x") for _ in range(3)] == [0.005, 0.01, 0.02]
    for i in range(97):
        limiter.when(f"y{i}")
    # the bucket is empty now: a fresh key waits 0.1 s, more than its own 5 ms
    assert limiter.when("fresh") == 0.1
    assert limiter.num_requeues("x") == 3
