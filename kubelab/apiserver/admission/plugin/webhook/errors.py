"""The errors a webhook call turns into.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/errors/statuserror.go,
staging/src/k8s.io/apiserver/pkg/util/webhook/error.go
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubelab.api import errors


class ErrCallingWebhook(Exception):
    """The webhook could not be called or answered nonsense (subject to failurePolicy).

    Mirrors: util/webhook/error.go :: ErrCallingWebhook
    """

    def __init__(self, webhook_name: str, reason: str = "") -> None:
        self.webhook_name, self.reason = webhook_name, reason
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.reason:
            return f'failed calling webhook "{self.webhook_name}": {self.reason}'
        return f'failed calling webhook "{self.webhook_name}"; no further details available'


def to_status_err(webhook_name: str, result: Mapping[str, Any] | None) -> errors.ApiError:
    """``admission webhook "x" denied the request: <message>``, at least a 400.

    Mirrors: errors/statuserror.go :: ToStatusErr
    """
    denied_by = f'admission webhook "{webhook_name}" denied the request'
    st: dict[str, Any] = dict(result or {})
    st.setdefault("kind", "Status")
    st.setdefault("apiVersion", "v1")
    st.setdefault("metadata", {})
    if int(st.get("code") or 0) < 400:
        st["code"] = 400
    if st.get("status") in (None, "", "Success"):
        st["status"] = "Failure"
    if st.get("message"):
        st["message"] = f"{denied_by}: {st['message']}"
    elif st.get("reason"):
        st["message"] = f"{denied_by}: {st['reason']}"
    else:
        st["message"] = f"{denied_by} without explanation"
    return errors.from_status(st)


def new_dry_run_unsupported_err(webhook_name: str) -> errors.BadRequest:
    """Mirrors: errors/statuserror.go :: NewDryRunUnsupportedErr"""
    return errors.new_bad_request(f'admission webhook "{webhook_name}" does not support dry run')
