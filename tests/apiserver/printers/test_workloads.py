"""Rows of the workload controllers: apps/v1 and batch/v1."""

import pytest

from kubelab.apiserver.printers import apps, batch
from kubelab.apiserver.printers.common import GenerateOptions
from kubelab.engine import clock

NOW = 1000.0
SOON = clock.rfc3339(NOW + 1.9)  # upstream's time.Now().Add(1.9e9): prints as 0s
TWO = [{"name": "fake-container1", "image": "fake-image1"}, {"name": "fake-container2", "image": "fake-image2"}]
JOB_TWO = [{"name": "fake-job-container1", "image": "fake-job-image1"},
           {"name": "fake-job-container2", "image": "fake-job-image2"}]


def ago(seconds: float) -> str:
    return clock.rfc3339(NOW - seconds)


def opts(wide=False):
    return GenerateOptions(now=NOW, wide=wide)


def workload(name, spec, status, created=SOON, **meta):
    return {"metadata": {"name": name, "creationTimestamp": created, **meta}, "spec": spec, "status": status}


DEPLOYMENT = workload("test1", {"replicas": 5, "template": {"spec": {"containers": TWO}},
                                "selector": {"matchLabels": {"foo": "bar"}}},
                      {"replicas": 10, "updatedReplicas": 2, "availableReplicas": 1, "unavailableReplicas": 4})


# TestPrintDeployment
@pytest.mark.parametrize(("wide", "expect"), [
    (False, ["test1", "0/5", 2, 1, "0s"]),
    (True, ["test1", "0/5", 2, 1, "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar"]),
], ids=["no generate options", "wide"])
def test_print_deployment(wide, expect):
    assert apps.print_deployment(DEPLOYMENT, opts(wide))[0]["cells"] == expect


def test_deployment_selector_with_expressions_and_a_bad_operator():
    d = workload("web", {"replicas": 3, "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [
        {"key": "tier", "operator": "In", "values": ["front", "edge"]}]}}, {"readyReplicas": 3})
    assert apps.print_deployment(d, opts(True))[0]["cells"][1:] == [
        "3/3", 0, 0, "0s", "", "", "app=web,tier in (edge,front)"]
    d["spec"]["selector"] = {"matchExpressions": [{"key": "tier", "operator": "Near"}]}
    assert apps.print_deployment(d, opts(True))[0]["cells"][-1] == "<invalid>"


DAEMON_SET = workload("test1", {"template": {"spec": {"containers": TWO}},
                                "selector": {"matchLabels": {"foo": "bar"}}},
                      {"currentNumberScheduled": 2, "desiredNumberScheduled": 3, "numberReady": 1,
                       "updatedNumberScheduled": 2, "numberAvailable": 0})


# TestPrintDaemonSet
@pytest.mark.parametrize(("wide", "expect"), [
    (False, ["test1", 3, 2, 1, 2, 0, "<none>", "0s"]),
    (True, ["test1", 3, 2, 1, 2, 0, "<none>", "0s", "fake-container1,fake-container2", "fake-image1,fake-image2",
            "foo=bar"]),
], ids=["no generate options", "wide"])
def test_print_daemon_set(wide, expect):
    assert apps.print_daemon_set(DAEMON_SET, opts(wide))[0]["cells"] == expect


def test_daemon_set_node_selector():
    ds = workload("kube-proxy", {"template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}}}}, {})
    assert apps.print_daemon_set(ds, opts())[0]["cells"][6] == "kubernetes.io/os=linux"


REPLICA_SET = workload("test1", {"replicas": 5, "template": {"spec": {"containers": TWO}},
                                 "selector": {"matchLabels": {"foo": "bar"}}}, {"replicas": 5, "readyReplicas": 2})


# TestPrintReplicaSet
@pytest.mark.parametrize(("wide", "expect"), [
    (False, ["test1", 5, 5, 2, "0s"]),
    (True, ["test1", 5, 5, 2, "0s", "fake-container1,fake-container2", "fake-image1,fake-image2", "foo=bar"]),
], ids=["generate options empty", "wide"])
def test_print_replica_set(wide, expect):
    assert apps.print_replica_set(REPLICA_SET, opts(wide))[0]["cells"] == expect


# TestPrintReplicaSetList (second item: empty template, no selector)
def test_print_replica_set_list():
    rs2 = workload("replicaset2", {"replicas": 4, "template": {}}, {"replicas": 3, "readyReplicas": 1})
    rows = [apps.print_replica_set(o, opts())[0]["cells"] for o in (REPLICA_SET, rs2)]
    assert rows == [["test1", 5, 5, 2, "0s"], ["replicaset2", 4, 3, 1, "0s"]]
    assert apps.print_replica_set(rs2, opts(True))[0]["cells"][5:] == ["", "", "<none>"]


STATEFUL_SET = workload("test1", {"replicas": 5, "template": {"spec": {"containers": TWO}}},
                        {"replicas": 5, "readyReplicas": 2})


# TestPrintStatefulSet
@pytest.mark.parametrize(("wide", "expect"), [
    (False, ["test1", "2/5", "0s"]),
    (True, ["test1", "2/5", "0s", "fake-container1,fake-container2", "fake-image1,fake-image2"]),
], ids=["no generate options", "wide"])
def test_print_stateful_set(wide, expect):
    assert apps.print_stateful_set(STATEFUL_SET, opts(wide))[0]["cells"] == expect


# TestPrintControllerRevision
@pytest.mark.parametrize(("owners", "controller"), [
    ([{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "foo", "controller": True}], "daemonset.apps/foo"),
    ([{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "foo"}], "<none>"),
    ([], "<none>"),
    ([{"apiVersion": "v1", "kind": "ReplicationController", "name": "rc", "controller": True}],
     "replicationcontroller/rc"),
], ids=["controller", "owner that is not the controller", "no owner", "core group"])
def test_print_controller_revision(owners, controller):
    cr = {"metadata": {"name": "test1", "creationTimestamp": SOON, "ownerReferences": owners}, "revision": 1}
    assert apps.print_controller_revision(cr, opts())[0]["cells"] == ["test1", controller, 1, "0s"]


def job(name, spec=None, status=None, created=SOON, **meta):
    return workload(name, spec or {}, status or {}, created, **meta)


JOB1 = job("job1", {"completions": 2, "template": {"spec": {"containers": JOB_TWO}},
                    "selector": {"matchLabels": {"job-label": "job-label-value"}}}, {"succeeded": 1})


# TestPrintJob
@pytest.mark.parametrize(("j", "wide", "expect"), [
    (JOB1, False, ["job1", "Running", "1/2", "", "0s"]),
    (JOB1, True, ["job1", "Running", "1/2", "", "0s", "fake-job-container1,fake-job-container2",
                  "fake-job-image1,fake-job-image2", "job-label=job-label-value"]),
    (job("job2", created=ago(10 * 365 * 86400 + 3 * 86400)), False, ["job2", "Running", "0/1", "", "10y"]),
    (job("job3", status={"startTime": clock.rfc3339(NOW + 60), "completionTime": clock.rfc3339(NOW + 31 * 60)},
         created=ago(10 * 365 * 86400)), False, ["job3", "Running", "0/1", "30m", "10y"]),
    (job("job4", status={"startTime": ago(20 * 60)}, created=ago(10 * 365 * 86400)), False,
     ["job4", "Running", "0/1", "20m", "10y"]),
    (job("job5", status={"conditions": [{"type": "Complete", "status": "True"}]}), False,
     ["job5", "Complete", "0/1", "", "0s"]),
    (job("job6", status={"conditions": [{"type": "Failed", "status": "True"}]}), False,
     ["job6", "Failed", "0/1", "", "0s"]),
    (job("job7", status={"conditions": [{"type": "Suspended", "status": "True"}]}), False,
     ["job7", "Suspended", "0/1", "", "0s"]),
    (job("job8", status={"conditions": [{"type": "FailureTarget", "status": "True"}]}), False,
     ["job8", "FailureTarget", "0/1", "", "0s"]),
    (job("job9", deletionTimestamp=SOON), False, ["job9", "Terminating", "0/1", "", "0s"]),
], ids=["job1", "job1 wide", "job2 ten-year age", "job3 duration", "job4 running for 20m", "job5 complete",
        "job6 failed", "job7 suspended", "job8 failure target", "job9 terminating"])
def test_print_job(j, wide, expect):
    assert batch.print_job(j, opts(wide))[0]["cells"] == expect


@pytest.mark.parametrize(("spec", "status", "completions"), [
    ({"parallelism": 3}, {"succeeded": 1}, "1/1 of 3"),
    ({"parallelism": 1}, {}, "0/1"),
    ({"completions": 3, "parallelism": 3}, {"succeeded": 3}, "3/3"),
])
def test_job_completions(spec, status, completions):
    assert batch.print_job(job("pi", spec, status), opts())[0]["cells"][2] == completions


def cron_job(name, created=SOON, last=SOON, tz=None, containers=()):
    spec = {"schedule": "0/5 * * * ?", "suspend": False,
            "jobTemplate": {"spec": {"completions": 2, "template": {"spec": {"containers": list(containers)}},
                                     "selector": {"matchLabels": {"a": "b"}}}}}
    if tz is not None:
        spec["timeZone"] = tz
    return workload(name, spec, {"lastScheduleTime": last} if last else {}, created)


# TestPrintCronJob
@pytest.mark.parametrize(("cj", "wide", "expect"), [
    (cron_job("cronjob1", containers=JOB_TWO), False, ["cronjob1", "0/5 * * * ?", "<none>", "False", 0, "0s", "0s"]),
    (cron_job("cronjob1", tz="LOCAL", containers=JOB_TWO), False,
     ["cronjob1", "0/5 * * * ?", "LOCAL", "False", 0, "0s", "0s"]),
    (cron_job("cronjob1", containers=JOB_TWO), True,
     ["cronjob1", "0/5 * * * ?", "<none>", "False", 0, "0s", "0s", "fake-job-container1,fake-job-container2",
      "fake-job-image1,fake-job-image2", "a=b"]),
    (cron_job("cronjob2", created=ago(300), last=ago(30)), False,
     ["cronjob2", "0/5 * * * ?", "<none>", "False", 0, "30s", "5m"]),
    (cron_job("cronjob3", created=ago(300), last=None), False,
     ["cronjob3", "0/5 * * * ?", "<none>", "False", 0, "<none>", "5m"]),
], ids=["basic", "time zone", "wide", "last schedule and age", "never scheduled"])
def test_print_cron_job(cj, wide, expect):
    assert batch.print_cron_job(cj, opts(wide))[0]["cells"] == expect


def test_cron_job_active_jobs_and_unset_suspend():
    cj = cron_job("hourly")
    del cj["spec"]["suspend"]
    cj["status"]["active"] = [{"kind": "Job", "name": "hourly-1"}, {"kind": "Job", "name": "hourly-2"}]
    assert batch.print_cron_job(cj, opts())[0]["cells"][3:5] == ["<unset>", 2]
