"""ResourceQuota admission."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api.errors import Conflict, Forbidden
from kubelab.apiserver.admission.plugin.resourcequota import ResourceQuota

from .conftest import FakeContext, attrs, namespace, pod


def quota(name, hard, used=None, **spec):
    return {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": name, "namespace": "default"},
            "spec": {"hard": hard, **spec}, "status": {"hard": hard, "used": used if used is not None else
                                                        {k: "0" for k in hard}}}


def sized(cpu="500m", mem="128Mi", name="web"):
    return pod(name, containers=[{"name": "app", "image": "x", "resources": {
        "requests": {"cpu": cpu, "memory": mem}, "limits": {"cpu": cpu, "memory": mem}}}])


def test_charges_usage_into_status():
    ctx = FakeContext([namespace("default"), quota("compute", {"pods": "10", "requests.cpu": "2",
                                                               "limits.memory": "1Gi", "count/pods": "5"})])
    ResourceQuota().validate(attrs("CREATE", "pods", sized()), ctx)
    assert ctx.status_writes[-1]["status"]["used"] == {"count/pods": "1", "limits.memory": "128Mi", "pods": "1",
                                                        "requests.cpu": "500m"}


def test_exceeded_quota_message():
    ctx = FakeContext([namespace("default"), quota("compute", {"requests.cpu": "1", "pods": "10"},
                                                   {"requests.cpu": "800m", "pods": "2"})])
    with pytest.raises(Forbidden) as ei:
        ResourceQuota().validate(attrs("CREATE", "pods", sized()), ctx)
    assert ei.value.message == ('pods "web" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, '
                                "used: requests.cpu=800m, limited: requests.cpu=1")
    assert not ctx.status_writes


def test_generate_name_is_used_in_the_message():
    ctx = FakeContext([namespace("default"), quota("pods", {"pods": "1"}, {"pods": "1"})])
    p = pod("x")
    p["metadata"] = {"generateName": "web-7d4b9-", "namespace": "default"}
    with pytest.raises(Forbidden) as ei:
        ResourceQuota().validate(attrs("CREATE", "pods", p, name=""), ctx)
    assert ei.value.message.startswith('pods "web-7d4b9-" is forbidden: exceeded quota: pods, requested: pods=1')


def test_compute_quota_requires_requests_and_limits():
    ctx = FakeContext([namespace("default"), quota("compute", {"requests.cpu": "1", "limits.memory": "1Gi"})])
    with pytest.raises(Forbidden) as ei:
        ResourceQuota().validate(attrs("CREATE", "pods", pod()), ctx)
    assert ei.value.message == ('pods "web" is forbidden: failed quota: compute: must specify limits.memory for: '
                                "nginx; requests.cpu for: nginx")


def test_status_unknown():
    q = quota("q", {"pods": "1"})
    q["status"].pop("used")
    with pytest.raises(Forbidden, match="status unknown for quota: q, resources: pods"):
        ResourceQuota().validate(attrs("CREATE", "pods", pod()), FakeContext([namespace("default"), q]))


@pytest.mark.parametrize(("scopes", "p", "charged"), [
    pytest.param(["BestEffort"], pod(), True, id="best effort pod in BestEffort scope"),
    pytest.param(["BestEffort"], sized(), False, id="burstable pod outside BestEffort scope"),
    pytest.param(["NotBestEffort"], sized(), True, id="NotBestEffort"),
    pytest.param(["Terminating"], pod(activeDeadlineSeconds=60), True, id="Terminating"),
    pytest.param(["NotTerminating"], pod(activeDeadlineSeconds=60), False, id="NotTerminating"),
])
def test_scopes(scopes, p, charged):
    ctx = FakeContext([namespace("default"), quota("q", {"pods": "5"}, scopes=scopes)])
    ResourceQuota().validate(attrs("CREATE", "pods", p), ctx)
    assert bool(ctx.status_writes) is charged


def test_priority_class_scope_selector():
    q = quota("critical", {"pods": "1"}, {"pods": "1"},
              scopeSelector={"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In",
                                                   "values": ["high"]}]})
    ctx = FakeContext([namespace("default"), q])
    ResourceQuota().validate(attrs("CREATE", "pods", pod(priorityClassName="low")), ctx)
    with pytest.raises(Forbidden, match="exceeded quota: critical"):
        ResourceQuota().validate(attrs("CREATE", "pods", pod(priorityClassName="high")), ctx)


def test_update_charges_only_the_difference():
    ctx = FakeContext([namespace("default"), quota("q", {"services.nodeports": "3", "services": "5"},
                                                   {"services.nodeports": "0", "services": "1"})])
    old = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "default",
                                                                 "resourceVersion": "7"},
           "spec": {"type": "ClusterIP", "ports": [{"port": 80}, {"port": 443}]}}
    new = {**old, "spec": {"type": "NodePort", "ports": [{"port": 80}, {"port": 443}]}}
    ResourceQuota().validate(attrs("UPDATE", "services", new, old=old), ctx)
    assert ctx.status_writes[-1]["status"]["used"] == {"services": "1", "services.nodeports": "2"}


def test_object_count_quota_for_any_resource():
    ctx = FakeContext([namespace("default"), quota("q", {"count/deployments.apps": "1"},
                                                   {"count/deployments.apps": "1"})])
    dep = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "default"}}
    with pytest.raises(Forbidden) as ei:
        ResourceQuota().validate(attrs("CREATE", "deployments", dep, group="apps"), ctx)
    assert ei.value.message == ('deployments.apps "d" is forbidden: exceeded quota: q, requested: '
                                "count/deployments.apps=1, used: count/deployments.apps=1, limited: "
                                "count/deployments.apps=1")


def test_terminal_pods_are_not_charged_compute():
    ctx = FakeContext([namespace("default"), quota("q", {"pods": "1", "count/pods": "1"})])
    p = pod()
    p["status"] = {"phase": "Succeeded"}
    ResourceQuota().validate(attrs("CREATE", "pods", p), ctx)
    assert ctx.status_writes[-1]["status"]["used"] == {"count/pods": "1", "pods": "0"}


def test_dry_run_is_checked_but_not_charged():
    ctx = FakeContext([namespace("default"), quota("q", {"pods": "1"})])
    ResourceQuota().validate(attrs("CREATE", "pods", pod(), dry_run=True), ctx)
    assert not ctx.status_writes


def test_conflicts_are_retried_then_returned():
    ctx = FakeContext([namespace("default"), quota("q", {"pods": "9"})])
    ctx.conflicts = 2
    ResourceQuota().validate(attrs("CREATE", "pods", pod()), ctx)
    assert ctx.status_writes[-1]["status"]["used"] == {"pods": "1"}
    ctx.conflicts = 10
    with pytest.raises(Conflict):
        ResourceQuota().validate(attrs("CREATE", "pods", pod()), ctx)


def test_pvc_storage_by_class():
    ctx = FakeContext([namespace("default"), quota("q", {"requests.storage": "10Gi",
                                                         "gold.storageclass.storage.k8s.io/requests.storage": "5Gi"})])
    pvc = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": "default"},
           "spec": {"storageClassName": "gold", "resources": {"requests": {"storage": "8Gi"}}}}
    with pytest.raises(Forbidden) as ei:
        ResourceQuota().validate(attrs("CREATE", "persistentvolumeclaims", pvc), ctx)
    assert "limited: gold.storageclass.storage.k8s.io/requests.storage=5Gi" in ei.value.message


def test_subresources_and_no_quotas_are_ignored():
    ctx = FakeContext([namespace("default")])
    ResourceQuota().validate(attrs("CREATE", "pods", pod()), ctx)
    ctx.add(quota("q", {"pods": "0"}))
    ResourceQuota().validate(attrs("UPDATE", "pods", pod(), subresource="status", old=pod()), ctx)


@given(st.lists(st.integers(min_value=0, max_value=1500), max_size=12), st.integers(min_value=0, max_value=4000))
@settings(max_examples=60, deadline=None)
def test_admitted_pods_never_exceed_hard_and_used_is_their_sum(milli_cpus, hard_milli):
    from kubelab.api.quantity import Quantity

    ctx = FakeContext([namespace("default"), quota("q", {"requests.cpu": f"{hard_milli}m"})])
    admitted = 0
    for i, m in enumerate(milli_cpus):
        p = sized(cpu=f"{m}m", name=f"p{i}")
        try:
            ResourceQuota().validate(attrs("CREATE", "pods", p), ctx)
        except Forbidden:
            assert admitted + m > hard_milli
            continue
        admitted += m
        used = Quantity(ctx.get("resourcequotas", "default", "q")["status"]["used"]["requests.cpu"])
        assert used.milli_value() == admitted <= hard_milli
