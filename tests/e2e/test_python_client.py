"""The official ``kubernetes`` Python client against a served cluster: list, create, patch, delete, watch."""

from __future__ import annotations

import threading
import time

import pytest
from kubernetes import client, config, dynamic, watch
from kubernetes.client.exceptions import ApiException


@pytest.fixture
def api(cluster):
    s = cluster.serve(speed=1)
    c = config.new_client_from_config(config_file=s.kubeconfig)
    yield c
    c.close()


def pod(name: str) -> dict:
    return {"metadata": {"name": name, "labels": {"app": name}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}


@pytest.mark.pods_stay_unbound
def test_list_create_patch_delete(cluster, api):
    v1 = client.CoreV1Api(api)
    assert sorted(n.metadata.name for n in v1.list_node().items) == ["node-1", "node-2", "node-3"]
    created = v1.create_namespaced_pod("default", pod("p1"))
    assert (created.metadata.name, created.status.phase) == ("p1", "Pending")
    patched = v1.patch_namespaced_pod("p1", "default", {"metadata": {"labels": {"tier": "web"}}})
    assert patched.metadata.labels == {"app": "p1", "tier": "web"}
    assert [p.metadata.name for p in v1.list_namespaced_pod("default", label_selector="tier=web").items] == ["p1"]
    v1.delete_namespaced_pod("p1", "default")
    assert cluster.get("pods") == []


def test_typed_apps_client_and_limit_continue(api):
    apps = client.AppsV1Api(api)
    body = {"metadata": {"name": "web"}, "spec": {
        "replicas": 2, "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "n", "image": "nginx"}]}}}}
    apps.create_namespaced_deployment("default", body)
    scaled = apps.patch_namespaced_deployment_scale("web", "default", {"spec": {"replicas": 4}})
    assert scaled.spec.replicas == 4
    v1 = client.CoreV1Api(api)
    for i in range(3):
        v1.create_namespaced_config_map("default", {"metadata": {"name": f"c{i}"}})
    page = v1.list_namespaced_config_map("default", limit=2)
    rest = v1.list_namespaced_config_map("default", limit=2, _continue=page.metadata._continue)
    assert [c.metadata.name for c in page.items + rest.items] == ["c0", "c1", "c2", "kube-root-ca.crt"]


def test_errors_are_api_exceptions_with_the_status(api):
    v1 = client.CoreV1Api(api)
    with pytest.raises(ApiException) as e:
        v1.read_namespaced_pod("nope", "default")
    assert e.value.status == 404
    assert '"message":"pods \\"nope\\" not found"' in e.value.body
    v1.create_namespaced_pod("default", pod("p1"))
    with pytest.raises(ApiException) as e:
        v1.create_namespaced_pod("default", pod("p1"))
    assert e.value.status == 409


@pytest.mark.pods_stay_unbound
def test_watch_streams_initial_state_then_changes(api):
    v1 = client.CoreV1Api(api)
    v1.create_namespaced_pod("default", pod("a"))
    seen: list[tuple[str, str]] = []

    def follow() -> None:
        for ev in watch.Watch().stream(v1.list_namespaced_pod, "default", timeout_seconds=3):
            seen.append((ev["type"], ev["object"].metadata.name))

    t = threading.Thread(target=follow)
    t.start()
    time.sleep(1.0)
    v1.create_namespaced_pod("default", pod("b"))
    v1.delete_namespaced_pod("a", "default")
    t.join(timeout=10)
    assert seen == [("ADDED", "a"), ("ADDED", "b"), ("DELETED", "a")]


def test_watch_from_a_compacted_version_raises_410(cluster, api):
    v1 = client.CoreV1Api(api)
    for i in range(110):
        v1.create_namespaced_config_map("default", {"metadata": {"name": f"c{i}"}})
    cluster.run(80)
    v1.create_namespaced_config_map("default", {"metadata": {"name": "late"}})
    with pytest.raises(ApiException) as e:
        for _ in watch.Watch().stream(v1.list_namespaced_config_map, "default", resource_version="2",
                                      timeout_seconds=5):
            pass
    assert e.value.status == 410


def test_dynamic_client_discovers_every_group(api):
    dyn = dynamic.DynamicClient(api)
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    assert deployments.namespaced and deployments.name == "deployments"
    dyn.resources.get(api_version="v1", kind="ConfigMap").create(
        body={"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dyn"}, "data": {"a": "1"}},
        namespace="default")
    got = dyn.resources.get(api_version="v1", kind="ConfigMap").get(name="dyn", namespace="default")
    assert got.data.a == "1"
