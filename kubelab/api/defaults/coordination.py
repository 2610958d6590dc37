"""Defaulting for coordination.k8s.io/v1: there is none.

A Lease is stored exactly as written; leader election fills its fields itself.

Upstream: pkg/apis/coordination/v1/zz_generated.defaults.go (RegisterDefaults adds nothing)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Obj = dict[str, Any]


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/coordination/v1/zz_generated.defaults.go :: RegisterDefaults"""
    del scheme  # nothing to add: Lease has no defaulters
