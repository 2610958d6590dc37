"""Defaulting of API objects in wire shape: the API server's defaulting step.

``set_object_defaults(obj)`` looks up the object's apiVersion and kind and runs the
defaulter upstream's scheme registers for it (SetObjectDefaults_<Kind>), mutating the
dict in place; ``<Kind>List`` objects default each item, as the generated
SetObjectDefaults_<Kind>List do. Kinds with no defaulter are left alone.

Upstream: staging/src/k8s.io/apimachinery/pkg/runtime/scheme.go :: (*Scheme).Default,
pkg/apis/*/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import (
    apps,
    autoscaling,
    batch,
    coordination,
    core,
    discovery,
    networking,
    policy,
    rbac,
    scheduling,
    storage,
)

Obj = dict[str, Any]
Defaulter = Callable[[Obj], None]


def _build() -> dict[tuple[str, str], Defaulter]:
    scheme: dict[tuple[str, str], Defaulter] = {}
    for module in (core, apps, autoscaling, batch, coordination, discovery, networking, policy,
                   rbac, scheduling, storage):
        module.register_defaults(scheme)
    return scheme


DEFAULTERS: dict[tuple[str, str], Defaulter] = _build()


def defaulter_for(api_version: str, kind: str) -> Defaulter | None:
    """The defaulting function registered for a kind (``None`` when it has none)."""
    return DEFAULTERS.get((api_version, kind))


def set_object_defaults(obj: Obj) -> None:
    """Apply upstream's defaults to ``obj`` in place.

    Mirrors: staging/src/k8s.io/apimachinery/pkg/runtime/scheme.go :: (*Scheme).Default
    """
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return
    fn = DEFAULTERS.get((api_version, kind))
    if fn is not None:
        fn(obj)
        return
    if kind.endswith("List"):
        fn = DEFAULTERS.get((api_version, kind[:-4]))
        if fn is not None:
            for item in obj.get("items") or ():
                if isinstance(item, dict):
                    fn(item)


__all__ = ["DEFAULTERS", "defaulter_for", "set_object_defaults"]
