"""Admission as a learner meets it: PodSecurity, LimitRanger, ResourceQuota, Python webhooks."""

import pytest

from kubelab.api import errors
from tests.conftest import pod_manifest


def test_pod_security_restricted_rejects_a_default_pod_with_the_violations(fast_cluster):
    c = fast_cluster
    c.apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: secure\n  labels:\n"
            "    pod-security.kubernetes.io/enforce: restricted\n")
    c.run(1)
    with pytest.raises(errors.Forbidden) as e:
        c.client.create("pods", pod_manifest(), "secure")
    assert e.value.message.startswith('pods "web" is forbidden: violates PodSecurity "restricted:latest": '
                                      "allowPrivilegeEscalation != false")


def test_limit_ranger_fills_default_requests_and_limits(fast_cluster):
    c = fast_cluster
    c.create({"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "defaults"},
              "spec": {"limits": [{"type": "Container", "default": {"cpu": "500m", "memory": "256Mi"},
                                   "defaultRequest": {"cpu": "100m", "memory": "128Mi"}}]}})
    p = c.client.create("pods", pod_manifest())
    res = p["spec"]["containers"][0]["resources"]
    assert res == {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}}
    assert p["metadata"]["annotations"]["kubernetes.io/limit-ranger"].startswith("LimitRanger plugin set:")
    assert p["status"]["qosClass"] == "Burstable"


def test_resource_quota_counts_pods_and_rejects_past_the_limit(fast_cluster):
    c = fast_cluster
    c.create({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "two-pods"},
              "spec": {"hard": {"pods": "2"}}})
    c.client.patch("resourcequotas", "two-pods", {"status": {"hard": {"pods": "2"}, "used": {"pods": "0"}}},
                   patch_type="merge", subresource="status")
    c.client.create("pods", pod_manifest("a"))
    c.client.create("pods", pod_manifest("b"))
    with pytest.raises(errors.Forbidden) as e:
        c.client.create("pods", pod_manifest("c"))
    assert e.value.message == ('pods "c" is forbidden: exceeded quota: two-pods, requested: pods=1, '
                               "used: pods=2, limited: pods=2")
    assert c.get("resourcequotas", "two-pods")["status"]["used"] == {"pods": "2"}


def test_a_python_validating_webhook_can_deny(fast_cluster):
    c = fast_cluster
    seen = []

    def no_latest(request):
        seen.append(request["operation"])
        image = request["object"]["spec"]["containers"][0]["image"]
        if image.endswith(":latest"):
            return {"allowed": False, "status": {"code": 403, "message": "pin your image tags"}}
        return True

    c.admission_webhook("no-latest.example.com", no_latest, rules=[
        {"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}])
    c.client.create("pods", pod_manifest("ok", image="nginx:1.27"))
    with pytest.raises(errors.ApiError) as e:
        c.client.create("pods", pod_manifest("bad", image="nginx:latest"))
    assert e.value.code == 403 and e.value.message == ('admission webhook "no-latest.example.com" denied the request: '
                               "pin your image tags")
    assert seen == ["CREATE", "CREATE"]


def test_a_python_mutating_webhook_patches_the_object(fast_cluster):
    c = fast_cluster

    def add_team(request):
        return {"allowed": True, "patchType": "JSONPatch",
                "patch": [{"op": "add", "path": "/metadata/labels/team", "value": "blue"}]}

    c.admission_webhook("team.example.com", add_team, mutating=True, rules=[
        {"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["configmaps"]}])
    cm = c.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "labels": {"a": "b"}}})
    assert cm["metadata"]["labels"] == {"a": "b", "team": "blue"}


def test_patch_types_all_reach_the_object(fast_cluster):
    c = fast_cluster
    c.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "p"}, "data": {"a": "1", "b": "2"}})
    c.client.patch("configmaps", "p", {"data": {"a": None, "c": "3"}}, patch_type="merge")
    c.client.patch("configmaps", "p", [{"op": "replace", "path": "/data/b", "value": "20"}], patch_type="json")
    out = c.client.patch("configmaps", "p", {"data": {"d": "4"}}, patch_type="strategic")
    assert out["data"] == {"b": "20", "c": "3", "d": "4"}
    with pytest.raises(errors.Invalid) as e:
        c.client.patch("configmaps", "p", [{"op": "test", "path": "/data/b", "value": "x"}], patch_type="json")
    assert e.value.code == 422


def test_strategic_merge_patch_merges_containers_by_name(fast_cluster):
    c = fast_cluster
    c.client.create("pods", {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "two"},
                             "spec": {"containers": [{"name": "a", "image": "nginx:1.26"},
                                                     {"name": "b", "image": "redis:7"}]}})
    out = c.client.patch("pods", "two", {"spec": {"containers": [{"name": "a", "image": "nginx:1.27"}]}})
    assert [(x["name"], x["image"]) for x in out["spec"]["containers"]] == [("a", "nginx:1.27"), ("b", "redis:7")]


def test_server_side_apply_tracks_managers_and_reports_conflicts(fast_cluster):
    c = fast_cluster
    cfg = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ssa"}, "data": {"owner": "alice"}}
    c.client.patch("configmaps", "ssa", cfg, patch_type="apply", field_manager="alice")
    with pytest.raises(errors.Conflict) as e:
        c.client.patch("configmaps", "ssa", {**cfg, "data": {"owner": "bob"}}, patch_type="apply",
                       field_manager="bob")
    assert e.value.message == 'Apply failed with 1 conflict: conflict with "alice": .data.owner'
    out = c.client.patch("configmaps", "ssa", {**cfg, "data": {"owner": "bob"}}, patch_type="apply",
                         field_manager="bob", force=True)
    assert out["data"] == {"owner": "bob"}
    assert [m["manager"] for m in out["metadata"]["managedFields"]] == ["bob"]


def test_server_side_apply_owns_only_what_was_applied_not_the_defaults(fast_cluster):
    c = fast_cluster
    d = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
         "spec": {"selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}},
                               "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}}}
    out = c.client.patch("deployments", "web", d, patch_type="apply", field_manager="kubectl")
    assert out["spec"]["replicas"] == 1
    owned = out["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]
    assert "f:replicas" not in owned and "f:selector" in owned
    # another manager may then set what the first never applied
    out = c.client.patch("deployments", "web", {"apiVersion": "apps/v1", "kind": "Deployment",
                                                "metadata": {"name": "web"}, "spec": {"replicas": 3}},
                         patch_type="apply", field_manager="scaler")
    assert out["spec"]["replicas"] == 3
