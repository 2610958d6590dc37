"""Shared informer against a real cluster: handlers, late registration, resync, tombstones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.client.cache import (
    DeletedFinalStateUnknown,
    FilteringResourceEventHandler,
    ResourceEventHandlerFuncs,
    SharedInformerFactory,
)
from kubelab.client.cache.shared_informer import InformerStoppedError

from ..cluster import controller_client, new_cluster, put

PRESET = "kube-root-ca.crt"  # every namespace starts with this ConfigMap


class Recorder:
    """Logs handler calls as (time, verb, name@resourceVersion), skipping preset objects."""

    def __init__(self, c):
        self.env = c.env
        self.t0 = c.t0
        self.log = []

    def _keep(self, obj):
        o = obj.obj if isinstance(obj, DeletedFinalStateUnknown) else obj
        return o["metadata"]["name"] != PRESET

    def on_add(self, obj):
        if self._keep(obj):
            self.log.append((round(self.env.now - self.t0, 9), "add", _n(obj)))

    def on_update(self, old, new):
        if self._keep(new):
            self.log.append((round(self.env.now - self.t0, 9), "update", _n(old), _n(new)))

    def on_delete(self, obj):
        if self._keep(obj):
            self.log.append((round(self.env.now - self.t0, 9), "delete", _n(obj)))


def _n(obj):
    if isinstance(obj, DeletedFinalStateUnknown):
        return f"tombstone:{obj.key}"
    return obj["metadata"]["name"]


def setup(resync=0.0):
    c = new_cluster()
    c.t0 = c.now  # the cluster may start a little after 0: times below are relative to it
    f = SharedInformerFactory(controller_client(c), resync)
    return c, f, f.informer_for("configmaps")


def test_initial_list_is_delivered_as_adds_then_watch_events_follow():
    c, f, inf = setup()
    put(c, "a", v="1")
    rec = Recorder(c)
    reg = inf.add_event_handler(rec)
    inf.run()
    assert not inf.has_synced()
    c.run(1)
    assert inf.has_synced() and reg.has_synced()
    put(c, "b", v="1")
    put(c, "a", v="2")
    c.client.delete("configmaps", "b", "default")
    c.run(1)
    assert rec.log == [
        (0.002, "add", "a"),
        (1.001, "add", "b"),
        (1.001, "update", "a", "a"),
        (1.001, "delete", "b"),
    ]
    a = inf.get_store().get_by_key("default/a")[0]
    assert a["data"] == {"v": "2"}
    assert inf.last_sync_resource_version() == str(c.client.list("configmaps")["metadata"]["resourceVersion"])


def test_update_handler_sees_the_old_and_new_object():
    c, f, inf = setup()
    seen = []
    inf.add_event_handler(on_update=lambda old, new: seen.append((old["data"], new["data"])))
    inf.run()
    put(c, "a", v="1")
    c.run(1)
    put(c, "a", v="2")
    c.run(1)
    assert seen == [({"v": "1"}, {"v": "2"})]


def test_late_handler_receives_existing_objects_as_adds():
    c, f, inf = setup()
    put(c, "a")
    put(c, "b")
    inf.add_event_handler(Recorder(c))
    inf.run()
    c.run(5)
    late = Recorder(c)
    inf.add_event_handler(late)
    assert late.log == [(5, "add", "a"), (5, "add", "b")]


def test_resync_calls_update_with_the_same_object_for_handlers_that_asked():
    c, f, inf = setup(resync=30)
    put(c, "a")
    rec = Recorder(c)
    inf.add_event_handler(rec)
    quiet = Recorder(c)
    inf.add_event_handler_with_resync_period(quiet, 0)
    inf.run()
    c.run(65)
    assert rec.log == [(0.002, "add", "a"), (30.002, "update", "a", "a"), (60.002, "update", "a", "a")]
    assert quiet.log == [(0.002, "add", "a")]


def test_shorter_handler_resync_lowers_the_check_period_before_start():
    c, f, inf = setup(resync=60)
    put(c, "a")
    slow, fast = Recorder(c), Recorder(c)
    inf.add_event_handler(slow)
    inf.add_event_handler_with_resync_period(fast, 20)
    assert inf.resync_check_period == 20
    inf.run()
    c.run(125)
    assert [t for t, kind, *_ in fast.log if kind == "update"] == [20.002, 40.002, 60.002, 80.002, 100.002, 120.002]
    assert [t for t, kind, *_ in slow.log if kind == "update"] == [60.002, 120.002]


def test_resync_period_below_one_second_is_raised_to_one():
    c, f, inf = setup(resync=10)
    reg = inf.add_event_handler_with_resync_period(Recorder(c), 0.2)
    assert reg.resync_period == 1.0
    assert inf.resync_check_period == 1.0


def test_informer_without_resync_ignores_handler_resync_requests():
    """determineResyncPeriod: a resyncCheckPeriod of 0 means this informer never resyncs."""
    c, f, inf = setup()
    put(c, "a")
    rec = Recorder(c)
    reg = inf.add_event_handler_with_resync_period(rec, 30)
    assert (reg.requested_resync_period, reg.resync_period) == (30, 0)
    inf.run()
    c.run(100)
    assert [e for e in rec.log if e[1] == "update"] == []


def test_relist_after_etcd_restore_turns_vanished_objects_into_tombstones():
    c, f, inf = setup()
    put(c, "a", v="1")
    put(c, "b", v="1")
    rec = Recorder(c)
    inf.add_event_handler(rec)
    inf.run()
    c.run(1)
    snap = c.snapshot()
    put(c, "c", v="1")
    put(c, "a", v="2")
    c.run(1)
    c.restore(snap)  # every watcher gets 410 Expired and must relist
    c.run(10)
    relist_at = rec.log[-1][0]
    assert 2.8 <= relist_at < 3.7  # after the reflector's 0.8 s .. 1.6 s back-off
    assert rec.log == [
        (0.002, "add", "a"), (0.002, "add", "b"),
        (1.001, "add", "c"), (1.001, "update", "a", "a"),
        (relist_at, "update", "a", "a"),
        (relist_at, "delete", "tombstone:default/c"),
    ]
    assert [k for k in inf.get_store().list_keys() if PRESET not in k] == ["default/a", "default/b"]
    assert inf.get_store().get_by_key("default/a")[0]["data"] == {"v": "1"}


def test_relist_of_unchanged_objects_notifies_nobody():
    c, f, inf = setup()
    put(c, "a")
    rec = Recorder(c)
    inf.add_event_handler(rec)
    inf.run()
    c.run(1)
    c.restore(c.snapshot())
    c.run(10)
    assert inf.reflector.lists == 2
    assert rec.log == [(0.002, "add", "a")]


def test_delete_of_an_object_never_seen_is_dropped():
    c, f, inf = setup()
    rec = Recorder(c)
    inf.add_event_handler(rec)
    inf.delete({"metadata": {"name": "ghost", "namespace": "default", "resourceVersion": "9"}})
    assert rec.log == []


def test_filtering_handler_turns_crossings_into_add_and_delete():
    c, f, inf = setup()
    rec = Recorder(c)
    inf.add_event_handler(FilteringResourceEventHandler(lambda o: o.get("data", {}).get("node") == "n1", rec))
    inf.run()
    c.run(1)
    for node in ("", "n1", "n1", "n2"):
        put(c, "p", node=node, n=str(c.env.now))
        c.run(1)
    assert rec.log == [(2.001, "add", "p"), (3.001, "update", "p", "p"), (4.001, "delete", "p")]


def test_remove_event_handler_stops_notifications():
    c, f, inf = setup()
    rec = Recorder(c)
    reg = inf.add_event_handler(rec)
    inf.run()
    c.run(1)
    inf.remove_event_handler(reg)
    put(c, "a")
    c.run(1)
    assert rec.log == []


def test_handlers_cannot_be_added_after_stop():
    c, f, inf = setup()
    stop = c.env.event()
    inf.run(stop)
    c.run(1)
    stop.succeed()
    c.run(1)
    with pytest.raises(InformerStoppedError):
        inf.add_event_handler(ResourceEventHandlerFuncs())


def test_run_twice_is_refused():
    c, f, inf = setup()
    assert inf.run() is not None
    assert inf.run() is None


def test_handler_objects_are_the_cached_objects():
    c, f, inf = setup()
    got = []
    inf.add_event_handler(on_add=got.append)
    inf.run()
    c.run(1)
    put(c, "a")
    c.run(1)
    assert got[-1] is inf.get_store().get_by_key("default/a")[0]


ops = st.lists(st.tuples(
    st.sampled_from(["put", "put", "put", "delete", "snapshot", "restore"]),
    st.sampled_from(["a", "b", "c"]),
    st.sampled_from([0.0, 0.0005, 0.001, 0.003, 0.5, 2.0]),
), max_size=25)


@settings(max_examples=25, deadline=None)
@given(ops)
def test_handlers_and_cache_converge_to_the_server_after_etcd_restores(steps):
    c, f, inf = setup()
    view: dict[str, str] = {}

    def on_add(o):
        key = f"{o['metadata']['namespace']}/{o['metadata']['name']}"
        assert key not in view
        view[key] = o["metadata"]["resourceVersion"]

    def on_update(old, new):
        key = f"{new['metadata']['namespace']}/{new['metadata']['name']}"
        assert view[key] == old["metadata"]["resourceVersion"]
        view[key] = new["metadata"]["resourceVersion"]

    def on_delete(o):
        key = o.key if isinstance(o, DeletedFinalStateUnknown) else \
            f"{o['metadata']['namespace']}/{o['metadata']['name']}"
        del view[key]

    inf.add_event_handler(on_add=on_add, on_update=on_update, on_delete=on_delete)
    inf.run()
    snaps = []

    def driver():
        for i, (op, name, dt) in enumerate(steps):
            yield c.env.timeout(dt)
            exists = any(o["metadata"]["name"] == name for o in c.client.list("configmaps", "default")["items"])
            if op == "put":
                put(c, name, i=str(i))
            elif op == "delete" and exists:
                c.client.delete("configmaps", name, "default")
            elif op == "snapshot":
                snaps.append(c.snapshot())
            elif op == "restore" and snaps:
                c.restore(snaps[-1])

    c.env.process(driver())
    c.run(200)
    want = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o["metadata"]["resourceVersion"]
            for o in c.client.list("configmaps")["items"]}
    assert view == want
    store = inf.get_store()
    assert {k: o["metadata"]["resourceVersion"] for k, o in
            zip(store.list_keys(), store.list(), strict=True)} == want
