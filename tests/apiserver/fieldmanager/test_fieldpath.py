"""Path-element tokens and manager identifiers are written exactly as json.dumps writes them."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.apiserver.fieldmanager import build_manager_identifier
from kubelab.apiserver.fieldmanager.fieldpath import (
    Set,
    _sorted,
    key_token,
    key_token_reference,
    token_order,
    value_token,
    value_token_reference,
)
from kubelab.apiserver.fieldmanager.managedfields import Managed, encode_managed_fields
from kubelab.apiserver.fieldmanager.merge import VersionedSet

from .objects import values

texts = st.one_of(st.sampled_from(["", "name", "nginx", 'q"uo\\te', "ü", "\u2028", "\x00", "a/b"]), st.text(max_size=6))
keyvals = st.one_of(texts, st.integers(-(2**70), 2**70), st.booleans(), st.none(), st.floats(allow_nan=True), values)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "containerPort", "protocol", "port", "uid", "b"]), keyvals,
                       min_size=1, max_size=3))
def test_key_token_is_the_compact_json_of_the_sorted_keys(fields):
    assert key_token(fields) == key_token_reference(fields)


@settings(max_examples=500, deadline=None)
@given(keyvals)
def test_value_token_is_the_compact_json_of_the_value(v):
    assert value_token(v) == value_token_reference(v)


def test_an_int_key_is_written_as_a_number_and_a_bool_as_true():
    assert key_token({"port": 80, "protocol": "TCP"}) == 'k:{"port":80,"protocol":"TCP"}'
    assert key_token({"x": True}) == 'k:{"x":true}'


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(["Update", "Apply", 1, True]), st.one_of(texts, st.just(1)), texts)
def test_manager_identifier_is_the_json_of_its_fields(manager, operation, api_version, subresource):
    want = {"manager": manager, "operation": operation}
    if operation != "Apply" and api_version:
        want["apiVersion"] = api_version
    if subresource:
        want["subresource"] = subresource
    got = build_manager_identifier(manager, operation, api_version, subresource)
    assert got == json.dumps(want, separators=(",", ":"), ensure_ascii=False)
    assert build_manager_identifier(manager, operation, api_version, subresource) == got


def test_encoded_entries_name_their_manager_operation_and_subresource():
    mid = build_manager_identifier("kubelet", "Update", "v1", "status")
    [entry] = encode_managed_fields(Managed({mid: VersionedSet(Set.of(("f:status",)), "v1", False)}, {mid: "T"}))
    assert entry == {"manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": "T",
                     "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {}}, "subresource": "status"}


tokens = st.one_of(st.text(max_size=4).map(lambda t: "f:" + t),
                   st.sampled_from(['k:{"name":"a"}', 'k:{"port":80}', 'v:"x"', "v:1", "i:3", "i:10", "f:."]))


@settings(max_examples=500, deadline=None)
@given(st.lists(tokens, unique=True, max_size=8))
def test_tokens_sort_fields_then_keys_then_values_then_indexes(toks):
    assert _sorted(toks) == sorted(toks, key=token_order)
