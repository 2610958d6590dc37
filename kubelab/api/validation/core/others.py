"""The smaller core kinds: ConfigMap, Secret, ServiceAccount, Endpoints, Event, LimitRange,
ResourceQuota, ReplicationController, Binding.

Upstream: pkg/apis/core/validation/validation.go, pkg/apis/core/validation/events.go
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.quantity import Quantity
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.common import (
    validate_config_map_name,
    validate_dns1123_label,
    validate_endpoints_name,
    validate_limit_range_name,
    validate_node_name,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
    validate_replication_controller_name,
    validate_resource_quota_name,
    validate_secret_name,
    validate_service_account_name,
)
from kubelab.api.validation.core.containers import SUPPORTED_PORT_PROTOCOLS
from kubelab.api.validation.core.pod import pod_options, validate_pod_template_spec
from kubelab.api.validation.core.resources import (
    STANDARD_LIMIT_RANGE_TYPES,
    is_overcommit_allowed,
    is_standard_quota_resource_name,
    quantity,
    validate_container_resource_name,
    validate_resource_name,
    validate_resource_quantity_value,
    validate_resource_quota_resource_name,
)
from kubelab.api.validation.core.service import validate_non_special_ip
from kubelab.api.validation.objectmeta import FIELD_IMMUTABLE_ERROR_MSG, validate_nonnegative_field

MAX_SECRET_SIZE = 1 * 1024 * 1024
SERVICE_ACCOUNT_NAME_KEY = "kubernetes.io/service-account.name"


# -- ConfigMap and Secret -----------------------------------------------------------------------


def validate_config_map(cm: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateConfigMap

    Differences: keys are checked in sorted order (Go ranges over the map at random).
    """
    errs = validate_object_meta(cm.get("metadata"), True, validate_config_map_name, "metadata")
    data = cm.get("data") or {}
    binary = cm.get("binaryData") or {}
    total = 0
    for key in sorted(data):
        errs.extend(field.invalid(f"data[{key}]", key, m) for m in g.is_config_map_key(key))
        if key in binary:
            errs.append(field.invalid(f"data[{key}]", key, "duplicate of key present in binaryData"))
        total += len(str(data[key]).encode())
    for key in sorted(binary):
        errs.extend(field.invalid(f"binaryData[{key}]", key, m) for m in g.is_config_map_key(key))
        total += _decoded_len(binary[key])
    if total > MAX_SECRET_SIZE:
        errs.append(field.too_long("", "", MAX_SECRET_SIZE))
    return errs


def _decoded_len(value: Any) -> int:
    try:
        return len(base64.b64decode(str(value), validate=False))
    except (binascii.Error, ValueError):
        return len(str(value))


def _decoded(value: Any) -> bytes:
    try:
        return base64.b64decode(str(value), validate=False)
    except (binascii.Error, ValueError):
        return str(value).encode()


def _immutable_data(new: dict[str, Any], old: dict[str, Any], keys: tuple[str, ...]) -> ErrorList:
    errs: ErrorList = []
    if old.get("immutable") is True:
        if new.get("immutable") is not True:
            errs.append(field.forbidden("immutable", "field is immutable when `immutable` is set"))
        for key in keys:
            if (new.get(key) or None) != (old.get(key) or None):
                errs.append(field.forbidden(key, "field is immutable when `immutable` is set"))
    return errs


def validate_config_map_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateConfigMapUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(_immutable_data(new, old, ("data", "binaryData")))
    errs.extend(validate_config_map(new))
    return errs


def _secret_data(secret: dict[str, Any]) -> dict[str, bytes]:
    # The v1 -> internal conversion folds stringData into data before validation.
    out = {k: _decoded(v) for k, v in (secret.get("data") or {}).items()}
    for k, v in (secret.get("stringData") or {}).items():
        out[k] = str(v).encode()
    return out


def _json_error(raw: bytes) -> str | None:
    try:
        v = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError as e:
        return f"invalid character at offset {getattr(e, 'pos', 0)}: {getattr(e, 'msg', str(e))}"
    if not isinstance(v, dict):
        return "json: cannot unmarshal into Go value of type map[string]interface {}"
    return None


def validate_secret(secret: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateSecret

    Differences: a malformed docker config reports Python's JSON error text.
    """
    meta = secret.get("metadata") or {}
    errs = validate_object_meta(meta, True, validate_secret_name, "metadata")
    data = _secret_data(secret)
    total = 0
    for key in sorted(data):
        errs.extend(field.invalid(f"data[{key}]", key, m) for m in g.is_config_map_key(key))
        total += len(data[key])
    if total > MAX_SECRET_SIZE:
        errs.append(field.too_long("data", "", MAX_SECRET_SIZE))
    t = secret.get("type", "") or ""
    if t == "kubernetes.io/service-account-token":
        if not (meta.get("annotations") or {}).get(SERVICE_ACCOUNT_NAME_KEY):
            errs.append(field.required(f"metadata.annotations[{SERVICE_ACCOUNT_NAME_KEY}]", ""))
    elif t in ("kubernetes.io/dockercfg", "kubernetes.io/dockerconfigjson"):
        key = ".dockercfg" if t == "kubernetes.io/dockercfg" else ".dockerconfigjson"
        if key not in data:
            errs.append(field.required(f"data[{key}]", ""))
        else:
            err = _json_error(data[key])
            if err:
                errs.append(field.invalid(f"data[{key}]", "<secret contents redacted>", err))
    elif t == "kubernetes.io/basic-auth":
        if "username" not in data and "password" not in data:
            errs.append(field.required("data[username]", ""))
            errs.append(field.required("data[password]", ""))
    elif t == "kubernetes.io/ssh-auth":
        if not data.get("ssh-privatekey"):
            errs.append(field.required("data[ssh-privatekey]", ""))
    elif t == "kubernetes.io/tls":
        if "tls.crt" not in data:
            errs.append(field.required("data[tls.crt]", ""))
        if "tls.key" not in data:
            errs.append(field.required("data[tls.key]", ""))
    return errs


def validate_secret_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateSecretUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    nt, ot = new.get("type", "") or "", old.get("type", "") or ""
    if nt != ot:
        errs.append(field.invalid("type", nt, FIELD_IMMUTABLE_ERROR_MSG))
    if old.get("immutable") is True:
        if new.get("immutable") is not True:
            errs.append(field.forbidden("immutable", "field is immutable when `immutable` is set"))
        if _secret_data(new) != _secret_data(old):
            errs.append(field.forbidden("data", "field is immutable when `immutable` is set"))
    errs.extend(validate_secret(new))
    return errs


def validate_service_account(sa: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateServiceAccount"""
    return validate_object_meta(sa.get("metadata"), True, validate_service_account_name, "metadata")


def validate_service_account_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateServiceAccountUpdate"""
    return validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata") + validate_service_account(new)


# -- Endpoints ----------------------------------------------------------------------------------


def validate_endpoints(ep: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateEndpoints (validateEndpointSubsets)"""
    errs = validate_object_meta(ep.get("metadata"), True, validate_endpoints_name, "metadata")
    for i, ss in enumerate(ep.get("subsets") or ()):
        ip = f"subsets[{i}]"
        addrs, not_ready = ss.get("addresses") or [], ss.get("notReadyAddresses") or []
        if not addrs and not not_ready:
            errs.append(field.required(ip, "must specify `addresses` or `notReadyAddresses`"))
        for key, lst in (("addresses", addrs), ("notReadyAddresses", not_ready)):
            for j, a in enumerate(lst):
                errs.extend(_validate_endpoint_address(a, f"{ip}.{key}[{j}]"))
        ports = ss.get("ports") or []
        for j, port in enumerate(ports):
            errs.extend(_validate_endpoint_port(port, len(ports) > 1, f"{ip}.ports[{j}]"))
    return errs


def _validate_endpoint_address(a: dict[str, Any], path: str) -> ErrorList:
    addr = a.get("ip", "") or ""
    errs = list(g.is_valid_ip(f"{path}.ip", addr))
    host = a.get("hostname", "") or ""
    if host:
        errs.extend(validate_dns1123_label(host, f"{path}.hostname"))
    node = a.get("nodeName")
    if node is not None:
        errs.extend(field.invalid(f"{path}.nodeName", node, m) for m in validate_node_name(node, False))
    errs.extend(validate_non_special_ip(addr, f"{path}.ip"))
    return errs


def _validate_endpoint_port(port: dict[str, Any], require_name: bool, path: str) -> ErrorList:
    errs: ErrorList = []
    name = port.get("name", "") or ""
    if require_name and not name:
        errs.append(field.required(f"{path}.name", ""))
    elif name:
        errs.extend(validate_dns1123_label(name, f"{path}.name"))
    pn = port.get("port", 0) or 0
    errs.extend(field.invalid(f"{path}.port", pn, m) for m in g.is_valid_port_num(pn))
    proto = port.get("protocol", "") or ""
    if not proto:
        errs.append(field.required(f"{path}.protocol", ""))
    elif proto not in SUPPORTED_PORT_PROTOCOLS:
        errs.append(field.not_supported(f"{path}.protocol", proto, SUPPORTED_PORT_PROTOCOLS))
    ap = port.get("appProtocol")
    if ap is not None:
        errs.extend(validate_qualified_name(ap, f"{path}.appProtocol"))
    return errs


# -- Event ----------------------------------------------------------------------------------------


def validate_event(ev: dict[str, Any], reporting_field: str = "reportingComponent") -> ErrorList:
    """Events only get the legacy checks on core/v1: namespaces agree, new-style fields set.

    Mirrors: pkg/apis/core/validation/events.go :: ValidateEventCreate (legacyValidateEvent)
    """
    meta = ev.get("metadata") or {}
    ns = meta.get("namespace", "") or ""
    inv_ns = (ev.get("involvedObject") or {}).get("namespace", "") or ""
    errs: ErrorList = []
    if not ev.get("eventTime"):
        if not inv_ns:
            if ns not in ("", "default"):
                errs.append(field.invalid("involvedObject.namespace", inv_ns, "does not match event.namespace"))
        elif ns != inv_ns:
            errs.append(field.invalid("involvedObject.namespace", inv_ns, "does not match event.namespace"))
    else:
        if not inv_ns and ns not in ("default", "kube-system"):
            errs.append(field.invalid("involvedObject.namespace", inv_ns, "does not match event.namespace"))
        rc = ev.get("reportingComponent", "") or ""
        if not rc:
            errs.append(field.required(reporting_field, ""))
        errs.extend(validate_qualified_name(rc, reporting_field))
        for key, limit in (("reportingInstance", 128), ("action", 128), ("reason", 128)):
            v = ev.get(key, "") or ""
            if not v:
                errs.append(field.required(key, ""))
            if len(v) > limit:
                errs.append(field.invalid(key, "", f"can have at most {limit} characters"))
        if len(ev.get("message", "") or "") > 1024:
            errs.append(field.invalid("message", "", "can have at most 1024 characters"))
    errs.extend(field.invalid("namespace", ns, m) for m in g.is_dns1123_subdomain(ns))
    return errs


# -- LimitRange -----------------------------------------------------------------------------------


def _limit_range_resource_name(limit_type: str, name: str, path: str) -> ErrorList:
    if limit_type in ("Pod", "Container"):
        return validate_container_resource_name(name, path)
    return validate_resource_name(name, path)


def _limit_type_name(t: str, path: str) -> ErrorList:
    errs = [field.invalid(path, t, m) for m in g.is_qualified_name(t)]
    if errs:
        return errs
    if "/" not in t and t not in STANDARD_LIMIT_RANGE_TYPES:
        return [field.invalid(path, t, "must be a standard limit type or fully qualified")]
    return []


def validate_limit_range(lr: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateLimitRange

    Differences: resources are visited in sorted order (Go ranges over maps at random).
    """
    errs = validate_object_meta(lr.get("metadata"), True, validate_limit_range_name, "metadata")
    seen_types: set[str] = set()
    for i, limit in enumerate((lr.get("spec") or {}).get("limits") or ()):
        ip = f"spec.limits[{i}]"
        t = limit.get("type", "") or ""
        errs.extend(_limit_type_name(t, f"{ip}.type"))
        if t in seen_types:
            errs.append(field.duplicate(f"{ip}.type", t))
        seen_types.add(t)
        tables: dict[str, dict[str, Quantity]] = {}
        keys: set[str] = set()
        kinds = ["max", "min"]
        if t == "Pod":
            if limit.get("default"):
                errs.append(field.forbidden(f"{ip}.default", "may not be specified when `type` is 'Pod'"))
            if limit.get("defaultRequest"):
                errs.append(field.forbidden(f"{ip}.defaultRequest", "may not be specified when `type` is 'Pod'"))
        else:
            kinds += ["default", "defaultRequest"]
        kinds.append("maxLimitRequestRatio")
        for kind in kinds:
            tables[kind] = {}
            for k, v in sorted((limit.get(kind) or {}).items()):
                p = f"{ip}.{kind}[{k}]"
                errs.extend(_limit_range_resource_name(t, k, p))
                keys.add(k)
                q = quantity(v, p, errs)
                if q is not None:
                    tables[kind][k] = q
            if kind == "min" and t == "PersistentVolumeClaim":
                if "storage" not in (limit.get("min") or {}) and "storage" not in (limit.get("max") or {}):
                    errs.append(field.required(f"{ip}.limits", "either minimum or maximum storage value is required, but neither was provided"))
        mn, mx = tables["min"], tables["max"]
        df, dr = tables.get("default", {}), tables.get("defaultRequest", {})
        ratio = tables["maxLimitRequestRatio"]
        for k in sorted(keys):
            if k in mn and k in mx and mn[k].cmp(mx[k]) > 0:
                errs.append(field.invalid(f"{ip}.min[{k}]", str(mn[k]), f"min value {mn[k]} is greater than max value {mx[k]}"))
            if k in dr and k in mn and mn[k].cmp(dr[k]) > 0:
                errs.append(field.invalid(f"{ip}.defaultRequest[{k}]", str(dr[k]), f"min value {mn[k]} is greater than default request value {dr[k]}"))
            if k in dr and k in mx and dr[k].cmp(mx[k]) > 0:
                errs.append(field.invalid(f"{ip}.defaultRequest[{k}]", str(dr[k]), f"default request value {dr[k]} is greater than max value {mx[k]}"))
            if k in dr and k in df and dr[k].cmp(df[k]) > 0:
                errs.append(field.invalid(f"{ip}.defaultRequest[{k}]", str(dr[k]), f"default request value {dr[k]} is greater than default limit value {df[k]}"))
            if k in df and k in mn and mn[k].cmp(df[k]) > 0:
                errs.append(field.invalid(f"{ip}.default[{k}]", str(mn[k]), f"min value {mn[k]} is greater than default value {df[k]}"))
            if k in df and k in mx and df[k].cmp(mx[k]) > 0:
                errs.append(field.invalid(f"{ip}.default[{k}]", str(mx[k]), f"default value {df[k]} is greater than max value {mx[k]}"))
            if k in ratio and ratio[k].cmp(Quantity(1)) < 0:
                errs.append(field.invalid(f"{ip}.maxLimitRequestRatio[{k}]", str(ratio[k]), f"ratio {ratio[k]} is less than 1"))
            if k in ratio and k in mn and k in mx and mn[k].sign() != 0:
                limit_ratio = float(mx[k].as_fraction() / mn[k].as_fraction())
                if float(ratio[k].as_fraction()) > limit_ratio:
                    errs.append(field.invalid(f"{ip}.maxLimitRequestRatio[{k}]", str(ratio[k]), f"ratio {ratio[k]} is greater than max/min = {limit_ratio:f}"))
            if not is_overcommit_allowed(k) and k in df and k in dr and df[k].cmp(dr[k]) != 0:
                errs.append(field.invalid(f"{ip}.defaultRequest[{k}]", str(dr[k]), f"default value {df[k]} must equal to defaultRequest value {dr[k]} in {k}"))
    return errs


# -- ResourceQuota --------------------------------------------------------------------------------

STANDARD_RESOURCE_QUOTA_SCOPES = frozenset({
    "Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass",
    "CrossNamespacePodAffinity", "VolumeAttributesClass",
})
_POD_COMPUTE_QUOTA = frozenset({"cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"})


def _scope_valid_for_resource(scope: str, resource: str) -> bool:
    if scope in ("Terminating", "NotTerminating", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"):
        return resource == "pods" or resource in _POD_COMPUTE_QUOTA
    if scope == "BestEffort":
        return resource == "pods"
    if scope == "VolumeAttributesClass":
        return resource in ("persistentvolumeclaims", "requests.storage")
    return True


def _validate_quota_hard(hard: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    for k, v in sorted(hard.items()):
        p = f"{path}[{k}]"
        errs.extend(validate_resource_quota_resource_name(k, p))
        q = quantity(v, p, errs)
        if q is not None:
            errs.extend(validate_resource_quantity_value(k, q, p))
    return errs


def validate_resource_quota_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateResourceQuotaSpec"""
    hard = spec.get("hard") or {}
    errs = _validate_quota_hard(hard, f"{path}.hard")
    scopes = spec.get("scopes") or []
    shown = gofmt.GoRepr(gofmt.string_slice(scopes, "[]core.ResourceQuotaScope"))
    if scopes:
        for s in scopes:
            if s not in STANDARD_RESOURCE_QUOTA_SCOPES:
                errs.append(field.invalid(f"{path}.scopes", shown, "unsupported scope"))
            for k in sorted(hard):
                if is_standard_quota_resource_name(k) and not _scope_valid_for_resource(s, k):
                    errs.append(field.invalid(f"{path}.scopes", shown, "unsupported scope applied to resource"))
        for a, b in (("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating")):
            if a in scopes and b in scopes:
                errs.append(field.invalid(f"{path}.scopes", shown, "conflicting scopes"))
    sel = spec.get("scopeSelector")
    if sel is not None:
        mp = f"{path}.scopeSelector.matchExpressions"
        names: set[str] = set()
        for req in sel.get("matchExpressions") or ():
            sn = req.get("scopeName", "") or ""
            op = req.get("operator", "") or ""
            values = req.get("values") or []
            if sn not in STANDARD_RESOURCE_QUOTA_SCOPES:
                errs.append(field.invalid(f"{mp}.scopeName", sn, "unsupported scope"))
            for k in sorted(hard):
                if is_standard_quota_resource_name(k) and not _scope_valid_for_resource(sn, k):
                    errs.append(field.invalid(mp, gofmt.struct("core.ScopeSelector", sel), "unsupported scope applied to resource"))
            if sn in ("BestEffort", "NotBestEffort", "Terminating", "NotTerminating", "CrossNamespacePodAffinity") and op != "Exists":
                errs.append(field.invalid(f"{mp}.operator", op, "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"))
            if op in ("In", "NotIn"):
                if not values:
                    errs.append(field.required(f"{mp}.values", "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"))
            elif op in ("Exists", "DoesNotExist"):
                if values:
                    errs.append(field.invalid(f"{mp}.values", gofmt.GoRepr(gofmt.string_slice(values)), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"))
            else:
                errs.append(field.invalid(f"{mp}.operator", op, "not a valid selector operator"))
            names.add(sn)
        for a, b in (("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating")):
            if a in names and b in names:
                errs.append(field.invalid(mp, shown, "conflicting scopes"))
    return errs


def validate_resource_quota(rq: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateResourceQuota"""
    errs = validate_object_meta(rq.get("metadata"), True, validate_resource_quota_name, "metadata")
    errs.extend(validate_resource_quota_spec(rq.get("spec") or {}, "spec"))
    status = rq.get("status") or {}
    errs.extend(_validate_quota_hard(status.get("hard") or {}, "status.hard"))
    errs.extend(_validate_quota_hard(status.get("used") or {}, "status.used"))
    return errs


def validate_resource_quota_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateResourceQuotaUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_resource_quota_spec(new.get("spec") or {}, "spec"))
    ns = (new.get("spec") or {}).get("scopes") or []
    os_ = (old.get("spec") or {}).get("scopes") or []
    if set(ns) != set(os_):
        errs.append(field.invalid("spec.scopes", gofmt.GoRepr(gofmt.string_slice(ns, "[]core.ResourceQuotaScope")), FIELD_IMMUTABLE_ERROR_MSG))
    return errs


def validate_resource_quota_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateResourceQuotaStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    if not (new.get("metadata") or {}).get("resourceVersion"):
        errs.append(field.required("resourceVersion", ""))
    status = new.get("status") or {}
    errs.extend(_validate_quota_hard(status.get("hard") or {}, "status.hard"))
    errs.extend(_validate_quota_hard(status.get("used") or {}, "status.used"))
    return errs


# -- ReplicationController and Binding ------------------------------------------------------------


def validate_replication_controller_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateReplicationControllerSpec (ValidatePodTemplateSpecForRC)"""
    from kubelab.api.labels import selector_from_set

    errs = validate_nonnegative_field(spec.get("minReadySeconds", 0) or 0, f"{path}.minReadySeconds")
    sel_map = spec.get("selector") or {}
    if not sel_map:
        errs.append(field.required(f"{path}.selector", ""))
    errs.extend(validate_nonnegative_field(spec.get("replicas", 0) or 0, f"{path}.replicas"))
    tmpl = spec.get("template")
    tp = f"{path}.template"
    if tmpl is None:
        errs.append(field.required(tp, ""))
        return errs
    labels = (tmpl.get("metadata") or {}).get("labels")
    if sel_map and not selector_from_set(sel_map).matches(labels or {}):
        errs.append(field.invalid(f"{tp}.metadata.labels", gofmt.labels_value(labels), "`selector` does not match template `labels`"))
    errs.extend(validate_pod_template_spec(tmpl, tp, pod_options(False)))
    tspec = tmpl.get("spec") or {}
    if tspec.get("restartPolicy") != "Always":
        errs.append(field.not_supported(f"{tp}.spec.restartPolicy", tspec.get("restartPolicy", ""), ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(field.forbidden(f"{tp}.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicationController is not Supported"))
    return errs


def validate_replication_controller(rc: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateReplicationController"""
    errs = validate_object_meta(rc.get("metadata"), True, validate_replication_controller_name, "metadata")
    errs.extend(validate_replication_controller_spec(rc.get("spec") or {}, "spec"))
    return errs


def validate_replication_controller_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateReplicationControllerUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_replication_controller_spec(new.get("spec") or {}, "spec"))
    return errs


def validate_replica_counts_status(status: dict[str, Any], path: str, fields: tuple[str, ...], ready_field: str = "readyReplicas", ready_msg: str = "cannot be greater than readyReplicas") -> ErrorList:
    """The shared shape of the replica-count status checks (RC, ReplicaSet, Deployment)."""
    errs: ErrorList = []
    for key in fields:
        errs.extend(validate_nonnegative_field(status.get(key, 0) or 0, f"{path}.{key}"))
    replicas = status.get("replicas", 0) or 0
    for key in fields:
        if key in ("replicas", "observedGeneration", "unavailableReplicas", "collisionCount"):
            continue
        v = status.get(key, 0) or 0
        if v > replicas:
            errs.append(field.invalid(f"{path}.{key}", v, "cannot be greater than status.replicas"))
    avail = status.get("availableReplicas", 0) or 0
    if avail > (status.get(ready_field, 0) or 0):
        errs.append(field.invalid(f"{path}.availableReplicas", avail, ready_msg))
    return errs


def validate_replication_controller_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateReplicationControllerStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_replica_counts_status(new.get("status") or {}, "status", ("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration")))
    return errs


def validate_pod_binding(binding: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodBinding"""
    errs: ErrorList = []
    target = binding.get("target") or {}
    kind = target.get("kind", "") or ""
    if kind and kind != "Node":
        errs.append(field.not_supported("target.kind", kind, ["Node", "<empty>"]))
    if not target.get("name"):
        errs.append(field.required("target.name", ""))
    return errs
