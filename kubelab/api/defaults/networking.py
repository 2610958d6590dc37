"""Defaulting for networking.k8s.io/v1 NetworkPolicies and IngressClasses.

Ingress has no defaults: ``pathType`` stays unset and validation requires it.

Upstream: pkg/apis/networking/v1/defaults.go, pkg/apis/networking/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import wire

Obj = dict[str, Any]


def set_defaults_network_policy_port(obj: Obj) -> None:
    """Mirrors: pkg/apis/networking/v1/defaults.go :: SetDefaults_NetworkPolicyPort"""
    if obj.get("protocol") is None:
        obj["protocol"] = "TCP"


def set_defaults_network_policy(obj: Obj) -> None:
    """Mirrors: pkg/apis/networking/v1/defaults.go :: SetDefaults_NetworkPolicy"""
    spec = wire.value_struct(obj, "spec")
    if not spec.get("policyTypes"):
        spec["policyTypes"] = ["Ingress"]
        if spec.get("egress"):
            spec["policyTypes"].append("Egress")


def set_defaults_ingress_class(obj: Obj) -> None:
    """Mirrors: pkg/apis/networking/v1/defaults.go :: SetDefaults_IngressClass"""
    parameters = wire.ptr(obj.get("spec") or {}, "parameters")
    if parameters is not None and parameters.get("scope") is None:
        parameters["scope"] = "Cluster"


def set_object_defaults_network_policy(obj: Obj) -> None:
    """Mirrors: pkg/apis/networking/v1/zz_generated.defaults.go :: SetObjectDefaults_NetworkPolicy"""
    set_defaults_network_policy(obj)
    for key in ("ingress", "egress"):
        for rule in wire.items(obj["spec"], key):
            for port in wire.items(rule, "ports"):
                set_defaults_network_policy_port(port)


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/networking/v1/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[("networking.k8s.io/v1", "IngressClass")] = set_defaults_ingress_class
    scheme[("networking.k8s.io/v1", "NetworkPolicy")] = set_object_defaults_network_policy
