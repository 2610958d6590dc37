"""Pod Security levels, versions and the namespace labels that choose them.

Upstream: staging/src/k8s.io/pod-security-admission/api/{constants.go,helpers.go}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kubelab.api import field
from kubelab.upstream import MINOR

LEVEL_PRIVILEGED = "privileged"
LEVEL_BASELINE = "baseline"
LEVEL_RESTRICTED = "restricted"
VALID_LEVELS = (LEVEL_PRIVILEGED, LEVEL_BASELINE, LEVEL_RESTRICTED)

LABEL_PREFIX = "pod-security.kubernetes.io/"
ENFORCE_LEVEL_LABEL = LABEL_PREFIX + "enforce"
ENFORCE_VERSION_LABEL = LABEL_PREFIX + "enforce-version"
AUDIT_LEVEL_LABEL = LABEL_PREFIX + "audit"
AUDIT_VERSION_LABEL = LABEL_PREFIX + "audit-version"
WARN_LEVEL_LABEL = LABEL_PREFIX + "warn"
WARN_VERSION_LABEL = LABEL_PREFIX + "warn-version"

AUDIT_ANNOTATION_PREFIX = LABEL_PREFIX
ENFORCED_POLICY_ANNOTATION_KEY = "enforce-policy"
AUDIT_VIOLATIONS_ANNOTATION_KEY = "audit-violations"
EXEMPT_ANNOTATION_KEY = "exempt"

LATEST_MINOR = 1 << 30  # "latest" sorts after every v1.x
_VERSION_RE = re.compile(r"^v1\.(0|(?:[1-9][0-9]*))$")
_LABELS_PATH = field.Path("metadata", "labels")


@dataclass(frozen=True, slots=True)
class LevelVersion:
    """A level at a version: ``restricted:latest``, ``baseline:v1.29``.

    Mirrors: api/helpers.go :: LevelVersion
    """

    level: str = LEVEL_PRIVILEGED
    minor: int = LATEST_MINOR

    def version_string(self) -> str:
        return "latest" if self.minor == LATEST_MINOR else f"v1.{self.minor}"

    def __str__(self) -> str:
        return f"{self.level}:{self.version_string()}"


@dataclass(frozen=True, slots=True)
class Policy:
    """Mirrors: api/helpers.go :: Policy"""

    enforce: LevelVersion = LevelVersion()
    audit: LevelVersion = LevelVersion()
    warn: LevelVersion = LevelVersion()

    def fully_privileged(self) -> bool:
        return all(lv.level == LEVEL_PRIVILEGED for lv in (self.enforce, self.audit, self.warn))


def parse_level(level: str) -> tuple[str, str]:
    """(level, error). Mirrors: api/helpers.go :: ParseLevel"""
    if level in VALID_LEVELS:
        return level, ""
    return "", "must be one of " + ", ".join(VALID_LEVELS)


def parse_version(v: str) -> tuple[int, str]:
    """(minor, error); "latest" and versions past the served one mean latest.

    Mirrors: api/helpers.go :: ParseVersion
    """
    if v == "latest":
        return LATEST_MINOR, ""
    m = _VERSION_RE.match(v)
    if m is None:
        return 0, f'invalid version "{v}", must be "latest" or "v1.x"'
    return int(m.group(1)), ""


def compare_levels(a: str, b: str) -> int:
    """Mirrors: api/helpers.go :: CompareLevels"""
    return VALID_LEVELS.index(a) - VALID_LEVELS.index(b) if a in VALID_LEVELS and b in VALID_LEVELS else 0


def effective_minor(minor: int) -> int:
    """Versions newer than this server are evaluated as its own (latest)."""
    return min(minor, int(MINOR))


def policy_to_evaluate(labels: Mapping[str, str] | None,
                       defaults: Policy = Policy()) -> tuple[Policy, list[field.FieldError]]:
    """The namespace's policy from its labels, over the defaults, and the label errors.

    Mirrors: api/helpers.go :: PolicyToEvaluate
    """
    errs: list[field.FieldError] = []
    if not labels:
        return defaults, errs
    enforce, audit, warn = defaults.enforce, defaults.audit, defaults.warn

    def err(label: str, value: str, msg: str) -> None:
        if msg:
            errs.append(field.invalid(_LABELS_PATH.key(label), value, msg))

    has_enforce_level = has_warn_level = has_warn_version = False
    if ENFORCE_LEVEL_LABEL in labels:
        lv, e = parse_level(labels[ENFORCE_LEVEL_LABEL])
        enforce = LevelVersion(lv, enforce.minor)
        has_enforce_level = not e
        err(ENFORCE_LEVEL_LABEL, labels[ENFORCE_LEVEL_LABEL], e)
    if ENFORCE_VERSION_LABEL in labels:
        mv, e = parse_version(labels[ENFORCE_VERSION_LABEL])
        enforce = LevelVersion(enforce.level, mv)
        err(ENFORCE_VERSION_LABEL, labels[ENFORCE_VERSION_LABEL], e)
    if AUDIT_LEVEL_LABEL in labels:
        lv, e = parse_level(labels[AUDIT_LEVEL_LABEL])
        audit = LevelVersion(lv, audit.minor)
        err(AUDIT_LEVEL_LABEL, labels[AUDIT_LEVEL_LABEL], e)
    if AUDIT_VERSION_LABEL in labels:
        mv, e = parse_version(labels[AUDIT_VERSION_LABEL])
        audit = LevelVersion(audit.level, mv)
        err(AUDIT_VERSION_LABEL, labels[AUDIT_VERSION_LABEL], e)
    if WARN_LEVEL_LABEL in labels:
        has_warn_level = True
        lv, e = parse_level(labels[WARN_LEVEL_LABEL])
        # A bad warn label falls back to privileged rather than warning on every pod.
        warn = LevelVersion(lv or LEVEL_PRIVILEGED, warn.minor)
        err(WARN_LEVEL_LABEL, labels[WARN_LEVEL_LABEL], e)
    if WARN_VERSION_LABEL in labels:
        has_warn_version = True
        mv, e = parse_version(labels[WARN_VERSION_LABEL])
        warn = LevelVersion(warn.level, mv)
        err(WARN_VERSION_LABEL, labels[WARN_VERSION_LABEL], e)
    if not has_warn_level and has_enforce_level and compare_levels(enforce.level, warn.level) > 0:
        warn = LevelVersion(enforce.level, warn.minor if has_warn_version else enforce.minor)
    return Policy(enforce, audit, warn), errs
