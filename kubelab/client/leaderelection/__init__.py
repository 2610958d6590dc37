"""Leader election for components that run active/standby (scheduler, controller manager).

Upstream: staging/src/k8s.io/client-go/tools/leaderelection
"""

from kubelab.client.leaderelection.leaderelection import (
    JITTER_FACTOR,
    LeaderCallbacks,
    LeaderElectionConfig,
    LeaderElector,
    new_identity,
    run_or_die,
)
from kubelab.client.leaderelection.resourcelock import LeaderElectionRecord, LeaseLock

__all__ = [
    "JITTER_FACTOR",
    "LeaderCallbacks",
    "LeaderElectionConfig",
    "LeaderElectionRecord",
    "LeaderElector",
    "LeaseLock",
    "new_identity",
    "run_or_die",
]
