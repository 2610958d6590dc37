"""Jobs and CronJobs get upstream's batch/v1 defaults."""

from __future__ import annotations

import pytest

from kubelab.api.defaults import set_object_defaults


def job(spec: dict | None = None, labels: dict | None = None) -> dict:
    obj = {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
           "spec": {"template": {"metadata": {"labels": {"job": "j"}},
                                 "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]}},
                    **(spec or {})}}
    if labels is not None:
        obj["metadata"]["labels"] = labels
    set_object_defaults(obj)
    return obj


@pytest.mark.parametrize(("spec", "expected"), [
    ({}, {"completions": 1, "parallelism": 1, "backoffLimit": 6, "completionMode": "NonIndexed",
          "suspend": False, "podReplacementPolicy": "TerminatingOrFailed", "manualSelector": False}),
    ({"completions": 5}, {"completions": 5, "parallelism": 1}),
    ({"parallelism": 3}, {"parallelism": 3}),
    ({"backoffLimitPerIndex": 1, "completionMode": "Indexed", "completions": 2},
     {"backoffLimit": 2147483647, "completionMode": "Indexed"}),
    ({"podFailurePolicy": {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]}},
     {"podReplacementPolicy": "Failed",
      "podFailurePolicy": {"rules": [{"action": "Ignore", "onPodConditions": [
          {"type": "DisruptionTarget", "status": "True"}]}]}}),
], ids=["All unspecified", "Completions explicit", "Parallelism only: completions stay unset",
        "BackoffLimitPerIndex makes backoffLimit max int32", "Pod failure policy"])
def test_set_default_job(spec, expected):
    got = job(spec)["spec"]
    for key, value in expected.items():
        assert got[key] == value
    if "completions" not in spec and "parallelism" in spec:
        assert "completions" not in got


def test_job_labels_default_from_template():
    assert job()["metadata"]["labels"] == {"job": "j"}
    assert job(labels={"mine": "x"})["metadata"]["labels"] == {"mine": "x"}


def test_set_default_cron_job():
    cj = {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
          "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": {
              "restartPolicy": "OnFailure", "containers": [{"name": "c", "image": "busybox:1.36"}]}}}}}}
    set_object_defaults(cj)
    spec = cj["spec"]
    assert (spec["concurrencyPolicy"], spec["suspend"], spec["successfulJobsHistoryLimit"],
            spec["failedJobsHistoryLimit"]) == ("Allow", False, 3, 1)
    job_spec = spec["jobTemplate"]["spec"]
    # the embedded JobSpec gets no Job defaults, only its pod template is defaulted
    assert "backoffLimit" not in job_spec and "completions" not in job_spec
    assert job_spec["template"]["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    assert job_spec["template"]["spec"]["dnsPolicy"] == "ClusterFirst"
