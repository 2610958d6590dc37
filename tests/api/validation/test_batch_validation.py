"""Job and CronJob validation (batch/validation/validation_test.go) and the cron syntax."""

from __future__ import annotations

import copy

import pytest
from conftest import POD_SPEC, defaulted, messages
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api.validation import validate, validate_update
from kubelab.api.validation.cron import CronError, parse_duration, parse_standard

UID = "1a2b3c4d"
GENERATED = {"batch.kubernetes.io/controller-uid": UID, "batch.kubernetes.io/job-name": "pi", "controller-uid": UID, "job-name": "pi"}


def job(**spec):
    """A Job as the registry hands it to validation: defaulted, with its selector generated."""
    s = {"template": {"metadata": {"labels": dict(GENERATED)}, "spec": dict(copy.deepcopy(POD_SPEC), restartPolicy="Never")}}
    s.update(spec)
    j = defaulted({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi", "namespace": "default", "uid": UID}, "spec": s})
    j["spec"].setdefault("selector", {"matchLabels": {"batch.kubernetes.io/controller-uid": UID}})
    return j


def test_generated_job_is_valid():
    assert validate(job()) == []


JOB_CASES = [
    pytest.param({"parallelism": -1}, ["spec.parallelism: Invalid value: -1: must be greater than or equal to 0"], id="spec.parallelism:must be greater than or equal to 0"),
    pytest.param({"completions": -1}, ["spec.completions: Invalid value: -1: must be greater than or equal to 0"], id="spec.completions:must be greater than or equal to 0"),
    pytest.param({"activeDeadlineSeconds": -1}, ["spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0"], id="spec.activeDeadlineSeconds:must be greater than or equal to 0"),
    pytest.param({"backoffLimit": -1}, ["spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"], id="spec.backoffLimit:must be greater than or equal to 0"),
    pytest.param({"completionMode": "Indexed", "completions": None}, ["spec.completions: Required value: when completion mode is Indexed"], id="spec.completions:when completion mode is Indexed"),
    pytest.param({"completionMode": "Indexed", "completions": 2, "parallelism": 100_001},
                 ["spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed"],
                 id="spec.parallelism: must be less than or equal to 100000 when completion mode is Indexed"),
    pytest.param({"completionMode": "Sometimes"}, ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'], id="spec.completionMode:Unsupported value"),
    pytest.param({"backoffLimitPerIndex": 1}, ["spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"], id="spec.backoffLimitPerIndex: requires indexed completion mode"),
    pytest.param({"completionMode": "Indexed", "completions": 2, "maxFailedIndexes": 1},
                 ["spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"], id="spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"),
    pytest.param({"podFailurePolicy": {"rules": [{"action": "UnknownAction", "onExitCodes": {"operator": "In", "values": [1]}}]}},
                 ['spec.podFailurePolicy.rules[0].action: Unsupported value: "UnknownAction": supported values: "Count", "FailIndex", "FailJob", "Ignore"'],
                 id="spec.podFailurePolicy.rules[0].action: Unsupported value"),
    pytest.param({"podFailurePolicy": {"rules": [{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [0, 2, 1]}}]}},
                 ["spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
                  "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 2, 1}: must be ordered"],
                 id="spec.podFailurePolicy.rules[0].onExitCodes.values: must be ordered"),
    pytest.param({"podFailurePolicy": {"rules": [{"action": "FailJob"}]}},
                 ["spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"],
                 id="spec.podFailurePolicy.rules[0]: one of OnExitCodes and OnPodConditions required"),
]


@pytest.mark.parametrize("spec, expected", JOB_CASES)
def test_validate_job(spec, expected):
    j = job(**{k: v for k, v in spec.items() if v is not None})
    for k, v in spec.items():
        if v is None:
            j["spec"].pop(k, None)
    assert messages(validate(j)) == expected


def test_restart_policy_always_is_not_allowed_for_jobs():
    j = job()
    j["spec"]["template"]["spec"]["restartPolicy"] = "Always"
    assert messages(validate(j)) == ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']


def test_selector_must_match_template_and_be_generated():
    j = job()
    j["spec"]["template"]["metadata"]["labels"] = {"app": "pi"}
    assert messages(validate(j)) == [
        "spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Required value: must be '1a2b3c4d'",
        "spec.template.metadata.labels[batch.kubernetes.io/job-name]: Required value: must be 'pi'",
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"pi"}: `selector` does not match template `labels`',
    ]


def test_indexed_job_pod_hostname_must_be_a_dns_label():
    j = job(completionMode="Indexed", completions=10)
    j["metadata"]["name"] = "p" * 62
    j["spec"]["template"]["metadata"]["labels"]["batch.kubernetes.io/job-name"] = "p" * 62
    assert messages(validate(j)) == [f'metadata.name: Invalid value: "{"p" * 62}": will not able to create pod with invalid DNS label: {"p" * 62}-9']


def test_job_template_and_selector_are_immutable():
    old = job()
    old["metadata"]["resourceVersion"] = "2"
    new = copy.deepcopy(old)
    new["spec"]["template"]["spec"]["containers"][0]["image"] = "perl:2"
    (err,) = validate_update(new, old)
    assert (err.field, err.detail) == ("spec.template", "field is immutable")
    new = copy.deepcopy(old)
    new["spec"]["completions"] = 5
    assert messages(validate_update(new, old)) == ["spec.completions: Invalid value: 5: field is immutable"]


def test_suspended_job_may_change_scheduling_directives():
    old = job(suspend=True)
    old["metadata"]["resourceVersion"] = "2"
    new = copy.deepcopy(old)
    new["spec"]["template"]["spec"]["nodeSelector"] = {"disk": "ssd"}
    assert validate_update(new, old) == []


def cronjob(**spec):
    s = {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": dict(copy.deepcopy(POD_SPEC), restartPolicy="OnFailure")}}}}
    s.update(spec)
    return defaulted({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "hello", "namespace": "default"}, "spec": s})


CRONJOB_CASES = [
    pytest.param({"schedule": "error"}, ['spec.schedule: Invalid value: "error": expected exactly 5 fields, found 1: [error]'], id="spec.schedule: Invalid value"),
    pytest.param({"schedule": ""}, ["spec.schedule: Required value"], id="spec.schedule: Required value"),
    pytest.param({"schedule": "TZ=UTC 0 * * * *"}, ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'], id="spec.schedule: cannot use TZ"),
    pytest.param({"timeZone": "Mars/Olympus"}, ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'], id="spec.timeZone: timeZone must be a valid time zone"),
    pytest.param({"timeZone": ""}, ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string'], id="spec.timeZone: timeZone must be nil or non-empty string"),
    pytest.param({"timeZone": "Local"}, ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'], id="spec.timeZone: timeZone must be an explicit time zone"),
    pytest.param({"startingDeadlineSeconds": -1}, ["spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0"], id="spec.startingDeadlineSeconds:must be greater than or equal to 0"),
    pytest.param({"concurrencyPolicy": "Sometimes"}, ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'], id="spec.concurrencyPolicy: Unsupported value"),
    pytest.param({"jobTemplate": {"spec": {"manualSelector": True, "template": {"spec": dict(copy.deepcopy(POD_SPEC), restartPolicy="Never")}}}},
                 ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"'], id="spec.jobTemplate.spec.manualSelector: Unsupported value"),
]


@pytest.mark.parametrize("spec, expected", CRONJOB_CASES)
def test_validate_cron_job(spec, expected):
    assert messages(validate(cronjob(**spec))) == expected


def test_valid_time_zone_is_accepted():
    assert validate(cronjob(timeZone="Etc/UTC")) == []


def test_cron_job_name_at_most_52_characters():
    cj = cronjob()
    cj["metadata"]["name"] = "a" * 53
    assert messages(validate(cj)) == [f'metadata.name: Invalid value: "{"a" * 53}": must be no more than 52 characters']


@pytest.mark.parametrize(
    "schedule, error",
    [
        ("* * * * *", None),
        ("@daily", None),
        ("@every 1h30m", None),
        ("0 0 1 jan,jul mon-fri", None),
        ("60 * * * *", "end of range (60) above maximum (59): 60"),
        ("* 24 * * *", "end of range (24) above maximum (23): 24"),
        ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
        ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
        ("*/0 * * * *", "step of range should be a positive number: */0"),
        ("1/2/3 * * * *", "too many slashes: 1/2/3"),
        ("@weekdays", "unrecognized descriptor: @weekdays"),
        ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
        ("", "empty spec string"),
    ],
)
def test_parse_standard(schedule, error):
    if error is None:
        parse_standard(schedule)
    else:
        with pytest.raises(CronError) as e:
            parse_standard(schedule)
        assert str(e.value) == error


@pytest.mark.parametrize("text, ns", [("1h30m", 5400 * 10**9), ("1.5s", 1_500_000_000), ("300ms", 300_000_000)])
def test_parse_duration(text, ns):
    assert parse_duration(text) == ns


@settings(max_examples=80)
@given(st.integers(0, 59), st.integers(0, 23), st.integers(1, 31), st.integers(1, 12), st.integers(0, 6))
def test_every_in_range_field_parses(minute, hour, dom, month, dow):
    parse_standard(f"{minute} {hour} {dom} {month} {dow}")
