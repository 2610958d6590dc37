"""Volume binding at first consumer, and Permit plugins that make a pod wait."""

from kubelab.scheduler.framework.interface import Code, Status

from .cluster import events_for, new_cluster, node_of, pod, run_until_bound

LOCAL_PV = """
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-node2}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [node-2]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: local
  resources: {requests: {storage: 5Gi}}
"""


def with_claim(name, claim):
    p = pod(name)
    p["spec"]["volumes"] = [{"name": "d", "persistentVolumeClaim": {"claimName": claim}}]
    return p


def test_a_wait_for_first_consumer_claim_binds_the_local_volume_on_its_node():
    c = new_cluster(3)
    c.apply(LOCAL_PV)
    c.apply(with_claim("db", "data"))
    assert run_until_bound(c, "db")
    assert node_of(c, "db") == "node-2"
    assert c.get("pvc", "data")["spec"]["volumeName"] == "pv-node2"
    assert c.get("pv", "pv-node2")["spec"]["claimRef"]["name"] == "data"
    f = c.scheduler.explain("db").filter.set_index("node")
    assert f.loc["node-1", "reason"] == "node(s) didn't find available persistent volumes to bind"


def test_a_missing_claim_is_reported_and_the_pod_waits():
    c = new_cluster(1)
    c.apply(with_claim("db", "nope"))
    c.run(2)
    assert node_of(c, "db") is None
    assert any('persistentvolumeclaim "nope" not found' in m for r, m in events_for(c, "db"))


class Gate:
    """A Permit plugin that holds every pod until allowed, or for 2 s at most."""

    name = "Gate"

    def __init__(self, args, handle):
        self.handle = handle

    def permit(self, state, pod, node_name):
        return Status(Code.WAIT), 2.0


def test_permit_wait_times_out_then_the_pod_is_retried():
    c = new_cluster(1)
    c.scheduler.add_plugin(Gate)
    c.apply(pod("held"))
    c.run(1.5)
    assert node_of(c, "held") is None
    c.run(1)
    msgs = [m for r, m in events_for(c, "held") if r == "FailedScheduling"]
    assert msgs[0] == "0/1 nodes are available: 1 rejected due to timeout after waiting 2s at plugin Gate."


def test_permit_allow_lets_the_waiting_pod_bind():
    c = new_cluster(1)
    c.scheduler.add_plugin(Gate)
    c.apply(pod("held"))
    c.run(0.5)
    fwk = c.scheduler.profiles["default-scheduler"]
    uid = c.get("pods", "held")["metadata"]["uid"]
    waiting = fwk.get_waiting_pod(uid)
    assert waiting is not None and waiting.get_pending_plugins() == ["Gate"]
    waiting.allow("Gate")
    assert run_until_bound(c, "held", timeout=1)
