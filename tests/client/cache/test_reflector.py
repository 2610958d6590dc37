"""Reflector: list then watch, relist on 410, resume after clean ends, back-off.

The first part runs against a real cluster. The second injects faults a real cluster
cannot be told to produce on cue (a list failing N times, a 429, a watch closed at once,
an expired continue token) through the small fake in ``fake.py``.
"""

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
from kubelab.client.cache.store import Cache
from kubelab.engine import Env
from kubelab.engine.rand import Streams

from ..cluster import controller_client, new_cluster, put
from .fake import FakeApi, FakeClient


class SpyListWatch(ListWatch):
    """The real ListWatch, remembering the options of every request (times relative to t0)."""

    def __init__(self, client, resource, t0):
        super().__init__(client, resource)
        self.t0 = t0
        self.calls = []

    def list(self, options):
        self.calls.append((round(self.client.env.now - self.t0, 9), "list", options.resource_version,
                           options.continue_))
        return (yield from super().list(options))

    def watch(self, options):
        self.calls.append((round(self.client.env.now - self.t0, 9), "watch", options.resource_version, ""))
        return (yield from super().watch(options))


def draws(r, seed=0):
    """A copy of reflector ``r``'s random stream, to predict jittered times exactly."""
    return Streams(seed).stream(f"client-go/reflector/{r.component}/{r.name}/{r.type_description}")


def names(store):
    return sorted(o["metadata"]["name"] for o in store.list() if o["metadata"]["name"] != "kube-root-ca.crt")


def real(store=None):
    c = new_cluster()
    t0 = c.now
    lw = SpyListWatch(controller_client(c), "configmaps", t0)
    store = store if store is not None else new_store()
    r = Reflector(c.env, lw, store, name="test", type_description="*v1.ConfigMap")
    return c, lw, store, r, c.env.event()


def rv_now(c):
    return c.client.list("configmaps")["metadata"]["resourceVersion"]


# -- against a real cluster -------------------------------------------------------------

def test_lists_from_rv_0_then_watches_from_the_list_version():
    c, lw, store, r, stop = real()
    put(c, "a")
    put(c, "b")
    listed_at = rv_now(c)
    r.run(stop)
    c.run(1)
    assert names(store) == ["a", "b"]
    assert lw.calls == [(0, "list", "0", ""), (0.002, "watch", listed_at, "")]
    put(c, "c")
    put(c, "a", v="2")
    c.client.delete("configmaps", "b", "default")
    c.run(1)
    assert names(store) == ["a", "c"]
    assert store.get_by_key("default/a")[0]["data"] == {"v": "2"}
    assert r.last_sync_resource_version() == rv_now(c)


def test_bookmarks_move_the_resource_version_without_objects_changing():
    c, lw, store, r, stop = real()
    r.run(stop)
    c.run(1)
    c.client.create("secrets", {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}, "default")
    before = r.last_sync_resource_version()
    c.run(61)  # the watch cache sends bookmarks about once a minute
    assert int(r.last_sync_resource_version()) > int(before)
    assert r.last_sync_resource_version() == rv_now(c)
    assert r.lists == 1


def test_restore_relists_after_backoff_falling_back_to_a_consistent_list():
    c, lw, store, r, stop = real()
    put(c, "a")
    r.run(stop)
    c.run(1)
    snap = c.snapshot()
    put(c, "b")
    c.run(1)
    last = r.last_sync_resource_version()
    c.restore(snap)  # 410 to every watcher; the restored revision is older than ours
    c.run(10)
    rng = draws(r)
    rng.random()  # the first watch's timeout
    backoff = BACKOFF_INITIAL * (1 + rng.random())
    lists = [x for x in lw.calls if x[1] == "list"]
    # relist from the last version seen; if the restored server has not reached it yet
    # ("Too large resource version"), once more from etcd with ""
    assert [x[2] for x in lists][:2] == ["0", last]
    assert [x[2] for x in lists[2:]] in ([], [""])
    assert lists[1][0] == pytest.approx(2 + backoff, abs=1e-9)
    assert names(store) == ["a"]


def test_watch_times_out_between_5_and_10_minutes_and_resumes_from_the_last_version():
    c, lw, store, r, stop = real()
    r.run(stop)

    def writer():
        for i in range(40):
            yield c.env.timeout(25)
            put(c, f"cm{i % 5}", i=str(i))

    c.env.process(writer())
    c.run(1100)
    rng = draws(r)
    t1 = int(MIN_WATCH_TIMEOUT * (rng.random() + 1.0))
    t2 = int(MIN_WATCH_TIMEOUT * (rng.random() + 1.0))
    watches = [x for x in lw.calls if x[1] == "watch"]
    # the timeout runs from when the server accepted the watch (2 ms after the request)
    assert [x[0] for x in watches[:3]] == [0.002, pytest.approx(0.004 + t1), pytest.approx(0.006 + t1 + t2)]
    assert r.lists == 1
    assert names(store) == [f"cm{i}" for i in range(5)]
    assert {o["metadata"]["name"]: o["data"]["i"] for o in store.list() if "i" in o.get("data", {})} == {
        f"cm{i % 5}": str(i) for i in range(40)}


def test_relist_pages_with_watch_list_page_size():
    c, lw, store, r, stop = real()
    for n in "abcde":
        put(c, n)
    r.watch_list_page_size = 2
    r.run(stop)
    c.run(1)
    c.restore(c.snapshot())
    c.run(10)
    lists = [x for x in lw.calls if x[1] == "list"]
    assert lists[0][2:] == ("0", "")          # the watch cache ignores limit at RV 0
    assert [x[3] != "" for x in lists[2:]] == [True] * (len(lists) - 2)
    assert len(lists) >= 5                     # "", then continue tokens, two at a time
    assert names(store) == list("abcde")


def test_resync_calls_store_resync_every_period():
    calls = []

    class CountingStore(Cache):
        __slots__ = ()

        def resync(self):
            calls.append(round(self.env_now() - t0, 9))

    c = new_cluster()
    t0 = c.now
    CountingStore.env_now = lambda self: c.now
    r = Reflector(c.env, ListWatch(controller_client(c), "configmaps"), CountingStore(), resync_period=30)
    r.run(c.env.event())
    c.run(100)
    assert calls == [30.002, 60.002, 90.002]


def test_stop_ends_the_watch_and_the_loop():
    c, lw, store, r, stop = real()
    p = r.run(stop)
    c.run(1)
    stop.succeed()
    c.run(1)
    assert not p.is_alive
    assert r._watch is None


# -- injected faults ----------------------------------------------------------------------

def fake(latency=0.0, seed=0):
    env = Env(seed)
    api = FakeApi(env, latency)
    store = new_store()
    r = Reflector(env, ListWatch(FakeClient(api), "pods"), store, name="test", type_description="*v1.Pod")
    return env, api, store, r, env.event()


def test_relist_at_an_expired_version_falls_back_to_a_consistent_list():
    env, api, store, r, stop = fake()
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
    env, api, store, r, stop = fake()
    api.watch_errors.append(errors.new_resource_expired("too old resource version: 1 (5)"))
    r.run(stop)
    env.run(until=5)
    assert [c[1] for c in api.calls] == ["list", "watch", "list", "watch"]
    assert r.lists == 2


def test_429_at_watch_start_backs_off_and_rewatches_without_relist():
    env, api, store, r, stop = fake()
    api.watch_errors.append(errors.new_too_many_requests())
    r.run(stop)
    env.run(until=5)
    assert [c[1] for c in api.calls] == ["list", "watch", "watch"]
    rng = draws(r)
    rng.random()
    assert api.calls[2][0] == pytest.approx(BACKOFF_INITIAL * (1 + rng.random()), abs=1e-12)


def test_list_failures_back_off_exponentially():
    env, api, store, r, stop = fake()
    api.list_errors = [errors.new_internal_error("etcd down") for _ in range(3)]
    r.run(stop)
    env.run(until=30)
    rng = draws(r)
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
    env, api, store, r, stop = fake()
    r.run(stop)
    env.run(until=0.5)
    api.close_watches()
    env.run(until=0.5001)
    rows = [row["message"] for row in env.trace if row["action"] == "watch"]
    assert rows == ["test: watch of *v1.Pod ended with: very short watch: test: Unexpected watch "
                    "close - watch lasted less than a second and no items received"]
    env.run(until=5)
    assert r.lists == 2


def test_expired_continue_token_falls_back_to_a_full_list():
    env, api, store, r, stop = fake()
    for i in range(5):
        api.put(f"p{i}", notify=False)
    r.watch_list_page_size = 2

    real_list = FakeClient.list
    expired = []

    def expiring_list(self, *a, continue_="", **kw):
        if continue_:
            expired.append((kw["resource_version"], kw["limit"], continue_))
            raise errors.new_resource_expired("The provided continue parameter is too old")
        return (yield from real_list(self, *a, continue_=continue_, **kw))

    r.listerwatcher.client.list = expiring_list.__get__(r.listerwatcher.client)
    r.run(stop)
    env.run(until=1)
    assert expired == [("", 2, "2")]
    assert [(c[2]["resource_version"], c[2]["limit"], c[2]["continue"]) for c in api.calls if c[1] == "list"] == [
        ("0", 2, ""), ("0", 0, "")]
    assert names(store) == [f"p{i}" for i in range(5)]


def test_not_found_on_list_empties_the_store():
    env, api, store, r, stop = fake()
    store.add({"metadata": {"name": "stale", "namespace": "default"}})
    api.list_errors.append(errors.new_not_found("", "pods", ""))
    r.run(stop)
    env.run(until=0.1)
    assert store.list() == []


# -- helpers ------------------------------------------------------------------------------

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
    assert is_too_large_resource_version_error(errors.new_timeout_error("Too large resource version: 2, current: 1"))
    assert not is_too_large_resource_version_error(errors.new_internal_error("x"))
