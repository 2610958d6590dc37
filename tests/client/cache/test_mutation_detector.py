"""The cache mutation detector catches handlers that change cached objects."""

from __future__ import annotations

import pytest

from kubelab.api import scheme
from kubelab.client.cache import (
    CacheMutationError,
    ListWatch,
    SharedIndexInformer,
    SharedInformerFactory,
)

from ..cluster import controller_client, new_cluster, put


def informer(c, **kw):
    return SharedIndexInformer(c.env, ListWatch(controller_client(c), "configmaps"),
                               resource=scheme.resolve("configmaps"), **kw)


def test_mutating_a_cached_object_is_caught_within_a_second():
    c = new_cluster()
    t0 = c.now
    inf = informer(c, mutation_detector=True)

    def bad_handler(obj):
        if obj["metadata"]["name"] == "a":
            obj["metadata"]["labels"] = {"oops": "1"}

    inf.add_event_handler(on_add=bad_handler)
    inf.run()
    c.run(0.5)
    put(c, "a")
    with pytest.raises(CacheMutationError, match=r"cache \*v1.ConfigMap modified \(first altered object: default/a\)"):
        c.run(5)
    assert c.now == pytest.approx(t0 + 1)


def test_factory_flag_turns_it_on_for_every_informer():
    c = new_cluster()
    f = SharedInformerFactory(controller_client(c), mutation_detector=True)
    assert f.informer_for("pods").cache_mutation_detector is not None
    assert SharedInformerFactory(controller_client(c), mutation_detector=False).informer_for(
        "pods").cache_mutation_detector is None


def test_environment_variable_turns_it_on(monkeypatch):
    c = new_cluster()
    monkeypatch.setenv("KUBELAB_CACHE_MUTATION_DETECTOR", "true")
    assert informer(c).cache_mutation_detector is not None
    monkeypatch.setenv("KUBELAB_CACHE_MUTATION_DETECTOR", "0")
    assert informer(c).cache_mutation_detector is None


def test_read_only_handlers_pass():
    c = new_cluster()
    put(c, "a")
    inf = informer(c, mutation_detector=True)
    seen = []
    inf.add_event_handler(on_add=lambda o: seen.append(dict(o["metadata"])))
    inf.run()
    c.run(200)
    assert len(seen) >= 1
