"""Label and label-selector validation of the metav1 validation package.

Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList, Path
from kubelab.api.validation.generic.validation import is_qualified_name, is_valid_label_value

LABEL_SELECTOR_OP_IN = "In"
LABEL_SELECTOR_OP_NOT_IN = "NotIn"
LABEL_SELECTOR_OP_EXISTS = "Exists"
LABEL_SELECTOR_OP_DOES_NOT_EXIST = "DoesNotExist"


@dataclass(slots=True)
class LabelSelectorValidationOptions:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation :: LabelSelectorValidationOptions"""

    allow_invalid_label_value_in_selector: bool = False
    allow_unknown_operator_in_requirement: bool = False


def _as_path(path: Path | str | None) -> Path:
    if path is None:
        return Path()
    if isinstance(path, Path):
        return path
    return Path(path) if path else Path()


def validate_label_name(label_name: str, fld_path: Path | str | None = None) -> ErrorList:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation :: ValidateLabelName"""
    return [field.invalid(_as_path(fld_path), label_name, m) for m in is_qualified_name(label_name)]


def validate_labels(labels: dict[str, str] | None, fld_path: Path | str | None = None) -> ErrorList:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation :: ValidateLabels

    Differences: keys are checked in sorted order (Go ranges over the map at random).
    """
    path = _as_path(fld_path)
    errs: ErrorList = []
    for k, v in sorted((labels or {}).items()):
        errs.extend(validate_label_name(k, path))
        errs.extend(field.invalid(path, v, m) for m in is_valid_label_value(v))
    return errs


def label_selector_has_invalid_label_value(ps: dict[str, Any] | None) -> bool:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation :: LabelSelectorHasInvalidLabelValue"""
    if ps is None:
        return False
    for expr in ps.get("matchExpressions") or []:
        for v in expr.get("values") or []:
            if is_valid_label_value(v):
                return True
    return False


def validate_label_selector_requirement(
    sr: dict[str, Any], opts: LabelSelectorValidationOptions | None, fld_path: Path | str | None = None
) -> ErrorList:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation :: ValidateLabelSelectorRequirement"""
    opts = opts or LabelSelectorValidationOptions()
    path = _as_path(fld_path)
    errs: ErrorList = []
    op = sr.get("operator", "")
    values = sr.get("values") or []
    if op in (LABEL_SELECTOR_OP_IN, LABEL_SELECTOR_OP_NOT_IN):
        if not values:
            errs.append(field.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
    elif op in (LABEL_SELECTOR_OP_EXISTS, LABEL_SELECTOR_OP_DOES_NOT_EXIST):
        if values:
            errs.append(
                field.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")
            )
    elif not opts.allow_unknown_operator_in_requirement:
        errs.append(field.invalid(path.child("operator"), op, "not a valid selector operator"))
    errs.extend(validate_label_name(sr.get("key", ""), path.child("key")))
    if not opts.allow_invalid_label_value_in_selector:
        for i, v in enumerate(values):
            errs.extend(field.invalid(path.child("values").index(i), v, m) for m in is_valid_label_value(v))
    return errs


def validate_label_selector(
    ps: dict[str, Any] | None,
    opts: LabelSelectorValidationOptions | None = None,
    fld_path: Path | str | None = None,
) -> ErrorList:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation :: ValidateLabelSelector"""
    if ps is None:
        return []
    path = _as_path(fld_path)
    errs = validate_labels(ps.get("matchLabels"), path.child("matchLabels"))
    for i, expr in enumerate(ps.get("matchExpressions") or []):
        errs.extend(validate_label_selector_requirement(expr, opts, path.child("matchExpressions").index(i)))
    return errs
