"""Roles, ClusterRoles and their bindings: policy rules, role references, subjects.

Upstream: pkg/apis/rbac/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.labels import label_selector_as_selector
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation import objectmeta as om

GROUP_NAME = "rbac.authorization.k8s.io"


def validate_rbac_name(name: str, prefix: bool) -> list[str]:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateRBACName"""
    return om.is_valid_path_segment_name(name)


def validate_policy_rule(rule: dict[str, Any], namespaced: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidatePolicyRule"""
    errs: ErrorList = []
    if not rule.get("verbs"):
        errs.append(field.required(f"{path}.verbs", "verbs must contain at least one value"))
    urls = rule.get("nonResourceURLs") or []
    if urls:
        shown = gofmt.GoRepr(gofmt.string_slice(urls))
        if namespaced:
            errs.append(field.invalid(f"{path}.nonResourceURLs", shown, "namespaced rules cannot apply to non-resource URLs"))
        if rule.get("apiGroups") or rule.get("resources") or rule.get("resourceNames"):
            errs.append(field.invalid(f"{path}.nonResourceURLs", shown, "rules cannot apply to both regular resources and non-resource URLs"))
        return errs
    if not rule.get("apiGroups"):
        errs.append(field.required(f"{path}.apiGroups", "resource rules must supply at least one api group"))
    if not rule.get("resources"):
        errs.append(field.required(f"{path}.resources", "resource rules must supply at least one resource"))
    return errs


def validate_role(role: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateRole"""
    errs = om.validate_object_meta(role.get("metadata"), True, validate_rbac_name, "metadata")
    for i, rule in enumerate(role.get("rules") or ()):
        errs.extend(validate_policy_rule(rule, True, f"rules[{i}]"))
    return errs


def validate_cluster_role(role: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateClusterRole"""
    errs = om.validate_object_meta(role.get("metadata"), False, validate_rbac_name, "metadata")
    for i, rule in enumerate(role.get("rules") or ()):
        errs.extend(validate_policy_rule(rule, False, f"rules[{i}]"))
    agg = role.get("aggregationRule")
    if agg is not None:
        sels = agg.get("clusterRoleSelectors") or []
        if not sels:
            errs.append(field.required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil"))
        for i, sel in enumerate(sels):
            p = f"aggregationRule.clusterRoleSelectors[{i}]"
            errs.extend(g.validate_label_selector(sel, g.LabelSelectorValidationOptions(), p))
            try:
                label_selector_as_selector(sel)
            except ValueError:
                errs.append(field.invalid(p, gofmt.label_selector(sel), "invalid label selector."))
    return errs


def validate_role_binding_subject(subject: dict[str, Any], namespaced: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateRoleBindingSubject"""
    errs: ErrorList = []
    name = subject.get("name", "") or ""
    if not name:
        errs.append(field.required(f"{path}.name", ""))
    kind = subject.get("kind", "") or ""
    api_group = subject.get("apiGroup", "") or ""
    if kind == "ServiceAccount":
        if name:
            errs.extend(field.invalid(f"{path}.name", name, m) for m in om.validate_service_account_name(name, False))
        if api_group:
            errs.append(field.not_supported(f"{path}.apiGroup", api_group, [""]))
        if not namespaced and not subject.get("namespace"):
            errs.append(field.required(f"{path}.namespace", ""))
    elif kind in ("User", "Group"):
        if api_group != GROUP_NAME:
            errs.append(field.not_supported(f"{path}.apiGroup", api_group, [GROUP_NAME]))
    else:
        errs.append(field.not_supported(f"{path}.kind", kind, ["ServiceAccount", "User", "Group"]))
    return errs


def _validate_binding(binding: dict[str, Any], namespaced: bool, kinds: tuple[str, ...]) -> ErrorList:
    errs = om.validate_object_meta(binding.get("metadata"), namespaced, validate_rbac_name, "metadata")
    ref = binding.get("roleRef") or {}
    if (ref.get("apiGroup", "") or "") != GROUP_NAME:
        errs.append(field.not_supported("roleRef.apiGroup", ref.get("apiGroup", "") or "", [GROUP_NAME]))
    kind = ref.get("kind", "") or ""
    if kind not in kinds:
        errs.append(field.not_supported("roleRef.kind", kind, kinds))
    name = ref.get("name", "") or ""
    if not name:
        errs.append(field.required("roleRef.name", ""))
    else:
        errs.extend(field.invalid("roleRef.name", name, m) for m in validate_rbac_name(name, False))
    for i, s in enumerate(binding.get("subjects") or ()):
        errs.extend(validate_role_binding_subject(s, namespaced, f"subjects[{i}]"))
    return errs


def validate_role_binding(rb: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateRoleBinding"""
    return _validate_binding(rb, True, ("Role", "ClusterRole"))


def validate_cluster_role_binding(crb: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateClusterRoleBinding"""
    return _validate_binding(crb, False, ("ClusterRole",))


def _role_ref_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    nr, orr = new.get("roleRef") or {}, old.get("roleRef") or {}
    if any((nr.get(k) or "") != (orr.get(k) or "") for k in ("apiGroup", "kind", "name")):
        return [field.invalid("roleRef", gofmt.role_ref(nr), "cannot change roleRef")]
    return []


def _meta_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    return om.validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")


def validate_role_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateRoleUpdate"""
    return validate_role(new) + _meta_update(new, old)


def validate_cluster_role_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateClusterRoleUpdate"""
    return validate_cluster_role(new) + _meta_update(new, old)


def validate_role_binding_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateRoleBindingUpdate"""
    return validate_role_binding(new) + _meta_update(new, old) + _role_ref_update(new, old)


def validate_cluster_role_binding_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/rbac/validation/validation.go :: ValidateClusterRoleBindingUpdate"""
    return validate_cluster_role_binding(new) + _meta_update(new, old) + _role_ref_update(new, old)
