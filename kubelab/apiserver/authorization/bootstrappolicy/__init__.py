"""The RBAC policy a new v1.34 cluster is bootstrapped with, as wire-shape objects.

Upstream: plugin/pkg/auth/authorizer/rbac/bootstrappolicy,
pkg/registry/rbac/rest/storage_rbac.go (the post-start hook that writes it)
"""

from __future__ import annotations

import copy
from typing import Any

from kubelab.api.labels import label_selector_as_selector
from kubelab.apiserver.authorization.bootstrappolicy.controller_policy import (
    controller_role_bindings,
    controller_roles,
)
from kubelab.apiserver.authorization.bootstrappolicy.namespace_policy import (
    namespace_role_bindings,
    namespace_roles,
)
from kubelab.apiserver.authorization.bootstrappolicy.policy import (
    cluster_role_bindings,
    cluster_roles,
)

__all__ = [
    "aggregate_cluster_roles",
    "bootstrap_objects",
    "cluster_role_bindings",
    "cluster_roles",
    "controller_role_bindings",
    "controller_roles",
    "namespace_role_bindings",
    "namespace_roles",
]


def aggregate_cluster_roles(roles: list[dict[str, Any]]) -> None:
    """Fill every aggregated ClusterRole's rules in place, until nothing changes.

    Each aggregated role gets the rules of the roles its selectors pick, taken in
    name order, skipping itself and rules it already has.

    Mirrors: pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go ::
    (*ClusterRoleAggregationController).syncClusterRole
    """
    by_name = sorted(roles, key=lambda r: r["metadata"]["name"])
    changed = True
    while changed:
        changed = False
        for cr in by_name:
            agg = cr.get("aggregationRule")
            if not agg:
                continue
            new_rules: list[dict[str, Any]] = []
            for sel in agg.get("clusterRoleSelectors") or ():
                selector = label_selector_as_selector(sel)
                for other in by_name:
                    if other is cr or not selector.matches(other["metadata"].get("labels") or {}):
                        continue
                    for r in other.get("rules") or ():
                        if r not in new_rules:
                            new_rules.append(copy.deepcopy(r))
            if new_rules != cr.get("rules"):
                cr["rules"] = new_rules
                changed = True


def bootstrap_objects(node_authorizer: bool = False) -> list[dict[str, Any]]:
    """Every bootstrap ClusterRole, ClusterRoleBinding, Role and RoleBinding, in write order.

    admin, edit and view are returned already aggregated.

    Args:
        node_authorizer: whether the Node authorizer runs; kubelab's does not, so by
            default ``system:node`` is bound to the ``system:nodes`` group (see
            ``cluster_role_bindings``).

    Mirrors: pkg/registry/rbac/rest/storage_rbac.go :: PolicyData.EnsureRBACPolicy
    """
    roles = cluster_roles() + controller_roles()
    aggregate_cluster_roles(roles)
    out: list[dict[str, Any]] = list(roles)
    out += cluster_role_bindings(node_authorizer) + controller_role_bindings()
    ns_roles, ns_bindings = namespace_roles(), namespace_role_bindings()
    for ns in sorted(ns_roles):
        out += ns_roles[ns]
    for ns in sorted(ns_bindings):
        out += ns_bindings[ns]
    return out
