"""Asking several authorizers in turn: the first Allow or Deny decides.

Upstream: staging/src/k8s.io/apiserver/pkg/authorization/union/union.go
"""

from __future__ import annotations

from kubelab.apiserver.authorization.authorizer import (
    DECISION_ALLOW,
    DECISION_DENY,
    DECISION_NO_OPINION,
    Attributes,
    Authorizer,
)


class UnionAuthorizer:
    """Mirrors: union.go :: unionAuthzHandler"""

    name = "Union"

    def __init__(self, *authorizers: Authorizer) -> None:
        self.authorizers = authorizers

    def authorize(self, attrs: Attributes) -> tuple[int, str]:
        """Mirrors: union.go :: unionAuthzHandler.Authorize

        Differences: Go's evaluation errors are folded into the reasons.
        """
        reasons: list[str] = []
        for a in self.authorizers:
            decision, reason = a.authorize(attrs)
            if reason:
                reasons.append(reason)
            if decision in (DECISION_ALLOW, DECISION_DENY):
                return decision, reason
        return DECISION_NO_OPINION, "\n".join(reasons)

    def explain(self, attrs: Attributes) -> list[tuple[str, int, str]]:
        """Each authorizer's (name, decision, reason) up to the deciding one (for traces).

        kubelab-only: upstream logs this at high verbosity instead.
        """
        out = []
        for a in self.authorizers:
            decision, reason = a.authorize(attrs)
            out.append((getattr(a, "name", type(a).__name__), decision, reason))
            if decision in (DECISION_ALLOW, DECISION_DENY):
                break
        return out
