"""kubectl against a whole simulated cluster, through ``Cluster.kubectl``."""

import pytest

from kubelab import Cluster

from .test_commands import DEPLOY_YAML, SERVICE_YAML


@pytest.fixture
def c():
    return Cluster(nodes=3, seed=0)


def test_get_nodes_shows_every_registered_node(c):
    c.run(90)
    r = c.kubectl("get nodes")
    assert (r.stdout, r.exit_code) == (
        "NAME     STATUS   ROLES    AGE   VERSION\n"
        "node-1   Ready    <none>   90s   v1.34.1\n"
        "node-2   Ready    <none>   90s   v1.34.1\n"
        "node-3   Ready    <none>   90s   v1.34.1\n", 0)


def test_apply_twice_is_unchanged_and_an_edit_is_configured(c):
    assert str(c.kubectl("apply -f -", stdin=DEPLOY_YAML + "---\n" + SERVICE_YAML)) == (
        "deployment.apps/web created\nservice/web created\n")
    assert str(c.kubectl("apply -f -", stdin=DEPLOY_YAML + "---\n" + SERVICE_YAML)) == (
        "deployment.apps/web unchanged\nservice/web unchanged\n")
    assert str(c.kubectl("apply -f -", stdin=DEPLOY_YAML.replace("nginx:1.25", "nginx:1.26"))) == (
        "deployment.apps/web configured\n")
    r = c.kubectl("get deploy web -o jsonpath={.spec.template.spec.containers[0].image}")
    assert str(r) == "nginx:1.26"


def test_cluster_apply_returns_kubectls_lines(c):
    assert c.apply(DEPLOY_YAML) == ["deployment.apps/web created"]
    assert c.apply(DEPLOY_YAML) == ["deployment.apps/web unchanged"]


def test_invalid_objects_print_the_servers_causes(c):
    r = c.kubectl("apply -f -", stdin=DEPLOY_YAML.replace("replicas: 2", "replicas: -1"))
    assert (str(r), r.exit_code) == (
        'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n', 1)


def test_unknown_fields_are_rejected_by_strict_field_validation(c):
    r = c.kubectl("apply -f -", stdin=DEPLOY_YAML.replace("image: nginx:1.25", "image: nginx:1.25\n        imagee: x"))
    assert str(r) == (
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled '
        'as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"\n')


def test_yaml_output_shows_the_server_defaults(c):
    c.kubectl("apply -f -", stdin=DEPLOY_YAML)
    out = c.kubectl("get deploy web -o yaml").stdout
    assert "  progressDeadlineSeconds: 600\n" in out
    assert "      - image: nginx:1.25\n        imagePullPolicy: IfNotPresent\n        name: nginx\n" in out
    assert out.startswith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n"
                          "    kubectl.kubernetes.io/last-applied-configuration: |\n")


def test_get_all_lists_the_kubernetes_service_with_a_kind_prefix(c):
    c.kubectl("apply -f -", stdin=DEPLOY_YAML)
    c.run(60)
    out = c.kubectl("get all").stdout
    assert out.startswith("NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
                          "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60s\n\n")
    assert "deployment.apps/web" in out


def test_scale_label_and_delete_round_trip(c):
    c.kubectl("apply -f -", stdin=DEPLOY_YAML)
    assert str(c.kubectl("scale deploy web --replicas=4")) == "deployment.apps/web scaled\n"
    assert str(c.kubectl("label deploy web tier=frontend")) == "deployment.apps/web labeled\n"
    assert str(c.kubectl("get deploy web -o jsonpath={.spec.replicas}/{.metadata.labels.tier}")) == "4/frontend"
    assert str(c.kubectl("delete deploy web")) == 'deployment.apps "web" deleted\n'
    assert str(c.kubectl("get deploy web")) == 'Error from server (NotFound): deployments.apps "web" not found\n'


def test_describe_namespace_reports_quotas_and_limit_ranges(c):
    assert c.kubectl("describe ns default").stdout == (
        "Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\n"
        "Status:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n")


def test_namespaces_are_listed_in_name_order(c):
    assert c.kubectl("get ns -o name").stdout == (
        "namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n")
