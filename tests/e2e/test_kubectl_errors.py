"""What the real kubectl prints when the server says no: messages and exit codes as against a real cluster."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("command", "stderr"), [
    pytest.param("get pods nope", 'Error from server (NotFound): pods "nope" not found\n', id="NotFound get"),
    pytest.param("delete deploy nope", 'Error from server (NotFound): deployments.apps "nope" not found\n',
                 id="NotFound delete"),
    pytest.param("apply -f bad.yaml", 'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be '
                 'greater than or equal to 0\n', id="Invalid with causes"),
    pytest.param("apply -f unknown-field.yaml", 'Error from server (BadRequest): error when creating '
                 '"unknown-field.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
                 'unknown field "spec.containers[0].imagee"\n', id="strict unknown field"),
    pytest.param("get widgets", 'error: the server doesn\'t have a resource type "widgets"\n', id="unknown type"),
    pytest.param("logs tmp", 'Error from server (BadRequest): container "app" in pod "tmp" is waiting to start: '
                 'ContainerCreating\n', id="logs of a pending pod"),
    pytest.param("get pods --as=jane", 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list '
                 'resource "pods" in API group "" in the namespace "default"\n', id="Forbidden as another user"),
])
def test_errors_print_as_kubectl_prints_them(cluster, kubectl, command, stderr):
    cluster.apply(kubectl.cwd / "pod.yaml")
    ran = kubectl(command)
    assert (ran.exit_code, ran.stdout, ran.stderr) == (1, "", stderr)


def test_unknown_fields_only_warn_with_validate_warn(cluster, kubectl):
    ran = kubectl("apply -f unknown-field.yaml --validate=warn")
    assert (ran.exit_code, ran.stdout, ran.stderr) == (
        0, "pod/unk created\n", 'Warning: unknown field "spec.containers[0].imagee"\n')


NO_PROCESS = ("kubelab simulates containers: there is no process to {}. Use `kubectl logs` and `kubectl describe` "
              "to see what a container did.\n")


@pytest.mark.parametrize(("command", "what"), [
    ("exec tmp -- ls", "execute a command in"),
    ("cp tmp:/etc/hosts hosts", "execute a command in"),
    ("attach tmp", "attach to"),
])
def test_entering_a_container_says_there_is_no_process(cluster, kubectl, command, what):
    cluster.apply(kubectl.cwd / "pod.yaml")
    ran = kubectl(command)
    assert ran.exit_code == 1
    assert ran.stderr.endswith("error: unable to upgrade connection: " + NO_PROCESS.format(what))


def test_port_forward_needs_a_running_pod(cluster, kubectl):
    cluster.apply(kubectl.cwd / "pod.yaml")
    ran = kubectl("port-forward pod/tmp 8080:80")
    assert (ran.exit_code, ran.stderr) == (1, "error: unable to forward port because pod is not running. "
                                              "Current status=Pending\n")


def test_a_wrong_token_is_unauthorized(cluster, kubectl, workdir):
    from .helpers import Kubectl

    path = cluster._serving.write_kubeconfig(workdir / "bad.kubeconfig", "not-a-token")
    ran = Kubectl(path, workdir / "bad-home", workdir)("get pods")
    assert ran.exit_code == 1
    # client-go's discovery reports a 401 in its own words, as against any kube-apiserver
    assert ran.stderr.splitlines()[-1] == ("error: You must be logged in to the server (the server has asked for the "
                                           "client to provide credentials)")
