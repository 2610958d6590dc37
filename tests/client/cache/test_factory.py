"""Shared informer factory: one informer per resource, start, WaitForCacheSync."""

from __future__ import annotations

from kubelab.client.cache import SharedInformerFactory
from kubelab.engine import Env

from .fake import FakeApi, FakeClient


def test_informer_for_shares_one_informer_per_resource():
    env = Env()
    f = SharedInformerFactory(FakeClient(FakeApi(env)))
    assert f.informer_for("pods") is f.informer_for("po")
    assert f.informer_for("pods").type_description == "*v1.Pod"
    assert f.informer_for("deploy").type_description == "*v1.Deployment"
    assert list(f.informers) == ["pods", "deployments.apps"]


def test_wait_for_cache_sync_polls_every_100ms():
    env = Env()
    api = FakeApi(env, latency=0.15)
    api.put("a")
    f = SharedInformerFactory(FakeClient(api))
    lister = f.lister_for("pods")
    f.start()
    out = []

    def controller():
        synced = yield from f.wait_for_cache_sync()
        out.append((env.now, synced, [o["metadata"]["name"] for o in lister.list()]))

    env.process(controller())
    env.run(until=1)
    assert out == [(0.2, {"pods": True}, ["a"])]


def test_informers_requested_after_start_start_on_the_next_start():
    env = Env()
    f = SharedInformerFactory(FakeClient(FakeApi(env)))
    f.informer_for("pods")
    f.start()
    late = f.informer_for("nodes")
    assert not late.has_started()
    f.start()
    assert late.has_started()


def test_shutdown_stops_the_informers():
    env = Env()
    api = FakeApi(env)
    f = SharedInformerFactory(FakeClient(api))
    inf = f.informer_for("pods")
    f.start()
    env.run(until=1)
    f.shutdown()
    env.run(until=2)
    assert inf.is_stopped()
    assert all(w.stopped for w in api.watches)


def test_wait_for_cache_sync_reports_false_when_stopped_first():
    env = Env()
    api = FakeApi(env, latency=5)
    f = SharedInformerFactory(FakeClient(api))
    f.informer_for("pods")
    stop = env.event()
    f.start(stop)
    out = []

    def waiter():
        out.append((yield from f.wait_for_cache_sync(stop)))

    def stopper():
        yield env.timeout(1)
        stop.succeed()

    env.process(waiter())
    env.process(stopper())
    env.run(until=10)
    assert out == [{"pods": False}]
