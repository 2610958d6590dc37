"""NodeName (node_name_test.go)."""

from kubelab.scheduler.framework.plugins.nodename.node_name import ERR_REASON, NodeName

from ....wrappers import make_node, make_pod, new_state, node_info, snapshot


def test_node_name_filter():
    snap = snapshot([], [make_node("foo"), make_node("bar")])
    pl = NodeName()
    assert pl.filter(new_state(), make_pod("p"), node_info(snap, "foo")) is None
    named = make_pod("p")
    named["spec"]["nodeName"] = "foo"
    assert pl.filter(new_state(), named, node_info(snap, "foo")) is None
    assert pl.filter(new_state(), named, node_info(snap, "bar")).reasons == [ERR_REASON]
    assert list(pl.filter_nodes(new_state(), named, snap.node_table())) == [True, False]
