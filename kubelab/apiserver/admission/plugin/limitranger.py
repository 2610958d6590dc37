"""LimitRanger: default container requests/limits and enforce min, max and ratios.

Upstream: plugin/pkg/admission/limitranger/admission.go,
pkg/apis/core/v1/defaults.go :: SetDefaults_LimitRangeItem
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubelab.api.quantity import Quantity
from kubelab.apiserver.admission.errors import new_forbidden
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes, Context
from kubelab.apiserver.admission.plugin.resourcehelper import (
    ResourceList,
    pod_limits,
    pod_requests,
    to_resource_list,
)
from kubelab.apiserver.authentication.union import aggregate_message

PLUGIN_NAME = "LimitRanger"
LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger"
LIMIT_TYPE_POD = "Pod"
LIMIT_TYPE_CONTAINER = "Container"
LIMIT_TYPE_PVC = "PersistentVolumeClaim"
MAX_MILLI_VALUE = ((1 << 63) - 1) // 1000
_ZERO = Quantity(0)


def set_defaults_limit_range_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A Container item's default limit from max, default request from default then min.

    Mirrors: pkg/apis/core/v1/defaults.go :: SetDefaults_LimitRangeItem
    """
    out = dict(item)
    if item.get("type") != LIMIT_TYPE_CONTAINER:
        return out
    default = dict(item.get("default") or {})
    default_request = dict(item.get("defaultRequest") or {})
    for k, v in (item.get("max") or {}).items():
        default.setdefault(k, v)
    for k, v in default.items():
        default_request.setdefault(k, v)
    for k, v in (item.get("min") or {}).items():
        default_request.setdefault(k, v)
    out["default"], out["defaultRequest"] = default, default_request
    return out


def _items(limit_range: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [set_defaults_limit_range_item(i) for i in (limit_range.get("spec") or {}).get("limits") or ()]


def request_limit_enforced_values(req: Quantity, lim: Quantity, enforced: Quantity) -> tuple[int, int, int]:
    """Compare in milli-units when none would overflow, else in units.

    Mirrors: limitranger/admission.go :: requestLimitEnforcedValues
    """
    r, li, e = req.value(), lim.value(), enforced.value()
    if r <= MAX_MILLI_VALUE and li <= MAX_MILLI_VALUE and e <= MAX_MILLI_VALUE:
        return req.milli_value(), lim.milli_value(), enforced.milli_value()
    return r, li, e


def min_constraint(limit_type: str, name: str, enforced: Quantity, request: ResourceList,
                   limit: ResourceList) -> str:
    """Mirrors: limitranger/admission.go :: minConstraint"""
    req, lim = request.get(name), limit.get(name)
    r, li, e = request_limit_enforced_values(req or _ZERO, lim or _ZERO, enforced)
    if req is None:
        return f"minimum {name} usage per {limit_type} is {enforced}.  No request is specified"
    if r < e:
        return f"minimum {name} usage per {limit_type} is {enforced}, but request is {req}"
    if lim is not None and li < e:
        return f"minimum {name} usage per {limit_type} is {enforced}, but limit is {lim}"
    return ""


def max_request_constraint(limit_type: str, name: str, enforced: Quantity, request: ResourceList) -> str:
    """Mirrors: limitranger/admission.go :: maxRequestConstraint"""
    req = request.get(name)
    r, _, e = request_limit_enforced_values(req or _ZERO, _ZERO, enforced)
    if req is None:
        return f"maximum {name} usage per {limit_type} is {enforced}.  No request is specified"
    if r > e:
        return f"maximum {name} usage per {limit_type} is {enforced}, but request is {req}"
    return ""


def max_constraint(limit_type: str, name: str, enforced: Quantity, request: ResourceList,
                   limit: ResourceList) -> str:
    """Mirrors: limitranger/admission.go :: maxConstraint"""
    req, lim = request.get(name), limit.get(name)
    r, li, e = request_limit_enforced_values(req or _ZERO, lim or _ZERO, enforced)
    if lim is None:
        return f"maximum {name} usage per {limit_type} is {enforced}.  No limit is specified"
    if li > e:
        return f"maximum {name} usage per {limit_type} is {enforced}, but limit is {lim}"
    if req is not None and r > e:
        return f"maximum {name} usage per {limit_type} is {enforced}, but request is {req}"
    return ""


def limit_request_ratio_constraint(limit_type: str, name: str, enforced: Quantity, request: ResourceList,
                                   limit: ResourceList) -> str:
    """Mirrors: limitranger/admission.go :: limitRequestRatioConstraint"""
    req, lim = request.get(name), limit.get(name)
    r, li, _ = request_limit_enforced_values(req or _ZERO, lim or _ZERO, enforced)
    if req is None or r == 0:
        return (f"{name} max limit to request ratio per {limit_type} is {enforced}, "
                "but no request is specified or request is 0")
    if lim is None or li == 0:
        return (f"{name} max limit to request ratio per {limit_type} is {enforced}, "
                "but no limit is specified or limit is 0")
    observed = li / r
    display = observed
    max_ratio = float(enforced.value())
    if enforced.value() <= MAX_MILLI_VALUE:
        observed *= 1000
        max_ratio = float(enforced.milli_value())
    if observed > max_ratio:
        return (f"{name} max limit to request ratio per {limit_type} is {enforced}, "
                f"but provided ratio is {display:f}")
    return ""


def default_container_resource_requirements(limit_range: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The (requests, limits) a Container item fills in.

    Mirrors: limitranger/admission.go :: defaultContainerResourceRequirements
    """
    requests: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    for item in _items(limit_range):
        if item.get("type") == LIMIT_TYPE_CONTAINER:
            requests.update(item.get("defaultRequest") or {})
            limits.update(item.get("default") or {})
    return requests, limits


def merge_container_resources(container: dict[str, Any], requests: Mapping[str, Any], limits: Mapping[str, Any],
                              prefix: str, annotations: list[str]) -> None:
    """Fill the missing requests and limits of one container and note what was set.

    Mirrors: limitranger/admission.go :: mergeContainerResources
    """
    res = container.setdefault("resources", {})
    c_limits = dict(res.get("limits") or {})
    c_requests = dict(res.get("requests") or {})
    set_requests, set_limits = [], []
    for k, v in limits.items():
        if k not in c_limits:
            c_limits[k] = v
            set_limits.append(k)
    for k, v in requests.items():
        if k not in c_requests:
            c_requests[k] = v
            set_requests.append(k)
    if c_limits:
        res["limits"] = c_limits
    if c_requests:
        res["requests"] = c_requests
    name = container.get("name", "")
    if set_requests:
        annotations.append(", ".join(sorted(set_requests)) + f" request for {prefix} {name}")
    if set_limits:
        annotations.append(", ".join(sorted(set_limits)) + f" limit for {prefix} {name}")


def pod_mutate_limit_func(limit_range: Mapping[str, Any], pod: dict[str, Any]) -> None:
    """Mirrors: limitranger/admission.go :: PodMutateLimitFunc (and mergePodResourceRequirements)"""
    requests, limits = default_container_resource_requirements(limit_range)
    annotations: list[str] = []
    spec = pod.setdefault("spec", {})
    for c in spec.get("containers") or ():
        merge_container_resources(c, requests, limits, "container", annotations)
    for c in spec.get("initContainers") or ():
        merge_container_resources(c, requests, limits, "init container", annotations)
    if annotations:
        meta = pod.setdefault("metadata", {})
        meta["annotations"] = {**(meta.get("annotations") or {}),
                               LIMIT_RANGER_ANNOTATION: "LimitRanger plugin set: " + "; ".join(annotations)}


def _check_item(errs: list[str], item: Mapping[str, Any], limit_type: str, requests: ResourceList,
                limits: ResourceList) -> None:
    for k, v in (item.get("min") or {}).items():
        errs.append(min_constraint(limit_type, k, Quantity.parse(v), requests, limits))
    for k, v in (item.get("max") or {}).items():
        errs.append(max_constraint(limit_type, k, Quantity.parse(v), requests, limits))
    for k, v in (item.get("maxLimitRequestRatio") or {}).items():
        errs.append(limit_request_ratio_constraint(limit_type, k, Quantity.parse(v), requests, limits))


def pod_validate_limit_func(limit_range: Mapping[str, Any], pod: Mapping[str, Any]) -> str:
    """Every violated constraint, aggregated (``[a, b]`` when several), or "".

    Mirrors: limitranger/admission.go :: PodValidateLimitFunc
    """
    errs: list[str] = []
    spec = pod.get("spec") or {}
    for item in _items(limit_range):
        limit_type = item.get("type", "")
        if limit_type == LIMIT_TYPE_CONTAINER:
            for c in [*(spec.get("containers") or ()), *(spec.get("initContainers") or ())]:
                res = c.get("resources") or {}
                _check_item(errs, item, limit_type, to_resource_list(res.get("requests")),
                            to_resource_list(res.get("limits")))
        if limit_type == LIMIT_TYPE_POD:
            _check_item(errs, item, limit_type, pod_requests(pod, exclude_overhead=True),
                        pod_limits(pod, exclude_overhead=True))
    errs = [e for e in errs if e]
    return aggregate_message(errs) if errs else ""


def persistent_volume_claim_validate_limit_func(limit_range: Mapping[str, Any], pvc: Mapping[str, Any]) -> str:
    """Mirrors: limitranger/admission.go :: PersistentVolumeClaimValidateLimitFunc"""
    errs: list[str] = []
    requests = to_resource_list(((pvc.get("spec") or {}).get("resources") or {}).get("requests"))
    for item in _items(limit_range):
        if item.get("type") != LIMIT_TYPE_PVC:
            continue
        for k, v in (item.get("min") or {}).items():
            errs.append(min_constraint(LIMIT_TYPE_PVC, k, Quantity.parse(v), requests, {}))
        for k, v in (item.get("max") or {}).items():
            errs.append(max_request_constraint(LIMIT_TYPE_PVC, k, Quantity.parse(v), requests))
    errs = [e for e in errs if e]
    return aggregate_message(errs) if errs else ""


class LimitRanger:
    """Mirrors: limitranger/admission.go :: LimitRanger with DefaultLimitRangerActions

    Differences: LimitRanges are read from storage each time (no live-lookup cache);
    their Container items are defaulted on read, as the API server stores them.
    """

    name = PLUGIN_NAME

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE)

    @staticmethod
    def supports_attributes(attrs: Attributes) -> bool:
        """Mirrors: limitranger/admission.go :: (*DefaultLimitRangerActions).SupportsAttributes"""
        if attrs.subresource or attrs.info.group != "":
            return False
        if attrs.kind == "Pod" and attrs.operation == UPDATE:
            return False
        return attrs.kind in ("Pod", "PersistentVolumeClaim")

    def _run(self, attrs: Attributes, ctx: Context, mutate: bool) -> None:
        """Mirrors: limitranger/admission.go :: (*LimitRanger).runLimitFunc"""
        if not self.supports_attributes(attrs) or attrs.object is None:
            return
        if attrs.old_object is not None and (attrs.old_object.get("metadata") or {}).get("deletionTimestamp"):
            return
        for lr in ctx.list("limitranges", attrs.namespace):
            if mutate:
                if attrs.info.resource == "pods":
                    pod_mutate_limit_func(lr, attrs.object)
                continue
            if attrs.info.resource == "pods":
                msg = pod_validate_limit_func(lr, attrs.object)
            else:
                msg = persistent_volume_claim_validate_limit_func(lr, attrs.object)
            if msg:
                raise new_forbidden(attrs, msg)

    def admit(self, attrs: Attributes, ctx: Context) -> None:
        self._run(attrs, ctx, mutate=True)

    def validate(self, attrs: Attributes, ctx: Context) -> None:
        self._run(attrs, ctx, mutate=False)
