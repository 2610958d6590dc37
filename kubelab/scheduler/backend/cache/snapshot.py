"""The per-cycle snapshot of the cache: node infos in node-tree order.

Upstream: pkg/scheduler/backend/cache/snapshot.go
"""

from __future__ import annotations

import builtins

from kubelab.scheduler.backend.cache.node_table import NodeTable
from kubelab.scheduler.framework.types import ImageStateSummary, NodeInfo


class Snapshot:
    """Mirrors: pkg/scheduler/backend/cache/snapshot.go :: Snapshot

    Also the NodeInfoLister and StorageInfoLister plugins read through the handle.
    ``table`` is kubelab-only: the same nodes as numpy columns.

    Differences: ``get`` returns None for an unknown node instead of an error.
    """

    def __init__(self, infos: list[NodeInfo] | None = None) -> None:
        self.node_info_map: dict[str, NodeInfo] = {}
        self.node_info_list: list[NodeInfo] = []
        self.have_pods_with_affinity_node_info_list: list[NodeInfo] = []
        self.have_pods_with_required_anti_affinity_node_info_list: list[NodeInfo] = []
        self.used_pvc_set: dict[str, None] = {}
        self.generation = 0
        self.table = NodeTable()
        self.table_dirty = True
        for ni in infos or ():
            self.node_info_map[ni.node_name] = ni
            self.node_info_list.append(ni)
        self._refresh_lists(True)

    def _refresh_lists(self, node_list_changed: bool) -> None:
        lst = self.node_info_list
        self.have_pods_with_affinity_node_info_list = [ni for ni in lst if ni.pods_with_affinity]
        self.have_pods_with_required_anti_affinity_node_info_list = [ni for ni in lst
                                                                     if ni.pods_with_required_anti_affinity]
        self.used_pvc_set = {k: None for ni in lst for k in ni.pvc_ref_counts}
        if node_list_changed:
            self.table_dirty = True

    # -- listers --------------------------------------------------------------------------

    def node_infos(self) -> Snapshot:
        return self

    def storage_infos(self) -> Snapshot:
        return self

    def list(self) -> list[NodeInfo]:
        return self.node_info_list

    def have_pods_with_affinity_list(self) -> builtins.list[NodeInfo]:
        return self.have_pods_with_affinity_node_info_list

    def have_pods_with_required_anti_affinity_list(self) -> builtins.list[NodeInfo]:
        return self.have_pods_with_required_anti_affinity_node_info_list

    def get(self, node_name: str) -> NodeInfo | None:
        ni = self.node_info_map.get(node_name)
        return ni if ni is not None and ni.node is not None else None

    def is_pvc_used_by_pods(self, key: str) -> bool:
        return key in self.used_pvc_set

    def num_nodes(self) -> int:
        return len(self.node_info_list)

    def node_table(self) -> NodeTable:
        """kubelab-only: the columns, rebuilt when the node list changed."""
        if self.table_dirty:
            self.table.rebuild(self.node_info_list)
            self.table_dirty = False
        return self.table

    def __repr__(self) -> str:
        return f"Snapshot({len(self.node_info_list)} nodes, generation {self.generation})"


def new_snapshot(pods: list[dict], nodes: list[dict]) -> Snapshot:
    """A snapshot of these nodes and pods (tests). Mirrors: snapshot.go :: NewSnapshot"""
    by_node: dict[str, NodeInfo] = {}
    existence: dict[str, tuple[int, dict[str, None]]] = {}
    for n in nodes:
        for image in (n.get("status") or {}).get("images") or ():
            for img_name in image.get("names") or ():
                size, holders = existence.setdefault(img_name, (image.get("sizeBytes") or 0, {}))
                holders[n["metadata"]["name"]] = None
    for n in nodes:
        ni = NodeInfo()
        ni.set_node(n)
        for image in (n.get("status") or {}).get("images") or ():
            for img_name in image.get("names") or ():
                size, holders = existence[img_name]
                ni.image_states[img_name] = ImageStateSummary(size, len(holders))
        by_node[n["metadata"]["name"]] = ni
    for p in pods:
        target = by_node.get((p.get("spec") or {}).get("nodeName", ""))
        if target is not None:
            target.add_pod(p)
    return Snapshot(list(by_node.values()))
