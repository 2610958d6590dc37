"""The registry: strategies, graceful deletion, finalizers, generation, subresources, allocation."""

import pytest

from kubelab.api import errors
from tests.conftest import pod_manifest


def test_new_pods_are_pending_with_their_qos_class(fast_cluster):
    p = fast_cluster.client.create("pods", pod_manifest(resources=None) | {})
    assert p["status"] == {"phase": "Pending", "qosClass": "BestEffort"}
    assert p["metadata"]["generation"] == 1
    assert p["spec"]["restartPolicy"] == "Always" and p["spec"]["schedulerName"] == "default-scheduler"


def test_generate_name_gets_a_seeded_five_character_suffix(fast_cluster):
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "cfg-"}}
    a = fast_cluster.client.create("configmaps", cm)
    b = fast_cluster.client.create("configmaps", cm)
    assert a["metadata"]["name"].startswith("cfg-") and len(a["metadata"]["name"]) == 9
    assert a["metadata"]["name"] != b["metadata"]["name"]


def test_generation_moves_with_the_spec_only(fast_cluster):
    c = fast_cluster
    d = c.client.create("deployments", {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
        "spec": {"selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}}})
    assert d["metadata"]["generation"] == 1 and d["status"] == {}
    d = c.client.patch("deployments", "web", {"metadata": {"labels": {"x": "y"}}})
    assert d["metadata"]["generation"] == 1
    d = c.client.patch("deployments", "web", {"spec": {"replicas": 3}})
    assert d["metadata"]["generation"] == 2
    d = c.client.patch("deployments", "web", {"status": {"replicas": 3}}, subresource="status")
    assert d["metadata"]["generation"] == 2 and d["status"] == {"replicas": 3}


def test_status_writes_through_the_main_resource_are_ignored(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    p = c.client.patch("pods", "web", {"status": {"phase": "Running"}}, patch_type="merge")
    assert p["status"]["phase"] == "Pending"


def test_an_unchanged_update_writes_nothing(fast_cluster):
    c = fast_cluster
    cm = c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}})
    rev = c.apiserver.kv.rev
    again = c.client.update("configmaps", cm)
    assert c.apiserver.kv.rev == rev and again["metadata"]["resourceVersion"] == cm["metadata"]["resourceVersion"]


def test_an_unscheduled_pod_is_deleted_at_once(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    out = c.client.delete("pods", "web")
    assert out["metadata"]["name"] == "web"
    with pytest.raises(errors.NotFound):
        c.client.get("pods", "web")


def test_a_bound_pod_is_deleted_gracefully(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    c.client.create("pods", {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "web"},
                             "target": {"kind": "Node", "name": "node-1"}}, subresource="binding", name="web")
    out = c.client.delete("pods", "web")
    assert out["metadata"]["deletionGracePeriodSeconds"] == 30
    assert out["metadata"]["deletionTimestamp"] is not None
    assert c.client.get("pods", "web")["metadata"]["generation"] == 2
    c.client.delete("pods", "web", grace_period_seconds=0)
    with pytest.raises(errors.NotFound):
        c.client.get("pods", "web")


def test_binding_sets_the_node_and_the_scheduled_condition(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    st = c.client.create("pods", {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "web"},
                                  "target": {"kind": "Node", "name": "node-2"}}, subresource="binding", name="web")
    assert st["status"] == "Success"
    p = c.client.get("pods", "web")
    assert p["spec"]["nodeName"] == "node-2"
    assert [(x["type"], x["status"]) for x in p["status"]["conditions"]] == [("PodScheduled", "True")]


def test_binding_an_already_bound_pod_is_a_conflict(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    binding = {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "web"},
               "target": {"kind": "Node", "name": "node-1"}}
    c.client.create("pods", binding, subresource="binding", name="web")
    with pytest.raises(errors.Conflict) as e:
        c.client.create("pods", binding, subresource="binding", name="web")
    assert e.value.message == ('Operation cannot be fulfilled on pods/binding "web": '
                               'pod web is already assigned to node "node-1"')


def test_finalizers_hold_deletion_until_removed(fast_cluster):
    c = fast_cluster
    c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap",
                                   "metadata": {"name": "held", "finalizers": ["example.com/hold"]}})
    out = c.client.delete("configmaps", "held")
    assert out["metadata"]["deletionTimestamp"]
    cm = c.client.get("configmaps", "held")
    cm["metadata"]["finalizers"] = []
    c.client.update("configmaps", cm)
    with pytest.raises(errors.NotFound):
        c.client.get("configmaps", "held")


@pytest.mark.parametrize("policy,finalizer", [("Orphan", "orphan"), ("Foreground", "foregroundDeletion")])
def test_propagation_policy_is_recorded_for_the_garbage_collector(fast_cluster, policy, finalizer):
    c = fast_cluster
    c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "owner"}})
    out = c.client.delete("configmaps", "owner", propagation_policy=policy)
    assert out["metadata"]["finalizers"] == [finalizer]


def test_dry_run_validates_but_stores_nothing(fast_cluster):
    c = fast_cluster
    rev = c.apiserver.kv.rev
    out = c.client.create("services", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
                                       "spec": {"ports": [{"port": 80}]}}, dry_run=True)
    assert out["spec"]["clusterIP"].startswith("10.")
    assert c.apiserver.kv.rev == rev
    assert not c.apiserver.service_ips.has(out["spec"]["clusterIP"])


def test_service_allocation_is_released_on_delete(fast_cluster):
    c = fast_cluster
    svc = c.client.create("services", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "np"},
                                       "spec": {"type": "NodePort", "ports": [{"port": 80}]}})
    ip, port = svc["spec"]["clusterIP"], svc["spec"]["ports"][0]["nodePort"]
    assert 30000 <= port <= 32767 and c.apiserver.service_ips.has(ip)
    assert svc["spec"]["ports"][0]["targetPort"] == 80 and svc["spec"]["sessionAffinity"] == "None"
    c.client.delete("services", "np")
    assert not c.apiserver.service_ips.has(ip)
    again = c.client.create("services", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "np2"},
                                         "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": port}]}})
    assert again["spec"]["ports"][0]["nodePort"] == port


def test_a_taken_node_port_is_invalid(fast_cluster):
    c = fast_cluster
    spec = {"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}]}
    c.client.create("services", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}, "spec": spec})
    with pytest.raises(errors.Invalid) as e:
        c.client.create("services", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}, "spec": spec})
    assert "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated" in e.value.message


def test_scale_subresource_reads_and_writes_replicas(fast_cluster):
    c = fast_cluster
    c.client.create("deployments", {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}}})
    s = c.client.get("deployments", "web", subresource="scale")
    assert s["kind"] == "Scale" and s["spec"] == {"replicas": 2} and s["status"]["selector"] == "app=web"
    s = c.client.patch("deployments", "web", {"spec": {"replicas": 5}}, patch_type="merge", subresource="scale")
    assert s["spec"]["replicas"] == 5
    d = c.client.get("deployments", "web")
    assert d["spec"]["replicas"] == 5 and d["metadata"]["generation"] == 2
    with pytest.raises(errors.Invalid) as e:
        c.client.patch("deployments", "web", {"spec": {"replicas": -1}}, patch_type="merge", subresource="scale")
    assert e.value.message == ('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: '
                               "must be greater than or equal to 0")


def test_eviction_respects_a_pod_disruption_budget(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    c.client.create("pods", {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "web"},
                             "target": {"kind": "Node", "name": "node-1"}}, subresource="binding", name="web")
    c.client.patch("pods", "web", {"status": {"phase": "Running"}}, patch_type="merge", subresource="status")
    pdb = c.client.create("poddisruptionbudgets", {
        "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "pdb"},
        "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "web"}}}})
    c.client.patch("poddisruptionbudgets", "pdb", {"status": {
        "observedGeneration": pdb["metadata"]["generation"], "disruptionsAllowed": 0, "currentHealthy": 1,
        "desiredHealthy": 1, "expectedPods": 1}}, patch_type="merge", subresource="status")
    eviction = {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "web"}}
    with pytest.raises(errors.TooManyRequests) as e:
        c.client.create("pods", eviction, subresource="eviction", name="web")
    assert e.value.message == "Cannot evict pod as it would violate the pod's disruption budget."
    assert e.value.causes == [{"reason": "DisruptionBudget",
                               "message": "The disruption budget pdb needs 1 healthy pods and has 1 currently"}]
    c.client.patch("poddisruptionbudgets", "pdb", {"status": {"disruptionsAllowed": 1}}, patch_type="merge",
                   subresource="status")
    c.client.create("pods", eviction, subresource="eviction", name="web")
    assert c.client.get("pods", "web")["metadata"]["deletionTimestamp"]
    assert c.client.get("poddisruptionbudgets", "pdb")["status"]["disruptionsAllowed"] == 0


def test_logs_of_a_container_that_never_started_say_it_is_waiting(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest())
    with pytest.raises(errors.BadRequest) as e:
        c.client.get("pods", "web", subresource="log")
    assert e.value.message == 'container "app" in pod "web" is waiting to start: ContainerCreating'
    c.apiserver.pod_logs[("default", "web", "app")] = ["hello", "world"]
    assert c.client.get("pods", "web", subresource="log") == "hello\nworld\n"


def test_a_namespace_is_deleted_once_its_finalizers_are_gone(fast_cluster):
    c = fast_cluster
    c.client.create("namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "tmp"}})
    ns = c.client.delete("namespaces", "tmp")
    assert ns["status"]["phase"] == "Terminating" and ns["spec"]["finalizers"] == ["kubernetes"]
    ns = c.client.get("namespaces", "tmp")
    ns["spec"]["finalizers"] = []
    c.client.request("PUT", "/api/v1/namespaces/tmp/finalize", body=ns, content_type="application/json")
    with pytest.raises(errors.NotFound):
        c.client.get("namespaces", "tmp")


def test_immortal_namespaces_cannot_be_deleted(fast_cluster):
    with pytest.raises(errors.Forbidden) as e:
        fast_cluster.client.delete("namespaces", "kube-system")
    assert "this namespace may not be deleted" in e.value.message


def test_list_pages_with_limit_and_continue(fast_cluster):
    c = fast_cluster
    for i in range(5):
        c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"cm{i}"}})
    names, cont = [], ""
    while True:
        page = c.client.list("configmaps", "default", limit=2, continue_=cont)
        names += [o["metadata"]["name"] for o in page["items"]]
        cont = page["metadata"].get("continue", "")
        if not cont:
            break
    assert names == sorted(f"cm{i}" for i in range(5)) + [] or names[:5] == [f"cm{i}" for i in range(5)]
    assert [n for n in names if n.startswith("cm")] == [f"cm{i}" for i in range(5)]


def test_label_and_field_selectors_filter_lists(fast_cluster):
    c = fast_cluster
    c.client.create("pods", pod_manifest("a"))
    c.client.create("pods", pod_manifest("b"))
    assert [p["metadata"]["name"] for p in c.get("pods", label_selector="app in (b)")] == ["b"]
    assert [p["metadata"]["name"] for p in c.get("pods", field_selector="metadata.name!=a")] == ["b"]
    with pytest.raises(errors.BadRequest) as e:
        c.get("pods", field_selector="spec.foo=bar")
    assert "spec.foo" in e.value.message


def test_objects_read_are_the_callers_own(fast_cluster):
    c = fast_cluster
    c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "mine"},
                                   "data": {"a": "1"}})
    got = c.client.list("configmaps", "default")["items"]
    for o in got:
        o["data"] = {"changed": "yes"}
    assert c.client.get("configmaps", "mine")["data"] == {"a": "1"}
