"""Which checks run for a level and version, and in what order.

Upstream: staging/src/k8s.io/pod-security-admission/policy/{registry.go,checks.go}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kubelab.apiserver.admission.plugin.podsecurity import checks as c
from kubelab.apiserver.admission.plugin.podsecurity.api import (
    LEVEL_BASELINE,
    LEVEL_PRIVILEGED,
    LevelVersion,
    effective_minor,
)

# (id, minimum minor version, check), in upstream's registration (file) order.
BASELINE_CHECKS: tuple[tuple[str, int, c.CheckFn], ...] = (
    ("appArmorProfile", 0, c.check_app_armor_profile),
    ("hostNamespaces", 0, c.check_host_namespaces),
    ("hostPorts", 0, c.check_host_ports),
    ("privileged", 0, c.check_privileged),
    ("procMount", 0, c.check_proc_mount),
    ("seLinuxOptions", 0, c.check_se_linux_options),
    ("sysctls", 0, c.check_sysctls),
    ("windowsHostProcess", 0, c.check_windows_host_process),
)
# Baseline checks a restricted check replaces; at baseline they run after the others.
OVERLAPPING_BASELINE_CHECKS: tuple[tuple[str, int, c.CheckFn], ...] = (
    ("capabilities_baseline", 0, c.check_capabilities_baseline),
    ("hostPathVolumes", 0, c.check_host_path_volumes),
    ("seccompProfile_baseline", 19, c.check_seccomp_profile_baseline),
)
RESTRICTED_CHECKS: tuple[tuple[str, int, c.CheckFn], ...] = (
    ("allowPrivilegeEscalation", 8, c.check_allow_privilege_escalation),
    ("capabilities_restricted", 22, c.check_capabilities_restricted),
    ("restrictedVolumes", 0, c.check_restricted_volumes),
    ("runAsNonRoot", 0, c.check_run_as_non_root),
    ("runAsUser", 23, c.check_run_as_user),
    ("seccompProfile_restricted", 19, c.check_seccomp_profile_restricted),
)


def evaluate_pod(lv: LevelVersion, meta: Mapping[str, Any], spec: Mapping[str, Any]) -> list[c.CheckResult]:
    """The failed checks for a pod at a level and version, in upstream's order.

    An unparseable level (empty) is evaluated as restricted, failing closed.

    Mirrors: registry.go :: (*checkRegistry).EvaluatePod

    Differences: checks are not versioned individually beyond their minimum version
    and the version-dependent lists (sysctls, SELinux types).
    """
    if lv.level == LEVEL_PRIVILEGED:
        return []
    minor = effective_minor(lv.minor)
    chosen = list(BASELINE_CHECKS)
    chosen += OVERLAPPING_BASELINE_CHECKS if lv.level == LEVEL_BASELINE else RESTRICTED_CHECKS
    out = []
    for _, since, fn in chosen:
        if minor < since:
            continue
        r = fn(meta, spec, minor)
        if r is not None:
            out.append(r)
    return out


@dataclass(slots=True)
class AggregateCheckResult:
    """Mirrors: policy/checks.go :: AggregateCheckResult"""

    forbidden_reasons: list[str] = field(default_factory=list)
    forbidden_details: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.forbidden_reasons

    def forbidden_reason(self) -> str:
        return ", ".join(self.forbidden_reasons)

    def forbidden_detail(self) -> str:
        """``reason (detail), reason (detail)``. Mirrors: (*AggregateCheckResult).ForbiddenDetail"""
        parts = []
        for reason, detail in zip(self.forbidden_reasons, self.forbidden_details):
            parts.append(f"{reason} ({detail})" if detail else reason)
        return ", ".join(parts)


def aggregate_check_results(results: list[c.CheckResult]) -> AggregateCheckResult:
    """Mirrors: policy/checks.go :: AggregateCheckResults"""
    return AggregateCheckResult([r.forbidden_reason for r in results], [r.forbidden_detail for r in results])
