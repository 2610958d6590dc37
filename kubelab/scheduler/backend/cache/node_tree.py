"""Nodes grouped by zone; listing takes one node from each zone in turn.

Upstream: pkg/scheduler/backend/cache/node_tree.go
"""

from __future__ import annotations

LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone"
LABEL_TOPOLOGY_REGION = "topology.kubernetes.io/region"
LABEL_FAILURE_DOMAIN_BETA_ZONE = "failure-domain.beta.kubernetes.io/zone"
LABEL_FAILURE_DOMAIN_BETA_REGION = "failure-domain.beta.kubernetes.io/region"


def get_zone_key(node: dict) -> str:
    """``region:<NUL>:zone`` (a NUL byte between), or "" for a node with neither label.

    Mirrors: staging/src/k8s.io/component-helpers/node/topology/helpers.go :: GetZoneKey
    """
    lbls = node["metadata"].get("labels")
    if not lbls:
        return ""
    zone = lbls.get(LABEL_TOPOLOGY_ZONE, lbls.get(LABEL_FAILURE_DOMAIN_BETA_ZONE, ""))
    region = lbls.get(LABEL_TOPOLOGY_REGION, lbls.get(LABEL_FAILURE_DOMAIN_BETA_REGION, ""))
    if not region and not zone:
        return ""
    return region + ":\x00:" + zone


class NodeTree:
    """Mirrors: pkg/scheduler/backend/cache/node_tree.go :: nodeTree"""

    def __init__(self, nodes: list[dict] | None = None) -> None:
        self.tree: dict[str, list[str]] = {}
        self.zones: list[str] = []
        self.num_nodes = 0
        for n in nodes or ():
            self.add_node(n)

    def add_node(self, n: dict) -> None:
        """Mirrors: (*nodeTree).addNode"""
        zone = get_zone_key(n)
        name = n["metadata"]["name"]
        na = self.tree.get(zone)
        if na is not None:
            if name in na:
                return
            na.append(name)
        else:
            self.zones.append(zone)
            self.tree[zone] = [name]
        self.num_nodes += 1

    def remove_node(self, n: dict) -> None:
        """Mirrors: (*nodeTree).removeNode"""
        zone = get_zone_key(n)
        name = n["metadata"]["name"]
        na = self.tree.get(zone)
        if na is not None and name in na:
            na.remove(name)
            if not na:
                self._remove_zone(zone)
            self.num_nodes -= 1
            return
        raise KeyError(f'node "{name}" in group "{zone}" was not found')

    def _remove_zone(self, zone: str) -> None:
        del self.tree[zone]
        self.zones.remove(zone)

    def update_node(self, old: dict | None, new: dict) -> None:
        """Mirrors: (*nodeTree).updateNode"""
        old_zone = get_zone_key(old) if old is not None else ""
        if old is not None and old_zone == get_zone_key(new):
            return
        if old is not None:
            try:
                self.remove_node(old)
            except KeyError:
                pass
        self.add_node(new)

    def list(self) -> list[str]:
        """Round-robin over the zones: zone1's first node, zone2's first node, ...

        Mirrors: (*nodeTree).list
        """
        if not self.zones:
            return []
        out: list[str] = []
        idx = 0
        while len(out) < self.num_nodes:
            for zone in self.zones:
                na = self.tree[zone]
                if idx < len(na):
                    out.append(na[idx])
            idx += 1
        return out

    def __repr__(self) -> str:
        return f"NodeTree({self.num_nodes} nodes in {len(self.zones)} zones)"


