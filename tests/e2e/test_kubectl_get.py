"""The real kubectl prints what ``c.kubectl`` prints against the same cluster at the same instant."""

from __future__ import annotations

import re

import pytest

COMMANDS = [
    "get nodes", "get nodes -o wide", "get pods", "get pods -o wide", "get pods -A", "get deploy",
    "get deploy -o wide", "get deploy web", "get all", "get deploy,rs,pods", "get svc -o wide", "get ns",
    "get pods --show-labels", "get deploy -L app", "get pods --sort-by=.metadata.name", "get pods -o name",
    "get deploy web -o yaml", "get deploy web -o json", "get pods -o jsonpath={.items[*].metadata.name}",
    "get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image", "get cm -n kube-system",
    "get events", "get sa", "get cm cfg -o yaml", "get clusterroles", "get rolebindings -A", "get leases -A",
    "get pods -l app=tmp", "get pods --field-selector=status.phase=Pending", "get pods nope",
    "describe pod tmp", "describe deploy web", "describe node node-1", "describe svc web",
    "api-resources", "api-resources -o wide", "api-resources --namespaced=false", "api-versions",
]


@pytest.fixture
def populated(cluster, kubectl):
    for f in ("deployment.yaml", "pod.yaml", "service.yaml", "configmap.yaml"):
        assert kubectl(f"apply -f {f}").exit_code == 0
    cluster.run(90)  # ages read 90s, not 0s
    return cluster


# `describe` formats ages on the client, against kubectl's own wall clock, while kubelab's
# clock starts at a fixed epoch: those ages (and the padding around them) differ by design.
AGE = re.compile(r"\b\d+(?:y\d*d?|d\d*h?|h\d*m?|m\d*s?|s)\b")


def client_side_ages_masked(command: str, text: str) -> str:
    if not command.startswith("describe"):
        return text
    return "\n".join(" ".join(AGE.sub("AGE", line).split()) for line in text.splitlines())


@pytest.mark.parametrize("command", COMMANDS)
def test_real_kubectl_prints_what_c_kubectl_prints(populated, kubectl, command):
    real, mine = kubectl(command), populated.kubectl(command)
    assert (client_side_ages_masked(command, real.stdout), real.stderr, real.exit_code) == (
        client_side_ages_masked(command, mine.stdout), mine.stderr, mine.exit_code)


def test_get_pods_wide_shows_the_wide_columns(populated, kubectl):
    out = kubectl("get pods -o wide").stdout
    assert out.splitlines()[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE",
                                           "NOMINATED", "NODE", "READINESS", "GATES"]
    assert out.splitlines()[1].split()[:5] == ["tmp", "0/1", "Pending", "0", "90s"]


def test_ages_follow_simulated_time(populated, kubectl):
    populated.run(600)
    assert kubectl("get deploy web").stdout.splitlines()[1].split()[-1] == "11m"
