"""``/openapi/v3``: the index of group-version documents, each behind a content-hash URL.

Upstream: staging/src/k8s.io/kube-openapi/pkg/handler3/handler.go (OpenAPIService:
HandleDiscovery, HandleGroupVersion, the ETag from the document's SHA-512)
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from kubelab.apiserver.openapi import builder3

Obj = dict[str, Any]
SUBPATH = "/openapi/v3/"


@cache
def _encoded(gv: str) -> tuple[bytes, str] | None:
    doc = builder3.build_group_version(gv)
    if doc is None:
        return None
    data = json.dumps(doc, separators=(",", ":")).encode()
    return data, compute_etag(data)


def compute_etag(data: bytes) -> str:
    """Mirrors: handler3/handler.go :: computeETag (upper-case hex SHA-512)"""
    return hashlib.sha512(data).hexdigest().upper()


def discovery() -> Obj:
    """GET /openapi/v3

    Mirrors: handler3/handler.go :: (*OpenAPIService).buildDiscovery
    """
    paths = {}
    for gv in builder3.group_versions():
        enc = _encoded(gv)
        assert enc is not None
        paths[gv] = {"serverRelativeURL": f"{SUBPATH}{gv}?hash={enc[1]}"}
    return {"paths": paths}


def group_version(gv: str) -> tuple[bytes, str] | None:
    """The encoded document at ``/openapi/v3/<gv>`` and its ETag, or None (404).

    Mirrors: handler3/handler.go :: (*OpenAPIService).HandleGroupVersion
    """
    return _encoded(gv)


def document(gv: str) -> Obj | None:
    """The document at ``/openapi/v3/<gv>`` as data (shared: do not modify)."""
    return builder3.build_group_version(gv)
