"""What a leader-election lock stores, and the lock interface.

Upstream: staging/src/k8s.io/client-go/tools/leaderelection/resourcelock/interface.go
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, Protocol

from kubelab.engine import clock

LEASES_RESOURCE_LOCK = "leases"


@dataclass(slots=True)
class LeaderElectionRecord:
    """The election state held in the lock object. Times are simulated seconds.

    Mirrors: client-go/tools/leaderelection/resourcelock/interface.go :: LeaderElectionRecord
    """

    holder_identity: str = ""
    lease_duration_seconds: int = 0
    acquire_time: float | None = None
    renew_time: float | None = None
    leader_transitions: int = 0

    def raw(self) -> tuple[Any, ...]:
        """What upstream compares as the record's JSON: times at metav1.Time's 1 s resolution."""
        return (self.holder_identity, self.lease_duration_seconds,
                clock.rfc3339(self.acquire_time) if self.acquire_time is not None else None,
                clock.rfc3339(self.renew_time) if self.renew_time is not None else None,
                self.leader_transitions)


class Interface(Protocol):
    """Mirrors: client-go/tools/leaderelection/resourcelock/interface.go :: Interface"""

    def get(self) -> Generator[Any, Any, tuple[LeaderElectionRecord, tuple[Any, ...]]]: ...

    def create(self, ler: LeaderElectionRecord) -> Generator[Any, Any, None]: ...

    def update(self, ler: LeaderElectionRecord) -> Generator[Any, Any, None]: ...

    def record_event(self, s: str) -> None: ...

    def identity(self) -> str: ...

    def describe(self) -> str: ...


class LockError(Exception):
    """A lock used before ``get`` or ``create`` (Go returns an error)."""
