"""The fast field comparison finds exactly what upstream's walk finds."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubelab.apiserver.fieldmanager import schema_for
from kubelab.apiserver.fieldmanager.compare import Comparison, compare, compare_reference
from kubelab.apiserver.fieldmanager.fieldpath import Set

from .objects import DEPLOYMENT, OBJECTS, POD, object_pairs, values


def as_lists(c: Comparison) -> tuple[list, list, list]:
    return list(c.removed.iterate()), list(c.modified.iterate()), list(c.added.iterate())


def assert_same(lhs, rhs, schema) -> None:
    fast, ref = compare(lhs, rhs, schema), compare_reference(lhs, rhs, schema)
    assert as_lists(fast) == as_lists(ref)
    assert fast == ref


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(object_pairs())
def test_compare_of_edited_objects_matches_the_reference_walk(pair):
    old, new = pair
    assert_same(old, new, schema_for(new) or schema_for(old))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(OBJECTS))
def test_compare_of_a_create_records_every_field_as_added(obj):
    assert_same({}, obj, schema_for(obj))
    assert_same(obj, {}, schema_for(obj))


@settings(max_examples=300, deadline=None)
@given(values, values, st.sampled_from([None, *[schema_for(o) for o in OBJECTS]]))
def test_compare_of_arbitrary_values_matches_the_reference_walk(lhs, rhs, schema):
    assert_same(lhs, rhs, schema)
    assert_same({"spec": lhs}, {"spec": rhs}, schema)


def test_a_label_change_is_the_only_modification():
    old = POD
    new = {**POD, "metadata": {**POD["metadata"], "labels": {"app": "web", "tier": "be"}}}
    got = compare(old, new, schema_for(POD))
    assert got == Comparison(Set(), Set.of(("f:metadata", "f:labels", "f:tier")), Set())


def test_an_int_that_becomes_a_bool_is_modified_and_an_equal_float_is_not():
    old = {**DEPLOYMENT, "spec": {**DEPLOYMENT["spec"], "replicas": 1}}
    for v, modified in ((1.0, []), (True, [("f:spec", "f:replicas")])):
        new = {**DEPLOYMENT, "spec": {**DEPLOYMENT["spec"], "replicas": v}}
        assert list(compare(old, new, schema_for(DEPLOYMENT)).modified.iterate()) == modified
        assert_same(old, new, schema_for(DEPLOYMENT))
