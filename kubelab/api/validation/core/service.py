"""Services: ports, types, selectors, cluster IPs and IP families, traffic policies.

Upstream: pkg/apis/core/validation/validation.go (ValidateService, validateServicePort,
ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate, ...), pkg/api/service/util.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.common import (
    validate_dns1123_label,
    validate_dns1123_subdomain,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
    validate_service_name,
)
from kubelab.api.validation.core.containers import (
    SUPPORTED_PORT_PROTOCOLS,
    validate_port_num_or_name,
)

SUPPORTED_SESSION_AFFINITY = ("ClientIP", "None")
SUPPORTED_SERVICE_TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
SUPPORTED_INTERNAL_TRAFFIC_POLICIES = ("Cluster", "Local")
SUPPORTED_EXTERNAL_TRAFFIC_POLICIES = ("Cluster", "Local")
SUPPORTED_IP_FAMILIES = ("IPv4", "IPv6")
SUPPORTED_IP_FAMILY_POLICIES = ("PreferDualStack", "RequireDualStack", "SingleStack")
MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 86400
ANNOTATION_LOAD_BALANCER_SOURCE_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges"
ANNOTATION_TOPOLOGY_MODE = "service.kubernetes.io/topology-mode"
DEPRECATED_ANNOTATION_TOPOLOGY_AWARE_HINTS = "service.kubernetes.io/topology-aware-hints"
CLUSTER_IP_NONE = "None"


def is_headless_service(spec: dict[str, Any]) -> bool:
    """Mirrors: pkg/apis/core/validation/validation.go :: isHeadlessService"""
    ips = spec.get("clusterIPs") or []
    return len(ips) == 1 and ips[0] == CLUSTER_IP_NONE


def externally_accessible(spec: dict[str, Any]) -> bool:
    """Mirrors: pkg/api/service/util.go :: ExternallyAccessible"""
    t = spec.get("type")
    return t in ("LoadBalancer", "NodePort") or (t == "ClusterIP" and bool(spec.get("externalIPs")))


def needs_health_check(spec: dict[str, Any]) -> bool:
    """Mirrors: pkg/api/service/util.go :: NeedsHealthCheck"""
    return spec.get("type") == "LoadBalancer" and spec.get("externalTrafficPolicy") == "Local"


def validate_non_special_ip(ip_text: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateNonSpecialIP"""
    ip = g.parse_ip_sloppy(ip_text)
    if ip is None:
        return [field.invalid(path, ip_text, "must be a valid IP address")]
    errs: ErrorList = []
    if ip.is_unspecified:
        errs.append(field.invalid(path, ip_text, f"may not be unspecified ({ip_text})"))
    if ip.is_loopback:
        errs.append(field.invalid(path, ip_text, "may not be in the loopback range (127.0.0.0/8, ::1/128)"))
    link_local_unicast = (ip.version == 4 and ip.is_link_local) or (ip.version == 6 and ip.is_link_local)
    if link_local_unicast:
        errs.append(field.invalid(path, ip_text, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"))
    text = str(ip)
    if (ip.version == 4 and text.startswith("224.0.0.")) or (ip.version == 6 and text.startswith("ff02:")):
        errs.append(field.invalid(path, ip_text, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"))
    return errs


def validate_service_port(sp: dict[str, Any], require_name: bool, names: set[str], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateServicePort"""
    errs: ErrorList = []
    name = sp.get("name", "") or ""
    if require_name and not name:
        errs.append(field.required(f"{path}.name", ""))
    elif name:
        errs.extend(validate_dns1123_label(name, f"{path}.name"))
        if name in names:
            errs.append(field.duplicate(f"{path}.name", name))
        else:
            names.add(name)
    port = sp.get("port", 0) or 0
    errs.extend(field.invalid(f"{path}.port", port, m) for m in g.is_valid_port_num(port))
    proto = sp.get("protocol", "") or ""
    if not proto:
        errs.append(field.required(f"{path}.protocol", ""))
    elif proto not in SUPPORTED_PORT_PROTOCOLS:
        errs.append(field.not_supported(f"{path}.protocol", proto, SUPPORTED_PORT_PROTOCOLS))
    errs.extend(validate_port_num_or_name(sp.get("targetPort", 0), f"{path}.targetPort"))
    ap = sp.get("appProtocol")
    if ap is not None:
        errs.extend(validate_qualified_name(ap, f"{path}.appProtocol"))
    return errs


def validate_service_cluster_ips_related_fields(spec: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateServiceClusterIPsRelatedFields"""
    if spec.get("type") == "ExternalName":
        return []
    errs: ErrorList = []
    ips_path, fam_path, pol_path = "spec.clusterIPs", "spec.ipFamilies", "spec.ipFamilyPolicy"
    cluster_ip = spec.get("clusterIP", "") or ""
    ips = spec.get("clusterIPs") or []
    shown = gofmt.GoRepr(gofmt.string_slice(ips))
    if cluster_ip:
        if not ips:
            errs.append(field.required(ips_path, ""))
        elif ips[0] != cluster_ip:
            errs.append(field.invalid(ips_path, shown, "first value must match `clusterIP`"))
    elif ips:
        errs.append(field.invalid(ips_path, shown, "must be empty when `clusterIP` is not specified"))
    seen: set[str] = set()
    for i, fam in enumerate(spec.get("ipFamilies") or ()):
        if fam not in SUPPORTED_IP_FAMILIES:
            errs.append(field.not_supported(f"{fam_path}[{i}]", fam, SUPPORTED_IP_FAMILIES))
        if fam in seen:
            errs.append(field.duplicate(f"{fam_path}[{i}]", fam))
        seen.add(fam)
    pol = spec.get("ipFamilyPolicy")
    if pol is not None and pol not in SUPPORTED_IP_FAMILY_POLICIES:
        errs.append(field.not_supported(pol_path, pol, SUPPORTED_IP_FAMILY_POLICIES))
    invalid = False
    for i, ip in enumerate(ips):
        if i == 0 and ip == CLUSTER_IP_NONE:
            if len(ips) > 1:
                invalid = True
                errs.append(field.invalid(ips_path, shown, "'None' must be the first and only value"))
            continue
        e = g.is_valid_ip(f"{ips_path}[{i}]", ip)
        if e:
            invalid = True
            errs.extend(e)
    if len(ips) > 2:
        errs.append(field.invalid(ips_path, shown, "may only hold up to 2 values"))
    if invalid:
        return errs
    if len(ips) > 1:
        fams = {g.parse_ip_sloppy(ip).version for ip in ips}  # type: ignore[union-attr]
        if len(fams) != 2:
            errs.append(field.invalid(ips_path, shown, "may specify no more than one IP for each IP family"))
    families = spec.get("ipFamilies") or []
    if not is_headless_service(spec) and ips and families:
        for i, ip in enumerate(ips):
            if i > len(families) - 1:
                break
            v6 = ":" in ip
            if families[i] == "IPv4" and v6:
                errs.append(field.invalid(f"{ips_path}[{i}]", ip, f"expected an IPv4 value as indicated by `ipFamilies[{i}]`"))
            if families[i] == "IPv6" and not v6:
                errs.append(field.invalid(f"{ips_path}[{i}]", ip, f"expected an IPv6 value as indicated by `ipFamilies[{i}]`"))
    return errs


def _validate_load_balancer_class(old: dict[str, Any] | None, spec: dict[str, Any]) -> ErrorList:
    errs: ErrorList = []
    lbc = spec.get("loadBalancerClass")
    if old is not None and old.get("type") == "LoadBalancer" and spec.get("type") == "LoadBalancer":
        if old.get("loadBalancerClass") != lbc:
            errs.append(field.invalid("spec.loadBalancerClass", lbc, "may not change once set"))
    if spec.get("type") == "LoadBalancer":
        if lbc is not None:
            errs.extend(validate_qualified_name(lbc, "spec.loadBalancerClass"))
    elif lbc is not None:
        errs.append(field.forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"))
    return errs


def validate_service(svc: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateService"""
    meta = svc.get("metadata") or {}
    spec = svc.get("spec") or {}
    errs = validate_object_meta(meta, True, validate_service_name, "metadata")
    ann = meta.get("annotations") or {}
    if ANNOTATION_TOPOLOGY_MODE in ann and DEPRECATED_ANNOTATION_TOPOLOGY_AWARE_HINTS in ann and ann[ANNOTATION_TOPOLOGY_MODE] != ann[DEPRECATED_ANNOTATION_TOPOLOGY_AWARE_HINTS]:
        errs.append(field.invalid(f"metadata.annotations[{ANNOTATION_TOPOLOGY_MODE}]", ann[ANNOTATION_TOPOLOGY_MODE], f"must match annotations[{DEPRECATED_ANNOTATION_TOPOLOGY_AWARE_HINTS}] when both are specified"))
    stype = spec.get("type", "") or ""
    ports = spec.get("ports") or []
    headless = is_headless_service(spec)
    if not ports and not headless and stype != "ExternalName":
        errs.append(field.required("spec.ports", ""))
    ips = spec.get("clusterIPs") or []
    if stype == "LoadBalancer" and headless:
        errs.append(field.invalid("spec.clusterIPs[0]", ips[0], "may not be set to 'None' for LoadBalancer services"))
    elif stype == "NodePort" and headless:
        errs.append(field.invalid("spec.clusterIPs[0]", ips[0], "may not be set to 'None' for NodePort services"))
    elif stype == "ExternalName":
        if ips:
            errs.append(field.forbidden("spec.clusterIPs", "may not be set for ExternalName services"))
        if spec.get("ipFamilies"):
            errs.append(field.forbidden("spec.ipFamilies", "may not be set for ExternalName services"))
        if spec.get("ipFamilyPolicy") is not None:
            errs.append(field.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"))
        cname = (spec.get("externalName", "") or "").removesuffix(".")
        if cname:
            errs.extend(validate_dns1123_subdomain(cname, "spec.externalName"))
        else:
            errs.append(field.required("spec.externalName", ""))
    names: set[str] = set()
    for i, sp in enumerate(ports):
        errs.extend(validate_service_port(sp, len(ports) > 1, names, f"spec.ports[{i}]"))
    if spec.get("selector") is not None:
        errs.extend(g.validate_labels(spec["selector"], "spec.selector"))
    sa = spec.get("sessionAffinity", "") or ""
    if not sa:
        errs.append(field.required("spec.sessionAffinity", ""))
    elif sa not in SUPPORTED_SESSION_AFFINITY:
        errs.append(field.not_supported("spec.sessionAffinity", sa, SUPPORTED_SESSION_AFFINITY))
    sac = spec.get("sessionAffinityConfig")
    if sa == "ClientIP":
        errs.extend(_validate_client_ip_affinity_config(sac, "spec.sessionAffinityConfig"))
    elif sa == "None" and sac is not None:
        errs.append(field.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"))
    errs.extend(validate_service_cluster_ips_related_fields(spec))
    for i, ip in enumerate(spec.get("externalIPs") or ()):
        p = f"spec.externalIPs[{i}]"
        e = g.is_valid_ip(p, ip)
        errs.extend(e if e else validate_non_special_ip(ip, p))
    if not stype:
        errs.append(field.required("spec.type", ""))
    elif stype not in SUPPORTED_SERVICE_TYPES:
        errs.append(field.not_supported("spec.type", stype, SUPPORTED_SERVICE_TYPES))
    if stype == "ClusterIP":
        for i, sp in enumerate(ports):
            if sp.get("nodePort"):
                errs.append(field.forbidden(f"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'"))
    node_ports: set[tuple[str, int]] = set()
    for i, sp in enumerate(ports):
        np = sp.get("nodePort", 0) or 0
        if not np:
            continue
        key = (sp.get("protocol", ""), np)
        if key in node_ports:
            errs.append(field.duplicate(f"spec.ports[{i}].nodePort", np))
        node_ports.add(key)
    seen_ports: set[tuple[str, int]] = set()
    for i, sp in enumerate(ports):
        key = (sp.get("protocol", "") or "", sp.get("port", 0) or 0)
        if key in seen_ports:
            errs.append(field.duplicate(f"spec.ports[{i}]", gofmt.service_port_key(*key)))
        seen_ports.add(key)
    ranges = spec.get("loadBalancerSourceRanges") or []
    if ranges:
        if stype != "LoadBalancer":
            errs.append(field.forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"))
        for i, r in enumerate(ranges):
            errs.extend(g.is_valid_cidr(f"spec.LoadBalancerSourceRanges[{i}]", r.strip()))
    elif ANNOTATION_LOAD_BALANCER_SOURCE_RANGES in ann:
        p = f"metadata.annotations[{ANNOTATION_LOAD_BALANCER_SOURCE_RANGES}]"
        if stype != "LoadBalancer":
            errs.append(field.forbidden(p, "may only be used when `type` is 'LoadBalancer'"))
        val = ann[ANNOTATION_LOAD_BALANCER_SOURCE_RANGES].strip()
        if val:
            for r in val.split(","):
                errs.extend(g.is_valid_cidr(p, r.strip()))
    if spec.get("allocateLoadBalancerNodePorts") is not None and stype != "LoadBalancer":
        errs.append(field.forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"))
    if stype == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is None:
        errs.append(field.required("allocateLoadBalancerNodePorts", ""))
    errs.extend(_validate_load_balancer_class(None, spec))
    errs.extend(_validate_external_traffic_policy(spec))
    itp = spec.get("internalTrafficPolicy")
    if itp is None:
        if stype in ("NodePort", "LoadBalancer", "ClusterIP"):
            errs.append(field.required("spec.internalTrafficPolicy", ""))
    elif itp not in SUPPORTED_INTERNAL_TRAFFIC_POLICIES:
        errs.append(field.not_supported("spec.internalTrafficPolicy", itp, SUPPORTED_INTERNAL_TRAFFIC_POLICIES))
    td = spec.get("trafficDistribution")
    if td is not None and td not in ("PreferClose", "PreferSameZone", "PreferSameNode"):
        errs.append(field.not_supported("spec.trafficDistribution", td, ["PreferClose", "PreferSameZone", "PreferSameNode"]))
    return errs


def _validate_client_ip_affinity_config(cfg: dict[str, Any] | None, path: str) -> ErrorList:
    msg = "when session affinity type is ClientIP"
    if cfg is None:
        return [field.required(path, msg)]
    cip = cfg.get("clientIP")
    if cip is None:
        return [field.required(f"{path}.clientIP", msg)]
    t = cip.get("timeoutSeconds")
    if t is None:
        return [field.required(f"{path}.clientIP.timeoutSeconds", msg)]
    if t <= 0 or t > MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS:
        return [field.invalid(f"{path}.clientIP.timeoutSeconds", t, f"must be greater than 0 and less than {MAX_CLIENT_IP_SERVICE_AFFINITY_SECONDS}")]
    return []


def _validate_external_traffic_policy(spec: dict[str, Any]) -> ErrorList:
    errs: ErrorList = []
    etp = spec.get("externalTrafficPolicy", "") or ""
    if not externally_accessible(spec):
        if etp:
            errs.append(field.invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"))
    elif not etp:
        errs.append(field.required("spec.externalTrafficPolicy", ""))
    elif etp not in SUPPORTED_EXTERNAL_TRAFFIC_POLICIES:
        errs.append(field.not_supported("spec.externalTrafficPolicy", etp, SUPPORTED_EXTERNAL_TRAFFIC_POLICIES))
    hc = spec.get("healthCheckNodePort", 0) or 0
    if not needs_health_check(spec):
        if hc:
            errs.append(field.invalid("spec.healthCheckNodePort", hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
    elif not hc:
        errs.append(field.required("spec.healthCheckNodePort", ""))
    else:
        errs.extend(field.invalid("spec.healthCheckNodePort", hc, m) for m in g.is_valid_port_num(hc))
    return errs


def _policy_value(spec: dict[str, Any]) -> Any:
    return spec.get("ipFamilyPolicy")


def _validate_upgrade_downgrade_cluster_ips(old: dict[str, Any], new: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateUpgradeDowngradeClusterIPs"""
    if new.get("type") == "ExternalName" or old.get("type") == "ExternalName":
        return []
    if is_headless_service(old) and is_headless_service(new):
        return []
    oips, nips = old.get("clusterIPs") or [], new.get("clusterIPs") or []
    shown = gofmt.GoRepr(gofmt.string_slice(nips))
    errs: ErrorList = []
    if len(oips) == len(nips):
        for i, ip in enumerate(oips):
            if ip != nips[i]:
                errs.append(field.invalid(f"spec.clusterIPs[{i}]", shown, "may not change once set"))
    elif len(oips) > len(nips):
        if not nips:
            errs.append(field.invalid("spec.clusterIPs[0]", shown, "primary clusterIP can not be unset"))
        if oips and nips and nips[0] != oips[0]:
            errs.append(field.invalid("spec.clusterIPs[0]", shown, "may not change once set"))
        if len(nips) == 1 and new.get("ipFamilyPolicy") != "SingleStack":
            errs.append(field.invalid("spec.ipFamilyPolicy", _policy_value(new), "must be set to 'SingleStack' when releasing the secondary clusterIP"))
    elif oips and nips[0] != oips[0]:
        errs.append(field.invalid("spec.clusterIPs[0]", shown, "may not change once set"))
    return errs


def _validate_upgrade_downgrade_ip_families(old: dict[str, Any], new: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateUpgradeDowngradeIPFamilies

    Like upstream, two of its messages print the clusterIPs, not the families.
    """
    if new.get("type") == "ExternalName" or old.get("type") == "ExternalName":
        return []
    old_headless, new_headless = is_headless_service(old), is_headless_service(new)
    if old_headless != new_headless or new_headless:
        return []
    of, nf = old.get("ipFamilies") or [], new.get("ipFamilies") or []
    families = gofmt.GoRepr(gofmt.string_slice(nf, "[]core.IPFamily"))
    ips = gofmt.GoRepr(gofmt.string_slice(new.get("clusterIPs") or []))
    path = "spec.ipFamilies[0]"
    errs: ErrorList = []
    if len(of) == len(nf):
        for i, f in enumerate(of):
            if f != nf[i]:
                errs.append(field.invalid(path, families, "may not change once set"))
    elif len(of) > len(nf):
        if not new.get("clusterIPs"):
            errs.append(field.invalid(path, families, "primary ipFamily can not be unset"))
        if nf and nf[0] != of[0]:
            errs.append(field.invalid(path, ips, "may not change once set"))
        if len(nf) == 1 and new.get("ipFamilyPolicy") != "SingleStack":
            errs.append(field.invalid("spec.ipFamilyPolicy", _policy_value(new), "must be set to 'SingleStack' when releasing the secondary ipFamily"))
    elif of and nf and nf[0] != of[0]:
        errs.append(field.invalid(path, ips, "may not change once set"))
    return errs


def validate_service_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateServiceUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    errs.extend(_validate_upgrade_downgrade_cluster_ips(os_, ns))
    errs.extend(_validate_upgrade_downgrade_ip_families(os_, ns))
    errs.extend(_validate_load_balancer_class(os_, ns))
    if needs_health_check(os_) and needs_health_check(ns) and ns.get("healthCheckNodePort") != os_.get("healthCheckNodePort"):
        errs.append(field.forbidden("spec.healthCheckNodePort", "field is immutable"))
    errs.extend(validate_service(new))
    return errs


def validate_load_balancer_status(status: dict[str, Any], path: str, spec: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateLoadBalancerStatus (LoadBalancerIPMode on)"""
    ingress = status.get("ingress") or []
    ip_path = f"{path}.ingress"
    if spec.get("type") != "LoadBalancer" and ingress:
        return [field.forbidden(ip_path, "may only be used when `spec.type` is 'LoadBalancer'")]
    errs: ErrorList = []
    for i, ing in enumerate(ingress):
        p = f"{ip_path}[{i}]"
        ip = ing.get("ip", "") or ""
        if ip:
            errs.extend(g.is_valid_ip(f"{p}.ip", ip))
        mode = ing.get("ipMode")
        if mode is None:
            if ip:
                errs.append(field.required(f"{p}.ipMode", "must be specified when `ip` is set"))
        elif not ip:
            errs.append(field.forbidden(f"{p}.ipMode", "may not be specified when `ip` is not set"))
        elif mode not in ("Proxy", "VIP"):
            errs.append(field.not_supported(f"{p}.ipMode", mode, ["Proxy", "VIP"]))
        host = ing.get("hostname", "") or ""
        if host:
            errs.extend(validate_dns1123_subdomain(host, f"{p}.hostname"))
            if g.parse_ip_sloppy(host) is not None:
                errs.append(field.invalid(f"{p}.hostname", host, "must be a DNS name, not an IP address"))
    return errs


def validate_service_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateServiceStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    lb = (new.get("status") or {}).get("loadBalancer") or {}
    errs.extend(validate_load_balancer_status(lb, "status.loadBalancer", new.get("spec") or {}))
    return errs
