"""The OpenAPI documents kube-apiserver publishes: ``/openapi/v3`` and one per group-version.

``kubectl apply``, ``create``, ``replace`` and ``diff`` read them to learn that the server
validates fields itself (``fieldValidation``); ``kubectl explain`` renders their schemas.
``/openapi/v2`` is not served (kubectl only reads it for optional patch metadata).

Upstream: staging/src/k8s.io/kube-openapi/pkg/handler3, pkg/builder3
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.openapi.builder3 import build_group_version, group_versions
from kubelab.apiserver.openapi.handler3 import discovery, document, group_version

__all__ = ["build_group_version", "discovery", "document", "group_version", "group_versions", "serve"]


def serve(path: str) -> Any:
    """The answer to GET ``path`` under /openapi, or None when nothing is served there (404)."""
    p = path.rstrip("/")
    if p == "/openapi/v3":
        return discovery()
    if p.startswith("/openapi/v3/"):
        return document(p[len("/openapi/v3/"):])
    return None
