"""Builders for bootstrap PolicyRules, roles and bindings in wire shape.

Upstream: pkg/apis/rbac/v1/helpers.go (PolicyRuleBuilder, ClusterRoleBindingBuilder,
RoleBindingBuilder) and plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go ::
addDefaultMetadata
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

RBAC_GROUP = "rbac.authorization.k8s.io"
RBAC_API_VERSION = "rbac.authorization.k8s.io/v1"
AUTO_UPDATE_ANNOTATION_KEY = "rbac.authorization.k8s.io/autoupdate"
LABEL = {"kubernetes.io/bootstrapping": "rbac-defaults"}
ANNOTATION = {AUTO_UPDATE_ANNOTATION_KEY: "true"}

WRITE = ("create", "update", "patch", "delete", "deletecollection")
READ_WRITE = ("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection")
READ = ("get", "list", "watch")
READ_UPDATE = ("get", "list", "watch", "update", "patch")

LEGACY_GROUP = ""
APPS_GROUP = "apps"
AUTHENTICATION_GROUP = "authentication.k8s.io"
AUTHORIZATION_GROUP = "authorization.k8s.io"
AUTOSCALING_GROUP = "autoscaling"
BATCH_GROUP = "batch"
CERTIFICATES_GROUP = "certificates.k8s.io"
COORDINATION_GROUP = "coordination.k8s.io"
DISCOVERY_GROUP = "discovery.k8s.io"
EXTENSIONS_GROUP = "extensions"
POLICY_GROUP = "policy"
STORAGE_GROUP = "storage.k8s.io"
RES_METRICS_GROUP = "metrics.k8s.io"
CUSTOM_METRICS_GROUP = "custom.metrics.k8s.io"
EXTERNAL_METRICS_GROUP = "external.metrics.k8s.io"
NETWORKING_GROUP = "networking.k8s.io"
EVENTS_GROUP = "events.k8s.io"
RESOURCE_GROUP = "resource.k8s.io"
ADMISSION_REGISTRATION_GROUP = "admissionregistration.k8s.io"
NODE_GROUP = "node.k8s.io"


def rule(verbs: Iterable[str], groups: Iterable[str] = (), resources: Iterable[str] = (),
         names: Iterable[str] = ()) -> dict[str, Any]:
    """A resource rule with every list sorted, as RuleOrDie leaves it.

    Mirrors: pkg/apis/rbac/v1/helpers.go :: (*PolicyRuleBuilder).Rule
    """
    r: dict[str, Any] = {"verbs": sorted(verbs), "apiGroups": sorted(groups), "resources": sorted(resources)}
    names = sorted(names)
    if names:
        r["resourceNames"] = names
    return r


def url_rule(verbs: Iterable[str], urls: Iterable[str]) -> dict[str, Any]:
    """A non-resource rule (``rbac.NewRule(...).URLs(...)``)."""
    return {"verbs": sorted(verbs), "nonResourceURLs": sorted(urls)}


def events_rule() -> dict[str, Any]:
    """Mirrors: bootstrappolicy/controller_policy.go :: eventsRule"""
    return rule(("create", "update", "patch"), (LEGACY_GROUP, EVENTS_GROUP), ("events",))


def _meta(name: str, namespace: str = "", labels: dict[str, str] | None = None) -> dict[str, Any]:
    """Mirrors: policy.go :: addDefaultMetadata"""
    m: dict[str, Any] = {"name": name}
    if namespace:
        m["namespace"] = namespace
    m["labels"] = dict(sorted({**(labels or {}), **LABEL}.items()))
    m["annotations"] = dict(ANNOTATION)
    return m


def cluster_role(name: str, rules: list[dict[str, Any]] | None = None, *,
                 labels: dict[str, str] | None = None,
                 aggregate_from: str = "") -> dict[str, Any]:
    """A ClusterRole; ``aggregate_from`` names the aggregate-to label it collects."""
    obj: dict[str, Any] = {"apiVersion": RBAC_API_VERSION, "kind": "ClusterRole",
                           "metadata": _meta(name, labels=labels)}
    if aggregate_from:
        obj["aggregationRule"] = {"clusterRoleSelectors": [
            {"matchLabels": {f"rbac.authorization.k8s.io/{aggregate_from}": "true"}}]}
    obj["rules"] = list(rules or [])
    return obj


def role(name: str, namespace: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {"apiVersion": RBAC_API_VERSION, "kind": "Role", "metadata": _meta(name, namespace),
            "rules": rules}


def user(name: str) -> dict[str, str]:
    return {"kind": "User", "apiGroup": RBAC_GROUP, "name": name}


def group(name: str) -> dict[str, str]:
    return {"kind": "Group", "apiGroup": RBAC_GROUP, "name": name}


def sa(namespace: str, name: str) -> dict[str, str]:
    return {"kind": "ServiceAccount", "name": name, "namespace": namespace}


def cluster_binding(role_name: str, *subjects: dict[str, str], name: str = "") -> dict[str, Any]:
    """Mirrors: pkg/apis/rbac/v1/helpers.go :: NewClusterBinding(...).BindingOrDie"""
    obj: dict[str, Any] = {"apiVersion": RBAC_API_VERSION, "kind": "ClusterRoleBinding",
                           "metadata": _meta(name or role_name),
                           "roleRef": {"apiGroup": RBAC_GROUP, "kind": "ClusterRole", "name": role_name}}
    if subjects:
        obj["subjects"] = list(subjects)
    return obj


def role_binding(role_name: str, namespace: str, *subjects: dict[str, str], name: str = "") -> dict[str, Any]:
    """Mirrors: pkg/apis/rbac/v1/helpers.go :: NewRoleBinding(...).BindingOrDie"""
    return {"apiVersion": RBAC_API_VERSION, "kind": "RoleBinding",
            "metadata": _meta(name or role_name, namespace),
            "roleRef": {"apiGroup": RBAC_GROUP, "kind": "Role", "name": role_name},
            "subjects": list(subjects)}
