"""The authenticated identity of a request.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/user/user.go
"""

from __future__ import annotations

from dataclasses import dataclass, field

ANONYMOUS = "system:anonymous"
ALL_UNAUTHENTICATED = "system:unauthenticated"
ALL_AUTHENTICATED = "system:authenticated"
SYSTEM_PRIVILEGED_GROUP = "system:masters"
NODES_GROUP = "system:nodes"
SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts"
KUBE_SCHEDULER = "system:kube-scheduler"
KUBE_CONTROLLER_MANAGER = "system:kube-controller-manager"
KUBE_PROXY = "system:kube-proxy"


@dataclass(frozen=True, slots=True)
class UserInfo:
    """Mirrors: apiserver/pkg/authentication/user/user.go :: DefaultInfo"""

    name: str
    uid: str = ""
    groups: tuple[str, ...] = ()
    extra: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    def to_dict(self) -> dict:
        d: dict = {"username": self.name}
        if self.uid:
            d["uid"] = self.uid
        if self.groups:
            d["groups"] = list(self.groups)
        if self.extra:
            d["extra"] = {k: list(v) for k, v in self.extra}
        return d


def service_account_username(namespace: str, name: str) -> str:
    """`serviceaccount.MakeUsername`: ``system:serviceaccount:<ns>:<name>``."""
    return f"system:serviceaccount:{namespace}:{name}"


def service_account_groups(namespace: str) -> tuple[str, ...]:
    """`serviceaccount.MakeGroupNames`."""
    return (SERVICE_ACCOUNTS_GROUP, f"system:serviceaccounts:{namespace}")
