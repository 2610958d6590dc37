"""NamespaceLifecycle: no new objects in missing or terminating namespaces.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go
"""

from __future__ import annotations

from kubelab.api import errors
from kubelab.apiserver.admission.errors import new_forbidden
from kubelab.apiserver.admission.interfaces import CREATE, DELETE, UPDATE, Attributes, Context

PLUGIN_NAME = "NamespaceLifecycle"
IMMORTAL_NAMESPACES = ("default", "kube-system", "kube-public")
NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating"
# Resources that reveal nothing about a namespace, so may be created in any.
_ACCESS_REVIEW_RESOURCES = (("authorization.k8s.io", "localsubjectaccessreviews"),)


class Lifecycle:
    """Mirrors: lifecycle/admission.go :: Lifecycle

    Differences: reads the stored namespace directly, so there is no informer cache
    to wait for, no missing-namespace retry and no force-live-lookup cache.
    """

    name = PLUGIN_NAME

    def __init__(self, immortal_namespaces: tuple[str, ...] = IMMORTAL_NAMESPACES) -> None:
        self.immortal_namespaces = immortal_namespaces

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE, DELETE)

    def admit(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: lifecycle/admission.go :: (*Lifecycle).Admit"""
        is_namespace = attrs.info.group == "" and attrs.kind == "Namespace"
        if attrs.operation == DELETE and is_namespace and attrs.name in self.immortal_namespaces:
            raise errors.new_forbidden("", attrs.info.resource, attrs.name, "this namespace may not be deleted")
        if not attrs.namespace and not is_namespace:
            return
        if is_namespace or attrs.operation == DELETE:
            return
        if (attrs.info.group, attrs.info.resource) in _ACCESS_REVIEW_RESOURCES:
            return
        namespace = ctx.get("namespaces", None, attrs.namespace)
        if namespace is None:
            raise errors.new_not_found("", "namespaces", attrs.namespace)
        if attrs.operation == CREATE:
            if (namespace.get("status") or {}).get("phase") != "Terminating":
                return
            err = new_forbidden(attrs, f"unable to create new content in namespace {attrs.namespace} "
                                       "because it is being terminated")
            err.status.setdefault("details", {}).setdefault("causes", []).append({
                "reason": NAMESPACE_TERMINATING_CAUSE,
                "message": f"namespace {attrs.namespace} is being terminated",
                "field": "metadata.namespace",
            })
            raise err
