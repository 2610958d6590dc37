"""PodDisruptionBudgets: minAvailable or maxUnavailable, the selector, eviction policy.

Upstream: pkg/apis/policy/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.apps import (
    is_not_more_than_100_percent,
    validate_positive_int_or_percent,
)
from kubelab.api.validation.core.common import validate_object_meta_update
from kubelab.api.validation.objectmeta import validate_nonnegative_field

SUPPORTED_UNHEALTHY_POD_EVICTION_POLICIES = ("AlwaysAllow", "IfHealthyBudget")


def validate_pod_disruption_budget_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/policy/validation/validation.go :: ValidatePodDisruptionBudgetSpec

    Differences: the spec printed when both fields are set shows its set fields, and the
    pointers as their values.
    """
    errs: ErrorList = []
    mn, mu = spec.get("minAvailable"), spec.get("maxUnavailable")
    if mn is not None and mu is not None:
        errs.append(field.invalid(path, gofmt.struct("policy.PodDisruptionBudgetSpec", spec), "minAvailable and maxUnavailable cannot be both set"))
    for key, v in (("minAvailable", mn), ("maxUnavailable", mu)):
        if v is not None:
            errs.extend(validate_positive_int_or_percent(v, f"{path}.{key}"))
            errs.extend(is_not_more_than_100_percent(v, f"{path}.{key}"))
    errs.extend(g.validate_label_selector(spec.get("selector"), g.LabelSelectorValidationOptions(), f"{path}.selector"))
    uep = spec.get("unhealthyPodEvictionPolicy")
    if uep is not None and uep not in SUPPORTED_UNHEALTHY_POD_EVICTION_POLICIES:
        errs.append(field.not_supported(f"{path}.unhealthyPodEvictionPolicy", uep, SUPPORTED_UNHEALTHY_POD_EVICTION_POLICIES))
    return errs


def validate_pod_disruption_budget(pdb: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/policy/validation/validation.go :: ValidatePodDisruptionBudget

    Its metadata gets only the generic checks the registry runs after (see dispatch).
    """
    return validate_pod_disruption_budget_spec(pdb.get("spec") or {}, "spec")


def validate_pod_disruption_budget_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/policy/validation/validation.go :: ValidatePodDisruptionBudgetStatusAndConditions"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    status = new.get("status") or {}
    for key in ("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"):
        errs.extend(validate_nonnegative_field(status.get(key, 0) or 0, f"status.{key}"))
    return errs
