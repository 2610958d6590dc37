"""The scheduler cache and its snapshots (cache_test.go, snapshot_test.go, node_tree_test.go)."""

import pytest

from kubelab.engine import Env
from kubelab.scheduler.backend.cache.cache import Cache, CacheError
from kubelab.scheduler.backend.cache.node_tree import NodeTree
from kubelab.scheduler.backend.cache.snapshot import Snapshot

from ...wrappers import make_node, make_pod


def bound(name, node, **kw):
    return make_pod(name, node=node, **kw)


def test_assume_then_add_confirms_the_pod():
    c = Cache(Env(0))
    c.add_node(make_node("n1", cpu="4"))
    p = bound("p", "n1", cpu="1")
    c.assume_pod(p)
    assert c.is_assumed_pod(p)
    assert c.nodes["n1"].info.requested.milli_cpu == 1000
    c.finish_binding(p)
    c.add_pod(p)
    assert not c.is_assumed_pod(p) and c.nodes["n1"].info.requested.milli_cpu == 1000


def test_forget_removes_an_assumed_pod_and_refuses_others():
    c = Cache(Env(0))
    c.add_node(make_node("n1"))
    p = bound("p", "n1", cpu="1")
    c.assume_pod(p)
    c.forget_pod(p)
    assert c.nodes["n1"].info.requested.milli_cpu == 0
    with pytest.raises(CacheError, match="wasn't assumed so cannot be forgotten"):
        c.forget_pod(p)
    c.assume_pod(p)
    with pytest.raises(CacheError, match="is in the cache, so can't be assumed"):
        c.assume_pod(p)


def test_assumed_pods_expire_only_with_a_ttl_after_binding_finished():
    env = Env(0)
    c = Cache(env, ttl=10)
    c.add_node(make_node("n1"))
    p = bound("p", "n1", cpu="1")
    c.assume_pod(p)
    env.run(until=20)
    c.cleanup_assumed_pods()
    assert c.is_assumed_pod(p), "binding not finished yet"
    c.finish_binding(p)
    env.run(until=31)
    c.cleanup_assumed_pods()
    assert not c.is_assumed_pod(p) and not c.nodes["n1"].info.pods


def test_pods_of_a_removed_node_keep_its_info_until_they_go():
    c = Cache(Env(0))
    n = make_node("n1")
    c.add_node(n)
    p = bound("p", "n1")
    c.add_pod(p)
    c.remove_node(n)
    assert "n1" in c.nodes and c.nodes["n1"].info.node is None
    snap = Snapshot()
    c.update_snapshot(snap)
    assert snap.num_nodes() == 0
    c.remove_pod(p)
    assert "n1" not in c.nodes


def test_snapshot_copies_only_nodes_changed_since_its_generation():
    c = Cache(Env(0))
    for i in range(3):
        c.add_node(make_node(f"n{i}"))
    snap = Snapshot()
    c.update_snapshot(snap)
    first = {ni.node_name: ni for ni in snap.list()}
    c.add_pod(bound("p", "n1", cpu="1"))
    c.update_snapshot(snap)
    # Objects keep their identity (the node list is not rebuilt); only n1 changed.
    assert all(snap.get(n) is first[n] for n in first)
    assert snap.get("n1").requested.milli_cpu == 1000
    assert snap.node_table().req_cpu[snap.node_table().index["n1"]] == 1000


def test_snapshot_tracks_nodes_with_affinity_pods():
    c = Cache(Env(0))
    c.add_node(make_node("n1"))
    c.add_node(make_node("n2"))
    snap = Snapshot()
    c.update_snapshot(snap)
    anti = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": {"a": "b"}}, "topologyKey": "kubernetes.io/hostname"}]}}
    c.add_pod(bound("p", "n2", affinity=anti))
    c.update_snapshot(snap)
    assert [ni.node_name for ni in snap.have_pods_with_required_anti_affinity_list()] == ["n2"]
    assert [ni.node_name for ni in snap.have_pods_with_affinity_list()] == ["n2"]


def test_node_tree_lists_round_robin_over_zones():
    # node_tree_test.go "add nodes to a new and to an exhausted zone"
    t = NodeTree()
    for name, zone in [("node-1", "zone-1"), ("node-2", "zone-1"), ("node-3", "zone-2"), ("node-4", "zone-2"),
                       ("node-5", "zone-3"), ("node-6", "zone-1")]:
        t.add_node(make_node(name, zone=zone))
    assert t.list() == ["node-1", "node-3", "node-5", "node-2", "node-4", "node-6"]
    t.remove_node(make_node("node-3", zone="zone-2"))
    assert t.list() == ["node-1", "node-4", "node-5", "node-2", "node-6"]


def test_image_states_follow_nodes_added_and_removed():
    c = Cache(Env(0))
    img = [{"names": ["nginx:1.27"], "sizeBytes": 100}]
    c.add_node(make_node("n1", images=img))
    c.add_node(make_node("n2", images=img))
    assert c.image_states["nginx:1.27"].nodes == {"n1": None, "n2": None}
    c.remove_node(make_node("n2", images=img))
    assert c.image_states["nginx:1.27"].nodes == {"n1": None}
    c.update_node(make_node("n1", images=img), make_node("n1", images=img))
    assert c.nodes["n1"].info.image_states["nginx:1.27"].num_nodes == 1
