"""The built-in trivial authorizers: privileged groups, always-allow, always-deny.

Upstream: staging/src/k8s.io/apiserver/pkg/authorization/authorizerfactory/builtin.go
"""

from __future__ import annotations

from kubelab.apiserver.authorization.authorizer import (
    DECISION_ALLOW,
    DECISION_DENY,
    DECISION_NO_OPINION,
    Attributes,
)


class PrivilegedGroupAuthorizer:
    """Allows members of the given groups everything (system:masters).

    Mirrors: builtin.go :: privilegedGroupAuthorizer
    """

    name = "SystemMasters"

    def __init__(self, *groups: str) -> None:
        self.groups = groups

    def authorize(self, attrs: Attributes) -> tuple[int, str]:
        """Mirrors: builtin.go :: (*privilegedGroupAuthorizer).Authorize"""
        for g in attrs.user.groups:
            if g in self.groups:
                return DECISION_ALLOW, ""
        return DECISION_NO_OPINION, ""


class AlwaysAllowAuthorizer:
    """Mirrors: builtin.go :: alwaysAllowAuthorizer"""

    name = "AlwaysAllow"

    def authorize(self, attrs: Attributes) -> tuple[int, str]:
        return DECISION_ALLOW, ""


class AlwaysDenyAuthorizer:
    """Mirrors: builtin.go :: alwaysDenyAuthorizer"""

    name = "AlwaysDeny"

    def authorize(self, attrs: Attributes) -> tuple[int, str]:
        return DECISION_DENY, "Everything is forbidden."
