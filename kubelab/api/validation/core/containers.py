"""Containers: names, images, ports, env, probes, lifecycle hooks, resources, security context.

Upstream: pkg/apis/core/validation/validation.go (validateContainers, validateInitContainers,
validateEphemeralContainers, validateContainerCommon, validateContainerPorts, ValidateEnv,
validateProbe, validateHandler, ValidateSecurityContext, ...)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.common import (
    validate_config_map_name,
    validate_dns1123_label,
    validate_qualified_name,
    validate_secret_name,
)
from kubelab.api.validation.core.resources import quantity, validate_container_resource_requirements
from kubelab.api.validation.core.securitycontext import validate_security_context
from kubelab.api.validation.core.volumes import validate_volume_devices, validate_volume_mounts
from kubelab.api.validation.objectmeta import validate_nonnegative_field

SUPPORTED_PORT_PROTOCOLS = ("SCTP", "TCP", "UDP")
SUPPORTED_PULL_POLICIES = ("Always", "IfNotPresent", "Never")
SUPPORTED_HTTP_SCHEMES = ("HTTP", "HTTPS")
TERMINATION_MESSAGE_POLICIES = ("File", "FallbackToLogsOnError")
SUPPORTED_RESIZE_RESOURCES = ("cpu", "memory")
SUPPORTED_RESIZE_POLICIES = ("NotRequired", "RestartContainer")

VALID_ENV_DOWNWARD_API_FIELD_PATHS = frozenset({
    "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
    "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
})
VALID_CONTAINER_RESOURCE_FIELD_PATHS = frozenset({
    "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    "requests.cpu", "requests.memory", "requests.ephemeral-storage",
})
_HUGEPAGES_FIELD_PREFIXES = ("limits.hugepages-", "requests.hugepages-")
_DOWNWARD_API_LABELS = frozenset({
    "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
    "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
    "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
})
_DIVISORS_CPU = frozenset({"1m", "1"})
_DIVISORS_BYTES = frozenset({"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"})
_BYTES_LIST = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei"

# Fields an ephemeral container may not set, in Go struct order.
_EPHEMERAL_DISALLOWED = (
    "ports", "resources", "resizePolicy", "restartPolicy", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
)


# -- ports ----------------------------------------------------------------------------------------


def validate_container_ports(ports: list[dict[str, Any]] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateContainerPorts"""
    if not ports:
        return []
    errs: ErrorList = []
    names: set[str] = set()
    for i, port in enumerate(ports):
        ip = f"{path}[{i}]"
        name = port.get("name", "") or ""
        if name:
            msgs = g.is_valid_port_name(name)
            if msgs:
                errs.extend(field.invalid(f"{ip}.name", name, m) for m in msgs)
            elif name in names:
                errs.append(field.duplicate(f"{ip}.name", name))
            else:
                names.add(name)
        cp = port.get("containerPort", 0) or 0
        if cp == 0:
            errs.append(field.required(f"{ip}.containerPort", ""))
        else:
            errs.extend(field.invalid(f"{ip}.containerPort", cp, m) for m in g.is_valid_port_num(cp))
        hp = port.get("hostPort", 0) or 0
        if hp != 0:
            errs.extend(field.invalid(f"{ip}.hostPort", hp, m) for m in g.is_valid_port_num(hp))
        proto = port.get("protocol", "") or ""
        if not proto:
            errs.append(field.required(f"{ip}.protocol", ""))
        elif proto not in SUPPORTED_PORT_PROTOCOLS:
            errs.append(field.not_supported(f"{ip}.protocol", proto, SUPPORTED_PORT_PROTOCOLS))
    return errs


def validate_port_num_or_name(port: Any, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePortNumOrName"""
    if isinstance(port, str):
        return [field.invalid(path, port, m) for m in g.is_valid_port_name(port)]
    v = int(port or 0)
    return [field.invalid(path, v, m) for m in g.is_valid_port_num(v)]


def accumulate_unique_host_ports(containers: list[dict[str, Any]], acc: set[str], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: AccumulateUniqueHostPorts"""
    errs: ErrorList = []
    for ci, c in enumerate(containers):
        for pi, port in enumerate(c.get("ports") or ()):
            hp = port.get("hostPort", 0) or 0
            if hp == 0:
                continue
            key = f"{port.get('protocol', '')}/{port.get('hostIP', '')}/{hp}"
            if key in acc:
                errs.append(field.duplicate(f"{path}[{ci}].ports[{pi}].hostPort", key))
            else:
                acc.add(key)
    return errs


# -- env ------------------------------------------------------------------------------------------


def _split_maybe_subscripted(fp: str) -> tuple[str, str, bool]:
    if not fp.endswith("']"):
        return fp, "", False
    parts = fp[:-2].split("['", 1)
    if len(parts) < 2 or not parts[0]:
        return fp, "", False
    return parts[0], parts[1], True


def _convert_downward_api_field_label(version: str, label: str) -> tuple[str, str | None]:
    if version != "v1":
        return "", f"unsupported pod version: {version}"
    path, _, ok = _split_maybe_subscripted(label)
    if ok:
        if path in ("metadata.annotations", "metadata.labels"):
            return label, None
        return "", f"field label does not support subscript: {label}"
    if label in _DOWNWARD_API_LABELS:
        return label, None
    if label == "spec.host":
        return "spec.nodeName", None
    return "", f"field label not supported: {label}"


def validate_object_field_selector(fs: dict[str, Any], expressions: frozenset[str], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateObjectFieldSelector"""
    api_version = fs.get("apiVersion", "") or ""
    fp = fs.get("fieldPath", "") or ""
    if not api_version:
        return [field.required(f"{path}.apiVersion", "")]
    if not fp:
        return [field.required(f"{path}.fieldPath", "")]
    internal, err = _convert_downward_api_field_label(api_version, fp)
    if err is not None:
        return [field.invalid(f"{path}.fieldPath", fp, f"error converting fieldPath: {err}")]
    p, sub, ok = _split_maybe_subscripted(internal)
    if ok:
        if p == "metadata.annotations":
            return validate_qualified_name(sub.lower(), path)
        if p == "metadata.labels":
            return validate_qualified_name(sub, path)
        return [field.invalid(path, p, "does not support subscript")]
    if p not in expressions:
        return [field.not_supported(f"{path}.fieldPath", p, sorted(expressions))]
    return []


def _validate_divisor(resource: str, divisor: Any, path: str) -> ErrorList:
    errs: ErrorList = []
    q = quantity(divisor, f"{path}.divisor", errs)
    if q is None or q.is_zero():
        return errs
    s = str(q)
    if resource in ("limits.cpu", "requests.cpu"):
        if s not in _DIVISORS_CPU:
            errs.append(field.invalid(f"{path}.divisor", resource, "only divisor's values 1m and 1 are supported with the cpu resource"))
    elif resource in ("limits.memory", "requests.memory"):
        if s not in _DIVISORS_BYTES:
            errs.append(field.invalid(f"{path}.divisor", resource, f"only divisor's values {_BYTES_LIST} are supported with the memory resource"))
    elif resource in ("limits.ephemeral-storage", "requests.ephemeral-storage"):
        if s not in _DIVISORS_BYTES:
            errs.append(field.invalid(f"{path}.divisor", resource, f"only divisor's values {_BYTES_LIST} are supported with the local ephemeral storage resource"))
    if resource.startswith(_HUGEPAGES_FIELD_PREFIXES) and s not in _DIVISORS_BYTES:
        errs.append(field.invalid(f"{path}.divisor", resource, f"only divisor's values {_BYTES_LIST} are supported with the hugepages resource"))
    return errs


def validate_container_resource_field_selector(fs: dict[str, Any], expressions: frozenset[str], path: str, volume: bool) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateContainerResourceFieldSelector"""
    errs: ErrorList = []
    res = fs.get("resource", "") or ""
    if volume and not fs.get("containerName"):
        errs.append(field.required(f"{path}.containerName", ""))
    elif not res:
        errs.append(field.required(f"{path}.resource", ""))
    elif res not in expressions and not res.startswith(_HUGEPAGES_FIELD_PREFIXES):
        errs.append(field.not_supported(f"{path}.resource", res, sorted(expressions)))
    if fs.get("divisor") is not None:
        errs.extend(_validate_divisor(res, fs["divisor"], path))
    return errs


def _validate_key_selector(s: dict[str, Any], path: str) -> ErrorList:
    name = s.get("name", "") or ""
    errs = [field.invalid(f"{path}.name", name, m) for m in validate_secret_name(name, False)]
    key = s.get("key", "") or ""
    if not key:
        errs.append(field.required(f"{path}.key", ""))
    else:
        errs.extend(field.invalid(f"{path}.key", key, m) for m in g.is_config_map_key(key))
    return errs


def validate_env_var_value_from(ev: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateEnvVarValueFrom"""
    vf = ev.get("valueFrom")
    if vf is None:
        return []
    errs: ErrorList = []
    n = 0
    if vf.get("fieldRef") is not None:
        n += 1
        errs.extend(validate_object_field_selector(vf["fieldRef"], VALID_ENV_DOWNWARD_API_FIELD_PATHS, f"{path}.fieldRef"))
    if vf.get("resourceFieldRef") is not None:
        n += 1
        errs.extend(validate_container_resource_field_selector(vf["resourceFieldRef"], VALID_CONTAINER_RESOURCE_FIELD_PATHS, f"{path}.resourceFieldRef", False))
    if vf.get("configMapKeyRef") is not None:
        n += 1
        errs.extend(_validate_key_selector(vf["configMapKeyRef"], f"{path}.configMapKeyRef"))
    if vf.get("secretKeyRef") is not None:
        n += 1
        errs.extend(_validate_key_selector(vf["secretKeyRef"], f"{path}.secretKeyRef"))
    if n == 0:
        errs.append(field.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
    elif ev.get("value"):
        errs.append(field.invalid(path, "", "may not be specified when `value` is not empty"))
    elif n > 1:
        errs.append(field.invalid(path, "", "may not have more than one field specified at a time"))
    return errs


def _env_name_msgs(name: str, opts: Any) -> list[str]:
    if opts.allow_relaxed_environment_variable_validation:
        return g.is_relaxed_env_var_name(name)
    return g.is_env_var_name(name)


def validate_env(env: list[dict[str, Any]] | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateEnv"""
    if not env:
        return []
    errs: ErrorList = []
    for i, ev in enumerate(env):
        ip = f"{path}[{i}]"
        name = ev.get("name", "") or ""
        if not name:
            errs.append(field.required(f"{ip}.name", ""))
        else:
            errs.extend(field.invalid(f"{ip}.name", name, m) for m in _env_name_msgs(name, opts))
        if ev.get("valueFrom") is not None:
            errs.extend(validate_env_var_value_from(ev, f"{ip}.valueFrom"))
    return errs


def validate_env_from(env_from: list[dict[str, Any]] | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateEnvFrom"""
    if not env_from:
        return []
    errs: ErrorList = []
    for i, ev in enumerate(env_from):
        ip = f"{path}[{i}]"
        prefix = ev.get("prefix", "") or ""
        if prefix:
            errs.extend(field.invalid(f"{ip}.prefix", prefix, m) for m in _env_name_msgs(prefix, opts))
        n = 0
        for key, name_fn in (("configMapRef", validate_config_map_name), ("secretRef", validate_secret_name)):
            ref = ev.get(key)
            if ref is None:
                continue
            n += 1
            name = ref.get("name", "") or ""
            if not name:
                errs.append(field.required(f"{ip}.{key}.name", ""))
            else:
                errs.extend(field.invalid(f"{ip}.{key}.name", name, m) for m in name_fn(name, True))
        if n == 0:
            errs.append(field.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"))
        elif n > 1:
            errs.append(field.invalid(path, "", "may not have more than one field specified at a time"))
    return errs


# -- probes and handlers --------------------------------------------------------------------------


def _validate_http_get(h: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    if not h.get("path"):
        errs.append(field.required(f"{path}.path", ""))
    errs.extend(validate_port_num_or_name(h.get("port", 0), f"{path}.port"))
    scheme = h.get("scheme", "") or ""
    if scheme not in SUPPORTED_HTTP_SCHEMES:
        errs.append(field.not_supported(f"{path}.scheme", scheme, SUPPORTED_HTTP_SCHEMES))
    for hdr in h.get("httpHeaders") or ():
        name = hdr.get("name", "") or ""
        errs.extend(field.invalid(f"{path}.httpHeaders", name, m) for m in g.is_http_header_name(name))
    return errs


def _validate_sleep(sleep: dict[str, Any], grace: int | None, path: str, opts: Any) -> ErrorList:
    secs = sleep.get("seconds", 0) or 0
    if grace is None:
        return []
    if opts.allow_pod_lifecycle_sleep_action_zero_value:
        if secs < 0 or secs > grace:
            return [field.invalid(path, secs, f"must be non-negative and less than terminationGracePeriodSeconds ({grace})")]
    elif secs <= 0 or secs > grace:
        return [
            field.invalid(
                path, secs,
                f"must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). "
                "Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.",
            )
        ]
    return []


def validate_handler(h: dict[str, Any], allowed: tuple[str, ...], grace: int | None, path: str, opts: Any) -> ErrorList:
    """Exactly one handler (exec, httpGet, tcpSocket, grpc, sleep), checked by its rules.

    Mirrors: pkg/apis/core/validation/validation.go :: validateHandler
    """
    errs: ErrorList = []
    n = 0
    for kind in allowed:
        v = h.get(kind)
        if v is None:
            continue
        p = f"{path}.{kind}"
        if n > 0:
            errs.append(field.forbidden(p, "may not specify more than 1 handler type"))
            continue
        n += 1
        if kind == "exec":
            if not v.get("command"):
                errs.append(field.required(f"{p}.command", ""))
        elif kind == "httpGet":
            errs.extend(_validate_http_get(v, p))
        elif kind == "tcpSocket":
            errs.extend(validate_port_num_or_name(v.get("port", 0), f"{p}.port"))
        elif kind == "grpc":
            errs.extend(validate_port_num_or_name(int(v.get("port", 0) or 0), f"{p}.port"))
        elif kind == "sleep":
            errs.extend(_validate_sleep(v, grace, p, opts))
    if n == 0:
        errs.append(field.required(path, "must specify a handler type"))
    return errs


_PROBE_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
_LIFECYCLE_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")


def validate_probe(probe: dict[str, Any] | None, grace: int | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateProbe"""
    if probe is None:
        return []
    errs = validate_handler(probe, _PROBE_HANDLERS, grace, path, opts)
    for key in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
        errs.extend(validate_nonnegative_field(probe.get(key, 0) or 0, f"{path}.{key}"))
    tg = probe.get("terminationGracePeriodSeconds")
    if tg is not None and tg <= 0:
        errs.append(field.invalid(f"{path}.terminationGracePeriodSeconds", tg, "must be greater than 0"))
    return errs


def validate_liveness_probe(probe: dict[str, Any] | None, grace: int | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateLivenessProbe (and validateStartupProbe)"""
    if probe is None:
        return []
    errs = validate_probe(probe, grace, path, opts)
    st = probe.get("successThreshold", 0) or 0
    if st != 1:
        errs.append(field.invalid(f"{path}.successThreshold", st, "must be 1"))
    return errs


def validate_readiness_probe(probe: dict[str, Any] | None, grace: int | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateReadinessProbe"""
    if probe is None:
        return []
    errs = validate_probe(probe, grace, path, opts)
    tg = probe.get("terminationGracePeriodSeconds")
    if tg is not None:
        errs.append(field.invalid(f"{path}.terminationGracePeriodSeconds", tg, "must not be set for readinessProbes"))
    return errs


def validate_lifecycle(lc: dict[str, Any], grace: int | None, path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateLifecycle"""
    errs: ErrorList = []
    for hook in ("postStart", "preStop"):
        h = lc.get(hook)
        if h is not None:
            errs.extend(validate_handler(h, _LIFECYCLE_HANDLERS, grace, f"{path}.{hook}", opts))
    return errs


def _probes(c: dict[str, Any], grace: int | None, path: str, opts: Any) -> ErrorList:
    errs: ErrorList = []
    if c.get("lifecycle") is not None:
        errs.extend(validate_lifecycle(c["lifecycle"], grace, f"{path}.lifecycle", opts))
    errs.extend(validate_liveness_probe(c.get("livenessProbe"), grace, f"{path}.livenessProbe", opts))
    errs.extend(validate_readiness_probe(c.get("readinessProbe"), grace, f"{path}.readinessProbe", opts))
    errs.extend(validate_liveness_probe(c.get("startupProbe"), grace, f"{path}.startupProbe", opts))
    return errs


# -- containers -----------------------------------------------------------------------------------


def _validate_resize_policy(policies: list[dict[str, Any]] | None, path: str, pod_restart_policy: str) -> ErrorList:
    if not policies:
        return []
    errs: ErrorList = []
    seen: set[str] = set()
    for i, p in enumerate(policies):
        rn = p.get("resourceName", "") or ""
        rp = p.get("restartPolicy", "") or ""
        if rn in seen:
            errs.append(field.duplicate(f"{path}[{i}]", rn))
        seen.add(rn)
        if not rn:
            errs.append(field.required(path, ""))
        elif rn not in SUPPORTED_RESIZE_RESOURCES:
            errs.append(field.not_supported(path, rn, SUPPORTED_RESIZE_RESOURCES))
        if not rp:
            errs.append(field.required(path, ""))
        elif rp not in SUPPORTED_RESIZE_POLICIES:
            errs.append(field.not_supported(path, rp, SUPPORTED_RESIZE_POLICIES))
        if pod_restart_policy == "Never" and rp != "NotRequired":
            errs.append(field.invalid(path, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"))
    return errs


def validate_container_common(c: dict[str, Any], volumes: dict[str, dict[str, Any]], claims: frozenset[str], path: str, opts: Any, pod_restart_policy: str, host_users: bool) -> ErrorList:
    """Checks every kind of container shares: name, image, ports, env, mounts, resources.

    Mirrors: pkg/apis/core/validation/validation.go :: validateContainerCommon
    """
    errs: ErrorList = []
    name = c.get("name", "") or ""
    if not name:
        errs.append(field.required(f"{path}.name", ""))
    else:
        errs.extend(validate_dns1123_label(name, f"{path}.name"))
    if not c.get("image"):
        errs.append(field.required(f"{path}.image", ""))
    tmp = c.get("terminationMessagePolicy", "") or ""
    if not tmp:
        errs.append(field.required(f"{path}.terminationMessagePolicy", ""))
    elif tmp not in TERMINATION_MESSAGE_POLICIES:
        errs.append(field.not_supported(f"{path}.terminationMessagePolicy", tmp, TERMINATION_MESSAGE_POLICIES))
    mounts = c.get("volumeMounts")
    devices = c.get("volumeDevices")
    mount_map = {m.get("name", ""): m.get("mountPath", "") for m in mounts or ()}
    device_map = {d.get("name", ""): d.get("devicePath", "") for d in devices or ()}
    errs.extend(validate_container_ports(c.get("ports"), f"{path}.ports"))
    errs.extend(validate_env(c.get("env"), f"{path}.env", opts))
    errs.extend(validate_env_from(c.get("envFrom"), f"{path}.envFrom", opts))
    errs.extend(validate_volume_mounts(mounts, device_map, volumes, c, f"{path}.volumeMounts"))
    errs.extend(validate_volume_devices(devices, mount_map, volumes, f"{path}.volumeDevices"))
    pp = c.get("imagePullPolicy", "") or ""
    if not pp:
        errs.append(field.required(f"{path}.imagePullPolicy", ""))
    elif pp not in SUPPORTED_PULL_POLICIES:
        errs.append(field.not_supported(f"{path}.imagePullPolicy", pp, SUPPORTED_PULL_POLICIES))
    errs.extend(validate_container_resource_requirements(c.get("resources"), claims, f"{path}.resources", opts))
    errs.extend(_validate_resize_policy(c.get("resizePolicy"), f"{path}.resizePolicy", pod_restart_policy))
    errs.extend(validate_security_context(c.get("securityContext"), f"{path}.securityContext", host_users))
    return errs


def validate_containers(containers: list[dict[str, Any]] | None, volumes: dict[str, dict[str, Any]], claims: frozenset[str], grace: int | None, path: str, opts: Any, pod_restart_policy: str, host_users: bool) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateContainers"""
    if not containers:
        return [field.required(path, "")]
    errs: ErrorList = []
    names: set[str] = set()
    for i, c in enumerate(containers):
        p = f"{path}[{i}]"
        errs.extend(validate_container_common(c, volumes, claims, p, opts, pod_restart_policy, host_users))
        name = c.get("name", "") or ""
        if name in names:
            errs.append(field.duplicate(f"{p}.name", name))
        else:
            names.add(name)
        errs.extend(_probes(c, grace, p, opts))
        if c.get("restartPolicy") is not None:
            errs.append(field.forbidden(f"{p}.restartPolicy", "may not be set for non-init containers"))
    errs.extend(accumulate_unique_host_ports(containers, set(), path))
    return errs


def validate_init_containers(containers: list[dict[str, Any]] | None, regular: list[dict[str, Any]] | None, volumes: dict[str, dict[str, Any]], claims: frozenset[str], grace: int | None, path: str, opts: Any, pod_restart_policy: str, host_users: bool) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateInitContainers"""
    if not containers:
        return []
    errs: ErrorList = []
    names = {c.get("name", "") or "" for c in regular or ()}
    for i, c in enumerate(containers):
        p = f"{path}[{i}]"
        errs.extend(validate_container_common(c, volumes, claims, p, opts, pod_restart_policy, host_users))
        rp = c.get("restartPolicy")
        restart_always = False
        if rp is not None:
            if rp != "Always":
                errs.append(field.not_supported(f"{p}.restartPolicy", rp, ["Always"]))
            restart_always = rp == "Always"
        name = c.get("name", "") or ""
        if name in names:
            errs.append(field.duplicate(f"{p}.name", name))
        elif name:
            names.add(name)
        errs.extend(accumulate_unique_host_ports([c], set(), path))
        if restart_always:
            errs.extend(_probes(c, grace, p, opts))
        else:
            for key in ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe"):
                if c.get(key) is not None:
                    errs.append(field.forbidden(f"{p}.{key}", "may not be set for init containers without restartPolicy=Always"))
        if not opts.allow_sidecar_resize_policy and c.get("resizePolicy"):
            errs.append(field.invalid(f"{p}.resizePolicy", _resize_repr(c["resizePolicy"]), "must not be set for init containers"))
    return errs


def _resize_repr(policies: list[dict[str, Any]]) -> gofmt.GoRepr:
    parts = [
        "core.ContainerResizePolicy{ResourceName:" + field.go_quote(p.get("resourceName", ""))
        + ", RestartPolicy:" + field.go_quote(p.get("restartPolicy", "")) + "}"
        for p in policies
    ]
    return gofmt.GoRepr("[]core.ContainerResizePolicy{" + ", ".join(parts) + "}")


def validate_ephemeral_containers(ephemeral: list[dict[str, Any]] | None, containers: list[dict[str, Any]] | None, init: list[dict[str, Any]] | None, volumes: dict[str, dict[str, Any]], claims: frozenset[str], path: str, opts: Any, pod_restart_policy: str, host_users: bool) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateEphemeralContainers"""
    if not ephemeral:
        return []
    errs: ErrorList = []
    others = {c.get("name", "") or "" for c in (containers or []) + (init or [])}
    names = set(others)
    for i, ec in enumerate(ephemeral):
        p = f"{path}[{i}]"
        errs.extend(validate_container_common(ec, volumes, claims, p, opts, pod_restart_policy, host_users))
        errs.extend(validate_container_only_for_pod(ec, p))
        name = ec.get("name", "") or ""
        if name in names:
            errs.append(field.duplicate(f"{p}.name", name))
        else:
            names.add(name)
        target = ec.get("targetContainerName", "") or ""
        if target and target not in others:
            errs.append(field.not_found(f"{p}.targetContainerName", target))
        for key in _EPHEMERAL_DISALLOWED:
            v = ec.get(key)
            if v is not None and v != {} and v != []:
                errs.append(field.forbidden(f"{p}.{key}", "cannot be set for an Ephemeral Container"))
        for j, vm in enumerate(ec.get("volumeMounts") or ()):
            if vm.get("subPath"):
                errs.append(field.forbidden(f"{p}.volumeMounts[{j}].subPath", "cannot be set for an Ephemeral Container"))
            if vm.get("subPathExpr"):
                errs.append(field.forbidden(f"{p}.volumeMounts[{j}].subPathExpr", "cannot be set for an Ephemeral Container"))
    return errs


def validate_container_only_for_pod(c: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateContainerOnlyForPod"""
    image = c.get("image", "") or ""
    if len(image) != len(image.strip()):
        return [field.invalid(f"{path}.image", image, "must not have leading or trailing whitespace")]
    return []
