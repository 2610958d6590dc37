"""Admission webhooks as Python callables."""

from __future__ import annotations

import base64
import json

import pytest

from kubelab.api.errors import ApiError, BadRequest, InternalError, NotFound
from kubelab.apiserver.admission.plugin.webhook import WebhookAdmission
from kubelab.apiserver.admission.plugin.webhook.rules import rule_matches

from .conftest import FakeContext, attrs, namespace, pod

PODS = [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}]


@pytest.fixture
def wctx():
    return FakeContext([namespace("default", {"env": "prod"}), namespace("dev", {"env": "dev"})])


def test_validating_denial_reads_like_upstream(wctx):
    wh = WebhookAdmission()
    wh.register("policy.example.com", lambda req: {"allowed": False, "status": {"code": 403,
                                                                               "message": "no latest tags"}},
                rules=PODS)
    with pytest.raises(ApiError) as ei:
        wh.validating.validate(attrs("CREATE", "pods", pod()), wctx)
    assert ei.value.code == 403
    assert ei.value.message == 'admission webhook "policy.example.com" denied the request: no latest tags'


@pytest.mark.parametrize(("status", "code", "msg"), [
    pytest.param(None, 400, 'admission webhook "w" denied the request without explanation', id="no status"),
    pytest.param({"reason": "Nope"}, 400, 'admission webhook "w" denied the request: Nope', id="reason only"),
    pytest.param({"code": 200, "message": "m"}, 400, 'admission webhook "w" denied the request: m',
                 id="codes below 400 are raised"),
])
def test_denial_status_normalisation(wctx, status, code, msg):
    wh = WebhookAdmission()
    wh.register("w", lambda req: {"allowed": False, **({"status": status} if status else {})}, rules=PODS)
    with pytest.raises(ApiError) as ei:
        wh.validating.validate(attrs("CREATE", "pods", pod()), wctx)
    assert (ei.value.code, ei.value.message, ei.value.status["status"]) == (code, msg, "Failure")


def test_mutating_patch_is_applied_in_place(wctx):
    seen = {}

    def add_label(req):
        seen.update(req)
        return {"allowed": True, "patchType": "JSONPatch",
                "patch": [{"op": "add", "path": "/metadata/labels", "value": {"injected": "yes"}}],
                "warnings": ["labelled"]}

    wh = WebhookAdmission()
    wh.register("labeler", add_label, mutating=True, rules=PODS)
    p = pod()
    wctx.warnings = []
    wctx.add_warning = wctx.warnings.append
    wh.mutating.admit(attrs("CREATE", "pods", p), wctx)
    assert p["metadata"]["labels"] == {"injected": "yes"}
    assert wctx.warnings == ["labelled"]
    assert seen["operation"] == "CREATE" and seen["kind"] == {"group": "", "version": "v1", "kind": "Pod"}
    assert seen["userInfo"]["username"] == "jane"
    assert seen["options"] == {"kind": "CreateOptions", "apiVersion": "meta.k8s.io/v1"}


def test_base64_patch_is_accepted(wctx):
    patch = base64.b64encode(json.dumps([{"op": "replace", "path": "/spec/containers/0/image",
                                          "value": "nginx:1.27"}]).encode()).decode()
    wh = WebhookAdmission()
    wh.register("pin", lambda req: {"allowed": True, "patchType": "JSONPatch", "patch": patch}, mutating=True,
                rules=PODS)
    p = pod()
    wh.mutating.admit(attrs("CREATE", "pods", p), wctx)
    assert p["spec"]["containers"][0]["image"] == "nginx:1.27"


def test_failure_policy(wctx):
    def boom(req):
        raise RuntimeError("connection refused")

    wh = WebhookAdmission()
    wh.register("flaky", boom, rules=PODS)
    with pytest.raises(InternalError) as ei:
        wh.validating.validate(attrs("CREATE", "pods", pod()), wctx)
    assert ei.value.message == ('Internal error occurred: failed calling webhook "flaky": '
                                "RuntimeError: connection refused")
    wh.register("flaky", boom, rules=PODS, failure_policy="Ignore")
    wh.validating.validate(attrs("CREATE", "pods", pod()), wctx)


def test_bad_response_is_a_failed_call(wctx):
    wh = WebhookAdmission()
    wh.register("w", lambda req: {"allowed": True, "patch": [{"op": "add", "path": "/x", "value": 1}]},
                mutating=True, rules=PODS)
    with pytest.raises(InternalError, match="webhook returned response.patch but not response.patchType"):
        wh.mutating.admit(attrs("CREATE", "pods", pod()), wctx)


def test_namespace_and_object_selectors(wctx):
    calls = []
    wh = WebhookAdmission()
    wh.register("w", lambda req: calls.append(req["namespace"]) or True, rules=PODS,
                namespace_selector={"matchLabels": {"env": "prod"}},
                object_selector={"matchExpressions": [{"key": "skip", "operator": "DoesNotExist"}]})
    wh.validating.validate(attrs("CREATE", "pods", pod()), wctx)
    wh.validating.validate(attrs("CREATE", "pods", pod(ns="dev"), namespace="dev"), wctx)
    skipped = pod()
    skipped["metadata"]["labels"] = {"skip": "1"}
    wh.validating.validate(attrs("CREATE", "pods", skipped), wctx)
    assert calls == ["default"]
    with pytest.raises(NotFound):
        wh.validating.validate(attrs("CREATE", "pods", pod(ns="nope"), namespace="nope"), wctx)


def test_dry_run_needs_side_effect_free_hooks(wctx):
    wh = WebhookAdmission()
    wh.register("w", lambda req: True, rules=PODS, side_effects="Some")
    with pytest.raises(BadRequest, match='admission webhook "w" does not support dry run'):
        wh.validating.validate(attrs("CREATE", "pods", pod(), dry_run=True), wctx)


@pytest.mark.parametrize(("rule", "kw", "want"), [
    pytest.param({"operations": ["*"], "apiGroups": ["*"], "apiVersions": ["*"], "resources": ["*"]},
                 {}, True, id="all wildcards"),
    pytest.param({"operations": ["UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]},
                 {}, False, id="operation miss"),
    pytest.param({"operations": ["CREATE"], "apiGroups": ["apps"], "apiVersions": ["v1"], "resources": ["pods"]},
                 {}, False, id="group miss"),
    pytest.param({"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]},
                 {"subresource": "binding"}, False, id="resource does not cover subresource"),
    pytest.param({"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods/*"]},
                 {"subresource": "binding"}, True, id="resource/* covers subresources"),
    pytest.param({"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["*/binding"]},
                 {"subresource": "binding"}, True, id="*/subresource"),
    pytest.param({"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"],
                  "scope": "Cluster"}, {}, False, id="cluster scope misses namespaced"),
    pytest.param({"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"],
                  "scope": "Namespaced"}, {}, True, id="namespaced scope"),
])
def test_rule_matching(rule, kw, want):
    assert rule_matches(rule, attrs("CREATE", "pods", pod(), **kw)) is want


def test_mutating_hooks_run_in_configuration_order(wctx):
    order = []
    wh = WebhookAdmission()
    wh.register("b", lambda r: order.append("b") or True, mutating=True, rules=PODS, configuration="z")
    wh.register("a", lambda r: order.append("a") or True, mutating=True, rules=PODS, configuration="y")
    wh.mutating.admit(attrs("CREATE", "pods", pod()), wctx)
    assert order == ["a", "b"]
