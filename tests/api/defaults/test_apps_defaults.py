"""apps/v1 workloads are stored with upstream's defaults, pod templates included."""

from __future__ import annotations

import pytest

from kubelab.api.defaults import set_object_defaults


def workload(kind: str, spec: dict | None = None) -> dict:
    template = {"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}
    obj = {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": "w"},
           "spec": {"selector": {"matchLabels": {"app": "a"}}, "template": template, **(spec or {})}}
    set_object_defaults(obj)
    return obj


def test_set_default_deployment():
    spec = workload("Deployment")["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}
    assert spec["revisionHistoryLimit"] == 10
    assert spec["progressDeadlineSeconds"] == 600


@pytest.mark.parametrize(("strategy", "expected"), [
    ({"type": "Recreate"}, {"type": "Recreate"}),
    ({"rollingUpdate": {"maxSurge": 0}}, {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": "25%"}}),
    ({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "50%"}},
     {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "50%", "maxSurge": "25%"}}),
], ids=["recreate gets no rolling parameters", "explicit surge kept", "explicit unavailable kept"])
def test_default_deployment_strategy(strategy, expected):
    assert workload("Deployment", {"strategy": strategy})["spec"]["strategy"] == expected


def test_deployment_pod_template_is_defaulted_like_a_pod_spec():
    template = workload("Deployment")["spec"]["template"]["spec"]
    assert template["restartPolicy"] == "Always"
    assert template["containers"][0]["imagePullPolicy"] == "Always"
    # enableServiceLinks and requests-from-limits belong to SetDefaults_Pod, not templates
    assert "enableServiceLinks" not in template


def test_set_default_daemon_set_spec():
    spec = workload("DaemonSet")["spec"]
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}
    assert spec["revisionHistoryLimit"] == 10
    ondelete = workload("DaemonSet", {"updateStrategy": {"type": "OnDelete"}})["spec"]
    assert ondelete["updateStrategy"] == {"type": "OnDelete"}


def test_set_default_replica_set_replicas():
    assert workload("ReplicaSet")["spec"]["replicas"] == 1
    assert workload("ReplicaSet", {"replicas": 0})["spec"]["replicas"] == 0


def test_set_default_stateful_set():
    spec = workload("StatefulSet", {"volumeClaimTemplates": [
        {"metadata": {"name": "data"}, "spec": {"resources": {"requests": {"storage": "1Gi"}}}}]})["spec"]
    assert spec["podManagementPolicy"] == "OrderedReady"
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert spec["persistentVolumeClaimRetentionPolicy"] == {"whenDeleted": "Retain", "whenScaled": "Retain"}
    assert spec["replicas"] == 1
    assert spec["revisionHistoryLimit"] == 10
    claim = spec["volumeClaimTemplates"][0]
    assert claim["spec"]["volumeMode"] == "Filesystem"
    assert claim["status"] == {"phase": "Pending"}


def test_stateful_set_on_delete_strategy_gets_no_partition():
    spec = workload("StatefulSet", {"updateStrategy": {"type": "OnDelete"}})["spec"]
    assert spec["updateStrategy"] == {"type": "OnDelete"}
    explicit = workload("StatefulSet", {"updateStrategy": {"type": "RollingUpdate"}})["spec"]
    assert explicit["updateStrategy"] == {"type": "RollingUpdate"}  # no rollingUpdate to fill
