"""Pod specs, pod templates and pods on create: the checks ValidatePodSpec runs, in its order.

The pod-level fields with validators of their own (securityContext, dnsConfig,
resourceClaims, resources) are checked in ``pod_spec_fields``, re-exported here.

Upstream: pkg/apis/core/validation/validation.go (ValidatePodSpec, ValidatePodCreate,
validatePodMetadataAndSpec, ValidatePodTemplateSpec, ValidatePodSpecificAnnotations, ...)
"""

from __future__ import annotations

import json
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core import affinity as aff
from kubelab.api.validation.core import containers as ctr
from kubelab.api.validation.core.common import (
    PodValidationOptions,
    validate_dns1123_label,
    validate_dns1123_subdomain,
    validate_node_name,
    validate_object_meta,
    validate_pod_name,
    validate_priority_class_name,
    validate_qualified_name,
    validate_service_account_name,
)
from kubelab.api.validation.core.pod_spec_fields import (
    FS_GROUP_CHANGE_POLICIES,
    MAX_DNS_NAMESERVERS,
    MAX_DNS_SEARCH_LIST_CHARS,
    MAX_DNS_SEARCH_PATHS,
    SUPPLEMENTAL_GROUPS_POLICIES,
    SYSCTL_CONTAIN_SLASH_FMT,
    SYSCTL_MAX_LENGTH,
    SYSCTL_SEGMENT_FMT,
    _validate_pod_resources,
    _validate_resource_claims,
    validate_pod_dns_config,
    validate_pod_spec_security_context,
)
from kubelab.api.validation.core.resources import validate_container_resource_requirements
from kubelab.api.validation.core.volumes import validate_local_descending_path, validate_volumes
from kubelab.api.validation.objectmeta import name_is_dns_subdomain, validate_annotations

MAX_INT32 = 2147483647

MIRROR_POD_ANNOTATION_KEY = "kubernetes.io/config.mirror"
TOLERATIONS_ANNOTATION_KEY = "scheduler.alpha.kubernetes.io/tolerations"
POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
SECCOMP_POD_ANNOTATION_KEY = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX = "container.seccomp.security.alpha.kubernetes.io/"
APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX = "container.apparmor.security.beta.kubernetes.io/"

RESTART_POLICIES = ("Always", "OnFailure", "Never")
DNS_POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
PREEMPTION_POLICIES = ("PreemptLowerPriority", "Never")
VALID_OS = ("linux", "windows")

# Fields a pod with a Linux or Windows os may not set, checked per container.
_WINDOWS_FORBIDDEN_CONTAINER_SC = (
    "appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities", "readOnlyRootFilesystem",
    "privileged", "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup",
)


def visit_containers_with_path(spec: dict[str, Any], path: str) -> list[tuple[dict[str, Any], str]]:
    """Mirrors: pkg/apis/core/pods/helpers.go :: VisitContainersWithPath (init, regular, ephemeral)."""
    out = []
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for i, c in enumerate(spec.get(key) or ()):
            out.append((c, f"{path}.{key}[{i}]"))
    return out


# -- annotations ----------------------------------------------------------------------------------


def _deletion_cost_ok(value: str) -> bool:
    if not value or not (value[0] == "-" or value == "0" or "1" <= value[0] <= "9"):
        return False
    try:
        v = int(value, 10)
    except ValueError:
        return False
    return -(1 << 31) <= v < (1 << 31) and value.lstrip("-").isdigit()


def validate_seccomp_profile(p: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateSeccompProfile"""
    if p in ("runtime/default", "docker/default", "unconfined"):
        return []
    if p.startswith("localhost/"):
        return validate_local_descending_path(p[len("localhost/"):], path)
    return [field.invalid(path, p, "must be a valid seccomp profile")]


def validate_pod_specific_annotations(annotations: dict[str, str] | None, spec: dict[str, Any], path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodSpecificAnnotations"""
    if not annotations:
        return []
    errs: ErrorList = []
    if MIRROR_POD_ANNOTATION_KEY in annotations and not spec.get("nodeName"):
        errs.append(field.invalid(f"{path}[{MIRROR_POD_ANNOTATION_KEY}]", annotations[MIRROR_POD_ANNOTATION_KEY], "must set spec.nodeName if mirror pod annotation is set"))
    if annotations.get(TOLERATIONS_ANNOTATION_KEY):
        try:
            tols = json.loads(annotations[TOLERATIONS_ANNOTATION_KEY])
            if not isinstance(tols, list):
                raise ValueError("json: cannot unmarshal into Go value of type []v1.Toleration")
        except ValueError as e:
            errs.append(field.invalid(path, TOLERATIONS_ANNOTATION_KEY, str(e)))
        else:
            errs.extend(aff.validate_tolerations(tols, f"{path}.{TOLERATIONS_ANNOTATION_KEY}"))
    if not opts.allow_invalid_pod_deletion_cost and POD_DELETION_COST in annotations:
        if not _deletion_cost_ok(annotations[POD_DELETION_COST]):
            errs.append(field.invalid(f"{path}[{POD_DELETION_COST}]", annotations[POD_DELETION_COST], "must be a 32bit integer"))
    if SECCOMP_POD_ANNOTATION_KEY in annotations:
        errs.extend(validate_seccomp_profile(annotations[SECCOMP_POD_ANNOTATION_KEY], f"{path}.{SECCOMP_POD_ANNOTATION_KEY}"))
    for k in sorted(annotations):
        if k.startswith(SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX):
            errs.extend(validate_seccomp_profile(annotations[k], f"{path}.{k}"))
    for k in sorted(annotations):
        if not k.startswith(APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX):
            continue
        name = k[len(APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX):]
        if not any(c.get("name") == name for c, _ in visit_containers_with_path(spec, "spec")):
            errs.append(field.invalid(f"{path}[{k}]", name, "container not found"))
        p = annotations[k]
        if p and p not in ("runtime/default", "unconfined") and not p.startswith("localhost/"):
            errs.append(field.invalid(f"{path}[{k}]", p, f"invalid AppArmor profile name: {field.go_quote(p)}"))
    return errs


# -- pieces of the spec ----------------------------------------------------------------------------


def _validate_windows(spec: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    sc = spec.get("securityContext") or {}
    msg = "cannot be set for a windows pod"
    for key in ("appArmorProfile", "seLinuxOptions"):
        if sc.get(key) is not None:
            errs.append(field.forbidden(f"{path}.securityContext.{key}", msg))
    if sc.get("hostUsers") is not None:
        errs.append(field.forbidden(f"{path}.hostUsers", msg))
    for key in ("hostPID", "hostIPC"):
        if spec.get(key):
            errs.append(field.forbidden(f"{path}.{key}", msg))
    for key in ("seccompProfile", "fsGroup", "fsGroupChangePolicy"):
        if sc.get(key) is not None:
            errs.append(field.forbidden(f"{path}.securityContext.{key}", msg))
    if sc.get("sysctls"):
        errs.append(field.forbidden(f"{path}.securityContext.sysctls", msg))
    if spec.get("shareProcessNamespace") is not None:
        errs.append(field.forbidden(f"{path}.shareProcessNamespace", msg))
    for key in ("runAsUser", "runAsGroup", "supplementalGroups", "supplementalGroupsPolicy", "seLinuxChangePolicy"):
        if sc.get(key) is not None:
            errs.append(field.forbidden(f"{path}.securityContext.{key}", msg))
    for c, cp in visit_containers_with_path(spec, path):
        csc = c.get("securityContext")
        if csc is None:
            continue
        for key in _WINDOWS_FORBIDDEN_CONTAINER_SC:
            if csc.get(key) is not None:
                errs.append(field.forbidden(f"{cp}.securityContext.{key}", msg))
    return errs


def _validate_windows_host_process_pod(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateWindowsHostProcessPod

    Differences: hostProcess containers are always allowed by cluster policy.
    """
    pod_hp = ((spec.get("securityContext") or {}).get("windowsOptions") or {}).get("hostProcess")
    errs: ErrorList = []
    count = hp_count = 0
    for c, cp in visit_containers_with_path(spec, path):
        count += 1
        chp = ((c.get("securityContext") or {}).get("windowsOptions") or {}).get("hostProcess")
        if pod_hp is not None and chp is not None and pod_hp != chp:
            errs.append(field.invalid(f"{cp}.securityContext.windowsOptions.hostProcess", chp, f"pod hostProcess value must be identical if both are specified, was {'true' if pod_hp else 'false'}"))
        if chp is True or (chp is None and pod_hp is True):
            hp_count += 1
    if hp_count:
        if hp_count != count:
            errs.append(field.invalid(path, "", "If pod contains any hostProcess containers then all containers must be HostProcess containers"))
        if not spec.get("hostNetwork"):
            errs.append(field.invalid(f"{path}.hostNetwork", False, "hostNetwork must be true if pod contains any hostProcess containers"))
    return errs


def _validate_linux(spec: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    msg = "windows options cannot be set for a linux pod"
    if (spec.get("securityContext") or {}).get("windowsOptions") is not None:
        errs.append(field.forbidden(f"{path}.securityContext.windowsOptions", msg))
    for c, cp in visit_containers_with_path(spec, path):
        if (c.get("securityContext") or {}).get("windowsOptions") is not None:
            errs.append(field.forbidden(f"{cp}.securityContext.windowsOptions", msg))
    return errs


def validate_pod_spec(spec: dict[str, Any] | None, pod_meta: dict[str, Any] | None, path: str, opts: PodValidationOptions) -> ErrorList:
    """Every PodSpec check, in upstream's order.

    Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodSpec

    Differences: windowsOptions' own fields (GMSA, runAsUserName) are not checked.
    """
    spec = spec or {}
    errs: ErrorList = []
    grace = spec.get("terminationGracePeriodSeconds")
    if grace is None:
        errs.append(field.required(f"{path}.terminationGracePeriodSeconds", ""))
    sc = spec.get("securityContext") or {}
    host_users = sc.get("hostUsers") is not False
    restart = spec.get("restartPolicy", "") or ""
    vols, verrs = validate_volumes(spec.get("volumes"), pod_meta, f"{path}.volumes", opts)
    errs.extend(verrs)
    rc = spec.get("resourceClaims")
    claims = frozenset(c.get("name") for c in rc or () if c.get("name"))
    errs.extend(_validate_resource_claims(pod_meta, rc, f"{path}.resourceClaims"))
    containers = spec.get("containers")
    errs.extend(ctr.validate_containers(containers, vols, claims, grace, f"{path}.containers", opts, restart, host_users))
    errs.extend(ctr.validate_init_containers(spec.get("initContainers"), containers, vols, claims, grace, f"{path}.initContainers", opts, restart, host_users))
    errs.extend(ctr.validate_ephemeral_containers(spec.get("ephemeralContainers"), containers, spec.get("initContainers"), vols, claims, f"{path}.ephemeralContainers", opts, restart, host_users))
    if opts.pod_level_resources_enabled:
        errs.extend(_validate_pod_resources(spec, claims, f"{path}.resources", opts))
    if spec.get("hostNetwork"):
        for i, c in enumerate(containers or ()):
            for j, port in enumerate(c.get("ports") or ()):
                hp, cp = port.get("hostPort", 0) or 0, port.get("containerPort", 0) or 0
                if (opts.resource_is_pod or hp != 0) and hp != cp:
                    errs.append(field.invalid(f"{path}.containers[{i}].ports[{j}].hostPort", hp, "must match `containerPort` when `hostNetwork` is true"))
    if not restart:
        errs.append(field.required(f"{path}.restartPolicy", ""))
    elif restart not in RESTART_POLICIES:
        errs.append(field.not_supported(f"{path}.restartPolicy", restart, RESTART_POLICIES))
    dns_policy = spec.get("dnsPolicy", "") or ""
    if not dns_policy:
        errs.append(field.required(f"{path}.dnsPolicy", ""))
    elif dns_policy not in DNS_POLICIES:
        errs.append(field.not_supported(f"{path}.dnsPolicy", dns_policy, DNS_POLICIES))
    if spec.get("nodeSelector"):
        errs.extend(g.validate_labels(spec["nodeSelector"], f"{path}.nodeSelector"))
    errs.extend(validate_pod_spec_security_context(spec, f"{path}.securityContext", opts))
    for i, ref in enumerate(spec.get("imagePullSecrets") or ()):
        if set(ref) - {"name"}:
            errs.append(field.invalid(f"{path}.imagePullSecrets[{i}]", gofmt.struct("core.LocalObjectReference", ref), "only name may be set"))
    errs.extend(aff.validate_affinity(spec.get("affinity"), opts, f"{path}.affinity"))
    errs.extend(validate_pod_dns_config(spec.get("dnsConfig"), dns_policy, f"{path}.dnsConfig", opts))
    for i, rg in enumerate(spec.get("readinessGates") or ()):
        errs.extend(validate_qualified_name(rg.get("conditionType", "") or "", f"{path}.readinessGates[{i}].conditionType"))
    seen: set[str] = set()
    for i, sg in enumerate(spec.get("schedulingGates") or ()):
        name = sg.get("name", "") or ""
        errs.extend(validate_qualified_name(name, f"{path}.schedulingGates[{i}]"))
        if name in seen:
            errs.append(field.duplicate(f"{path}.schedulingGates[{i}]", name))
        seen.add(name)
    errs.extend(aff.validate_topology_spread_constraints(spec.get("topologySpreadConstraints"), f"{path}.topologySpreadConstraints", opts))
    errs.extend(_validate_windows_host_process_pod(spec, path))
    if sc.get("hostUsers") is False:
        for key, shown in (("hostNetwork", "hostNetwork"), ("hostPID", "HostPID"), ("hostIPC", "HostIPC")):
            if spec.get(key):
                errs.append(field.forbidden(f"{path}.{shown}", "when `pod.Spec.HostUsers` is false"))
    san = spec.get("serviceAccountName", "") or ""
    if san:
        errs.extend(field.invalid(f"{path}.serviceAccountName", san, m) for m in validate_service_account_name(san, False))
    node = spec.get("nodeName", "") or ""
    if node:
        errs.extend(field.invalid(f"{path}.nodeName", node, m) for m in validate_node_name(node, False))
    ads = spec.get("activeDeadlineSeconds")
    if ads is not None and (ads < 1 or ads > MAX_INT32):
        errs.append(field.invalid(f"{path}.activeDeadlineSeconds", ads, g.inclusive_range_error(1, MAX_INT32)))
    for key in ("hostname", "subdomain"):
        v = spec.get(key, "") or ""
        if v:
            errs.extend(validate_dns1123_label(v, f"{path}.{key}"))
    if spec.get("tolerations"):
        errs.extend(aff.validate_tolerations(spec["tolerations"], f"{path}.tolerations"))
    for i, ha in enumerate(spec.get("hostAliases") or ()):
        errs.extend(g.is_valid_ip(f"{path}.hostAliases[{i}].ip", ha.get("ip", "") or ""))
        for j, hn in enumerate(ha.get("hostnames") or ()):
            errs.extend(validate_dns1123_subdomain(hn, f"{path}.hostAliases[{i}].hostnames[{j}]"))
    pcn = spec.get("priorityClassName", "") or ""
    if pcn:
        errs.extend(field.invalid(f"{path}.priorityClassName", pcn, m) for m in validate_priority_class_name(pcn, False))
    rcn = spec.get("runtimeClassName")
    if rcn is not None:
        errs.extend(field.invalid(f"{path}.runtimeClassName", rcn, m) for m in name_is_dns_subdomain(rcn, False))
    pp = spec.get("preemptionPolicy")
    if pp is not None:
        if not pp:
            errs.append(field.required(f"{path}.preemptionPolicy", ""))
        elif pp not in PREEMPTION_POLICIES:
            errs.append(field.not_supported(f"{path}.preemptionPolicy", pp, PREEMPTION_POLICIES))
    if spec.get("overhead") is not None:
        errs.extend(validate_container_resource_requirements({"limits": spec["overhead"]}, frozenset(), f"{path}.overhead", opts))
    os_ = spec.get("os")
    if os_ is not None:
        name = os_.get("name", "") or ""
        if not name:
            errs.append(field.required(f"{path}.os.name", "cannot be empty"))
        elif name not in VALID_OS:
            errs.append(field.not_supported(f"{path}.os", name, VALID_OS))
        elif name == "linux":
            errs.extend(_validate_linux(spec, path))
        else:
            errs.extend(_validate_windows(spec, path))
    return errs


# -- seccomp and AppArmor annotations against fields ---------------------------------------------


def _seccomp_match(annotation: str, sp: dict[str, Any], path: str) -> ErrorList:
    t = sp.get("type", "")
    if t == "Unconfined" and annotation != "unconfined":
        return [field.forbidden(f"{path}.type", "seccomp type in annotation and field must match")]
    if t == "RuntimeDefault" and annotation not in ("runtime/default", "docker/default"):
        return [field.forbidden(f"{path}.type", "seccomp type in annotation and field must match")]
    if t == "Localhost":
        if not annotation.startswith("localhost/"):
            return [field.forbidden(f"{path}.type", "seccomp type in annotation and field must match")]
        if sp.get("localhostProfile") != annotation[len("localhost/"):]:
            return [field.forbidden(f"{path}.localhostProfile", "seccomp profile in annotation and field must match")]
    return []


def validate_seccomp_annotations_and_fields(meta: dict[str, Any], spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateSeccompAnnotationsAndFields"""
    ann = meta.get("annotations") or {}
    if not ann:
        return []
    errs: ErrorList = []
    psp = (spec.get("securityContext") or {}).get("seccompProfile")
    if psp is not None and SECCOMP_POD_ANNOTATION_KEY in ann:
        errs.extend(_seccomp_match(ann[SECCOMP_POD_ANNOTATION_KEY], psp, f"{path}.securityContext.seccompProfile"))
    for c, cp in visit_containers_with_path(spec, path):
        sp = (c.get("securityContext") or {}).get("seccompProfile")
        key = SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX + (c.get("name", "") or "")
        if sp is not None and key in ann:
            errs.extend(_seccomp_match(ann[key], sp, f"{cp}.securityContext.seccompProfile"))
    return errs


def validate_app_armor_annotations_and_fields(meta: dict[str, Any], spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateAppArmorAnnotationsAndFieldsMatchOnCreate"""
    ann = meta.get("annotations") or {}
    if not ann or (spec.get("os") or {}).get("name") == "windows":
        return []
    errs: ErrorList = []
    pod_profile = (spec.get("securityContext") or {}).get("appArmorProfile")
    for c, cp in visit_containers_with_path(spec, path):
        prof = (c.get("securityContext") or {}).get("appArmorProfile") or pod_profile
        key = APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX + (c.get("name", "") or "")
        if prof is None or key not in ann:
            continue
        a = ann[key]
        ap = f"{cp}.securityContext.appArmorProfile"
        t = prof.get("type")
        if (t == "Unconfined" and a != "unconfined") or (t == "RuntimeDefault" and a != "runtime/default") or (
            t == "Localhost" and not a.startswith("localhost/")
        ):
            errs.append(field.forbidden(f"{ap}.type", "apparmor type in annotation and field must match"))
        elif t == "Localhost" and prof.get("localhostProfile") != a[len("localhost/"):]:
            errs.append(field.forbidden(f"{ap}.localhostProfile", "apparmor profile in annotation and field must match"))
    return errs


# -- pods and templates ----------------------------------------------------------------------------


def validate_pod_metadata_and_spec(pod: dict[str, Any], opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validatePodMetadataAndSpec"""
    meta = pod.get("metadata") or {}
    spec = pod.get("spec") or {}
    errs = validate_object_meta(meta, True, validate_pod_name, "metadata")
    errs.extend(validate_pod_specific_annotations(meta.get("annotations"), spec, "metadata.annotations", opts))
    errs.extend(validate_pod_spec(spec, meta, "spec", opts))
    if not spec.get("serviceAccountName"):
        for vi, v in enumerate(spec.get("volumes") or ()):
            proj = v.get("projected")
            if proj is None:
                continue
            for si, src in enumerate(proj.get("sources") or ()):
                if src.get("serviceAccountToken") is not None:
                    errs.append(field.forbidden(f"spec.volumes[{vi}].projected.sources[{si}].serviceAccountToken", "must not be specified when serviceAccountName is not set"))
    for key in ("containers", "initContainers"):
        for i, c in enumerate(spec.get(key) or ()):
            errs.extend(ctr.validate_container_only_for_pod(c, f"spec.{key}[{i}]"))
    return errs


def pod_options(resource_is_pod: bool = True) -> PodValidationOptions:
    return PodValidationOptions(resource_is_pod=resource_is_pod)


def validate_pod_create(pod: dict[str, Any], opts: PodValidationOptions | None = None) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodCreate"""
    opts = opts or pod_options()
    errs = validate_pod_metadata_and_spec(pod, opts)
    spec = pod.get("spec") or {}
    meta = pod.get("metadata") or {}
    if spec.get("ephemeralContainers"):
        errs.append(field.forbidden("spec.ephemeralContainers", "cannot be set on create"))
    if spec.get("nodeName") and spec.get("schedulingGates"):
        errs.append(field.forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"))
    errs.extend(validate_seccomp_annotations_and_fields(meta, spec, "spec"))
    errs.extend(validate_app_armor_annotations_and_fields(meta, spec, "spec"))
    return errs


def validate_pod_template_spec(tmpl: dict[str, Any] | None, path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodTemplateSpec"""
    tmpl = tmpl or {}
    meta = tmpl.get("metadata") or {}
    spec = tmpl.get("spec") or {}
    errs = g.validate_labels(meta.get("labels"), f"{path}.labels") if meta.get("labels") else []
    errs.extend(validate_annotations(meta.get("annotations"), f"{path}.annotations"))
    errs.extend(validate_pod_specific_annotations(meta.get("annotations"), spec, f"{path}.annotations", opts))
    errs.extend(validate_pod_spec(spec, None, f"{path}.spec", opts))
    errs.extend(validate_seccomp_annotations_and_fields(meta, spec, f"{path}.spec"))
    errs.extend(validate_app_armor_annotations_and_fields(meta, spec, f"{path}.spec"))
    if spec.get("ephemeralContainers"):
        errs.append(field.forbidden(f"{path}.spec.ephemeralContainers", "ephemeral containers not allowed in pod template"))
    return errs


def validate_pod_template(obj: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodTemplate"""
    errs = validate_object_meta(obj.get("metadata"), True, validate_pod_name, "metadata")
    errs.extend(validate_pod_template_spec(obj.get("template"), "template", pod_options(False)))
    return errs


__all__ = [
    "APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX", "DNS_POLICIES", "FS_GROUP_CHANGE_POLICIES",
    "MAX_DNS_NAMESERVERS", "MAX_DNS_SEARCH_LIST_CHARS", "MAX_DNS_SEARCH_PATHS", "MAX_INT32",
    "MIRROR_POD_ANNOTATION_KEY", "POD_DELETION_COST", "PREEMPTION_POLICIES",
    "PodValidationOptions", "RESTART_POLICIES", "SECCOMP_CONTAINER_ANNOTATION_KEY_PREFIX",
    "SECCOMP_POD_ANNOTATION_KEY", "SUPPLEMENTAL_GROUPS_POLICIES",
    "SYSCTL_CONTAIN_SLASH_FMT", "SYSCTL_MAX_LENGTH", "SYSCTL_SEGMENT_FMT",
    "TOLERATIONS_ANNOTATION_KEY", "VALID_OS", "pod_options",
    "validate_app_armor_annotations_and_fields", "validate_pod_create",
    "validate_pod_dns_config", "validate_pod_metadata_and_spec", "validate_pod_spec",
    "validate_pod_spec_security_context", "validate_pod_specific_annotations",
    "validate_pod_template", "validate_pod_template_spec",
    "validate_seccomp_annotations_and_fields", "validate_seccomp_profile",
    "visit_containers_with_path",
]
