"""ResourceQuota: refuse requests that would exceed a namespace's quota, and charge them.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/{admission.go,controller.go}
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from kubelab.api import errors
from kubelab.apiserver.admission.errors import new_forbidden
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes, Context
from kubelab.apiserver.admission.plugin.resourcequota.evaluator import (
    Evaluator,
    evaluator_for,
    get_scope_selectors_from_quota,
)
from kubelab.apiserver.admission.plugin.resourcequota.resources import (
    ResourceList,
    add,
    format_list,
    is_negative,
    less_than_or_equal,
    mask,
    parse_list,
    pretty_print,
    pretty_print_resource_names,
    remove_zeros,
    subtract_with_non_negative_result,
)

PLUGIN_NAME = "ResourceQuota"
# How often a conflicting status write is retried against fresh quotas.
NUM_RETRIES = 3


def _has_usage_stats(quota: Mapping[str, Any], interesting: list[str]) -> bool:
    """Mirrors: controller.go :: hasUsageStats"""
    status = quota.get("status") or {}
    used = status.get("used") or {}
    return all(name in used for name in (status.get("hard") or {}) if name in interesting)


def check_request(quotas: list[dict[str, Any]], attrs: Attributes, evaluator: Evaluator,
                  now: float) -> list[dict[str, Any]]:
    """The quotas with their usage after this request, or a Forbidden error.

    Returns the input list itself when nothing changes.

    Mirrors: controller.go :: CheckRequest

    Differences: no limited resources or limited scopes from an AdmissionConfiguration.
    """
    if not evaluator.handles(attrs):
        return quotas
    obj = attrs.object or {}
    interesting: list[int] = []
    for i, q in enumerate(quotas):
        if not evaluator.matches(q, obj):
            continue
        hard = list((q.get("status") or {}).get("hard") or {})
        restricted = evaluator.matching_resources(hard)
        msg = evaluator.constraints(restricted, obj)
        if msg:
            raise new_forbidden(attrs, f"failed quota: {q['metadata']['name']}: {msg}")
        if not _has_usage_stats(q, restricted):
            raise new_forbidden(attrs, f"status unknown for quota: {q['metadata']['name']}, resources: "
                                       f"{pretty_print_resource_names(restricted)}")
        interesting.append(i)
    if not interesting:
        return quotas
    delta = evaluator.usage(obj, now)
    negative = is_negative(delta)
    if negative:
        raise new_forbidden(attrs, f"quota usage is negative for resource(s): {pretty_print_resource_names(negative)}")
    if attrs.operation == UPDATE:
        prev = attrs.old_object
        if prev is None:
            raise new_forbidden(attrs, "unable to get previous usage since prior version of object was not found")
        # A stored object is charged the difference; a create-on-update pays in full.
        if (prev.get("metadata") or {}).get("resourceVersion"):
            delta = subtract_with_non_negative_result(delta, evaluator.usage(prev, now))
    delta = remove_zeros(delta)
    if not delta:
        return quotas
    out = copy.deepcopy(quotas)
    for i in interesting:
        q = out[i]
        status = q.setdefault("status", {})
        hard_list, used = parse_list(status.get("hard")), parse_list(status.get("used"))
        requested = mask(delta, hard_list)
        new_used = add(used, requested)
        masked_new = mask(new_used, requested)
        ok, exceeded = less_than_or_equal(masked_new, hard_list)
        if not ok:
            raise new_forbidden(attrs, f"exceeded quota: {q['metadata']['name']}, "
                                       f"requested: {pretty_print(mask(requested, exceeded))}, "
                                       f"used: {pretty_print(mask(used, exceeded))}, "
                                       f"limited: {pretty_print(mask(hard_list, exceeded))}")
        status["used"] = format_list(new_used)
    return out


class ResourceQuota:
    """Mirrors: resourcequota/admission.go :: QuotaAdmission and controller.go :: quotaEvaluator

    Differences: requests are checked one at a time (no batching of concurrent
    requests); dry-run requests are checked but not charged.
    """

    name = PLUGIN_NAME

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE)

    def validate(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: resourcequota/admission.go :: (*QuotaAdmission).Validate"""
        if attrs.subresource or not attrs.namespace:
            return
        if attrs.info.group == "" and attrs.info.resource == "namespaces":
            return
        evaluator = evaluator_for(attrs.info.group, attrs.info.resource)
        if not evaluator.handles(attrs):
            return
        for attempt in range(NUM_RETRIES + 1):
            quotas = [copy.deepcopy(q) for q in ctx.list("resourcequotas", attrs.namespace)]
            if not quotas:
                return
            updated = check_request(quotas, attrs, evaluator, ctx.now)
            if updated is quotas or attrs.dry_run:
                return
            try:
                for before, after in zip(quotas, updated):
                    if (before.get("status") or {}).get("used") != (after.get("status") or {}).get("used"):
                        ctx.update_status("resourcequotas", after)
                return
            except errors.Conflict:
                if attempt == NUM_RETRIES:
                    raise
        return


def usage_of(attrs: Attributes, now: float) -> ResourceList:
    """What the request's object would be charged (for explanations and traces).

    kubelab-only: a convenience over the evaluators.
    """
    return evaluator_for(attrs.info.group, attrs.info.resource).usage(attrs.object or {}, now)


__all__ = ["ResourceQuota", "check_request", "get_scope_selectors_from_quota", "usage_of"]
