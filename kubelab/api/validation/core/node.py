"""Nodes: taints, pod CIDRs, capacity, and what a node update may change.

Upstream: pkg/apis/core/validation/validation.go (ValidateNode, ValidateNodeUpdate,
ValidateNodeResources, validateNodeTaints, ValidateNodeSpecificAnnotations)
"""

from __future__ import annotations

import json
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.affinity import validate_node_taints
from kubelab.api.validation.core.common import (
    validate_node_name,
    validate_object_meta,
    validate_object_meta_update,
)
from kubelab.api.validation.core.resources import quantity, validate_resource_quantity_value

TAINTS_ANNOTATION_KEY = "scheduler.alpha.kubernetes.io/taints"


def validate_node_specific_annotations(annotations: dict[str, str] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeSpecificAnnotations

    Differences: the preferAvoidPods annotation is not checked.
    """
    if not annotations or not annotations.get(TAINTS_ANNOTATION_KEY):
        return []
    try:
        taints = json.loads(annotations[TAINTS_ANNOTATION_KEY])
        if not isinstance(taints, list):
            raise ValueError("json: cannot unmarshal into Go value of type []v1.Taint")
    except ValueError as e:
        return [field.invalid(path, TAINTS_ANNOTATION_KEY, str(e))]
    return validate_node_taints(taints, f"{path}.{TAINTS_ANNOTATION_KEY}")


def validate_node_resources(node: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeResources"""
    errs: ErrorList = []
    status = node.get("status") or {}
    for key in ("capacity", "allocatable"):
        for k, v in sorted((status.get(key) or {}).items()):
            p = f"status.{key}.{k}"
            q = quantity(v, p, errs)
            if q is not None:
                errs.extend(validate_resource_quantity_value(k, q, p))
    return errs


def _validate_pod_cidrs(cidrs: list[str]) -> ErrorList:
    errs: ErrorList = []
    for i, c in enumerate(cidrs):
        errs.extend(g.is_valid_cidr(f"spec.podCIDRs[{i}]", c))
    if len(cidrs) > 1:
        nets = [g.parse_cidr_sloppy(c) for c in cidrs]
        fams = {n.version for n in nets if n is not None}
        if len(fams) != 2 or len(cidrs) > 2:
            errs.append(field.invalid("spec.podCIDRs", gofmt.GoRepr(gofmt.string_slice(cidrs)), "may specify no more than one CIDR for each IP family"))
        seen: set[str] = set()
        for i, c in enumerate(cidrs):
            if c in seen:
                errs.append(field.duplicate(f"spec.podCIDRs[{i}]", c))
            seen.add(c)
    return errs


def validate_node(node: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNode"""
    meta = node.get("metadata") or {}
    spec = node.get("spec") or {}
    errs = validate_object_meta(meta, False, validate_node_name, "metadata")
    errs.extend(validate_node_specific_annotations(meta.get("annotations"), "metadata.annotations"))
    if spec.get("taints"):
        errs.extend(validate_node_taints(spec["taints"], "metadata.taints"))
    errs.extend(validate_node_resources(node))
    if spec.get("podCIDRs"):
        errs.extend(_validate_pod_cidrs(spec["podCIDRs"]))
    return errs


def validate_node_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNodeUpdate (spec and status alike)

    Differences: the deprecated configSource is not checked.
    """
    meta = new.get("metadata") or {}
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    errs = validate_object_meta_update(meta, old.get("metadata"), "metadata")
    errs.extend(validate_node_specific_annotations(meta.get("annotations"), "metadata.annotations"))
    errs.extend(validate_node_resources(new))
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate((new.get("status") or {}).get("addresses") or ()):
        key = (a.get("type", ""), a.get("address", ""))
        if key in seen:
            errs.append(field.duplicate(f"status.addresses[{i}]", gofmt.struct("core.NodeAddress", a)))
        seen.add(key)
    ocidrs, ncidrs = os_.get("podCIDRs") or [], ns.get("podCIDRs") or []
    msg = 'node updates may not change podCIDR except from "" to valid'
    if ocidrs:
        if len(ocidrs) != len(ncidrs):
            errs.append(field.forbidden("spec.podCIDRs", msg))
        else:
            for o, n in zip(ocidrs, ncidrs):
                if o != n:
                    errs.append(field.forbidden("spec.podCIDRs", msg))
    opid = os_.get("providerID", "") or ""
    if opid and opid != (ns.get("providerID", "") or ""):
        errs.append(field.forbidden("spec.providerID", 'node updates may not change providerID except from "" to valid'))
    if ns.get("taints"):
        errs.extend(validate_node_taints(ns["taints"], "metadata.taints"))
    if (ns.get("externalID") or "") != (os_.get("externalID") or ""):
        errs.append(field.forbidden("spec.externalID", "may not be updated"))
    return errs
