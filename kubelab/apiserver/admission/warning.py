"""Warnings and audit annotations a plugin attaches to the request it admits.

Upstream: staging/src/k8s.io/apiserver/pkg/warning/context.go,
staging/src/k8s.io/apiserver/pkg/audit/context.go :: AddAuditAnnotation
"""

from __future__ import annotations

from typing import Any


def add_warning(ctx: Any, message: str) -> None:
    """Attach a ``Warning:`` header to the response (dropped if the context takes none).

    Mirrors: warning/context.go :: AddWarning
    """
    f = getattr(ctx, "add_warning", None)
    if f is not None:
        f(message)


def add_audit_annotation(ctx: Any, key: str, value: str) -> None:
    """Record an annotation on the request's audit event (dropped if the context takes none).

    Mirrors: audit/context.go :: AddAuditAnnotation
    """
    f = getattr(ctx, "add_audit_annotation", None)
    if f is not None:
        f(key, value)
