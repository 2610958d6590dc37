"""Security contexts: user and group ids, procMount, seccomp and AppArmor profiles.

Upstream: pkg/apis/core/validation/validation.go (ValidateSecurityContext,
validateSeccompProfileField, ValidateAppArmorProfileField)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.volumes import validate_local_descending_path

SECCOMP_PROFILE_TYPES = ("Localhost", "RuntimeDefault", "Unconfined")
APPARMOR_PROFILE_TYPES = ("Localhost", "RuntimeDefault", "Unconfined")


def validate_seccomp_profile_field(sp: dict[str, Any] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateSeccompProfileField"""
    if sp is None:
        return []
    errs: ErrorList = []
    t = sp.get("type", "") or ""
    if not t:
        errs.append(field.required(f"{path}.type", "type is required when seccompProfile is set"))
    elif t not in SECCOMP_PROFILE_TYPES:
        errs.append(field.not_supported(f"{path}.type", t, SECCOMP_PROFILE_TYPES))
    lp = sp.get("localhostProfile")
    if t == "Localhost":
        if lp is None:
            errs.append(field.required(f"{path}.localhostProfile", "must be set when seccomp type is Localhost"))
        else:
            errs.extend(validate_local_descending_path(lp, f"{path}.localhostProfile"))
    elif lp is not None:
        errs.append(field.invalid(f"{path}.localhostProfile", gofmt.struct("core.SeccompProfile", sp), "can only be set when seccomp type is Localhost"))
    return errs


def validate_app_armor_profile_field(p: dict[str, Any] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateAppArmorProfileField"""
    if p is None:
        return []
    errs: ErrorList = []
    t = p.get("type", "") or ""
    lp = p.get("localhostProfile")
    if t == "Localhost":
        if lp is None:
            errs.append(field.required(f"{path}.localhostProfile", "must be set when AppArmor type is Localhost"))
        else:
            stripped = lp.strip()
            if stripped != lp:
                errs.append(field.invalid(f"{path}.localhostProfile", lp, "must not be padded with whitespace"))
            elif not stripped:
                errs.append(field.required(f"{path}.localhostProfile", "must be set when AppArmor type is Localhost"))
            if len(lp) > 4095:
                errs.append(field.too_long(f"{path}.localhostProfile", "", 4095))
    elif t in ("RuntimeDefault", "Unconfined"):
        if lp is not None:
            errs.append(field.invalid(f"{path}.localhostProfile", lp, "can only be set when AppArmor type is Localhost"))
    elif not t:
        errs.append(field.required(f"{path}.type", "type is required when appArmorProfile is set"))
    else:
        errs.append(field.not_supported(f"{path}.type", t, APPARMOR_PROFILE_TYPES))
    return errs


def validate_security_context(sc: dict[str, Any] | None, path: str, host_users: bool) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateSecurityContext

    Differences: privileged containers are always allowed (kube-apiserver --allow-privileged=true,
    as kubeadm sets it); windowsOptions are not checked.
    """
    if sc is None:
        return []
    errs: ErrorList = []
    for key, fn in (("runAsUser", g.is_valid_user_id), ("runAsGroup", g.is_valid_group_id)):
        v = sc.get(key)
        if v is not None:
            errs.extend(field.invalid(f"{path}.{key}", v, m) for m in fn(v))
    pm = sc.get("procMount")
    if pm is not None:
        if pm not in ("Default", "Unmasked"):
            errs.append(field.not_supported(f"{path}.procMount", pm, ["Default", "Unmasked"]))
        if host_users and pm == "Unmasked":
            errs.append(field.invalid(f"{path}.procMount", pm, "`hostUsers` must be false to use `Unmasked`"))
    errs.extend(validate_seccomp_profile_field(sc.get("seccompProfile"), f"{path}.seccompProfile"))
    if sc.get("allowPrivilegeEscalation") is False:
        if sc.get("privileged") is True:
            errs.append(field.invalid(path, gofmt.struct("core.SecurityContext", sc), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
        for cap in (sc.get("capabilities") or {}).get("add") or ():
            if cap == "CAP_SYS_ADMIN":
                errs.append(field.invalid(path, gofmt.struct("core.SecurityContext", sc), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"))
    errs.extend(validate_app_armor_profile_field(sc.get("appArmorProfile"), f"{path}.appArmorProfile"))
    return errs
