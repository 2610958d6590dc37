"""Defaulting for scheduling.k8s.io/v1 PriorityClasses.

Upstream: pkg/apis/scheduling/v1/defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Obj = dict[str, Any]


def set_defaults_priority_class(obj: Obj) -> None:
    """Mirrors: pkg/apis/scheduling/v1/defaults.go :: SetDefaults_PriorityClass"""
    if obj.get("preemptionPolicy") is None:
        obj["preemptionPolicy"] = "PreemptLowerPriority"


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/scheduling/v1/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[("scheduling.k8s.io/v1", "PriorityClass")] = set_defaults_priority_class
