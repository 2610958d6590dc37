"""Admission webhooks written as Python callables: matched, called, and obeyed.

A hook receives an AdmissionReview ``request`` dict (uid, kind, resource, operation,
userInfo, object, oldObject, dryRun, ...) and returns a ``response`` dict:
``{"allowed": True, "patch": [...json patch ops...], "patchType": "JSONPatch",
"warnings": [...]}`` or ``{"allowed": False, "status": {"code": 403, "message": "..."}}``
(a bare bool is accepted as ``{"allowed": bool}``). An exception raised by the hook is
a failed call, which ``failurePolicy`` decides (Fail: 500, Ignore: skip).

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/{mutating/dispatcher.go,
validating/dispatcher.go,generic/webhook.go,request/admissionreview.go}
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kubelab.api import errors
from kubelab.api.jsonpatch import JSONPatchError, patch_apply
from kubelab.apiserver.admission.interfaces import (
    CONNECT,
    CREATE,
    DELETE,
    UPDATE,
    Attributes,
    Context,
)
from kubelab.apiserver.admission.plugin.webhook.errors import (
    ErrCallingWebhook,
    new_dry_run_unsupported_err,
    to_status_err,
)
from kubelab.apiserver.admission.plugin.webhook.rules import (
    match_namespace_selector,
    match_object_selector,
    rule_matches,
)
from kubelab.apiserver.admission.warning import add_audit_annotation, add_warning

MUTATING_PLUGIN_NAME = "MutatingAdmissionWebhook"
VALIDATING_PLUGIN_NAME = "ValidatingAdmissionWebhook"
FAIL = "Fail"
IGNORE = "Ignore"
_OPTIONS_KIND = {CREATE: "CreateOptions", UPDATE: "UpdateOptions", DELETE: "DeleteOptions"}

Hook = Callable[[dict[str, Any]], Any]


@dataclass(slots=True)
class Webhook:
    """One registered webhook: admissionregistration.k8s.io/v1 fields plus its Python callable."""

    name: str
    func: Hook
    mutating: bool
    rules: list[dict[str, Any]]
    namespace_selector: dict[str, Any] | None = None
    object_selector: dict[str, Any] | None = None
    failure_policy: str = FAIL
    side_effects: str = "None"
    timeout_seconds: int = 10
    configuration: str = ""
    calls: int = field(default=0)


def create_admission_review_request(attrs: Attributes, uid: str) -> dict[str, Any]:
    """Mirrors: request/admissionreview.go :: CreateV1AdmissionReview (the request part)"""
    info = attrs.info
    kind = {"group": info.group, "version": info.version, "kind": info.kind}
    resource = {"group": info.group, "version": info.version, "resource": info.resource}
    req: dict[str, Any] = {
        "uid": uid, "kind": kind, "resource": resource, "requestKind": dict(kind),
        "requestResource": dict(resource), "name": attrs.name, "namespace": attrs.namespace,
        "operation": attrs.operation, "userInfo": attrs.user.to_dict(),
        "object": copy.deepcopy(attrs.object), "oldObject": copy.deepcopy(attrs.old_object),
        "dryRun": attrs.dry_run,
    }
    if attrs.subresource:
        req["subResource"] = attrs.subresource
        req["requestSubResource"] = attrs.subresource
    opts = attrs.options
    if opts is None and attrs.operation in _OPTIONS_KIND:
        opts = {"kind": _OPTIONS_KIND[attrs.operation], "apiVersion": "meta.k8s.io/v1"}
    req["options"] = opts
    return req


def _verify_response(hook: Webhook, raw: Any) -> dict[str, Any]:
    """Mirrors: request/admissionreview.go :: VerifyAdmissionResponse"""
    if isinstance(raw, bool):
        return {"allowed": raw}
    if not isinstance(raw, Mapping):
        raise ErrCallingWebhook(hook.name, "webhook response was absent")
    resp = dict(raw)
    if "allowed" not in resp:
        raise ErrCallingWebhook(hook.name, "webhook response was absent")
    patch = resp.get("patch")
    if patch and resp.get("patchType") is None:
        raise ErrCallingWebhook(hook.name, "webhook returned response.patch but not response.patchType")
    if patch and resp.get("patchType") != "JSONPatch":
        raise ErrCallingWebhook(hook.name, f'unsupported patch type "{resp.get("patchType")}"')
    if patch and not hook.mutating:
        raise ErrCallingWebhook(hook.name, "validating webhook may not return response.patch")
    return resp


def _decode_patch(patch: Any) -> list[dict[str, Any]]:
    if isinstance(patch, str | bytes):
        patch = json.loads(base64.b64decode(patch))
    if not isinstance(patch, list):
        raise errors.new_internal_error("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
    return patch


class WebhookAdmission:
    """The registry of Python webhooks and the two plugins that call them.

    Mirrors: webhook/generic/webhook.go :: Webhook (ShouldCallHook) with the mutating
    and validating dispatchers

    Differences: hooks are in-process callables taking no simulated time (no
    timeouts); no matchConditions, matchPolicy Equivalent conversion or reinvocation;
    validating hooks run one after another in registration order.
    """

    def __init__(self) -> None:
        self.webhooks: dict[str, Webhook] = {}
        self._uid = 0
        self.mutating = MutatingWebhookPlugin(self)
        self.validating = ValidatingWebhookPlugin(self)

    def register(self, name: str, func: Hook, *, mutating: bool = False,
                 rules: Sequence[Mapping[str, Any]] = (), namespace_selector: Mapping[str, Any] | None = None,
                 object_selector: Mapping[str, Any] | None = None, failure_policy: str = FAIL,
                 side_effects: str = "None", timeout_seconds: int = 10, configuration: str = "") -> Webhook:
        """Add (or replace) a webhook. ``rules`` are admissionregistration RuleWithOperations dicts,
        e.g. ``{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}``.
        """
        if failure_policy not in (FAIL, IGNORE):
            raise ValueError(f'failurePolicy: Unsupported value: "{failure_policy}": supported values: "Fail", "Ignore"')
        hook = Webhook(name=name, func=func, mutating=mutating, rules=[dict(r) for r in rules],
                       namespace_selector=dict(namespace_selector) if namespace_selector is not None else None,
                       object_selector=dict(object_selector) if object_selector is not None else None,
                       failure_policy=failure_policy, side_effects=side_effects,
                       timeout_seconds=timeout_seconds, configuration=configuration or name)
        self.webhooks[name] = hook
        return hook

    def unregister(self, name: str) -> None:
        self.webhooks.pop(name, None)

    def hooks(self, mutating: bool) -> list[Webhook]:
        """Mutating hooks sorted by configuration then name (upstream sorts configurations by name)."""
        hs = [h for h in self.webhooks.values() if h.mutating == mutating]
        return sorted(hs, key=lambda h: (h.configuration, h.name)) if mutating else hs

    def should_call_hook(self, hook: Webhook, attrs: Attributes, ctx: Context) -> bool:
        """Mirrors: generic/webhook.go :: (*Webhook).ShouldCallHook"""
        if not any(rule_matches(r, attrs) for r in hook.rules):
            return False
        return (match_namespace_selector(hook.namespace_selector, attrs, ctx)
                and match_object_selector(hook.object_selector, attrs))

    def _next_uid(self) -> str:
        self._uid += 1
        return f"00000000-0000-4000-8000-{self._uid:012d}"

    def call_hook(self, hook: Webhook, attrs: Attributes, ctx: Context) -> dict[str, Any]:
        """Call one hook; raise ErrCallingWebhook, a rejection, or return the response.

        Mirrors: mutating/dispatcher.go :: (*mutatingDispatcher).callAttrMutatingHook and
        validating/dispatcher.go :: (*validatingDispatcher).callHook
        """
        if attrs.dry_run and hook.side_effects not in ("None", "NoneOnDryRun"):
            raise new_dry_run_unsupported_err(hook.name)
        request = create_admission_review_request(attrs, self._next_uid())
        hook.calls += 1
        try:
            raw = hook.func(request)
        except errors.ApiError:
            raise
        except Exception as e:  # a crashing hook is a failed call, as a dead server would be
            raise ErrCallingWebhook(hook.name, f"{type(e).__name__}: {e}") from None
        resp = _verify_response(hook, raw)
        for w in resp.get("warnings") or ():
            add_warning(ctx, str(w))
        if not resp["allowed"]:
            raise to_status_err(hook.name, resp.get("status"))
        return resp

    def dispatch(self, attrs: Attributes, ctx: Context, mutating: bool) -> None:
        """Mirrors: mutating/dispatcher.go :: (*mutatingDispatcher).Dispatch and
        validating/dispatcher.go :: (*validatingDispatcher).Dispatch
        """
        round_index = 0
        for hook in self.hooks(mutating):
            if not self.should_call_hook(hook, attrs, ctx):
                continue
            try:
                resp = self.call_hook(hook, attrs, ctx)
            except ErrCallingWebhook as e:
                if hook.failure_policy == IGNORE:
                    add_audit_annotation(ctx, f"failed-open.{'mutation' if mutating else 'validation'}"
                                              f".webhook.admission.k8s.io/round_0_index_{round_index}", hook.name)
                    round_index += 1
                    continue
                raise errors.new_internal_error(str(e)) from None
            if mutating:
                mutated = self._apply_patch(hook, attrs, resp)
                add_audit_annotation(ctx, f"mutation.webhook.admission.k8s.io/round_0_index_{round_index}",
                                     json.dumps({"configuration": hook.configuration, "webhook": hook.name,
                                                 "mutated": mutated}, separators=(",", ":")))
            round_index += 1

    @staticmethod
    def _apply_patch(hook: Webhook, attrs: Attributes, resp: Mapping[str, Any]) -> bool:
        """Mirrors: mutating/dispatcher.go :: callAttrMutatingHook (the patch part)"""
        if not resp.get("patch"):
            return False
        try:
            ops = _decode_patch(resp["patch"])
        except (ValueError, TypeError) as e:
            raise errors.new_internal_error(str(e)) from None
        if not ops:
            return False
        if attrs.object is None:
            raise errors.new_internal_error(f'admission webhook "{hook.name}" attempted to modify the object, '
                                            "which is not supported for this operation")
        try:
            patched = patch_apply(attrs.object, ops)
        except JSONPatchError as e:
            raise errors.new_internal_error(str(e)) from None
        patched = copy.deepcopy(patched)
        attrs.object.clear()
        attrs.object.update(patched)
        return True


class MutatingWebhookPlugin:
    """Mirrors: plugin/webhook/mutating/plugin.go :: Plugin"""

    name = MUTATING_PLUGIN_NAME

    def __init__(self, registry: WebhookAdmission) -> None:
        self.registry = registry

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE, DELETE, CONNECT)

    def admit(self, attrs: Attributes, ctx: Context) -> None:
        self.registry.dispatch(attrs, ctx, mutating=True)


class ValidatingWebhookPlugin:
    """Mirrors: plugin/webhook/validating/plugin.go :: Plugin"""

    name = VALIDATING_PLUGIN_NAME

    def __init__(self, registry: WebhookAdmission) -> None:
        self.registry = registry

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE, DELETE, CONNECT)

    def validate(self, attrs: Attributes, ctx: Context) -> None:
        self.registry.dispatch(attrs, ctx, mutating=False)
