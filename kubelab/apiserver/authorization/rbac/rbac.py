"""The RBAC authorizer: allow when some bound rule covers the request.

Upstream: plugin/pkg/auth/authorizer/rbac/rbac.go
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubelab.apiserver.authentication.union import aggregate_message
from kubelab.apiserver.authentication.user import UserInfo
from kubelab.apiserver.authorization.authorizer import (
    DECISION_ALLOW,
    DECISION_NO_OPINION,
    Attributes,
)
from kubelab.apiserver.authorization.rbac.evaluation_helpers import (
    api_group_matches,
    non_resource_url_matches,
    resource_matches,
    resource_name_matches,
    verb_matches,
)
from kubelab.apiserver.authorization.rbac.rule import DefaultRuleResolver, RBACObjectGetter


def rule_allows(attrs: Attributes, rule: Mapping[str, Any]) -> bool:
    """Mirrors: rbac.go :: RuleAllows"""
    if attrs.resource_request:
        combined = attrs.resource + "/" + attrs.subresource if attrs.subresource else attrs.resource
        return (verb_matches(rule, attrs.verb) and api_group_matches(rule, attrs.api_group)
                and resource_matches(rule, combined, attrs.subresource)
                and resource_name_matches(rule, attrs.name))
    return verb_matches(rule, attrs.verb) and non_resource_url_matches(rule, attrs.path)


def rules_allow(attrs: Attributes, *rules: Mapping[str, Any]) -> bool:
    """Mirrors: rbac.go :: RulesAllow"""
    return any(rule_allows(attrs, r) for r in rules)


class RBACAuthorizer:
    """Allows a request when a rule reached through the user's bindings covers it.

    Never denies: with no matching rule it has no opinion, and the reason carries
    any errors met resolving role references (``RBAC: clusterrole... not found``).

    Mirrors: rbac.go :: RBACAuthorizer

    Differences: bindings indexed by subject and rule lists cached per user and
    namespace (see rule.py); ``changed()`` must follow every RBAC object write.
    """

    name = "RBAC"

    def __init__(self, getter: RBACObjectGetter) -> None:
        self.resolver = DefaultRuleResolver(getter)

    def changed(self) -> None:
        self.resolver.changed()

    def authorize(self, attrs: Attributes) -> tuple[int, str]:
        """Mirrors: rbac.go :: (*RBACAuthorizer).Authorize"""
        errs: list[str] = []
        verb, group, resource = attrs.verb, attrs.api_group, attrs.resource
        sub, name, rr, path = attrs.subresource, attrs.name, attrs.resource_request, attrs.path
        for entry in self.resolver.visit_entries(attrs.user, attrs.namespace):
            if entry.error:
                errs.append(entry.error)
                continue
            for rule in entry.rules:
                if rule.allows(verb, group, resource, sub, name, rr, path):
                    return DECISION_ALLOW, f"RBAC: allowed by {entry.source}"
        if errs:
            return DECISION_NO_OPINION, f"RBAC: {aggregate_message(errs)}"
        return DECISION_NO_OPINION, ""

    def rules_for(self, user: UserInfo, namespace: str) -> tuple[list[Mapping[str, Any]], str]:
        """Every rule that applies to a user in a namespace, and the resolution errors.

        Mirrors: rbac.go :: (*RBACAuthorizer).RulesFor
        """
        rules, errs = self.resolver.rules_for(user, namespace)
        return rules, aggregate_message(errs) if errs else ""
