"""KubeSchedulerConfiguration: decoding, upstream defaults and validation messages (validation_test.go)."""

import pytest

from kubelab.api.field import aggregate_message
from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.apis.config import v1
from kubelab.scheduler.apis.config.validation import validate_kube_scheduler_configuration


def load(obj):
    c = v1.decode(obj)
    v1.set_defaults(c)
    return c


def test_an_empty_configuration_gets_upstreams_defaults():
    c = load({})
    assert (c.parallelism, c.percentage_of_nodes_to_score, c.pod_initial_backoff_seconds,
            c.pod_max_backoff_seconds) == (16, 0, 1, 10)
    prof = c.profiles[0]
    assert prof.scheduler_name == "default-scheduler"
    fit = prof.args_for("NodeResourcesFit")
    assert fit.scoring_strategy.type == "LeastAllocated"
    assert [(r.name, r.weight) for r in fit.scoring_strategy.resources] == [("cpu", 1), ("memory", 1)]
    assert prof.args_for("DefaultPreemption") == cfg.DefaultPreemptionArgs(10, 100)
    assert prof.args_for("InterPodAffinity").hard_pod_affinity_weight == 1
    assert prof.args_for("PodTopologySpread").defaulting_type == "System"
    assert validate_kube_scheduler_configuration(c) == []


def test_user_plugin_config_is_kept_and_defaulted():
    c = load({"profiles": [{"schedulerName": "bin-packer", "pluginConfig": [
        {"name": "NodeResourcesFit", "args": {"scoringStrategy": {"type": "MostAllocated"}}}]}]})
    fit = c.profiles[0].args_for("NodeResourcesFit")
    assert fit.scoring_strategy.type == "MostAllocated" and len(fit.scoring_strategy.resources) == 2


@pytest.mark.parametrize("name,config,message", [
    ("bad-parallelism-invalid-value", {"parallelism": 0},
     "parallelism: Invalid value: 0: should be an integer value greater than zero"),
    ("bad-percentage-nodes-to-score", {"percentageOfNodesToScore": 110},
     "percentageOfNodesToScore: Invalid value: 110: not in valid range [0-100]"),
    ("bad-pod-initial-backoff-seconds", {"podInitialBackoffSeconds": 0, "podMaxBackoffSeconds": 10},
     "podInitialBackoffSeconds: Invalid value: 0: must be greater than 0"),
    ("bad-pod-max-backoff-seconds", {"podInitialBackoffSeconds": 5, "podMaxBackoffSeconds": 2},
     "podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds"),
    ("scheduler-name-not-set", {"profiles": [{"schedulerName": "a"}, {}]},
     "profiles[1].schedulerName: Required value"),
    ("repeated-scheduler-name", {"profiles": [{"schedulerName": "a"}, {"schedulerName": "a"}]},
     "profiles[1].schedulerName: Duplicate value: profiles[0].schedulerName"),
    ("different-queue-sort", {"profiles": [{"schedulerName": "a"}, {"schedulerName": "b", "plugins": {
        "queueSort": {"enabled": [{"name": "CustomSort"}], "disabled": [{"name": "*"}]}}}]},
     "profiles[1].plugins.queueSort: Invalid value"),
    ("bad-fit-strategy", {"profiles": [{"pluginConfig": [{"name": "NodeResourcesFit", "args": {
        "scoringStrategy": {"type": "Invalid"}}}]}]},
     'profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: "Invalid": supported values: '
     '"LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"'),
    ("bad-preemption-args", {"profiles": [{"pluginConfig": [{"name": "DefaultPreemption", "args": {
        "minCandidateNodesPercentage": 0, "minCandidateNodesAbsolute": 0}}]}]},
     "[profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same "
     "time as minCandidateNodesAbsolute, profiles[0].pluginConfig[0].args.minCandidateNodesAbsolute: Invalid value: "
     "0: cannot be zero at the same time as minCandidateNodesPercentage]"),
    ("bad-hard-pod-affinity-weight", {"profiles": [{"pluginConfig": [{"name": "InterPodAffinity", "args": {
        "hardPodAffinityWeight": 101}}]}]},
     "profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]"),
    ("bad-spread-system-with-constraints", {"profiles": [{"pluginConfig": [{"name": "PodTopologySpread", "args": {
        "defaultingType": "System", "defaultConstraints": [
            {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway"}]}}]}]},
     'profiles[0].pluginConfig[0].args.defaultingType: Invalid value: "System": when .defaultConstraints are not '
     "empty"),
], ids=lambda x: x if isinstance(x, str) and "-" in x else "")
def test_invalid_configurations_are_refused_with_upstreams_messages(name, config, message):
    errs = validate_kube_scheduler_configuration(load(config))
    assert aggregate_message(errs).startswith(message)


def test_unknown_fields_are_a_strict_decoding_error():
    with pytest.raises(v1.ConfigError, match='strict decoding error: unknown field "profiles\\[0\\].bogus"'):
        v1.decode({"profiles": [{"bogus": 1}]})
