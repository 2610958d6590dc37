"""NodeUnschedulable (node_unschedulable_test.go)."""

import pytest

from kubelab.scheduler.framework.plugins.nodeunschedulable.node_unschedulable import (
    ERR_REASON_UNSCHEDULABLE,
    NodeUnschedulable,
)

from ....wrappers import make_node, make_pod, new_state, node_info, snapshot

TOL = [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}]
CASES = [
    ("Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)", True, None, False),
    ("Schedule pod to normal node", False, None, True),
    ("Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)", True, TOL, True),
]


@pytest.mark.parametrize("name,unsched,tols,fits", CASES, ids=[c[0] for c in CASES])
def test_cordoned_nodes_reject_pods_without_the_toleration(name, unsched, tols, fits):
    snap = snapshot([], [make_node("n", unschedulable=unsched)])
    s = NodeUnschedulable().filter(new_state(), make_pod("p", tolerations=tols), node_info(snap, "n"))
    assert (s is None) == fits
    if not fits:
        assert s.reasons == [ERR_REASON_UNSCHEDULABLE]
