"""Defaulting for discovery.k8s.io/v1 EndpointSlices.

Upstream: pkg/apis/discovery/v1/defaults.go, pkg/apis/discovery/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import wire

Obj = dict[str, Any]


def set_defaults_endpoint_port(obj: Obj) -> None:
    """Mirrors: pkg/apis/discovery/v1/defaults.go :: SetDefaults_EndpointPort"""
    if obj.get("name") is None:
        obj["name"] = ""
    if obj.get("protocol") is None:
        obj["protocol"] = "TCP"


def set_object_defaults_endpoint_slice(obj: Obj) -> None:
    """Mirrors: pkg/apis/discovery/v1/zz_generated.defaults.go :: SetObjectDefaults_EndpointSlice"""
    for port in wire.items(obj, "ports"):
        set_defaults_endpoint_port(port)


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/discovery/v1/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[("discovery.k8s.io/v1", "EndpointSlice")] = set_object_defaults_endpoint_slice
