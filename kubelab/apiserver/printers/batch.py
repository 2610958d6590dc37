"""Printers for batch/v1: Job (STATUS, COMPLETIONS, DURATION) and CronJob.

Upstream: pkg/printers/internalversion/printers.go :: printJob, printCronJob
"""

from __future__ import annotations

from kubelab.apiserver.printers.common import (
    NONE,
    GenerateOptions,
    Obj,
    Row,
    age,
    format_label_selector,
    has_condition,
    layout_container_cells,
    meta,
    name_of,
    print_bool_ptr,
    row,
    spec,
    status,
    template_containers,
    translate_timestamp_since,
)
from kubelab.apiserver.printers.duration import human_duration
from kubelab.engine import clock


def job_status(job: Obj) -> str:
    """Complete, Failed, Terminating, Suspended, FailureTarget or Running, in that precedence."""
    conditions = status(job).get("conditions")
    if has_condition(conditions, "Complete"):
        return "Complete"
    if has_condition(conditions, "Failed"):
        return "Failed"
    if meta(job).get("deletionTimestamp") is not None:
        return "Terminating"
    if has_condition(conditions, "Suspended"):
        return "Suspended"
    if has_condition(conditions, "FailureTarget"):
        return "FailureTarget"
    return "Running"


def print_job(job: Obj, options: GenerateOptions) -> list[Row]:
    """COMPLETIONS ``succeeded/completions`` (``0/1 of 3`` for work queues), DURATION.

    Mirrors: pkg/printers/internalversion/printers.go :: printJob
    """
    s, st = spec(job), status(job)
    succeeded = st.get("succeeded", 0)
    if s.get("completions") is not None:
        completions = f"{succeeded}/{s['completions']}"
    else:
        parallelism = s.get("parallelism") or 0
        completions = f"{succeeded}/1 of {parallelism}" if parallelism > 1 else f"{succeeded}/1"
    start = clock.parse(st.get("startTime"))
    end = clock.parse(st.get("completionTime"))
    duration = ""
    if start is not None:
        duration = human_duration((options.now if end is None else end) - start)
    r = row(name_of(job), job_status(job), completions, duration, age(job, options.now))
    if options.wide:
        names, images = layout_container_cells(template_containers(job))
        r["cells"] += [names, images, format_label_selector(s.get("selector"))]
    return [r]


def print_cron_job(cj: Obj, options: GenerateOptions) -> list[Row]:
    """SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE.

    Mirrors: pkg/printers/internalversion/printers.go :: printCronJob
    """
    s, st = spec(cj), status(cj)
    last = NONE
    if st.get("lastScheduleTime") is not None:
        last = translate_timestamp_since(st["lastScheduleTime"], options.now)
    tz = s.get("timeZone")
    r = row(name_of(cj), s.get("schedule", ""), NONE if tz is None else tz, print_bool_ptr(s.get("suspend")),
            len(st.get("active") or []), last, age(cj, options.now))
    if options.wide:
        job_spec = (s.get("jobTemplate") or {}).get("spec") or {}
        names, images = layout_container_cells(template_containers({"spec": job_spec}))
        r["cells"] += [names, images, format_label_selector(job_spec.get("selector"))]
    return [r]
