"""JSON patch and JSON merge patch, with the errors the API server returns."""

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api import errors
from kubelab.api.jsonpatch import apply_json_patch, apply_merge_patch, create_merge_patch

DOC = {"metadata": {"name": "web", "labels": {"app": "web", "a/b": "x", "t~n": "y"}},
       "spec": {"replicas": 2, "ports": [80, 443]}}


@pytest.mark.parametrize(
    ("ops", "want"),
    [
        ([{"op": "add", "path": "/metadata/labels/tier", "value": "fe"}],
         {**DOC["metadata"]["labels"], "tier": "fe"}),
        ([{"op": "remove", "path": "/metadata/labels/a~1b"}], {"app": "web", "t~n": "y"}),
        ([{"op": "remove", "path": "/metadata/labels/t~0n"}], {"app": "web", "a/b": "x"}),
        ([{"op": "replace", "path": "/metadata/labels/app", "value": "api"}],
         {"app": "api", "a/b": "x", "t~n": "y"}),
        ([{"op": "move", "from": "/metadata/labels/app", "path": "/metadata/labels/name"}],
         {"a/b": "x", "t~n": "y", "name": "web"}),
        ([{"op": "copy", "from": "/metadata/labels/app", "path": "/metadata/labels/copy"}],
         {**DOC["metadata"]["labels"], "copy": "web"}),
        ([{"op": "test", "path": "/metadata/labels/app", "value": "web"},
          {"op": "remove", "path": "/metadata/labels/app"}], {"a/b": "x", "t~n": "y"}),
    ],
    ids=["add", "remove with ~1", "remove with ~0", "replace", "move", "copy", "test then remove"],
)
def test_json_patch_operations_on_labels(ops, want):
    before = copy.deepcopy(DOC)
    got = apply_json_patch(DOC, ops)
    assert got["metadata"]["labels"] == want
    assert DOC == before


@pytest.mark.parametrize(
    ("ops", "want"),
    [
        ([{"op": "add", "path": "/spec/ports/-", "value": 8080}], [80, 443, 8080]),
        ([{"op": "add", "path": "/spec/ports/0", "value": 8080}], [8080, 80, 443]),
        ([{"op": "add", "path": "/spec/ports/2", "value": 8080}], [80, 443, 8080]),
        ([{"op": "remove", "path": "/spec/ports/-1"}], [80]),
        ([{"op": "replace", "path": "/spec/ports/1", "value": 8443}], [80, 8443]),
        ([{"op": "move", "from": "/spec/ports/0", "path": "/spec/ports/-"}], [443, 80]),
    ],
    ids=["append with -", "insert at 0", "insert at end", "negative index", "replace item", "move item"],
)
def test_json_patch_on_arrays(ops, want):
    assert apply_json_patch(DOC, ops)["spec"]["ports"] == want
    assert DOC["spec"]["ports"] == [80, 443]


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        ([{"op": "test", "path": "/spec/replicas", "value": 3}], "testing value /spec/replicas failed: test failed"),
        ([{"op": "test", "path": "/spec/replicas", "value": True}], "testing value /spec/replicas failed: test failed"),
        ([{"op": "remove", "path": "/metadata/labels/nope"}],
         "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value"),
        ([{"op": "add", "path": "/status/phase", "value": "x"}, ],
         'add operation does not apply: doc is missing path: "/status/phase": missing value'),
        ([{"op": "add", "path": "/spec/ports/5", "value": 1}],
         "error in add for path: '/spec/ports/5': Unable to access invalid index: 5: invalid index referenced"),
        ([{"op": "replace", "path": "/spec/ports/9", "value": 1}],
         "replace operation does not apply: doc is missing key: /spec/ports/9: missing value"),
        ([{"op": "move", "from": "/spec/nope", "path": "/spec/x"}],
         "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"),
        ([{"op": "remove"}], "remove operation failed to decode path: missing value"),
        ([{"op": "frobnicate", "path": "/a"}], "Unexpected kind: frobnicate"),
        ([{"op": "add", "path": "/spec/ports/x", "value": 1}],
         "error in add for path: '/spec/ports/x': value was not a proper array index: 'x': "
         'strconv.Atoi: parsing "x": invalid syntax'),
    ],
    ids=["failed test op", "a bool is not a number", "remove missing key", "missing parent path",
         "index past the end", "replace missing index", "move missing from", "missing path", "unknown op",
         "bad array index"],
)
def test_failed_json_patch_is_unprocessable(ops, message):
    with pytest.raises(errors.Invalid) as e:
        apply_json_patch(DOC, ops)
    assert e.value.code == 422
    assert e.value.message == "the server rejected our request due to an error in our request"
    assert e.value.causes == [{"reason": "UnexpectedServerResponse", "message": message}]


def test_test_op_for_null_passes_on_a_missing_key():
    assert apply_json_patch(DOC, [{"op": "test", "path": "/spec/paused", "value": None}]) == DOC


def test_replace_of_a_missing_object_key_adds_it():
    # json-patch v4 does not check the key exists before replacing in an object.
    assert apply_json_patch(DOC, [{"op": "replace", "path": "/spec/paused", "value": True}])["spec"]["paused"] is True


def test_json_patch_body_must_be_a_list():
    with pytest.raises(errors.BadRequest) as e:
        apply_json_patch(DOC, {"op": "add"})
    assert e.value.message == "json: cannot unmarshal object into Go value of type jsonpatch.Patch"


def test_too_many_operations():
    with pytest.raises(errors.ApiError) as e:
        apply_json_patch(DOC, [{"op": "test", "path": "/spec", "value": {}}] * 10001)
    assert e.value.code == 413
    assert e.value.message == (
        "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001")


def test_merge_patch_deletes_with_null_and_merges_objects():
    got = apply_merge_patch(DOC, {"metadata": {"labels": {"app": None, "tier": "fe"}}, "spec": {"ports": [1]}})
    assert got["metadata"]["labels"] == {"a/b": "x", "t~n": "y", "tier": "fe"}
    assert got["spec"] == {"replicas": 2, "ports": [1]}
    assert DOC["metadata"]["labels"]["app"] == "web"


def test_merge_patch_prunes_nulls_from_new_objects():
    assert apply_merge_patch({}, {"a": {"b": None, "c": 1}}) == {"a": {"c": 1}}


def test_null_merge_patch_is_a_bad_request():
    with pytest.raises(errors.BadRequest) as e:
        apply_merge_patch(DOC, None)
    assert e.value.message == "Invalid JSON Patch"


def test_array_merge_patch_cannot_become_an_object():
    with pytest.raises(errors.Invalid) as e:
        apply_merge_patch(DOC, [1])
    assert e.value.message.startswith(' "" is invalid: patch: Invalid value: "[1]"')


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3),
    max_leaves=10,
)
json_docs = st.dictionaries(st.text(max_size=2), json_values, max_size=4)


def _no_nulls_in_objects(v):
    if isinstance(v, dict):
        return {k: _no_nulls_in_objects(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_no_nulls_in_objects(x) for x in v]
    return v


@given(json_docs, json_docs)
def test_merge_patch_round_trip(a, b):
    # RFC 7386 cannot express nulls inside objects: compare documents without them.
    a, b = _no_nulls_in_objects(a), _no_nulls_in_objects(b)
    assert apply_merge_patch(a, create_merge_patch(a, b)) == b


@given(json_docs, st.text(max_size=3), json_values)
def test_add_then_remove_restores_the_document(doc, key, value):
    path = "/" + key.replace("~", "~0").replace("/", "~1")
    added = apply_json_patch(doc, [{"op": "add", "path": path, "value": value}])
    assert added[key] == value
    if key not in doc:
        assert apply_json_patch(added, [{"op": "remove", "path": path}]) == doc
