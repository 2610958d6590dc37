"""Field selectors parse, escape and match as apimachinery's fields package; kinds expose
the field sets and accept the labels their upstream registries do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api.fields import (
    check_field_label,
    convert_field_label,
    escape_value,
    everything,
    field_selector_for_kind,
    matches_object,
    object_fields,
    one_term_equal_selector,
    parse_field_selector,
    requires_exact_match,
    selector_from_set,
    set_string,
    split_term,
    split_terms,
    unescape_value,
)


@pytest.mark.parametrize("text", ["x=a,y=b,z=c", "", "x!=a,y=b", r"x=a||y\=b", r"x=a\=\=b"])
def test_selector_parse_good(text: str) -> None:
    parse_field_selector(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x=a||y=b", "invalid field selector: unescaped character in value: 61"),
        ("x==a==b", "invalid field selector: unescaped character in value: 61"),
        ("x=a,b", "invalid selector: 'x=a,b'; can't understand 'b'"),
        ("x in (a)", "invalid selector: 'x in (a)'; can't understand 'x in (a)'"),
        ("x in (a,b,c)", "invalid selector: 'x in (a,b,c)'; can't understand 'b'"),
        ("x", "invalid selector: 'x'; can't understand 'x'"),
        (r"a=b\x", r"invalid field selector: invalid escape sequence: \x"),
        ("a=b\\", "invalid field selector: invalid escape sequence: \\"),
    ],
)
def test_selector_parse_bad(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_field_selector(text)
    assert str(err.value) == message


def test_deterministic_parse() -> None:
    a = parse_field_selector("x=a,a=x")
    b = parse_field_selector("a=x,x=a")
    assert str(a) == str(b) == "a=x,x=a"
    assert a == b


FIELDSET = {"foo": "bar", "baz": "blah", "complex": "=value\\,\\"}


@pytest.mark.parametrize(
    ("text", "fields", "expect"),
    [
        ("", {"x": "y"}, True),
        ("x=y", {"x": "y"}, True),
        ("x=y,z=w", {"x": "y", "z": "w"}, True),
        ("x!=y,z!=w", {"x": "z", "z": "a"}, True),
        ("notin=in", {"notin": "in"}, True),
        ("x=y", {"x": "z"}, False),
        ("x=y,z=w", {"x": "w", "z": "w"}, False),
        ("x!=y,z!=w", {"x": "z", "z": "w"}, False),
        ("foo=bar", FIELDSET, True),
        ("baz=blah", FIELDSET, True),
        ("foo=bar,baz=blah", FIELDSET, True),
        (r"foo=bar,baz=blah,complex=\=value\\\,\\", FIELDSET, True),
        ("foo=blah", FIELDSET, False),
        ("baz=bar", FIELDSET, False),
        ("foo=bar,foobar=bar,baz=blah", FIELDSET, False),
        ("missing=", {}, True),
        ("missing!=", {}, False),
    ],
)
def test_selector_matches(text: str, fields: dict[str, str], expect: bool) -> None:
    sel = parse_field_selector(text)
    assert sel.matches(fields) is expect
    assert all(t.matches(fields) for t in sel.terms) is expect


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("", ""), ("a", "a"), ("=", r"\="), (",", r"\,"), ("\\", "\\\\"), ("\\=\\,\\", r"\\\=\\\,\\")],
)
def test_escape_value(raw: str, escaped: str) -> None:
    assert escape_value(raw) == escaped
    assert unescape_value(escaped) == raw


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\\", "invalid field selector: invalid escape sequence: \\"),
        ("\\\\\\", "invalid field selector: invalid escape sequence: \\"),
        (r"\a", r"invalid field selector: invalid escape sequence: \a"),
        (r"\\\a", r"invalid field selector: invalid escape sequence: \a"),
        (",", "invalid field selector: unescaped character in value: 44"),
        ("=", "invalid field selector: unescaped character in value: 61"),
    ],
)
def test_unescape_value_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        unescape_value(text)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("", []),
        ("a=b", ["a=b"]),
        (r"a=\,", [r"a=\,"]),
        (r"a=\\", [r"a=\\"]),
        (r"a=\\\,", [r"a=\\\,"]),
        (r"a=\,\\", [r"a=\,\\"]),
        ("a=b,c=d", ["a=b", "c=d"]),
        (",,", ["", "", ""]),
        (r"a=\\,b=\,", [r"a=\\", r"b=\,"]),
    ],
)
def test_split_terms(text: str, terms: list[str]) -> None:
    assert split_terms(text) == terms


@pytest.mark.parametrize(
    ("term", "expect"),
    [
        ("a=b", ("a", "=", "b")),
        ("a==b", ("a", "==", "b")),
        ("a!=b", ("a", "!=", "b")),
        ("=b", ("", "=", "b")),
        ("a=", ("a", "=", "")),
        ("a=b=c", ("a", "=", "b=c")),
        ("a==b==c", ("a", "==", "b==c")),
        ("a!=b!=c", ("a", "!=", "b!=c")),
        ("a!=b==c", ("a", "!=", "b==c")),
        ("a==b!=c", ("a", "==", "b!=c")),
        ("", None),
        ("a", None),
    ],
)
def test_split_term(term: str, expect: tuple[str, str, str] | None) -> None:
    assert split_term(term) == expect


def test_requires_exact_match() -> None:
    sel = parse_field_selector("spec.nodeName=n1,status.phase!=Failed")
    assert sel.requires_exact_match("spec.nodeName") == ("n1", True)
    assert sel.requires_exact_match("status.phase") == ("", False)
    assert requires_exact_match("metadata.name==x", "metadata.name") == ("x", True)
    assert requires_exact_match("", "metadata.name") == ("", False)


def test_everything_and_sets() -> None:
    assert everything().empty()
    assert everything().matches({"a": "b"})
    assert str(selector_from_set({"b": "2", "a": "1"})) == "a=1,b=2"
    assert str(one_term_equal_selector("a", "x,y")) == r"a=x\,y"
    assert set_string({"b": "2", "a": "1"}) == "a=1,b=2"


def _pod(**status: object) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web-1", "namespace": "default"},
        "spec": {"nodeName": "node-1", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                 "serviceAccountName": "default", "hostNetwork": True},
        "status": dict(status),
    }


def test_pod_fields_mirror_to_selectable_fields() -> None:
    assert object_fields(_pod(phase="Running", podIPs=[{"ip": "10.0.0.7"}, {"ip": "fd00::7"}],
                              nominatedNodeName="node-2")) == {
        "metadata.name": "web-1",
        "metadata.namespace": "default",
        "spec.nodeName": "node-1",
        "spec.restartPolicy": "Always",
        "spec.schedulerName": "default-scheduler",
        "spec.serviceAccountName": "default",
        "spec.hostNetwork": "true",
        "status.phase": "Running",
        "status.podIP": "10.0.0.7",
        "status.nominatedNodeName": "node-2",
    }


def test_pod_without_ips_reads_empty_fields() -> None:
    fields = object_fields({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "d"}})
    assert fields["status.podIP"] == ""
    assert fields["spec.hostNetwork"] == "false"
    assert fields["spec.nodeName"] == ""


def test_kubectl_field_selector_on_pods() -> None:
    running = _pod(phase="Running")
    pending = _pod(phase="Pending")
    unscheduled = {**_pod(phase="Pending"), "spec": {}}
    sel = field_selector_for_kind("status.phase!=Running,spec.nodeName=", "Pod")
    assert [matches_object(sel, p) for p in (running, pending, unscheduled)] == [False, False, True]
    assert matches_object("spec.host=node-1", running) is False  # without conversion the field reads ""
    assert matches_object(field_selector_for_kind("spec.host=node-1", "Pod"), running) is True


def test_event_fields_mirror_to_selectable_fields() -> None:
    ev = {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": "web-1.17", "namespace": "default"},
        "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web-1", "uid": "u-1",
                           "apiVersion": "v1", "resourceVersion": "42", "fieldPath": "spec.containers{web}"},
        "reason": "Scheduled",
        "type": "Normal",
        "reportingComponent": "default-scheduler",
        "source": {},
    }
    f = object_fields(ev)
    assert f["involvedObject.fieldPath"] == "spec.containers{web}"
    assert f["involvedObject.uid"] == "u-1"
    assert f["reason"] == "Scheduled"
    assert f["source"] == "default-scheduler"  # falls back to the reporting controller
    assert f["reportingComponent"] == "default-scheduler"
    ev["source"] = {"component": "kubelet"}
    assert object_fields(ev)["source"] == "kubelet"


def test_events_k8s_io_event_reads_through_core_names() -> None:
    ev = {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e", "namespace": "d"},
          "regarding": {"kind": "Node", "name": "n1"}, "reason": "Ready", "type": "Normal",
          "reportingController": "kubelet", "deprecatedSource": {"component": "kubelet"}}
    f = object_fields(ev)
    assert (f["involvedObject.kind"], f["involvedObject.name"], f["source"]) == ("Node", "n1", "kubelet")


@pytest.mark.parametrize(
    ("obj", "expect"),
    [
        ({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "spec": {"unschedulable": True}},
         {"metadata.name": "n1", "spec.unschedulable": "true"}),
        ({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}, "status": {"phase": "Active"}},
         {"metadata.name": "dev", "status.phase": "Active", "name": "dev"}),
        ({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "d"}, "type": "Opaque"},
         {"metadata.name": "s", "metadata.namespace": "d", "type": "Opaque"}),
        ({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "d"},
          "spec": {"clusterIP": "10.96.0.10", "type": "ClusterIP"}},
         {"metadata.name": "s", "metadata.namespace": "d", "spec.clusterIP": "10.96.0.10", "spec.type": "ClusterIP"}),
        ({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "r", "namespace": "d"},
          "status": {"replicas": 3}},
         {"metadata.name": "r", "metadata.namespace": "d", "status.replicas": "3"}),
        ({"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "r", "namespace": "d"}},
         {"metadata.name": "r", "metadata.namespace": "d", "status.replicas": "0"}),
        ({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j", "namespace": "d"},
          "status": {"succeeded": 2}},
         {"metadata.name": "j", "metadata.namespace": "d", "status.successful": "2"}),
        ({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "d"}},
         {"metadata.name": "w", "metadata.namespace": "d"}),
        ({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "admin"}},
         {"metadata.name": "admin"}),
    ],
    ids=["node", "namespace", "secret", "service", "replicaset", "replicationcontroller", "job", "deployment",
         "clusterrole"],
)
def test_kind_field_sets(obj: dict, expect: dict[str, str]) -> None:
    assert object_fields(obj) == expect


@pytest.mark.parametrize(
    ("kind", "label", "expect"),
    [
        ("Pod", "spec.nodeName", "spec.nodeName"),
        ("Pod", "status.podIPs", "status.podIPs"),
        ("Pod", "spec.host", "spec.nodeName"),
        ("Node", "spec.unschedulable", "spec.unschedulable"),
        ("Event", "involvedObject.name", "involvedObject.name"),
        ("Namespace", "status.phase", "status.phase"),
        ("Secret", "type", "type"),
        ("Service", "spec.type", "spec.type"),
        ("ReplicationController", "status.replicas", "status.replicas"),
        ("Job", "status.successful", "status.successful"),
        ("Deployment", "metadata.namespace", "metadata.namespace"),
    ],
)
def test_supported_field_labels(kind: str, label: str, expect: str) -> None:
    assert check_field_label(kind, label) == expect


@pytest.mark.parametrize(
    ("kind", "label", "message"),
    [
        ("Pod", "spec.foo", "field label not supported: spec.foo"),
        ("Node", "metadata.namespace", "field label not supported: metadata.namespace"),
        ("Namespace", "metadata.namespace", "field label not supported: metadata.namespace"),
        ("Event", "message", "field label not supported: message"),
        ("Job", "status.active", "field label not supported: status.active"),
        ("Deployment", "spec.replicas",
         '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'),
        ("ReplicaSet", "status.replicas",
         '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    ],
)
def test_unsupported_field_labels(kind: str, label: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        check_field_label(kind, label)
    assert str(err.value) == message


def test_convert_field_label_uses_the_group() -> None:
    assert convert_field_label("v1", "Event", "reason", "X") == ("reason", "X")
    with pytest.raises(ValueError, match="is not a known field selector"):
        convert_field_label("events.k8s.io/v1", "Event", "reason", "X")


def test_field_selector_for_kind_rejects_unknown_labels() -> None:
    with pytest.raises(ValueError, match="field label not supported: spec.foo"):
        field_selector_for_kind("spec.foo=bar", "Pod")


# -- properties ----------------------------------------------------------------------------

texts = st.text(alphabet=st.sampled_from(list("ab=,\\! ")), max_size=8)


@given(texts)
def test_escape_then_unescape_is_identity(s: str) -> None:
    assert unescape_value(escape_value(s)) == s


@given(st.dictionaries(st.sampled_from(["a", "b.c", "d"]), texts, max_size=3))
def test_string_round_trips_and_selects_its_set(fields: dict[str, str]) -> None:
    sel = selector_from_set(fields)
    again = parse_field_selector(str(sel))
    assert again.matches(fields)
    assert str(again) == str(parse_field_selector(str(again)))
