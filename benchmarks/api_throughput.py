"""API write throughput through the whole handler chain, with informers watching.

Creates, updates and deletes pods through kube-apiserver (authentication, RBAC,
admission, validation, managedFields, etcd, watch cache) as a SimPy client, while 10
shared informers (one per simulated component) watch every pod. The latency model is
zero, so the figures measure kubelab's own cost per request.

Run: python benchmarks/api_throughput.py [--pods N] [--informers K] [--profile]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc

from kubelab.client.cache.factory import SharedInformerFactory
from kubelab.cluster import Cluster
from kubelab.engine import LatencyModel


def pod(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": f"bench-{i}", "labels": {"app": "bench"}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27",
                                     "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}]}}


def run(n: int, informers: int, trace_memory: bool) -> dict[str, float]:
    c = Cluster(nodes=1, seed=0, latency=LatencyModel.zero(), trace_level=0, scheduler=False)
    env = c.env
    seen = [0]

    def count(*_a: object) -> None:
        seen[0] += 1

    for i in range(informers):
        f = SharedInformerFactory(c.component_client(f"system:informer-{i}", ("system:masters",)))
        f.informer_for("pods").add_event_handler(on_add=count, on_update=count, on_delete=count)
        f.start()
    env.run(until=env.now + 1)
    writer = c.component_client("system:bench", ("system:masters",))

    def write() -> object:
        for i in range(n):
            p = yield from writer.create("pods", pod(i), "default")
            p["metadata"]["labels"]["rev"] = "2"
            yield from writer.update("pods", p, "default")
            yield from writer.delete("pods", f"bench-{i}", "default", grace_period_seconds=0)

    if trace_memory:
        tracemalloc.start()
    t0 = time.perf_counter()
    env.process(write())
    env.run(until=env.now + 1)
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if trace_memory else 0
    return {"writes": 3 * n, "seconds": dt, "writes_per_s": 3 * n / dt, "events": seen[0],
            "events_per_s": seen[0] / dt, "peak_traced_mb": peak / 2**20,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pods", type=int, default=2000)
    ap.add_argument("--informers", type=int, default=10)
    ap.add_argument("--memory", action="store_true", help="trace Python allocations (slower)")
    ap.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    args = ap.parse_args(argv)
    if args.profile:
        from pyinstrument import Profiler

        prof = Profiler()
        prof.start()
    r = run(args.pods, args.informers, args.memory)
    if args.profile:
        prof.stop()
        print(prof.output_text(unicode=False, color=False, show_all=False))
    print(f"pods: {args.pods}, writes: {r['writes']} (create, update, delete each), informers: {args.informers}")
    print(f"writes/s (wall clock):            {r['writes_per_s']:,.0f}")
    print(f"watch events delivered/s:         {r['events_per_s']:,.0f} ({r['events']:,} handler calls)")
    if args.memory:
        print(f"peak traced Python memory:        {r['peak_traced_mb']:.1f} MiB")
    print(f"max RSS:                          {r['max_rss_mb']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
