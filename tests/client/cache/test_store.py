"""Stores, key functions and indexers."""

from __future__ import annotations

import pytest

from kubelab.client.cache import (
    NAMESPACE_INDEX,
    DeletedFinalStateUnknown,
    ExplicitKey,
    deletion_handling_meta_namespace_key_func,
    meta_namespace_index_func,
    meta_namespace_key_func,
    new_indexer,
    new_store,
    split_meta_namespace_key,
)
from kubelab.client.cache.index import IndexerError


def pod(name, ns="default", **labels):
    meta = {"name": name, "labels": labels}
    if ns:
        meta["namespace"] = ns
    return {"metadata": meta}


@pytest.mark.parametrize("obj,key", [
    pytest.param(pod("web"), "default/web", id="namespaced"),
    pytest.param(pod("node-1", ns=""), "node-1", id="cluster-scoped"),
    pytest.param(ExplicitKey("kube-system/x"), "kube-system/x", id="explicit key"),
])
def test_meta_namespace_key_func(obj, key):
    assert meta_namespace_key_func(obj) == key


@pytest.mark.parametrize("key,want", [
    ("name", ("", "name")),
    ("ns/name", ("ns", "name")),
    ("/name", ("", "name")),
])
def test_split_meta_namespace_key(key, want):
    assert split_meta_namespace_key(key) == want


def test_split_meta_namespace_key_rejects_extra_slashes():
    with pytest.raises(ValueError, match='unexpected key format: "a/b/c"'):
        split_meta_namespace_key("a/b/c")


def test_tombstones_key_by_their_recorded_key():
    assert deletion_handling_meta_namespace_key_func(DeletedFinalStateUnknown("ns/gone", None)) == "ns/gone"


def test_store_add_get_update_delete():
    s = new_store()
    a = pod("a")
    s.add(a)
    assert s.get_by_key("default/a") == (a, True)
    assert s.get(pod("a")) == (a, True)
    b = pod("a", tier="web")
    s.update(b)
    assert s.list() == [b]
    s.delete(b)
    assert s.get_by_key("default/a") == (None, False)
    assert s.list_keys() == []


def test_store_replace_swaps_everything():
    s = new_store()
    s.add(pod("old"))
    s.replace([pod("x"), pod("y", ns="kube-system")], "42")
    assert s.list_keys() == ["default/x", "kube-system/y"]


def test_namespace_index_by_index():
    idx = new_indexer(indexers={NAMESPACE_INDEX: meta_namespace_index_func})
    for p in (pod("a"), pod("b", ns="kube-system"), pod("c")):
        idx.add(p)
    assert [o["metadata"]["name"] for o in idx.by_index(NAMESPACE_INDEX, "default")] == ["a", "c"]
    assert idx.index_keys(NAMESPACE_INDEX, "kube-system") == ["kube-system/b"]
    assert idx.list_index_func_values(NAMESPACE_INDEX) == ["default", "kube-system"]
    assert [o["metadata"]["name"] for o in idx.index(NAMESPACE_INDEX, pod("zzz"))] == ["a", "c"]


def by_label(label):
    def f(obj):
        v = obj["metadata"].get("labels", {}).get(label)
        return [v] if v else []
    return f


def test_index_follows_updates_and_drops_empty_buckets():
    """TestThreadSafeStoreIndexingFunctionsWithMultipleValues-like: values move on update."""
    idx = new_indexer(indexers={"app": by_label("app")})
    idx.add(pod("a", app="web"))
    idx.add(pod("b", app="web"))
    idx.update(pod("a", app="db"))
    assert idx.index_keys("app", "web") == ["default/b"]
    assert idx.index_keys("app", "db") == ["default/a"]
    idx.delete(pod("b"))
    assert idx.list_index_func_values("app") == ["db"]


def test_multi_valued_index():
    def by_ports(obj):
        return obj["metadata"]["labels"].get("ports", "").split(",")
    idx = new_indexer(indexers={"port": by_ports})
    idx.add(pod("a", ports="80,443"))
    idx.add(pod("b", ports="443"))
    assert idx.index_keys("port", "443") == ["default/a", "default/b"]
    assert idx.index_keys("port", "80") == ["default/a"]
    idx.update(pod("a", ports="8080"))
    assert idx.index_keys("port", "443") == ["default/b"]
    assert idx.index_keys("port", "80") == []


def test_unknown_index_is_an_error():
    idx = new_indexer()
    with pytest.raises(IndexerError, match="Index with name nope does not exist"):
        idx.by_index("nope", "x")


def test_add_indexers_indexes_existing_objects_and_rejects_conflicts():
    idx = new_indexer(indexers={NAMESPACE_INDEX: meta_namespace_index_func})
    idx.add(pod("a", app="web"))
    idx.add_indexers({"app": by_label("app")})
    assert idx.index_keys("app", "web") == ["default/a"]
    with pytest.raises(IndexerError, match=r"indexer conflict: map\[app:\{\}\]"):
        idx.add_indexers({"app": by_label("app")})


def test_replace_rebuilds_indices():
    idx = new_indexer(indexers={NAMESPACE_INDEX: meta_namespace_index_func})
    idx.add(pod("a"))
    idx.replace([pod("b", ns="x")], "7")
    assert idx.by_index(NAMESPACE_INDEX, "default") == []
    assert idx.index_keys(NAMESPACE_INDEX, "x") == ["x/b"]
