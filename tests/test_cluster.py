"""The Cluster facade: what a new cluster holds, applying manifests, time, determinism."""

import pathlib

import pytest

from kubelab import ApiError, Cluster
from kubelab.engine import LatencyModel

HANDBOOK = pathlib.Path(__file__).parent / "fixtures" / "handbook-nginx.yaml"


def test_a_new_cluster_has_the_system_namespaces_and_the_kubernetes_service(cluster):
    assert [n["metadata"]["name"] for n in cluster.get("namespaces", namespace=None)] == [
        "default", "kube-node-lease", "kube-public", "kube-system"]
    svc = cluster.get("services", "kubernetes")
    assert svc["spec"]["clusterIP"] == "10.96.0.1"
    assert svc["spec"]["ports"] == [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]
    assert cluster.get("endpoints", "kubernetes")["subsets"][0]["ports"][0]["port"] == 6443


def test_a_new_cluster_has_the_bootstrap_rbac_policy(cluster):
    roles = {r["metadata"]["name"] for r in cluster.get("clusterroles", namespace=None)}
    assert {"cluster-admin", "admin", "edit", "view", "system:kube-scheduler", "system:kube-controller-manager",
            "system:node", "system:controller:deployment-controller"} <= roles
    bindings = {b["metadata"]["name"] for b in cluster.get("clusterrolebindings", namespace=None)}
    assert {"cluster-admin", "system:kube-scheduler", "system:kube-controller-manager"} <= bindings


def test_every_namespace_gets_a_default_service_account_and_the_root_ca(cluster):
    cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n")
    cluster.run(1)
    assert cluster.get("serviceaccounts", "default", "team")["metadata"]["name"] == "default"
    assert "ca.crt" in cluster.get("configmaps", "kube-root-ca.crt", "team")["data"]


def test_get_all_on_a_new_cluster_shows_what_a_real_one_shows_for_its_objects(cluster):
    out = cluster.kubectl("get all -A")
    assert out.stdout == (
        "NAMESPACE   NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
        "default     service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n")


def test_nodes_register_ready_with_their_capacity(cluster):
    out = cluster.kubectl("get nodes")
    assert out.stdout.splitlines() == [
        "NAME     STATUS   ROLES    AGE   VERSION",
        "node-1   Ready    <none>   0s    v1.34.1",
        "node-2   Ready    <none>   0s    v1.34.1",
        "node-3   Ready    <none>   0s    v1.34.1",
    ]
    custom = Cluster(nodes=[{"name": "big", "cpu": "16", "memory": "64Gi", "labels": {"disk": "ssd"}}], seed=1)
    node = custom.get("nodes", "big")
    assert node["status"]["capacity"]["cpu"] == "16" and node["metadata"]["labels"]["disk"] == "ssd"


def test_the_handbook_nginx_deployment_and_service_apply_and_read_back(cluster):
    lines = cluster.apply(HANDBOOK)
    assert lines == ["deployment.apps/nginx-deployment created", "service/nginx-service created"]
    d = cluster.get("deployments", "nginx-deployment")
    assert d["spec"]["replicas"] == 3
    assert d["spec"]["strategy"] == {"type": "RollingUpdate",
                                     "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}
    assert d["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"] == {"cpu": "250m", "memory": "64Mi"}
    svc = cluster.get("services", "nginx-service")
    assert svc["spec"]["type"] == "ClusterIP" and svc["spec"]["clusterIP"].startswith("10.")
    assert cluster.apply(HANDBOOK) == ["deployment.apps/nginx-deployment unchanged", "service/nginx-service unchanged"]
    changed = HANDBOOK.read_text().replace("nginx:1.20", "nginx:1.21")
    assert cluster.apply(changed)[0] == "deployment.apps/nginx-deployment configured"
    assert cluster.get("deployments", "nginx-deployment")["metadata"]["generation"] == 2


def test_run_advances_simulated_time_and_run_until_stops_when_true(cluster):
    start = cluster.now
    cluster.run(30)
    assert cluster.now == pytest.approx(start + 30)
    assert cluster.run_until(lambda c: c.now >= start + 40, timeout=60)
    assert cluster.now == pytest.approx(start + 40, abs=0.11)
    assert not cluster.run_until(lambda c: False, timeout=1)


def test_ages_are_measured_on_the_simulated_clock(cluster):
    cluster.run(125)
    assert cluster.kubectl("get ns default").stdout.split("\n")[1].split()[-1] == "2m5s"


def test_the_same_seed_gives_the_same_trace_byte_for_byte():
    def run() -> str:
        c = Cluster(nodes=2, seed=7)
        c.apply(HANDBOOK)
        c.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "cfg-"}})
        c.run(5)
        return c.trace.to_csv() + str([o["metadata"]["uid"] for o in c.get("configmaps")])

    assert run() == run()


def test_different_seeds_give_different_identities():
    a, b = Cluster(nodes=1, seed=1), Cluster(nodes=1, seed=2)
    assert a.get("namespaces", "default")["metadata"]["uid"] != b.get("namespaces", "default")["metadata"]["uid"]


def test_events_are_a_dataframe_of_core_v1_events(cluster):
    cluster.create({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e1"},
                    "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default"},
                    "reason": "Tested", "message": "hello", "type": "Normal", "count": 1,
                    "source": {"component": "pytest"}})
    ev = cluster.events
    assert list(ev.columns) == ["time", "namespace", "type", "reason", "object", "message", "count", "source"]
    assert ev.iloc[-1][["reason", "object", "source"]].tolist() == ["Tested", "pod/web", "pytest"]


def test_a_snapshot_restored_brings_back_the_saved_objects(fast_cluster):
    c = fast_cluster
    c.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "keep"}, "data": {"a": "1"}})
    blob = c.snapshot()
    c.delete("configmaps", "keep")
    c.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "later"}})
    c.restore(blob)
    assert c.get("configmaps", "keep")["data"] == {"a": "1"}
    with pytest.raises(ApiError):
        c.get("configmaps", "later")
    svc = c.create({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"port": 80}]}})
    assert svc["spec"]["clusterIP"] != "10.96.0.1"


def test_api_requests_are_traced_between_components(cluster):
    cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: traced}\n")
    rows = cluster.trace
    row = rows[(rows.action == "create") & (rows.name == "") & (rows.kind == "configmaps")].iloc[-1]
    assert (row.src, row.dst) == ("kubectl", "kube-apiserver")
    assert row.message == "POST /api/v1/namespaces/default/configmaps 201"


def test_handler_chain_filters_are_steps_in_the_trace_at_verbosity_4():
    c = Cluster(nodes=1, seed=0, trace_level=4, latency=LatencyModel.zero())
    since = len(c.env.trace)
    c.get("pods")
    actions = [r["action"] for r in list(c.env.trace)[since:]]
    assert actions[:8] == ["WithPanicRecovery", "WithRequestInfo", "WithTimeoutForNonLongRunningRequests",
                           "WithAudit", "WithAuthentication", "WithAuthorization", "WithMaxInFlightLimit",
                           "kube-aggregator"]
    assert "kube-apiserver" in actions


def test_start_up_steps_are_recorded(cluster):
    steps = cluster.trace.query("component == 'kube-apiserver' and level <= 2").action.tolist()[:5]
    assert steps == ["Complete", "Validate", "CreateServerChain", "PrepareRun", "Run"]
