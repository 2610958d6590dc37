"""Resource names and quantities: container requests and limits, quota and limit-range names.

Upstream: pkg/apis/core/validation/validation.go (validateResourceRequirements,
ValidateResourceQuantityValue, validateResourceName, ...), pkg/apis/core/helper/helpers.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.quantity import Quantity, parse_quantity
from kubelab.api.validation import generic as g
from kubelab.api.validation.core.common import IS_NOT_INTEGER_ERROR_MSG, IS_NOT_POSITIVE_ERROR_MSG
from kubelab.api.validation.objectmeta import IS_NEGATIVE_ERROR_MSG

RESOURCE_DEFAULT_NAMESPACE_PREFIX = "kubernetes.io/"
DEFAULT_RESOURCE_REQUESTS_PREFIX = "requests."
HUGE_PAGES_PREFIX = "hugepages-"

_STANDARD_CONTAINER_RESOURCES = frozenset({"cpu", "memory", "ephemeral-storage"})
_STANDARD_RESOURCES = frozenset({
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
    "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
    "resourcequotas", "secrets", "persistentvolumeclaims", "configmaps", "storage", "requests.storage",
    "services.nodeports", "services.loadbalancers",
})
_INTEGER_RESOURCES = frozenset({
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
    "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
})
_STANDARD_QUOTA_RESOURCES = frozenset({
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
    "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
    "services", "replicationcontrollers", "resourcequotas", "secrets", "persistentvolumeclaims",
    "configmaps", "services.nodeports", "services.loadbalancers",
})
STANDARD_LIMIT_RANGE_TYPES = frozenset({"Pod", "Container", "PersistentVolumeClaim"})
_QOS_COMPUTE = frozenset({"cpu", "memory"})


# -- helper predicates (pkg/apis/core/helper) ---------------------------------------------------


def is_huge_page_resource_name(name: str) -> bool:
    return name.startswith(HUGE_PAGES_PREFIX)


def is_quota_huge_page_resource_name(name: str) -> bool:
    return name.startswith(HUGE_PAGES_PREFIX) or name.startswith(DEFAULT_RESOURCE_REQUESTS_PREFIX + HUGE_PAGES_PREFIX)


def is_native_resource(name: str) -> bool:
    """Mirrors: pkg/apis/core/helper/helpers.go :: IsNativeResource"""
    return "/" not in name or RESOURCE_DEFAULT_NAMESPACE_PREFIX in name


def is_extended_resource_name(name: str) -> bool:
    """Mirrors: pkg/apis/core/helper/helpers.go :: IsExtendedResourceName"""
    if is_native_resource(name) or name.startswith(DEFAULT_RESOURCE_REQUESTS_PREFIX):
        return False
    return not g.is_qualified_name(DEFAULT_RESOURCE_REQUESTS_PREFIX + name)


def is_overcommit_allowed(name: str) -> bool:
    """Mirrors: pkg/apis/core/helper/helpers.go :: IsOvercommitAllowed"""
    return is_native_resource(name) and not is_huge_page_resource_name(name)


def is_standard_container_resource_name(name: str) -> bool:
    return name in _STANDARD_CONTAINER_RESOURCES or is_huge_page_resource_name(name)


def is_standard_resource_name(name: str) -> bool:
    return name in _STANDARD_RESOURCES or is_quota_huge_page_resource_name(name)


def is_integer_resource_name(name: str) -> bool:
    return name in _INTEGER_RESOURCES or is_extended_resource_name(name)


def is_standard_quota_resource_name(name: str) -> bool:
    return name in _STANDARD_QUOTA_RESOURCES or is_quota_huge_page_resource_name(name)


def quantity(value: Any, path: str, errs: ErrorList) -> Quantity | None:
    """Parse a wire quantity; an unparsable one is reported and yields None.

    Differences: upstream rejects it while decoding the request body, before validation.
    """
    if isinstance(value, Quantity):
        return value
    try:
        return parse_quantity(value)
    except (ValueError, TypeError) as e:
        errs.append(field.invalid(path, value, str(e)))
        return None


# -- quantities ---------------------------------------------------------------------------------


def validate_nonnegative_quantity(q: Quantity, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNonnegativeQuantity"""
    if q.sign() < 0:
        return [field.invalid(path, str(q), IS_NEGATIVE_ERROR_MSG)]
    return []


def validate_positive_quantity_value(q: Quantity, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePositiveQuantityValue"""
    if q.sign() <= 0:
        return [field.invalid(path, str(q), IS_NOT_POSITIVE_ERROR_MSG)]
    return []


def validate_resource_quantity_value(resource: str, q: Quantity, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateResourceQuantityValue

    Differences: the bad value prints as the quantity string; upstream prints the
    resource.Quantity struct.
    """
    errs = validate_nonnegative_quantity(q, path)
    if is_integer_resource_name(resource) and q.milli_value() % 1000 != 0:
        errs.append(field.invalid(path, str(q), IS_NOT_INTEGER_ERROR_MSG))
    return errs


def validate_basic_resource(q: Quantity, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateBasicResource"""
    if q.value() < 0:
        return [field.invalid(path, q.value(), "must be a valid resource quantity")]
    return []


# -- resource names -----------------------------------------------------------------------------


def validate_resource_name(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateResourceName"""
    errs = [field.invalid(path, value, m) for m in g.is_qualified_name(value)]
    if errs:
        return errs
    if "/" not in value and not is_standard_resource_name(value):
        return [field.invalid(path, value, "must be a standard resource type or fully qualified")]
    return []


def validate_container_resource_name(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateContainerResourceName"""
    errs = validate_resource_name(value, path)
    if "/" not in value:
        if not is_standard_container_resource_name(value):
            return errs + [field.invalid(path, value, "must be a standard resource for containers")]
    elif not is_native_resource(value) and not is_extended_resource_name(value):
        return errs + [field.invalid(path, value, "doesn't follow extended resource name standard")]
    return errs


SUPPORTED_POD_LEVEL_RESOURCES = ("cpu", "hugepages-", "memory")


def validate_pod_resource_name(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validatePodResourceName"""
    errs = validate_resource_name(value, path)
    if errs:
        return errs
    if not (value in ("cpu", "memory") or is_huge_page_resource_name(value)):
        return [field.not_supported(path, value, ["cpu", "memory"])]
    return []


def validate_resource_quota_resource_name(value: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateResourceQuotaResourceName"""
    errs = validate_resource_name(value, path)
    if "/" not in value and not is_standard_quota_resource_name(value):
        return errs + [field.invalid(path, value, "must be a standard resource for quota")]
    return errs


def _huge_page_divisible(name: str, q: Quantity) -> bool:
    try:
        size = parse_quantity(name[len(HUGE_PAGES_PREFIX):])
    except ValueError:
        return False
    if size.sign() <= 0:
        return False
    return q.value() % size.value() == 0


def _validate_huge_page_value(name: str, q: Quantity, opts: Any) -> str | None:
    if not is_huge_page_resource_name(name):
        return None
    if not opts.allow_indivisible_huge_pages_values and not _huge_page_divisible(name, q):
        return f"{q} is not positive integer multiple of {name}"
    return None


def validate_resource_requirements(
    req: dict[str, Any] | None, name_fn: Any, pod_claim_names: frozenset[str], path: str, opts: Any
) -> ErrorList:
    """Names and quantities of requests and limits, and every request at most its limit.

    Mirrors: pkg/apis/core/validation/validation.go :: validateResourceRequirements

    Differences: resources are visited in sorted order (Go ranges over the maps at random).
    """
    if not req:
        return []
    errs: ErrorList = []
    lim_path = f"{path}.limits"
    req_path = f"{path}.requests"
    limits: dict[str, Quantity] = {}
    lim_cpu_mem = req_cpu_mem = lim_huge = req_huge = False
    for name, raw in sorted((req.get("limits") or {}).items()):
        p = f"{lim_path}[{name}]"
        errs.extend(name_fn(name, p))
        q = quantity(raw, p, errs)
        if q is None:
            continue
        limits[name] = q
        errs.extend(validate_resource_quantity_value(name, q, p))
        if is_huge_page_resource_name(name):
            lim_huge = True
            msg = _validate_huge_page_value(name, q, opts)
            if msg:
                errs.append(field.invalid(p, str(q), msg))
        if name in _QOS_COMPUTE:
            lim_cpu_mem = True
    for name, raw in sorted((req.get("requests") or {}).items()):
        p = f"{req_path}[{name}]"
        errs.extend(name_fn(name, p))
        q = quantity(raw, p, errs)
        if q is None:
            continue
        errs.extend(validate_resource_quantity_value(name, q, p))
        lim = limits.get(name)
        if lim is not None:
            c = q.cmp(lim)
            if c != 0 and not is_overcommit_allowed(name):
                errs.append(field.invalid(req_path, str(q), f"must be equal to {name} limit of {lim}"))
            elif c > 0:
                errs.append(field.invalid(req_path, str(q), f"must be less than or equal to {name} limit of {lim}"))
        elif not is_overcommit_allowed(name):
            errs.append(field.required(lim_path, "Limit must be set for non overcommitable resources"))
        if is_huge_page_resource_name(name):
            req_huge = True
            msg = _validate_huge_page_value(name, q, opts)
            if msg:
                errs.append(field.invalid(p, str(q), msg))
        if name in _QOS_COMPUTE:
            req_cpu_mem = True
    if not lim_cpu_mem and not req_cpu_mem and (req_huge or lim_huge):
        errs.append(field.forbidden(path, "HugePages require cpu or memory"))
    errs.extend(validate_resource_claim_names(req.get("claims"), pod_claim_names, f"{path}.claims"))
    return errs


def validate_resource_claim_names(claims: list[dict[str, Any]] | None, pod_claim_names: frozenset[str], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateResourceClaimNames"""
    if not claims:
        return []
    from kubelab.api.validation.core.common import validate_dns1123_label

    errs: ErrorList = []
    names: list[str] = []
    for i, claim in enumerate(claims):
        name = claim.get("name", "")
        p = f"{path}[{i}]"
        if not name:
            errs.append(field.required(p, ""))
            continue
        if name in names:
            errs.append(field.duplicate(p, name))
        else:
            key = name
            request = claim.get("request", "")
            if request:
                errs.extend(validate_dns1123_label(request, f"{p}.request"))
                key += "/" + request
            if key in names:
                errs.append(field.duplicate(p, key))
            elif not request:
                for k in names:
                    if "/" in k and k.split("/", 1)[0] == name:
                        errs.append(field.duplicate(p, name))
            names.append(key)
        if name not in pod_claim_names:
            e = field.not_found(p, name)
            e.detail = "must be one of the names in pod.spec.resourceClaims"
            e.detail += " which is empty" if not pod_claim_names else ": " + ", ".join(sorted(pod_claim_names))
            errs.append(e)
    return errs


def container_resource_name_fn(name: str, path: str) -> ErrorList:
    return validate_container_resource_name(name, path)


def validate_container_resource_requirements(req: dict[str, Any] | None, pod_claim_names: frozenset[str], path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateContainerResourceRequirements"""
    return validate_resource_requirements(req, validate_container_resource_name, pod_claim_names, path, opts)
