"""VolumeZone: a pod's bound volumes pin it to their zones and regions.

Upstream: pkg/scheduler/framework/plugins/volumezone/volume_zone.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api import errors
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, PreFilterResult, Status, as_status
from kubelab.scheduler.framework.plugins import names

NAME = names.VOLUME_ZONE
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
ERR_REASON_CONFLICT = "node(s) had no available volume zone"
TOPOLOGY_LABELS = ("failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
                   "topology.kubernetes.io/zone", "topology.kubernetes.io/region")
# Volume zone labels hold several zones joined by this.
ZONES_DELIMITER = "__"


@dataclass(slots=True)
class PVTopology:
    pv_name: str
    key: str
    values: frozenset[str]


def get_error_as_status(err: BaseException) -> Status | None:
    """Mirrors: volume_zone.go :: getErrorAsStatus"""
    if isinstance(err, errors.NotFound):
        return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, str(err))
    return as_status(err)


class _State:
    __slots__ = ("pod_pv_topologies",)

    def __init__(self, t: list[PVTopology]) -> None:
        self.pod_pv_topologies = t

    def clone(self) -> _State:
        return self


class VolumeZone:
    """Mirrors: volumezone/volume_zone.go :: VolumeZone"""

    name = NAME

    def __init__(self, handle: Any) -> None:
        f = handle.shared_informer_factory()
        self.pv_lister = f.lister_for("persistentvolumes")
        self.pvc_lister = f.lister_for("persistentvolumeclaims")
        self.sc_lister = f.lister_for("storageclasses")

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        a = ev.ActionType
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.STORAGE_CLASS, a.ADD)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, a.ADD | a.UPDATE_NODE_LABEL)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.PERSISTENT_VOLUME_CLAIM, a.ADD | a.UPDATE)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.PERSISTENT_VOLUME, a.ADD | a.UPDATE)),
        ]

    def get_pv_by_pod(self, pod: dict) -> tuple[list[PVTopology], Status | None]:
        """Mirrors: (*VolumeZone).getPVbyPod"""
        out: list[PVTopology] = []
        ns = pod["metadata"].get("namespace", "")
        for v in (pod.get("spec") or {}).get("volumes") or ():
            claim = v.get("persistentVolumeClaim")
            if claim is None:
                continue
            name = claim.get("claimName", "")
            if not name:
                return [], Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "PersistentVolumeClaim had no name")
            try:
                pvc = self.pvc_lister.get(ns, name)
            except errors.ApiError as e:
                return [], get_error_as_status(e)
            pv_name = (pvc.get("spec") or {}).get("volumeName")
            if not pv_name:
                sc_name = (pvc.get("spec") or {}).get("storageClassName") or ""
                if not sc_name:
                    return [], Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
                                      "PersistentVolumeClaim had no pv name and storageClass name")
                try:
                    sc = self.sc_lister.get(sc_name)
                except errors.ApiError as e:
                    return [], get_error_as_status(e)
                mode = sc.get("volumeBindingMode")
                if mode is None:
                    return [], Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
                                      f'VolumeBindingMode not set for StorageClass "{sc_name}"')
                if mode == "WaitForFirstConsumer":
                    continue
                return [], Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "PersistentVolume had no name")
            try:
                pv = self.pv_lister.get(pv_name)
            except errors.ApiError as e:
                return [], get_error_as_status(e)
            pv_labels = pv["metadata"].get("labels") or {}
            for key in TOPOLOGY_LABELS:
                if key in pv_labels:
                    zones = frozenset(z.strip() for z in pv_labels[key].split(ZONES_DELIMITER) if z.strip())
                    out.append(PVTopology(pv_name, key, zones))
        return out, None

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*VolumeZone).PreFilter"""
        topologies, status = self.get_pv_by_pod(pod)
        if status is not None:
            return None, status
        if not topologies:
            return None, Status(Code.SKIP)
        state.write(PRE_FILTER_STATE_KEY, _State(topologies))
        return None, None

    def pre_filter_extensions(self) -> None:
        return None

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*VolumeZone).Filter"""
        if not (pod.get("spec") or {}).get("volumes"):
            return None
        s = state.get(PRE_FILTER_STATE_KEY)
        if s is not None:
            topologies = s.pod_pv_topologies
        else:
            topologies, status = self.get_pv_by_pod(pod)
            if status is not None:
                return status
        node_labels = node_info.node["metadata"].get("labels") or {}
        if not any(k in node_labels for k in TOPOLOGY_LABELS):
            return None
        for t in topologies:
            v = node_labels.get(t.key)
            if v is None or v not in t.values:
                return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, ERR_REASON_CONFLICT)
        return None


def new(args: Any, handle: Any) -> VolumeZone:
    return VolumeZone(handle)
