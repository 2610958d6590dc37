"""EndpointSlices: address types, endpoints and their addresses, ports.

Upstream: pkg/apis/discovery/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation.core.common import (
    validate_dns1123_label,
    validate_node_name,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
)
from kubelab.api.validation.core.containers import SUPPORTED_PORT_PROTOCOLS
from kubelab.api.validation.core.service import validate_non_special_ip
from kubelab.api.validation.objectmeta import name_is_dns_subdomain, validate_immutable_field

SUPPORTED_ADDRESS_TYPES = ("FQDN", "IPv4", "IPv6")
MAX_TOPOLOGY_LABELS = 16
MAX_ADDRESSES = 100
MAX_PORTS = 20000
MAX_ENDPOINTS = 1000
MAX_ZONE_HINTS = 8

validate_endpoint_slice_name = name_is_dns_subdomain


def _validate_endpoints(endpoints: list[dict[str, Any]], addr_type: str, path: str) -> ErrorList:
    if len(endpoints) > MAX_ENDPOINTS:
        return [field.too_many(path, len(endpoints), MAX_ENDPOINTS)]
    errs: ErrorList = []
    for i, ep in enumerate(endpoints):
        ip = f"{path}[{i}]"
        ap = f"{ip}.addresses"
        addrs = ep.get("addresses") or []
        if not addrs:
            errs.append(field.required(ap, "must contain at least 1 address"))
        elif len(addrs) > MAX_ADDRESSES:
            errs.append(field.too_many(ap, len(addrs), MAX_ADDRESSES))
        for j, a in enumerate(addrs):
            p = f"{ap}[{j}]"
            if addr_type in ("IPv4", "IPv6"):
                fn = g.is_valid_ipv4_address if addr_type == "IPv4" else g.is_valid_ipv6_address
                e = fn(p, a)  # type: ignore[arg-type]
                errs.extend(e if e else validate_non_special_ip(a, p))
            elif addr_type == "FQDN":
                errs.extend(g.is_fully_qualified_domain_name(p, a))  # type: ignore[arg-type]
        node = ep.get("nodeName")
        if node is not None:
            errs.extend(field.invalid(f"{ip}.nodeName", node, m) for m in validate_node_name(node, False))
        topo = ep.get("deprecatedTopology") or {}
        tp = f"{ip}.deprecatedTopology"
        if len(topo) > MAX_TOPOLOGY_LABELS:
            errs.append(field.too_many(tp, len(topo), MAX_TOPOLOGY_LABELS))
        if topo:
            errs.extend(g.validate_labels(topo, tp))
        host = ep.get("hostname")
        if host is not None:
            errs.extend(validate_dns1123_label(host, f"{ip}.hostname"))
        zones = (ep.get("hints") or {}).get("forZones") or []
        if len(zones) > MAX_ZONE_HINTS:
            errs.append(field.too_many(f"{ip}.hints.forZones", len(zones), MAX_ZONE_HINTS))
    return errs


def _validate_ports(ports: list[dict[str, Any]], path: str) -> ErrorList:
    if len(ports) > MAX_PORTS:
        return [field.too_many(path, len(ports), MAX_PORTS)]
    errs: ErrorList = []
    names: set[str] = set()
    for i, port in enumerate(ports):
        ip = f"{path}[{i}]"
        name = port.get("name", "") or ""
        if name:
            errs.extend(validate_dns1123_label(name, f"{ip}.name"))
        if name in names:
            errs.append(field.duplicate(f"{ip}.name", name))
        names.add(name)
        proto = port.get("protocol")
        if proto is None:
            errs.append(field.required(f"{ip}.protocol", ""))
        elif proto not in SUPPORTED_PORT_PROTOCOLS:
            errs.append(field.not_supported(f"{ip}.protocol", proto, SUPPORTED_PORT_PROTOCOLS))
        ap = port.get("appProtocol")
        if ap is not None:
            errs.extend(validate_qualified_name(ap, f"{ip}.appProtocol"))
    return errs


def validate_endpoint_slice(es: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/discovery/validation/validation.go :: ValidateEndpointSlice"""
    errs = validate_object_meta(es.get("metadata"), True, validate_endpoint_slice_name, "metadata")
    at = es.get("addressType", "") or ""
    if not at:
        errs.append(field.required("addressType", ""))
    elif at not in SUPPORTED_ADDRESS_TYPES:
        errs.append(field.not_supported("addressType", at, SUPPORTED_ADDRESS_TYPES))
    errs.extend(_validate_endpoints(es.get("endpoints") or [], at, "endpoints"))
    errs.extend(_validate_ports(es.get("ports") or [], "ports"))
    return errs


def validate_endpoint_slice_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/discovery/validation/validation.go :: ValidateEndpointSliceUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_endpoint_slice(new))
    errs.extend(validate_immutable_field(new.get("addressType"), old.get("addressType"), "addressType"))
    return errs
