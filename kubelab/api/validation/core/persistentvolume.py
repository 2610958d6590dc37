"""PersistentVolumes and PersistentVolumeClaims: access modes, capacity, classes, binding.

Upstream: pkg/apis/core/validation/validation.go (ValidatePersistentVolume,
ValidatePersistentVolumeClaim, ValidatePersistentVolumeClaimSpec, ...Update, ...StatusUpdate)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.affinity import validate_node_selector
from kubelab.api.validation.core.common import (
    validate_class_name,
    validate_namespace_name,
    validate_object_meta,
    validate_object_meta_update,
    validate_persistent_volume_name,
)
from kubelab.api.validation.core.pod_update import go_cmp_diff
from kubelab.api.validation.core.resources import (
    quantity,
    validate_positive_quantity_value,
    validate_resource_quantity_value,
)
from kubelab.api.validation.objectmeta import FIELD_IMMUTABLE_ERROR_MSG, semantic_equal

_PVC_SPEC_FIELDS = (
    ("accessModes", "AccessModes"), ("selector", "Selector"), ("resources", "Resources"), ("volumeName", "VolumeName"),
    ("storageClassName", "StorageClassName"), ("volumeMode", "VolumeMode"), ("dataSource", "DataSource"),
    ("dataSourceRef", "DataSourceRef"), ("volumeAttributesClassName", "VolumeAttributesClassName"),
)
SUPPORTED_ACCESS_MODES = ("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
SUPPORTED_VOLUME_MODES = ("Block", "Filesystem")
SUPPORTED_RECLAIM_POLICIES = ("Delete", "Recycle", "Retain")
BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"
_PV_SOURCES = (
    "gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "quobyte", "iscsi",
    "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "azureDisk",
    "photonPersistentDisk", "portworxVolume", "scaleIO", "local", "storageos", "csi",
)


def _access_modes(modes: list[str], path: str, required_msg: str) -> ErrorList:
    errs: ErrorList = []
    if not modes:
        errs.append(field.required(path, required_msg))
    for m in modes:
        if m not in SUPPORTED_ACCESS_MODES:
            errs.append(field.not_supported(path, m, SUPPORTED_ACCESS_MODES))
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        errs.append(field.forbidden(path, "may not use ReadWriteOncePod with other access modes"))
    return errs


def _validate_data_source(ds: dict[str, Any], path: str, with_namespace: bool) -> ErrorList:
    errs: ErrorList = []
    if not ds.get("name"):
        errs.append(field.required(f"{path}.name", ""))
    if not ds.get("kind"):
        errs.append(field.required(f"{path}.kind", ""))
    group = ds.get("apiGroup") or ""
    if not group and ds.get("kind") != "PersistentVolumeClaim":
        errs.append(field.invalid(path, ds.get("kind", "") or "", "must be 'PersistentVolumeClaim' when referencing the default apiGroup"))
    if group:
        errs.extend(field.invalid(f"{path}.apiGroup", group, m) for m in g.is_dns1123_subdomain(group))
    ns = ds.get("namespace") if with_namespace else None
    if ns:
        errs.extend(field.invalid(f"{path}.namespace", ns, m) for m in validate_namespace_name(ns, False))
    return errs


def validate_persistent_volume_claim_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolumeClaimSpec"""
    errs: ErrorList = []
    modes = spec.get("accessModes") or []
    if not modes:
        errs.append(field.required(f"{path}.accessModes", "at least 1 access mode is required"))
    if spec.get("selector") is not None:
        errs.extend(g.validate_label_selector(spec["selector"], g.LabelSelectorValidationOptions(), f"{path}.selector"))
    rwop = other = False
    for m in modes:
        if m not in SUPPORTED_ACCESS_MODES:
            errs.append(field.not_supported(f"{path}.accessModes", m, SUPPORTED_ACCESS_MODES))
        elif m == "ReadWriteOncePod":
            rwop = True
        else:
            other = True
    if rwop and other:
        errs.append(field.forbidden(f"{path}.accessModes", "may not use ReadWriteOncePod with other access modes"))
    rp = f"{path}.resources[storage]"
    raw = ((spec.get("resources") or {}).get("requests") or {}).get("storage")
    if raw is None:
        errs.append(field.required(rp, ""))
    else:
        q = quantity(raw, rp, errs)
        if q is not None:
            perrs = validate_positive_quantity_value(q, rp)
            errs.extend(perrs if perrs else validate_resource_quantity_value("storage", q, rp))
    sc = spec.get("storageClassName")
    if sc:
        errs.extend(field.invalid(f"{path}.storageClassName", sc, m) for m in validate_class_name(sc, False))
    vm = spec.get("volumeMode")
    if vm is not None and vm not in SUPPORTED_VOLUME_MODES:
        errs.append(field.not_supported(f"{path}.volumeMode", vm, SUPPORTED_VOLUME_MODES))
    ds, dsr = spec.get("dataSource"), spec.get("dataSourceRef")
    if ds is not None:
        errs.extend(_validate_data_source(ds, f"{path}.dataSource", False))
    if dsr is not None:
        errs.extend(_validate_data_source(dsr, f"{path}.dataSourceRef", True))
    if dsr is not None and dsr.get("namespace"):
        if ds is not None:
            errs.append(field.invalid(path, f"{path}.dataSource", "may not be specified when dataSourceRef.namespace is specified"))
    elif ds is not None and dsr is not None:
        if any(ds.get(k) != dsr.get(k) for k in ("apiGroup", "kind", "name")):
            errs.append(field.invalid(path, f"{path}.dataSource", "must match dataSourceRef"))
    vac = spec.get("volumeAttributesClassName")
    if vac:
        errs.extend(field.invalid(f"{path}.volumeAttributesClassName", vac, m) for m in validate_class_name(vac, False))
    return errs


def validate_persistent_volume_claim(pvc: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolumeClaim"""
    errs = validate_object_meta(pvc.get("metadata"), True, validate_persistent_volume_name, "metadata")
    errs.extend(validate_persistent_volume_claim_spec(pvc.get("spec") or {}, "spec"))
    return errs


def validate_persistent_volume_claim_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """The spec is immutable except storage requests (bound claims) and a first volumeName.

    Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolumeClaimUpdate

    Differences: the upgrade path from the beta storage-class annotation to the field is
    not modelled (the upgrade from no class is).
    """
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_persistent_volume_claim(new))
    ns, os_ = dict(new.get("spec") or {}), dict(old.get("spec") or {})
    if not os_.get("volumeName"):
        os_["volumeName"] = ns.get("volumeName")
    old_ann = (old.get("metadata") or {}).get("annotations") or {}
    new_ann = (new.get("metadata") or {}).get("annotations") or {}
    if old_ann.get(BETA_STORAGE_CLASS_ANNOTATION) != new_ann.get(BETA_STORAGE_CLASS_ANNOTATION):
        errs.append(field.invalid(f"metadata.annotations.{BETA_STORAGE_CLASS_ANNOTATION}", new_ann.get(BETA_STORAGE_CLASS_ANNOTATION, ""), FIELD_IMMUTABLE_ERROR_MSG))
    nsc = ns.get("storageClassName")
    if os_.get("storageClassName") is None and nsc is not None and (
        BETA_STORAGE_CLASS_ANNOTATION not in old_ann or old_ann[BETA_STORAGE_CLASS_ANNOTATION] == nsc
    ):
        ns["storageClassName"] = None
    bound = (new.get("status") or {}).get("phase") == "Bound"
    if bound:
        nres = dict(ns.get("resources") or {})
        nreq = dict(nres.get("requests") or {})
        if "storage" in ((os_.get("resources") or {}).get("requests") or {}):
            nreq["storage"] = os_["resources"]["requests"]["storage"]
        else:
            nreq.pop("storage", None)
        nres["requests"] = nreq
        ns["resources"] = nres
        if ns.get("volumeAttributesClassName") is not None:
            ns["volumeAttributesClassName"] = os_.get("volumeAttributesClassName")
    if not semantic_equal(ns, os_):
        errs.append(field.forbidden(
            "spec",
            "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"
            + go_cmp_diff("core.PersistentVolumeClaimSpec", _PVC_SPEC_FIELDS, os_, ns),
        ))
    sink: ErrorList = []
    oreq = ((old.get("spec") or {}).get("resources") or {}).get("requests") or {}
    nreq2 = ((new.get("spec") or {}).get("resources") or {}).get("requests") or {}
    oq, nq = quantity(oreq.get("storage", 0), "", sink), quantity(nreq2.get("storage", 0), "", sink)
    cap = quantity(((old.get("status") or {}).get("capacity") or {}).get("storage", 0), "", sink)
    if oq is not None and nq is not None and nq.cmp(oq) < 0 and cap is not None and nq.cmp(cap) <= 0:
        errs.append(field.forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"))
    nvm, ovm = (new.get("spec") or {}).get("volumeMode"), (old.get("spec") or {}).get("volumeMode")
    if nvm != ovm:
        errs.append(field.invalid("volumeMode", nvm, FIELD_IMMUTABLE_ERROR_MSG))
    return errs


def validate_persistent_volume_claim_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolumeClaimStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    if not (new.get("metadata") or {}).get("resourceVersion"):
        errs.append(field.required("resourceVersion", ""))
    if not (new.get("spec") or {}).get("accessModes"):
        errs.append(field.required("Spec.accessModes", ""))
    for k, v in sorted(((new.get("status") or {}).get("capacity") or {}).items()):
        q = quantity(v, f"status.capacity[{k}]", errs)
        if q is not None and q.value() < 0:
            errs.append(field.invalid(f"status.capacity[{k}]", q.value(), "must be a valid resource quantity"))
    return errs


def validate_persistent_volume(pv: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolume (ValidatePersistentVolumeSpec)

    Differences: the fields of each volume source are not checked, only that there is one.
    """
    errs = validate_object_meta(pv.get("metadata"), False, validate_persistent_volume_name, "metadata")
    spec = pv.get("spec") or {}
    errs.extend(_access_modes(spec.get("accessModes") or [], "spec.accessModes", "must specify at least 1 access mode"))
    cap = spec.get("capacity") or {}
    if not cap:
        errs.append(field.required("spec.capacity", ""))
    if "storage" not in cap or len(cap) > 1:
        errs.append(field.not_supported("spec.capacity", gofmt.GoRepr(gofmt.literal(cap)), ["storage"]))
    for k, v in sorted(cap.items()):
        p = f"spec.capacity[{k}]"
        q = quantity(v, p, errs)
        if q is not None:
            errs.extend(validate_positive_quantity_value(q, p))
            errs.extend(validate_resource_quantity_value(k, q, p))
    rp = spec.get("persistentVolumeReclaimPolicy", "") or ""
    if rp and rp not in SUPPORTED_RECLAIM_POLICIES:
        errs.append(field.not_supported("spec.persistentVolumeReclaimPolicy", rp, SUPPORTED_RECLAIM_POLICIES))
    sc = spec.get("storageClassName", "") or ""
    if sc:
        errs.extend(field.invalid("spec.storageClassName", sc, m) for m in validate_class_name(sc, False))
    vm = spec.get("volumeMode")
    if vm is not None and vm not in SUPPORTED_VOLUME_MODES:
        errs.append(field.not_supported("spec.volumeMode", vm, SUPPORTED_VOLUME_MODES))
    n = 0
    for key in _PV_SOURCES:
        if spec.get(key) is None:
            continue
        if n > 0:
            errs.append(field.forbidden(f"spec.{key}", "may not specify more than 1 volume type"))
            continue
        n += 1
        src = spec[key]
        if key == "hostPath" and not src.get("path"):
            errs.append(field.required("spec.hostPath.path", ""))
        elif key == "local" and not src.get("path"):
            errs.append(field.required("spec.local.path", ""))
        elif key == "csi" and not src.get("driver"):
            errs.append(field.required("spec.csi.driver", ""))
    if n == 0:
        errs.append(field.required("spec", "must specify a volume type"))
    affinity = spec.get("nodeAffinity")
    if affinity is not None:
        if affinity.get("required") is not None:
            errs.extend(validate_node_selector(affinity["required"], False, "spec.nodeAffinity.required"))
        else:
            errs.append(field.required("spec.nodeAffinity.required", "must specify required node constraints"))
    elif spec.get("local") is not None:
        errs.append(field.required("spec.nodeAffinity", "Local volume requires node affinity"))
    return errs


def validate_persistent_volume_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolumeUpdate

    Differences: the diff printed follows pod updates' simplified go-cmp rendering.
    """
    errs = validate_persistent_volume(new)
    errs.extend(validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata"))
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    nsrc: dict[str, Any] = {k: ns[k] for k in _PV_SOURCES if ns.get(k) is not None}
    osrc: dict[str, Any] = {k: os_[k] for k in _PV_SOURCES if os_.get(k) is not None}
    if "csi" in nsrc and "csi" in osrc and osrc["csi"].get("controllerExpandSecretRef") is None:
        nsrc["csi"] = {k: v for k, v in nsrc["csi"].items() if k != "controllerExpandSecretRef"}
    if not semantic_equal(nsrc, osrc):
        fields = tuple((k, k[:1].upper() + k[1:]) for k in _PV_SOURCES)
        errs.append(field.forbidden(
            "spec.persistentvolumesource",
            "spec.persistentvolumesource is immutable after creation\n" + go_cmp_diff("core.PersistentVolumeSource", fields, osrc, nsrc),
        ))
    if ns.get("volumeMode") != os_.get("volumeMode"):
        errs.append(field.invalid("volumeMode", ns.get("volumeMode"), FIELD_IMMUTABLE_ERROR_MSG))
    if os_.get("nodeAffinity") is not None and not semantic_equal(ns.get("nodeAffinity"), os_.get("nodeAffinity")):
        errs.append(field.invalid("nodeAffinity", gofmt.struct("core.VolumeNodeAffinity", ns.get("nodeAffinity")), FIELD_IMMUTABLE_ERROR_MSG))
    return errs


def validate_persistent_volume_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePersistentVolumeStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    if not (new.get("metadata") or {}).get("resourceVersion"):
        errs.append(field.required("resourceVersion", ""))
    return errs
