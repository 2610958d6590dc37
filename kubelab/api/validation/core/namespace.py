"""Namespaces: names, finalizers, and the phase a status update may set.

Upstream: pkg/apis/core/validation/validation.go (ValidateNamespace, ValidateNamespaceUpdate,
ValidateNamespaceStatusUpdate, ValidateNamespaceFinalizeUpdate)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation.core.common import (
    validate_finalizer_name,
    validate_namespace_name,
    validate_object_meta,
    validate_object_meta_update,
)


def validate_namespace(ns: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNamespace"""
    errs = validate_object_meta(ns.get("metadata"), False, validate_namespace_name, "metadata")
    for f in (ns.get("spec") or {}).get("finalizers") or ():
        errs.extend(validate_finalizer_name(f, "spec.finalizers"))
    return errs


def validate_namespace_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNamespaceUpdate"""
    return validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")


def validate_namespace_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNamespaceStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    phase = (new.get("status") or {}).get("phase", "") or ""
    if not (new.get("metadata") or {}).get("deletionTimestamp"):
        if phase != "Active":
            errs.append(field.invalid("status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"))
    elif phase != "Terminating":
        errs.append(field.invalid("status.Phase", phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"))
    return errs


def validate_namespace_finalize_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNamespaceFinalizeUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    for i, f in enumerate((new.get("spec") or {}).get("finalizers") or ()):
        errs.extend(validate_finalizer_name(f, f"spec.finalizers[{i}]"))
    return errs
