"""explain(), step(), another scheduler beside the default one, and the scheduler's metrics."""

import pytest

from .cluster import events_for, new_cluster, node_of, pod, run_until_bound


def test_explain_shows_filter_and_score_for_every_node():
    c = new_cluster([{"name": "small", "cpu": "1"}, {"name": "big-1", "cpu": "8"}, {"name": "big-2", "cpu": "8"}])
    c.apply(pod("web", "2"))
    assert run_until_bound(c, "web")
    e = c.scheduler.explain("web")
    assert e.node == node_of(c, "web")
    f = e.filter.set_index("node")
    assert (f.loc["small", "plugin"], f.loc["small", "code"], f.loc["small", "reason"]) == (
        "NodeResourcesFit", "Unschedulable", "Insufficient cpu")
    assert f.loc["big-1", "code"] == "Success"
    assert list(e.scores.columns) == ["node", "plugin", "raw", "normalized", "weight", "weighted"]
    totals = e.scores.groupby("node").weighted.sum().to_dict()
    assert totals == e.total.to_dict()
    assert e.node in ("big-1", "big-2") and e.total[e.node] == e.total.max()
    assert "scheduled to" in repr(e)


def test_explain_records_an_unschedulable_cycle_too():
    c = new_cluster(2)
    c.apply(pod("huge", "99"))
    c.run(2)
    e = c.scheduler.explain("huge")
    assert e.node is None and e.message.startswith("0/2 nodes are available: 2 Insufficient cpu.")
    assert set(e.filter.reason) == {"Insufficient cpu"}


def test_explain_reaches_the_trace_for_replays():
    c = new_cluster(2)
    c.apply(pod("web"))
    assert run_until_bound(c, "web")
    rows = c.trace[(c.trace.action == "explain") & (c.trace.name == "web")]
    assert len(rows) == 1 and rows.iloc[0].fields["node"] == node_of(c, "web")


def test_explain_of_an_unknown_pod_says_why_there_is_nothing():
    c = new_cluster(1)
    with pytest.raises(KeyError, match="no scheduling cycle"):
        c.scheduler.explain("nope")


def test_step_walks_the_extension_points_in_order_and_binds():
    c = new_cluster([{"name": "n1", "cpu": "1"}, {"name": "n2", "cpu": "4"}])
    c.scheduler.pause()  # keep the loop away so the pod waits for us
    c.apply(pod("web", "2"))
    c.run(1)
    s = c.scheduler.step("web")
    assert s.stage == "PreEnqueue"
    stages = [r.stage for r in s.run()]
    assert stages == ["PreEnqueue", "PreFilter", "Filter", "SelectHost", "Reserve", "Permit", "Bind"]
    filt = s.results[2]
    assert filt.table.set_index("node").loc["n1", "reason"] == "Insufficient cpu"
    assert set(filt.detail["by_plugin"].plugin) >= {"NodeResourcesFit", "TaintToleration"}
    assert s.results[3].message == "n2"
    c.run(1)
    assert node_of(c, "web") == "n2"
    assert c.scheduler.explain("web").node == "n2"


def test_step_shows_scores_when_several_nodes_fit():
    c = new_cluster(3)
    c.scheduler.pause()
    c.apply(pod("web", "100m"))
    c.run(1)
    s = c.scheduler.step("web")
    results = {r.stage: r for r in s.run()}
    assert "NodeResourcesFit" in set(results["Score"].table.plugin)
    norm = results["NormalizeScore"].table
    assert list(norm.columns) == ["node", "plugin", "raw", "normalized", "weight", "weighted"]
    assert results["SelectHost"].message in ("node-1", "node-2", "node-3")


def test_step_of_an_unschedulable_pod_ends_in_post_filter_and_requeues_it():
    c = new_cluster(1)
    c.scheduler.pause()
    c.apply(pod("huge", "99"))
    c.run(1)
    s = c.scheduler.step("huge")
    stages = [r.stage for r in s.run()]
    assert stages == ["PreEnqueue", "PreFilter", "Filter", "PostFilter"]
    assert s.results[-1].message.startswith("preemption: 0/1 nodes are available")
    c.run(1)
    assert any(r == "FailedScheduling" for r, _ in events_for(c, "huge"))
    assert c.scheduler.queue.unschedulable_pods


def test_a_learners_scheduler_runs_beside_the_default_one():
    c = new_cluster(3)
    mine = c.scheduler.beside("my-scheduler", lambda pod, nodes, pods: nodes[-1]["metadata"]["name"])
    c.apply(pod("theirs"))
    c.apply(pod("ours", schedulerName="my-scheduler"))
    assert run_until_bound(c, "theirs", "ours")
    assert node_of(c, "ours") == "node-3"
    assert ("Scheduled", "Successfully assigned default/ours to node-3") in events_for(c, "ours")
    assert [d[1:] for d in mine.decisions] == [("default/ours", "node-3")]
    src = c.events[c.events.object == "pod/ours"].source.tolist()
    assert src == ["my-scheduler"]


def test_a_second_kube_scheduler_profile_runs_as_its_own_process():
    c = new_cluster(2)
    second = c.scheduler.beside("second")
    c.apply(pod("p", schedulerName="second"))
    assert run_until_bound(c, "p")
    assert second.explain("p").node == node_of(c, "p")


def test_metrics_count_attempts_by_result_and_profile():
    c = new_cluster(1)
    c.apply(pod("ok"))
    c.apply(pod("huge", "99"))
    c.run(3)
    m = c.metrics.metrics
    assert m["scheduler_schedule_attempts_total"].get("scheduled", "default-scheduler") == 1
    assert m["scheduler_schedule_attempts_total"].get("unschedulable", "default-scheduler") >= 1
    assert m["scheduler_preemption_attempts_total"].get() >= 1
    assert m["scheduler_pending_pods"].get("unschedulable") == 1
    assert m["scheduler_scheduling_attempt_duration_seconds"].count("scheduled", "default-scheduler") == 1
    assert m["scheduler_framework_extension_point_duration_seconds"].count("Bind", "Success", "default-scheduler") == 1
    assert "scheduler_pending_pods{queue=\"unschedulable\"} 1" in c.metrics.text()


def test_invalid_scheduler_config_is_refused_with_upstreams_message():
    from kubelab.scheduler.apis.config.v1 import ConfigError

    with pytest.raises(ConfigError, match="percentageOfNodesToScore: Invalid value: 101: not in valid range"):
        new_cluster(1, config={"percentageOfNodesToScore": 101})


def test_same_seed_same_placements():
    def run(seed):
        c = new_cluster(5, seed=seed)
        for i in range(8):
            c.apply(pod(f"p{i}", "100m"))
        assert run_until_bound(c, *[f"p{i}" for i in range(8)])
        return [node_of(c, f"p{i}") for i in range(8)]

    assert run(3) == run(3)


def test_an_out_of_tree_plugin_registered_then_enabled_by_configuration():
    c = new_cluster(3)

    class NoNode1:
        name = "NoNode1"

        def filter(self, state, pod, node_info):
            from kubelab.scheduler.framework.interface import Code, Status

            return Status(Code.UNSCHEDULABLE, "node-1 is off limits") if node_info.node_name == "node-1" else None

    c.scheduler.registry.register("NoNode1", NoNode1)
    c.scheduler.reconfigure({"profiles": [{"plugins": {"filter": {"enabled": [{"name": "NoNode1"}]}}}]})
    assert "NoNode1" in c.scheduler.profiles["default-scheduler"].list_plugins()["Filter"]
    for i in range(4):
        c.apply(pod(f"p{i}"))
    assert run_until_bound(c, *[f"p{i}" for i in range(4)])
    assert "node-1" not in {node_of(c, f"p{i}") for i in range(4)}
    f = c.scheduler.explain("p0").filter.set_index("node")
    assert (f.loc["node-1", "plugin"], f.loc["node-1", "reason"]) == ("NoNode1", "node-1 is off limits")
