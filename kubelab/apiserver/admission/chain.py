"""The admission chain: mutating plugins in kube-apiserver's order, then validating ones.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/chain.go,
pkg/kubeapiserver/options/plugins.go :: AllOrderedPlugins
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from kubelab.api.errors import ApiError
from kubelab.apiserver.admission.interfaces import Attributes, Context, Plugin
from kubelab.apiserver.admission.plugin.defaulttolerationseconds import DefaultTolerationSeconds
from kubelab.apiserver.admission.plugin.lifecycle import Lifecycle
from kubelab.apiserver.admission.plugin.limitranger import LimitRanger
from kubelab.apiserver.admission.plugin.podsecurity import PodSecurity
from kubelab.apiserver.admission.plugin.priority import Priority
from kubelab.apiserver.admission.plugin.resourcequota import ResourceQuota
from kubelab.apiserver.admission.plugin.serviceaccount import ServiceAccount
from kubelab.apiserver.admission.plugin.webhook import WebhookAdmission

# kube-apiserver's order of every plugin it knows (the ones kubelab runs are marked by name
# in RECOMMENDED_PLUGIN_ORDER below); the chain always runs plugins in this order.
ALL_ORDERED_PLUGINS = (
    "AlwaysAdmit", "NamespaceAutoProvision", "NamespaceLifecycle", "NamespaceExists",
    "LimitPodHardAntiAffinityTopology", "LimitRanger", "ServiceAccount", "NodeRestriction",
    "TaintNodesByCondition", "AlwaysPullImages", "ImagePolicyWebhook", "PodSecurity", "PodNodeSelector",
    "Priority", "DefaultTolerationSeconds", "PodTolerationRestriction", "EventRateLimit",
    "ExtendedResourceToleration", "DefaultStorageClass", "StorageObjectInUseProtection",
    "OwnerReferencesPermissionEnforcement", "PersistentVolumeClaimResize", "RuntimeClass",
    "CertificateApproval", "CertificateSigning", "ClusterTrustBundleAttest", "CertificateSubjectRestriction",
    "DefaultIngressClass", "DenyServiceExternalIPs", "PodTopologyLabels", "MutatingAdmissionPolicy",
    "MutatingAdmissionWebhook", "ValidatingAdmissionPolicy", "ValidatingAdmissionWebhook", "ResourceQuota",
    "AlwaysDeny",
)
# The default-on plugins kubelab implements, in that order.
RECOMMENDED_PLUGIN_ORDER = tuple(n for n in ALL_ORDERED_PLUGINS if n in (
    "NamespaceLifecycle", "LimitRanger", "ServiceAccount", "PodSecurity", "Priority", "DefaultTolerationSeconds",
    "MutatingAdmissionWebhook", "ValidatingAdmissionWebhook", "ResourceQuota"))

PHASE_ADMIT = "admit"
PHASE_VALIDATE = "validate"
OUTCOME_ALLOWED = "allowed"
OUTCOME_MUTATED = "mutated"
OUTCOME_DENIED = "denied"

OnStep = Callable[[str, str, str], None]


class _StepContext:
    """Forwards reads and status writes to the real context; collects warnings and annotations."""

    def __init__(self, ctx: Context, warnings: list[str], annotations: dict[str, str]) -> None:
        self._ctx = ctx
        self._warnings = warnings
        self._annotations = annotations

    @property
    def now(self) -> float:
        return self._ctx.now

    def get(self, resource: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        return self._ctx.get(resource, namespace, name)

    def list(self, resource: str, namespace: str | None = None) -> list[dict[str, Any]]:
        return self._ctx.list(resource, namespace)

    def update_status(self, resource: str, obj: dict[str, Any]) -> dict[str, Any]:
        return self._ctx.update_status(resource, obj)

    def add_warning(self, message: str) -> None:
        if message not in self._warnings:
            self._warnings.append(message)

    def add_audit_annotation(self, key: str, value: str) -> None:
        self._annotations.setdefault(key, value)
        forward = getattr(self._ctx, "add_audit_annotation", None)
        if forward is not None:
            forward(key, value)


class AdmissionChain:
    """Runs each plugin's admit (mutating phase) or validate (validating phase) in order.

    Both phases return the warnings plugins added (``Warning:`` headers), and
    ``audit_annotations`` holds the annotations added since the last ``admit`` (one
    request's, when the handler calls admit then validate).

    Mirrors: admission/chain.go :: chainAdmissionHandler

    Args:
        plugins: in kube-apiserver's order (see ``new_default_chain``).
        on_step: called as ``on_step(plugin_name, "admit" | "validate",
            "allowed" | "mutated" | "denied")`` for every plugin that handles the operation.
    """

    def __init__(self, plugins: Sequence[Plugin], on_step: OnStep | None = None) -> None:
        self.plugins = list(plugins)
        self.on_step = on_step
        self.audit_annotations: dict[str, str] = {}

    def plugin(self, name: str) -> Plugin | None:
        return next((p for p in self.plugins if p.name == name), None)

    def _run(self, attrs: Attributes, ctx: Context, phase: str) -> list[str]:
        warnings: list[str] = []
        if phase == PHASE_ADMIT:
            self.audit_annotations = {}
        step_ctx = _StepContext(ctx, warnings, self.audit_annotations)
        method = "admit" if phase == PHASE_ADMIT else "validate"
        for p in self.plugins:
            fn = getattr(p, method, None)
            if fn is None or not p.handles(attrs.operation):
                continue
            before = copy.deepcopy(attrs.object) if self.on_step and phase == PHASE_ADMIT else None
            try:
                fn(attrs, step_ctx)
            except ApiError:
                if self.on_step:
                    self.on_step(p.name, phase, OUTCOME_DENIED)
                raise
            if self.on_step:
                changed = phase == PHASE_ADMIT and before != attrs.object
                self.on_step(p.name, phase, OUTCOME_MUTATED if changed else OUTCOME_ALLOWED)
        return warnings

    def admit(self, attrs: Attributes, ctx: Context) -> list[str]:
        """Mirrors: chain.go :: chainAdmissionHandler.Admit"""
        return self._run(attrs, ctx, PHASE_ADMIT)

    def validate(self, attrs: Attributes, ctx: Context) -> list[str]:
        """Mirrors: chain.go :: chainAdmissionHandler.Validate"""
        return self._run(attrs, ctx, PHASE_VALIDATE)


def new_default_chain(generate_suffix: Callable[[], str], *, webhooks: WebhookAdmission | None = None,
                      pod_security: PodSecurity | None = None, on_step: OnStep | None = None) -> AdmissionChain:
    """kube-apiserver's default-on plugins that kubelab implements, in upstream order.

    ``generate_suffix`` names the service-account token volume (``kube-api-access-<5>``).

    Mirrors: pkg/kubeapiserver/options/plugins.go :: DefaultOffAdmissionPlugins (its complement)

    Differences: TaintNodesByCondition, DefaultStorageClass, StorageObjectInUseProtection,
    PersistentVolumeClaimResize, RuntimeClass, the certificate plugins, DefaultIngressClass,
    PodTopologyLabels and ValidatingAdmissionPolicy are not implemented.
    """
    wh = webhooks if webhooks is not None else WebhookAdmission()
    by_name: dict[str, Plugin] = {
        "NamespaceLifecycle": Lifecycle(),
        "LimitRanger": LimitRanger(),
        "ServiceAccount": ServiceAccount(generate_suffix),
        "PodSecurity": pod_security if pod_security is not None else PodSecurity(),
        "Priority": Priority(),
        "DefaultTolerationSeconds": DefaultTolerationSeconds(),
        "MutatingAdmissionWebhook": wh.mutating,
        "ValidatingAdmissionWebhook": wh.validating,
        "ResourceQuota": ResourceQuota(),
    }
    return AdmissionChain([by_name[n] for n in RECOMMENDED_PLUGIN_ORDER], on_step)
