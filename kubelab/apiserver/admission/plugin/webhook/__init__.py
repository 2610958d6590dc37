"""Admission webhooks as Python callables.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook
"""

from kubelab.apiserver.admission.plugin.webhook.webhook import WebhookAdmission

__all__ = ["WebhookAdmission"]
