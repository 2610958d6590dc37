"""The Pod Security Standards checks, baseline and restricted, as of v1.34.

Each check takes the pod's metadata and spec (and the policy's minor version) and
returns None when the pod passes, else the reason and detail upstream prints:
``allowPrivilegeEscalation != false (container "nginx" must set ...)``.

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_*.go, helpers.go
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Pod = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A failed check. Mirrors: policy/checks.go :: CheckResult (the Allowed=false case)"""

    forbidden_reason: str
    forbidden_detail: str


CheckFn = Callable[[Mapping[str, Any], Mapping[str, Any], int], "CheckResult | None"]


def pluralize(singular: str, plural: str, count: int) -> str:
    """Mirrors: policy/helpers.go :: pluralize"""
    return singular if count == 1 else plural


def join_quote(items: list[str]) -> str:
    """``"a", "b"``. Mirrors: policy/helpers.go :: joinQuote"""
    return ", ".join(f'"{i}"' for i in items)


def _containers(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Init, regular, then ephemeral containers. Mirrors: policy/visitor.go :: visitContainers"""
    yield from spec.get("initContainers") or ()
    yield from spec.get("containers") or ()
    yield from spec.get("ephemeralContainers") or ()


def _sc(c: Mapping[str, Any]) -> Mapping[str, Any]:
    return c.get("securityContext") or {}


def _pod_sc(spec: Mapping[str, Any]) -> Mapping[str, Any]:
    return spec.get("securityContext") or {}


def _is_windows(spec: Mapping[str, Any]) -> bool:
    return (spec.get("os") or {}).get("name") == "windows"


def _containers_phrase(names: list[str]) -> str:
    return f"{pluralize('container', 'containers', len(names))} {join_quote(names)}"


# --- baseline -------------------------------------------------------------------------------

def check_host_namespaces(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_hostNamespaces.go :: hostNamespaces_1_0"""
    bad = [f"{k}=true" for k in ("hostNetwork", "hostPID", "hostIPC") if spec.get(k)]
    return CheckResult("host namespaces", ", ".join(bad)) if bad else None


def check_privileged(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_privileged.go :: privileged_1_0"""
    bad = [c["name"] for c in _containers(spec) if _sc(c).get("privileged") is True]
    if bad:
        return CheckResult("privileged", f"{_containers_phrase(bad)} must not set securityContext.privileged=true")
    return None


CAPABILITIES_ALLOWED_1_0 = ("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                            "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT")


def check_capabilities_baseline(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_capabilities_baseline.go :: capabilitiesBaseline_1_0"""
    bad: list[str] = []
    caps: dict[str, None] = {}
    for c in _containers(spec):
        added = [a for a in (_sc(c).get("capabilities") or {}).get("add") or () if a not in CAPABILITIES_ALLOWED_1_0]
        if added:
            bad.append(c["name"])
            caps.update(dict.fromkeys(added))
    if bad:
        return CheckResult("non-default capabilities", f"{_containers_phrase(bad)} must not include "
                                                      f"{join_quote(sorted(caps))} in securityContext.capabilities.add")
    return None


def check_host_path_volumes(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_hostPathVolumes.go :: hostPathVolumes_1_0"""
    bad = [v["name"] for v in spec.get("volumes") or () if v.get("hostPath") is not None]
    if bad:
        return CheckResult("hostPath volumes", f"{pluralize('volume', 'volumes', len(bad))} {join_quote(bad)}")
    return None


def check_host_ports(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_hostPorts.go :: hostPorts_1_0"""
    bad: list[str] = []
    ports: dict[str, None] = {}
    for c in _containers(spec):
        used = [str(p["hostPort"]) for p in c.get("ports") or () if p.get("hostPort")]
        if used:
            bad.append(c["name"])
            ports.update(dict.fromkeys(used))
    if bad:
        return CheckResult("hostPort", f"{_containers_phrase(bad)} {pluralize('uses', 'use', len(bad))} "
                                       f"{pluralize('hostPort', 'hostPorts', len(ports))} {', '.join(sorted(ports))}")
    return None


def check_app_armor_profile(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """RuntimeDefault or Localhost profiles only, in fields or the deprecated annotations.

    Mirrors: check_appArmorProfile.go :: appArmorProfile_1_30
    """
    bad_setters: list[str] = []
    bad_values: dict[str, None] = {}

    def allowed(profile: Mapping[str, Any] | None) -> bool:
        return profile is None or profile.get("type") in ("RuntimeDefault", "Localhost")

    pod_profile = _pod_sc(spec).get("appArmorProfile")
    if not allowed(pod_profile):
        bad_setters.append("pod")
        bad_values[str(pod_profile.get("type", ""))] = None  # type: ignore[union-attr]
    bad: list[str] = []
    for c in _containers(spec):
        profile = _sc(c).get("appArmorProfile")
        if not allowed(profile):
            bad.append(c["name"])
            bad_values[str(profile.get("type", ""))] = None  # type: ignore[union-attr]
    if bad:
        bad_setters.append(_containers_phrase(bad))
    forbidden_annotations = []
    prefix = "container.apparmor.security.beta.kubernetes.io/"
    for k, v in (meta.get("annotations") or {}).items():
        if k.startswith(prefix) and not (not v or v == "runtime/default" or v.startswith("localhost/")):
            forbidden_annotations.append(f'{k}="{v}"')
    values = sorted(bad_values)
    if forbidden_annotations:
        values += sorted(forbidden_annotations)
        bad_setters.append(pluralize("annotation", "annotations", len(forbidden_annotations)))
    if bad_setters:
        return CheckResult(pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", len(values)),
                           ", ".join(values))
    return None


def check_se_linux_options(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_seLinuxOptions.go :: seLinuxOptions1_31 (seLinuxOptions1_0 before v1.31)"""
    allowed_types: tuple[str, ...] = ("", "container_t", "container_init_t", "container_kvm_t")
    if minor >= 31:
        allowed_types += ("container_engine_t",)
    bad_types: dict[str, None] = {}
    flags = {"user": False, "role": False}

    def valid(opts: Mapping[str, Any]) -> bool:
        ok = True
        if opts.get("type", "") not in allowed_types:
            ok = False
            bad_types[opts.get("type", "")] = None
        for k in ("user", "role"):
            if opts.get(k):
                ok = False
                flags[k] = True
        return ok

    setters: list[str] = []
    pod_opts = _pod_sc(spec).get("seLinuxOptions")
    if pod_opts is not None and not valid(pod_opts):
        setters.append("pod")
    bad = [c["name"] for c in _containers(spec)
           if _sc(c).get("seLinuxOptions") is not None and not valid(_sc(c)["seLinuxOptions"])]
    if bad:
        setters.append(_containers_phrase(bad))
    if not setters:
        return None
    data = []
    if bad_types:
        data.append(f"{pluralize('type', 'types', len(bad_types))} {join_quote(sorted(bad_types))}")
    if flags["user"]:
        data.append("user may not be set")
    if flags["role"]:
        data.append("role may not be set")
    return CheckResult("seLinuxOptions", f"{' and '.join(setters)} set forbidden securityContext.seLinuxOptions: "
                                         f"{'; '.join(data)}")


def check_proc_mount(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_procMount.go :: procMount_1_0"""
    bad: list[str] = []
    types: dict[str, None] = {}
    for c in _containers(spec):
        pm = _sc(c).get("procMount")
        if pm is not None and pm != "Default":
            bad.append(c["name"])
            types[pm] = None
    if bad:
        return CheckResult("procMount", f"{_containers_phrase(bad)} must not set securityContext.procMount to "
                                        f"{join_quote(sorted(types))}")
    return None


def _valid_seccomp(t: str | None) -> bool:
    return t in ("RuntimeDefault", "Localhost")


def check_seccomp_profile_baseline(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Unconfined is the only forbidden seccomp profile at baseline.

    Mirrors: check_seccompProfile_baseline.go :: seccompProfileBaseline_1_19
    """
    forbidden: list[str] = []
    pod_profile = _pod_sc(spec).get("seccompProfile")
    if pod_profile is not None and not _valid_seccomp(pod_profile.get("type")):
        forbidden.append(f'pod must not set securityContext.seccompProfile.type to "{pod_profile.get("type", "")}"')
    bad: list[str] = []
    values: dict[str, None] = {}
    for c in _containers(spec):
        prof = _sc(c).get("seccompProfile")
        if prof is not None and not _valid_seccomp(prof.get("type")):
            bad.append(c["name"])
            values[str(prof.get("type", ""))] = None
    if bad:
        forbidden.append(f"{_containers_phrase(bad)} must not set securityContext.seccompProfile.type to "
                         f"{join_quote(sorted(values))}")
    if forbidden:
        return CheckResult("seccompProfile", "; ".join(sorted(forbidden)))
    return None


SYSCTLS_ALLOWED = (
    (0, ("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
         "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start")),
    (27, ("net.ipv4.ip_local_reserved_ports",)),
    (29, ("net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes")),
    (32, ("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem")),
)


def check_sysctls(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_sysctls.go :: sysctlsV1Dot0 ... sysctlsV1Dot32"""
    allowed = {name for since, names in SYSCTLS_ALLOWED if minor >= since for name in names}
    bad = [s.get("name", "") for s in _pod_sc(spec).get("sysctls") or () if s.get("name", "") not in allowed]
    return CheckResult("forbidden sysctls", ", ".join(bad)) if bad else None


def check_windows_host_process(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_windowsHostProcess.go :: windowsHostProcess_1_0"""
    bad = [c["name"] for c in _containers(spec)
           if (_sc(c).get("windowsOptions") or {}).get("hostProcess") is True]
    pod_bad = (_pod_sc(spec).get("windowsOptions") or {}).get("hostProcess") is True
    if not bad and not pod_bad:
        return None
    setters = (["pod"] if pod_bad else []) + ([_containers_phrase(bad)] if bad else [])
    return CheckResult("hostProcess",
                       f"{' and '.join(setters)} must not set securityContext.windowsOptions.hostProcess=true")


# --- restricted -----------------------------------------------------------------------------

def check_allow_privilege_escalation(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_allowPrivilegeEscalation.go :: allowPrivilegeEscalation_1_8 (_1_25 skips Windows)"""
    if minor >= 25 and _is_windows(spec):
        return None
    bad = [c["name"] for c in _containers(spec) if _sc(c).get("allowPrivilegeEscalation") is not False]
    if bad:
        return CheckResult("allowPrivilegeEscalation != false",
                           f"{_containers_phrase(bad)} must set securityContext.allowPrivilegeEscalation=false")
    return None


def check_capabilities_restricted(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Drop ALL; add nothing but NET_BIND_SERVICE.

    Mirrors: check_capabilities_restricted.go :: capabilitiesRestricted_1_22 (_1_25 skips Windows)
    """
    if minor >= 25 and _is_windows(spec):
        return None
    missing_drop: list[str] = []
    adding: list[str] = []
    forbidden: dict[str, None] = {}
    for c in _containers(spec):
        caps = _sc(c).get("capabilities")
        if caps is None:
            missing_drop.append(c["name"])
            continue
        if "ALL" not in (caps.get("drop") or ()):
            missing_drop.append(c["name"])
        added = [a for a in caps.get("add") or () if a != "NET_BIND_SERVICE"]
        if added:
            adding.append(c["name"])
            forbidden.update(dict.fromkeys(added))
    details = []
    if missing_drop:
        details.append(f'{_containers_phrase(missing_drop)} must set securityContext.capabilities.drop=["ALL"]')
    if adding:
        details.append(f"{_containers_phrase(adding)} must not include {join_quote(sorted(forbidden))} in "
                       "securityContext.capabilities.add")
    return CheckResult("unrestricted capabilities", "; ".join(details)) if details else None


_ALLOWED_VOLUME_SOURCES = ("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
                           "projected", "secret")
_RESTRICTED_VOLUME_SOURCES = ("hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi",
                              "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile",
                              "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume",
                              "scaleIO", "storageos")


def check_restricted_volumes(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_restrictedVolumes.go :: restrictedVolumesV1Dot0"""
    bad: list[str] = []
    types: dict[str, None] = {}
    for v in spec.get("volumes") or ():
        if any(v.get(k) is not None for k in _ALLOWED_VOLUME_SOURCES):
            continue
        bad.append(v.get("name", ""))
        kind = next((k for k in _RESTRICTED_VOLUME_SOURCES if v.get(k) is not None), "unknown")
        types[kind] = None
    if bad:
        return CheckResult("restricted volume types",
                           f"{pluralize('volume', 'volumes', len(bad))} {join_quote(bad)} "
                           f"{pluralize('uses', 'use', len(bad))} "
                           f"{pluralize('restricted volume type', 'restricted volume types', len(types))} "
                           f"{join_quote(sorted(types))}")
    return None


def _pod_or_containers(spec: Pod, key: str, bad_value: Callable[[Any], bool],
                       good_value: Callable[[Any], bool]) -> tuple[list[str], list[str], list[str]]:
    """(explicit bad setters incl. "pod", explicitly bad containers, implicitly bad containers)."""
    setters: list[str] = []
    pod_set = False
    pv = _pod_sc(spec).get(key)
    if pv is not None:
        if bad_value(pv):
            setters.append("pod")
        elif good_value(pv):
            pod_set = True
    explicit: list[str] = []
    implicit: list[str] = []
    for c in _containers(spec):
        cv = _sc(c).get(key)
        if cv is not None:
            if bad_value(cv):
                explicit.append(c["name"])
        elif not pod_set:
            implicit.append(c["name"])
    return setters, explicit, implicit


def check_run_as_non_root(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_runAsNonRoot.go :: runAsNonRoot_1_0"""
    setters, explicit, implicit = _pod_or_containers(spec, "runAsNonRoot", lambda v: v is False, lambda v: v is True)
    if explicit:
        setters.append(_containers_phrase(explicit))
    if setters:
        return CheckResult("runAsNonRoot != true",
                           f"{' and '.join(setters)} must not set securityContext.runAsNonRoot=false")
    if implicit:
        return CheckResult("runAsNonRoot != true",
                           f"pod or {_containers_phrase(implicit)} must set securityContext.runAsNonRoot=true")
    return None


def check_run_as_user(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_runAsUser.go :: runAsUser_1_23"""
    if minor < 23:
        return None
    setters = ["pod"] if _pod_sc(spec).get("runAsUser") == 0 else []
    bad = [c["name"] for c in _containers(spec) if _sc(c).get("runAsUser") == 0]
    if bad:
        setters.append(_containers_phrase(bad))
    if setters:
        return CheckResult("runAsUser=0", f"{' and '.join(setters)} must not set runAsUser=0")
    return None


def check_seccomp_profile_restricted(meta: Pod, spec: Pod, minor: int) -> CheckResult | None:
    """Mirrors: check_seccompProfile_restricted.go :: seccompProfileRestricted_1_19 (_1_25 skips Windows)"""
    if minor >= 25 and _is_windows(spec):
        return None
    values: dict[str, None] = {}

    def bad(p: Mapping[str, Any]) -> bool:
        if _valid_seccomp(p.get("type")):
            return False
        values[str(p.get("type", ""))] = None
        return True

    setters, explicit, implicit = _pod_or_containers(spec, "seccompProfile", bad, lambda p: True)
    if explicit:
        setters.append(_containers_phrase(explicit))
    if setters:
        return CheckResult("seccompProfile", f"{' and '.join(setters)} must not set securityContext.seccompProfile.type "
                                             f"to {join_quote(sorted(values))}")
    if implicit:
        return CheckResult("seccompProfile", f"pod or {_containers_phrase(implicit)} must set "
                                             'securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"')
    return None
