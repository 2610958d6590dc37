"""kube-apiserver's non-resource endpoints, server chain, audit log and metrics."""

import pytest

from kubelab.api import errors
from kubelab.apiserver.audit import LEVEL_REQUEST_RESPONSE, Policy, PolicyRule


def test_version_reports_the_mirrored_kubernetes_version(fast_cluster):
    v = fast_cluster.request("GET", "/version")
    assert (v["major"], v["minor"], v["gitVersion"]) == ("1", "34", "v1.34.1")


def test_readyz_verbose_lists_named_checks(fast_cluster):
    text = fast_cluster.health("readyz")
    assert text.startswith("[+]ping ok\n[+]log ok\n[+]etcd ok\n")
    assert "[+]informer-sync ok" in text and "[+]poststarthook/rbac/bootstrap-roles ok" in text
    assert text.endswith("readyz check passed\n")
    assert fast_cluster.apiserver.health("livez")[1] == "ok"
    assert fast_cluster.request("GET", "/healthz/etcd") == (200, "ok")


def test_discovery_lists_groups_resources_short_names_and_categories(fast_cluster):
    groups = fast_cluster.request("GET", "/apis")
    assert "apps" in [g["name"] for g in groups["groups"]]
    core = {r["name"]: r for r in fast_cluster.request("GET", "/api/v1")["resources"]}
    assert core["pods"]["shortNames"] == ["po"] and core["pods"]["categories"] == ["all"]
    assert core["pods"]["namespaced"] and not core["nodes"]["namespaced"]
    assert core["pods/log"]["verbs"] == ["get"]
    apps = {r["name"]: r for r in fast_cluster.request("GET", "/apis/apps/v1")["resources"]}
    assert apps["deployments/scale"]["group"] == "autoscaling" and apps["deployments"]["shortNames"] == ["deploy"]


def test_aggregated_discovery_is_negotiated_from_accept(fast_cluster):
    accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
    doc = fast_cluster.client.request("GET", "/apis", accept=accept)
    assert doc["kind"] == "APIGroupDiscoveryList" and doc["apiVersion"] == "apidiscovery.k8s.io/v2"
    old = fast_cluster.client.request("GET", "/api", accept=accept.replace("v=v2;", "v=v2beta1;"))
    assert old["apiVersion"] == "apidiscovery.k8s.io/v2beta1"
    assert old["items"][0]["versions"][0]["resources"][0]["resource"] == "bindings"


def test_an_unknown_group_falls_through_the_server_chain_to_404(fast_cluster):
    with pytest.raises(errors.ApiError) as e:
        fast_cluster.request("GET", "/apis/example.com/v1/widgets")
    assert (e.value.code, e.value.message) == (404, "the server could not find the requested resource")


def test_the_audit_log_records_each_request_at_its_policy_level():
    from kubelab import Cluster

    policy = Policy([PolicyRule("None", users=("system:apiserver",)),
                     PolicyRule(LEVEL_REQUEST_RESPONSE, resources=("configmaps",)),
                     PolicyRule("Metadata")])
    c = Cluster(nodes=1, seed=0, audit_policy=policy)
    c.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "audited"}})
    ev = c.audit.events[-1]
    assert ev["level"] == "RequestResponse" and ev["verb"] == "create"
    assert ev["objectRef"] == {"resource": "configmaps", "namespace": "default", "apiVersion": "v1"}
    assert ev["responseStatus"]["code"] == 201 and ev["responseObject"]["metadata"]["name"] == "audited"
    assert ev["user"]["username"] == "kubernetes-admin"
    assert not [e for e in c.audit.events if e["user"]["username"] == "system:apiserver"]
    assert c.audit.frame().iloc[-1]["code"] == 201


def test_request_metrics_use_upstreams_names_and_labels(fast_cluster):
    fast_cluster.get("pods")
    text = fast_cluster.metrics.text()
    assert ('apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="pods",'
            'scope="namespace",subresource="",verb="LIST",version="v1"}') in text
    assert "# TYPE apiserver_request_duration_seconds histogram" in text
    assert "etcd_request_duration_seconds_bucket" in text
    df = fast_cluster.metrics.frame()
    assert set(df.columns) == {"metric", "type", "labels", "value"}


def test_a_bug_in_a_handler_answers_500_and_is_traced(fast_cluster, monkeypatch):
    from kubelab.apiserver.endpoints import handlers

    def boom(*_a, **_k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(handlers, "list_", boom)
    with pytest.raises(errors.InternalError) as e:
        fast_cluster.get("pods")
    assert e.value.code == 500 and "simulated bug" in e.value.message
    panic = [r for r in fast_cluster.env.trace if r["action"] == "WithPanicRecovery"][-1]
    assert panic["message"] == "panic: RuntimeError: simulated bug"
    monkeypatch.undo()
    assert fast_cluster.get("nodes", namespace=None)


def test_whoami_and_service_account_tokens(fast_cluster):
    c = fast_cluster
    me = c.client.create("selfsubjectreviews", {"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"})
    assert me["status"]["userInfo"] == {"username": "kubernetes-admin",
                                        "groups": ["system:masters", "system:authenticated"]}
    tr = c.client.create("serviceaccounts", {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
                                             "spec": {}}, subresource="token", name="default")
    from kubelab.client.client import DirectClient

    as_sa = DirectClient(c.apiserver, tr["status"]["token"], "kubectl/v1.34.1", "kubectl")
    who = as_sa.create("selfsubjectreviews", {"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"})
    assert who["status"]["userInfo"]["username"] == "system:serviceaccount:default:default"
