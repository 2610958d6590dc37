"""The remembered string checks give exactly the messages of the checks themselves."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api.validation import generic as g

CHECKS = [g.is_qualified_name, g.is_valid_label_value, g.is_dns1123_label, g.is_dns1123_subdomain,
          g.is_dns1035_label]
names = st.one_of(
    st.text(alphabet="abcXYZ019-_./é", max_size=70),
    st.sampled_from(["", "app", "example.com/app", "a/b/c", "/x", "x/", "-a", "a" * 64, "é", "kubernetes.io/metadata.name"]),
)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@settings(max_examples=300, deadline=None)
@given(value=names)
def test_remembered_check_matches_the_check(check, value):
    want = check.uncached(value)
    first, second = check(value), check(value)
    assert first == want and second == want
    first.append("caller's own list")
    assert check(value) == want


def test_a_non_string_fails_as_the_check_does():
    with pytest.raises(AttributeError):
        g.is_dns1123_label(None)
