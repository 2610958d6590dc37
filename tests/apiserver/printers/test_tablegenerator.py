"""The metav1.Table the API server returns: columns, rows, row objects, list metadata."""

import pytest

from kubelab.api import errors, scheme
from kubelab.apiserver.printers import column_definitions, to_table
from kubelab.engine import clock

NOW = 600.0
PODS = scheme.resolve("pods")


def pod(name, ns="default", created=0.0, rv="5"):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "uid": f"uid-{name}", "resourceVersion": rv,
                         "creationTimestamp": clock.rfc3339(created), "labels": {"app": "web"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}], "nodeName": "node-1"},
            "status": {"phase": "Running", "podIP": "10.244.0.7",
                       "containerStatuses": [{"name": "nginx", "ready": True, "restartCount": 0,
                                              "state": {"running": {}}}]}}


def test_table_has_every_column_and_wide_cells():
    table = to_table(PODS, [pod("web")], NOW)
    assert table["kind"] == "Table" and table["apiVersion"] == "meta.k8s.io/v1"
    assert [(c["name"], c["priority"]) for c in table["columnDefinitions"]] == [
        ("Name", 0), ("Ready", 0), ("Status", 0), ("Restarts", 0), ("Age", 0), ("IP", 1), ("Node", 1),
        ("Nominated Node", 1), ("Readiness Gates", 1)]
    assert list(table["columnDefinitions"][0]) == ["name", "type", "format", "description", "priority"]
    assert table["columnDefinitions"][0]["format"] == "name"
    assert table["columnDefinitions"][0]["description"].startswith("Name must be unique within a namespace.")
    assert table["rows"][0]["cells"] == ["web", "1/1", "Running", "0", "10m", "10.244.0.7", "node-1", "<none>",
                                         "<none>"]


def test_rows_carry_partial_object_metadata_by_default():
    p = pod("web")
    row = to_table(PODS, [p], NOW)["rows"][0]
    assert row["object"] == {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                             "metadata": p["metadata"]}
    assert row["object"]["metadata"] is not p["metadata"]


def test_include_object_full_and_none():
    p = pod("web")
    del p["kind"]
    full = to_table(PODS, [p], NOW, include_object="Object")["rows"][0]["object"]
    assert full["kind"] == "Pod" and full["apiVersion"] == "v1" and full["spec"] == p["spec"]
    assert full is not p and "kind" not in p
    assert to_table(PODS, [p], NOW, include_object="None")["rows"][0]["object"] is None


def test_unknown_include_object_is_a_bad_request():
    with pytest.raises(errors.BadRequest) as err:
        to_table(PODS, [], NOW, include_object="Everything")
    assert err.value.status["message"] == 'unrecognized includeObject value: "Everything"'
    assert err.value.code == 400


def test_list_metadata_comes_from_the_list_or_the_object():
    lst = {"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "1108", "continue": "tok"},
           "items": [pod("a"), pod("b")]}
    table = to_table(PODS, lst, NOW)
    assert table["metadata"] == {"resourceVersion": "1108", "continue": "tok"}
    assert [r["cells"][0] for r in table["rows"]] == ["a", "b"]
    assert to_table(PODS, pod("one", rv="77"), NOW)["metadata"] == {"resourceVersion": "77"}
    assert to_table(PODS, [pod("a")], NOW, resource_version="9")["metadata"] == {"resourceVersion": "9"}
    assert to_table(PODS, [], NOW)["metadata"] == {}


def test_no_headers_drops_column_definitions():
    table = to_table(PODS, [pod("web")], NOW, no_headers=True)
    assert table["columnDefinitions"] is None and len(table["rows"]) == 1


def test_pod_row_conditions_are_kept():
    p = pod("done")
    p["status"]["phase"] = "Succeeded"
    row = to_table(PODS, [p], NOW)["rows"][0]
    assert list(row) == ["cells", "conditions", "object"]
    assert row["conditions"][0]["reason"] == "Succeeded"


@pytest.mark.parametrize("resource", ["roles", "clusterroles", "limitranges", "selfsubjectaccessreviews",
                                      "subjectaccessreviews", "bindings"])
def test_kinds_without_a_printer_get_name_and_created_at(resource):
    info = scheme.resolve(resource)
    obj = {"metadata": {"name": "pod-reader", "namespace": "default", "creationTimestamp": clock.rfc3339(65)}}
    table = to_table(info, [obj, {"metadata": {"name": "no-timestamp"}}], NOW)
    assert [(c["name"], c["type"], c["format"]) for c in table["columnDefinitions"]] == [
        ("Name", "string", "name"), ("Created At", "date", "")]
    assert [r["cells"] for r in table["rows"]] == [["pod-reader", "2025-01-01T00:01:05Z"],
                                                   ["no-timestamp", "0001-01-01T00:00:00Z"]]


@pytest.mark.parametrize("info", scheme.RESOURCES, ids=[r.group_resource for r in scheme.RESOURCES])
def test_every_served_resource_has_columns_and_prints_a_bare_object(info):
    cols = column_definitions(info)
    assert cols and all(c["type"] in ("string", "integer", "boolean", "date") for c in cols)
    assert any(c["format"] == "name" for c in cols)
    assert all(c["description"] for c in cols), [c["name"] for c in cols if not c["description"]]
    table = to_table(info, [{"metadata": {"name": "x"}}], NOW)
    assert len(table["rows"][0]["cells"]) == len(cols)


def test_column_definitions_are_copies():
    cols = column_definitions(PODS)
    cols[0]["name"] = "Changed"
    assert column_definitions(PODS)[0]["name"] == "Name"
