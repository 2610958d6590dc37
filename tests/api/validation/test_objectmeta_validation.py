"""ObjectMeta rules every kind shares (apimachinery objectmeta_test.go, generic.go)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api import field
from kubelab.api.validation import objectmeta as om


def _meta(**kw):
    return {"name": "web", "namespace": "default", **kw}


@pytest.mark.parametrize(
    "meta, expected",
    [
        pytest.param(_meta(), [], id="valid"),
        pytest.param(
            {"namespace": "default"},
            ["metadata.name: Required value: name or generateName is required"],
            id="missing name",
        ),
        pytest.param(
            _meta(name="Web_1"),
            [
                'metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case '
                "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                "(e.g. 'example.com', regex used for validation is "
                "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            ],
            id="invalid name",
        ),
        pytest.param({"name": "web"}, ["metadata.namespace: Required value"], id="missing namespace"),
        pytest.param(_meta(generation=-1), ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"], id="negative generation"),
        pytest.param(
            _meta(finalizers=["orphan", "foregroundDeletion"]),
            ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set'],
            id="conflicting finalizers",
        ),
        pytest.param(
            _meta(annotations={"a/b/c": "x"}),
            [
                'metadata.annotations: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '
                "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an "
                "optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ],
            id="invalid annotation key",
        ),
    ],
)
def test_validate_object_meta(meta, expected):
    got = [str(e) for e in om.validate_object_meta(meta, True, om.name_is_dns_subdomain)]
    assert got == expected


def test_annotations_over_256_kib_are_too_long():
    errs = om.validate_annotations({"a": "x" * (256 * 1024)}, "metadata.annotations")
    assert [str(e) for e in errs] == ["metadata.annotations: Too long: must have at most 262144 bytes"]
    assert errs[0].type == field.TOO_LONG
    assert om.validate_annotations({"a": "x" * (256 * 1024 - 1)}, "metadata.annotations") == []


def test_namespace_forbidden_on_cluster_scoped_kinds():
    errs = om.validate_object_meta({"name": "n1", "namespace": "x"}, False, om.name_is_dns_subdomain)
    assert [str(e) for e in errs] == ["metadata.namespace: Forbidden: not allowed on this type"]


@pytest.mark.parametrize(
    "refs, expected",
    [
        pytest.param(
            [{"apiVersion": "v1", "kind": "Event", "name": "e", "uid": "1"}],
            ['metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"1", '
             "Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner"],
            id="banned owner",
        ),
        pytest.param(
            [{"apiVersion": "", "kind": "", "name": "", "uid": ""}],
            [
                'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
                'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
                'metadata.ownerReferences.name: Invalid value: "": must not be empty',
                'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
            ],
            id="empty owner reference",
        ),
    ],
)
def test_validate_owner_references(refs, expected):
    assert [str(e) for e in om.validate_owner_references(refs, "metadata.ownerReferences")] == expected


def test_only_one_controller_owner():
    refs = [
        {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "a", "uid": "1", "controller": True},
        {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "b", "uid": "2", "controller": True},
    ]
    (err,) = om.validate_owner_references(refs, "metadata.ownerReferences")
    assert err.detail == 'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b'


def test_object_meta_update_immutable_fields():
    old = {"name": "web", "namespace": "default", "uid": "u1", "resourceVersion": "5", "generation": 3, "creationTimestamp": "2024-01-02T03:04:05Z"}
    new = dict(old, uid="u2", generation=2, resourceVersion="", creationTimestamp="2024-01-02T03:04:06Z")
    assert [str(e) for e in om.validate_object_meta_update(new, old)] == [
        'metadata.resourceVersion: Invalid value: "": must be specified for an update',
        "metadata.generation: Invalid value: 2: must not be decremented",
        'metadata.uid: Invalid value: "u2": field is immutable',
        "metadata.creationTimestamp: Invalid value: 2024-01-02 03:04:06 +0000 UTC: field is immutable",
    ]


def test_no_new_finalizers_while_deleting():
    old = {"name": "w", "resourceVersion": "1", "deletionTimestamp": "2024-01-01T00:00:00Z", "finalizers": ["a.io/x"]}
    new = dict(old, finalizers=["a.io/x", "b.io/y"])
    assert [str(e) for e in om.validate_object_meta_update(new, old)] == [
        'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}'
    ]


@pytest.mark.parametrize(
    "name, prefix, ok",
    [("abc-", True, True), ("abc-", False, False), ("a", True, True), ("-", True, False)],
)
def test_generate_name_prefix_may_end_in_dash(name, prefix, ok):
    assert (om.name_is_dns_subdomain(name, prefix) == []) is ok


@pytest.mark.parametrize("name, msgs", [(".", ["may not be '.'"]), ("a/b%c", ["may not contain '/'", "may not contain '%'"]), ("ok", [])])
def test_path_segment_names(name, msgs):
    assert om.validate_path_segment_name(name, False) == msgs


@given(st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.integers(), st.text(max_size=3)), max_size=4))
def test_semantic_equal_is_reflexive_and_ignores_empties(d):
    assert om.semantic_equal(d, dict(d))
    assert om.semantic_equal({**d, "zz-empty": {}}, {**d, "zz-empty": None})
