"""The Roles and RoleBindings bootstrapped into kube-system and kube-public.

Upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/namespace_policy.go
"""

from __future__ import annotations

from typing import Any

from kubelab.apiserver.authentication.user import KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER
from kubelab.apiserver.authorization.bootstrappolicy.controller_policy import SA_ROLE_PREFIX
from kubelab.apiserver.authorization.bootstrappolicy.helpers import (
    COORDINATION_GROUP,
    LEGACY_GROUP,
    events_rule,
    role,
    role_binding,
    rule,
    sa,
    user,
)

NAMESPACE_SYSTEM = "kube-system"
NAMESPACE_PUBLIC = "kube-public"


def namespace_roles() -> dict[str, list[dict[str, Any]]]:
    """Mirrors: namespace_policy.go :: NamespaceRoles"""
    sysns, pub = NAMESPACE_SYSTEM, NAMESPACE_PUBLIC
    return {
        sysns: [
            role("extension-apiserver-authentication-reader", sysns, [
                rule(("get", "list", "watch"), (LEGACY_GROUP,), ("configmaps",),
                     names=("extension-apiserver-authentication",))]),
            role(SA_ROLE_PREFIX + "bootstrap-signer", sysns, [
                rule(("get", "list", "watch"), (LEGACY_GROUP,), ("secrets",))]),
            role(SA_ROLE_PREFIX + "cloud-provider", sysns, [
                rule(("create", "get", "list", "watch"), (LEGACY_GROUP,), ("configmaps",))]),
            role(SA_ROLE_PREFIX + "token-cleaner", sysns, [
                rule(("get", "list", "watch", "delete"), (LEGACY_GROUP,), ("secrets",)),
                events_rule()]),
            role("system::leader-locking-kube-controller-manager", sysns, [
                rule(("watch",), (LEGACY_GROUP,), ("configmaps",)),
                rule(("get", "update"), (LEGACY_GROUP,), ("configmaps",), names=("kube-controller-manager",)),
                rule(("get", "watch", "list", "create", "update"), (COORDINATION_GROUP,), ("leases",))]),
            role("system::leader-locking-kube-scheduler", sysns, [
                rule(("watch",), (LEGACY_GROUP,), ("configmaps",)),
                rule(("get", "update"), (LEGACY_GROUP,), ("configmaps",), names=("kube-scheduler",))]),
        ],
        pub: [
            role(SA_ROLE_PREFIX + "bootstrap-signer", pub, [
                rule(("get", "list", "watch"), (LEGACY_GROUP,), ("configmaps",)),
                rule(("update",), (LEGACY_GROUP,), ("configmaps",), names=("cluster-info",)),
                events_rule()]),
        ],
    }


def namespace_role_bindings() -> dict[str, list[dict[str, Any]]]:
    """Mirrors: namespace_policy.go :: NamespaceRoleBindings"""
    sysns, pub = NAMESPACE_SYSTEM, NAMESPACE_PUBLIC
    return {
        sysns: [
            role_binding("extension-apiserver-authentication-reader", sysns, user(KUBE_CONTROLLER_MANAGER),
                         user(KUBE_SCHEDULER), name="system::extension-apiserver-authentication-reader"),
            role_binding("system::leader-locking-kube-controller-manager", sysns, user(KUBE_CONTROLLER_MANAGER),
                         sa(sysns, "kube-controller-manager"), sa(sysns, "leader-election-controller")),
            role_binding("system::leader-locking-kube-scheduler", sysns, user(KUBE_SCHEDULER),
                         sa(sysns, "kube-scheduler")),
            role_binding(SA_ROLE_PREFIX + "bootstrap-signer", sysns, sa(sysns, "bootstrap-signer")),
            role_binding(SA_ROLE_PREFIX + "cloud-provider", sysns, sa(sysns, "cloud-provider")),
            role_binding(SA_ROLE_PREFIX + "token-cleaner", sysns, sa(sysns, "token-cleaner")),
        ],
        pub: [
            role_binding(SA_ROLE_PREFIX + "bootstrap-signer", pub, sa(sysns, "bootstrap-signer")),
        ],
    }
