"""Shared informer: handlers, late registration, resync, tombstones, HasSynced."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api import scheme
from kubelab.client.cache import (
    DeletedFinalStateUnknown,
    FilteringResourceEventHandler,
    ListWatch,
    ResourceEventHandlerFuncs,
    SharedIndexInformer,
)
from kubelab.client.cache.shared_informer import InformerStoppedError
from kubelab.engine import Env

from .fake import FakeApi, FakeClient


class Recorder:
    def __init__(self, env):
        self.env = env
        self.log = []

    def on_add(self, obj):
        self.log.append((self.env.now, "add", _n(obj)))

    def on_update(self, old, new):
        self.log.append((self.env.now, "update", _n(old), _n(new)))

    def on_delete(self, obj):
        self.log.append((self.env.now, "delete", _n(obj)))


def _n(obj):
    if isinstance(obj, DeletedFinalStateUnknown):
        return f"tombstone:{obj.key}@{obj.obj['metadata']['resourceVersion']}"
    return f"{obj['metadata']['name']}@{obj['metadata']['resourceVersion']}"


def setup(resync=0.0, latency=0.0):
    env = Env()
    api = FakeApi(env, latency)
    inf = SharedIndexInformer(env, ListWatch(FakeClient(api), "pods"), resource=scheme.resolve("pods"),
                              default_event_handler_resync_period=resync)
    return env, api, inf


def test_initial_list_is_delivered_as_adds_then_watch_events_follow():
    env, api, inf = setup(latency=0.01)
    api.put("a")
    rec = Recorder(env)
    reg = inf.add_event_handler(rec)
    inf.run()
    assert not inf.has_synced()
    env.run(until=1)
    assert inf.has_synced() and reg.has_synced()
    api.put("b")
    api.put("a", image="v2")
    api.remove("b")
    env.run(until=2)
    assert rec.log == [
        (0.01, "add", "a@101"),
        (1, "add", "b@102"),
        (1, "update", "a@101", "a@103"),
        (1, "delete", "b@104"),
    ]
    assert inf.last_sync_resource_version() == "104"


def test_callbacks_by_keyword():
    env, api, inf = setup()
    seen = []
    inf.add_event_handler(on_add=lambda o: seen.append(("add", _n(o))),
                          on_delete=lambda o: seen.append(("delete", _n(o))))
    inf.run()
    env.run(until=1)
    api.put("x")
    api.put("x", image="v2")  # no update callback registered: nothing recorded
    api.remove("x")
    env.run(until=2)
    assert seen == [("add", "x@101"), ("delete", "x@103")]


def test_late_handler_receives_existing_objects_as_adds():
    env, api, inf = setup()
    api.put("a")
    api.put("b")
    inf.add_event_handler(Recorder(env))
    inf.run()
    env.run(until=5)
    late = Recorder(env)
    inf.add_event_handler(late)
    assert late.log == [(5, "add", "a@101"), (5, "add", "b@102")]


def test_resync_calls_update_with_the_same_object():
    env, api, inf = setup(resync=30)
    api.put("a")
    rec = Recorder(env)
    inf.add_event_handler(rec)
    quiet = Recorder(env)
    inf.add_event_handler_with_resync_period(quiet, 0)
    inf.run()
    env.run(until=65)
    assert rec.log == [(0, "add", "a@101"), (30, "update", "a@101", "a@101"),
                       (60, "update", "a@101", "a@101")]
    assert quiet.log == [(0, "add", "a@101")]


def test_shorter_handler_resync_lowers_the_check_period_before_start():
    env, api, inf = setup(resync=60)
    api.put("a")
    slow, fast = Recorder(env), Recorder(env)
    inf.add_event_handler(slow)
    inf.add_event_handler_with_resync_period(fast, 20)
    assert inf.resync_check_period == 20
    inf.run()
    env.run(until=125)
    assert [t for t, kind, *_ in fast.log if kind == "update"] == [20, 40, 60, 80, 100, 120]
    assert [t for t, kind, *_ in slow.log if kind == "update"] == [60, 120]


def test_resync_period_below_one_second_is_raised_to_one():
    env, api, inf = setup(resync=10)
    reg = inf.add_event_handler_with_resync_period(Recorder(env), 0.2)
    assert reg.resync_period == 1.0
    assert inf.resync_check_period == 1.0


def test_informer_without_resync_ignores_handler_resync_requests():
    """determineResyncPeriod: a resyncCheckPeriod of 0 means this informer never resyncs."""
    env, api, inf = setup()
    reg = inf.add_event_handler_with_resync_period(Recorder(env), 30)
    assert (reg.requested_resync_period, reg.resync_period) == (30, 0)
    inf.run()
    env.run(until=100)
    assert [e for e in reg.handler.log if e[1] == "update"] == []


def test_relist_turns_vanished_objects_into_tombstones():
    env, api, inf = setup()
    api.put("a")
    api.put("b")
    rec = Recorder(env)
    inf.add_event_handler(rec)
    inf.run()
    env.run(until=1)
    api.expire_watches()
    api.remove("b", notify=False)
    api.put("a", notify=False, image="v2")
    api.put("c", notify=False)
    env.run(until=10)
    relist_at = rec.log[-1][0]
    assert 1.8 <= relist_at < 2.6
    assert rec.log[2:] == [
        (relist_at, "update", "a@101", "a@104"),
        (relist_at, "add", "c@105"),
        (relist_at, "delete", "tombstone:default/b@102"),
    ]
    assert inf.get_store().list_keys() == ["default/a", "default/c"]


def test_relist_of_unchanged_objects_notifies_nobody():
    env, api, inf = setup()
    api.put("a")
    rec = Recorder(env)
    inf.add_event_handler(rec)
    inf.run()
    env.run(until=1)
    api.expire_watches()
    env.run(until=10)
    assert inf.reflector.lists == 2
    assert rec.log == [(0, "add", "a@101")]


def test_delete_of_an_object_never_seen_is_dropped():
    env, api, inf = setup()
    rec = Recorder(env)
    inf.add_event_handler(rec)
    inf.delete({"metadata": {"name": "ghost", "namespace": "default", "resourceVersion": "9"}})
    assert rec.log == []


def test_filtering_handler_turns_crossings_into_add_and_delete():
    env, api, inf = setup()
    rec = Recorder(env)
    inf.add_event_handler(FilteringResourceEventHandler(
        lambda o: o["spec"].get("node") == "n1", rec))
    inf.run()
    env.run(until=1)
    api.put("p", node="")
    api.put("p", node="n1")
    api.put("p", node="n1", image="v2")
    api.put("p", node="n2")
    env.run(until=2)
    assert rec.log == [(1, "add", "p@102"), (1, "update", "p@102", "p@103"), (1, "delete", "p@103")]


def test_remove_event_handler_stops_notifications():
    env, api, inf = setup()
    rec = Recorder(env)
    reg = inf.add_event_handler(rec)
    inf.run()
    env.run(until=1)
    inf.remove_event_handler(reg)
    api.put("a")
    env.run(until=2)
    assert rec.log == []


def test_handlers_cannot_be_added_after_stop():
    env, api, inf = setup()
    stop = env.event()
    inf.run(stop)
    env.run(until=1)
    stop.succeed()
    env.run(until=2)
    with pytest.raises(InformerStoppedError):
        inf.add_event_handler(ResourceEventHandlerFuncs())


def test_run_twice_is_refused():
    env, api, inf = setup()
    assert inf.run() is not None
    assert inf.run() is None


def test_handler_objects_are_the_cached_objects():
    env, api, inf = setup()
    got = []
    inf.add_event_handler(on_add=got.append)
    inf.run()
    env.run(until=1)
    api.put("a")
    env.run(until=2)
    assert got[0] is inf.get_store().get_by_key("default/a")[0]


ops = st.lists(st.tuples(
    st.sampled_from(["put", "put", "put", "remove", "expire", "close", "bookmark"]),
    st.sampled_from(["a", "b", "c", "d"]),
    st.floats(0.0, 3.0),
), max_size=40)


@settings(max_examples=120, deadline=None)
@given(ops)
def test_handlers_and_cache_converge_to_the_server_after_any_faults(steps):
    env, api, inf = setup(latency=0.01)
    view: dict[str, str] = {}

    def on_add(o):
        key = f"default/{o['metadata']['name']}"
        assert key not in view
        view[key] = o["metadata"]["resourceVersion"]

    def on_update(old, new):
        key = f"default/{new['metadata']['name']}"
        assert view[key] == old["metadata"]["resourceVersion"]
        view[key] = new["metadata"]["resourceVersion"]

    def on_delete(o):
        key = o.key if isinstance(o, DeletedFinalStateUnknown) else f"default/{o['metadata']['name']}"
        del view[key]

    inf.add_event_handler(on_add=on_add, on_update=on_update, on_delete=on_delete)
    inf.run()

    def driver():
        for op, name, dt in steps:
            yield env.timeout(dt)
            key = f"default/{name}"
            if op == "put":
                api.put(name, n=int(dt * 100))
            elif op == "remove" and key in api.objects:
                api.remove(name)
            elif op == "expire":
                api.expire_watches()
            elif op == "close":
                api.close_watches()
            elif op == "bookmark":
                api.bookmark()
        # whatever happened, the next watch restart or relist must catch up
        api.close_watches()

    env.process(driver())
    env.run(until=400)
    want = {k: o["metadata"]["resourceVersion"] for k, o in api.objects.items()}
    assert view == want
    assert {k: o["metadata"]["resourceVersion"] for k, o in
            zip(inf.get_store().list_keys(), inf.get_store().list(), strict=True)} == want
