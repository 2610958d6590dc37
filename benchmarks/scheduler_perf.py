"""kube-scheduler throughput, after upstream's scheduler_perf SchedulingBasic.

Upstream: test/integration/scheduler_perf (config/performance-config.yaml :: SchedulingBasic,
templates node-default.yaml and pod-default.yaml). Nodes have 4 CPU, 32Gi and 110 pods;
pods request 100m CPU and 500Mi. Nodes and the initial pods are created through the API
(DirectClient), the initial pods scheduled, then the measured pods are created and the
simulation runs until every one is bound. The latency model is zero and tracing is off,
so the figures measure kubelab's own cost: informers, queue, cycle, binding through the
API server. Upstream's CI floor for 5,000 nodes / 10,000 pods is 680 pods/s.

Run: python benchmarks/scheduler_perf.py [--case 500Nodes|5000Nodes_10000Pods|all]
     [--nodes N --init-pods I --pods P] [--profile] [--memory] [--reference]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc

from kubelab.cluster import Cluster
from kubelab.engine import LatencyModel
from kubelab.scheduler import Scheduler

CASES = {"500Nodes": (500, 500, 1000), "5000Nodes_10000Pods": (5000, 1000, 10000)}


def node(i: int) -> dict:
    alloc = {"pods": "110", "cpu": "4", "memory": "32Gi"}
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": f"scheduler-perf-{i:05d}"},
            "status": {"capacity": alloc, "allocatable": dict(alloc),
                       "conditions": [{"type": "Ready", "status": "True"}]}}


def pod(name: str) -> dict:
    r = {"cpu": "100m", "memory": "500Mi"}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"containers": [{"name": "pause", "image": "registry.k8s.io/pause:3.10",
                                     "ports": [{"containerPort": 80}],
                                     "resources": {"limits": dict(r), "requests": dict(r)}}]}}


def bound(sched: Scheduler) -> int:
    return sum(1 for p in sched.factory.informer_for("pods").list() if p["spec"].get("nodeName"))


def run_until_all_bound(c: Cluster, sched: Scheduler, total: int, step: float = 0.5) -> None:
    env = c.env
    while bound(sched) < total:
        before = env.now
        env.run(until=env.now + step)
        if env.now - before > 3600:
            raise RuntimeError("pods are not getting scheduled")


def run_case(n_nodes: int, n_init: int, n_pods: int, *, profile: bool, memory: bool,
             fast_path: bool) -> dict[str, float]:
    t0 = time.perf_counter()
    c = Cluster(nodes=0, seed=0, latency=LatencyModel.zero(), trace_level=0)
    for i in range(n_nodes):
        c.client.create("nodes", node(i))
    sched = getattr(c, "scheduler", None) or Scheduler.from_cluster(c, fast_path=fast_path)
    sched.fast_path = fast_path
    for i in range(n_init):
        c.client.create("pods", pod(f"init-{i}"), "default")
    run_until_all_bound(c, sched, n_init)
    setup = time.perf_counter() - t0
    if memory:
        tracemalloc.start()
    t1 = time.perf_counter()
    for i in range(n_pods):
        c.client.create("pods", pod(f"pod-{i}"), "default")
    create = time.perf_counter() - t1
    prof = None
    if profile:
        from pyinstrument import Profiler

        prof = Profiler()
        prof.start()
    sim0 = c.env.now
    t2 = time.perf_counter()
    run_until_all_bound(c, sched, n_init + n_pods)
    sched_time = time.perf_counter() - t2
    if prof is not None:
        prof.stop()
        print(prof.output_text(unicode=False, color=False, show_all=False))
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    return {"setup_s": setup, "create_s": create, "create_per_s": n_pods / create, "schedule_s": sched_time,
            "pods_per_s": n_pods / sched_time, "sim_s": c.env.now - sim0, "peak_traced_mb": peak / 2**20,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", choices=[*CASES, "all"], default="all")
    ap.add_argument("--nodes", type=int)
    ap.add_argument("--init-pods", type=int, default=0)
    ap.add_argument("--pods", type=int)
    ap.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the measured phase")
    ap.add_argument("--memory", action="store_true", help="trace Python allocations (slower)")
    ap.add_argument("--reference", action="store_true", help="per-node plugin methods only (no fast path)")
    args = ap.parse_args(argv)
    if args.nodes:
        cases = {f"{args.nodes}Nodes_{args.pods or args.nodes}Pods": (args.nodes, args.init_pods,
                                                                      args.pods or args.nodes)}
    else:
        cases = CASES if args.case == "all" else {args.case: CASES[args.case]}
    for name, (n, init, pods) in cases.items():
        r = run_case(n, init, pods, profile=args.profile, memory=args.memory, fast_path=not args.reference)
        print(f"SchedulingBasic/{name}: {n} nodes, {init} initial pods, {pods} measured pods"
              f"{' (reference path)' if args.reference else ''}")
        print(f"  setup (nodes, initial pods scheduled): {r['setup_s']:.1f} s wall")
        print(f"  pod creation through the API:          {r['create_per_s']:,.0f} pods/s wall")
        print(f"  scheduling throughput:                 {r['pods_per_s']:,.0f} pods/s wall "
              f"({r['schedule_s']:.1f} s for {pods} pods; {r['sim_s']:.2f} s simulated)")
        if args.memory:
            print(f"  peak traced Python memory:             {r['peak_traced_mb']:.0f} MiB")
        print(f"  max RSS:                               {r['max_rss_mb']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
