"""Placement through a whole Cluster: what a user sees with kubectl and events."""

from .cluster import events_for, finish_terminating_pods, new_cluster, node_of, pod, run_until_bound


def nodes(*specs):
    return [dict({"name": f"node-{i + 1}"}, **s) for i, s in enumerate(specs)]


def test_a_pod_lands_on_a_node_and_gets_a_scheduled_event():
    c = new_cluster(3)
    c.apply(pod("web", "100m"))
    assert run_until_bound(c, "web")
    host = node_of(c, "web")
    assert ("Scheduled", f"Successfully assigned default/web to {host}") in events_for(c, "web")
    cond = [x for x in c.get("pods", "web")["status"]["conditions"] if x["type"] == "PodScheduled"][0]
    assert cond["status"] == "True"


def test_a_pod_too_big_for_every_node_reports_insufficient_cpu():
    c = new_cluster(3)
    c.apply(pod("huge", "64"))
    c.run(3)
    assert node_of(c, "huge") is None
    # The double full stop is upstream's: the preemption FitError ends with one, the separator adds another.
    msg = ("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: "
           "3 No preemption victims found for incoming pod..")
    assert ("FailedScheduling", msg) in events_for(c, "huge")
    cond = [x for x in c.get("pods", "huge")["status"]["conditions"] if x["type"] == "PodScheduled"][0]
    assert (cond["status"], cond["reason"], cond["message"]) == ("False", "Unschedulable", msg)
    assert "Insufficient cpu" in c.kubectl("describe pod huge").stdout


def test_taints_keep_pods_away_unless_tolerated():
    taint = [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}]
    c = new_cluster(nodes({"taints": taint}, {"taints": taint}))
    c.apply(pod("plain"))
    c.apply(pod("tolerant", tolerations=[{"key": "dedicated", "operator": "Equal", "value": "gpu",
                                          "effect": "NoSchedule"}]))
    assert run_until_bound(c, "tolerant")
    c.run(2)
    assert node_of(c, "plain") is None
    msg = "0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are " \
          "available: 2 Preemption is not helpful for scheduling.."
    assert ("FailedScheduling", msg) in events_for(c, "plain")


def test_required_node_affinity_picks_the_labelled_node_and_preferred_breaks_ties():
    c = new_cluster(nodes({"labels": {"disk": "ssd"}}, {"labels": {"disk": "hdd"}}, {"labels": {"disk": "ssd"}}))
    required = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]}]}}}
    preferred = {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
        {"weight": 50, "preference": {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["hdd"]}]}}]}}
    c.apply(pod("fast", affinity=required))
    c.apply(pod("likes-hdd", affinity=preferred))
    assert run_until_bound(c, "fast", "likes-hdd")
    assert node_of(c, "fast") in ("node-1", "node-3")
    assert node_of(c, "likes-hdd") == "node-2"
    scores = c.scheduler.explain("likes-hdd").scores
    row = scores[(scores.node == "node-2") & (scores.plugin == "NodeAffinity")].iloc[0]
    assert (row.raw, row.normalized, row.weight) == (50, 100, 2)


def test_pod_anti_affinity_spreads_replicas_one_per_node():
    c = new_cluster(3)
    anti = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "kubernetes.io/hostname"}]}}
    for i in range(4):
        c.apply(pod(f"db-{i}", labels={"app": "db"}, affinity=anti))
    c.run(5)
    placed = [node_of(c, f"db-{i}") for i in range(4)]
    assert sorted(p for p in placed if p) == ["node-1", "node-2", "node-3"]
    stuck = [f"db-{i}" for i, p in enumerate(placed) if p is None][0]
    assert any("3 node(s) didn't match pod anti-affinity rules" in m for r, m in events_for(c, stuck))


def test_topology_spread_balances_pods_across_zones():
    c = new_cluster(nodes({"zone": "a"}, {"zone": "a"}, {"zone": "b"}, {"zone": "b"}))
    spread = [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
               "labelSelector": {"matchLabels": {"app": "web"}}}]
    for i in range(6):
        c.apply(pod(f"web-{i}", labels={"app": "web"}, topologySpreadConstraints=spread))
        c.run(0.5)
    assert run_until_bound(c, *[f"web-{i}" for i in range(6)])
    zones = {"node-1": "a", "node-2": "a", "node-3": "b", "node-4": "b"}
    counts = {"a": 0, "b": 0}
    for i in range(6):
        counts[zones[node_of(c, f"web-{i}")]] += 1
    assert counts == {"a": 3, "b": 3}


def test_an_unschedulable_pod_is_scheduled_once_a_big_enough_node_joins():
    c = new_cluster(nodes({"cpu": "2"}))
    c.apply(pod("big", "3"))
    c.run(5)
    assert node_of(c, "big") is None
    assert c.scheduler.queue.unschedulable_pods, "waiting in the unschedulable pool"
    c.add_node("node-big", cpu="8")
    assert run_until_bound(c, "big", timeout=15)
    assert node_of(c, "big") == "node-big"


def test_a_higher_priority_pod_preempts_a_lower_priority_one():
    c = new_cluster(nodes({"cpu": "2"}))
    c.apply("""
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10
""")
    c.apply(pod("victim", "1500m", priorityClassName="low"))
    assert run_until_bound(c, "victim")
    c.apply(pod("vip", "1500m", priorityClassName="high"))
    assert c.run_until(lambda cl: cl.get("pods", "victim")["metadata"].get("deletionTimestamp"), timeout=10)
    vip = c.get("pods", "vip")
    assert vip["status"].get("nominatedNodeName") == "node-1"
    victim = c.get("pods", "victim")
    target = [x for x in victim["status"]["conditions"] if x["type"] == "DisruptionTarget"][0]
    assert (target["reason"], target["message"]) == (
        "PreemptionByScheduler", "default-scheduler: preempting to accommodate a higher priority pod")
    assert ("Preempted", f"Preempted by pod {vip['metadata']['uid']} on node node-1") in events_for(c, "victim")
    assert c.scheduler.explain("vip").victims == ["default/victim"]
    finish_terminating_pods(c)
    assert run_until_bound(c, "vip", timeout=30)
    assert node_of(c, "vip") == "node-1"


def test_a_custom_score_plugin_changes_the_choice():
    c = new_cluster(3)

    class PreferNode3:
        name = "PreferNode3"

        def score(self, state, pod, node_info):
            return (100 if node_info.node_name == "node-3" else 0), None

        def score_extensions(self):
            return None

    c.scheduler.add_plugin(PreferNode3, weight=10)
    for i in range(3):
        c.apply(pod(f"p{i}", "100m"))
    assert run_until_bound(c, "p0", "p1", "p2")
    assert {node_of(c, f"p{i}") for i in range(3)} == {"node-3"}
    rows = c.scheduler.explain("p0").scores
    assert set(rows[rows.plugin == "PreferNode3"].weighted) == {0, 1000}


def test_two_profiles_schedule_the_pods_that_name_them():
    config = """
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
- schedulerName: bin-packer
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
"""
    c = new_cluster(nodes({"cpu": "4"}, {"cpu": "4"}), config=config)
    c.apply(pod("first", "1", schedulerName="bin-packer"))
    assert run_until_bound(c, "first")
    c.apply(pod("second", "1", schedulerName="bin-packer"))
    c.apply(pod("spread", "1"))
    assert run_until_bound(c, "second", "spread")
    assert node_of(c, "second") == node_of(c, "first"), "MostAllocated packs"
    assert node_of(c, "spread") != node_of(c, "first"), "LeastAllocated spreads"
    sources = set(c.events[c.events.reason == "Scheduled"].source)
    assert sources == {"default-scheduler", "bin-packer"}


def test_pods_for_an_unknown_scheduler_are_left_alone():
    c = new_cluster(2)
    c.apply(pod("mine", schedulerName="someone-else"))
    c.run(3)
    assert node_of(c, "mine") is None and events_for(c, "mine") == []


def test_scheduling_gates_hold_a_pod_until_removed():
    c = new_cluster(2)
    c.apply(pod("gated", schedulingGates=[{"name": "example.com/approval"}]))
    c.run(3)
    assert node_of(c, "gated") is None
    assert c.metrics.metrics["scheduler_pending_pods"].get("gated") == 1
    c.client.patch("pods", "gated", {"spec": {"schedulingGates": None}}, "default", patch_type="merge")
    assert run_until_bound(c, "gated")
