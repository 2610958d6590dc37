"""The 403 a refused request gets, in the API server's words.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
"""

from __future__ import annotations

from kubelab.api import errors
from kubelab.apiserver.authorization.authorizer import Attributes

_SANITIZE = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def _sanitize(s: str) -> str:
    for a, b in _SANITIZE:
        s = s.replace(a, b)
    return s


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def forbidden_message(attrs: Attributes) -> str:
    """``User "jane" cannot list resource "pods" in API group "" in the namespace "default"``.

    Mirrors: responsewriters/errors.go :: forbiddenMessage
    """
    username = attrs.user.name if attrs.user is not None else ""
    if not attrs.resource_request:
        return f"User {_q(username)} cannot {attrs.verb} path {_q(attrs.path)}"
    resource = attrs.resource
    if attrs.subresource:
        resource = resource + "/" + attrs.subresource
    if attrs.namespace:
        return (f"User {_q(username)} cannot {attrs.verb} resource {_q(resource)} in API group "
                f"{_q(attrs.api_group)} in the namespace {_q(attrs.namespace)}")
    return (f"User {_q(username)} cannot {attrs.verb} resource {_q(resource)} in API group "
            f"{_q(attrs.api_group)} at the cluster scope")


def forbidden_error(attrs: Attributes, reason: str = "") -> errors.Forbidden:
    """The Forbidden error for a refused request, with the authorizer's reason appended.

    ``pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the
    namespace "default"``; a non-resource request reads ``forbidden: User ... path "/x"``.

    Mirrors: responsewriters/errors.go :: Forbidden
    """
    msg = _sanitize(forbidden_message(attrs))
    err = f"{msg}: {reason}" if reason else msg
    if not attrs.resource and not attrs.api_group:
        return errors.Forbidden(errors.status(403, "Forbidden", f"forbidden: {err}", {}))
    return errors.new_forbidden(attrs.api_group, attrs.resource, attrs.name, err)
