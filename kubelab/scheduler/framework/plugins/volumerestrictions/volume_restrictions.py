"""VolumeRestrictions: disks that allow one writer, and ReadWriteOncePod claims.

Upstream: pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, PreFilterResult, Status, as_status
from kubelab.scheduler.framework.plugins import names

NAME = names.VOLUME_RESTRICTIONS
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
ERR_REASON_DISK_CONFLICT = "node(s) had no available disk"
ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT = (
    "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode")


def _have_overlap(a: list[str], b: list[str]) -> bool:
    return any(x in b for x in a)


def is_volume_conflict(volume: dict, pod: dict) -> bool:
    """Whether ``volume`` conflicts with a volume of ``pod`` (same disk, not both read-only).

    Mirrors: volume_restrictions.go :: isVolumeConflict
    """
    for existing in (pod.get("spec") or {}).get("volumes") or ():
        d, e = volume.get("gcePersistentDisk"), existing.get("gcePersistentDisk")
        if d and e and d.get("pdName") == e.get("pdName") and not (d.get("readOnly") and e.get("readOnly")):
            return True
        d, e = volume.get("awsElasticBlockStore"), existing.get("awsElasticBlockStore")
        if d and e and d.get("volumeID") == e.get("volumeID"):
            return True
        d, e = volume.get("iscsi"), existing.get("iscsi")
        if d and e and d.get("iqn") == e.get("iqn") and not (d.get("readOnly") and e.get("readOnly")):
            return True
        d, e = volume.get("rbd"), existing.get("rbd")
        if (d and e and _have_overlap(d.get("monitors") or [], e.get("monitors") or [])
                and d.get("pool", "rbd") == e.get("pool", "rbd") and d.get("image") == e.get("image")
                and not (d.get("readOnly") and e.get("readOnly"))):
            return True
    return False


def needs_restrictions_check(v: dict) -> bool:
    """Mirrors: volume_restrictions.go :: needsRestrictionsCheck"""
    return any(v.get(k) for k in ("gcePersistentDisk", "awsElasticBlockStore", "rbd", "iscsi", "persistentVolumeClaim"))


def satisfy_volume_conflicts(pod: dict, node_info: Any) -> bool:
    """Mirrors: volume_restrictions.go :: satisfyVolumeConflicts"""
    for v in (pod.get("spec") or {}).get("volumes") or ():
        if not needs_restrictions_check(v) or v.get("persistentVolumeClaim"):
            continue
        for ev_ in node_info.pods:
            if is_volume_conflict(v, ev_.pod):
                return False
    return True


class _State:
    __slots__ = ("read_write_once_pod_pvcs", "conflicting_pvc_ref_count")

    def __init__(self, pvcs: list[str], count: int) -> None:
        self.read_write_once_pod_pvcs = pvcs
        self.conflicting_pvc_ref_count = count

    def clone(self) -> _State:
        return _State(list(self.read_write_once_pod_pvcs), self.conflicting_pvc_ref_count)


class VolumeRestrictions:
    """Mirrors: volumerestrictions/volume_restrictions.go :: VolumeRestrictions"""

    name = NAME

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        f = handle.shared_informer_factory() if handle is not None else None
        self.pvc_lister = f.lister_for("persistentvolumeclaims") if f is not None else None

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.POD, ev.ActionType.DELETE)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, ev.ActionType.ADD)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.PERSISTENT_VOLUME_CLAIM, ev.ActionType.ADD | ev.ActionType.UPDATE)),
        ]

    def read_write_once_pod_pvcs_for_pod(self, pod: dict) -> list[str]:
        """Mirrors: (*VolumeRestrictions).readWriteOncePodPVCsForPod (raises NotFound)."""
        out = []
        ns = pod["metadata"].get("namespace", "")
        for v in (pod.get("spec") or {}).get("volumes") or ():
            claim = v.get("persistentVolumeClaim")
            if not claim or self.pvc_lister is None:
                continue
            pvc = self.pvc_lister.get(ns, claim.get("claimName", ""))
            if "ReadWriteOncePod" in ((pvc.get("spec") or {}).get("accessModes") or ()):
                out.append(f"{ns}/{claim.get('claimName', '')}")
        return out

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*VolumeRestrictions).PreFilter"""
        if not any(needs_restrictions_check(v) for v in (pod.get("spec") or {}).get("volumes") or ()):
            return None, Status(Code.SKIP)
        try:
            pvcs = self.read_write_once_pod_pvcs_for_pod(pod)
        except errors.NotFound as e:
            return None, Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, str(e))
        except errors.ApiError as e:
            return None, as_status(e)
        storage = self.handle.snapshot_shared_lister().storage_infos()
        count = sum(1 for key in pvcs if storage.is_pvc_used_by_pods(key))
        state.write(PRE_FILTER_STATE_KEY, _State(pvcs, count))
        return None, None

    def pre_filter_extensions(self) -> VolumeRestrictions:
        return self

    def add_pod(self, state: Any, pod_to_schedule: dict, pod_info_to_add: Any, node_info: Any) -> Status | None:
        """Mirrors: (*VolumeRestrictions).AddPod"""
        s = state.get(PRE_FILTER_STATE_KEY)
        if s is not None:
            s.conflicting_pvc_ref_count += self._conflicts(s, pod_info_to_add.pod)
        return None

    def remove_pod(self, state: Any, pod_to_schedule: dict, pod_info_to_remove: Any, node_info: Any) -> Status | None:
        """Mirrors: (*VolumeRestrictions).RemovePod"""
        s = state.get(PRE_FILTER_STATE_KEY)
        if s is not None:
            s.conflicting_pvc_ref_count -= self._conflicts(s, pod_info_to_remove.pod)
        return None

    @staticmethod
    def _conflicts(s: _State, pod: dict) -> int:
        ns = pod["metadata"].get("namespace", "")
        n = 0
        for v in (pod.get("spec") or {}).get("volumes") or ():
            claim = v.get("persistentVolumeClaim")
            if claim and f"{ns}/{claim.get('claimName', '')}" in s.read_write_once_pod_pvcs:
                n += 1
        return n

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*VolumeRestrictions).Filter"""
        if not satisfy_volume_conflicts(pod, node_info):
            return Status(Code.UNSCHEDULABLE, ERR_REASON_DISK_CONFLICT)
        s = state.get(PRE_FILTER_STATE_KEY)
        if s is not None and s.conflicting_pvc_ref_count > 0:
            return Status(Code.UNSCHEDULABLE, ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT)
        return None


def new(args: Any, handle: Any) -> VolumeRestrictions:
    return VolumeRestrictions(handle)
