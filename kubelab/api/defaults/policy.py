"""Defaulting for policy/v1: there is none.

Upstream has no pkg/apis/policy/v1/defaults.go: a PodDisruptionBudget keeps
``minAvailable``, ``maxUnavailable`` and ``unhealthyPodEvictionPolicy`` unset, and the
disruption controller and eviction handler read an unset policy as ``IfHealthyBudget``.

Upstream: pkg/apis/policy/v1/register.go (registers conversions only)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Obj = dict[str, Any]

# The eviction handler's reading of an unset spec.unhealthyPodEvictionPolicy.
UNHEALTHY_POD_EVICTION_POLICY_WHEN_UNSET = "IfHealthyBudget"


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/policy/v1/register.go (no defaulting functions are added)."""
    del scheme  # nothing to add: PodDisruptionBudget has no defaulters
