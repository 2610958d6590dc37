"""Free-form fields (FieldsV1, RawExtension) come back as a copy equal to what was sent."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api.openapi.decode import _fast_any, decode

values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=20)


def containers(v):
    if isinstance(v, dict):
        yield v
        for x in v.values():
            yield from containers(x)
    elif isinstance(v, list):
        yield v
        for x in v:
            yield from containers(x)


def reference_copy(v):
    """The copy as a plain recursive comprehension (the oracle)."""
    if v.__class__ is dict:
        return {k: reference_copy(x) for k, x in v.items()}
    if v.__class__ is list:
        return [reference_copy(x) for x in v]
    return v


@settings(max_examples=400, deadline=None)
@given(values)
def test_free_form_copy_is_equal_and_shares_no_container(v):
    got = _fast_any(v)
    assert got == reference_copy(v)
    assert repr(got) == repr(v)
    originals = list(containers(v))
    assert not any(c is o for c in containers(got) for o in originals)


def test_managed_fields_of_an_update_are_copied_as_sent():
    fields_v1 = {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {"f:containers": {
        'k:{"name":"app"}': {".": {}, "f:image": {}}}}}
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "managedFields": [
        {"manager": "m", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": fields_v1}]},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}}
    out, warnings = decode(pod, "", "v1", "Pod")
    assert out == pod and warnings == []
    assert out["metadata"]["managedFields"][0]["fieldsV1"] is not fields_v1
