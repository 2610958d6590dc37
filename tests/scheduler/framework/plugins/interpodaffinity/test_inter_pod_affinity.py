"""InterPodAffinity: required (anti-)affinity filter and the preferred-terms score (filtering_test.go, scoring_test.go)."""

from kubelab.scheduler.apis.config.types import InterPodAffinityArgs
from kubelab.scheduler.framework.interface import Code, NodeScore
from kubelab.scheduler.framework.plugins.interpodaffinity.filtering import (
    ERR_REASON_AFFINITY_RULES_NOT_MATCH,
    ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
    ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
)
from kubelab.scheduler.framework.plugins.interpodaffinity.plugin import InterPodAffinity

from ....wrappers import FakeHandle, make_node, make_pod, new_state, snapshot


def term(key, op, values, topology="region"):
    return {"labelSelector": {"matchExpressions": [{"key": key, "operator": op, "values": values}]},
            "topologyKey": topology}


def affinity(*terms):
    return {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": list(terms)}}


def anti(*terms):
    return {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": list(terms)}}


def run(pod, pods, nodes):
    snap = snapshot(pods, nodes)
    pl = InterPodAffinity(InterPodAffinityArgs(1), FakeHandle(snap, namespaces=[]))
    state = new_state()
    _, s = pl.pre_filter(state, pod, snap.list())
    if s is not None and s.is_skip():
        return {ni.node_name: None for ni in snap.list()}
    out = {}
    for ni in snap.list():
        st = pl.filter(state, pod, ni)
        out[ni.node_name] = None if st is None else (st.code(), st.reasons[0])
    return out


NODES = [make_node("nodeA", labels_={"region": "r1", "zone": "z11"}),
         make_node("nodeB", labels_={"region": "r1", "zone": "z12"}),
         make_node("nodeC", labels_={"region": "r2", "zone": "z21"})]


def test_satisfies_with_pod_affinity_in_the_same_region():
    existing = [make_pod("e", node="nodeA", labels_={"service": "securityscan"})]
    pod = make_pod("p", affinity=affinity(term("service", "In", ["securityscan", "value2"])))
    got = run(pod, existing, NODES)
    assert got["nodeA"] is None and got["nodeB"] is None
    assert got["nodeC"] == (Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_AFFINITY_RULES_NOT_MATCH)


def test_the_first_pod_of_a_self_affine_group_fits_anywhere():
    pod = make_pod("p", labels_={"service": "s"}, affinity=affinity(term("service", "In", ["s"])))
    assert all(v is None for v in run(pod, [], NODES).values())


def test_anti_affinity_keeps_the_pod_out_of_the_region():
    existing = [make_pod("e", node="nodeA", labels_={"service": "securityscan"})]
    pod = make_pod("p", affinity=anti(term("service", "In", ["securityscan"])))
    got = run(pod, existing, NODES)
    assert got["nodeA"] == got["nodeB"] == (Code.UNSCHEDULABLE, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH)
    assert got["nodeC"] is None


def test_existing_pods_anti_affinity_is_honoured():
    existing = [make_pod("e", node="nodeA", labels_={"app": "x"},
                         affinity=anti(term("security", "In", ["S1"], topology="zone")))]
    got = run(make_pod("p", labels_={"security": "S1"}), existing, NODES)
    assert got["nodeA"] == (Code.UNSCHEDULABLE, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH)
    assert got["nodeB"] is None and got["nodeC"] is None


def test_pods_without_affinity_skip_when_no_pod_has_required_anti_affinity():
    snap = snapshot([make_pod("e", node="nodeA")], NODES)
    _, s = InterPodAffinity(InterPodAffinityArgs(1), FakeHandle(snap)).pre_filter(new_state(), make_pod("p"), snap.list())
    assert s.is_skip()


def test_preferred_affinity_scores_min_max_normalized():
    existing = [make_pod("e1", node="nodeA", labels_={"security": "S1"}),
                make_pod("e2", node="nodeC", labels_={"security": "S2"})]
    pod = make_pod("p", affinity={"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
        {"weight": 5, "podAffinityTerm": term("security", "In", ["S1"])}]}})
    snap = snapshot(existing, NODES)
    pl = InterPodAffinity(InterPodAffinityArgs(1), FakeHandle(snap))
    state = new_state()
    assert pl.pre_score(state, pod, snap.list()) is None
    scores = [NodeScore(ni.node_name, pl.score(state, pod, ni)[0]) for ni in snap.list()]
    assert [s.score for s in scores] == [5, 5, 0]
    pl.normalize_score(state, pod, scores)
    assert [s.score for s in scores] == [100, 100, 0]


def test_hard_affinity_of_existing_pods_scores_with_the_configured_weight():
    existing = [make_pod("e1", node="nodeC", affinity=affinity(term("app", "In", ["web"])))]
    snap = snapshot(existing, NODES)
    pl = InterPodAffinity(InterPodAffinityArgs(7), FakeHandle(snap))
    state = new_state()
    pod = make_pod("p", labels_={"app": "web"})
    assert pl.pre_score(state, pod, snap.list()) is None
    assert [pl.score(state, pod, ni)[0] for ni in snap.list()] == [0, 0, 7]
