"""The audit log: one audit.k8s.io/v1 Event per request, at the level the policy picks.

Upstream: staging/src/k8s.io/apiserver/pkg/audit (policy/checker.go, request.go) and
staging/src/k8s.io/apiserver/pkg/endpoints/filters/audit.go
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kubelab.apiserver.authentication.user import UserInfo
from kubelab.apiserver.endpoints.request import RequestInfo

LEVEL_NONE = "None"
LEVEL_METADATA = "Metadata"
LEVEL_REQUEST = "Request"
LEVEL_REQUEST_RESPONSE = "RequestResponse"
LEVELS = (LEVEL_NONE, LEVEL_METADATA, LEVEL_REQUEST, LEVEL_REQUEST_RESPONSE)


@dataclass(slots=True)
class PolicyRule:
    """Mirrors: apis/audit/v1/types.go :: PolicyRule (users, groups, verbs, resources, namespaces)."""

    level: str
    users: tuple[str, ...] = ()
    user_groups: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()  # "pods", "pods/status", "deployments.apps"
    namespaces: tuple[str, ...] = ()

    def matches(self, user: UserInfo | None, info: RequestInfo) -> bool:
        if self.users and (user is None or user.name not in self.users):
            return False
        if self.user_groups and (user is None or not set(user.groups) & set(self.user_groups)):
            return False
        if self.verbs and info.verb not in self.verbs:
            return False
        if self.resources:
            r = info.resource + (f"/{info.subresource}" if info.subresource else "")
            qual = f"{r}.{info.api_group}" if info.api_group else r
            if r not in self.resources and qual not in self.resources:
                return False
        if self.namespaces and info.namespace not in self.namespaces:
            return False
        return True


@dataclass(slots=True)
class Policy:
    """First matching rule wins; no match means level None. Default: everything at Metadata."""

    rules: list[PolicyRule] = field(default_factory=lambda: [PolicyRule(LEVEL_METADATA)])

    def level_for(self, user: UserInfo | None, info: RequestInfo) -> str:
        """Mirrors: audit/policy/checker.go :: (*policyRuleEvaluator).EvaluatePolicyRule"""
        for r in self.rules:
            if r.matches(user, info):
                return r.level
        return LEVEL_NONE


class AuditLog:
    """Events in the order requests completed; ``frame()`` for a DataFrame."""

    def __init__(self, policy: Policy | None = None) -> None:
        self.policy = policy or Policy()
        self.events: list[dict[str, Any]] = []

    def record(self, *, audit_id: str, info: RequestInfo, user: UserInfo | None, user_agent: str, method: str,
               path: str, code: int, received: str, completed: str, request_object: Any = None,
               response_object: Any = None) -> None:
        level = self.policy.level_for(user, info)
        if level == LEVEL_NONE:
            return
        ev: dict[str, Any] = {
            "kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": level, "auditID": audit_id,
            "stage": "ResponseComplete", "requestURI": path, "verb": info.verb,
            "user": user.to_dict() if user else {"username": "system:anonymous"},
            "sourceIPs": ["127.0.0.1"], "userAgent": user_agent,
        }
        if info.is_resource_request:
            ref: dict[str, Any] = {"resource": info.resource}
            if info.namespace:
                ref["namespace"] = info.namespace
            if info.name:
                ref["name"] = info.name
            if info.api_group:
                ref["apiGroup"] = info.api_group
            ref["apiVersion"] = info.api_version
            if info.subresource:
                ref["subresource"] = info.subresource
            ev["objectRef"] = ref
        ev["responseStatus"] = {"metadata": {}, "code": code}
        if level in (LEVEL_REQUEST, LEVEL_REQUEST_RESPONSE) and request_object is not None:
            ev["requestObject"] = request_object
        if level == LEVEL_REQUEST_RESPONSE and response_object is not None:
            ev["responseObject"] = response_object
        ev["requestReceivedTimestamp"] = received
        ev["stageTimestamp"] = completed
        self.events.append(ev)

    def frame(self) -> Any:
        import pandas as pd

        rows = [{"time": e["stageTimestamp"], "level": e["level"], "verb": e["verb"],
                 "user": e["user"].get("username"), "resource": e.get("objectRef", {}).get("resource", ""),
                 "namespace": e.get("objectRef", {}).get("namespace", ""),
                 "name": e.get("objectRef", {}).get("name", ""), "code": e["responseStatus"]["code"],
                 "uri": e["requestURI"]} for e in self.events]
        return pd.DataFrame(rows, columns=["time", "level", "verb", "user", "resource", "namespace", "name",
                                           "code", "uri"])
