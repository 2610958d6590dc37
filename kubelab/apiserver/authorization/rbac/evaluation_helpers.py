"""Does one PolicyRule cover a verb, group, resource, name or URL.

Upstream: pkg/apis/rbac/v1/evaluation_helpers.go
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

VERB_ALL = "*"
API_GROUP_ALL = "*"
RESOURCE_ALL = "*"
NON_RESOURCE_ALL = "*"


def verb_matches(rule: Mapping[str, Any], requested_verb: str) -> bool:
    """Mirrors: evaluation_helpers.go :: VerbMatches"""
    for v in rule.get("verbs") or ():
        if v == VERB_ALL or v == requested_verb:
            return True
    return False


def api_group_matches(rule: Mapping[str, Any], requested_group: str) -> bool:
    """Mirrors: evaluation_helpers.go :: APIGroupMatches"""
    for g in rule.get("apiGroups") or ():
        if g == API_GROUP_ALL or g == requested_group:
            return True
    return False


def resource_matches(rule: Mapping[str, Any], combined_requested_resource: str,
                     requested_subresource: str) -> bool:
    """``*``, an exact ``resource/subresource``, or ``*/subresource``.

    Mirrors: evaluation_helpers.go :: ResourceMatches
    """
    for r in rule.get("resources") or ():
        if r == RESOURCE_ALL or r == combined_requested_resource:
            return True
        if not requested_subresource:
            continue
        if (len(r) == len(requested_subresource) + 2 and r.startswith("*/")
                and r.endswith(requested_subresource)):
            return True
    return False


def resource_name_matches(rule: Mapping[str, Any], requested_name: str) -> bool:
    """An empty resourceNames list matches every name.

    Mirrors: evaluation_helpers.go :: ResourceNameMatches
    """
    names: Sequence[str] = rule.get("resourceNames") or ()
    if not names:
        return True
    return requested_name in names


def non_resource_url_matches(rule: Mapping[str, Any], requested_url: str) -> bool:
    """``*``, an exact path, or a prefix ending in ``*``.

    Mirrors: evaluation_helpers.go :: NonResourceURLMatches
    """
    for u in rule.get("nonResourceURLs") or ():
        if u == NON_RESOURCE_ALL or u == requested_url:
            return True
        if u.endswith("*") and requested_url.startswith(u.rstrip("*")):
            return True
    return False


def compact_string(rule: Mapping[str, Any]) -> str:
    """``{APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}``.

    Mirrors: evaluation_helpers.go :: CompactString
    """
    parts = []
    for key, label in (("apiGroups", "APIGroups"), ("resources", "Resources"),
                       ("nonResourceURLs", "NonResourceURLs"), ("resourceNames", "ResourceNames"),
                       ("verbs", "Verbs")):
        vals = rule.get(key) or []
        if vals:
            parts.append(f"{label}:[" + " ".join(_go_quote(v) for v in vals) + "]")
    return "{" + ", ".join(parts) + "}"


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
