"""Listers: list by selector and namespace, get by name."""

from __future__ import annotations

import pytest

from kubelab.api import errors, labels, scheme
from kubelab.client.cache import NAMESPACE_INDEX, Lister, meta_namespace_index_func, new_indexer


def obj(name, ns="default", **lbl):
    meta = {"name": name, "labels": lbl}
    if ns:
        meta["namespace"] = ns
    return {"metadata": meta}


@pytest.fixture
def lister():
    idx = new_indexer(indexers={NAMESPACE_INDEX: meta_namespace_index_func})
    for o in (obj("a", app="web"), obj("b", app="db"), obj("c", "prod", app="web")):
        idx.add(o)
    return Lister(idx, scheme.resolve("pods"))


def names(objs):
    return [o["metadata"]["name"] for o in objs]


@pytest.mark.parametrize("selector,namespace,want", [
    pytest.param(None, None, ["a", "b", "c"], id="everything"),
    pytest.param({"app": "web"}, None, ["a", "c"], id="label set"),
    pytest.param("app=web", "default", ["a"], id="selector text in a namespace"),
    pytest.param(labels.parse_selector("app!=web"), None, ["b"], id="labels.Selector"),
    pytest.param(lambda lbl: lbl.get("app") == "db", None, ["b"], id="callable"),
    pytest.param(labels.everything(), "prod", ["c"], id="empty selector"),
])
def test_list(lister, selector, namespace, want):
    assert names(lister.list(selector, namespace=namespace)) == want


def test_get_returns_the_cached_object(lister):
    assert lister.get("prod", "c")["metadata"]["namespace"] == "prod"
    assert lister.by_namespace("default").get("b")["metadata"]["name"] == "b"
    assert names(lister.by_namespace("prod").list()) == ["c"]


def test_get_missing_raises_not_found_with_the_singular_resource(lister):
    with pytest.raises(errors.NotFound) as e:
        lister.get("default", "zzz")
    assert e.value.message == 'pod "zzz" not found'


def test_cluster_scoped_get_by_name():
    idx = new_indexer()
    idx.add(obj("n1", ns=""))
    nodes = Lister(idx, scheme.resolve("nodes"))
    assert nodes.get("n1")["metadata"]["name"] == "n1"
    deploys = Lister(new_indexer(), scheme.resolve("deployments"))
    with pytest.raises(errors.NotFound, match='deployment.apps "web" not found'):
        deploys.get("default", "web")
