"""Leases: durations and transitions.

Upstream: pkg/apis/coordination/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import objectmeta as om


def validate_lease_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/coordination/validation/validation.go :: ValidateLeaseSpec

    Differences: the coordinated-leader-election strategy name is only checked for presence.
    """
    errs: ErrorList = []
    lds = spec.get("leaseDurationSeconds")
    if lds is not None and lds <= 0:
        errs.append(field.invalid(f"{path}.leaseDurationSeconds", lds, "must be greater than 0"))
    lt = spec.get("leaseTransitions")
    if lt is not None and lt < 0:
        errs.append(field.invalid(f"{path}.leaseTransitions", lt, "must be greater than or equal to 0"))
    if spec.get("preferredHolder") and not spec.get("strategy"):
        errs.append(field.forbidden(f"{path}.preferredHolder", "may only be specified if `strategy` is defined"))
    return errs


def validate_lease(lease: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/coordination/validation/validation.go :: ValidateLease"""
    errs = om.validate_object_meta(lease.get("metadata"), True, om.name_is_dns_subdomain, "metadata")
    errs.extend(validate_lease_spec(lease.get("spec") or {}, "spec"))
    return errs


def validate_lease_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/coordination/validation/validation.go :: ValidateLeaseUpdate"""
    errs = om.validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_lease_spec(new.get("spec") or {}, "spec"))
    return errs
