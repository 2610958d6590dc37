"""Defaulting for rbac.authorization.k8s.io/v1 bindings.

Roles and ClusterRoles have no defaults.

Upstream: pkg/apis/rbac/v1/defaults.go, pkg/apis/rbac/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import wire

Obj = dict[str, Any]

GROUP_NAME = "rbac.authorization.k8s.io"


def set_defaults_cluster_role_binding(obj: Obj) -> None:
    """Mirrors: pkg/apis/rbac/v1/defaults.go :: SetDefaults_ClusterRoleBinding"""
    role_ref = wire.value_struct(obj, "roleRef")
    if not role_ref.get("apiGroup"):
        role_ref["apiGroup"] = GROUP_NAME


def set_defaults_role_binding(obj: Obj) -> None:
    """Mirrors: pkg/apis/rbac/v1/defaults.go :: SetDefaults_RoleBinding"""
    set_defaults_cluster_role_binding(obj)


def set_defaults_subject(obj: Obj) -> None:
    """Mirrors: pkg/apis/rbac/v1/defaults.go :: SetDefaults_Subject"""
    if not obj.get("apiGroup"):
        kind = obj.get("kind")
        if kind == "ServiceAccount":
            obj["apiGroup"] = ""
        elif kind in ("User", "Group"):
            obj["apiGroup"] = GROUP_NAME


def set_object_defaults_cluster_role_binding(obj: Obj) -> None:
    """Mirrors: pkg/apis/rbac/v1/zz_generated.defaults.go :: SetObjectDefaults_ClusterRoleBinding"""
    set_defaults_cluster_role_binding(obj)
    for subject in wire.items(obj, "subjects"):
        set_defaults_subject(subject)


def set_object_defaults_role_binding(obj: Obj) -> None:
    """Mirrors: pkg/apis/rbac/v1/zz_generated.defaults.go :: SetObjectDefaults_RoleBinding"""
    set_defaults_role_binding(obj)
    for subject in wire.items(obj, "subjects"):
        set_defaults_subject(subject)


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/rbac/v1/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[(GROUP_NAME + "/v1", "ClusterRoleBinding")] = set_object_defaults_cluster_role_binding
    scheme[(GROUP_NAME + "/v1", "RoleBinding")] = set_object_defaults_role_binding
