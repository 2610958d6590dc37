"""A leader-election lock held in a coordination.k8s.io/v1 Lease.

Upstream: staging/src/k8s.io/client-go/tools/leaderelection/resourcelock/leaselock.go
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.client.leaderelection.resourcelock.interface import LeaderElectionRecord, LockError
from kubelab.engine import clock


def lease_spec_to_leader_election_record(spec: dict[str, Any]) -> LeaderElectionRecord:
    """Mirrors: resourcelock/leaselock.go :: LeaseSpecToLeaderElectionRecord"""
    return LeaderElectionRecord(
        holder_identity=spec.get("holderIdentity") or "",
        lease_duration_seconds=int(spec.get("leaseDurationSeconds") or 0),
        acquire_time=clock.parse(spec.get("acquireTime")),
        renew_time=clock.parse(spec.get("renewTime")),
        leader_transitions=int(spec.get("leaseTransitions") or 0),
    )


def leader_election_record_to_lease_spec(ler: LeaderElectionRecord) -> dict[str, Any]:
    """Mirrors: resourcelock/leaselock.go :: LeaderElectionRecordToLeaseSpec"""
    spec: dict[str, Any] = {"holderIdentity": ler.holder_identity,
                            "leaseDurationSeconds": ler.lease_duration_seconds}
    if ler.acquire_time is not None:
        spec["acquireTime"] = clock.rfc3339_micro(ler.acquire_time)
    if ler.renew_time is not None:
        spec["renewTime"] = clock.rfc3339_micro(ler.renew_time)
    spec["leaseTransitions"] = ler.leader_transitions
    return spec


class LeaseLock:
    """Get, create and update the Lease ``namespace/name`` through ``client``.

    Mirrors: client-go/tools/leaderelection/resourcelock/leaselock.go :: LeaseLock
    """

    def __init__(self, client: Any, namespace: str, name: str, identity: str,
                 event_recorder: Any = None) -> None:
        self.client = client
        self.namespace = namespace
        self.name = name
        self.lock_identity = identity
        self.event_recorder = event_recorder
        self.lease: dict[str, Any] | None = None

    def get(self) -> Generator[Any, Any, tuple[LeaderElectionRecord, tuple[Any, ...]]]:
        self.lease = yield from self.client.get("leases", self.name, self.namespace)
        record = lease_spec_to_leader_election_record(self.lease.get("spec") or {})
        return record, record.raw()

    def create(self, ler: LeaderElectionRecord) -> Generator[Any, Any, None]:
        lease = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                 "metadata": {"name": self.name, "namespace": self.namespace},
                 "spec": leader_election_record_to_lease_spec(ler)}
        self.lease = yield from self.client.create("leases", lease, self.namespace)

    def update(self, ler: LeaderElectionRecord) -> Generator[Any, Any, None]:
        if self.lease is None:
            raise LockError("lease not initialized, call get or create first")
        # The cached lease keeps the new spec even if the update fails, as upstream.
        self.lease["spec"] = leader_election_record_to_lease_spec(ler)
        self.lease = yield from self.client.update("leases", self.lease, self.namespace)

    def record_event(self, s: str) -> None:
        """Mirrors: resourcelock/leaselock.go :: (*LeaseLock).RecordEvent"""
        if self.event_recorder is None:
            return
        meta = (self.lease or {}).get("metadata") or {"name": self.name, "namespace": self.namespace}
        subject = {"kind": "Lease", "apiVersion": "coordination.k8s.io/v1", "metadata": meta}
        self.event_recorder.eventf(subject, "Normal", "LeaderElection", "%v %v", self.lock_identity, s)

    def describe(self) -> str:
        return f"{self.namespace}/{self.name}"

    def identity(self) -> str:
        return self.lock_identity
