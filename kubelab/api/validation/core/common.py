"""Checks the core validators share: the core ObjectMeta wrappers, DNS-name fields, options.

Upstream: pkg/apis/core/validation/validation.go (ValidateObjectMeta, ValidateDNS1123Label,
PodValidationOptions, ...), pkg/apis/core/helper/helpers.go (IsStandardFinalizerName)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import objectmeta as om

IS_NOT_INTEGER_ERROR_MSG = "must be an integer"
IS_NOT_POSITIVE_ERROR_MSG = "must be greater than zero"
IS_INVALID_QUOTA_RESOURCE = "must be a standard resource for quota"
FILE_MODE_ERROR_MSG = "must be a number between 0 and 0777 (octal), both inclusive"

# helper.IsStandardFinalizerName: "kubernetes" plus the two garbage-collector finalizers.
STANDARD_FINALIZERS = frozenset({"kubernetes", om.FINALIZER_ORPHAN_DEPENDENTS, om.FINALIZER_DELETE_DEPENDENTS})

# Name rules per kind (validation.go's ValidateXxxName variables).
validate_pod_name = om.name_is_dns_subdomain
validate_replication_controller_name = om.name_is_dns_subdomain
validate_service_name = om.name_is_dns1035_label
validate_node_name = om.name_is_dns_subdomain
validate_namespace_name = om.validate_namespace_name
validate_limit_range_name = om.name_is_dns_subdomain
validate_resource_quota_name = om.name_is_dns_subdomain
validate_secret_name = om.name_is_dns_subdomain
validate_config_map_name = om.name_is_dns_subdomain
validate_service_account_name = om.validate_service_account_name
validate_endpoints_name = om.name_is_dns_subdomain
validate_class_name = om.name_is_dns_subdomain
validate_priority_class_name = om.name_is_dns_subdomain
validate_persistent_volume_name = om.name_is_dns_subdomain


@dataclass(slots=True)
class PodValidationOptions:
    """The knobs pod validation takes, set as a v1.34 API server with default gates sets them.

    Mirrors: pkg/apis/core/validation/validation.go :: PodValidationOptions
    """

    allow_invalid_pod_deletion_cost: bool = False
    allow_invalid_label_value_in_selector: bool = False
    allow_indivisible_huge_pages_values: bool = False
    allow_invalid_topology_spread_constraint_label_selector: bool = False
    allow_non_local_projected_token_path: bool = False
    allow_namespaced_sysctls_for_host_net_and_host_ipc: bool = False
    resource_is_pod: bool = False
    allow_relaxed_environment_variable_validation: bool = True
    allow_relaxed_dns_search_validation: bool = True
    allow_pod_lifecycle_sleep_action_zero_value: bool = True
    allow_only_recursive_se_linux_change_policy: bool = True
    pod_level_resources_enabled: bool = True
    allow_sidecar_resize_policy: bool = False
    allow_invalid_label_value_in_required_node_affinity: bool = False


def validate_dns1123_label(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateDNS1123Label"""
    return [field.invalid(path, value, m) for m in g.is_dns1123_label(value)]


def validate_dns1123_subdomain(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateDNS1123Subdomain"""
    return [field.invalid(path, value, m) for m in g.is_dns1123_subdomain(value)]


def validate_qualified_name(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateQualifiedName"""
    return [field.invalid(path, value, m) for m in g.is_qualified_name(value)]


def validate_name_with(name_fn: om.NameFunc, value: str, path: str) -> ErrorList:
    return [field.invalid(path, value, m) for m in name_fn(value, False)]


def validate_kube_finalizer_name(name: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateKubeFinalizerName"""
    if "/" not in name and name not in STANDARD_FINALIZERS:
        return [field.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified")]
    return []


def validate_finalizer_name(name: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateFinalizerName"""
    return om.validate_finalizer_name(name, path) + validate_kube_finalizer_name(name, path)


def validate_object_meta(meta: dict[str, Any] | None, namespaced: bool, name_fn: om.NameFunc, path: str = "metadata") -> ErrorList:
    """The apimachinery checks plus the core rule that finalizer names be standard or qualified.

    Mirrors: pkg/apis/core/validation/validation.go :: ValidateObjectMeta
    """
    errs = om.validate_object_meta(meta, namespaced, name_fn, path)
    for i, f in enumerate((meta or {}).get("finalizers") or ()):
        errs.extend(validate_kube_finalizer_name(f, f"{path}.finalizers[{i}]"))
    return errs


def validate_object_meta_update(new: dict[str, Any] | None, old: dict[str, Any] | None, path: str = "metadata") -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateObjectMetaUpdate"""
    errs = om.validate_object_meta_update(new, old, path)
    for i, f in enumerate((new or {}).get("finalizers") or ()):
        errs.extend(validate_kube_finalizer_name(f, f"{path}.finalizers[{i}]"))
    return errs


def validate_has_label(meta: dict[str, Any], path: str, key: str, expected: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateHasLabel"""
    labels = meta.get("labels") or {}
    if key not in labels:
        return [field.required(f"{path}.labels[{key}]", f"must be '{expected}'")]
    if labels[key] != expected:
        from kubelab.api.validation import gofmt

        return [field.invalid(f"{path}.labels[{key}]", gofmt.labels_value(labels), f"must be '{expected}'")]
    return []


def validate_file_mode(mode: Any, path: str) -> ErrorList:
    if mode is not None and (mode > 0o777 or mode < 0):
        return [field.invalid(path, mode, FILE_MODE_ERROR_MSG)]
    return []
