"""Defaulting for batch/v1 Jobs and CronJobs, in wire shape.

Upstream: pkg/apis/batch/v1/defaults.go, pkg/apis/batch/v1/zz_generated.defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.defaults import core, wire
from kubelab.api.defaults.features import enabled

Obj = dict[str, Any]

MAX_INT32 = (1 << 31) - 1


def set_defaults_job(obj: Obj) -> None:
    """Mirrors: pkg/apis/batch/v1/defaults.go :: SetDefaults_Job"""
    spec = wire.value_struct(obj, "spec")
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
        spec["parallelism"] = 1
    if spec.get("parallelism") is None:
        spec["parallelism"] = 1
    if spec.get("backoffLimit") is None:
        spec["backoffLimit"] = MAX_INT32 if spec.get("backoffLimitPerIndex") is not None else 6
    template = wire.ptr(spec, "template") or {}
    labels = wire.ptr(wire.ptr(template, "metadata") or {}, "labels")
    meta = wire.value_struct(obj, "metadata")
    if labels and not meta.get("labels"):
        meta["labels"] = dict(labels)
    if spec.get("completionMode") is None:
        spec["completionMode"] = "NonIndexed"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    failure_policy = wire.ptr(spec, "podFailurePolicy")
    for rule in wire.items(failure_policy, "rules"):
        for pattern in wire.items(rule, "onPodConditions"):
            if wire.unset(pattern, "status"):
                pattern["status"] = "True"
    if enabled("JobPodReplacementPolicy") and spec.get("podReplacementPolicy") is None:
        spec["podReplacementPolicy"] = "Failed" if failure_policy is not None else "TerminatingOrFailed"
    if spec.get("manualSelector") is None:
        spec["manualSelector"] = False


def set_defaults_cron_job(obj: Obj) -> None:
    """Mirrors: pkg/apis/batch/v1/defaults.go :: SetDefaults_CronJob"""
    spec = wire.value_struct(obj, "spec")
    if wire.unset(spec, "concurrencyPolicy"):
        spec["concurrencyPolicy"] = "Allow"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    if spec.get("successfulJobsHistoryLimit") is None:
        spec["successfulJobsHistoryLimit"] = 3
    if spec.get("failedJobsHistoryLimit") is None:
        spec["failedJobsHistoryLimit"] = 1


def set_object_defaults_job(obj: Obj) -> None:
    """Mirrors: pkg/apis/batch/v1/zz_generated.defaults.go :: SetObjectDefaults_Job"""
    set_defaults_job(obj)
    core.set_pod_template_spec_object_defaults(wire.value_struct(obj["spec"], "template"))


def set_object_defaults_cron_job(obj: Obj) -> None:
    """Mirrors: pkg/apis/batch/v1/zz_generated.defaults.go :: SetObjectDefaults_CronJob

    The job template's JobSpec gets no Job defaults (SetDefaults_Job takes a whole Job),
    only its pod template is defaulted.
    """
    set_defaults_cron_job(obj)
    job_spec = wire.value_struct(wire.value_struct(obj["spec"], "jobTemplate"), "spec")
    core.set_pod_template_spec_object_defaults(wire.value_struct(job_spec, "template"))


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/batch/v1/zz_generated.defaults.go :: RegisterDefaults"""
    scheme[("batch/v1", "CronJob")] = set_object_defaults_cron_job
    scheme[("batch/v1", "Job")] = set_object_defaults_job
