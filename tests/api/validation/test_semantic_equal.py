"""semantic_equal's fast paths agree with the equality rules they shortcut."""

import copy

from conftest import POD_SPEC, defaulted, pod
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api.validation.objectmeta import semantic_equal, semantic_equal_reference

scalars = st.one_of(st.none(), st.booleans(), st.sampled_from([0, 1, 1.0, 0.0, -0.0, 2, float("nan")]),
                    st.sampled_from(["", "a", "b", "80"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)),
    max_leaves=10)
SPEC = defaulted(pod(**{**POD_SPEC, "tolerations": [{"key": "k", "operator": "Exists"}]}))["spec"]


@st.composite
def edited(draw, v):
    """``v`` with one nested value replaced (or ``v`` itself)."""
    if isinstance(v, dict) and v and draw(st.booleans()):
        k = draw(st.sampled_from(list(v)))
        return {**v, k: draw(edited(v[k]))}
    if isinstance(v, list) and v and draw(st.booleans()):
        i = draw(st.integers(0, len(v) - 1))
        return [*v[:i], draw(edited(v[i])), *v[i + 1:]]
    return draw(st.one_of(st.just(copy.deepcopy(v)), values))


@settings(max_examples=500, deadline=None)
@given(st.one_of(values, st.just(SPEC)).flatmap(lambda v: st.tuples(st.just(v), edited(v))))
def test_semantic_equal_of_an_edited_value_matches_the_rules(pair):
    a, b = pair
    assert semantic_equal(a, b) == semantic_equal_reference(a, b)
    assert semantic_equal(b, a) == semantic_equal_reference(b, a)


@settings(max_examples=300, deadline=None)
@given(values, values)
def test_semantic_equal_of_unrelated_values_matches_the_rules(a, b):
    assert semantic_equal(a, b) == semantic_equal_reference(a, b)


def test_missing_null_and_empty_fields_are_semantically_equal():
    assert semantic_equal({"a": 1, "b": None, "c": {}}, {"a": 1, "d": []})
    assert not semantic_equal({"a": True}, {"a": 1})
    assert semantic_equal({"a": 1}, {"a": 1.0})
