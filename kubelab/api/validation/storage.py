"""StorageClasses: provisioner, parameters, reclaim policy, binding mode, allowed topologies.

Upstream: pkg/apis/storage/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation.core.affinity import validate_topology_selector_term
from kubelab.api.validation.core.common import (
    validate_class_name,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
)
from kubelab.api.validation.objectmeta import validate_immutable_field

MAX_PROVISIONER_PARAMETER_SIZE = 256 * (1 << 10)
MAX_PROVISIONER_PARAMETER_LEN = 512
SUPPORTED_RECLAIM_POLICY = ("Delete", "Retain")
SUPPORTED_VOLUME_BINDING_MODES = ("Immediate", "WaitForFirstConsumer")


def validate_provisioner(provisioner: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/storage/validation/validation.go :: validateProvisioner"""
    if not provisioner:
        return [field.required(path, provisioner)]
    return validate_qualified_name(provisioner.lower(), path)


def validate_parameters(params: dict[str, str] | None, allow_empty: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/storage/validation/validation.go :: validateParameters"""
    params = params or {}
    if len(params) > MAX_PROVISIONER_PARAMETER_LEN:
        return [field.too_long(path, "", MAX_PROVISIONER_PARAMETER_LEN)]
    errs: ErrorList = []
    total = 0
    for k, v in sorted(params.items()):
        if not k:
            errs.append(field.invalid(path, k, "field can not be empty."))
        total += len(k.encode()) + len(str(v).encode())
    if total > MAX_PROVISIONER_PARAMETER_SIZE:
        errs.append(field.too_long(path, "", MAX_PROVISIONER_PARAMETER_SIZE))
    if not allow_empty and not params:
        errs.append(field.required(path, "must contain at least one key/value pair"))
    return errs


def validate_storage_class(sc: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/storage/validation/validation.go :: ValidateStorageClass"""
    errs = validate_object_meta(sc.get("metadata"), False, validate_class_name, "metadata")
    errs.extend(validate_provisioner(sc.get("provisioner", "") or "", "provisioner"))
    errs.extend(validate_parameters(sc.get("parameters"), True, "parameters"))
    rp = sc.get("reclaimPolicy") or ""
    if rp and rp not in SUPPORTED_RECLAIM_POLICY:
        errs.append(field.not_supported("reclaimPolicy", rp, SUPPORTED_RECLAIM_POLICY))
    vbm = sc.get("volumeBindingMode")
    if vbm is None:
        errs.append(field.required("volumeBindingMode", ""))
    elif vbm not in SUPPORTED_VOLUME_BINDING_MODES:
        errs.append(field.not_supported("volumeBindingMode", vbm, SUPPORTED_VOLUME_BINDING_MODES))
    seen: list[dict[str, frozenset[str]]] = []
    for i, term in enumerate(sc.get("allowedTopologies") or ()):
        exprs, terrs = validate_topology_selector_term(term, f"allowedTopologies[{i}]")
        errs.extend(terrs)
        if exprs in seen:
            errs.append(field.duplicate(f"allowedTopologies[{i}].matchLabelExpressions", ""))
        seen.append(exprs)
    return errs


def validate_storage_class_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/storage/validation/validation.go :: ValidateStorageClassUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    if (new.get("parameters") or {}) != (old.get("parameters") or {}):
        errs.append(field.forbidden("parameters", "updates to parameters are forbidden."))
    if (new.get("provisioner") or "") != (old.get("provisioner") or ""):
        errs.append(field.forbidden("provisioner", "updates to provisioner are forbidden."))
    if (new.get("reclaimPolicy") or "") != (old.get("reclaimPolicy") or ""):
        errs.append(field.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."))
    errs.extend(validate_immutable_field(new.get("volumeBindingMode"), old.get("volumeBindingMode"), "volumeBindingMode"))
    return errs
