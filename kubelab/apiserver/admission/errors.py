"""The Forbidden error an admission plugin rejects a request with.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/errors.go
"""

from __future__ import annotations

from kubelab.api import errors
from kubelab.apiserver.admission.interfaces import Attributes


def extract_resource_name(attrs: Attributes) -> str:
    """The object's name, else its generateName (names are not generated yet), else "Unknown".

    Mirrors: admission/errors.go :: extractResourceName
    """
    name = "Unknown"
    obj = attrs.object
    if obj is not None:
        meta = obj.get("metadata") or {}
        if meta.get("name"):
            name = meta["name"]
        elif meta.get("generateName"):
            name = meta["generateName"]
    return name


def new_forbidden(attrs: Attributes, message: str) -> errors.Forbidden:
    """``pods "web" is forbidden: <message>``.

    Mirrors: admission/errors.go :: NewForbidden
    """
    return errors.new_forbidden(attrs.info.group, attrs.info.resource, extract_resource_name(attrs), message)
