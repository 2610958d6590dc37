"""The vectorised Filter/Score path gives the reference path's exact results (hypothesis)."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubelab.engine import Env
from kubelab.engine.metrics import Registry
from kubelab.scheduler import schedule_one as so
from kubelab.scheduler.backend.cache.cache import Cache
from kubelab.scheduler.backend.cache.snapshot import Snapshot
from kubelab.scheduler.backend.queue.nominator import Nominator
from kubelab.scheduler.explain import CycleRecord
from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import FitError, NominatingInfo, NominatingMode
from kubelab.scheduler.framework.types import PodInfo
from kubelab.scheduler.metrics.metrics import SchedulerMetrics

from ...wrappers import container, default_framework, make_node, make_pod

TAINTS = [{"key": "gpu", "value": "true", "effect": "NoSchedule"},
          {"key": "spot", "value": "yes", "effect": "PreferNoSchedule"},
          {"key": "old", "value": "1", "effect": "NoExecute"},
          {"key": "slow", "value": "", "effect": "PreferNoSchedule"}]
TOLERATIONS = [{"key": "gpu", "operator": "Exists"}, {"key": "spot", "value": "yes"},
               {"operator": "Exists", "effect": "NoExecute"}]
IMAGES = [{"names": ["nginx:1.27"], "sizeBytes": 150 * 2**20}, {"names": ["redis:7"], "sizeBytes": 900 * 2**20}]


class FakeScheduler:
    def __init__(self, cache, fast, seed, start, percentage):
        self.env = Env(0)
        self.cache = cache
        self.snapshot = Snapshot()
        self.fast_path = fast
        self.rng = random.Random(seed)
        self.next_start_node_index = start
        self.percentage_of_nodes_to_score = percentage
        self.metrics = SchedulerMetrics(Registry())


def build(data):
    rnd = random.Random(data["seed"])
    n = data["nodes"]
    nodes = []
    for i in range(n):
        taints = [t for t in TAINTS if rnd.random() < 0.15]
        nodes.append(make_node(f"n{i:03d}", cpu=str(rnd.choice([1, 2, 4, 8])), memory=rnd.choice(["2Gi", "8Gi"]),
                               pods=rnd.choice([2, 5, 110]), taints=taints, unschedulable=rnd.random() < 0.1,
                               zone=rnd.choice(["a", "b", "c", None]), images=[im for im in IMAGES if rnd.random() < 0.2],
                               labels_={"disk": rnd.choice(["ssd", "hdd"])}, ephemeral="10Gi"))
    pods = []
    for j in range(data["existing"]):
        node = nodes[rnd.randrange(n)]["metadata"]["name"]
        ports = [rnd.choice([80, 443])] if rnd.random() < 0.1 else None
        pods.append(make_pod(f"e{j}", node=node, cpu=rnd.choice([None, "100m", "500m", "1"]),
                             memory=rnd.choice([None, "100Mi", "1Gi"]), labels_={"app": rnd.choice(["web", "db"])},
                             host_ports=ports))
    return nodes, pods, rnd


def incoming(rnd, kind):
    kw = {"cpu": rnd.choice([None, "100m", "900m", "2"]), "memory": rnd.choice([None, "128Mi", "3Gi"]),
          "tolerations": [t for t in TOLERATIONS if rnd.random() < 0.4], "labels_": {"app": "web"}}
    if kind == "selector":
        kw["node_selector"] = {"disk": "ssd"}
    elif kind == "ports":
        kw["host_ports"] = [80]
    elif kind == "spread":
        kw["spread"] = [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": w,
                         "labelSelector": {"matchLabels": {"app": "web"}}} for w in ("DoNotSchedule", "ScheduleAnyway")]
    elif kind == "anti":
        kw["affinity"] = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "kubernetes.io/hostname"}]}}
    elif kind == "images":
        kw = dict(kw, cpu=None, memory=None)
        return make_pod("in", containers=[container("200m", image="nginx:1.27"), container(image="redis:7", name="r")],
                        tolerations=kw["tolerations"])
    elif kind == "extended":
        return make_pod("in", containers=[container("100m", extra={"example.com/gpu": "1"})])
    return make_pod("in", **kw)


def run(nodes, pods, pod, fast, data, nominated):
    cache = Cache(Env(0))
    for nd in nodes:
        cache.add_node(nd)
    for p in pods:
        cache.add_pod(p)
    sched = FakeScheduler(cache, fast, data["seed"], data["start"] % len(nodes), data["percentage"])
    fwk = default_framework(snap=sched.snapshot)
    nom = Nominator()
    for node_name, prio in nominated:
        nom.add_nominated_pod(PodInfo(make_pod(f"nom-{node_name}", cpu="1", priority=prio)),
                              NominatingInfo(node_name, NominatingMode.MODE_OVERRIDE))
    fwk.pod_nominator = nom
    state = CycleState()
    record = CycleRecord("default", "in", 0.0, "default-scheduler", 1)
    try:
        result = so.schedule_pod(sched, fwk, state, pod, record)
        outcome = ("ok", result.suggested_host, result.evaluated_nodes, result.feasible_nodes)
    except FitError as e:
        statuses = {k: (v.plugin, v.code(), tuple(v.reasons)) for k, v in e.diagnosis.node_to_status.items()}
        outcome = ("fit", str(e), tuple(sorted(statuses.items())), tuple(e.diagnosis.unschedulable_plugins))
    return outcome, record.filter_rows, record.score_rows, record.totals, sched.next_start_node_index


SCENARIO = st.fixed_dictionaries({
    "seed": st.integers(0, 10**6), "nodes": st.integers(1, 160), "existing": st.integers(0, 300),
    "start": st.integers(0, 1000), "percentage": st.sampled_from([0, 0, 10, 50, 100]),
    "kind": st.sampled_from(["plain", "plain", "selector", "ports", "spread", "anti", "images", "extended"]),
    "nominated": st.integers(0, 3),
})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCENARIO)
def test_fast_path_matches_the_reference_cycle(data):
    nodes, pods, rnd = build(data)
    pod = incoming(rnd, data["kind"])
    nominated = [(nodes[rnd.randrange(len(nodes))]["metadata"]["name"], rnd.choice([0, 100]))
                 for _ in range(data["nominated"])]
    assert run(nodes, pods, pod, True, data, nominated) == run(nodes, pods, pod, False, data, nominated)
