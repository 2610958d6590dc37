"""The scheduler's cache: node infos with their pods, assumed pods, and snapshots of it all.

Upstream: pkg/scheduler/backend/cache/cache.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.scheduler.backend.cache.node_tree import NodeTree
from kubelab.scheduler.backend.cache.snapshot import Snapshot
from kubelab.scheduler.framework.types import ImageStateSummary, NodeInfo, get_pod_key

Obj = dict[str, Any]


class CacheError(Exception):
    """An inconsistency between the cache and what the informers report (upstream's errors)."""


@dataclass(slots=True)
class _PodState:
    pod: Obj
    deadline: float | None = None
    binding_finished: bool = False


class _NodeInfoListItem:
    """A doubly-linked list entry: the most recently updated node is at the head."""

    __slots__ = ("info", "next", "prev")

    def __init__(self, info: NodeInfo) -> None:
        self.info = info
        self.next: _NodeInfoListItem | None = None
        self.prev: _NodeInfoListItem | None = None


@dataclass(slots=True)
class _ImageState:
    size: int
    nodes: dict[str, None]


class Cache:
    """Mirrors: pkg/scheduler/backend/cache/cache.go :: cacheImpl

    ``ttl`` is how long an assumed pod whose binding finished is kept before it expires
    (0: never, as kube-scheduler configures it since v1.25).
    """

    def __init__(self, env: Any, ttl: float = 0.0) -> None:
        self.env = env
        self.ttl = ttl
        self.assumed_pods: dict[str, None] = {}
        self.pod_states: dict[str, _PodState] = {}
        self.nodes: dict[str, _NodeInfoListItem] = {}
        self.head_node: _NodeInfoListItem | None = None
        self.node_tree = NodeTree()
        self.image_states: dict[str, _ImageState] = {}

    # -- the recency list -----------------------------------------------------------------

    def _move_node_info_to_head(self, name: str) -> None:
        """Mirrors: (*cacheImpl).moveNodeInfoToHead"""
        ni = self.nodes.get(name)
        if ni is None or ni is self.head_node:
            return
        if ni.prev is not None:
            ni.prev.next = ni.next
        if ni.next is not None:
            ni.next.prev = ni.prev
        if self.head_node is not None:
            self.head_node.prev = ni
        ni.next = self.head_node
        ni.prev = None
        self.head_node = ni

    def _remove_node_info_from_list(self, name: str) -> None:
        """Mirrors: (*cacheImpl).removeNodeInfoFromList"""
        ni = self.nodes.get(name)
        if ni is None:
            return
        if ni.prev is not None:
            ni.prev.next = ni.next
        if ni.next is not None:
            ni.next.prev = ni.prev
        if ni is self.head_node:
            self.head_node = ni.next
        del self.nodes[name]

    # -- snapshots ------------------------------------------------------------------------

    def update_snapshot(self, snapshot: Snapshot) -> None:
        """Bring ``snapshot`` up to date, copying only node infos changed since its generation.

        Mirrors: (*cacheImpl).UpdateSnapshot
        """
        gen = snapshot.generation
        update_all = update_affinity = update_anti = update_pvc = False
        changed: list[NodeInfo] = []
        node = self.head_node
        while node is not None:
            if node.info.generation <= gen:
                break
            if node.info.node is not None:
                name = node.info.node_name
                existing = snapshot.node_info_map.get(name)
                if existing is None:
                    update_all = True
                    existing = snapshot.node_info_map[name] = NodeInfo.__new__(NodeInfo)
                    existing.pods_with_affinity = []
                    existing.pods_with_required_anti_affinity = []
                    existing.pvc_ref_counts = {}
                clone = node.info.snapshot()
                if bool(existing.pods_with_affinity) != bool(clone.pods_with_affinity):
                    update_affinity = True
                if bool(existing.pods_with_required_anti_affinity) != bool(clone.pods_with_required_anti_affinity):
                    update_anti = True
                if not update_pvc and (len(existing.pvc_ref_counts) != len(clone.pvc_ref_counts)
                                       or any(k not in existing.pvc_ref_counts for k in clone.pvc_ref_counts)):
                    update_pvc = True
                existing.copy_from(clone)
                changed.append(existing)
            node = node.next
        if self.head_node is not None:
            snapshot.generation = self.head_node.info.generation
        if len(snapshot.node_info_map) > self.node_tree.num_nodes:
            self._remove_deleted_nodes_from_snapshot(snapshot)
            update_all = True
        if update_all or update_affinity or update_anti or update_pvc:
            self._update_node_info_snapshot_list(snapshot, update_all)
        if not snapshot.table_dirty:
            for ni in changed:
                snapshot.table.update(ni)
        if len(snapshot.node_info_list) != self.node_tree.num_nodes:
            msg = (f"snapshot state is not consistent, length of NodeInfoList={len(snapshot.node_info_list)} not equal "
                   f"to length of nodes in tree={self.node_tree.num_nodes} , length of NodeInfoMap="
                   f"{len(snapshot.node_info_map)}, length of nodes in cache={len(self.nodes)}, trying to recover")
            self._update_node_info_snapshot_list(snapshot, True)
            raise CacheError(msg)

    def _update_node_info_snapshot_list(self, snapshot: Snapshot, update_all: bool) -> None:
        """Mirrors: (*cacheImpl).updateNodeInfoSnapshotList"""
        if update_all:
            snapshot.node_info_list = [snapshot.node_info_map[n] for n in self.node_tree.list()
                                       if n in snapshot.node_info_map]
        snapshot._refresh_lists(update_all)

    def _remove_deleted_nodes_from_snapshot(self, snapshot: Snapshot) -> None:
        """Mirrors: (*cacheImpl).removeDeletedNodesFromSnapshot"""
        to_delete = len(snapshot.node_info_map) - self.node_tree.num_nodes
        for name in list(snapshot.node_info_map):
            if to_delete <= 0:
                break
            n = self.nodes.get(name)
            if n is None or n.info.node is None:
                del snapshot.node_info_map[name]
                to_delete -= 1

    def node_count(self) -> int:
        return len(self.nodes)

    def pod_count(self) -> int:
        return sum(len(n.info.pods) for n in self.nodes.values())

    # -- pods -----------------------------------------------------------------------------

    def assume_pod(self, pod: Obj) -> None:
        """Mirrors: (*cacheImpl).AssumePod"""
        key = get_pod_key(pod)
        if key in self.pod_states:
            raise CacheError(f"pod {key}({_kobj(pod)}) is in the cache, so can't be assumed")
        self._add_pod(pod, True)

    def finish_binding(self, pod: Obj) -> None:
        """Start the assumed pod's expiry clock (when a TTL is set). Mirrors: (*cacheImpl).FinishBinding"""
        key = get_pod_key(pod)
        st = self.pod_states.get(key)
        if st is not None and key in self.assumed_pods:
            st.binding_finished = True
            st.deadline = None if self.ttl == 0 else self.env.now + self.ttl

    def forget_pod(self, pod: Obj) -> None:
        """Mirrors: (*cacheImpl).ForgetPod"""
        key = get_pod_key(pod)
        st = self.pod_states.get(key)
        node_name = (pod.get("spec") or {}).get("nodeName", "")
        if st is not None and (st.pod.get("spec") or {}).get("nodeName") != node_name:
            raise CacheError(f"pod {key}({_kobj(pod)}) was assumed on {node_name} but assigned to "
                             f"{st.pod['spec'].get('nodeName')}")
        if st is not None and key in self.assumed_pods:
            self._remove_pod(pod)
            return
        raise CacheError(f"pod {key}({_kobj(pod)}) wasn't assumed so cannot be forgotten")

    def _add_pod(self, pod: Obj, assume: bool) -> None:
        """Mirrors: (*cacheImpl).addPod"""
        key = get_pod_key(pod)
        name = pod["spec"].get("nodeName", "")
        n = self.nodes.get(name)
        if n is None:
            n = self.nodes[name] = _NodeInfoListItem(NodeInfo())
        n.info.add_pod(pod)
        self._move_node_info_to_head(name)
        self.pod_states[key] = _PodState(pod)
        if assume:
            self.assumed_pods[key] = None

    def _update_pod(self, old: Obj, new: Obj) -> None:
        """Mirrors: (*cacheImpl).updatePod"""
        self._remove_pod(old)
        self._add_pod(new, False)

    def _remove_pod(self, pod: Obj) -> None:
        """Mirrors: (*cacheImpl).removePod"""
        key = get_pod_key(pod)
        name = pod["spec"].get("nodeName", "")
        n = self.nodes.get(name)
        if n is not None:
            n.info.remove_pod(pod)
            if not n.info.pods and n.info.node is None:
                self._remove_node_info_from_list(name)
            else:
                self._move_node_info_to_head(name)
        self.pod_states.pop(key, None)
        self.assumed_pods.pop(key, None)

    def add_pod(self, pod: Obj) -> None:
        """An assigned pod seen by the informer: confirms an assumed one. Mirrors: (*cacheImpl).AddPod"""
        key = get_pod_key(pod)
        st = self.pod_states.get(key)
        if st is not None and key in self.assumed_pods:
            self._update_pod(st.pod, pod)
            return
        if st is None:
            self._add_pod(pod, False)
            return
        raise CacheError(f"pod {key}({_kobj(pod)}) was already in added state")

    def update_pod(self, old: Obj, new: Obj) -> None:
        """Mirrors: (*cacheImpl).UpdatePod"""
        key = get_pod_key(old)
        st = self.pod_states.get(key)
        if st is None or key in self.assumed_pods:
            raise CacheError(f"pod {key}({_kobj(old)}) is not added to scheduler cache, so cannot be updated")
        if st.pod["spec"].get("nodeName") != new["spec"].get("nodeName"):
            raise CacheError(f"pod {key}({_kobj(old)}) updated on a different node than previously added to")
        self._update_pod(st.pod, new)

    def remove_pod(self, pod: Obj) -> None:
        """Mirrors: (*cacheImpl).RemovePod"""
        key = get_pod_key(pod)
        st = self.pod_states.get(key)
        if st is None:
            raise CacheError(f"pod {key}({_kobj(pod)}) is not found in scheduler cache, so cannot be removed from it")
        if st.pod["spec"].get("nodeName") != pod["spec"].get("nodeName"):
            # An informer delivered a stale node name: remove the pod from where the cache has it.
            pod = st.pod
        self._remove_pod(pod)

    def is_assumed_pod(self, pod: Obj) -> bool:
        """Mirrors: (*cacheImpl).IsAssumedPod"""
        return get_pod_key(pod) in self.assumed_pods

    def get_pod(self, pod: Obj) -> Obj | None:
        st = self.pod_states.get(get_pod_key(pod))
        return st.pod if st is not None else None

    def cleanup_assumed_pods(self) -> None:
        """Expire assumed pods whose binding finished ``ttl`` ago. Mirrors: (*cacheImpl).cleanupAssumedPods"""
        now = self.env.now
        for key in list(self.assumed_pods):
            st = self.pod_states[key]
            if not st.binding_finished or st.deadline is None:
                continue
            if now > st.deadline:
                self._remove_pod(st.pod)

    # -- nodes ----------------------------------------------------------------------------

    def add_node(self, node: Obj) -> NodeInfo:
        """Mirrors: (*cacheImpl).AddNode"""
        name = node["metadata"]["name"]
        n = self.nodes.get(name)
        if n is None:
            n = self.nodes[name] = _NodeInfoListItem(NodeInfo())
        elif n.info.node is not None:
            self._remove_node_image_states(n.info.node)
        self._move_node_info_to_head(name)
        self.node_tree.add_node(node)
        self._add_node_image_states(node, n.info)
        n.info.set_node(node)
        return n.info.snapshot()

    def update_node(self, old: Obj, new: Obj) -> NodeInfo:
        """Mirrors: (*cacheImpl).UpdateNode"""
        name = new["metadata"]["name"]
        n = self.nodes.get(name)
        if n is None:
            n = self.nodes[name] = _NodeInfoListItem(NodeInfo())
            self.node_tree.add_node(new)
        else:
            if n.info.node is not None:
                self._remove_node_image_states(n.info.node)
            self.node_tree.update_node(old, new)
        self._move_node_info_to_head(name)
        self._add_node_image_states(new, n.info)
        n.info.set_node(new)
        return n.info.snapshot()

    def remove_node(self, node: Obj) -> None:
        """Pods may still point at a removed node until their deletions arrive. Mirrors: (*cacheImpl).RemoveNode"""
        name = node["metadata"]["name"]
        n = self.nodes.get(name)
        if n is None:
            raise CacheError(f"node {name} is not found")
        n.info.remove_node()
        if not n.info.pods:
            self._remove_node_info_from_list(name)
        else:
            self._move_node_info_to_head(name)
        self.node_tree.remove_node(node)
        self._remove_node_image_states(node)

    def _add_node_image_states(self, node: Obj, ni: NodeInfo) -> None:
        """Mirrors: (*cacheImpl).addNodeImageStates"""
        name = node["metadata"]["name"]
        summary: dict[str, ImageStateSummary] = {}
        for image in (node.get("status") or {}).get("images") or ():
            for img_name in image.get("names") or ():
                st = self.image_states.get(img_name)
                if st is None:
                    st = self.image_states[img_name] = _ImageState(image.get("sizeBytes") or 0, {})
                st.nodes[name] = None
                if img_name not in summary:
                    # The count is taken now: nodes added later do not raise it (as upstream).
                    summary[img_name] = ImageStateSummary(st.size, len(st.nodes))
        ni.image_states = summary

    def _remove_node_image_states(self, node: Obj) -> None:
        """Mirrors: (*cacheImpl).removeNodeImageStates"""
        name = node["metadata"]["name"]
        for image in (node.get("status") or {}).get("images") or ():
            for img_name in image.get("names") or ():
                st = self.image_states.get(img_name)
                if st is not None:
                    st.nodes.pop(name, None)
                    if not st.nodes:
                        del self.image_states[img_name]

    def dump(self) -> dict[str, NodeInfo]:
        """Mirrors: (*cacheImpl).Dump (node infos by name)."""
        return {name: n.info.snapshot() for name, n in self.nodes.items()}

    def __repr__(self) -> str:
        return f"Cache({len(self.nodes)} nodes, {len(self.pod_states)} pods, {len(self.assumed_pods)} assumed)"


def _kobj(pod: Obj) -> str:
    m = pod.get("metadata") or {}
    return f"{m.get('namespace', '')}/{m.get('name', '')}"
