"""The watch cache: lists and watches from memory, with upstream's resourceVersion rules."""

import pytest

from kubelab.api import errors, scheme
from kubelab.engine import Env, LatencyModel
from kubelab.storage.cacher import Cacher
from kubelab.storage.etcd3 import Store
from kubelab.storage.mvcc import KV

PODS = scheme.resolve("pods")


def pod(name, ns="default", node=""):
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns},
            "spec": {"nodeName": node} if node else {}}


@pytest.fixture
def env():
    return Env(0, latency=LatencyModel.zero())


def setup(env, **kw):
    store = Store(env, KV())
    return store, Cacher(env, store.kv, PODS, **kw)


def drain(env, w):
    ev = w.next()
    env.run(until=env.now + 1)
    return ev.value


def test_stored_objects_cannot_be_changed_through_a_returned_reference(env):
    store, _ = setup(env)
    out = store.create(PODS.key("default", "a"), pod("a"))
    out["metadata"]["labels"] = {"x": "y"}
    assert "labels" not in store.get(PODS.key("default", "a"))["metadata"]


def test_list_from_cache_is_in_key_order_with_the_store_revision(env):
    store, cacher = setup(env)
    for n, ns in [("b", "default"), ("a", "kube-system"), ("a", "default")]:
        store.create(PODS.key(ns, n), pod(n, ns))
    items, rv = cacher.list(PODS.prefix())
    assert [(o["metadata"]["namespace"], o["metadata"]["name"]) for o in items] == [
        ("default", "a"), ("default", "b"), ("kube-system", "a")]
    assert rv == store.kv.rev
    assert [o["metadata"]["name"] for o in cacher.list(PODS.prefix("default"))[0]] == ["a", "b"]


def test_watch_without_a_version_starts_with_the_current_state(env):
    store, cacher = setup(env)
    store.create(PODS.key("default", "a"), pod("a"))
    w = cacher.watch(PODS.prefix(), None, None)
    store.create(PODS.key("default", "b"), pod("b"))
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in drain(env, w)] == [("ADDED", "a"), ("ADDED", "b")]


def test_watch_from_a_version_sees_only_later_changes(env):
    store, cacher = setup(env)
    a = store.create(PODS.key("default", "a"), pod("a"))
    rv = int(a["metadata"]["resourceVersion"])
    store.create(PODS.key("default", "b"), pod("b"))
    store.delete(PODS.key("default", "a"))
    w = cacher.watch(PODS.prefix(), rv, None)
    got = drain(env, w)
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in got] == [("ADDED", "b"), ("DELETED", "a")]
    assert got[1]["object"]["metadata"]["resourceVersion"] == str(store.kv.rev)


def test_watch_from_a_version_older_than_the_window_is_gone(env):
    store, cacher = setup(env)
    first = store.create(PODS.key("default", "p"), pod("p"))
    for i in range(150):
        store.guaranteed_update(PODS.key("default", "p"), lambda o, i=i: {**o, "spec": {"i": i}})
    env.run(until=100)
    store.guaranteed_update(PODS.key("default", "p"), lambda o: {**o, "spec": {"i": -1}})
    with pytest.raises(errors.Gone) as e:
        cacher.watch(PODS.prefix(), int(first["metadata"]["resourceVersion"]), None)
    assert e.value.code == 410 and e.value.reason == "Expired"
    assert e.value.message.startswith("too old resource version: ")


def test_a_filtered_watch_sees_an_object_leave_its_selection_as_deleted(env):
    store, cacher = setup(env)
    w = cacher.watch(PODS.prefix(), None, lambda o: (o["metadata"].get("labels") or {}).get("app") == "web")
    key = PODS.key("default", "a")
    store.create(key, {**pod("a"), "metadata": {"name": "a", "namespace": "default", "labels": {"app": "web"}}})
    store.guaranteed_update(key, lambda o: {**o, "metadata": {**o["metadata"], "labels": {"app": "db"}}})
    assert [e["type"] for e in drain(env, w)] == ["ADDED", "DELETED"]


def test_watchers_indexed_by_node_name_only_hear_of_their_pods(env):
    store, cacher = setup(env, index=("spec.nodeName", lambda o: (o.get("spec") or {}).get("nodeName") or ""))
    w1 = cacher.watch(PODS.prefix(), store.kv.rev, lambda o: o["spec"].get("nodeName") == "n1", index_value="n1")
    w2 = cacher.watch(PODS.prefix(), store.kv.rev, lambda o: o["spec"].get("nodeName") == "n2", index_value="n2")
    store.create(PODS.key("default", "a"), pod("a", node="n1"))
    store.create(PODS.key("default", "b"), pod("b", node="n2"))
    assert [e["object"]["metadata"]["name"] for e in drain(env, w1)] == ["a"]
    assert [e["object"]["metadata"]["name"] for e in drain(env, w2)] == ["b"]


def test_watch_delivery_takes_the_modelled_latency_and_keeps_order():
    env = Env(3, latency=LatencyModel({"watch_delivery": 0.5}, jitter=0.9))
    store, cacher = setup(env)
    w = cacher.watch(PODS.prefix(), store.kv.rev, None)
    for i in range(20):
        store.create(PODS.key("default", f"p{i:02d}"), pod(f"p{i:02d}"))
    seen = []

    def consume():
        while len(seen) < 20:
            batch = yield w.next()
            seen.extend((env.now, e["object"]["metadata"]["name"]) for e in batch)

    env.process(consume())
    env.run(until=5)
    assert [n for _, n in seen] == [f"p{i:02d}" for i in range(20)]
    assert all(t >= 0.05 for t, _ in seen)


def test_send_initial_events_ends_with_the_initial_events_end_bookmark(env):
    store, cacher = setup(env)
    store.create(PODS.key("default", "a"), pod("a"))
    w = cacher.watch(PODS.prefix(), None, None, allow_bookmarks=True, send_initial_events=True)
    got = drain(env, w)
    assert [e["type"] for e in got] == ["ADDED", "BOOKMARK"]
    assert got[1]["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}


def test_stopping_a_watch_wakes_its_consumer_with_nothing(env):
    _, cacher = setup(env)
    w = cacher.watch(PODS.prefix(), None, None)
    ev = w.next()
    w.stop()
    env.run(until=1)
    assert ev.value == [] and w.stopped and cacher.watcher_count == 0
