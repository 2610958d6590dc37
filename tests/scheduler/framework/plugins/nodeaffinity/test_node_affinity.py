"""NodeAffinity: nodeSelector and required terms filter, preferred terms score (node_affinity_test.go)."""

import pytest

from kubelab.scheduler.apis.config.types import NodeAffinityArgs
from kubelab.scheduler.framework.interface import Code, NodeScore
from kubelab.scheduler.framework.plugins.nodeaffinity.node_affinity import (
    ERR_REASON_CONFLICT,
    ERR_REASON_ENFORCED,
    ERR_REASON_POD,
    NodeAffinity,
)

from ....wrappers import make_node, make_pod, new_state, node_info, snapshot


def required(*terms):
    return {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": list(terms)}}}


def expr(key, op, *values):
    e = {"key": key, "operator": op}
    if values:
        e["values"] = list(values)
    return e


CASES = [
    ("no selector", {}, None, {"foo": "bar"}, None),
    ("missing labels", {"node_selector": {"foo": "bar"}}, None, {}, ERR_REASON_POD),
    ("same labels", {"node_selector": {"foo": "bar"}}, None, {"foo": "bar"}, None),
    ("node labels are superset", {"node_selector": {"foo": "bar"}}, None, {"foo": "bar", "baz": "blah"}, None),
    ("node labels are subset", {"node_selector": {"foo": "bar", "baz": "blah"}}, None, {"foo": "bar"}, ERR_REASON_POD),
    ("Pod with matchExpressions using In operator that matches the existing node",
     {"affinity": required({"matchExpressions": [expr("foo", "In", "bar", "value2")]})}, None, {"foo": "bar"}, None),
    ("Pod with matchExpressions using Gt operator that matches the existing node",
     {"affinity": required({"matchExpressions": [expr("kernel-version", "Gt", "0204")]})}, None,
     {"kernel-version": "0206"}, None),
    ("Pod with matchExpressions using NotIn operator that matches the existing node",
     {"affinity": required({"matchExpressions": [expr("mem-type", "NotIn", "DDR", "DDR2")]})}, None,
     {"mem-type": "DDR3"}, None),
    ("Pod with matchExpressions using Exists operator that matches the existing node",
     {"affinity": required({"matchExpressions": [expr("GPU", "Exists")]})}, None, {"GPU": "NVIDIA-GRID-K1"}, None),
    ("Pod with affinity that don't match node's labels won't schedule onto the node",
     {"affinity": required({"matchExpressions": [expr("foo", "In", "value1", "value2")]})}, None, {"foo": "bar"},
     ERR_REASON_POD),
    ("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
     {"affinity": required({"matchExpressions": []})}, None, {"foo": "bar"}, ERR_REASON_POD),
    ("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
     {"affinity": required({"matchExpressions": [expr("foo", "In", "bar")]},
                           {"matchExpressions": [expr("diffkey", "In", "wrong")]})}, None, {"foo": "bar"}, None),
    ("Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
     {"affinity": required({"matchExpressions": [expr("foo", "Exists")]}), "node_selector": {"foo": "bar"}}, None,
     {"foo": "bar"}, None),
    ("Pod with matchFields using In operator that matches the existing node",
     {"affinity": required({"matchFields": [expr("metadata.name", "In", "node1")]})}, None, {}, None),
    ("Pod with matchFields using In operator that does not match the existing node",
     {"affinity": required({"matchFields": [expr("metadata.name", "In", "node2")]})}, None, {}, ERR_REASON_POD),
    ("Pod with no affinity rules and added affinity that doesn't match the node is rejected",
     {}, {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
         {"matchExpressions": [expr("zone", "In", "foo")]}]}}, {"zone": "bar"}, ERR_REASON_ENFORCED),
]


@pytest.mark.parametrize("name,pod_kw,added,node_labels,reason", CASES, ids=[c[0][:70] for c in CASES])
def test_node_affinity_filter(name, pod_kw, added, node_labels, reason):
    pl = NodeAffinity(NodeAffinityArgs(added) if added else None)
    pod = make_pod("p", **pod_kw)
    snap = snapshot([], [make_node("node1", labels_=node_labels)])
    state = new_state()
    _, s = pl.pre_filter(state, pod, snap.list())
    if s is not None and s.is_skip():
        state.skip_filter_plugins = frozenset({pl.name})
        assert reason is None
        return
    got = pl.filter(state, pod, node_info(snap, "node1"))
    assert (got.reasons if got else None) == ([reason] if reason else None)
    if got:
        assert got.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE


def test_pre_filter_narrows_to_named_nodes_and_detects_conflicts():
    pl = NodeAffinity()
    both = make_pod("p", affinity=required({"matchFields": [expr("metadata.name", "In", "node1")]},
                                            {"matchFields": [expr("metadata.name", "In", "node2")]}))
    r, s = pl.pre_filter(new_state(), both, [])
    assert s is None and r.names() == ["node1", "node2"]
    conflict = make_pod("p", affinity=required({"matchFields": [expr("metadata.name", "In", "node1"),
                                                                expr("metadata.name", "In", "node2")]}))
    r, s = pl.pre_filter(new_state(), conflict, [])
    assert s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE and s.reasons == [ERR_REASON_CONFLICT]
    r, s = pl.pre_filter(new_state(), make_pod("p"), [])
    assert s.is_skip()


def test_preferred_terms_score_by_weight_then_normalize():
    pod = make_pod("p", affinity={"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
        {"weight": 2, "preference": {"matchExpressions": [expr("foo", "In", "bar")]}},
        {"weight": 4, "preference": {"matchExpressions": [expr("key", "In", "value")]}},
        {"weight": 5, "preference": {"matchExpressions": [expr("foo", "In", "bar"), expr("key", "In", "value"),
                                                          expr("az", "In", "az1")]}}]}})
    snap = snapshot([], [make_node("node1", labels_={"foo": "bar"}),
                         make_node("node2", labels_={"key": "value"}),
                         make_node("node5", labels_={"foo": "bar", "key": "value", "az": "az1"})])
    pl = NodeAffinity()
    state = new_state()
    assert pl.pre_score(state, pod, snap.list()) is None
    scores = [NodeScore(ni.node_name, pl.score(state, pod, ni)[0]) for ni in snap.list()]
    assert [s.score for s in scores] == [2, 4, 11]
    pl.normalize_score(state, pod, scores)
    assert [s.score for s in scores] == [18, 36, 100]
