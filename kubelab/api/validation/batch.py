"""Jobs and CronJobs: parallelism and completions, completion modes, failure and success
policies, restart policies, cron schedules and time zones.

Upstream: pkg/apis/batch/validation/validation.go
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.labels import label_selector_as_selector
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.common import (
    validate_has_label,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
    validate_replication_controller_name,
)
from kubelab.api.validation.core.pod import (
    PodValidationOptions,
    pod_options,
    validate_pod_template_spec,
)
from kubelab.api.validation.cron import CronError, parse_standard
from kubelab.api.validation.objectmeta import validate_immutable_field, validate_nonnegative_field

MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000
MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000
COMPLETIONS_SOFT_LIMIT = 100_000
PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000
MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000
MAX_POD_FAILURE_POLICY_RULES = 20
MAX_POD_FAILURE_POLICY_ON_EXIT_CODES_VALUES = 255
MAX_POD_FAILURE_POLICY_ON_POD_CONDITIONS_PATTERNS = 20
MAX_MANAGED_BY_LENGTH = 63
MAX_JOB_SUCCESS_POLICY_SUCCEEDED_INDEXES_LIMIT = 64 * 1024
MAX_SUCCESS_POLICY_RULE = 20
DNS1035_LABEL_MAX_LENGTH = 63

CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid"
JOB_NAME_LABEL = "batch.kubernetes.io/job-name"

SUPPORTED_POD_FAILURE_POLICY_ACTIONS = ("Count", "FailIndex", "FailJob", "Ignore")
SUPPORTED_ON_EXIT_CODES_OPERATORS = ("In", "NotIn")
SUPPORTED_ON_POD_CONDITIONS_STATUS = ("False", "True", "Unknown")
SUPPORTED_POD_REPLACEMENT_POLICIES = ("Failed", "TerminatingOrFailed")
CONCURRENCY_POLICIES = ("Allow", "Forbid", "Replace")
_valid_time_zone_characters = re.compile(r"^[A-Za-z\.\-_0-9+]{1,14}$")


@dataclass(slots=True)
class JobValidationOptions:
    """Mirrors: pkg/apis/batch/validation/validation.go :: JobValidationOptions"""

    pod: PodValidationOptions
    allow_elastic_indexed_jobs: bool = True
    allow_mutable_scheduling_directives: bool = False
    require_prefixed_labels: bool = True


# -- Job --------------------------------------------------------------------------------------


def validate_generated_selector(job: dict[str, Any], validate_batch_labels: bool) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateGeneratedSelector"""
    spec = job.get("spec") or {}
    meta = job.get("metadata") or {}
    if spec.get("manualSelector") is True or spec.get("selector") is None:
        return []
    errs: ErrorList = []
    uid = meta.get("uid", "") or ""
    if not uid:
        errs.append(field.required("metadata.uid", ""))
    if validate_batch_labels:
        tmeta = (spec.get("template") or {}).get("metadata") or {}
        errs.extend(validate_has_label(tmeta, "spec.template.metadata", CONTROLLER_UID_LABEL, uid))
        errs.extend(validate_has_label(tmeta, "spec.template.metadata", JOB_NAME_LABEL, meta.get("name", "") or ""))
        try:
            sel = label_selector_as_selector(spec["selector"])
        except ValueError:
            return errs
        if not sel.matches({CONTROLLER_UID_LABEL: uid, JOB_NAME_LABEL: meta.get("name", "") or ""}):
            errs.append(field.invalid("spec.selector", gofmt.label_selector(spec["selector"]), "`selector` not auto-generated"))
    return errs


def _validate_on_exit_codes(req: dict[str, Any], path: str, container_names: set[str]) -> ErrorList:
    errs: ErrorList = []
    op = req.get("operator", "") or ""
    if op not in SUPPORTED_ON_EXIT_CODES_OPERATORS:
        errs.append(field.not_supported(f"{path}.operator", op, SUPPORTED_ON_EXIT_CODES_OPERATORS))
    cn = req.get("containerName")
    if cn is not None and cn not in container_names:
        errs.append(field.invalid(f"{path}.containerName", cn, "must be one of the container or initContainer names in the pod template"))
    values = req.get("values") or []
    vp = f"{path}.values"
    shown = gofmt.GoRepr("[]int32{" + ", ".join(str(v) for v in values) + "}")
    if not values:
        errs.append(field.invalid(vp, gofmt.GoRepr("[]int32(nil)") if req.get("values") is None else shown, "at least one value is required"))
    elif len(values) > MAX_POD_FAILURE_POLICY_ON_EXIT_CODES_VALUES:
        errs.append(field.too_many(vp, len(values), MAX_POD_FAILURE_POLICY_ON_EXIT_CODES_VALUES))
    else:
        ordered = True
        seen: set[int] = set()
        for j, v in enumerate(values):
            if op == "In" and v == 0:
                errs.append(field.invalid(f"{vp}[{j}]", v, "must not be 0 for the In operator"))
            if v in seen:
                errs.append(field.duplicate(f"{vp}[{j}]", v))
            else:
                seen.add(v)
            if j > 0 and values[j - 1] > v:
                ordered = False
        if not ordered:
            errs.append(field.invalid(vp, shown, "must be ordered"))
    return errs


def _validate_pod_failure_policy(spec: dict[str, Any], path: str) -> ErrorList:
    rules = (spec.get("podFailurePolicy") or {}).get("rules") or []
    rp = f"{path}.rules"
    errs: ErrorList = []
    if len(rules) > MAX_POD_FAILURE_POLICY_RULES:
        errs.append(field.too_many(rp, len(rules), MAX_POD_FAILURE_POLICY_RULES))
    tspec = (spec.get("template") or {}).get("spec") or {}
    names = {c.get("name", "") for c in (tspec.get("containers") or []) + (tspec.get("initContainers") or [])}
    for i, rule in enumerate(rules):
        p = f"{rp}[{i}]"
        action = rule.get("action", "") or ""
        if action == "FailIndex" and spec.get("backoffLimitPerIndex") is None:
            errs.append(field.invalid(f"{p}.action", action, "requires the backoffLimitPerIndex to be set"))
        if action not in SUPPORTED_POD_FAILURE_POLICY_ACTIONS:
            errs.append(field.not_supported(f"{p}.action", action, SUPPORTED_POD_FAILURE_POLICY_ACTIONS))
        oec = rule.get("onExitCodes")
        opc = rule.get("onPodConditions") or []
        if oec is not None:
            errs.extend(_validate_on_exit_codes(oec, f"{p}.onExitCodes", names))
        if opc:
            cp = f"{p}.onPodConditions"
            if len(opc) > MAX_POD_FAILURE_POLICY_ON_POD_CONDITIONS_PATTERNS:
                errs.append(field.too_many(cp, len(opc), MAX_POD_FAILURE_POLICY_ON_POD_CONDITIONS_PATTERNS))
            for j, pat in enumerate(opc):
                errs.extend(validate_qualified_name(pat.get("type", "") or "", f"{cp}[{j}].type"))
                st = pat.get("status", "") or ""
                if st not in SUPPORTED_ON_POD_CONDITIONS_STATUS:
                    errs.append(field.not_supported(f"{cp}[{j}].status", st, SUPPORTED_ON_POD_CONDITIONS_STATUS))
        if oec is not None and opc:
            errs.append(field.invalid(p, field.OMIT, "specifying both OnExitCodes and OnPodConditions is not supported"))
        if oec is None and not opc:
            errs.append(field.invalid(p, field.OMIT, "specifying one of OnExitCodes and OnPodConditions is required"))
    return errs


def _validate_indexes_format(text: str, completions: int) -> tuple[int, str | None]:
    if not text:
        return 0, None
    last: int | None = None
    total = 0
    for interval in text.split(","):
        limits = interval.split("-")
        if len(limits) > 2:
            return 0, f'the fragment "{interval}" violates the requirement that an index interval can have at most two parts separated by \'-\''
        for k, part in enumerate(limits):
            if not re.fullmatch(r"[+-]?[0-9]+", part):
                return 0, f'cannot convert string to integer for index: "{part}"'
            v = int(part)
            if v >= completions:
                return 0, f'too large index: "{part}"'
            if last is not None and last >= v:
                return 0, f"non-increasing order, previous: {last}, current: {v}"
            total += 1 if k == 0 else v - last  # type: ignore[operator]
            last = v
    return total, None


def _validate_success_policy(spec: dict[str, Any], path: str) -> ErrorList:
    rules = (spec.get("successPolicy") or {}).get("rules") or []
    rp = f"{path}.rules"
    errs: ErrorList = []
    if not rules:
        errs.append(field.required(rp, "at least one rules must be specified when the successPolicy is specified"))
    if len(rules) > MAX_SUCCESS_POLICY_RULE:
        errs.append(field.too_many(rp, len(rules), MAX_SUCCESS_POLICY_RULE))
    completions = spec.get("completions") or 0
    for i, rule in enumerate(rules):
        p = f"{rp}[{i}]"
        idx = rule.get("succeededIndexes")
        cnt = rule.get("succeededCount")
        total = 0
        if idx is not None:
            ip = f"{p}.succeededIndexes"
            if len(idx) > MAX_JOB_SUCCESS_POLICY_SUCCEEDED_INDEXES_LIMIT:
                errs.append(field.too_long(ip, idx, MAX_JOB_SUCCESS_POLICY_SUCCEEDED_INDEXES_LIMIT))
            total, err = _validate_indexes_format(idx, completions)
            if err:
                errs.append(field.invalid(ip, idx, f"error parsing succeededIndexes: {err}"))
        if cnt is not None:
            cp = f"{p}.succeededCount"
            if cnt < 0:
                errs.append(field.invalid(cp, cnt, "must be greater than or equal to 0"))
            if cnt > completions:
                errs.append(field.invalid(cp, cnt, f"must be less than or equal to {completions} (the number of specified completions)"))
            if idx is not None and cnt > total:
                errs.append(field.invalid(cp, cnt, f"must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)"))
        if idx is None and cnt is None:
            errs.append(field.required(p, "at least one of succeededCount or succeededIndexes must be specified"))
    return errs


def _validate_job_spec_inner(spec: dict[str, Any], path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: validateJobSpec"""
    errs: ErrorList = []
    for key in ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex"):
        v = spec.get(key)
        if v is not None:
            errs.extend(validate_nonnegative_field(v, f"{path}.{key}"))
    mfi = spec.get("maxFailedIndexes")
    blpi = spec.get("backoffLimitPerIndex")
    if mfi is not None:
        errs.extend(validate_nonnegative_field(mfi, f"{path}.maxFailedIndexes"))
        if blpi is None:
            errs.append(field.required(f"{path}.backoffLimitPerIndex", "when maxFailedIndexes is specified"))
    mb = spec.get("managedBy")
    if mb is not None:
        errs.extend(g.is_domain_prefixed_path(f"{path}.managedBy", mb))
        if len(mb) > MAX_MANAGED_BY_LENGTH:
            errs.append(field.too_long(f"{path}.managedBy", "", MAX_MANAGED_BY_LENGTH))
    cm = spec.get("completionMode")
    par, comp = spec.get("parallelism"), spec.get("completions")
    if cm is not None:
        if cm not in ("NonIndexed", "Indexed"):
            errs.append(field.not_supported(f"{path}.completionMode", cm, ["NonIndexed", "Indexed"]))
        if cm == "Indexed":
            if comp is None:
                errs.append(field.required(f"{path}.completions", "when completion mode is Indexed"))
            if par is not None and par > MAX_PARALLELISM_FOR_INDEXED_JOB:
                errs.append(field.invalid(f"{path}.parallelism", par, f"must be less than or equal to {MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed"))
            if comp is not None and mfi is not None and mfi > comp:
                errs.append(field.invalid(f"{path}.maxFailedIndexes", mfi, "must be less than or equal to completions"))
            if mfi is not None and mfi > MAX_FAILED_INDEXES_FOR_INDEXED_JOB:
                errs.append(field.invalid(f"{path}.maxFailedIndexes", mfi, f"must be less than or equal to {MAX_FAILED_INDEXES_FOR_INDEXED_JOB}"))
            if comp is not None and comp > COMPLETIONS_SOFT_LIMIT and blpi is not None:
                suffix = f"when completions are above {COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index"
                if mfi is None:
                    errs.append(field.required(f"{path}.maxFailedIndexes", f"must be specified when completions is above {COMPLETIONS_SOFT_LIMIT}"))
                if par is not None and par > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS:
                    errs.append(field.invalid(f"{path}.parallelism", par, f"must be less than or equal to {PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} {suffix}"))
                if mfi is not None and mfi > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS:
                    errs.append(field.invalid(f"{path}.maxFailedIndexes", mfi, f"must be less than or equal to {MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} {suffix}"))
    if cm is None or cm == "NonIndexed":
        if blpi is not None:
            errs.append(field.invalid(f"{path}.backoffLimitPerIndex", blpi, "requires indexed completion mode"))
        if mfi is not None:
            errs.append(field.invalid(f"{path}.maxFailedIndexes", mfi, "requires indexed completion mode"))
    if spec.get("podFailurePolicy") is not None:
        errs.extend(_validate_pod_failure_policy(spec, f"{path}.podFailurePolicy"))
    if spec.get("successPolicy") is not None:
        if cm != "Indexed":
            errs.append(field.invalid(f"{path}.successPolicy", gofmt.struct("batch.SuccessPolicy", spec["successPolicy"]), "requires indexed completion mode"))
        else:
            errs.extend(_validate_success_policy(spec, f"{path}.successPolicy"))
    prp = spec.get("podReplacementPolicy")
    if prp is not None:
        if spec.get("podFailurePolicy") is not None:
            if prp != "Failed":
                errs.append(field.not_supported(f"{path}.podReplacementPolicy", prp, ["Failed"]))
        elif prp not in SUPPORTED_POD_REPLACEMENT_POLICIES:
            errs.append(field.not_supported(f"{path}.podReplacementPolicy", prp, SUPPORTED_POD_REPLACEMENT_POLICIES))
    tmpl = spec.get("template") or {}
    errs.extend(validate_pod_template_spec(tmpl, f"{path}.template", opts))
    rp = ((tmpl.get("spec") or {}).get("restartPolicy")) or ""
    rpath = f"{path}.template.spec.restartPolicy"
    if rp in ("Always", ""):
        errs.append(field.required(rpath, 'valid values: "OnFailure", "Never"'))
    elif rp not in ("OnFailure", "Never"):
        errs.append(field.not_supported(rpath, rp, ["OnFailure", "Never"]))
    elif spec.get("podFailurePolicy") is not None and rp != "Never":
        errs.append(field.invalid(rpath, rp, 'only "Never" is supported when podFailurePolicy is specified'))
    return errs


def validate_job_spec(spec: dict[str, Any], path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateJobSpec"""
    errs = _validate_job_spec_inner(spec, path, opts)
    sel = spec.get("selector")
    if sel is None:
        errs.append(field.required(f"{path}.selector", ""))
    else:
        errs.extend(g.validate_label_selector(sel, g.LabelSelectorValidationOptions(opts.allow_invalid_label_value_in_selector), f"{path}.selector"))
    try:
        selector = label_selector_as_selector(sel)
    except ValueError:
        return errs
    if selector.empty():
        errs.append(field.required(f"{path}.selector", ""))
    labels = ((spec.get("template") or {}).get("metadata") or {}).get("labels")
    if not selector.matches(labels or {}):
        errs.append(field.invalid(f"{path}.template.metadata.labels", gofmt.labels_value(labels), "`selector` does not match template `labels`"))
    return errs


def validate_job(job: dict[str, Any], opts: JobValidationOptions | None = None) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateJob"""
    opts = opts or JobValidationOptions(pod_options(False))
    meta = job.get("metadata") or {}
    spec = job.get("spec") or {}
    errs = validate_object_meta(meta, True, validate_replication_controller_name, "metadata")
    errs.extend(validate_generated_selector(job, opts.require_prefixed_labels))
    errs.extend(validate_job_spec(spec, "spec", opts.pod))
    comp = spec.get("completions")
    if spec.get("completionMode") == "Indexed" and comp is not None and comp > 0:
        host = f"{meta.get('name', '')}-{comp - 1}"
        if g.is_dns1123_label(host):
            errs.append(field.invalid("metadata.name", meta.get("name", ""), f"will not able to create pod with invalid DNS label: {host}"))
    return errs


def _validate_pod_template_update(spec: dict[str, Any], old_spec: dict[str, Any], opts: JobValidationOptions) -> ErrorList:
    tmpl = spec.get("template") or {}
    old = old_spec.get("template") or {}
    if opts.allow_mutable_scheduling_directives:
        old = {**old, "metadata": {**(old.get("metadata") or {})}, "spec": {**(old.get("spec") or {})}}
        nts, ots = tmpl.get("spec") or {}, old["spec"]
        for key in ("nodeSelector", "tolerations", "schedulingGates"):
            ots.pop(key, None)
            if key in nts:
                ots[key] = nts[key]
        na = nts.get("affinity")
        oa = dict(ots.get("affinity") or {}) if ots.get("affinity") is not None else None
        if na is None and oa is not None:
            oa.pop("nodeAffinity", None)
            if oa:
                ots["affinity"] = oa
            else:
                ots.pop("affinity", None)
        elif na is not None:
            oa = oa or {}
            oa.pop("nodeAffinity", None)
            if na.get("nodeAffinity") is not None:
                oa["nodeAffinity"] = na["nodeAffinity"]
            ots["affinity"] = oa
        for key in ("annotations", "labels"):
            old["metadata"].pop(key, None)
            if key in (tmpl.get("metadata") or {}):
                old["metadata"][key] = tmpl["metadata"][key]
    return validate_immutable_field(tmpl, old, "spec.template", gofmt.struct("core.PodTemplateSpec", tmpl))


def validate_job_update(new: dict[str, Any], old: dict[str, Any], opts: JobValidationOptions | None = None) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateJobUpdate (ValidateJobSpecUpdate)

    Differences: the immutable template prints as its set fields, not the full Go struct.
    """
    ospec = old.get("spec") or {}
    if opts is None:
        started = (old.get("status") or {}).get("startTime") is not None
        opts = JobValidationOptions(pod_options(False), allow_mutable_scheduling_directives=bool(ospec.get("suspend")) and not started)
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    spec = new.get("spec") or {}
    errs.extend(validate_job_spec(spec, "spec", opts.pod))
    comp, ocomp = spec.get("completions"), ospec.get("completions")
    if not opts.allow_elastic_indexed_jobs or spec.get("completionMode") != "Indexed":
        errs.extend(validate_immutable_field(comp, ocomp, "spec.completions"))
    elif comp != ocomp and comp is not None and comp != spec.get("parallelism"):
        errs.append(field.invalid("spec.completions", comp, "can only be modified in tandem with spec.parallelism"))
    errs.extend(validate_immutable_field(spec.get("selector"), ospec.get("selector"), "spec.selector", gofmt.label_selector(spec.get("selector"))))
    errs.extend(_validate_pod_template_update(spec, ospec, opts))
    for key, typ in (("completionMode", None), ("podFailurePolicy", "batch.PodFailurePolicy"), ("backoffLimitPerIndex", None), ("managedBy", None), ("successPolicy", "batch.SuccessPolicy")):
        nv = spec.get(key)
        errs.extend(validate_immutable_field(nv, ospec.get(key), f"spec.{key}", gofmt.struct(typ, nv) if typ else None))
    return errs


def validate_job_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateJobUpdateStatus

    Differences: only the counters are checked, not the transitions between conditions.
    """
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    status = new.get("status") or {}
    for key in ("active", "succeeded", "failed", "ready", "terminating"):
        v = status.get(key)
        if v is not None:
            errs.extend(validate_nonnegative_field(v, f"status.{key}"))
    return errs


# -- CronJob --------------------------------------------------------------------------------------


def _load_location(zone: str) -> str | None:
    if not zone or zone == "UTC" or zone == "Local":
        return None
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return f"unknown time zone {zone}"
    return None


def validate_schedule_format(schedule: str, allow_tz_in_schedule: bool, time_zone: str | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: validateScheduleFormat"""
    errs: ErrorList = []
    try:
        parse_standard(schedule, _load_location)
    except CronError as e:
        errs.append(field.invalid(path, schedule, str(e)))
    if allow_tz_in_schedule and "TZ" in schedule and time_zone is not None:
        errs.append(field.invalid(path, schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"))
    elif not allow_tz_in_schedule and "TZ" in schedule:
        errs.append(field.invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
    return errs


def validate_time_zone(tz: str | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: validateTimeZone"""
    if tz is None:
        return []
    if not tz:
        return [field.invalid(path, tz, "timeZone must be nil or non-empty string")]
    for part in tz.split("/"):
        if part in (".", "..") or part.startswith("-") or not _valid_time_zone_characters.match(part):
            return [field.invalid(path, tz, f"unknown time zone {tz}")]
    errs: ErrorList = []
    if tz.lower() == "local":
        errs.append(field.invalid(path, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"))
    err = _load_location(tz)
    if err:
        errs.append(field.invalid(path, tz, err))
    return errs


def validate_job_template_spec(tmpl: dict[str, Any], path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateJobTemplateSpec"""
    spec = tmpl.get("spec") or {}
    errs = _validate_job_spec_inner(spec, f"{path}.spec", opts)
    if spec.get("selector") is not None:
        errs.append(field.invalid(f"{path}.spec.selector", gofmt.label_selector(spec["selector"]), "`selector` will be auto-generated"))
    if spec.get("manualSelector") is True:
        errs.append(field.not_supported(f"{path}.spec.manualSelector", True, ["nil", "false"]))
    return errs


def validate_cron_job_spec(spec: dict[str, Any], old_spec: dict[str, Any] | None, path: str, opts: PodValidationOptions) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: validateCronJobSpec"""
    errs: ErrorList = []
    schedule = spec.get("schedule", "") or ""
    tz = spec.get("timeZone")
    if not schedule:
        errs.append(field.required(f"{path}.schedule", ""))
    else:
        allow_tz = old_spec is not None and "TZ" in (old_spec.get("schedule", "") or "")
        errs.extend(validate_schedule_format(schedule, allow_tz, tz, f"{path}.schedule"))
    sds = spec.get("startingDeadlineSeconds")
    if sds is not None:
        errs.extend(validate_nonnegative_field(sds, f"{path}.startingDeadlineSeconds"))
    if old_spec is None or old_spec.get("timeZone") != tz:
        errs.extend(validate_time_zone(tz, f"{path}.timeZone"))
    cp = spec.get("concurrencyPolicy", "") or ""
    if not cp:
        errs.append(field.required(f"{path}.concurrencyPolicy", ""))
    elif cp not in CONCURRENCY_POLICIES:
        errs.append(field.not_supported(f"{path}.concurrencyPolicy", cp, CONCURRENCY_POLICIES))
    errs.extend(validate_job_template_spec(spec.get("jobTemplate") or {}, f"{path}.jobTemplate", opts))
    for key in ("successfulJobsHistoryLimit", "failedJobsHistoryLimit"):
        v = spec.get(key)
        if v is not None:
            errs.extend(validate_nonnegative_field(v, f"{path}.{key}"))
    return errs


def validate_cron_job_create(cj: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateCronJobCreate"""
    meta = cj.get("metadata") or {}
    errs = validate_object_meta(meta, True, validate_replication_controller_name, "metadata")
    errs.extend(validate_cron_job_spec(cj.get("spec") or {}, None, "spec", pod_options(False)))
    name = meta.get("name", "") or ""
    if len(name) > DNS1035_LABEL_MAX_LENGTH - 11:
        errs.append(field.invalid("metadata.name", name, "must be no more than 52 characters"))
    return errs


def validate_cron_job_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/batch/validation/validation.go :: ValidateCronJobUpdate (no 52-character limit)"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_cron_job_spec(new.get("spec") or {}, old.get("spec") or {}, "spec", pod_options(False)))
    return errs


def validate_cron_job_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/registry/batch/cronjob/strategy.go :: cronJobStatusStrategy.ValidateUpdate (metadata only)"""
    return validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")


