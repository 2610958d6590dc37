"""json_equal's fast paths agree with JSON's equality rules (a bool is never a number)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api.jsonpatch import json_equal, json_equal_reference

scalars = st.one_of(st.none(), st.booleans(), st.sampled_from([0, 1, 1.0, 0.0, -0.0, 2, float("nan")]),
                    st.sampled_from(["", "a", "b", "1"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)),
    max_leaves=10)


@st.composite
def edited(draw, v):
    """``v`` with at most one nested value replaced."""
    if isinstance(v, dict) and v and draw(st.booleans()):
        k = draw(st.sampled_from(list(v)))
        return {**v, k: draw(edited(v[k]))}
    if isinstance(v, list) and v and draw(st.booleans()):
        i = draw(st.integers(0, len(v) - 1))
        return [*v[:i], draw(edited(v[i])), *v[i + 1:]]
    return draw(st.one_of(st.just(v), values))


@settings(max_examples=600, deadline=None)
@given(values.flatmap(lambda v: st.tuples(st.just(v), edited(v))))
def test_json_equal_of_an_edited_value_matches_the_rules(pair):
    a, b = pair
    assert json_equal(a, b) == json_equal_reference(a, b)
    assert json_equal(b, a) == json_equal_reference(b, a)


@settings(max_examples=300, deadline=None)
@given(values, values)
def test_json_equal_of_unrelated_values_matches_the_rules(a, b):
    assert json_equal(a, b) == json_equal_reference(a, b)


def test_a_bool_never_equals_a_number_but_int_equals_float():
    assert not json_equal({"a": [True]}, {"a": [1]})
    assert json_equal({"a": [1]}, {"a": [1.0]})
    assert not json_equal({"a": "x"}, {"a": "x", "b": None})
