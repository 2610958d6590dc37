"""The snapshot's nodes as numpy columns, for vectorised Filter and Score.

kubelab-only: stands in for upstream's parallelizer. Plugins keep their per-node
``filter``/``score`` methods; their optional ``filter_nodes``/``score_nodes`` read these
columns instead, and tests check both give identical results.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.framework.types import NodeInfo


def _taint_key(taints: list[dict]) -> tuple[Any, ...]:
    return tuple((t.get("key", ""), t.get("value", ""), t.get("effect", "")) for t in taints)


class NodeTable:
    """Columns indexed like the snapshot's node list (node-tree order)."""

    def __init__(self) -> None:
        self.n = 0
        self.names: list[str] = []
        self.names_arr = np.array([], dtype=object)
        self.infos: list[NodeInfo] = []
        self.index: dict[str, int] = {}
        self.taint_sets: list[list[dict]] = [[]]
        self._taint_ids: dict[tuple[Any, ...], int] = {(): 0}
        self._allocate(0)

    def _allocate(self, n: int) -> None:
        i64, b = np.int64, bool
        self.all_true = np.ones(n, dtype=b)
        self.taint_id = np.zeros(n, dtype=np.int32)
        self.alloc_cpu = np.zeros(n, dtype=i64)
        self.alloc_mem = np.zeros(n, dtype=i64)
        self.alloc_eph = np.zeros(n, dtype=i64)
        self.alloc_pods = np.zeros(n, dtype=i64)
        self.req_cpu = np.zeros(n, dtype=i64)
        self.req_mem = np.zeros(n, dtype=i64)
        self.req_eph = np.zeros(n, dtype=i64)
        self.nz_cpu = np.zeros(n, dtype=i64)
        self.nz_mem = np.zeros(n, dtype=i64)
        self.num_pods = np.zeros(n, dtype=i64)
        self.unschedulable = np.zeros(n, dtype=b)
        self.has_images = np.zeros(n, dtype=b)
        self.has_ports = np.zeros(n, dtype=b)

    def rebuild(self, infos: list[NodeInfo]) -> None:
        """Refill every column from the node list."""
        n = self.n = len(infos)
        self.infos = list(infos)
        self.names = [ni.node_name for ni in infos]
        self.names_arr = np.array(self.names, dtype=object)
        self.index = {name: i for i, name in enumerate(self.names)}
        self._allocate(n)
        for i, ni in enumerate(infos):
            self.set_row(i, ni)

    def update(self, ni: NodeInfo) -> None:
        """The node's NodeInfo changed (same position)."""
        i = self.index.get(ni.node_name)
        if i is not None:
            self.infos[i] = ni
            self.set_row(i, ni)

    def set_row(self, i: int, ni: NodeInfo) -> None:
        node = ni.node or {"metadata": {}, "spec": {}}
        a, r, nz = ni.allocatable, ni.requested, ni.non_zero_requested
        self.alloc_cpu[i] = a.milli_cpu
        self.alloc_mem[i] = a.memory
        self.alloc_eph[i] = a.ephemeral_storage
        self.alloc_pods[i] = a.allowed_pod_number
        self.req_cpu[i] = r.milli_cpu
        self.req_mem[i] = r.memory
        self.req_eph[i] = r.ephemeral_storage
        self.nz_cpu[i] = nz.milli_cpu
        self.nz_mem[i] = nz.memory
        self.num_pods[i] = len(ni.pods)
        spec = node.get("spec") or {}
        self.unschedulable[i] = bool(spec.get("unschedulable"))
        self.has_images[i] = bool(ni.image_states)
        self.has_ports[i] = bool(ni.used_ports.ports)
        taints = spec.get("taints") or []
        key = _taint_key(taints)
        tid = self._taint_ids.get(key)
        if tid is None:
            tid = self._taint_ids[key] = len(self.taint_sets)
            self.taint_sets.append(list(taints))
        self.taint_id[i] = tid

    def __repr__(self) -> str:
        return f"NodeTable({self.n} nodes, {len(self.taint_sets)} taint sets)"
