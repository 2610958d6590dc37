"""kube-apiserver's periodic etcd compaction.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/etcd3/compact.go
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.storage.mvcc import KV

# --etcd-compaction-interval's default.
DEFAULT_COMPACT_INTERVAL = 300.0


def compactor(env: Any, kv: KV, interval: float = DEFAULT_COMPACT_INTERVAL) -> Generator[Any, Any, None]:
    """Every ``interval``, compact history up to the revision seen one interval earlier.

    Mirrors: compact.go :: compactor (each tick compacts to the previous tick's
    revision, so a watcher always has at least one interval of history)
    Differences: one API server, so no compact_rev_key transaction to coordinate.
    """
    last = 0
    while True:
        yield env.timeout(interval)
        if last > kv.compact_rev:
            kv.compact(last)
            env.trace.record("kube-apiserver", "compact", level=2, message=f"compacted etcd to revision {last}",
                             fields={"revision": last})
        last = kv.rev
