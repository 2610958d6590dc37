"""Leader-election locks.

Upstream: staging/src/k8s.io/client-go/tools/leaderelection/resourcelock
"""

from kubelab.client.leaderelection.resourcelock.interface import (
    LEASES_RESOURCE_LOCK,
    Interface,
    LeaderElectionRecord,
    LockError,
)
from kubelab.client.leaderelection.resourcelock.leaselock import (
    LeaseLock,
    leader_election_record_to_lease_spec,
    lease_spec_to_leader_election_record,
)

__all__ = [
    "LEASES_RESOURCE_LOCK",
    "Interface",
    "LeaderElectionRecord",
    "LeaseLock",
    "LockError",
    "leader_election_record_to_lease_spec",
    "lease_spec_to_leader_election_record",
]
