"""``kubectl describe`` for Jobs and CronJobs.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeJob, describeCronJob,
describeJobTemplate, printActiveJobs, capIndexesListOrNone)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import labels as labelsel
from kubelab.apiserver.printers.duration import human_duration
from kubelab.engine import clock
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    Obj,
    PrefixWriter,
    go_bool,
    meta,
    print_bool_ptr,
    print_controlled_by,
    print_labels_and_annotations,
    print_name_and_namespace,
    rfc1123z,
    search_events,
    spec,
    status,
    text_with_events,
)
from kubelab.kubectl.describe.containers import describe_pod_template


def _cap_indexes(indexes: str, soft_limit: int) -> str:
    """Mirrors: describe.go :: capIndexesListOrNone"""
    if not indexes:
        return "<none>"
    ix = soft_limit
    while ix < len(indexes) and indexes[ix] != ",":
        ix += 1
    if ix >= len(indexes):
        return indexes
    return indexes[: ix + 1] + "..."


def describe_job_obj(job: Obj, events: list[Obj] | None, now: float) -> str:
    """Mirrors: describe.go :: describeJob"""
    w = PrefixWriter()
    md, sp, st = meta(job), spec(job), status(job)
    print_name_and_namespace(w, md)
    w.write(LEVEL_0, f"Selector:\t{labelsel.label_selector_as_selector(sp.get('selector'))}\n")
    print_labels_and_annotations(w, md)
    print_controlled_by(w, job)
    if sp.get("parallelism") is not None:
        w.write(LEVEL_0, f"Parallelism:\t{sp['parallelism']}\n")
    if sp.get("completions") is not None:
        w.write(LEVEL_0, f"Completions:\t{sp['completions']}\n")
    else:
        w.write(LEVEL_0, "Completions:\t<unset>\n")
    if sp.get("completionMode") is not None:
        w.write(LEVEL_0, f"Completion Mode:\t{sp['completionMode']}\n")
    if sp.get("suspend") is not None:
        w.write(LEVEL_0, f"Suspend:\t{go_bool(sp['suspend'])}\n")
    if sp.get("backoffLimit") is not None:
        w.write(LEVEL_0, f"Backoff Limit:\t{sp['backoffLimit']}\n")
    if sp.get("ttlSecondsAfterFinished") is not None:
        w.write(LEVEL_0, f"TTL Seconds After Finished:\t{sp['ttlSecondsAfterFinished']}\n")
    if st.get("startTime"):
        w.write(LEVEL_0, f"Start Time:\t{rfc1123z(st['startTime'])}\n")
    if st.get("completionTime"):
        w.write(LEVEL_0, f"Completed At:\t{rfc1123z(st['completionTime'])}\n")
    if st.get("startTime") and st.get("completionTime"):
        start, end = clock.parse(st["startTime"]) or 0.0, clock.parse(st["completionTime"]) or 0.0
        w.write(LEVEL_0, f"Duration:\t{human_duration(end - start)}\n")
    if sp.get("activeDeadlineSeconds") is not None:
        w.write(LEVEL_0, f"Active Deadline Seconds:\t{sp['activeDeadlineSeconds']}s\n")
    active, succeeded, failed = st.get("active", 0), st.get("succeeded", 0), st.get("failed", 0)
    if st.get("ready") is None:
        w.write(LEVEL_0, f"Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")
    else:
        w.write(LEVEL_0, f"Pods Statuses:\t{active} Active ({st['ready']} Ready) / {succeeded} Succeeded / "
                         f"{failed} Failed\n")
    if sp.get("completionMode") == "Indexed":
        w.write(LEVEL_0, f"Completed Indexes:\t{_cap_indexes(st.get('completedIndexes', ''), 50)}\n")
    describe_pod_template(sp.get("template"), w)
    return text_with_events(w, events, now)


def describe_job(client: Any, job: Obj, now: float, show_events: bool) -> str:
    events = search_events(client, job, kind="Job") if show_events else None
    return describe_job_obj(job, events, now)


def describe_cron_job(client: Any, cj: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeCronJob, describeJobTemplate, printActiveJobs"""
    events = search_events(client, cj, kind="CronJob") if show_events else None
    w = PrefixWriter()
    md, sp, st = meta(cj), spec(cj), status(cj)
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Schedule:\t{sp.get('schedule', '')}\n")
    w.write(LEVEL_0, f"Concurrency Policy:\t{sp.get('concurrencyPolicy', '')}\n")
    w.write(LEVEL_0, f"Suspend:\t{print_bool_ptr(sp.get('suspend'))}\n")
    w.write(LEVEL_0, f"Time Zone:\t{sp['timeZone']}\n" if sp.get("timeZone") is not None else "Time Zone:\t<unset>\n")
    for key, title in (("successfulJobsHistoryLimit", "Successful Job History Limit"),
                       ("failedJobsHistoryLimit", "Failed Job History Limit")):
        value = sp.get(key)
        w.write(LEVEL_0, f"{title}:\t{value if value is not None else '<unset>'}\n")
    if sp.get("startingDeadlineSeconds") is not None:
        w.write(LEVEL_0, f"Starting Deadline Seconds:\t{sp['startingDeadlineSeconds']}s\n")
    else:
        w.write(LEVEL_0, "Starting Deadline Seconds:\t<unset>\n")
    jt_spec = (sp.get("jobTemplate") or {}).get("spec") or {}
    if jt_spec.get("selector") is not None:
        w.write(LEVEL_0, f"Selector:\t{labelsel.label_selector_as_selector(jt_spec['selector'])}\n")
    else:
        w.write(LEVEL_0, "Selector:\t<unset>\n")
    for key, title in (("parallelism", "Parallelism"), ("completions", "Completions")):
        value = jt_spec.get(key)
        w.write(LEVEL_0, f"{title}:\t{value if value is not None else '<unset>'}\n")
    if jt_spec.get("activeDeadlineSeconds") is not None:
        w.write(LEVEL_0, f"Active Deadline Seconds:\t{jt_spec['activeDeadlineSeconds']}s\n")
    describe_pod_template(jt_spec.get("template") or {}, w)
    if st.get("lastScheduleTime"):
        w.write(LEVEL_0, f"Last Schedule Time:\t{rfc1123z(st['lastScheduleTime'])}\n")
    else:
        w.write(LEVEL_0, "Last Schedule Time:\t<unset>\n")
    w.write(LEVEL_0, "Active Jobs:\t")
    active = st.get("active") or []
    if not active:
        w.write_line("<none>")
    else:
        w.write(LEVEL_0, ", ".join(j.get("name", "") for j in active))
        w.write_line("")
    return text_with_events(w, events, now)
