"""Bad input gets the real API server's error, and nothing stored changes."""

import copy

import pytest

from kubelab.api import errors
from kubelab.engine import LatencyModel
from tests.conftest import pod_manifest

DEPLOY = {
    "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
    "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {"labels": {"app": "web"}},
                          "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
}


def deploy(**changes):
    d = copy.deepcopy(DEPLOY)
    for path, value in changes.items():
        cur = d
        keys = path.split("__")
        for k in keys[:-1]:
            cur = cur[k]
        cur[keys[-1]] = value
    return d


def unchanged(c):
    """The store's revision and contents, to prove a failed request wrote nothing."""
    kvs, rev = c.apiserver.kv.range("/")
    return rev, [(kv.key, kv.mod_revision) for kv in kvs]


def test_unknown_field_is_rejected_by_strict_field_validation(fast_cluster):
    c = fast_cluster
    d = deploy()
    d["spec"]["template"]["spec"]["contianers"] = d["spec"]["template"]["spec"].pop("containers")
    before = unchanged(c)
    with pytest.raises(errors.BadRequest) as e:
        c.client.create("deployments", d)
    assert e.value.code == 400
    assert e.value.message == ('Deployment in version "v1" cannot be handled as a Deployment: '
                               'strict decoding error: unknown field "spec.template.spec.contianers"')
    assert unchanged(c) == before


def test_wrong_type_names_the_go_field_and_type(fast_cluster):
    with pytest.raises(errors.BadRequest) as e:
        fast_cluster.client.create("deployments", deploy(spec__replicas="three"))
    assert e.value.message == ('Deployment in version "v1" cannot be handled as a Deployment: json: cannot '
                               'unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32')


def test_invalid_name_is_422_with_the_field_path_in_causes(fast_cluster):
    with pytest.raises(errors.Invalid) as e:
        fast_cluster.client.create("pods", pod_manifest("Web_1"))
    assert e.value.code == 422
    assert e.value.message.startswith('Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": '
                                      "a lowercase RFC 1123 subdomain must consist of")
    assert e.value.causes[0]["field"] == "metadata.name"
    assert e.value.causes[0]["reason"] == "FieldValueInvalid"


def test_selector_that_does_not_match_the_template_is_invalid(fast_cluster):
    d = deploy()
    d["spec"]["template"]["metadata"]["labels"] = {"app": "nginx"}
    with pytest.raises(errors.Invalid) as e:
        fast_cluster.client.create("deployments", d)
    assert ('spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: '
            "`selector` does not match template `labels`") in e.value.message
    assert e.value.message.startswith('Deployment.apps "web" is invalid: ')
    assert {c["field"] for c in e.value.causes} >= {"spec.template.metadata.labels"}


def test_update_with_a_stale_resource_version_is_a_conflict(fast_cluster):
    c = fast_cluster
    first = c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"},
                                           "data": {"a": "1"}})
    second = copy.deepcopy(first)
    second["data"]["a"] = "2"
    c.client.update("configmaps", second)
    first["data"]["a"] = "3"
    with pytest.raises(errors.Conflict) as e:
        c.client.update("configmaps", first)
    assert e.value.code == 409
    assert e.value.message == ('Operation cannot be fulfilled on configmaps "cfg": the object has been modified; '
                               "please apply your changes to the latest version and try again")
    assert c.client.get("configmaps", "cfg")["data"] == {"a": "2"}


def test_creating_an_existing_object_is_already_exists(fast_cluster):
    c = fast_cluster
    c.client.create("deployments", deploy())
    with pytest.raises(errors.AlreadyExists) as e:
        c.client.create("deployments", deploy())
    assert e.value.message == 'deployments.apps "web" already exists'
    assert e.value.status["details"] == {"name": "web", "group": "apps", "kind": "deployments"}


def test_getting_a_missing_object_is_not_found(fast_cluster):
    with pytest.raises(errors.NotFound) as e:
        fast_cluster.client.get("pods", "nope")
    assert e.value.message == 'pods "nope" not found' and e.value.code == 404


def test_creating_in_a_terminating_namespace_is_forbidden(fast_cluster):
    c = fast_cluster
    c.client.create("namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "old"}})
    c.client.delete("namespaces", "old")
    assert c.client.get("namespaces", "old")["status"]["phase"] == "Terminating"
    with pytest.raises(errors.Forbidden) as e:
        c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, "old")
    assert e.value.message == ('configmaps "x" is forbidden: unable to create new content in namespace old '
                               "because it is being terminated")


def test_creating_in_a_missing_namespace_is_not_found(fast_cluster):
    with pytest.raises(errors.NotFound) as e:
        fast_cluster.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap",
                                                  "metadata": {"name": "x"}}, "nowhere")
    assert e.value.message == 'namespaces "nowhere" not found'


def test_rbac_denies_an_unbound_user_in_upstreams_words(fast_cluster):
    jane = fast_cluster.client_for("jane")
    with pytest.raises(errors.Forbidden) as e:
        jane.list("pods", "default")
    assert e.value.message == ('pods is forbidden: User "jane" cannot list resource "pods" in API group "" '
                               'in the namespace "default"')


def test_more_requests_in_flight_than_allowed_get_429():
    from kubelab.cluster import Cluster

    c = Cluster(nodes=1, seed=0, latency=LatencyModel({"api_request": 1.0}, jitter=0.0), trace_level=0)
    c.apiserver.max_inflight = 3  # --max-requests-inflight=3
    c.run(5)
    client = c.component_client("system:lister", ("system:masters",))
    outcomes = []

    def lister():
        try:
            yield from client.list("pods", "default")
            outcomes.append("ok")
        except errors.TooManyRequests as e:
            outcomes.append(e.code)

    for _ in range(5):
        c.env.process(lister())
    c.run(3)
    assert outcomes.count("ok") == 3 and outcomes.count(429) == 2


def test_a_multi_document_apply_applies_the_valid_documents_and_reports_the_invalid(fast_cluster):
    c = fast_cluster
    text = """
apiVersion: v1
kind: ConfigMap
metadata: {name: good}
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: Bad_Name}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec: {ports: [{port: 80}], selector: {app: web}}
"""
    with pytest.raises(errors.Invalid):
        c.apply(text)
    assert c.get("configmaps", "good")["data"] == {"a": "1"}
    assert c.get("services", "svc")["spec"]["ports"][0]["targetPort"] == 80
    out = c.kubectl("apply -f -", stdin=text)
    assert out.exit_code == 1
    assert "configmap/good unchanged" in out.stdout and "service/svc unchanged" in out.stdout
    assert 'ConfigMap "Bad_Name" is invalid' in out.stderr


def test_broken_yaml_is_reported_with_its_line(fast_cluster):
    out = fast_cluster.kubectl("apply -f -", stdin="apiVersion: v1\nkind: ConfigMap\nmetadata: name: x\n")
    assert out.exit_code == 1
    assert "yaml: line 3" in out.stderr


def test_an_unknown_kind_says_no_matches(fast_cluster):
    out = fast_cluster.kubectl("apply -f -", stdin=(
        "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: hello}\n"
        "spec: {schedule: '* * * * *', jobTemplate: {spec: {template: {spec: {containers: [{name: h, image: busybox}], "
        "restartPolicy: OnFailure}}}}}\n"))
    assert out.exit_code == 1
    assert 'no matches for kind "CronJob" in version "batch/v1beta1"' in out.stderr
    assert fast_cluster.get("cronjobs") == []


def test_missing_kind_is_reported_by_kubectl(fast_cluster):
    out = fast_cluster.kubectl("apply -f -", stdin="apiVersion: v1\nmetadata: {name: x}\n")
    assert out.exit_code == 1
    assert "Kind" in out.stderr or "kind" in out.stderr


def test_no_error_escapes_as_anything_but_an_api_error(fast_cluster):
    for body in [None, [], "not json", {"apiVersion": "v1", "kind": "Pod", "metadata": []}]:
        with pytest.raises(errors.ApiError):
            fast_cluster.client.request("POST", "/api/v1/namespaces/default/pods", body=body,
                                        content_type="application/json")
