"""Defaulting for apps/v1 workloads, in wire shape.

Upstream: pkg/apis/apps/v1/defaults.go, pkg/apis/apps/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import core, wire
from kubelab.api.defaults.features import enabled

Obj = dict[str, Any]


def set_defaults_deployment(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/defaults.go :: SetDefaults_Deployment"""
    spec = wire.value_struct(obj, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    strategy = wire.value_struct(spec, "strategy")
    if wire.unset(strategy, "type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        rolling = wire.value_struct(strategy, "rollingUpdate")
        if rolling.get("maxUnavailable") is None:
            rolling["maxUnavailable"] = "25%"
        if rolling.get("maxSurge") is None:
            rolling["maxSurge"] = "25%"
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = 600


def set_defaults_daemon_set(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/defaults.go :: SetDefaults_DaemonSet"""
    spec = wire.value_struct(obj, "spec")
    strategy = wire.value_struct(spec, "updateStrategy")
    if wire.unset(strategy, "type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        rolling = wire.value_struct(strategy, "rollingUpdate")
        if rolling.get("maxUnavailable") is None:
            rolling["maxUnavailable"] = 1
        if rolling.get("maxSurge") is None:
            rolling["maxSurge"] = 0
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10


def set_defaults_stateful_set(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/defaults.go :: SetDefaults_StatefulSet"""
    spec = wire.value_struct(obj, "spec")
    if not spec.get("podManagementPolicy"):
        spec["podManagementPolicy"] = "OrderedReady"
    strategy = wire.value_struct(spec, "updateStrategy")
    if wire.unset(strategy, "type"):
        strategy["type"] = "RollingUpdate"
        if strategy.get("rollingUpdate") is None:
            strategy["rollingUpdate"] = {}
    rolling = wire.ptr(strategy, "rollingUpdate")
    if strategy["type"] == "RollingUpdate" and rolling is not None and rolling.get("partition") is None:
        rolling["partition"] = 0
    if enabled("StatefulSetAutoDeletePVC"):
        policy = wire.ptr(spec, "persistentVolumeClaimRetentionPolicy")
        if policy is None:
            policy = spec["persistentVolumeClaimRetentionPolicy"] = {}
        if not policy.get("whenDeleted"):
            policy["whenDeleted"] = "Retain"
        if not policy.get("whenScaled"):
            policy["whenScaled"] = "Retain"
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10


def set_defaults_replica_set(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/defaults.go :: SetDefaults_ReplicaSet"""
    spec = wire.value_struct(obj, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1


def _template(obj: Obj) -> None:
    core.set_pod_template_spec_object_defaults(wire.value_struct(wire.value_struct(obj, "spec"), "template"))


def set_object_defaults_daemon_set(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/zz_generated.defaults.go :: SetObjectDefaults_DaemonSet"""
    set_defaults_daemon_set(obj)
    _template(obj)


def set_object_defaults_deployment(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/zz_generated.defaults.go :: SetObjectDefaults_Deployment"""
    set_defaults_deployment(obj)
    _template(obj)


def set_object_defaults_replica_set(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/zz_generated.defaults.go :: SetObjectDefaults_ReplicaSet"""
    set_defaults_replica_set(obj)
    _template(obj)


def set_object_defaults_stateful_set(obj: Obj) -> None:
    """Mirrors: pkg/apis/apps/v1/zz_generated.defaults.go :: SetObjectDefaults_StatefulSet

    The volume claim templates are defaulted like PersistentVolumeClaim objects, which is
    why a stored StatefulSet shows ``status: {phase: Pending}`` in each of them.
    """
    set_defaults_stateful_set(obj)
    _template(obj)
    for claim in wire.items(obj["spec"], "volumeClaimTemplates"):
        core.set_object_defaults_persistent_volume_claim(claim)


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/apps/v1/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[("apps/v1", "DaemonSet")] = set_object_defaults_daemon_set
    scheme[("apps/v1", "Deployment")] = set_object_defaults_deployment
    scheme[("apps/v1", "ReplicaSet")] = set_object_defaults_replica_set
    scheme[("apps/v1", "StatefulSet")] = set_object_defaults_stateful_set
