"""Request bodies are decoded with the API server's strict field validation and error text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api.errors import BadRequest
from kubelab.api.openapi import decode as dec
from kubelab.api.openapi.decode import decode

PREFIX = 'Deployment in version "v1" cannot be handled as a Deployment: '


def deployment() -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}, "creationTimestamp": None},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [
                     {"name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80}],
                      "resources": {"requests": {"cpu": "100m", "memory": "128Mi"},
                                    "limits": {"cpu": "500m", "memory": "256Mi"}}}]}}},
    }


def error_of(obj: dict, group: str = "apps", version: str = "v1", kind: str = "Deployment",
             mode: str = "Strict") -> str:
    with pytest.raises(BadRequest) as info:
        decode(obj, group, version, kind, mode)
    assert info.value.code == 400
    return info.value.message


def test_valid_deployment_decodes_to_an_equal_independent_copy():
    obj = deployment()
    out, warnings = decode(obj, "apps", "v1", "Deployment")
    assert out == obj and warnings == []
    out["spec"]["template"]["spec"]["containers"][0]["name"] = "changed"
    assert obj["spec"]["template"]["spec"]["containers"][0]["name"] == "nginx"


def test_null_creation_timestamp_and_empty_resources_are_accepted_unchanged():
    obj = deployment()
    obj["spec"]["template"]["spec"]["containers"][0]["resources"] = {}
    out, _ = decode(obj, "apps", "v1", "Deployment")
    assert out["metadata"]["creationTimestamp"] is None
    assert out["spec"]["template"]["spec"]["containers"][0]["resources"] == {}


def mutate(path: tuple, value=None, rename: str | None = None) -> dict:
    obj = deployment()
    parent = obj
    for key in path[:-1]:
        parent = parent[key]
    if rename is not None:
        parent[rename] = parent.pop(path[-1])
    else:
        parent[path[-1]] = value
    return obj


SPEC = ("spec", "template", "spec")
C0 = (*SPEC, "containers", 0)


@pytest.mark.parametrize(("obj", "message"), [
    (mutate((*SPEC, "containers"), rename="contianers"),
     'strict decoding error: unknown field "spec.template.spec.contianers"'),
    (mutate((*C0, "imagePullPolcy"), "Always"),
     'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"'),
    (mutate((*C0, "ports", 0, "containerport"), 80),
     'strict decoding error: unknown field "spec.template.spec.containers[0].ports[0].containerport"'),
    (mutate(("status2",), {}), 'strict decoding error: unknown field "status2"'),
    (mutate(("metadata", "spec"), {"replicas": "1"}), 'strict decoding error: unknown field "metadata.spec"'),
], ids=["misspelt containers", "field in a list element carries its index", "nested lists",
        "top level", "values under an unknown field are not checked"])
def test_unknown_fields_are_rejected_in_strict_mode(obj, message):
    assert error_of(obj) == PREFIX + message


def test_several_unknown_fields_are_listed_in_body_order():
    obj = deployment()
    obj["spec"]["template"]["metadata"]["containers"] = []
    obj["spec"]["template"]["metadata"]["volumes"] = []
    obj["spec"]["foo"] = 1
    assert error_of(obj) == PREFIX + (
        'strict decoding error: unknown field "spec.template.metadata.containers", '
        'unknown field "spec.template.metadata.volumes", unknown field "spec.foo"')


def test_warn_mode_returns_warnings_and_drops_unknown_fields():
    obj = mutate(("spec", "foo"), 1)
    out, warnings = decode(obj, "apps", "v1", "Deployment", "Warn")
    assert warnings == ['unknown field "spec.foo"']
    assert "foo" not in out["spec"]


def test_ignore_mode_drops_unknown_fields_silently():
    out, warnings = decode(mutate(("spec", "foo"), 1), "apps", "v1", "Deployment", "Ignore")
    assert warnings == [] and "foo" not in out["spec"]


@pytest.mark.parametrize(("obj", "message"), [
    (mutate(("spec", "replicas"), "3"),
     "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
    (mutate(("spec", "replicas"), True),
     "json: cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32"),
    (mutate(("spec", "replicas"), 3.5),
     "json: cannot unmarshal number 3.5 into Go struct field DeploymentSpec.spec.replicas of type int32"),
    (mutate(("spec", "replicas"), 1 << 31),
     "json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32"),
    (mutate(("spec", "paused"), 1),
     "json: cannot unmarshal number into Go struct field DeploymentSpec.spec.paused of type bool"),
    (mutate((*SPEC, "containers"), "nginx"),
     "json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container"),
    (mutate(SPEC, []), "json: cannot unmarshal array into Go struct field PodTemplateSpec.spec.template.spec "
     "of type v1.PodSpec"),
    (mutate((*C0, "name"), 5),
     "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.name of type string"),
    (mutate((*C0, "args"), ["sleep", 5]),
     "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string"),
    (mutate(("metadata", "labels"), {"a": 1}),
     "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"),
    (mutate(("metadata", "labels"), ["a"]),
     "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string"),
    (mutate((*C0, "resources", "limits"), "1"),
     "json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers"
     ".resources.limits of type v1.ResourceList"),
    (mutate((*SPEC, "restartPolicy"), 1),
     "json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy "
     "of type v1.RestartPolicy"),
    (mutate((*C0, "ports", 0, "protocol"), 6),
     "json: cannot unmarshal number into Go struct field ContainerPort.spec.template.spec.containers.ports.protocol "
     "of type v1.Protocol"),
    (mutate((*SPEC, "securityContext"), {"runAsUser": "root"}),
     "json: cannot unmarshal string into Go struct field PodSecurityContext.spec.template.spec.securityContext"
     ".runAsUser of type int64"),
    (mutate(("spec", "strategy"), {"rollingUpdate": {"maxSurge": True}}),
     "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge "
     "of type int32"),
    (mutate(("metadata", "uid"), 7),
     "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.uid of type types.UID"),
    (mutate(("kind",), 1), "json: cannot unmarshal number into Go struct field Deployment.kind of type string"),
], ids=["string for int32", "booleans are not ints", "fraction for int32", "int32 overflow", "number for bool",
        "string for a list", "list for a struct", "number for string in a list element",
        "list element of []string", "map value", "list for a map", "named map type ResourceList",
        "named string type", "protocol", "int64", "int-or-string", "types.UID", "inline TypeMeta"])
def test_type_errors_name_the_go_struct_field_and_type(obj, message):
    for mode in ("Strict", "Warn", "Ignore"):
        assert error_of(obj, mode=mode) == PREFIX + message


def test_integral_floats_are_accepted_for_integer_fields():
    out, _ = decode(mutate(("spec", "replicas"), 3.0), "apps", "v1", "Deployment")
    assert out["spec"]["replicas"] == 3 and type(out["spec"]["replicas"]) is int


def test_the_first_type_error_wins_over_later_ones_and_over_unknown_fields():
    obj = mutate(("spec", "foo"), 1)
    obj["spec"]["replicas"] = "x"
    obj["spec"]["minReadySeconds"] = "y"
    assert error_of(obj) == PREFIX + (
        "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")


def test_an_unmarshaler_error_aborts_even_after_a_type_error():
    obj = mutate(("spec", "replicas"), "x")
    obj["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = "lots"
    assert error_of(obj) == PREFIX + (
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")


@pytest.mark.parametrize(("given", "stored"), [
    ("0.5", "500m"), ("1.5Gi", "1536Mi"), (" 2 ", "2"), (1, "1"), (0.25, "250m"), ("100m", "100m"),
])
def test_quantities_come_back_in_canonical_form(given, stored):
    out, _ = decode(mutate((*C0, "resources", "limits", "cpu"), given), "apps", "v1", "Deployment")
    assert out["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] == stored


@pytest.mark.parametrize("bad", ["", "1Gb", True, {"a": 1}])
def test_bad_quantities_report_the_quantity_error(bad):
    assert "quantities must match the regular expression" in error_of(mutate((*C0, "resources", "limits", "cpu"), bad))


@pytest.mark.parametrize(("value", "message"), [
    ("yesterday", 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'),
    ("2020-13-01T00:00:00Z", 'parsing time "2020-13-01T00:00:00Z": month out of range'),
    ("2021-02-29T00:00:00Z", 'parsing time "2021-02-29T00:00:00Z": day out of range'),
    ("2020-01-01 00:00:00Z",
     'parsing time "2020-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"'),
    ("2020-01-01T00:00:00", 'parsing time "2020-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": '
     'cannot parse "" as "Z07:00"'),
    ("2020-01-01T00:00:00Zjunk", 'parsing time "2020-01-01T00:00:00Zjunk": extra text: "junk"'),
    ("2020-01-01T25:00:00Z", 'parsing time "2020-01-01T25:00:00Z": hour out of range'),
    (5, "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string"),
])
def test_bad_times_report_go_time_parse_errors(value, message):
    assert error_of(mutate(("metadata", "creationTimestamp"), value)) == PREFIX + message


@pytest.mark.parametrize(("given", "stored"), [
    ("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
    ("2020-01-01T02:30:00+02:30", "2020-01-01T00:00:00Z"),
    ("2020-01-01T00:00:00.999Z", "2020-01-01T00:00:00Z"),
    ("0001-01-01T00:00:00Z", None),
], ids=["utc", "offset converted to UTC", "fraction dropped", "zero time marshals as null"])
def test_times_are_stored_in_utc_seconds(given, stored):
    out, _ = decode(mutate(("metadata", "creationTimestamp"), given), "apps", "v1", "Deployment")
    assert out["metadata"]["creationTimestamp"] == stored


def test_lease_micro_times_need_six_fraction_digits():
    lease = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"},
             "spec": {"renewTime": "2020-01-01T00:00:00.123456+01:00"}}
    out, _ = decode(lease, "coordination.k8s.io", "v1", "Lease")
    assert out["spec"]["renewTime"] == "2019-12-31T23:00:00.123456Z"
    lease["spec"]["renewTime"] = "2020-01-01T00:00:00Z"
    with pytest.raises(BadRequest, match='cannot parse "Z" as ".000000"'):
        decode(lease, "coordination.k8s.io", "v1", "Lease")


@pytest.mark.parametrize(("data", "message"), [
    ("aGVsbG8", "illegal base64 data at input byte 4"),
    ("a===", "illegal base64 data at input byte 1"),
    ("####", "illegal base64 data at input byte 0"),
    ("aGVsbG8=x", "illegal base64 data at input byte 8"),
    (5, "json: cannot unmarshal number into Go struct field Secret.data of type []uint8"),
])
def test_secret_data_must_be_base64(data, message):
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": data}}
    assert error_of(secret, "", "v1", "Secret") == 'Secret in version "v1" cannot be handled as a Secret: ' + message


def test_secret_data_newlines_are_dropped():
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "aGVs\nbG8="}}
    assert decode(secret, "", "v1", "Secret")[0]["data"] == {"k": "aGVsbG8="}


def test_managed_fields_content_is_free_form():
    obj = deployment()
    obj["metadata"]["managedFields"] = [{"manager": "kubectl", "fieldsType": "FieldsV1",
                                         "fieldsV1": {"f:spec": {"f:replicas": {}}}}]
    out, _ = decode(obj, "apps", "v1", "Deployment")
    assert out["metadata"]["managedFields"] == obj["metadata"]["managedFields"]


def test_kinds_without_a_schema_are_copied_as_is():
    obj = {"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"anything": [1]}}
    out, warnings = decode(obj, "example.com", "v1", "Widget")
    assert out == obj and out is not obj and warnings == []


def test_a_body_that_is_not_an_object():
    assert error_of([1], "apps", "v1", "Deployment") == PREFIX + (
        "json: cannot unmarshal array into Go value of type v1.Deployment")


def test_unsupported_field_validation_directive():
    with pytest.raises(ValueError, match="fieldValidation"):
        decode(deployment(), "apps", "v1", "Deployment", "Loose")


def test_go_float_text_matches_encoding_json():
    assert [dec.go_float_text(x) for x in (3.5, 1e21, 1.5e-7, 123456789.5, 1e-5)] == [
        "3.5", "1e+21", "1.5e-7", "123456789.5", "0.00001"]


def test_fast_and_precise_paths_agree_on_valid_bodies():
    obj = deployment()
    t = dec._root("apps", "v1", "Deployment")
    walk = dec._Walk()
    assert t.fast(obj) == dec._slow(obj, t, "", "", "Deployment", walk)
    assert walk.strict == [] and walk.saved is None


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
PLACES = {  # where in the body -> (strict path prefix, the definition whose fields are known there)
    (): ("", "io.k8s.api.apps.v1.Deployment"),
    ("spec",): ("spec.", "io.k8s.api.apps.v1.DeploymentSpec"),
    SPEC: ("spec.template.spec.", "io.k8s.api.core.v1.PodSpec"),
    C0: ("spec.template.spec.containers[0].", "io.k8s.api.core.v1.Container"),
    ("metadata",): ("metadata.", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
}


@given(names, st.sampled_from(sorted(PLACES, key=len)))
def test_any_unknown_field_is_reported_with_its_path(name, where):
    prefix, definition = PLACES[where]
    if name in dec._struct(definition).fields:
        return
    obj = deployment()
    parent = obj
    for key in where:
        parent = parent[key]
    parent[name] = "x"
    out, warnings = decode(obj, "apps", "v1", "Deployment", "Warn")
    assert warnings == [f'unknown field "{prefix}{name}"']
    assert out == deployment()


@given(st.integers(min_value=-(1 << 31), max_value=(1 << 31) - 1))
def test_decoding_is_idempotent(replicas):
    once, _ = decode(mutate(("spec", "replicas"), replicas), "apps", "v1", "Deployment")
    assert decode(once, "apps", "v1", "Deployment")[0] == once
