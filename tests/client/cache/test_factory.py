"""Shared informer factory against a real cluster: one informer per resource, WaitForCacheSync."""

from __future__ import annotations

from kubelab.client.cache import SharedInformerFactory

from ..cluster import controller_client, new_cluster, put


def test_informer_for_shares_one_informer_per_resource():
    c = new_cluster()
    f = SharedInformerFactory(controller_client(c))
    assert f.informer_for("pods") is f.informer_for("po")
    assert f.informer_for("pods").type_description == "*v1.Pod"
    assert f.informer_for("deploy").type_description == "*v1.Deployment"
    assert list(f.informers) == ["pods", "deployments.apps"]


def test_wait_for_cache_sync_polls_every_100ms():
    c = new_cluster()
    t0 = c.now
    put(c, "a")
    f = SharedInformerFactory(controller_client(c))
    lister = f.lister_for("configmaps")
    f.informer_for("secrets")
    f.start()
    out = []

    def controller():
        synced = yield from f.wait_for_cache_sync()
        out.append((round(c.now - t0, 9), synced, [o["metadata"]["name"] for o in lister.list(namespace="default")]))

    c.env.process(controller())
    c.run(1)
    # both lists return after 2 ms; the first poll that sees them is 100 ms in
    assert out == [(0.1, {"configmaps": True, "secrets": True}, ["a", "kube-root-ca.crt"])]


def test_lister_reads_the_informer_cache_by_namespace_and_selector():
    c = new_cluster()
    f = SharedInformerFactory(controller_client(c))
    lister = f.lister_for("configmaps")
    f.start()
    c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap",
                                   "metadata": {"name": "web", "labels": {"app": "web"}}}, "default")
    c.run(1)
    assert [o["metadata"]["name"] for o in lister.list("app=web")] == ["web"]
    assert lister.get("default", "web") is f.informer_for("configmaps").get_store().get_by_key("default/web")[0]
    assert [o["metadata"]["namespace"] for o in lister.list(namespace="kube-system")] == ["kube-system"]


def test_informers_requested_after_start_start_on_the_next_start():
    c = new_cluster()
    f = SharedInformerFactory(controller_client(c))
    f.informer_for("pods")
    f.start()
    late = f.informer_for("nodes")
    assert not late.has_started()
    f.start()
    assert late.has_started()


def test_shutdown_stops_the_informers():
    c = new_cluster()
    f = SharedInformerFactory(controller_client(c))
    inf = f.informer_for("configmaps")
    f.start()
    c.run(1)
    f.shutdown()
    c.run(1)
    assert inf.is_stopped()
    assert inf.reflector._watch is None


def test_wait_for_cache_sync_reports_false_when_stopped_first():
    c = new_cluster()
    f = SharedInformerFactory(controller_client(c))
    f.informer_for("configmaps")
    stop = c.env.event()
    f.start(stop)
    stop.succeed()  # stopped before the first list returns
    out = []

    def waiter():
        out.append((yield from f.wait_for_cache_sync(stop)))

    c.env.process(waiter())
    c.run(1)
    assert out == [{"configmaps": False}]
