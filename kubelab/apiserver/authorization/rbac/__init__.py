"""Role-based access control: Roles, ClusterRoles and their bindings.

Upstream: plugin/pkg/auth/authorizer/rbac
"""

from kubelab.apiserver.authorization.rbac.rbac import RBACAuthorizer, rule_allows, rules_allow
from kubelab.apiserver.authorization.rbac.rule import RBACObjectGetter, StaticRoles

__all__ = ["RBACAuthorizer", "RBACObjectGetter", "StaticRoles", "rule_allows", "rules_allow"]
