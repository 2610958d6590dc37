"""Pod updates: the few spec fields a running pod may change, and status updates.

Upstream: pkg/apis/core/validation/validation.go (ValidatePodUpdate, ValidateContainerUpdates,
ValidatePodSpecificAnnotationUpdates, ValidatePodStatusUpdate, ...)
"""

from __future__ import annotations

import copy
import ipaddress
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.affinity import validate_only_added_tolerations
from kubelab.api.validation.core.common import (
    PodValidationOptions,
    validate_node_name,
    validate_object_meta_update,
    validate_qualified_name,
)
from kubelab.api.validation.core.pod import (
    APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX,
    MAX_INT32,
    MIRROR_POD_ANNOTATION_KEY,
    POD_DELETION_COST,
    _deletion_cost_ok,
    validate_pod_metadata_and_spec,
    validate_pod_specific_annotations,
)
from kubelab.api.validation.objectmeta import FIELD_IMMUTABLE_ERROR_MSG, semantic_equal

UPDATABLE_POD_SPEC_FIELDS = (
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
)

# core.PodSpec's fields in Go order, with the Go name of each wire key. The internal type
# keeps hostNetwork, hostPID, hostIPC and shareProcessNamespace inside SecurityContext.
_POD_SPEC_FIELDS = (
    ("volumes", "Volumes"), ("initContainers", "InitContainers"), ("containers", "Containers"),
    ("ephemeralContainers", "EphemeralContainers"), ("restartPolicy", "RestartPolicy"),
    ("terminationGracePeriodSeconds", "TerminationGracePeriodSeconds"),
    ("activeDeadlineSeconds", "ActiveDeadlineSeconds"), ("dnsPolicy", "DNSPolicy"),
    ("nodeSelector", "NodeSelector"), ("serviceAccountName", "ServiceAccountName"),
    ("automountServiceAccountToken", "AutomountServiceAccountToken"), ("nodeName", "NodeName"),
    ("securityContext", "SecurityContext"), ("hostNetwork", "SecurityContext.HostNetwork"),
    ("hostPID", "SecurityContext.HostPID"), ("hostIPC", "SecurityContext.HostIPC"),
    ("shareProcessNamespace", "SecurityContext.ShareProcessNamespace"),
    ("imagePullSecrets", "ImagePullSecrets"), ("hostname", "Hostname"), ("subdomain", "Subdomain"),
    ("setHostnameAsFQDN", "SetHostnameAsFQDN"), ("affinity", "Affinity"), ("schedulerName", "SchedulerName"),
    ("tolerations", "Tolerations"), ("hostAliases", "HostAliases"), ("priorityClassName", "PriorityClassName"),
    ("priority", "Priority"), ("preemptionPolicy", "PreemptionPolicy"), ("dnsConfig", "DNSConfig"),
    ("readinessGates", "ReadinessGates"), ("runtimeClassName", "RuntimeClassName"), ("overhead", "Overhead"),
    ("enableServiceLinks", "EnableServiceLinks"), ("topologySpreadConstraints", "TopologySpreadConstraints"),
    ("os", "OS"), ("schedulingGates", "SchedulingGates"), ("resourceClaims", "ResourceClaims"),
    ("resources", "Resources"), ("hostnameOverride", "HostnameOverride"),
)


def go_cmp_diff(type_name: str, fields: tuple[tuple[str, str], ...], old: dict[str, Any], new: dict[str, Any]) -> str:
    """A go-cmp style diff of two structs: changed fields as ``-``/``+`` lines.

    Mirrors: github.com/google/go-cmp/cmp :: Diff (as the update validators print it)

    Differences: only top-level fields are compared and shown, values are wire values in
    Go literal syntax, and the whitespace is stable (go-cmp randomises it on purpose).
    """
    known = {k for k, _ in fields}
    extra = tuple((k, k[:1].upper() + k[1:]) for k in sorted((old.keys() | new.keys()) - known))
    lines = [f"  {type_name}{{"]
    same = 0
    for key, name in fields + extra:
        ov, nv = old.get(key), new.get(key)
        if semantic_equal(ov, nv):
            same += 1
            continue
        if same:
            lines.append(f"  \t... // {same} identical field{'s' if same > 1 else ''}")
            same = 0
        if ov is not None:
            lines.append(f"- \t{name}: {gofmt.literal(ov)},")
        if nv is not None:
            lines.append(f"+ \t{name}: {gofmt.literal(nv)},")
    if same:
        lines.append(f"  \t... // {same} identical field{'s' if same > 1 else ''}")
    lines.append("  }")
    return "\n".join(lines) + "\n"


def pod_spec_diff(old: dict[str, Any], new: dict[str, Any]) -> str:
    """The diff ValidatePodUpdate appends to its message (see go_cmp_diff)."""
    return go_cmp_diff("core.PodSpec", _POD_SPEC_FIELDS, old, new)


def validate_container_updates(new: list[dict[str, Any]] | None, old: list[dict[str, Any]] | None, path: str) -> tuple[ErrorList, bool]:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateContainerUpdates"""
    new, old = new or [], old or []
    if len(new) != len(old):
        return [field.forbidden(path, "pod updates may not add or remove containers")], True
    errs: ErrorList = []
    for i, c in enumerate(new):
        image = c.get("image", "") or ""
        if not image:
            errs.append(field.required(f"{path}[{i}].image", ""))
        if len(image.strip()) != len(image):
            errs.append(field.invalid(f"{path}[{i}].image", image, "must not have leading or trailing whitespace"))
    return errs, False


def validate_pod_specific_annotation_updates(new: dict[str, Any], old: dict[str, Any], path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodSpecificAnnotationUpdates"""
    na = (new.get("metadata") or {}).get("annotations") or {}
    oa = (old.get("metadata") or {}).get("annotations") or {}
    errs: ErrorList = []
    for k in sorted(oa):
        if k in na and na[k] == oa[k]:
            continue
        if k.startswith(APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX):
            errs.append(field.forbidden(f"{path}[{k}]", "may not remove or update AppArmor annotations"))
        if k == MIRROR_POD_ANNOTATION_KEY:
            errs.append(field.forbidden(f"{path}[{k}]", "may not remove or update mirror pod annotation"))
    for k in sorted(na):
        if k in oa:
            continue
        if k.startswith(APPARMOR_CONTAINER_ANNOTATION_KEY_PREFIX):
            errs.append(field.forbidden(f"{path}[{k}]", "may not add AppArmor annotations"))
        if k == MIRROR_POD_ANNOTATION_KEY:
            errs.append(field.forbidden(f"{path}[{k}]", "may not add mirror pod annotation"))
    errs.extend(validate_pod_specific_annotations(na, new.get("spec") or {}, path, opts))
    return errs


def update_options(new: dict[str, Any], old: dict[str, Any]) -> PodValidationOptions:
    """Relaxations an update gets when the old pod already used them.

    Mirrors: pkg/api/pod/util.go :: GetValidationOptionsFromPodSpecAndMeta (the parts kubelab keeps)
    """
    opts = PodValidationOptions(resource_is_pod=True)
    oa = (old.get("metadata") or {}).get("annotations") or {}
    if POD_DELETION_COST in oa and not _deletion_cost_ok(oa[POD_DELETION_COST]):
        opts.allow_invalid_pod_deletion_cost = True
    ospec = old.get("spec") or {}
    opts.allow_sidecar_resize_policy = any(c.get("resizePolicy") for c in ospec.get("initContainers") or ())
    return opts


def validate_pod_update(new: dict[str, Any], old: dict[str, Any], opts: PodValidationOptions | None = None) -> ErrorList:
    """Only images, activeDeadlineSeconds, added tolerations and a few more may change.

    Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodUpdate

    Differences: gated pods may not change nodeSelector or node affinity either (upstream
    allows additions while scheduling gates remain).
    """
    opts = opts or update_options(new, old)
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_pod_metadata_and_spec(new, opts))
    errs.extend(validate_pod_specific_annotation_updates(new, old, "metadata.annotations", opts))
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    cerrs, stop = validate_container_updates(ns.get("containers"), os_.get("containers"), "spec.containers")
    errs.extend(cerrs)
    if stop:
        return errs
    cerrs, stop = validate_container_updates(ns.get("initContainers"), os_.get("initContainers"), "spec.initContainers")
    errs.extend(cerrs)
    if stop:
        return errs
    nads, oads = ns.get("activeDeadlineSeconds"), os_.get("activeDeadlineSeconds")
    if nads is not None:
        if nads < 0 or nads > MAX_INT32:
            errs.append(field.invalid("spec.activeDeadlineSeconds", nads, g.inclusive_range_error(0, MAX_INT32)))
            return errs
        if oads is not None and oads < nads:
            errs.append(field.invalid("spec.activeDeadlineSeconds", nads, "must be less than or equal to previous value"))
            return errs
    elif oads is not None:
        errs.append(field.invalid("spec.activeDeadlineSeconds", None, "must not update from a positive integer to nil value"))
    errs.extend(validate_only_added_tolerations(ns.get("tolerations"), os_.get("tolerations"), "spec.tolerations"))
    errs.extend(_validate_only_deleted_scheduling_gates(ns.get("schedulingGates"), os_.get("schedulingGates"), "spec.schedulingGates"))
    if semantic_equal(ns, os_):
        return errs
    munged = copy.deepcopy(ns)
    for key in ("containers", "initContainers"):
        for c, oc in zip(munged.get(key) or (), os_.get(key) or ()):
            c["image"] = oc.get("image")
    munged.pop("activeDeadlineSeconds", None)
    if oads is not None:
        munged["activeDeadlineSeconds"] = oads
    for key in ("schedulingGates", "tolerations"):
        munged.pop(key, None)
        if key in os_:
            munged[key] = os_[key]
    otg, mtg = os_.get("terminationGracePeriodSeconds"), munged.get("terminationGracePeriodSeconds")
    if otg is not None and otg < 0 and mtg == 1:
        munged["terminationGracePeriodSeconds"] = otg
    if not semantic_equal(munged, os_):
        errs.append(
            field.forbidden(
                "spec",
                "pod updates may not change fields other than " + ",".join(UPDATABLE_POD_SPEC_FIELDS) + "\n" + pod_spec_diff(os_, munged),
            )
        )
    return errs


def _validate_only_deleted_scheduling_gates(new: list[dict[str, Any]] | None, old: list[dict[str, Any]] | None, path: str) -> ErrorList:
    if not new:
        return []
    added = {gate.get("name", ""): i for i, gate in enumerate(new)}
    for gate in old or ():
        added.pop(gate.get("name", ""), None)
    return [
        field.forbidden(f"{path}[{i}].name", f"only deletion is allowed, but found new scheduling gate '{name}'")
        for name, i in sorted(added.items(), key=lambda kv: kv[1])
    ]


# -- status -------------------------------------------------------------------------------------


def _container_state_transition(new: list[dict[str, Any]], old: list[dict[str, Any]], path: str, restart: str, init_spec: list[dict[str, Any]] | None = None) -> ErrorList:
    if restart == "Always":
        return []
    errs: ErrorList = []
    for i, o in enumerate(old):
        term = (o.get("state") or {}).get("terminated")
        if term is None:
            continue
        if (term.get("exitCode", 0) or 0) != 0 and restart == "OnFailure":
            continue
        if init_spec is not None and any(c.get("name") == o.get("name") and c.get("restartPolicy") == "Always" for c in init_spec):
            continue
        for n in new:
            if n.get("name") == o.get("name") and (n.get("state") or {}).get("terminated") is None:
                errs.append(field.forbidden(f"{path}[{i}].state", "may not be transitioned to non-terminated state"))
    return errs


def _validate_ips(ips: list[dict[str, Any]], path: str) -> ErrorList:
    errs: ErrorList = []
    for i, ip in enumerate(ips):
        errs.extend(g.is_valid_ip(f"{path}[{i}]", ip.get("ip", "") or ""))
    if len(ips) > 1:
        parsed = [g.parse_ip_sloppy(ip.get("ip", "") or "") for ip in ips]
        families = {p.version for p in parsed if isinstance(p, ipaddress.IPv4Address | ipaddress.IPv6Address)}
        if len(families) != 2 or len(ips) > 2:
            errs.append(field.invalid(path, gofmt.GoRepr(gofmt.literal(ips)), "may specify no more than one IP for each IP family"))
        seen: set[str] = set()
        for i, ip in enumerate(ips):
            if ip.get("ip") in seen:
                errs.append(field.duplicate(f"{path}[{i}]", gofmt.struct("core.PodIP", ip)))
            seen.add(ip.get("ip", ""))
    return errs


def validate_pod_status_update(new: dict[str, Any], old: dict[str, Any], opts: PodValidationOptions | None = None) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodStatusUpdate

    Differences: resource-claim statuses, container users and allocated-resource statuses
    are not checked.
    """
    opts = opts or update_options(new, old)
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_pod_specific_annotation_updates(new, old, "metadata.annotations", opts))
    status, ostatus = new.get("status") or {}, old.get("status") or {}
    for i, c in enumerate(status.get("conditions") or ()):
        t = c.get("type", "") or ""
        if t not in ("PodScheduled", "Ready", "Initialized"):
            errs.extend(validate_qualified_name(t, f"metadata.conditions[{i}].Type"))
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    if (ns.get("nodeName") or "") != (os_.get("nodeName") or ""):
        errs.append(field.forbidden("status.nodeName", "may not be changed directly"))
    nnn = status.get("nominatedNodeName", "") or ""
    if nnn != (ostatus.get("nominatedNodeName", "") or "") and nnn:
        errs.extend(field.invalid("status.nominatedNodeName", nnn, m) for m in validate_node_name(nnn, False))
    if (status.get("qosClass") or "") != (ostatus.get("qosClass") or ""):
        errs.append(field.invalid("status.qosClass", status.get("qosClass") or "", FIELD_IMMUTABLE_ERROR_MSG))
    restart = os_.get("restartPolicy", "") or ""
    errs.extend(_container_state_transition(status.get("containerStatuses") or [], ostatus.get("containerStatuses") or [], "status.containerStatuses", restart))
    errs.extend(_container_state_transition(status.get("initContainerStatuses") or [], ostatus.get("initContainerStatuses") or [], "status.initContainerStatuses", restart, os_.get("initContainers") or []))
    errs.extend(_container_state_transition(status.get("ephemeralContainerStatuses") or [], ostatus.get("ephemeralContainerStatuses") or [], "status.ephemeralContainerStatuses", "Never"))
    errs.extend(_validate_ips(status.get("podIPs") or [], "status.podIPs"))
    host_ips = status.get("hostIPs") or []
    if host_ips:
        if (status.get("hostIP") or "") != (host_ips[0].get("ip") or ""):
            errs.append(field.invalid("status.hostIPs[0].ip", host_ips[0].get("ip", ""), "must be equal to `hostIP`"))
        errs.extend(_validate_ips(host_ips, "status.hostIPs"))
    return errs
