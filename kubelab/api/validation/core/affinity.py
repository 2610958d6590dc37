"""Scheduling constraints: node and pod affinity, tolerations and taints, topology spread.

Upstream: pkg/apis/core/validation/validation.go (validateAffinity, ValidateNodeSelector,
ValidateTolerations, validateNodeTaints, validateTopologySpreadConstraints, ...)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation.core.common import (
    IS_NOT_POSITIVE_ERROR_MSG,
    validate_namespace_name,
    validate_node_name,
)

TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
SUPPORTED_SCHEDULE_ACTIONS = ("DoNotSchedule", "ScheduleAnyway")
SUPPORTED_NODE_INCLUSION_POLICIES = ("Honor", "Ignore")


def _lso(allow_invalid_value: bool) -> g.LabelSelectorValidationOptions:
    return g.LabelSelectorValidationOptions(allow_invalid_label_value_in_selector=allow_invalid_value)


# -- node affinity ------------------------------------------------------------------------------


def validate_node_selector_requirement(rq: dict[str, Any], allow_invalid_value: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeSelectorRequirement"""
    errs: ErrorList = []
    op = rq.get("operator", "") or ""
    values = rq.get("values") or []
    if op in ("In", "NotIn"):
        if not values:
            errs.append(field.required(f"{path}.values", "must be specified when `operator` is 'In' or 'NotIn'"))
    elif op in ("Exists", "DoesNotExist"):
        if values:
            errs.append(field.forbidden(f"{path}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
    elif op in ("Gt", "Lt"):
        if len(values) != 1:
            errs.append(field.required(f"{path}.values", "must be specified single value when `operator` is 'Lt' or 'Gt'"))
    else:
        errs.append(field.invalid(f"{path}.operator", op, "not a valid selector operator"))
    errs.extend(g.validate_label_name(rq.get("key", "") or "", f"{path}.key"))
    if not allow_invalid_value:
        for i, v in enumerate(values):
            errs.extend(field.invalid(f"{path}.values[{i}]", v, m) for m in g.is_valid_label_value(v))
    return errs


def validate_node_field_selector_requirement(rq: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeFieldSelectorRequirement"""
    errs: ErrorList = []
    op = rq.get("operator", "") or ""
    values = rq.get("values") or []
    if op in ("In", "NotIn"):
        if len(values) != 1:
            errs.append(field.required(f"{path}.values", "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"))
    else:
        errs.append(field.invalid(f"{path}.operator", op, "not a valid selector operator"))
    key = rq.get("key", "") or ""
    if key != "metadata.name":
        errs.append(field.invalid(f"{path}.key", key, "not a valid field selector key"))
    else:
        for i, v in enumerate(values):
            errs.extend(field.invalid(f"{path}.values[{i}]", v, m) for m in validate_node_name(v, False))
    return errs


def validate_node_selector_term(term: dict[str, Any], allow_invalid_value: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeSelectorTerm"""
    errs: ErrorList = []
    for j, rq in enumerate(term.get("matchExpressions") or ()):
        errs.extend(validate_node_selector_requirement(rq, allow_invalid_value, f"{path}.matchExpressions[{j}]"))
    for j, rq in enumerate(term.get("matchFields") or ()):
        errs.extend(validate_node_field_selector_requirement(rq, f"{path}.matchFields[{j}]"))
    return errs


def validate_node_selector(ns: dict[str, Any], allow_invalid_value: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeSelector"""
    terms = ns.get("nodeSelectorTerms") or []
    tp = f"{path}.nodeSelectorTerms"
    if not terms:
        return [field.required(tp, "must have at least one node selector term")]
    errs: ErrorList = []
    for i, term in enumerate(terms):
        errs.extend(validate_node_selector_term(term, allow_invalid_value, f"{tp}[{i}]"))
    return errs


def validate_preferred_scheduling_terms(terms: list[dict[str, Any]], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePreferredSchedulingTerms"""
    errs: ErrorList = []
    for i, t in enumerate(terms):
        w = t.get("weight", 0) or 0
        if w <= 0 or w > 100:
            errs.append(field.invalid(f"{path}[{i}].weight", w, "must be in the range 1-100"))
        errs.extend(validate_node_selector_term(t.get("preference") or {}, True, f"{path}[{i}].preference"))
    return errs


def validate_topology_selector_term(term: dict[str, Any], path: str) -> tuple[dict[str, frozenset[str]], ErrorList]:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateTopologySelectorTerm"""
    errs: ErrorList = []
    exprs: dict[str, frozenset[str]] = {}
    for i, rq in enumerate(term.get("matchLabelExpressions") or ()):
        ip = f"{path}.matchLabelExpressions[{i}]"
        values = rq.get("values") or []
        if not values:
            errs.append(field.required(f"{ip}.values", ""))
        seen: set[str] = set()
        for j, v in enumerate(values):
            if v in seen:
                errs.append(field.duplicate(f"{ip}.values[{j}]", v))
            seen.add(v)
        key = rq.get("key", "") or ""
        errs.extend(g.validate_label_name(key, f"{ip}.key"))
        if key in exprs:
            errs.append(field.duplicate(f"{ip}.key", key))
        exprs[key] = frozenset(seen)
    return exprs, errs


# -- pod affinity ---------------------------------------------------------------------------------


def _validate_label_keys(path: str, keys: list[str], selector: dict[str, Any] | None) -> ErrorList:
    if not keys:
        return []
    if selector is None:
        return [field.forbidden(path, "must not be specified when labelSelector is not set")]
    errs: ErrorList = []
    for i, k in enumerate(keys):
        errs.extend(g.validate_label_name(k, f"{path}[{i}]"))
    return errs


def validate_match_label_keys_and_mismatch_label_keys(path: str, match: list[str], mismatch: list[str], selector: dict[str, Any] | None) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateMatchLabelKeysAndMismatchLabelKeys

    The selector already holds the requirements matchLabelKeys generated at create, so a key
    is reported only when it appears in both matchLabels and matchExpressions; like upstream,
    that error is reported at the term's path indexed by the key's position.
    """
    errs = _validate_label_keys(f"{path}.matchLabelKeys", match, selector)
    errs.extend(_validate_label_keys(f"{path}.mismatchLabelKeys", mismatch, selector))
    if selector is not None:
        index = {k: i for i, k in enumerate(match)}
        seen = set(selector.get("matchLabels") or {})
        for expr in selector.get("matchExpressions") or ():
            key = expr.get("key", "")
            if key in index and key in seen:
                errs.append(field.invalid(f"{path}[{index[key]}]", key, "exists in both matchLabelKeys and labelSelector"))
            seen.add(key)
    mismatch_set = set(mismatch)
    for i, k in enumerate(match):
        if k in mismatch_set:
            errs.append(field.invalid(f"{path}.matchLabelKeys[{i}]", k, "exists in both matchLabelKeys and mismatchLabelKeys"))
    return errs


def validate_pod_affinity_term(term: dict[str, Any], allow_invalid_value: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validatePodAffinityTerm"""
    opts = _lso(allow_invalid_value)
    errs = g.validate_label_selector(term.get("labelSelector"), opts, f"{path}.labelSelector")
    errs.extend(g.validate_label_selector(term.get("namespaceSelector"), opts, f"{path}.namespaceSelector"))
    for name in term.get("namespaces") or ():
        errs.extend(field.invalid(f"{path}.namespace", name, m) for m in validate_namespace_name(name, False))
    errs.extend(validate_match_label_keys_and_mismatch_label_keys(path, term.get("matchLabelKeys") or [], term.get("mismatchLabelKeys") or [], term.get("labelSelector")))
    tk = term.get("topologyKey", "") or ""
    if not tk:
        errs.append(field.required(f"{path}.topologyKey", "can not be empty"))
    errs.extend(g.validate_label_name(tk, f"{path}.topologyKey"))
    return errs


def _validate_pod_affinity(pa: dict[str, Any], allow_invalid_value: bool, path: str) -> ErrorList:
    errs: ErrorList = []
    req = pa.get("requiredDuringSchedulingIgnoredDuringExecution")
    if req is not None:
        rp = f"{path}.requiredDuringSchedulingIgnoredDuringExecution"
        for i, t in enumerate(req):
            errs.extend(validate_pod_affinity_term(t, allow_invalid_value, f"{rp}[{i}]"))
    pref = pa.get("preferredDuringSchedulingIgnoredDuringExecution")
    if pref is not None:
        pp = f"{path}.preferredDuringSchedulingIgnoredDuringExecution"
        for j, wt in enumerate(pref):
            w = wt.get("weight", 0) or 0
            if w <= 0 or w > 100:
                errs.append(field.invalid(f"{pp}[{j}].weight", w, "must be in the range 1-100"))
            errs.extend(validate_pod_affinity_term(wt.get("podAffinityTerm") or {}, allow_invalid_value, f"{pp}[{j}].podAffinityTerm"))
    return errs


def validate_affinity(affinity: dict[str, Any] | None, opts: Any, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateAffinity (validateNodeAffinity, validatePodAffinity, validatePodAntiAffinity)"""
    if affinity is None:
        return []
    errs: ErrorList = []
    na = affinity.get("nodeAffinity")
    if na is not None:
        np = f"{path}.nodeAffinity"
        req = na.get("requiredDuringSchedulingIgnoredDuringExecution")
        if req is not None:
            errs.extend(validate_node_selector(req, opts.allow_invalid_label_value_in_required_node_affinity, f"{np}.requiredDuringSchedulingIgnoredDuringExecution"))
        pref = na.get("preferredDuringSchedulingIgnoredDuringExecution")
        if pref:
            errs.extend(validate_preferred_scheduling_terms(pref, f"{np}.preferredDuringSchedulingIgnoredDuringExecution"))
    for key in ("podAffinity", "podAntiAffinity"):
        pa = affinity.get(key)
        if pa is not None:
            errs.extend(_validate_pod_affinity(pa, opts.allow_invalid_label_value_in_selector, f"{path}.{key}"))
    return errs


# -- taints and tolerations -----------------------------------------------------------------------


def validate_taint_effect(effect: str, allow_empty: bool, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateTaintEffect"""
    if not allow_empty and not effect:
        return [field.required(path, "")]
    if effect not in TAINT_EFFECTS:
        return [field.not_supported(path, effect, TAINT_EFFECTS)]
    return []


def validate_tolerations(tolerations: list[dict[str, Any]] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateTolerations"""
    if not tolerations:
        return []
    errs: ErrorList = []
    for i, t in enumerate(tolerations):
        ip = f"{path}[{i}]"
        key = t.get("key", "") or ""
        op = t.get("operator", "") or ""
        effect = t.get("effect", "") or ""
        value = t.get("value", "") or ""
        if key:
            errs.extend(g.validate_label_name(key, f"{ip}.key"))
        if not key and op != "Exists":
            errs.append(field.invalid(f"{ip}.operator", op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'))
        if t.get("tolerationSeconds") is not None and effect != "NoExecute":
            errs.append(field.invalid(f"{ip}.effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        if op in ("Equal", ""):
            msgs = g.is_valid_label_value(value)
            if msgs:
                errs.append(field.invalid(f"{ip}.operator", value, ";".join(msgs)))
        elif op == "Exists":
            if value:
                errs.append(field.invalid(f"{ip}.operator", value, "value must be empty when `operator` is 'Exists'"))
        else:
            errs.append(field.not_supported(f"{ip}.operator", op, ["Equal", "Exists"]))
        if effect:
            errs.extend(validate_taint_effect(effect, True, f"{ip}.effect"))
    return errs


def validate_only_added_tolerations(new: list[dict[str, Any]] | None, old: list[dict[str, Any]] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateOnlyAddedTolerations"""
    from kubelab.api.validation.objectmeta import semantic_equal

    new = new or []
    for o in old or ():
        found = False
        for n in new:
            clone = dict(o)
            clone["tolerationSeconds"] = n.get("tolerationSeconds")
            if semantic_equal(clone, {**n, "tolerationSeconds": n.get("tolerationSeconds")}):
                found = True
                break
        if not found:
            return [field.forbidden(path, "existing toleration can not be modified except its tolerationSeconds")]
    return validate_tolerations(new, path)


def validate_node_taints(taints: list[dict[str, Any]] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateNodeTaints"""
    if not taints:
        return []
    from kubelab.api.validation import gofmt

    errs: ErrorList = []
    unique: dict[str, set[str]] = {}
    for i, t in enumerate(taints):
        ip = f"{path}[{i}]"
        key = t.get("key", "") or ""
        value = t.get("value", "") or ""
        effect = t.get("effect", "") or ""
        errs.extend(g.validate_label_name(key, f"{ip}.key"))
        msgs = g.is_valid_label_value(value)
        if msgs:
            errs.append(field.invalid(f"{ip}.value", value, ";".join(msgs)))
        errs.extend(validate_taint_effect(effect, False, f"{ip}.effect"))
        if key in unique.get(effect, ()):
            e = field.duplicate(ip, gofmt.GoRepr(
                f"core.Taint{{Key:{field.go_quote(key)}, Value:{field.go_quote(value)}, Effect:{field.go_quote(effect)}, TimeAdded:<nil>}}"
            ))
            e.detail = "taints must be unique by key and effect pair"
            errs.append(e)
            continue
        unique.setdefault(effect, set()).add(key)
    return errs


# -- topology spread ------------------------------------------------------------------------------


def validate_topology_spread_constraints(constraints: list[dict[str, Any]] | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateTopologySpreadConstraints"""
    if not constraints:
        return []
    errs: ErrorList = []
    for i, c in enumerate(constraints):
        p = f"{path}[{i}]"
        skew = c.get("maxSkew", 0) or 0
        if skew <= 0:
            errs.append(field.invalid(f"{p}.maxSkew", skew, IS_NOT_POSITIVE_ERROR_MSG))
        tk = c.get("topologyKey", "") or ""
        if not tk:
            errs.append(field.required(f"{p}.topologyKey", "can not be empty"))
        wu = c.get("whenUnsatisfiable", "") or ""
        if wu not in SUPPORTED_SCHEDULE_ACTIONS:
            errs.append(field.not_supported(f"{p}.whenUnsatisfiable", wu, SUPPORTED_SCHEDULE_ACTIONS))
        for rest in constraints[i + 1:]:
            if rest.get("topologyKey", "") == tk and rest.get("whenUnsatisfiable", "") == wu:
                errs.append(field.duplicate(f"{p}.{{topologyKey, whenUnsatisfiable}}", f"{{{tk}, {wu}}}"))
                break
        md = c.get("minDomains")
        if md is not None:
            if md <= 0:
                errs.append(field.invalid(f"{p}.minDomains", md, IS_NOT_POSITIVE_ERROR_MSG))
            if wu != "DoNotSchedule":
                errs.append(field.invalid(f"{p}.minDomains", md, f"can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {wu}"))
        for key in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
            pol = c.get(key)
            if pol is not None and pol not in SUPPORTED_NODE_INCLUSION_POLICIES:
                errs.append(field.not_supported(f"{p}.{key}", pol, SUPPORTED_NODE_INCLUSION_POLICIES))
        mlk = c.get("matchLabelKeys") or []
        sel = c.get("labelSelector")
        if mlk:
            if sel is None:
                errs.append(field.forbidden(f"{p}.matchLabelKeys", "must not be specified when labelSelector is not set"))
            keys = set((sel or {}).get("matchLabels") or {}) | {e.get("key", "") for e in (sel or {}).get("matchExpressions") or ()}
            for j, k in enumerate(mlk):
                errs.extend(g.validate_label_name(k, f"{p}.matchLabelKeys[{j}]"))
                if k in keys:
                    errs.append(field.invalid(f"{p}.matchLabelKeys[{j}]", k, "exists in both matchLabelKeys and labelSelector"))
        if not opts.allow_invalid_topology_spread_constraint_label_selector:
            errs.extend(g.validate_label_selector(sel, _lso(False), f"{p}.labelSelector"))
    return errs
