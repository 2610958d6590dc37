"""Finding, assuming and binding persistent volumes for a pod on a node.

Upstream: pkg/scheduler/framework/plugins/volumebinding/binder.go and
staging/src/k8s.io/component-helpers/storage/volume (FindMatchingVolume, helpers)

Differences: there is no PV controller in kubelab yet, so binding a static volume writes
both sides' specs (PV claimRef, PVC volumeName and bind-completed annotation; the phases,
status the scheduler may not write, stay as they are) instead of waiting for it; dynamic provisioning sets the selected-node
annotation and does not wait for a provisioner; a new PV still in phase Pending counts as
Available. No CSI translation or storage capacity.
"""

from __future__ import annotations

import copy
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from kubelab.api import errors, labels
from kubelab.api.quantity import value
from kubelab.scheduler.component_helpers.nodeaffinity import LazyErrorNodeSelector

Obj = dict[str, Any]
ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed"
ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller"
ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node"
ANN_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class"
NOT_SUPPORTED_PROVISIONER = "kubernetes.io/no-provisioner"

ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind"
ERR_REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict"
ERR_REASON_NOT_ENOUGH_SPACE = "node(s) did not have enough free storage"
ERR_REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)"


def get_persistent_volume_claim_class(pvc: Obj) -> str:
    """Mirrors: component-helpers/storage/volume :: GetPersistentVolumeClaimClass"""
    ann = pvc["metadata"].get("annotations") or {}
    if ANN_STORAGE_CLASS in ann:
        return ann[ANN_STORAGE_CLASS]
    return (pvc.get("spec") or {}).get("storageClassName") or ""


def get_persistent_volume_class(pv: Obj) -> str:
    """Mirrors: component-helpers/storage/volume :: GetPersistentVolumeClass"""
    ann = pv["metadata"].get("annotations") or {}
    if ANN_STORAGE_CLASS in ann:
        return ann[ANN_STORAGE_CLASS]
    return (pv.get("spec") or {}).get("storageClassName") or ""


def check_node_affinity(pv: Obj, node_labels: dict[str, str]) -> bool:
    """Mirrors: component-helpers/storage/volume :: CheckNodeAffinity (labels only)."""
    required = ((pv.get("spec") or {}).get("nodeAffinity") or {}).get("required")
    if required is None:
        return True
    return LazyErrorNodeSelector(required).match({"metadata": {"name": "", "labels": node_labels}})[0]


def is_volume_bound_to_claim(pv: Obj, pvc: Obj) -> bool:
    """Mirrors: component-helpers/storage/volume :: IsVolumeBoundToClaim"""
    ref = (pv.get("spec") or {}).get("claimRef")
    if not ref:
        return False
    m = pvc["metadata"]
    if ref.get("name") != m.get("name") or ref.get("namespace") != m.get("namespace"):
        return False
    return not ref.get("uid") or ref.get("uid") == m.get("uid")


def _storage(rl: Obj | None) -> int:
    q = (rl or {}).get("storage")
    return value(q) if q is not None else 0


def _available(pv: Obj) -> bool:
    """An unbound PV the PV controller would have marked Available (there is none yet: Pending counts)."""
    phase = (pv.get("status") or {}).get("phase") or "Pending"
    return phase == "Available" or (phase == "Pending" and not (pv.get("spec") or {}).get("claimRef"))


def find_matching_volume(pvc: Obj, volumes: list[Obj], node: Obj | None, excluded: dict[str, Obj]) -> Obj | None:
    """The smallest available PV that satisfies the claim on this node (a pre-bound one wins).

    Mirrors: component-helpers/storage/volume/pv_helpers.go :: FindMatchingVolume
    """
    spec = pvc.get("spec") or {}
    requested = _storage((spec.get("resources") or {}).get("requests"))
    requested_class = get_persistent_volume_claim_class(pvc)
    selector = labels.label_selector_as_selector(spec["selector"]) if spec.get("selector") is not None else None
    node_labels = (node["metadata"].get("labels") or {}) if node is not None else {}
    smallest, smallest_qty = None, 0
    for pv in volumes:
        name = pv["metadata"]["name"]
        pv_spec = pv.get("spec") or {}
        if name in excluded:
            continue
        if pv_spec.get("claimRef") and not is_volume_bound_to_claim(pv, pvc):
            continue
        qty = _storage(pv_spec.get("capacity"))
        if qty < requested:
            continue
        if (spec.get("volumeMode") or "Filesystem") != (pv_spec.get("volumeMode") or "Filesystem"):
            continue
        if pv["metadata"].get("deletionTimestamp"):
            continue
        affinity_ok = node is None or check_node_affinity(pv, node_labels)
        if is_volume_bound_to_claim(pv, pvc):
            return pv if affinity_ok else None
        if (not _available(pv)
                or (selector is not None and not selector.matches(pv["metadata"].get("labels") or {}))
                or get_persistent_volume_class(pv) != requested_class or not affinity_ok):
            continue
        if node is not None and not all(m in (pv_spec.get("accessModes") or ()) for m in spec.get("accessModes") or ()):
            continue
        if smallest is None or smallest_qty > qty:
            smallest, smallest_qty = pv, qty
    return smallest


def match_topology_selector_terms(terms: list[Obj] | None, node_labels: dict[str, str]) -> bool:
    """Mirrors: pkg/apis/core/v1/helper/helpers.go :: MatchTopologySelectorTerms"""
    if not terms:
        return True
    for term in terms:
        if all(node_labels.get(r.get("key", "")) in (r.get("values") or ())
               for r in term.get("matchLabelExpressions") or ()):
            return True
    return False


@dataclass(slots=True)
class PodVolumeClaims:
    """Mirrors: binder.go :: PodVolumeClaims"""

    bound_claims: list[Obj] = field(default_factory=list)
    unbound_claims_delay_binding: list[Obj] = field(default_factory=list)
    unbound_claims_immediate: list[Obj] = field(default_factory=list)
    unbound_volumes_delay_binding: dict[str, list[Obj]] = field(default_factory=dict)


@dataclass(slots=True)
class PodVolumes:
    """Mirrors: binder.go :: PodVolumes"""

    static_bindings: list[tuple[Obj, Obj]] = field(default_factory=list)  # (pv, pvc)
    dynamic_provisions: list[Obj] = field(default_factory=list)


class VolumeBinder:
    """Mirrors: binder.go :: volumeBinder"""

    def __init__(self, client: Any, factory: Any) -> None:
        self.client = client
        self.pvc_lister = factory.lister_for("persistentvolumeclaims")
        self.pv_lister = factory.lister_for("persistentvolumes")
        self.class_lister = factory.lister_for("storageclasses")
        # PVs assumed for a pod in a scheduling cycle whose binding has not been seen yet.
        self.assumed_pvs: dict[str, Obj] = {}

    def is_delay_binding_mode(self, pvc: Obj) -> bool:
        """Mirrors: component-helpers/storage/volume :: IsDelayBindingMode"""
        name = get_persistent_volume_claim_class(pvc)
        if not name:
            return False
        try:
            sc = self.class_lister.get(name)
        except errors.NotFound:
            return False
        mode = sc.get("volumeBindingMode")
        if mode is None:
            raise ValueError(f'VolumeBindingMode not set for StorageClass "{name}"')
        return bool(mode == "WaitForFirstConsumer")

    def get_pod_volume_claims(self, pod: Obj) -> PodVolumeClaims:
        """Mirrors: (*volumeBinder).GetPodVolumeClaims (raises NotFound for a missing claim)."""
        c = PodVolumeClaims()
        ns = pod["metadata"].get("namespace", "")
        for v in (pod.get("spec") or {}).get("volumes") or ():
            claim = v.get("persistentVolumeClaim")
            if claim is None:
                continue
            pvc = self.pvc_lister.get(ns, claim.get("claimName", ""))
            pvc_spec = pvc.get("spec") or {}
            if pvc_spec.get("volumeName") and ANN_BIND_COMPLETED in (pvc["metadata"].get("annotations") or {}):
                c.bound_claims.append(pvc)
            elif self.is_delay_binding_mode(pvc) and not pvc_spec.get("volumeName"):
                c.unbound_claims_delay_binding.append(pvc)
            else:
                c.unbound_claims_immediate.append(pvc)
        for pvc in c.unbound_claims_delay_binding:
            cls = get_persistent_volume_claim_class(pvc)
            c.unbound_volumes_delay_binding[cls] = [
                self.assumed_pvs.get(pv["metadata"]["name"], pv) for pv in self.pv_lister.list()
                if get_persistent_volume_class(pv) == cls]
        return c

    def find_pod_volumes(self, pod: Obj, claims: PodVolumeClaims, node: Obj) -> tuple[PodVolumes, list[str]]:
        """Mirrors: (*volumeBinder).FindPodVolumes"""
        pv = PodVolumes()
        bound_ok = unbound_ok = pvs_found = True
        node_labels = node["metadata"].get("labels") or {}
        for pvc in claims.bound_claims:
            try:
                vol = self.pv_lister.get(pvc["spec"]["volumeName"])
            except errors.NotFound:
                pvs_found = False
                break
            if not check_node_affinity(vol, node_labels):
                bound_ok = False
                break
        if claims.unbound_claims_delay_binding:
            to_match: list[Obj] = []
            to_provision: list[Obj] = []
            for pvc in claims.unbound_claims_delay_binding:
                selected = (pvc["metadata"].get("annotations") or {}).get(ANN_SELECTED_NODE)
                if selected is not None:
                    if selected != node["metadata"]["name"]:
                        unbound_ok = False
                        to_match = to_provision = []
                        break
                    to_provision.append(pvc)
                else:
                    to_match.append(pvc)
            chosen: dict[str, Obj] = {}
            for pvc in sorted(to_match, key=lambda c: _storage(((c.get("spec") or {}).get("resources") or {})
                                                                 .get("requests"))):
                vol = find_matching_volume(pvc, claims.unbound_volumes_delay_binding.get(
                    get_persistent_volume_claim_class(pvc), []), node, chosen)
                if vol is None:
                    to_provision.append(pvc)
                    continue
                chosen[vol["metadata"]["name"]] = vol
                pv.static_bindings.append((vol, pvc))
            for pvc in to_provision:
                cls = get_persistent_volume_claim_class(pvc)
                try:
                    sc = self.class_lister.get(cls) if cls else None
                except errors.NotFound:
                    sc = None
                if (sc is None or sc.get("provisioner") in ("", NOT_SUPPORTED_PROVISIONER)
                        or not match_topology_selector_terms(sc.get("allowedTopologies"), node_labels)):
                    unbound_ok = False
                    break
                pv.dynamic_provisions.append(pvc)
        reasons = []
        if not bound_ok:
            reasons.append(ERR_REASON_NODE_CONFLICT)
        if not unbound_ok:
            reasons.append(ERR_REASON_BIND_CONFLICT)
        if not pvs_found:
            reasons.append(ERR_REASON_PV_NOT_EXIST)
        return pv, reasons

    def assume_pod_volumes(self, pod: Obj, node_name: str, volumes: PodVolumes) -> bool:
        """Reserve the chosen PVs so other pods do not pick them. Mirrors: (*volumeBinder).AssumePodVolumes"""
        for vol, pvc in volumes.static_bindings:
            assumed = copy.deepcopy(vol)
            m = pvc["metadata"]
            assumed["spec"]["claimRef"] = {"kind": "PersistentVolumeClaim", "apiVersion": "v1", "name": m["name"],
                                           "namespace": m.get("namespace", ""), "uid": m.get("uid", "")}
            self.assumed_pvs[vol["metadata"]["name"]] = assumed
        return not volumes.static_bindings and not volumes.dynamic_provisions

    def revert_assumed_pod_volumes(self, volumes: PodVolumes) -> None:
        """Mirrors: (*volumeBinder).RevertAssumedPodVolumes"""
        for vol, _ in volumes.static_bindings:
            self.assumed_pvs.pop(vol["metadata"]["name"], None)

    def bind_pod_volumes(self, pod: Obj, volumes: PodVolumes, node_name: str) -> Generator[Any, Any, None]:
        """Write the bindings through the API. Mirrors: (*volumeBinder).BindPodVolumes"""
        try:
            for vol, pvc in volumes.static_bindings:
                name = vol["metadata"]["name"]
                pv = yield from self.client.get("persistentvolumes", name)
                pv["spec"]["claimRef"] = self.assumed_pvs[name]["spec"]["claimRef"]
                pv["metadata"].setdefault("annotations", {})[ANN_BOUND_BY_CONTROLLER] = "yes"
                yield from self.client.update("persistentvolumes", pv)
                ns = pvc["metadata"].get("namespace")
                claim = yield from self.client.get("persistentvolumeclaims", pvc["metadata"]["name"], ns)
                claim["spec"]["volumeName"] = name
                claim["metadata"].setdefault("annotations", {})[ANN_BIND_COMPLETED] = "yes"
                yield from self.client.update("persistentvolumeclaims", claim, ns)
            for pvc in volumes.dynamic_provisions:
                ns = pvc["metadata"].get("namespace")
                yield from self.client.patch("persistentvolumeclaims", pvc["metadata"]["name"],
                                             {"metadata": {"annotations": {ANN_SELECTED_NODE: node_name}}}, ns,
                                             patch_type="merge")
        finally:
            self.revert_assumed_pod_volumes(volumes)
