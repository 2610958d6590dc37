"""The cache mutation detector catches handlers that change cached objects."""

from __future__ import annotations

import pytest

from kubelab.api import scheme
from kubelab.client.cache import CacheMutationError, ListWatch, SharedIndexInformer
from kubelab.engine import Env

from .fake import FakeApi, FakeClient


def informer(env, api, **kw):
    return SharedIndexInformer(env, ListWatch(FakeClient(api), "pods"), resource=scheme.resolve("pods"), **kw)


def test_mutating_a_cached_object_is_caught_within_a_second():
    env = Env()
    api = FakeApi(env)
    api.put("a")
    inf = informer(env, api, mutation_detector=True)

    def bad_handler(obj):
        obj["metadata"]["labels"] = {"oops": "1"}

    inf.add_event_handler(on_add=bad_handler)
    inf.run()
    with pytest.raises(CacheMutationError, match=r"cache \*v1.Pod modified \(first altered object: default/a\)"):
        env.run(until=5)
    assert env.now == 1


def test_environment_variable_turns_it_on(monkeypatch):
    monkeypatch.setenv("KUBELAB_CACHE_MUTATION_DETECTOR", "true")
    env = Env()
    assert informer(env, FakeApi(env)).cache_mutation_detector is not None
    monkeypatch.setenv("KUBELAB_CACHE_MUTATION_DETECTOR", "0")
    assert informer(env, FakeApi(env)).cache_mutation_detector is None


def test_read_only_handlers_pass():
    env = Env()
    api = FakeApi(env)
    api.put("a")
    inf = informer(env, api, mutation_detector=True)
    seen = []
    inf.add_event_handler(on_add=lambda o: seen.append(dict(o["metadata"])))
    inf.run()
    env.run(until=200)
    assert len(seen) == 1
