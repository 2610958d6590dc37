"""PodTopologySpread: the skew filter and the spreading score (filtering_test.go, scoring_test.go)."""

from kubelab.scheduler.apis.config.types import PodTopologySpreadArgs
from kubelab.scheduler.framework.interface import Code, NodeScore
from kubelab.scheduler.framework.plugins.podtopologyspread.filtering import (
    ERR_REASON_CONSTRAINTS_NOT_MATCH,
    ERR_REASON_NODE_LABEL_NOT_MATCH,
)
from kubelab.scheduler.framework.plugins.podtopologyspread.plugin import PodTopologySpread

from ....wrappers import FakeHandle, make_node, make_pod, new_state, snapshot


def constraint(key, skew=1, when="DoNotSchedule", foo="exists"):
    sel = {"matchExpressions": [{"key": "foo", "operator": "Exists"}]}
    return {"maxSkew": skew, "topologyKey": key, "whenUnsatisfiable": when, "labelSelector": sel}


def zone_nodes():
    return [make_node("node-a", labels_={"zone": "zone1", "node": "node-a"}),
            make_node("node-b", labels_={"zone": "zone1", "node": "node-b"}),
            make_node("node-x", labels_={"zone": "zone2", "node": "node-x"}),
            make_node("node-y", labels_={"zone": "zone2", "node": "node-y"})]


def run_filter(pod, pods, nodes, args=None):
    snap = snapshot(pods, nodes)
    pl = PodTopologySpread(args or PodTopologySpreadArgs(defaulting_type="List"), FakeHandle(snap))
    state = new_state()
    _, s = pl.pre_filter(state, pod, snap.list())
    assert s is None
    out = {}
    for ni in snap.list():
        st = pl.filter(state, pod, ni)
        out[ni.node_name] = None if st is None else (st.code(), st.reasons[0])
    return out


def foo(name, node):
    return make_pod(name, node=node, labels_={"foo": ""})


def test_pods_spread_across_zones_3_3_to_4_2():
    # "pods spread across zones as 3/3, all nodes fit" -> with 4 pods in zone1 and 2 in zone2 only zone2 fits.
    pods = [foo("p-a1", "node-a"), foo("p-a2", "node-a"), foo("p-b1", "node-b"), foo("p-b2", "node-b"),
            foo("p-x1", "node-x"), foo("p-y1", "node-y")]
    got = run_filter(make_pod("p", labels_={"foo": ""}, spread=[constraint("zone")]), pods, zone_nodes())
    unsched = (Code.UNSCHEDULABLE, ERR_REASON_CONSTRAINTS_NOT_MATCH)
    assert got == {"node-a": unsched, "node-b": unsched, "node-x": None, "node-y": None}


def test_nodes_without_the_topology_key_are_unresolvable():
    nodes = zone_nodes() + [make_node("node-nolabel")]
    got = run_filter(make_pod("p", labels_={"foo": ""}, spread=[constraint("zone")]), [], nodes)
    assert got["node-nolabel"] == (Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_NODE_LABEL_NOT_MATCH)
    assert got["node-a"] is None


def test_two_constraints_on_zone_and_node():
    # "pods spread across zones as 1/2 and nodes as 1/1/1/0": only node-y keeps both skews at 1.
    pods = [foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x")]
    pod = make_pod("p", labels_={"foo": ""}, spread=[constraint("zone"), constraint("node")])
    got = run_filter(pod, pods, zone_nodes())
    assert [n for n, v in got.items() if v is None] == ["node-y"]


def test_min_domains_counts_missing_domains_as_zero():
    pod = make_pod("p", labels_={"foo": ""}, spread=[dict(constraint("zone"), minDomains=3)])
    pods = [foo("p-a1", "node-a"), foo("p-x1", "node-x")]
    # Only 2 domains exist but 3 are required: the global minimum is 0, so skew 1+1-0 = 2 > 1.
    got = run_filter(pod, pods, zone_nodes())
    assert all(v is not None for v in got.values())


def score(pod, pods, nodes, filtered=None):
    snap = snapshot(pods, nodes)
    pl = PodTopologySpread(PodTopologySpreadArgs(defaulting_type="List"), FakeHandle(snap))
    state = new_state()
    feasible = [ni for ni in snap.list() if filtered is None or ni.node_name in filtered]
    assert pl.pre_score(state, pod, feasible) is None
    scores = [NodeScore(ni.node_name, pl.score(state, pod, ni)[0]) for ni in feasible]
    pl.normalize_score(state, pod, scores)
    return {s.name: s.score for s in scores}


def test_score_prefers_the_emptier_zone():
    pods = [foo("p-a1", "node-a"), foo("p-b1", "node-b"), foo("p-x1", "node-x")]
    pod = make_pod("p", labels_={"foo": ""}, spread=[constraint("zone", when="ScheduleAnyway")])
    got = score(pod, pods, zone_nodes())
    # zone1 has 2 matching pods, zone2 has 1: weight log(2+2); raw 2*w vs 1*w -> zone2 nodes get 100.
    assert got["node-x"] == got["node-y"] == 100
    assert got["node-a"] == got["node-b"] == 100 * (round(2 * 1.3862943611198906) + round(1 * 1.3862943611198906)
                                                    - round(2 * 1.3862943611198906)) // round(2 * 1.3862943611198906)


def test_system_default_constraints_follow_the_pods_service():
    svc = {"metadata": {"name": "s", "namespace": "default"}, "spec": {"selector": {"app": "web"}}}
    nodes = [make_node("n1", zone="z1"), make_node("n2", zone="z2")]
    pods = [make_pod("w1", node="n1", labels_={"app": "web"})]
    snap = snapshot(pods, nodes)
    pl = PodTopologySpread(PodTopologySpreadArgs(defaulting_type="System"), FakeHandle(snap, services=[svc]))
    state = new_state()
    pod = make_pod("w2", labels_={"app": "web"})
    _, s = pl.pre_filter(state, pod, snap.list())
    assert s.is_skip(), "system defaults are ScheduleAnyway only"
    assert pl.pre_score(state, pod, snap.list()) is None
    scores = [NodeScore(ni.node_name, pl.score(state, pod, ni)[0]) for ni in snap.list()]
    pl.normalize_score(state, pod, scores)
    assert scores[1].score == 100 and scores[0].score < 100
    bare = make_pod("x")
    assert pl.pre_score(new_state(), bare, snap.list()).is_skip()
