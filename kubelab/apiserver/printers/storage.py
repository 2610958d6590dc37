"""Printers for volumes and their classes: PersistentVolume, PersistentVolumeClaim, StorageClass.

Upstream: pkg/printers/internalversion/printers.go :: printPersistentVolume,
printPersistentVolumeClaim, printStorageClass; pkg/apis/core/helper/helpers.go;
pkg/apis/storage/util/helpers.go
"""

from __future__ import annotations

from kubelab.apiserver.printers.common import (
    UNSET,
    GenerateOptions,
    Obj,
    Row,
    age,
    meta,
    name_of,
    quantity_string,
    row,
    spec,
    status,
)

BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"
IS_DEFAULT_STORAGE_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class"
BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class"

# Short names of the access modes, in the order kubectl lists them.
_ACCESS_MODES = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
                 ("ReadWriteOncePod", "RWOP"))


def get_access_modes_as_string(modes: list[str] | None) -> str:
    """``RWO,ROX,RWX,RWOP`` for the modes present, duplicates dropped.

    Mirrors: pkg/apis/core/helper/helpers.go :: GetAccessModesAsString
    """
    present = set(modes or ())
    return ",".join(short for mode, short in _ACCESS_MODES if mode in present)


def get_persistent_volume_class(pv: Obj) -> str:
    """Mirrors: pkg/apis/core/helper/helpers.go :: GetPersistentVolumeClass"""
    annotations = meta(pv).get("annotations") or {}
    if BETA_STORAGE_CLASS_ANNOTATION in annotations:
        return annotations[BETA_STORAGE_CLASS_ANNOTATION]
    return spec(pv).get("storageClassName", "")


def get_persistent_volume_claim_class(pvc: Obj) -> str:
    """Mirrors: pkg/apis/core/helper/helpers.go :: GetPersistentVolumeClaimClass"""
    annotations = meta(pvc).get("annotations") or {}
    if BETA_STORAGE_CLASS_ANNOTATION in annotations:
        return annotations[BETA_STORAGE_CLASS_ANNOTATION]
    return spec(pvc).get("storageClassName") or ""


def is_default_annotation(obj: Obj) -> bool:
    """Mirrors: pkg/apis/storage/util/helpers.go :: IsDefaultAnnotation"""
    annotations = meta(obj).get("annotations") or {}
    return (annotations.get(IS_DEFAULT_STORAGE_CLASS_ANNOTATION) == "true"
            or annotations.get(BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION) == "true")


def print_persistent_volume(pv: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printPersistentVolume"""
    s = spec(pv)
    claim = ""
    ref = s.get("claimRef")
    if ref is not None:
        claim = f"{ref.get('namespace', '')}/{ref.get('name', '')}"
    phase = status(pv).get("phase", "")
    if meta(pv).get("deletionTimestamp") is not None:
        phase = "Terminating"
    size = quantity_string((s.get("capacity") or {}).get("storage"))
    vac = s.get("volumeAttributesClassName")
    return [row(name_of(pv), size, get_access_modes_as_string(s.get("accessModes")),
                s.get("persistentVolumeReclaimPolicy", ""), phase, claim, get_persistent_volume_class(pv),
                UNSET if vac is None else vac, status(pv).get("reason", ""), age(pv, options.now),
                s.get("volumeMode") or UNSET)]


def print_persistent_volume_claim(pvc: Obj, options: GenerateOptions) -> list[Row]:
    """CAPACITY and ACCESS MODES come from the bound volume's status, so stay empty until bound.

    Mirrors: pkg/printers/internalversion/printers.go :: printPersistentVolumeClaim
    """
    s, st = spec(pvc), status(pvc)
    phase = st.get("phase", "")
    if meta(pvc).get("deletionTimestamp") is not None:
        phase = "Terminating"
    capacity = access_modes = ""
    if s.get("volumeName"):
        access_modes = get_access_modes_as_string(st.get("accessModes"))
        capacity = quantity_string((st.get("capacity") or {}).get("storage"))
    vac = s.get("volumeAttributesClassName")
    return [row(name_of(pvc), phase, s.get("volumeName", ""), capacity, access_modes,
                get_persistent_volume_claim_class(pvc), UNSET if vac is None else vac, age(pvc, options.now),
                s.get("volumeMode") or UNSET)]


def print_storage_class(sc: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printStorageClass"""
    name = name_of(sc)
    if is_default_annotation(sc):
        name += " (default)"
    return [row(name, sc.get("provisioner", ""), sc.get("reclaimPolicy") or "Delete",
                sc.get("volumeBindingMode") or "Immediate", bool(sc.get("allowVolumeExpansion", False)),
                age(sc, options.now))]
