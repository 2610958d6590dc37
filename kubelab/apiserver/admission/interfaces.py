"""Admission attributes and plugin interfaces.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/{interfaces.go,attributes.go}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kubelab.api.scheme import ResourceInfo
from kubelab.apiserver.authentication.user import UserInfo

CREATE = "CREATE"
UPDATE = "UPDATE"
DELETE = "DELETE"
CONNECT = "CONNECT"


@dataclass(slots=True)
class Attributes:
    """One request as admission sees it; mutating plugins change ``object`` in place.

    Mirrors: apiserver/pkg/admission/attributes.go :: attributesRecord
    """

    operation: str
    info: ResourceInfo
    subresource: str
    namespace: str
    name: str
    object: dict[str, Any] | None
    old_object: dict[str, Any] | None
    user: UserInfo
    dry_run: bool = False
    options: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def resource(self) -> str:
        return self.info.resource


class Context(Protocol):
    """What plugins read and write (stands in for the informers and clients they hold)."""

    now: float

    def get(self, resource: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        """The stored object (read-only), or None."""
        ...

    def list(self, resource: str, namespace: str | None = None) -> list[dict[str, Any]]:
        """Stored objects (read-only), sorted by namespace and name."""
        ...

    def update_status(self, resource: str, obj: dict[str, Any]) -> dict[str, Any]:
        """Write an object's status (ResourceQuota usage); raises ApiError on conflict."""
        ...


class Plugin(Protocol):
    name: str

    def handles(self, operation: str) -> bool: ...


class MutationInterface(Plugin, Protocol):
    def admit(self, attrs: Attributes, ctx: Context) -> None:
        """Mutate ``attrs.object``; raise ApiError (usually Forbidden) to reject."""
        ...


class ValidationInterface(Plugin, Protocol):
    def validate(self, attrs: Attributes, ctx: Context) -> None:
        """Raise ApiError to reject; never mutate."""
        ...
