"""NodeResourcesFit: Filter reasons and the three scoring strategies, as upstream's fit_test.go."""

import pytest

from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.apis.config.v1 import set_defaults_args
from kubelab.scheduler.framework.interface import Code
from kubelab.scheduler.framework.plugins.noderesources import fit
from kubelab.scheduler.framework.types import NodeInfo

from ....wrappers import container, make_node, make_pod, new_state


def node_with(pods, cpu="10m", memory="20", pods_cap=32, extra=None):
    ni = NodeInfo()
    ni.set_node(make_node("machine1", cpu=cpu, memory=memory, pods=pods_cap, extra=extra))
    for p in pods:
        ni.add_pod(p)
    return ni


def fit_plugin(strategy=cfg.LEAST_ALLOCATED, resources=None, shape=None, **kw):
    args = cfg.NodeResourcesFitArgs(scoring_strategy=cfg.ScoringStrategy(
        strategy, resources or [], cfg.RequestedToCapacityRatioParam(shape) if shape else None), **kw)
    set_defaults_args(args)
    return fit.Fit(args)


def run_filter(pod, ni, plugin=None):
    p = plugin or fit_plugin()
    state = new_state()
    p.pre_filter(state, pod, [ni])
    return p.filter(state, pod, ni)


CASES = [
    # (upstream test name, pod requests, existing pod requests, expected reasons)
    ("no resources requested always fits", {}, [("10m", "20")], []),
    ("too many resources fails", {"cpu": "1m", "memory": "1"}, [("10m", "20")],
     ["Insufficient cpu", "Insufficient memory"]),
    ("both resources fit", {"cpu": "1m", "memory": "1"}, [("5m", "5")], []),
    ("one resource memory fits", {"cpu": "2m", "memory": "1"}, [("9m", "5")], ["Insufficient cpu"]),
    ("one resource cpu fits", {"cpu": "1m", "memory": "2"}, [("5m", "19")], ["Insufficient memory"]),
    ("equal edge case", {"cpu": "5m", "memory": "1"}, [("5m", "19")], []),
]


@pytest.mark.parametrize("name,req,existing,reasons", CASES, ids=[c[0] for c in CASES])
def test_fit_filter_reports_every_insufficient_resource(name, req, existing, reasons):
    ni = node_with([make_pod(f"e{i}", cpu=c, memory=m, node="machine1") for i, (c, m) in enumerate(existing)])
    s = run_filter(make_pod("in", cpu=req.get("cpu"), memory=req.get("memory")), ni)
    if reasons:
        assert s.code() == Code.UNSCHEDULABLE and s.reasons == reasons
    else:
        assert s is None


def test_too_many_resources_fails_due_to_init_container_cpu():
    ni = node_with([make_pod("e", cpu="8m", memory="19", node="machine1")])
    pod = make_pod("in", cpu="1m", memory="1", init_containers=[container("3m", "1")])
    assert run_filter(pod, ni).reasons == ["Insufficient cpu"]


def test_even_without_specified_resources_predicate_fails_when_theres_no_space_for_additional_pod():
    ni = node_with([make_pod("e", cpu="10m", memory="20", node="machine1")], pods_cap=1)
    assert run_filter(make_pod("in"), ni).reasons == ["Too many pods"]


def test_extended_resource_fits_and_ignored_resources_are_skipped():
    ni = node_with([], extra={"example.com/foo": "5"})
    pod = make_pod("in", containers=[container(extra={"example.com/foo": "6"})])
    assert run_filter(pod, ni).reasons == ["Insufficient example.com/foo"]
    ignoring = fit_plugin(ignored_resources=["example.com/foo"])
    assert run_filter(pod, ni, ignoring) is None
    by_group = fit_plugin(ignored_resource_groups=["example.com"])
    assert run_filter(pod, ni, by_group) is None


def test_skip_checking_resource_request_with_quantity_zero():
    ni = node_with([])
    pod = make_pod("in", containers=[container("1m", "1", extra={"example.com/bar": "0"})])
    assert run_filter(pod, ni) is None


def test_sidecar_requests_add_to_containers_and_overhead_is_added():
    pod = make_pod("in", cpu="100m", init_containers=[
        {"name": "sidecar", "image": "x", "restartPolicy": "Always", "resources": {"requests": {"cpu": "50m"}}},
        {"name": "init", "image": "x", "resources": {"requests": {"cpu": "120m"}}}])
    pod["spec"]["overhead"] = {"cpu": "10m"}
    # max(containers 100 + sidecar 50, init 120 + sidecar 50) + overhead 10
    assert fit.compute_pod_resource_request(pod).milli_cpu == 180


def score(plugin, pod, nodes_and_pods):
    state = new_state()
    plugin.pre_score(state, pod, [])
    out = []
    for node, pods in nodes_and_pods:
        ni = NodeInfo()
        ni.set_node(node)
        for p in pods:
            ni.add_pod(p)
        out.append(plugin.score(state, pod, ni)[0])
    return out


def test_least_allocated_nothing_scheduled_resources_requested_differently_sized_nodes():
    # node1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 -> 37
    # node2: cpu (6000-3000)*100/6000 = 50, memory (10000-5000)*100/10000 = 50 -> 50
    pod = make_pod("in", containers=[container("1000m", "2000"), container("2000m", "3000")])
    got = score(fit_plugin(), pod, [(make_node("node1", "4", "10000"), []), (make_node("node2", "6", "10000"), [])])
    assert got == [37, 50]


def test_least_allocated_counts_non_zero_defaults_for_pods_without_requests():
    # The incoming pod requests nothing: 100m cpu and 200Mi memory are assumed for scoring.
    got = score(fit_plugin(), make_pod("in"), [(make_node("n", "4", "1Gi"), [])])
    cpu = (4000 - 100) * 100 // 4000
    mem = (1024**3 - 200 * 1024**2) * 100 // 1024**3
    assert got == [(cpu + mem) // 2]


def test_most_allocated_prefers_the_fuller_node():
    # node1: cpu 3000*100/4000 = 75, memory 5000*100/10000 = 50 -> 62
    pod = make_pod("in", containers=[container("1000m", "2000"), container("2000m", "3000")])
    got = score(fit_plugin(cfg.MOST_ALLOCATED), pod, [(make_node("node1", "4", "10000"), []),
                                                     (make_node("node2", "6", "10000"), [])])
    assert got == [62, 50]


def test_requested_to_capacity_ratio_follows_the_shape():
    shape = [cfg.UtilizationShapePoint(0, 10), cfg.UtilizationShapePoint(100, 0)]
    pl = fit_plugin(cfg.REQUESTED_TO_CAPACITY_RATIO, shape=shape)
    # utilization cpu 3000/4000 = 75 -> 100 - 75 = 25; memory 50 -> 50; round((25+50)/2) = 38 (37.5 rounds up)
    pod = make_pod("in", containers=[container("3000m", "5000")])
    assert score(pl, pod, [(make_node("node1", "4", "10000"), [])]) == [38]


def test_fit_vector_filter_agrees_with_the_reference_on_a_small_table():
    from kubelab.scheduler.backend.cache.snapshot import Snapshot
    nodes = [node_with([make_pod(f"e{i}", cpu=f"{i}m", memory="1", node="machine1")], cpu="10m") for i in range(8)]
    for i, ni in enumerate(nodes):
        ni.node = dict(ni.node, metadata={"name": f"n{i}", "labels": {}})
    snap = Snapshot(nodes)
    pl = fit_plugin()
    pod = make_pod("in", cpu="5m", memory="1")
    state = new_state()
    pl.pre_filter(state, pod, nodes)
    mask = pl.filter_nodes(state, pod, snap.node_table())
    assert list(mask) == [pl.filter(state, pod, ni) is None for ni in nodes]
