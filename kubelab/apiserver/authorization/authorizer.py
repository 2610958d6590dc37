"""The authorizer interface and its attributes record.

Upstream: staging/src/k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kubelab.apiserver.authentication.user import UserInfo

DECISION_DENY = 0
DECISION_ALLOW = 1
DECISION_NO_OPINION = 2


@dataclass(frozen=True, slots=True)
class Attributes:
    """Mirrors: authorizer/interfaces.go :: AttributesRecord"""

    user: UserInfo
    verb: str
    namespace: str = ""
    api_group: str = ""
    api_version: str = ""
    resource: str = ""
    subresource: str = ""
    name: str = ""
    resource_request: bool = True
    path: str = ""


class Authorizer(Protocol):
    def authorize(self, attrs: Attributes) -> tuple[int, str]:
        """(decision, reason)."""
        ...
