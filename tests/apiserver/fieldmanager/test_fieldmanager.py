"""Server-side apply and managedFields, named after the structured-merge-diff and fieldmanager test intents."""

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api import errors
from kubelab.apiserver.fieldmanager import (
    apply,
    build_manager_identifier,
    print_manager,
    update_managed_fields,
)
from kubelab.apiserver.fieldmanager.fieldpath import Set

T0, T1, T2, T3 = (f"2024-05-01T10:00:0{i}Z" for i in range(4))


def deployment(replicas=3, labels=None, containers=None, **spec):
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default", "labels": labels if labels is not None else {"app": "web"}},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": containers if containers is not None
                                       else [{"name": "nginx", "image": "nginx:1.25"}]}},
                 **spec},
    }


def managers(obj):
    return [(e["manager"], e["operation"], e.get("subresource", "")) for e in obj["metadata"].get("managedFields", [])]


def fields(obj, manager):
    for e in obj["metadata"]["managedFields"]:
        if e["manager"] == manager:
            return e["fieldsV1"]
    raise KeyError(manager)


def owns(obj, manager, *path):
    return Set.from_fields_v1(fields(obj, manager)).has(path)


def test_apply_creates_the_object_with_an_apply_entry():
    cfg = deployment()
    got = apply(None, cfg, "kubectl", False, T0)
    assert {k: v for k, v in got.items() if k != "metadata"} == {k: v for k, v in cfg.items() if k != "metadata"}
    assert got["metadata"]["labels"] == {"app": "web"}
    [entry] = got["metadata"]["managedFields"]
    assert entry == {
        "manager": "kubectl", "operation": "Apply", "apiVersion": "apps/v1", "time": T0, "fieldsType": "FieldsV1",
        "fieldsV1": {
            "f:metadata": {"f:labels": {"f:app": {}}},
            "f:spec": {"f:replicas": {}, "f:selector": {}, "f:template": {
                "f:metadata": {"f:labels": {"f:app": {}}},
                "f:spec": {"f:containers": {'k:{"name":"nginx"}': {".": {}, "f:image": {}, "f:name": {}}}}}},
        },
    }
    assert "managedFields" not in cfg["metadata"]


def test_reapply_unchanged_is_a_noop_and_keeps_the_time():
    live = apply(None, deployment(), "kubectl", False, T0)
    before = copy.deepcopy(live)
    again = apply(live, deployment(), "kubectl", False, T1)
    assert again == before
    assert live == before


@pytest.mark.parametrize(
    ("first", "second", "check"),
    [
        (deployment(labels={"app": "web", "tier": "fe"}), deployment(),
         lambda o: o["metadata"]["labels"] == {"app": "web"}),
        (deployment(containers=[{"name": "nginx", "image": "nginx"}, {"name": "log", "image": "busybox"}]),
         deployment(containers=[{"name": "nginx", "image": "nginx"}]),
         lambda o: [c["name"] for c in o["spec"]["template"]["spec"]["containers"]] == ["nginx"]),
        (deployment(paused=True), deployment(), lambda o: "paused" not in o["spec"]),
        (deployment(containers=[{"name": "nginx", "image": "nginx", "args": ["-a"]}]),
         deployment(containers=[{"name": "nginx", "image": "nginx"}]),
         lambda o: "args" not in o["spec"]["template"]["spec"]["containers"][0]),
    ],
    ids=["label", "list item by key", "spec field", "atomic list"],
)
def test_removing_a_field_from_config_removes_it(first, second, check):
    live = apply(None, first, "kubectl", False, T0)
    got = apply(live, second, "kubectl", False, T1)
    assert check(got)
    assert got["metadata"]["managedFields"][0]["time"] == T1


def test_fields_set_by_others_survive_an_applier_dropping_its_own():
    live = apply(None, deployment(), "kubectl", False, T0)
    edited = copy.deepcopy(live)
    edited["metadata"]["labels"]["team"] = "a"
    update_managed_fields(live, edited, "kubectl-label", "Update", T1, "apps/v1")
    got = apply(edited, deployment(labels={}), "kubectl", False, T2)
    assert got["metadata"]["labels"] == {"team": "a"}


def test_conflict_with_another_manager():
    live = apply(None, deployment(), "kubectl", False, T0)
    scaled = copy.deepcopy(live)
    scaled["spec"]["replicas"] = 5
    update_managed_fields(live, scaled, "kubectl-client-side-apply", "Update", T1, "apps/v1")
    with pytest.raises(errors.Conflict) as e:
        apply(scaled, deployment(), "kubectl", False, T2)
    assert e.value.code == 409
    assert e.value.message == (
        'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas')
    assert e.value.causes == [{"reason": "FieldManagerConflict", "field": ".spec.replicas",
                               "message": 'conflict with "kubectl-client-side-apply" using apps/v1'}]


def test_several_conflicts_are_listed_by_manager():
    live = apply(None, deployment(), "kubectl", False, T0)
    a = copy.deepcopy(live)
    a["spec"]["replicas"] = 5
    a["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27"
    update_managed_fields(live, a, "kube-controller-manager", "Update", T1, "apps/v1")
    b = copy.deepcopy(a)
    b["metadata"]["labels"]["app"] = "api"
    update_managed_fields(a, b, "argocd", "Update", T2, "apps/v1")
    with pytest.raises(errors.Conflict) as e:
        apply(b, deployment(), "kubectl", False, T3)
    assert e.value.message == (
        "Apply failed with 3 conflicts: "
        'conflicts with "argocd" using apps/v1:\n'
        "- .metadata.labels.app\n"
        'conflicts with "kube-controller-manager" using apps/v1:\n'
        "- .spec.replicas\n"
        '- .spec.template.spec.containers[name="nginx"].image')


def test_force_takes_ownership():
    live = apply(None, deployment(), "kubectl", False, T0)
    scaled = copy.deepcopy(live)
    scaled["spec"]["replicas"] = 5
    update_managed_fields(live, scaled, "hpa", "Update", T1, "apps/v1")
    got = apply(scaled, deployment(), "kubectl", True, T2)
    assert got["spec"]["replicas"] == 3
    assert owns(got, "kubectl", "f:spec", "f:replicas")
    assert managers(got) == [("kubectl", "Apply", "")]


def test_two_appliers_sharing_a_field():
    live = apply(None, deployment(), "kubectl", False, T0)
    other = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 3}}
    shared = apply(live, other, "ci", False, T1)
    assert owns(shared, "kubectl", "f:spec", "f:replicas") and owns(shared, "ci", "f:spec", "f:replicas")
    cfg = deployment()
    del cfg["spec"]["replicas"]
    dropped = apply(shared, cfg, "kubectl", False, T2)
    assert dropped["spec"]["replicas"] == 3
    assert not owns(dropped, "kubectl", "f:spec", "f:replicas")
    assert owns(dropped, "ci", "f:spec", "f:replicas")


def test_update_after_apply_moves_ownership():
    live = apply(None, deployment(), "kubectl", False, T0)
    edited = copy.deepcopy(live)
    edited["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27"
    update_managed_fields(live, edited, "kubectl-edit", "Update", T1, "apps/v1")
    path = ("f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"nginx"}', "f:image")
    assert owns(edited, "kubectl-edit", *path)
    assert not owns(edited, "kubectl", *path)
    assert owns(edited, "kubectl", *path[:-1], "f:name")
    assert managers(edited) == [("kubectl", "Apply", ""), ("kubectl-edit", "Update", "")]


def test_update_on_create_owns_what_it_wrote_with_dots_for_items_and_maps():
    obj = deployment(containers=[{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP"}]}])
    update_managed_fields(None, obj, "kubectl-create", "Update", T0, "apps/v1")
    [entry] = obj["metadata"]["managedFields"]
    assert (entry["manager"], entry["operation"], entry["time"]) == ("kubectl-create", "Update", T0)
    f = entry["fieldsV1"]
    assert f["f:metadata"] == {"f:labels": {".": {}, "f:app": {}}}
    c = f["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']
    assert c == {".": {}, "f:image": {}, "f:name": {},
                 "f:ports": {'k:{"containerPort":80,"protocol":"TCP"}': {".": {}, "f:containerPort": {}, "f:protocol": {}}}}


def test_update_that_changes_nothing_adds_no_entry():
    obj = deployment()
    update_managed_fields(None, obj, "kubectl-create", "Update", T0, "apps/v1")
    same = copy.deepcopy(obj)
    same["metadata"]["resourceVersion"] = "7"
    update_managed_fields(obj, same, "other", "Update", T1, "apps/v1")
    assert managers(same) == [("kubectl-create", "Update", "")]
    assert same["metadata"]["managedFields"][0]["time"] == T0


def test_removed_fields_leave_every_manager_and_empty_entries_are_dropped():
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"a": "1"}}}
    update_managed_fields(None, obj, "creator", "Update", T0, "v1")
    gone = copy.deepcopy(obj)
    del gone["metadata"]["labels"]
    gone["data"] = {"k": "v"}
    update_managed_fields(obj, gone, "editor", "Update", T1, "v1")
    assert managers(gone) == [("editor", "Update", "")]


def test_status_subresource_writes_record_subresource_status():
    obj = deployment()
    obj = apply(None, obj, "kubectl", False, T0)
    st_obj = copy.deepcopy(obj)
    st_obj["status"] = {"replicas": 3, "conditions": [{"type": "Available", "status": "True"}]}
    update_managed_fields(obj, st_obj, "kube-controller-manager", "Update", T1, "apps/v1", subresource="status")
    entry = st_obj["metadata"]["managedFields"][1]
    assert (entry["manager"], entry["subresource"]) == ("kube-controller-manager", "status")
    assert entry["fieldsV1"] == {"f:status": {"f:conditions": {'k:{"type":"Available"}': {
        ".": {}, "f:status": {}, "f:type": {}}}, "f:replicas": {}}}


def test_status_written_through_the_main_resource_is_not_owned():
    obj = apply(None, deployment(), "kubectl", False, T0)
    new = copy.deepcopy(obj)
    new["status"] = {"replicas": 1}
    update_managed_fields(obj, new, "someone", "Update", T1, "apps/v1")
    assert managers(new) == [("kubectl", "Apply", "")]


def test_conflict_with_a_status_writer_names_the_subresource():
    obj = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}
    obj = apply(None, obj, "kubectl", False, T0)
    new = copy.deepcopy(obj)
    new["status"] = {"phase": "Running"}
    update_managed_fields(obj, new, "kubelet", "Update", T1, "v1", subresource="status")
    with pytest.raises(errors.Conflict) as e:
        apply(new, {**obj, "metadata": {"name": "p"}, "status": {"phase": "Failed"}}, "kubectl", False, T2,
              subresource="status")
    assert e.value.message == (
        'Apply failed with 1 conflict: conflict with "kubelet" with subresource "status" using v1: .status.phase')


@pytest.mark.parametrize(
    ("live_list", "config_list", "want"),
    [
        (["a/x"], ["b/y"], ["a/x", "b/y"]),
        (["a/x", "b/y"], ["b/y"], ["a/x", "b/y"]),
        ([], ["b/y"], ["b/y"]),
    ],
    ids=["set list merges", "set list keeps others' items", "set list from empty"],
)
def test_apply_merges_set_lists(live_list, config_list, want):
    base = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": live_list}}
    live = copy.deepcopy(base)
    update_managed_fields(None, live, "creator", "Update", T0, "v1")
    got = apply(live, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": config_list}},
                "kubectl", True, T1)
    assert got["metadata"]["finalizers"] == want
    assert owns(got, "kubectl", "f:metadata", "f:finalizers", 'v:"b/y"')


def test_apply_replaces_atomic_lists_and_maps_whole():
    live = apply(None, deployment(containers=[{"name": "nginx", "image": "nginx", "args": ["-a", "-b"]}]),
                 "kubectl", False, T0)
    cfg = deployment(containers=[{"name": "nginx", "image": "nginx", "args": ["-c"]}])
    cfg["spec"]["selector"] = {"matchLabels": {"app": "web", "v": "2"}}
    got = apply(live, cfg, "kubectl", False, T1)
    assert got["spec"]["template"]["spec"]["containers"][0]["args"] == ["-c"]
    assert got["spec"]["selector"] == {"matchLabels": {"app": "web", "v": "2"}}
    assert fields(got, "kubectl")["f:spec"]["f:selector"] == {}


def test_apply_merges_keyed_lists_in_config_order():
    live = apply(None, deployment(containers=[{"name": "a", "image": "x"}]), "first", False, T0)
    got = apply(live, deployment(containers=[{"name": "b", "image": "y"}]), "second", True, T1)
    assert [c["name"] for c in got["spec"]["template"]["spec"]["containers"]] == ["a", "b"]


def test_apply_refuses_managed_fields_in_the_config():
    cfg = deployment()
    cfg["metadata"]["managedFields"] = []
    with pytest.raises(errors.BadRequest) as e:
        apply(None, cfg, "kubectl", False, T0)
    assert e.value.message == "metadata.managedFields must be nil"


def test_apply_refuses_another_version():
    live = apply(None, deployment(), "kubectl", False, T0)
    cfg = {**deployment(), "apiVersion": "apps/v1beta1"}
    with pytest.raises(errors.BadRequest) as e:
        apply(live, cfg, "kubectl", False, T1)
    assert e.value.message == (
        "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1")


def test_apply_rejects_duplicate_keys():
    cfg = deployment(containers=[{"name": "nginx", "image": "a"}, {"name": "nginx", "image": "b"}])
    with pytest.raises(errors.ApiError) as e:
        apply(None, cfg, "kubectl", False, T0)
    assert e.value.code == 500
    assert e.value.message == (
        "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
        '.spec.template.spec.containers: duplicate entries for key [name="nginx"]')


def test_apply_rejects_list_items_without_their_keys():
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"name": "http"}]}}
    with pytest.raises(errors.ApiError) as e:
        apply(None, svc, "kubectl", False, T0)
    assert e.value.message == (
        "failed to create typed patch object (/s; /v1, Kind=Service): .spec.ports: element 0: associative list "
        'with keys has an element that omits key field "port" (and doesn\'t have default value)')


def test_more_than_ten_update_managers_fold_into_ancient_changes():
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {}}
    for i in range(12):
        new = copy.deepcopy(obj)
        new["data"][f"k{i}"] = "v"
        update_managed_fields(obj, new, f"m{i:02d}", "Update", f"2024-05-01T10:00:{i:02d}Z", "v1")
        obj = new
    names = [m for m, _, _ in managers(obj)]
    assert len(names) == 10
    assert names[0] == "ancient-changes"
    assert fields(obj, "ancient-changes") == {"f:data": {"f:k0": {}, "f:k1": {}, "f:k2": {}}}


def test_manager_identifiers_and_how_conflicts_print_them():
    assert build_manager_identifier("kubectl", "Apply", "apps/v1") == '{"manager":"kubectl","operation":"Apply"}'
    upd = build_manager_identifier("kcm", "Update", "apps/v1", "status")
    assert upd == '{"manager":"kcm","operation":"Update","apiVersion":"apps/v1","subresource":"status"}'
    assert print_manager(upd) == '"kcm" with subresource "status" using apps/v1'
    assert print_manager("not json") == '"not json"'


def test_client_sent_managed_fields_replace_the_live_ones_and_a_reset_clears_them():
    live = apply(None, deployment(), "kubectl", False, T0)
    new = copy.deepcopy(live)
    new["metadata"]["managedFields"] = [{}]
    update_managed_fields(live, new, "kubectl-edit", "Update", T1, "apps/v1")
    assert "managedFields" not in new["metadata"]


# -- properties --------------------------------------------------------------------------

# An explicitly empty map in a config is left out: the typed Go object cannot tell it
# from an absent one, and neither does kubelab's pruning.
label_maps = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["1", "2"]), min_size=1, max_size=4)
containers = st.lists(
    st.fixed_dictionaries({"name": st.sampled_from(["x", "y", "z"]), "image": st.sampled_from(["i1", "i2"])},
                          optional={"args": st.lists(st.sampled_from(["-a", "-b"]), max_size=2)}),
    min_size=1, max_size=3, unique_by=lambda c: c["name"])
configs = st.builds(lambda labels, cs, r: deployment(replicas=r, labels=labels, containers=cs),
                    label_maps, containers, st.integers(1, 5))


@settings(max_examples=150, deadline=None)
@given(configs, configs)
def test_an_applier_alone_converges_to_its_config(first, second):
    live = apply(None, first, "kubectl", False, T0)
    got = apply(live, second, "kubectl", False, T1)
    assert {k: v for k, v in got.items() if k != "metadata"} == {k: v for k, v in second.items() if k != "metadata"}
    assert got["metadata"].get("labels", {}) == second["metadata"]["labels"]
    assert apply(got, second, "kubectl", False, T2) == got


@settings(max_examples=150, deadline=None)
@given(configs, configs)
def test_forced_apply_leaves_no_shared_conflicting_ownership(first, second):
    live = apply(None, first, "a", False, T0)
    got = apply(live, second, "b", True, T1)
    for e in got["metadata"]["managedFields"]:
        assert e["fieldsV1"]
    a_set = Set.from_fields_v1(fields(got, "b"))
    assert a_set.has(("f:spec", "f:replicas"))


tokens = st.sampled_from(["f:a", "f:b", 'k:{"name":"x"}', 'v:"s"', "f:c"])
paths = st.lists(tokens, min_size=1, max_size=4).map(tuple)


@given(st.lists(paths, max_size=8), st.lists(paths, max_size=8))
def test_field_sets_round_trip_and_obey_set_algebra(ps, qs):
    a, b = Set.of(*ps), Set.of(*qs)
    assert Set.from_fields_v1(a.to_fields_v1()) == a
    assert sorted(a.iterate()) == sorted(set(ps))
    union, diff, inter = a.union(b), a.difference(b), a.intersection(b)
    for p in set(ps) | set(qs):
        assert union.has(p) == (p in ps or p in qs)
        assert diff.has(p) == (p in ps and p not in qs)
        assert inter.has(p) == (p in ps and p in qs)
    json.dumps(a.to_fields_v1())
