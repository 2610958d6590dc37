"""TaintToleration: untolerated NoSchedule taints filter, PreferNoSchedule taints score (taint_toleration_test.go)."""

import pytest

from kubelab.scheduler.framework.interface import Code, NodeScore
from kubelab.scheduler.framework.plugins.tainttoleration.taint_toleration import TaintToleration

from ....wrappers import make_node, make_pod, new_state, node_info, snapshot


def taint(key, value, effect):
    return {"key": key, "value": value, "effect": effect}


FILTER_CASES = [
    ("A pod having no tolerations can't be scheduled onto a node with nonempty taints",
     [], [taint("dedicated", "user1", "NoSchedule")], "node(s) had untolerated taint {dedicated: user1}"),
    ("A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
     [{"key": "dedicated", "value": "user1", "effect": "NoSchedule"}], [taint("dedicated", "user1", "NoSchedule")],
     None),
    ("A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
     [{"key": "dedicated", "operator": "Equal", "value": "user2", "effect": "NoSchedule"}],
     [taint("dedicated", "user1", "NoSchedule")], "node(s) had untolerated taint {dedicated: user1}"),
    ("A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node",
     [{"key": "foo", "operator": "Exists", "effect": "NoSchedule"}], [taint("foo", "bar", "NoSchedule")], None),
    ("A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node",
     [{"key": "dedicated", "operator": "Equal", "value": "user2", "effect": "NoSchedule"},
      {"key": "foo", "operator": "Exists", "effect": "NoSchedule"}],
     [taint("dedicated", "user2", "NoSchedule"), taint("foo", "bar", "NoSchedule")], None),
    ("A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
     [{"key": "foo", "operator": "Equal", "value": "bar", "effect": "PreferNoSchedule"}],
     [taint("foo", "bar", "NoSchedule")], "node(s) had untolerated taint {foo: bar}"),
    ("The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node",
     [{"key": "foo", "operator": "Equal", "value": "bar"}], [taint("foo", "bar", "NoSchedule")], None),
    ("The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
     [{"key": "dedicated", "operator": "Equal", "value": "user2", "effect": "NoSchedule"}],
     [taint("dedicated", "user1", "PreferNoSchedule")], None),
    ("The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
     [], [taint("dedicated", "user1", "PreferNoSchedule")], None),
]


@pytest.mark.parametrize("name,tols,taints,reason", FILTER_CASES, ids=[c[0][:60] for c in FILTER_CASES])
def test_untolerated_taints_reject_the_node(name, tols, taints, reason):
    snap = snapshot([], [make_node("nodeA", taints=taints)])
    s = TaintToleration().filter(new_state(), make_pod("p", tolerations=tols), node_info(snap, "nodeA"))
    if reason is None:
        assert s is None
    else:
        assert s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE and s.reasons == [reason]


def score_nodes(pod, nodes):
    snap = snapshot([], nodes)
    pl = TaintToleration()
    state = new_state()
    pl.pre_score(state, pod, snap.list())
    scores = [NodeScore(ni.node_name, pl.score(state, pod, ni)[0]) for ni in snap.list()]
    pl.normalize_score(state, pod, scores)
    return {s.name: s.score for s in scores}


def test_the_more_intolerable_prefer_no_schedule_taints_the_lower_the_score():
    # "the more intolerable taints a node has, the lower score it gets."
    pod = make_pod("p", tolerations=[{"key": "foo", "operator": "Equal", "value": "bar", "effect": "PreferNoSchedule"}])
    nodes = [make_node("nodeA"),
             make_node("nodeB", taints=[taint("cpu-type", "arm64", "PreferNoSchedule")]),
             make_node("nodeC", taints=[taint("cpu-type", "arm64", "PreferNoSchedule"),
                                        taint("disk-type", "ssd", "PreferNoSchedule")])]
    assert score_nodes(pod, nodes) == {"nodeA": 100, "nodeB": 50, "nodeC": 0}


def test_all_nodes_tolerated_score_max():
    pod = make_pod("p", tolerations=[{"key": "foo", "operator": "Exists", "effect": "PreferNoSchedule"}])
    nodes = [make_node("nodeA", taints=[taint("foo", "bar", "PreferNoSchedule")]), make_node("nodeB")]
    assert score_nodes(pod, nodes) == {"nodeA": 100, "nodeB": 100}


def test_vector_filter_and_score_agree_with_the_reference():
    nodes = [make_node(f"n{i}", taints=[taint("k", str(i % 3), "NoSchedule" if i % 2 else "PreferNoSchedule")])
             for i in range(9)] + [make_node("plain")]
    snap = snapshot([], nodes)
    pod = make_pod("p", tolerations=[{"key": "k", "value": "1"}])
    pl = TaintToleration()
    state = new_state()
    table = snap.node_table()
    assert list(pl.filter_nodes(state, pod, table)) == [pl.filter(state, pod, ni) is None for ni in snap.list()]
    pl.pre_score(state, pod, snap.list())
    import numpy as np
    rows = np.arange(table.n)
    assert list(pl.score_nodes(state, pod, table, rows)) == [pl.score(state, pod, ni)[0] for ni in snap.list()]
