"""DefaultPreemption: victims per node, PDB awareness and node choice (default_preemption_test.go)."""

from kubelab.scheduler.framework.plugins.defaultpreemption.default_preemption import (
    filter_pods_with_pdb_violation,
)
from kubelab.scheduler.framework.preemption.preemption import Victims, pick_one_node_for_preemption
from kubelab.scheduler.framework.types import PodInfo

from ....wrappers import make_pod


def pdb(allowed, **match):
    return {"metadata": {"name": "pdb", "namespace": "default"}, "spec": {"selector": {"matchLabels": match}},
            "status": {"disruptionsAllowed": allowed}}


def test_pdb_violating_victims_are_separated():
    pods = [PodInfo(make_pod(f"p{i}", labels_={"app": "a"})) for i in range(3)] + [PodInfo(make_pod("other"))]
    violating, ok = filter_pods_with_pdb_violation(pods, [pdb(1, app="a")])
    assert [p.pod["metadata"]["name"] for p in violating] == ["p1", "p2"]
    assert [p.pod["metadata"]["name"] for p in ok] == ["p0", "other"]


def v(*prios, pdb_violations=0):
    return Victims([make_pod(f"v{i}", priority=p, start_time="2025-01-01T00:00:00Z") for i, p in enumerate(prios)],
                   pdb_violations)


def test_pick_one_node_prefers_fewest_pdb_violations_then_lowest_priorities():
    assert pick_one_node_for_preemption({"a": v(1, pdb_violations=1), "b": v(5)}, None, 0) == "b"
    # "a node with lowest highest priority victim is picked"
    assert pick_one_node_for_preemption({"a": v(10, 1), "b": v(5, 5, 5)}, None, 0) == "b"
    # equal highest priority: the smallest sum of priorities wins
    assert pick_one_node_for_preemption({"a": v(5, 4), "b": v(5, 1)}, None, 0) == "b"
    # equal sums: the fewest pods
    assert pick_one_node_for_preemption({"a": v(5, 1, 1), "b": v(5, 2)}, None, 0) == "b"
