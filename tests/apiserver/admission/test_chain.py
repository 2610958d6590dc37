"""The admission chain: order, phases, tracing, and a pod's trip through the defaults."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Forbidden
from kubelab.apiserver.admission.chain import (
    ALL_ORDERED_PLUGINS,
    RECOMMENDED_PLUGIN_ORDER,
    AdmissionChain,
    new_default_chain,
)
from kubelab.apiserver.admission.plugin.priority import system_priority_classes
from kubelab.apiserver.admission.plugin.webhook import WebhookAdmission

from .conftest import FakeContext, attrs, namespace, pod


def sa():
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "default"}}


def test_recommended_order_follows_kube_apiserver():
    assert RECOMMENDED_PLUGIN_ORDER == (
        "NamespaceLifecycle", "LimitRanger", "ServiceAccount", "PodSecurity", "Priority",
        "DefaultTolerationSeconds", "MutatingAdmissionWebhook", "ValidatingAdmissionWebhook", "ResourceQuota")
    idx = [ALL_ORDERED_PLUGINS.index(n) for n in RECOMMENDED_PLUGIN_ORDER]
    assert idx == sorted(idx)


def test_pod_create_is_traced_through_both_phases():
    steps = []
    chain = new_default_chain(lambda: "x7k2p", on_step=lambda *s: steps.append(s))
    ctx = FakeContext([namespace("default"), sa(), *system_priority_classes()])
    a = attrs("CREATE", "pods", pod())
    assert chain.admit(a, ctx) == []
    assert chain.validate(a, ctx) == []
    assert steps == [
        ("NamespaceLifecycle", "admit", "allowed"),
        ("LimitRanger", "admit", "allowed"),
        ("ServiceAccount", "admit", "mutated"),
        ("Priority", "admit", "mutated"),
        ("DefaultTolerationSeconds", "admit", "mutated"),
        ("MutatingAdmissionWebhook", "admit", "allowed"),
        ("LimitRanger", "validate", "allowed"),
        ("ServiceAccount", "validate", "allowed"),
        ("PodSecurity", "validate", "allowed"),
        ("Priority", "validate", "allowed"),
        ("ValidatingAdmissionWebhook", "validate", "allowed"),
        ("ResourceQuota", "validate", "allowed"),
    ]
    spec = a.object["spec"]
    assert spec["serviceAccountName"] == "default" and spec["priority"] == 0
    assert spec["volumes"][0]["name"] == "kube-api-access-x7k2p"
    assert [t["key"] for t in spec["tolerations"]] == ["node.kubernetes.io/not-ready",
                                                       "node.kubernetes.io/unreachable"]


def test_denial_is_traced_and_raised():
    steps = []
    chain = new_default_chain(lambda: "x7k2p", on_step=lambda *s: steps.append(s))
    ctx = FakeContext([namespace("default", {"pod-security.kubernetes.io/enforce": "baseline"}), sa()])
    a = attrs("CREATE", "pods", pod(hostPID=True))
    chain.admit(a, ctx)
    with pytest.raises(Forbidden, match='violates PodSecurity "baseline:latest": host namespaces'):
        chain.validate(a, ctx)
    assert steps[-1] == ("PodSecurity", "validate", "denied")


def test_warnings_are_returned_and_annotations_kept():
    wh = WebhookAdmission()
    wh.register("w", lambda r: {"allowed": True, "warnings": ["careful"]},
                rules=[{"operations": ["*"], "apiGroups": ["*"], "apiVersions": ["*"], "resources": ["*"]}])
    chain = new_default_chain(lambda: "aaaaa", webhooks=wh)
    ctx = FakeContext([namespace("default", {"pod-security.kubernetes.io/warn": "restricted"}), sa()])
    a = attrs("CREATE", "pods", pod())
    chain.admit(a, ctx)
    warnings = chain.validate(a, ctx)
    assert warnings[0].startswith('would violate PodSecurity "restricted:latest": allowPrivilegeEscalation')
    assert warnings[1] == "careful"
    assert chain.audit_annotations == {"pod-security.kubernetes.io/enforce-policy": "privileged:latest"}


def test_plugins_that_do_not_handle_the_operation_are_skipped():
    class CreateOnly:
        name = "CreateOnly"

        def handles(self, op):
            return op == "CREATE"

        def admit(self, attrs, ctx):
            raise AssertionError("called")

    steps = []
    AdmissionChain([CreateOnly()], lambda *s: steps.append(s)).admit(
        attrs("DELETE", "pods", None, name="web"), FakeContext())
    assert steps == []
