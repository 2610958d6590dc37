"""PodSpec fields with validators of their own: securityContext, dnsConfig, claims, resources.

ValidatePodSpec (in ``pod``) calls these in its order. The security context's sysctls,
and the pod-level resources against the containers' requests and limits, are checked here.

Upstream: pkg/apis/core/validation/validation.go (validatePodSpecSecurityContext,
validateSysctls, validatePodDNSConfig, validatePodResourceClaims, validatePodResources)
"""

from __future__ import annotations

import re
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.quantity import Quantity
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core import securitycontext as sctx
from kubelab.api.validation.core.common import (
    PodValidationOptions,
    validate_dns1123_label,
    validate_dns1123_subdomain,
)
from kubelab.api.validation.core.resources import (
    quantity,
    validate_pod_resource_name,
    validate_resource_requirements,
)
from kubelab.api.validation.objectmeta import name_is_dns_subdomain

MAX_DNS_NAMESERVERS = 3
MAX_DNS_SEARCH_PATHS = 32
MAX_DNS_SEARCH_LIST_CHARS = 2048

FS_GROUP_CHANGE_POLICIES = ("Always", "OnRootMismatch")
SUPPLEMENTAL_GROUPS_POLICIES = ("Merge", "Strict")

SYSCTL_SEGMENT_FMT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
SYSCTL_CONTAIN_SLASH_FMT = "(" + SYSCTL_SEGMENT_FMT + "[\\./])*" + SYSCTL_SEGMENT_FMT
SYSCTL_MAX_LENGTH = 253
_sysctl_re = re.compile("^" + SYSCTL_CONTAIN_SLASH_FMT + "$", re.ASCII)


def _sysctl_namespace(name: str) -> str:
    n = name.replace("/", ".")
    if n.startswith("net."):
        return "net"
    if n == "kernel.sem" or n.startswith(("kernel.shm", "kernel.msg", "fs.mqueue.")):
        return "ipc"
    return ""


def _validate_sysctls(spec: dict[str, Any], sysctls: list[dict[str, Any]], path: str, opts: PodValidationOptions) -> ErrorList:
    errs: ErrorList = []
    names: set[str] = set()
    for i, s in enumerate(sysctls):
        name = s.get("name", "") or ""
        np = f"{path}[{i}].name"
        if not name:
            errs.append(field.required(np, ""))
        elif len(name) > SYSCTL_MAX_LENGTH or not _sysctl_re.match(name):
            errs.append(field.invalid(np, name, f"must have at most {SYSCTL_MAX_LENGTH} characters and match regex ^{SYSCTL_CONTAIN_SLASH_FMT}$"))
        elif name in names:
            errs.append(field.duplicate(np, name))
        if not opts.allow_namespaced_sysctls_for_host_net_and_host_ipc:
            ns = _sysctl_namespace(name)
            if spec.get("hostNetwork") and ns == "net":
                errs.append(field.invalid(np, name, "may not be specified when 'hostNetwork' is true"))
            elif spec.get("hostIPC") and ns == "ipc":
                errs.append(field.invalid(np, name, "may not be specified when 'hostIPC' is true"))
        names.add(name)
    return errs


def validate_pod_spec_security_context(spec: dict[str, Any], path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validatePodSpecSecurityContext

    The internal PodSecurityContext also holds the wire spec's hostNetwork, hostPID,
    hostIPC and shareProcessNamespace, so those are read from the spec.

    Differences: windowsOptions are not checked.
    """
    sc = spec.get("securityContext") or {}
    errs: ErrorList = []
    for key, fn in (("fsGroup", g.is_valid_group_id), ("runAsUser", g.is_valid_user_id), ("runAsGroup", g.is_valid_group_id)):
        v = sc.get(key)
        if v is not None:
            errs.extend(field.invalid(f"{path}.{key}", v, m) for m in fn(v))
    for i, gid in enumerate(sc.get("supplementalGroups") or ()):
        errs.extend(field.invalid(f"{path}.supplementalGroups[{i}]", gid, m) for m in g.is_valid_group_id(gid))
    spn = spec.get("shareProcessNamespace")
    if spn is not None and spec.get("hostPID") and spn:
        errs.append(field.invalid(f"{path}.shareProcessNamespace", spn, "ShareProcessNamespace and HostPID cannot both be enabled"))
    if sc.get("sysctls"):
        errs.extend(_validate_sysctls(spec, sc["sysctls"], f"{path}.sysctls", opts))
    fcp = sc.get("fsGroupChangePolicy")
    if fcp is not None and fcp not in FS_GROUP_CHANGE_POLICIES:
        errs.append(field.not_supported(f"{path}.fsGroupChangePolicy", fcp, FS_GROUP_CHANGE_POLICIES))
    errs.extend(sctx.validate_seccomp_profile_field(sc.get("seccompProfile"), f"{path}.seccompProfile"))
    errs.extend(sctx.validate_app_armor_profile_field(sc.get("appArmorProfile"), f"{path}.appArmorProfile"))
    sgp = sc.get("supplementalGroupsPolicy")
    if sgp is not None and sgp not in SUPPLEMENTAL_GROUPS_POLICIES:
        errs.append(field.not_supported(f"{path}.supplementalGroupsPolicy", sgp, SUPPLEMENTAL_GROUPS_POLICIES))
    scp = sc.get("seLinuxChangePolicy")
    if scp is not None:
        allowed = ("Recursive",) if opts.allow_only_recursive_se_linux_change_policy else ("MountOption", "Recursive")
        if scp not in allowed:
            errs.append(field.not_supported(f"{path}.seLinuxChangePolicy", scp, allowed))
    return errs


def validate_pod_dns_config(dns: dict[str, Any] | None, policy: str, path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validatePodDNSConfig"""
    if policy == "None":
        if dns is None:
            return [field.required(path, "must provide `dnsConfig` when `dnsPolicy` is None")]
        if not dns.get("nameservers"):
            return [field.required(f"{path}.nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None")]
    if dns is None:
        return []
    errs: ErrorList = []
    ns = dns.get("nameservers") or []
    if len(ns) > MAX_DNS_NAMESERVERS:
        errs.append(field.invalid(f"{path}.nameservers", gofmt.GoRepr(gofmt.string_slice(ns)), f"must not have more than {MAX_DNS_NAMESERVERS} nameservers"))
    for i, n in enumerate(ns):
        errs.extend(g.is_valid_ip(f"{path}.nameservers[{i}]", n))
    searches = dns.get("searches") or []
    if len(searches) > MAX_DNS_SEARCH_PATHS:
        errs.append(field.invalid(f"{path}.searches", gofmt.GoRepr(gofmt.string_slice(searches)), f"must not have more than {MAX_DNS_SEARCH_PATHS} search paths"))
    if len(" ".join(searches)) > MAX_DNS_SEARCH_LIST_CHARS:
        errs.append(field.invalid(f"{path}.searches", gofmt.GoRepr(gofmt.string_slice(searches)), f"must not have more than {MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list"))
    for i, s in enumerate(searches):
        sp = f"{path}.searches[{i}]"
        if opts.allow_relaxed_dns_search_validation:
            if s != ".":
                s = s.removesuffix(".")
                errs.extend(field.invalid(sp, s, m) for m in g.is_dns1123_subdomain_with_underscore(s))
        else:
            errs.extend(validate_dns1123_subdomain(s.removesuffix("."), sp))
    for i, o in enumerate(dns.get("options") or ()):
        if not o.get("name"):
            errs.append(field.required(f"{path}.options[{i}]", "must not be empty"))
    return errs


def _validate_resource_claims(pod_meta: dict[str, Any] | None, claims: list[dict[str, Any]] | None, path: str) -> ErrorList:
    if not claims:
        return []
    errs: ErrorList = []
    names: set[str] = set()
    for i, c in enumerate(claims):
        p = f"{path}[{i}]"
        name = c.get("name", "") or ""
        if not name:
            errs.append(field.required(f"{p}.name", ""))
        elif name in names:
            errs.append(field.duplicate(f"{p}.name", name))
        else:
            errs.extend(validate_dns1123_label(name, f"{p}.name"))
            names.add(name)
        rcn, rtn = c.get("resourceClaimName"), c.get("resourceClaimTemplateName")
        if rcn is not None and rtn is not None:
            errs.append(field.invalid(p, gofmt.struct("core.PodResourceClaim", c), "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified"))
        if rcn is None and rtn is None:
            errs.append(field.invalid(p, gofmt.struct("core.PodResourceClaim", c), "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"))
        for key, v in (("resourceClaimName", rcn), ("resourceClaimTemplateName", rtn)):
            if v is not None:
                errs.extend(field.invalid(f"{p}.{key}", v, m) for m in name_is_dns_subdomain(v, False))
    return errs


def _aggregate_requests(spec: dict[str, Any]) -> dict[str, Quantity]:
    total: dict[str, Quantity] = {}
    sink: ErrorList = []
    for c in spec.get("containers") or ():
        for k, v in ((c.get("resources") or {}).get("requests") or {}).items():
            q = quantity(v, "", sink)
            if q is not None:
                total[k] = total[k] + q if k in total else q
    for c in spec.get("initContainers") or ():
        for k, v in ((c.get("resources") or {}).get("requests") or {}).items():
            q = quantity(v, "", sink)
            if q is not None and (k not in total or q.cmp(total[k]) > 0):
                total[k] = q
    return total


def _validate_pod_resources(spec: dict[str, Any], claims: frozenset[str], path: str, opts: PodValidationOptions) -> ErrorList:
    res = spec.get("resources")
    if res is None:
        return []
    errs: ErrorList = []
    if res.get("claims") is not None:
        errs.append(field.forbidden(f"{path}.claims", "claims cannot be set for Resources at pod-level"))
    errs.extend(validate_resource_requirements(res, validate_pod_resource_name, claims, path, opts))
    sink: ErrorList = []
    pod_req = res.get("requests") or {}
    for k, agg in sorted(_aggregate_requests(spec).items()):
        pq = quantity(pod_req.get(k, 0), "", sink) or Quantity()
        if agg.cmp(pq) > 0:
            errs.append(field.invalid(f"{path}.requests[{k}]", str(pq), f"must be greater than or equal to aggregate container requests of {agg}"))
    pod_lim = res.get("limits") or {}
    for i, c in enumerate(spec.get("containers") or ()):
        for k, v in sorted(((c.get("resources") or {}).get("limits") or {}).items()):
            if k not in pod_lim:
                continue
            cq, plq = quantity(v, "", sink), quantity(pod_lim[k], "", sink)
            if cq is not None and plq is not None and cq.cmp(plq) > 0:
                errs.append(field.invalid(f"{path}.containers[{i}][{k}].limits", str(cq), f"must be less than or equal to pod limits of {plq}"))
    return errs
