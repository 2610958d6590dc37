"""Protobuf request bodies of kubectl's typed clients, read into wire-shape objects."""

from __future__ import annotations

import pytest

from kubelab.api import errors
from kubelab.apiserver.server import protobuf


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def f(num: int, value: bytes | str | int) -> bytes:
    """One field: ints are varints, bytes and str are length-delimited."""
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    data = value.encode() if isinstance(value, str) else value
    return varint(num << 3 | 2) + varint(len(data)) + data


def envelope(api_version: str, kind: str, raw: bytes) -> bytes:
    return protobuf.MAGIC + f(1, f(1, api_version) + f(2, kind)) + f(2, raw) + f(3, "") + f(4, "")


# gogo-protobuf writes every non-pointer field, empty or not: ObjectMeta fields 1-8.
def meta(name: str, *extra: bytes) -> bytes:
    return f(1, f(1, name) + f(2, "") + f(3, "") + f(4, "") + f(5, "") + f(6, "") + f(7, 0) + f(8, b"") + b"".join(extra))


@pytest.mark.parametrize(("body", "want"), [
    pytest.param(envelope("v1", "Namespace", meta("foo") + f(2, b"") + f(3, f(1, ""))),
                 {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "foo"}},
                 id="create namespace"),
    pytest.param(envelope("v1", "ConfigMap", meta("c") + f(2, f(1, "a") + f(2, "b")) + f(2, f(1, "c") + f(2, "d"))),
                 {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "b", "c": "d"}},
                 id="create configmap --from-literal"),
    pytest.param(envelope("v1", "Secret", meta("s") + f(2, f(1, "a") + f(2, b"b")) + f(3, "Opaque")),
                 {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"a": "Yg=="},
                  "type": "Opaque"},
                 id="secret data is base64 in JSON"),
    pytest.param(envelope("apps/v1", "Deployment", meta("d") + f(2, f(1, 0) + f(5, 0))),
                 {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
                  "spec": {"replicas": 0}},
                 id="a pointer field keeps its zero (replicas 0 is not replicas unset)"),
    pytest.param(envelope("v1", "Service", meta("s") + f(2, f(1, f(1, "x") + f(3, 80) + f(4, f(1, 1) + f(3, "http"))))),
                 {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
                  "spec": {"ports": [{"name": "x", "port": 80, "targetPort": "http"}]}},
                 id="IntOrString holding a string"),
    pytest.param(envelope("policy/v1", "PodDisruptionBudget", meta("p") + f(2, f(1, f(1, 0) + f(2, 0) + f(3, "")))),
                 {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "p"},
                  "spec": {"minAvailable": 0}},
                 id="IntOrString holding zero"),
    pytest.param(envelope("scheduling.k8s.io/v1", "PriorityClass", meta("pc") + f(2, -5)),
                 {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "pc"},
                  "value": -5},
                 id="negative int32 is a ten-byte varint"),
    pytest.param(envelope("rbac.authorization.k8s.io/v1", "Role", meta("r") + f(2, f(1, "get") + f(2, "") + f(3, "pods"))),
                 {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r"},
                  "rules": [{"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]}]},
                 id="a repeated string keeps the core group's empty name"),
    pytest.param(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview",
                          meta("") + f(2, f(1, f(1, "default") + f(2, "create") + f(5, "pods")))
                          + f(3, f(1, 0) + f(4, 0))),
                 {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                  "spec": {"resourceAttributes": {"namespace": "default", "verb": "create", "resource": "pods"}}},
                 id="auth can-i (status is ignored)"),
    pytest.param(envelope("v1", "ResourceQuota", meta("q") + f(2, f(1, f(1, "cpu") + f(2, f(1, "2"))))),
                 {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q"}, "spec": {"hard": {"cpu": "2"}}},
                 id="quantities"),
    pytest.param(envelope("networking.k8s.io/v1", "Ingress", meta("i") + f(2, f(3, f(1, "a.com") + f(2, f(1, f(1, f(1, "/"))))))),
                 {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"},
                  "spec": {"rules": [{"host": "a.com", "http": {"paths": [{"path": "/"}]}}]}},
                 id="the inline IngressRuleValue"),
    pytest.param(envelope("v1", "Namespace", meta("foo", f(8, f(1, 1735689600)))),
                 {"apiVersion": "v1", "kind": "Namespace",
                  "metadata": {"name": "foo", "creationTimestamp": "2025-01-01T00:00:00Z"}},
                 id="metav1.Time"),
    pytest.param(envelope("v1", "Namespace", meta("foo") + f(9, "")),
                 {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "foo"}},
                 id="an unknown field that is empty is skipped"),
])
def test_decode_reads_what_kubectl_sends(body, want):
    assert protobuf.decode(body) == want


@pytest.mark.parametrize(("body", "why"), [
    pytest.param(b'{"kind": "Pod"}', "does not start with the protobuf prefix", id="JSON labelled protobuf"),
    pytest.param(envelope("certificates.k8s.io/v1", "CertificateSigningRequest", meta("t")),
                 "CertificateSigningRequest (certificates.k8s.io/v1) is not one of them", id="a kind kubelab does not serve"),
    pytest.param(envelope("v1", "Namespace", meta("foo") + f(9, "x")), "field 9 of Namespace",
                 id="an unknown field with a value"),
    pytest.param(envelope("v1", "Pod", meta("p")), "Pod (v1) is not one of them", id="a kind without a table"),
    pytest.param(protobuf.MAGIC + b"\x0a\xff", "truncated", id="truncated"),
])
def test_what_cannot_be_read_is_415_naming_the_yaml_alternative(body, why):
    with pytest.raises(errors.ApiError) as e:
        protobuf.decode(body)
    assert e.value.code == 415
    msg = e.value.status["message"]
    assert msg.startswith("the body of the request was in an unknown format - accepted media types include: "
                          "application/json, application/yaml")
    assert why in msg
    assert "--dry-run=client -o yaml | kubectl apply -f -" in msg
