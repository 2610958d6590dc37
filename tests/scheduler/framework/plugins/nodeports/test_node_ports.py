"""NodePorts: a requested hostPort must be free (node_ports_test.go)."""

import pytest

from kubelab.scheduler.framework.interface import Code
from kubelab.scheduler.framework.plugins.nodeports.node_ports import ERR_REASON, NodePorts

from ....wrappers import make_node, make_pod, new_state, node_info, snapshot


def port(p, proto="TCP", ip=""):
    d = {"containerPort": p, "hostPort": p, "protocol": proto}
    if ip:
        d["hostIP"] = ip
    return d


def with_ports(name, *ports, node=None):
    return make_pod(name, node=node, containers=[{"name": "c", "image": "x", "ports": list(ports)}])


CASES = [
    ("nothing running", [], [port(8080)], True),
    ("other port", [port(9090)], [port(8080)], True),
    ("same udp port", [port(8080, "UDP", "127.0.0.1")], [port(8080, "UDP", "127.0.0.1")], False),
    ("same tcp port", [port(8080, "TCP", "127.0.0.1")], [port(8080, "TCP", "127.0.0.1")], False),
    ("different host ip", [port(8080, "TCP", "127.0.0.2")], [port(8080, "TCP", "127.0.0.1")], True),
    ("different protocol", [port(8080, "TCP", "127.0.0.1")], [port(8080, "UDP", "127.0.0.1")], True),
    ("second udp port conflict", [port(8080, "UDP", "127.0.0.1")], [port(8080, "UDP", "127.0.0.1"), port(8081, "UDP", "127.0.0.1")], False),
    ("first tcp port conflict due to 0.0.0.0 hostIP", [port(8001, "TCP", "10.0.10.10")], [port(8001, "TCP", "0.0.0.0")], False),
    ("TCP hostPort conflict due to 0.0.0.0 hostIP", [port(8001, "TCP", "0.0.0.0")], [port(8001, "TCP", "10.0.10.10")], False),
    ("second tcp port conflict to 0.0.0.0 hostIP", [port(8001, "TCP", "0.0.0.0")], [port(8001, "UDP", "10.0.10.10")], True),
]


@pytest.mark.parametrize("name,existing,want,fits", CASES, ids=[c[0] for c in CASES])
def test_host_ports_must_be_free(name, existing, want, fits):
    pods = [with_ports("e", *existing, node="n")] if existing else []
    snap = snapshot(pods, [make_node("n")])
    pl = NodePorts()
    state = new_state()
    pod = with_ports("p", *want)
    _, s = pl.pre_filter(state, pod, snap.list())
    assert s is None
    got = pl.filter(state, pod, node_info(snap, "n"))
    assert (got is None) == fits
    if not fits:
        assert got.code() == Code.UNSCHEDULABLE and got.reasons == [ERR_REASON]
    assert bool(pl.filter_nodes(state, pod, snap.node_table())[0]) == fits


def test_pods_without_host_ports_skip_the_plugin():
    _, s = NodePorts().pre_filter(new_state(), make_pod("p"), [])
    assert s.is_skip()
