"""The framework: multi-point expansion, score weights, run order and statuses (framework_test.go)."""

import pytest

from kubelab.scheduler.apis.config import types as cfg
from kubelab.scheduler.apis.config import v1
from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import (
    Code,
    Diagnosis,
    FitError,
    NodeToStatus,
    Status,
)
from kubelab.scheduler.framework.plugins.registry import new_in_tree_registry
from kubelab.scheduler.framework.runtime.framework import Framework, FrameworkError

from ...wrappers import FakeHandle, make_node, make_pod, snapshot


def profile(config: dict | None = None) -> cfg.KubeSchedulerProfile:
    c = v1.decode(config or {})
    v1.set_defaults(c)
    return c.profiles[0]


def framework(prof=None, registry=None, snap=None):
    h = FakeHandle(snap)
    return Framework(registry or new_in_tree_registry(), prof or profile(), env=h.env, client=None,
                     informer_factory=h.factory, snapshot=h.snapshot)


def test_default_profile_runs_upstreams_plugins_in_upstreams_order():
    f = framework()
    assert f.names["Filter"] == ["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts",
                                 "NodeResourcesFit", "VolumeRestrictions", "VolumeBinding", "VolumeZone",
                                 "PodTopologySpread", "InterPodAffinity"]
    assert f.names["PreEnqueue"] == ["SchedulingGates", "DefaultPreemption"]
    assert f.names["Score"] == ["TaintToleration", "NodeAffinity", "NodeResourcesFit", "VolumeBinding",
                                "PodTopologySpread", "InterPodAffinity", "NodeResourcesBalancedAllocation",
                                "ImageLocality"]
    assert f.score_plugin_weight == {"TaintToleration": 3, "NodeAffinity": 2, "NodeResourcesFit": 1,
                                     "VolumeBinding": 1, "PodTopologySpread": 2, "InterPodAffinity": 2,
                                     "NodeResourcesBalancedAllocation": 1, "ImageLocality": 1}
    assert f.names["PostFilter"] == ["DefaultPreemption"] and f.names["Bind"] == ["DefaultBinder"]


def test_score_weights_from_the_score_point_override_multi_point():
    f = framework(profile({"profiles": [{"plugins": {"score": {"enabled": [{"name": "ImageLocality", "weight": 5}]}}}]}))
    assert f.score_plugin_weight["ImageLocality"] == 5
    # An override keeps its place at the front of the point (part 1 of expandMultiPointPlugins).
    assert f.names["Score"][0] == "ImageLocality"


def test_disabling_a_plugin_at_one_point_keeps_it_elsewhere():
    f = framework(profile({"profiles": [{"plugins": {"score": {"disabled": [{"name": "TaintToleration"}]}}}]}))
    assert "TaintToleration" not in f.names["Score"] and "TaintToleration" in f.names["Filter"]
    none = framework(profile({"profiles": [{"plugins": {"score": {"disabled": [{"name": "*"}]}}}]}))
    assert none.names["Score"] == []


@pytest.mark.parametrize("config,msg", [
    ({"profiles": [{"plugins": {"filter": {"enabled": [{"name": "NoSuchPlugin"}]}}}]},
     'FilterPlugin "NoSuchPlugin" does not exist'),
    ({"profiles": [{"plugins": {"queueSort": {"disabled": [{"name": "*"}]}}}]},
     'only one queue sort plugin required for profile with scheduler name "default-scheduler", but got 0'),
    ({"profiles": [{"plugins": {"bind": {"disabled": [{"name": "*"}]}}}]},
     'at least one bind plugin is needed for profile with scheduler name "default-scheduler"'),
    ({"profiles": [{"plugins": {"filter": {"enabled": [{"name": "PrioritySort"}]}}}]},
     'plugin "PrioritySort" does not extend FilterPlugin plugin'),
])
def test_bad_profiles_are_refused_with_upstreams_messages(config, msg):
    with pytest.raises(FrameworkError, match=msg.replace("(", r"\(").replace(")", r"\)")):
        framework(profile(config))


def test_fit_error_counts_reasons_across_nodes():
    d = Diagnosis(NodeToStatus({"n1": Status(Code.UNSCHEDULABLE, "Insufficient cpu"),
                                "n2": Status(Code.UNSCHEDULABLE, "Insufficient cpu", "Insufficient memory"),
                                "n3": Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
                                             "node(s) had untolerated taint {k: v}")}))
    assert str(FitError(make_pod(), 3, d)) == (
        "0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {k: v}, "
        "2 Insufficient cpu.")
    d.post_filter_msg = "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod"
    assert str(FitError(make_pod(), 3, d)).endswith(
        " preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")


def test_fit_error_uses_the_prefilter_message_alone():
    d = Diagnosis(pre_filter_msg="node(s) didn't satisfy plugin NodeAffinity")
    assert str(FitError(make_pod(), 5, d)) == "0/5 nodes are available: node(s) didn't satisfy plugin NodeAffinity."


def test_filters_stop_at_the_first_rejection_and_name_the_plugin():
    snap = snapshot([], [make_node("n", cpu="1", unschedulable=True)])
    f = framework(snap=snap)
    state = CycleState()
    pod = make_pod("p", cpu="2")
    f.run_pre_filter_plugins(state, pod)
    s = f.run_filter_plugins(state, pod, snap.get("n"))
    assert (s.plugin, s.code(), s.reasons) == ("NodeUnschedulable", Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
                                              ["node(s) were unschedulable"])


class OutOfRange:
    name = "OutOfRange"

    def score(self, state, pod, node_info):
        return 101, None

    def score_extensions(self):
        return None


def test_scores_outside_0_100_are_an_error():
    reg = new_in_tree_registry()
    reg.register("OutOfRange", OutOfRange)
    prof = profile({"profiles": [{"plugins": {"multiPoint": {"enabled": [{"name": "OutOfRange"}]}}}]})
    snap = snapshot([], [make_node("n")])
    f = framework(prof, reg, snap)
    state = CycleState()
    pod = make_pod("p", cpu="1")
    f.run_pre_score_plugins(state, pod, snap.list())
    _, s = f.run_score_plugins(state, pod, snap.list())
    assert s.code() == Code.ERROR
    assert s.message() == ('plugin "OutOfRange" returns an invalid score 101, it should in the range of [0, 100] '
                           "after normalizing")
