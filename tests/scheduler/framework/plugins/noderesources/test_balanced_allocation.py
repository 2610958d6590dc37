"""NodeResourcesBalancedAllocation (balanced_allocation_test.go)."""

from kubelab.scheduler.apis.config.types import NodeResourcesBalancedAllocationArgs
from kubelab.scheduler.apis.config.v1 import set_defaults_args
from kubelab.scheduler.framework.plugins.noderesources.balanced_allocation import (
    BalancedAllocation,
    balanced_resource_scorer,
)
from kubelab.scheduler.framework.types import NodeInfo

from ....wrappers import container, make_node, make_pod, new_state


def plugin():
    args = NodeResourcesBalancedAllocationArgs()
    set_defaults_args(args)
    return BalancedAllocation(args)


def score(pod, node, pods=()):
    pl = plugin()
    ni = NodeInfo()
    ni.set_node(node)
    for p in pods:
        ni.add_pod(p)
    state = new_state()
    s = pl.pre_score(state, pod, [ni])
    if s is not None and s.is_skip():
        return None
    return pl.score(state, pod, ni)[0]


def test_nothing_scheduled_resources_requested_differently_sized_nodes():
    # cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 -> std 0.125 -> 87
    pod = make_pod("p", containers=[container("1000m", "2000"), container("2000m", "3000")])
    assert score(pod, make_node("node1", "4", "10000")) == 87
    # cpu 3000/6000 = 0.5, memory 0.5 -> 100
    assert score(pod, make_node("node2", "6", "10000")) == 100


def test_existing_pods_count_with_their_requests():
    existing = [make_pod("e", cpu="3000m", memory="5000", node="n")]
    pod = make_pod("p", cpu="1000m", memory="0")
    # cpu (3000+1000)/10000 = 0.4, memory 5000/20000 = 0.25 -> std 0.075 -> 92
    assert score(pod, make_node("n", "10", "20000"), existing) == 92


def test_fractions_above_one_are_capped():
    assert balanced_resource_scorer([6000, 5000], [4000, 10000]) == 75


def test_best_effort_pods_are_not_scored():
    assert score(make_pod("p"), make_node("n")) is None
