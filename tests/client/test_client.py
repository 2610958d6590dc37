"""The client per identity: verbs as SimPy processes that take the modelled time."""

import pytest

from kubelab import Cluster
from kubelab.api import errors
from kubelab.engine import LatencyModel


@pytest.fixture
def slow():
    return Cluster(nodes=1, seed=0, latency=LatencyModel(
        {"api_request": 0.010, "etcd_read": 0.002, "etcd_write": 0.005, "watch_delivery": 0.001}, jitter=0.0))


def test_a_write_takes_the_request_and_etcd_latency(slow):
    client = slow.component_client("system:tester", ("system:masters",))
    done = {}

    def proc():
        start = slow.now
        yield from client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}})
        done["create"] = slow.now - start
        start = slow.now
        yield from client.get("configmaps", "a")
        done["get"] = slow.now - start

    slow.env.process(proc())
    slow.run(1)
    assert done["create"] == pytest.approx(0.010 + 0.005)
    assert done["get"] == pytest.approx(0.010 + 0.002)


def test_a_watcher_sees_a_create_after_the_delivery_latency(slow):
    client = slow.component_client("system:tester", ("system:masters",))
    seen = []

    def watcher():
        w = yield from client.watch("configmaps", "default", resource_version=str(slow.apiserver.kv.rev))
        batch = yield w.next()
        seen.extend((slow.now, e["type"], e["object"]["metadata"]["name"]) for e in batch)

    def writer():
        yield slow.env.timeout(0.1)
        yield from client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}})

    start = slow.now
    slow.env.process(watcher())
    slow.env.process(writer())
    slow.run(1)
    (t, typ, name), = seen
    assert (typ, name) == ("ADDED", "b")
    # the watch itself took 10 ms to open; the write lands 10 ms after it is sent; delivery 1 ms
    assert t - start == pytest.approx(0.1 + 0.010 + 0.001)


def test_errors_reach_the_caller_as_api_errors(slow):
    client = slow.component_client("system:tester", ("system:masters",))
    caught = []

    def proc():
        try:
            yield from client.get("pods", "missing")
        except errors.NotFound as e:
            caught.append(e.message)

    slow.env.process(proc())
    slow.run(1)
    assert caught == ['pods "missing" not found']


def test_a_direct_client_serves_at_the_current_instant(slow):
    before = slow.now
    slow.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}})
    assert slow.now == before


def test_each_identity_is_authorized_by_its_own_rbac(fast_cluster):
    c = fast_cluster
    c.apply("""
apiVersion: v1
kind: ServiceAccount
metadata: {name: reader}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: reader, namespace: default}]
""")
    reader = c.service_account_client("default", "reader")
    assert reader.list("configmaps", "default")["kind"] == "ConfigMapList"
    with pytest.raises(errors.Forbidden) as e:
        reader.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "no"}})
    assert e.value.message == ('configmaps is forbidden: User "system:serviceaccount:default:reader" cannot create '
                               'resource "configmaps" in API group "" in the namespace "default"')
