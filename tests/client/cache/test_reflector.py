"""Reflector: list then watch, relist on 410, resume after clean ends, back-off."""

from __future__ import annotations

import random

import pytest

from kubelab.api import errors
from kubelab.client.cache import ListWatch, Reflector, new_store
from kubelab.client.cache.reflector import (
    BACKOFF_INITIAL,
    MIN_WATCH_TIMEOUT,
    ExponentialBackoffManager,
    is_too_large_resource_version_error,
)
from kubelab.engine import Env
from kubelab.engine.rand import Streams

from .fake import FakeApi, FakeClient


def setup(latency=0.0, seed=0):
    env = Env(seed)
    api = FakeApi(env, latency)
    store = new_store()
    r = Reflector(env, ListWatch(FakeClient(api), "pods"), store, name="test", type_description="*v1.Pod")
    stop = env.event()
    return env, api, store, r, stop


def draws(seed=0):
    """The reflector's random stream, to predict jittered times exactly."""
    return Streams(seed).stream("client-go/reflector")


def names(store):
    return sorted(o["metadata"]["name"] for o in store.list())


def test_lists_from_rv_0_then_watches_from_the_list_version():
    env, api, store, r, stop = setup()
    api.put("a")
    api.put("b")
    r.run(stop)
    env.run(until=1)
    assert names(store) == ["a", "b"]
    assert [(c[1], c[2]["resource_version"]) for c in api.calls] == [("list", "0"), ("watch", "102")]
    assert api.calls[0][2]["limit"] == 500
    api.put("c")
    api.put("a", image="v2")
    api.remove("b")
    env.run(until=2)
    assert names(store) == ["a", "c"]
    assert store.get_by_key("default/a")[0]["spec"] == {"image": "v2"}
    assert r.last_sync_resource_version() == "105"


def test_bookmarks_move_the_resource_version():
    env, api, store, r, stop = setup()
    r.run(stop)
    env.run(until=1)
    api.bookmark()
    api.bookmark()
    env.run(until=2)
    assert r.last_sync_resource_version() == "102"
    assert store.list() == []


def test_clean_watch_end_resumes_from_last_seen_version_without_relist():
    env, api, store, r, stop = setup()
    api.put("a")
    r.run(stop)
    env.run(until=5)
    api.put("b")
    env.run(until=6)
    api.close_watches()
    api.put("c", notify=False)  # happens while no watch is open
    env.run(until=7)
    assert r.lists == 1
    assert [c for c in api.calls if c[1] == "watch"][-1][2]["resource_version"] == "102"
    assert names(store) == ["a", "b", "c"]


def test_watch_error_410_relists_after_backoff():
    env, api, store, r, stop = setup()
    api.put("a")
    r.run(stop)
    env.run(until=10)
    api.expire_watches()
    env.run(until=10.0001)
    rng = draws()
    rng.random()  # the first watch's timeout
    backoff = BACKOFF_INITIAL * (1 + rng.random())
    lists = [c for c in api.calls if c[1] == "list"]
    assert len(lists) == 1
    env.run(until=20)
    lists = [c for c in api.calls if c[1] == "list"]
    assert [c[0] for c in lists] == [0, pytest.approx(10 + backoff, abs=1e-12)]
    assert lists[1][2]["resource_version"] == "101"


def test_relist_at_expired_version_falls_back_to_a_consistent_list():
    env, api, store, r, stop = setup()
    api.put("a")
    r.run(stop)
    env.run(until=1)
    api.put("b", notify=False)
    api.expire_watches()
    env.run(until=5)
    lists = [c[2]["resource_version"] for c in api.calls if c[1] == "list"]
    assert lists == ["0", "101", ""]
    assert r.relist_resource_version() == "102"
    assert names(store) == ["a", "b"]


def test_410_at_watch_start_relists():
    env, api, store, r, stop = setup()
    api.watch_errors.append(errors.new_resource_expired("too old resource version: 1 (5)"))
    r.run(stop)
    env.run(until=5)
    assert [c[1] for c in api.calls] == ["list", "watch", "list", "watch"]
    assert r.lists == 2


def test_429_at_watch_start_backs_off_and_rewatches_without_relist():
    env, api, store, r, stop = setup()
    api.watch_errors.append(errors.new_too_many_requests())
    r.run(stop)
    env.run(until=5)
    assert [c[1] for c in api.calls] == ["list", "watch", "watch"]
    rng = draws()
    rng.random()
    assert api.calls[2][0] == pytest.approx(BACKOFF_INITIAL * (1 + rng.random()), abs=1e-12)


def test_list_failures_back_off_exponentially():
    env, api, store, r, stop = setup()
    api.list_errors = [errors.new_internal_error("etcd down") for _ in range(3)]
    r.run(stop)
    env.run(until=30)
    rng = draws()
    d1 = 0.8 * (1 + rng.random())
    d2 = 1.6 * (1 + rng.random())
    d3 = 3.2 * (1 + rng.random())
    lists = [c[0] for c in api.calls if c[1] == "list"]
    assert lists == [0, pytest.approx(d1), pytest.approx(d1 + d2), pytest.approx(d1 + d2 + d3)]
    rows = [row for row in env.trace if row["action"] == "Failed to watch"]
    assert len(rows) == 3
    assert rows[0]["message"] == ("test: Failed to watch *v1.Pod: failed to list *v1.Pod: "
                                  "Internal error occurred: etcd down")


def test_very_short_empty_watch_is_an_error_and_relists():
    env, api, store, r, stop = setup()
    r.run(stop)
    env.run(until=0.5)
    api.close_watches()
    env.run(until=0.5001)
    rows = [row["message"] for row in env.trace if row["action"] == "watch"]
    assert rows == ["test: watch of *v1.Pod ended with: very short watch: test: Unexpected watch "
                    "close - watch lasted less than a second and no items received"]
    env.run(until=5)
    assert r.lists == 2


def test_watch_times_out_between_5_and_10_minutes_and_resumes():
    env, api, store, r, stop = setup()
    r.run(stop)
    env.run(until=1000)
    rng = draws()
    t1 = int(MIN_WATCH_TIMEOUT * (rng.random() + 1.0))
    t2 = int(MIN_WATCH_TIMEOUT * (rng.random() + 1.0))
    watches = [c[0] for c in api.calls if c[1] == "watch"]
    assert watches[:3] == [0, t1, t1 + t2]
    assert r.lists == 1


def test_paged_initial_list_is_gathered():
    env, api, store, r, stop = setup()
    for i in range(1200):
        api.put(f"p{i:04d}", notify=False)
    r.run(stop)
    env.run(until=1)
    assert len(store.list()) == 1200
    lists = [c[2] for c in api.calls if c[1] == "list"]
    assert [(x["resource_version"], x["continue"]) for x in lists] == [("0", ""), ("", "500"), ("", "1000")]
    assert r.paginated_result


def test_stop_ends_the_watch_and_the_loop():
    env, api, store, r, stop = setup()
    p = r.run(stop)
    env.run(until=1)
    stop.succeed()
    env.run(until=2)
    assert not p.is_alive
    assert all(w.stopped for w in api.watches)


def test_not_found_on_list_empties_the_store():
    env, api, store, r, stop = setup()
    store.add({"metadata": {"name": "stale", "namespace": "default"}})
    api.list_errors.append(errors.new_not_found("", "pods", ""))
    r.run(stop)
    env.run(until=0.1)
    assert store.list() == []


def test_resync_calls_store_resync_every_period():
    env, api, _, _, stop = setup()
    calls = []

    class CountingStore(type(new_store())):
        __slots__ = ()

        def resync(self):
            calls.append(env.now)

    r = Reflector(env, ListWatch(FakeClient(api), "pods"), CountingStore(), resync_period=30)
    r.run(stop)
    env.run(until=100)
    assert calls == [30, 60, 90]


def test_backoff_manager_doubles_caps_and_resets():
    env = Env()
    rng = random.Random(7)
    m = ExponentialBackoffManager(env, 0.8, 30, 120, 2.0, 1.0, random.Random(7))
    got = [m.backoff_duration() for _ in range(9)]
    bases = [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30, 30]
    assert got == [pytest.approx(b * (1 + rng.random())) for b in bases]

    def later():
        yield env.timeout(121)

    env.process(later())
    env.run()
    assert m.backoff_duration() == pytest.approx(0.8 * (1 + rng.random()))


def test_too_large_resource_version_detection():
    st = errors.status(504, "Timeout", "Too large resource version: 200, current: 100",
                       {"causes": [{"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}]})
    assert is_too_large_resource_version_error(errors.from_status(st))
    assert not is_too_large_resource_version_error(errors.new_internal_error("x"))
