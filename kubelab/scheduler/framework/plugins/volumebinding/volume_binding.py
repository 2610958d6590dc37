"""VolumeBinding: a pod's claims must be bound, or bindable on the node; binds them in PreBind.

Upstream: pkg/scheduler/framework/plugins/volumebinding/volume_binding.go
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.api import errors
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code, PreFilterResult, Status, as_status
from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.volumebinding.binder import (
    PodVolumeClaims,
    PodVolumes,
    VolumeBinder,
)

NAME = names.VOLUME_BINDING
STATE_KEY = NAME


class _StateData:
    __slots__ = ("skip", "pod_volume_claims", "pod_volumes_by_node", "all_bound")

    def __init__(self, claims: PodVolumeClaims | None = None) -> None:
        self.skip = claims is None
        self.pod_volume_claims = claims
        self.pod_volumes_by_node: dict[str, PodVolumes] = {}
        self.all_bound = False

    def clone(self) -> _StateData:
        return self


class VolumeBinding:
    """Mirrors: volumebinding/volume_binding.go :: VolumeBinding"""

    name = NAME

    def __init__(self, args: Any, handle: Any) -> None:
        self.handle = handle
        self.binder = VolumeBinder(handle.client, handle.shared_informer_factory())

    def events_to_register(self) -> list[ev.ClusterEventWithHint]:
        a = ev.ActionType
        return [
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.STORAGE_CLASS, a.ADD | a.UPDATE)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.PERSISTENT_VOLUME_CLAIM, a.ADD | a.UPDATE)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.PERSISTENT_VOLUME, a.ADD | a.UPDATE)),
            ev.ClusterEventWithHint(ev.ClusterEvent(ev.NODE, a.ADD | a.UPDATE_NODE_LABEL | a.UPDATE_NODE_TAINT)),
        ]

    def pod_has_pvcs(self, pod: dict) -> tuple[bool, str]:
        """Mirrors: (*VolumeBinding).podHasPVCs: ``(has, error message)``."""
        has = False
        ns = pod["metadata"].get("namespace", "")
        for v in (pod.get("spec") or {}).get("volumes") or ():
            if v.get("persistentVolumeClaim") is not None:
                name, ephemeral = v["persistentVolumeClaim"].get("claimName", ""), False
            elif v.get("ephemeral") is not None:
                name, ephemeral = f"{pod['metadata'].get('name', '')}-{v.get('name', '')}", True
            else:
                continue
            has = True
            try:
                pvc = self.binder.pvc_lister.get(ns, name)
            except errors.NotFound as e:
                if ephemeral:
                    return has, f'waiting for ephemeral volume controller to create the persistentvolumeclaim "{name}"'
                return has, str(e)
            if (pvc.get("status") or {}).get("phase") == "Lost":
                return has, (f'persistentvolumeclaim "{name}" bound to non-existent persistentvolume '
                             f'"{(pvc.get("spec") or {}).get("volumeName", "")}"')
            if pvc["metadata"].get("deletionTimestamp"):
                return has, f'persistentvolumeclaim "{name}" is being deleted'
        return has, ""

    def pre_filter(self, state: Any, pod: dict, nodes: list[Any]) -> tuple[PreFilterResult | None, Status | None]:
        """Mirrors: (*VolumeBinding).PreFilter"""
        has, err = self.pod_has_pvcs(pod)
        if err:
            return None, Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, err)
        if not has:
            state.write(STATE_KEY, _StateData())
            return None, Status(Code.SKIP)
        try:
            claims = self.binder.get_pod_volume_claims(pod)
        except (errors.ApiError, ValueError) as e:
            return None, as_status(e)
        if claims.unbound_claims_immediate:
            return None, Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "pod has unbound immediate PersistentVolumeClaims")
        state.write(STATE_KEY, _StateData(claims))
        return None, None

    def pre_filter_extensions(self) -> None:
        return None

    def filter(self, state: Any, pod: dict, node_info: Any) -> Status | None:
        """Mirrors: (*VolumeBinding).Filter"""
        s = state.get(STATE_KEY)
        if s is None or s.skip:
            return None
        volumes, reasons = self.binder.find_pod_volumes(pod, s.pod_volume_claims, node_info.node)
        if reasons:
            return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, *reasons)
        s.pod_volumes_by_node[node_info.node_name] = volumes
        return None

    def pre_score(self, state: Any, pod: dict, nodes: list[Any]) -> Status | None:
        """Mirrors: (*VolumeBinding).PreScore (storage-capacity scoring is alpha and off)."""
        return Status(Code.SKIP)

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        return 0, None

    def score_extensions(self) -> None:
        return None

    def reserve(self, state: Any, pod: dict, node_name: str) -> Status | None:
        """Mirrors: (*VolumeBinding).Reserve"""
        s = state.get(STATE_KEY)
        if s is None or s.skip:
            return None
        volumes = s.pod_volumes_by_node.get(node_name)
        if volumes is None:
            return None
        s.all_bound = self.binder.assume_pod_volumes(pod, node_name, volumes)
        return None

    def pre_bind(self, state: Any, pod: dict, node_name: str) -> Generator[Any, Any, Status | None]:
        """Mirrors: (*VolumeBinding).PreBind"""
        s = state.get(STATE_KEY)
        if s is None or s.skip or s.all_bound:
            return None
        volumes = s.pod_volumes_by_node.get(node_name)
        if volumes is None:
            return as_status(ValueError(f'no pod volumes found for node "{node_name}"'))
        try:
            yield from self.binder.bind_pod_volumes(pod, volumes, node_name)
        except errors.ApiError as e:
            return as_status(e)
        return None

    def unreserve(self, state: Any, pod: dict, node_name: str) -> None:
        """Mirrors: (*VolumeBinding).Unreserve"""
        s = state.get(STATE_KEY)
        if s is None or s.skip:
            return
        volumes = s.pod_volumes_by_node.get(node_name)
        if volumes is not None:
            self.binder.revert_assumed_pod_volumes(volumes)


def new(args: Any, handle: Any) -> VolumeBinding:
    return VolumeBinding(args, handle)
