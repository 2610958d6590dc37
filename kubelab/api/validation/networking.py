"""Ingresses, IngressClasses and NetworkPolicies.

Upstream: pkg/apis/networking/validation/validation.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.common import (
    validate_object_meta,
    validate_object_meta_update,
    validate_secret_name,
    validate_service_name,
)
from kubelab.api.validation.objectmeta import (
    is_valid_path_segment_name,
    name_is_dns_label,
    name_is_dns_subdomain,
    validate_immutable_field,
)

ANNOTATION_INGRESS_CLASS = "kubernetes.io/ingress.class"
MAX_LEN_INGRESS_CLASS_CONTROLLER = 250
SUPPORTED_PATH_TYPES = ("Exact", "ImplementationSpecific", "Prefix")
INVALID_PATH_SEQUENCES = ("//", "/./", "/../", "%2f", "%2F")
INVALID_PATH_SUFFIXES = ("/..", "/.")
POLICY_TYPES = ("Ingress", "Egress")

validate_network_policy_name = name_is_dns_subdomain
validate_ingress_name = name_is_dns_subdomain
validate_ingress_class_name = name_is_dns_subdomain


# -- NetworkPolicy --------------------------------------------------------------------------------


def validate_network_policy_port(port: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateNetworkPolicyPort"""
    errs: ErrorList = []
    proto = port.get("protocol")
    if proto is not None and proto not in ("TCP", "UDP", "SCTP"):
        errs.append(field.not_supported(f"{path}.protocol", proto, ["TCP", "UDP", "SCTP"]))
    p = port.get("port")
    end = port.get("endPort")
    if p is not None:
        if isinstance(p, int):
            errs.extend(field.invalid(f"{path}.port", p, m) for m in g.is_valid_port_num(p))
            if end is not None:
                if end < p:
                    errs.append(field.invalid(f"{path}.endPort", p, "must be greater than or equal to `port`"))
                errs.extend(field.invalid(f"{path}.endPort", end, m) for m in g.is_valid_port_num(end))
        else:
            if end is not None:
                errs.append(field.invalid(f"{path}.endPort", end, "may not be specified when `port` is non-numeric"))
            errs.extend(field.invalid(f"{path}.port", p, m) for m in g.is_valid_port_name(p))
    elif end is not None:
        errs.append(field.invalid(f"{path}.endPort", end, "may not be specified when `port` is not specified"))
    return errs


def validate_ip_block(ipb: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIPBlock"""
    cidr = ipb.get("cidr", "") or ""
    if not cidr:
        return [field.required(f"{path}.cidr", "")]
    errs = list(g.is_valid_cidr(f"{path}.cidr", cidr))
    net = g.parse_cidr_sloppy(cidr)
    if net is None:
        return errs
    for i, ex in enumerate(ipb.get("except") or ()):
        ep = f"{path}.except[{i}]"
        errs.extend(g.is_valid_cidr(ep, ex))
        exn = g.parse_cidr_sloppy(ex)
        if exn is None:
            continue
        inside = exn.version == net.version and exn.network_address in net  # type: ignore[operator]
        if not inside or net.prefixlen >= exn.prefixlen:
            errs.append(field.invalid(ep, ex, "must be a strict subset of `cidr`"))
    return errs


def validate_network_policy_peer(peer: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateNetworkPolicyPeer"""
    errs: ErrorList = []
    n = 0
    for key in ("podSelector", "namespaceSelector"):
        if peer.get(key) is not None:
            n += 1
            errs.extend(g.validate_label_selector(peer[key], g.LabelSelectorValidationOptions(), f"{path}.{key}"))
    if peer.get("ipBlock") is not None:
        n += 1
        errs.extend(validate_ip_block(peer["ipBlock"], f"{path}.ipBlock"))
    if n == 0:
        errs.append(field.required(path, "must specify a peer"))
    elif n > 1 and peer.get("ipBlock") is not None:
        errs.append(field.forbidden(path, "may not specify both ipBlock and another peer"))
    return errs


def validate_network_policy_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateNetworkPolicySpec"""
    errs = g.validate_label_selector(spec.get("podSelector") or {}, g.LabelSelectorValidationOptions(), f"{path}.podSelector")
    for direction, peers in (("ingress", "from"), ("egress", "to")):
        for i, rule in enumerate(spec.get(direction) or ()):
            rp = f"{path}.{direction}[{i}]"
            for j, port in enumerate(rule.get("ports") or ()):
                errs.extend(validate_network_policy_port(port, f"{rp}.ports[{j}]"))
            for j, peer in enumerate(rule.get(peers) or ()):
                errs.extend(validate_network_policy_peer(peer, f"{rp}.{peers}[{j}]"))
    types = spec.get("policyTypes") or []
    if len(types) > len(POLICY_TYPES):
        errs.append(field.invalid(f"{path}.policyTypes", gofmt.GoRepr("&" + gofmt.string_slice(types, "[]networking.PolicyType")), "may not specify more than two policyTypes"))
        return errs
    for i, t in enumerate(types):
        if t not in POLICY_TYPES:
            errs.append(field.not_supported(f"{path}.policyTypes[{i}]", t, POLICY_TYPES))
    return errs


def validate_network_policy(np: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateNetworkPolicy"""
    errs = validate_object_meta(np.get("metadata"), True, validate_network_policy_name, "metadata")
    errs.extend(validate_network_policy_spec(np.get("spec") or {}, "spec"))
    return errs


def validate_network_policy_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateNetworkPolicyUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_network_policy_spec(new.get("spec") or {}, "spec"))
    return errs


# -- Ingress --------------------------------------------------------------------------------------


def _validate_host(host: str, path: str) -> tuple[ErrorList, bool]:
    errs: ErrorList = []
    if g.parse_ip_sloppy(host) is not None:
        errs.append(field.invalid(path, host, "must be a DNS name, not an IP address"))
    if "*" in host:
        errs.extend(field.invalid(path, host, m) for m in g.is_wildcard_dns1123_subdomain(host))
        return errs, True
    errs.extend(field.invalid(path, host, m) for m in g.is_dns1123_subdomain(host))
    return errs, False


def validate_ingress_backend(backend: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: validateIngressBackend"""
    res, svc = backend.get("resource"), backend.get("service")
    if res is not None and svc is not None:
        return [field.invalid(path, "", "cannot set both resource and service backends")]
    errs: ErrorList = []
    if res is not None:
        return _validate_typed_local_object_reference(res, f"{path}.resource")
    if svc is None:
        return [field.invalid(path, "", "resource or service backend is required")]
    name = svc.get("name", "") or ""
    if not name:
        errs.append(field.required(f"{path}.service.name", ""))
    else:
        errs.extend(field.invalid(f"{path}.service.name", name, m) for m in validate_service_name(name, False))
    port = svc.get("port") or {}
    pname, pnum = port.get("name", "") or "", port.get("number", 0) or 0
    if pname and pnum:
        errs.append(field.invalid(path, "", "cannot set both port name & port number"))
    elif pname:
        errs.extend(field.invalid(f"{path}.service.port.name", pname, m) for m in g.is_valid_port_name(pname))
    elif pnum:
        errs.extend(field.invalid(f"{path}.service.port.number", pnum, m) for m in g.is_valid_port_num(pnum))
    else:
        errs.append(field.required(path, "port name or number is required"))
    return errs


def _validate_http_ingress_path(p: dict[str, Any], path: str) -> ErrorList:
    pt = p.get("pathType")
    if pt is None:
        return [field.required(f"{path}.pathType", "pathType must be specified")]
    errs: ErrorList = []
    text = p.get("path", "") or ""
    if pt in ("Exact", "Prefix"):
        if not text.startswith("/"):
            errs.append(field.invalid(f"{path}.path", text, "must be an absolute path"))
        if text:
            for seq in INVALID_PATH_SEQUENCES:
                if seq in text:
                    errs.append(field.invalid(f"{path}.path", text, f"must not contain '{seq}'"))
            for suf in INVALID_PATH_SUFFIXES:
                if text.endswith(suf):
                    errs.append(field.invalid(f"{path}.path", text, f"cannot end with '{suf}'"))
    elif pt == "ImplementationSpecific":
        if text and not text.startswith("/"):
            errs.append(field.invalid(f"{path}.path", text, "must be an absolute path"))
    else:
        errs.append(field.not_supported(f"{path}.pathType", pt, SUPPORTED_PATH_TYPES))
    errs.extend(validate_ingress_backend(p.get("backend") or {}, f"{path}.backend"))
    return errs


def validate_ingress_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIngressSpec"""
    errs: ErrorList = []
    rules = spec.get("rules") or []
    if not rules and spec.get("defaultBackend") is None:
        errs.append(field.invalid(path, gofmt.GoRepr("[]networking.IngressRule(nil)" if spec.get("rules") is None else "[]networking.IngressRule{}"), "either `defaultBackend` or `rules` must be specified"))
    if spec.get("defaultBackend") is not None:
        errs.extend(validate_ingress_backend(spec["defaultBackend"], f"{path}.defaultBackend"))
    for i, rule in enumerate(rules):
        rp = f"{path}.rules[{i}]"
        host = rule.get("host", "") or ""
        if host:
            herrs, _ = _validate_host(host, f"{rp}.host")
            errs.extend(herrs)
        http = rule.get("http")
        if http is not None:
            hp = f"{rp}.http"
            paths = http.get("paths") or []
            if not paths:
                errs.append(field.required(f"{hp}.paths", ""))
            for j, p in enumerate(paths):
                errs.extend(_validate_http_ingress_path(p, f"{hp}.paths[{j}]"))
    for t, tls in enumerate(spec.get("tls") or ()):
        tp = f"{path}.tls[{t}]"
        for i, host in enumerate(tls.get("hosts") or ()):
            fn = g.is_wildcard_dns1123_subdomain if "*" in host else g.is_dns1123_subdomain
            errs.extend(field.invalid(f"{tp}.hosts[{i}]", host, m) for m in fn(host))
        sn = tls.get("secretName", "") or ""
        if sn:
            errs.extend(field.invalid(f"{tp}.secretName", sn, m) for m in validate_secret_name(sn, False))
    icn = spec.get("ingressClassName")
    if icn is not None:
        errs.extend(field.invalid(f"{path}.ingressClassName", icn, m) for m in validate_ingress_class_name(icn, False))
    return errs


def _class_annotation(ing: dict[str, Any]) -> ErrorList:
    ann = (ing.get("metadata") or {}).get("annotations") or {}
    icn = (ing.get("spec") or {}).get("ingressClassName")
    if ANNOTATION_INGRESS_CLASS in ann and icn is not None and ann[ANNOTATION_INGRESS_CLASS] != icn:
        return [field.invalid(f"annotations.{ANNOTATION_INGRESS_CLASS}", ann[ANNOTATION_INGRESS_CLASS], "must match `ingressClassName` when both are specified")]
    return []


def validate_ingress_create(ing: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIngressCreate"""
    errs = validate_object_meta(ing.get("metadata"), True, validate_ingress_name, "metadata")
    errs.extend(validate_ingress_spec(ing.get("spec") or {}, "spec"))
    errs.extend(_class_annotation(ing))
    return errs


def validate_ingress_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIngressUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_object_meta(new.get("metadata"), True, validate_ingress_name, "metadata"))
    errs.extend(validate_ingress_spec(new.get("spec") or {}, "spec"))
    return errs


def validate_ingress_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIngressStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    lb = (new.get("status") or {}).get("loadBalancer") or {}
    for i, ing in enumerate(lb.get("ingress") or ()):
        p = f"status.loadBalancer.ingress[{i}]"
        if ing.get("ip"):
            errs.extend(g.is_valid_ip(f"{p}.ip", ing["ip"]))
        host = ing.get("hostname", "") or ""
        if host:
            errs.extend(field.invalid(f"{p}.hostname", host, m) for m in g.is_dns1123_subdomain(host))
            if g.parse_ip_sloppy(host) is not None:
                errs.append(field.invalid(f"{p}.hostname", host, "must be a DNS name, not an IP address"))
    return errs


# -- IngressClass ---------------------------------------------------------------------------------


def _validate_typed_local_object_reference(ref: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: validateIngressTypedLocalObjectReference"""
    errs: ErrorList = []
    group = ref.get("apiGroup")
    if group is not None:
        errs.extend(field.invalid(f"{path}.apiGroup", group, m) for m in g.is_dns1123_subdomain(group))
    for key in ("kind", "name"):
        v = ref.get(key, "") or ""
        if not v:
            errs.append(field.required(f"{path}.{key}", f"{key} is required"))
        else:
            errs.extend(field.invalid(f"{path}.{key}", v, m) for m in is_valid_path_segment_name(v))
    return errs


def _validate_ingress_class_spec(spec: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    ctrl = spec.get("controller", "") or ""
    if len(ctrl) > MAX_LEN_INGRESS_CLASS_CONTROLLER:
        errs.append(field.too_long(f"{path}.controller", "", MAX_LEN_INGRESS_CLASS_CONTROLLER))
    errs.extend(g.is_domain_prefixed_path(f"{path}.controller", ctrl))
    params = spec.get("parameters")
    if params is not None:
        pp = f"{path}.parameters"
        errs.extend(_validate_typed_local_object_reference(params, pp))
        scope = params.get("scope")
        if scope is None:
            errs.append(field.required(f"{pp}.scope", ""))
        elif scope not in ("Cluster", "Namespace"):
            errs.append(field.not_supported(f"{pp}.scope", scope, ["Cluster", "Namespace"]))
        elif scope == "Namespace":
            ns = params.get("namespace")
            if ns is None:
                errs.append(field.required(f"{pp}.namespace", "`parameters.scope` is set to 'Namespace'"))
            else:
                errs.extend(field.invalid(f"{pp}.namespace", ns, m) for m in name_is_dns_label(ns, False))
        elif params.get("namespace") is not None:
            errs.append(field.forbidden(f"{pp}.namespace", "`parameters.scope` is set to 'Cluster'"))
    return errs


def validate_ingress_class(ic: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIngressClass"""
    errs = validate_object_meta(ic.get("metadata"), False, validate_ingress_class_name, "metadata")
    errs.extend(_validate_ingress_class_spec(ic.get("spec") or {}, "spec"))
    return errs


def validate_ingress_class_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/networking/validation/validation.go :: ValidateIngressClassUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_immutable_field((new.get("spec") or {}).get("controller", ""), (old.get("spec") or {}).get("controller", ""), "spec.controller"))
    errs.extend(validate_ingress_class(new))
    return errs


