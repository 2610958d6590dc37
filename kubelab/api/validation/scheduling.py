"""PriorityClasses: value bounds, reserved system names, immutable value.

Upstream: pkg/apis/scheduling/validation/validation.go, pkg/apis/scheduling/helpers.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation.core.common import validate_object_meta, validate_object_meta_update
from kubelab.api.validation.core.pod import PREEMPTION_POLICIES
from kubelab.api.validation.objectmeta import name_is_dns_subdomain, validate_immutable_field

HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000
SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY
SYSTEM_PRIORITY_CLASS_PREFIX = "system-"
# name -> (value, globalDefault)
SYSTEM_PRIORITY_CLASSES = {
    "system-node-critical": (SYSTEM_CRITICAL_PRIORITY + 1000, False),
    "system-cluster-critical": (SYSTEM_CRITICAL_PRIORITY, False),
}


def is_known_system_priority_class(name: str, value: int, global_default: bool) -> tuple[bool, str]:
    """Mirrors: pkg/apis/scheduling/helpers.go :: IsKnownSystemPriorityClass"""
    spc = SYSTEM_PRIORITY_CLASSES.get(name)
    if spc is None:
        return False, f"{name} is not a known system priority class"
    if spc[0] != value:
        return False, f"value of {name} PriorityClass must be {spc[0]}"
    if spc[1] != global_default:
        return False, f"globalDefault of {name} PriorityClass must be {'true' if spc[1] else 'false'}"
    return True, ""


def validate_priority_class(pc: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/scheduling/validation/validation.go :: ValidatePriorityClass"""
    meta = pc.get("metadata") or {}
    errs = validate_object_meta(meta, False, name_is_dns_subdomain, "metadata")
    name = meta.get("name", "") or ""
    value = pc.get("value", 0) or 0
    if name.startswith(SYSTEM_PRIORITY_CLASS_PREFIX):
        ok, err = is_known_system_priority_class(name, value, bool(pc.get("globalDefault")))
        if not ok:
            errs.append(field.forbidden("metadata.name", f"priority class names with '{SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: {err}"))
    elif value > HIGHEST_USER_DEFINABLE_PRIORITY:
        errs.append(field.forbidden("value", f"maximum allowed value of a user defined priority is {HIGHEST_USER_DEFINABLE_PRIORITY}"))
    pp = pc.get("preemptionPolicy")
    if pp is not None:
        if not pp:
            errs.append(field.required("preemptionPolicy", ""))
        elif pp not in PREEMPTION_POLICIES:
            errs.append(field.not_supported("preemptionPolicy", pp, PREEMPTION_POLICIES))
    return errs


def validate_priority_class_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/scheduling/validation/validation.go :: ValidatePriorityClassUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    if (new.get("value", 0) or 0) != (old.get("value", 0) or 0):
        errs.append(field.forbidden("value", "may not be changed in an update."))
    errs.extend(validate_immutable_field(new.get("preemptionPolicy"), old.get("preemptionPolicy"), "preemptionPolicy"))
    return errs
