"""A learner's own scheduler, running beside kube-scheduler and chosen by ``schedulerName``.

kubelab-only: the shape of the "write your own scheduler" exercise and of upstream's
"Configure Multiple Schedulers" task: a shared informer for pods and nodes, a rate-limited
work queue, a ``choose`` function, and a Binding posted to pods/binding, exactly as any
controller talks to the API.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import simpy

from kubelab.api import errors
from kubelab.client.cache import DeletedFinalStateUnknown, SharedInformerFactory
from kubelab.client.record import EventSource, new_broadcaster
from kubelab.client.workqueue import default_controller_rate_limiter, new_rate_limiting_queue

Obj = dict[str, Any]
# choose(pod, nodes, pods_by_node) -> the node's name, or None to try again later.
Chooser = Callable[[Obj, list[Obj], dict[str, list[Obj]]], "str | None"]


def first_fit(pod: Obj, nodes: list[Obj], pods_by_node: dict[str, list[Obj]]) -> str | None:
    """A tiny default: the node with the fewest pods (ties: the first by name)."""
    if not nodes:
        return None
    return min(nodes, key=lambda n: (len(pods_by_node.get(n["metadata"]["name"], [])), n["metadata"]["name"])
               )["metadata"]["name"]


class SimpleScheduler:
    """Schedules the pods whose ``spec.schedulerName`` is ``scheduler_name`` with ``choose``.

    ``start()`` runs it; ``decisions`` lists ``(time, namespace/name, node)`` for each bind.
    """

    def __init__(self, client: Any, scheduler_name: str, choose: Chooser | None = None) -> None:
        self.client = client
        self.env = client.env
        self.scheduler_name = scheduler_name
        self.choose = choose or first_fit
        self.factory = SharedInformerFactory(client, component=scheduler_name)
        self.pods = self.factory.informer_for("pods")
        self.nodes = self.factory.informer_for("nodes")
        self.queue = new_rate_limiting_queue(self.env, default_controller_rate_limiter(self.env))
        self.pods.add_event_handler(on_add=self._enqueue, on_update=lambda _o, n: self._enqueue(n))
        broadcaster = new_broadcaster(self.env)
        broadcaster.start_recording_to_sink(client)
        self.recorder = broadcaster.new_recorder(EventSource(component=scheduler_name))
        self.decisions: list[tuple[float, str, str]] = []
        self.stop = simpy.Event(self.env)

    def _enqueue(self, obj: Any) -> None:
        pod = obj.obj if isinstance(obj, DeletedFinalStateUnknown) else obj
        spec = pod.get("spec") or {}
        if spec.get("schedulerName") == self.scheduler_name and not spec.get("nodeName"):
            m = pod["metadata"]
            self.queue.add(f"{m.get('namespace', '')}/{m['name']}")

    def start(self) -> SimpleScheduler:
        self.factory.start(self.stop)
        self.env.process(self.run())
        return self

    def run(self) -> Generator[Any, Any, None]:
        """The worker loop: get a key, try to place it, retry with back-off if no node."""
        yield from self.factory.wait_for_cache_sync(self.stop)
        while not self.stop.triggered:
            key, shutdown = yield self.queue.get()
            if shutdown:
                return
            try:
                placed = yield from self.schedule(key)
            finally:
                self.queue.done(key)
            if placed:
                self.queue.forget(key)
            else:
                self.queue.add_rate_limited(key)

    def schedule(self, key: str) -> Generator[Any, Any, bool]:
        """Choose a node for one pod and bind it; True when nothing is left to do."""
        ns, name = key.split("/", 1)
        try:
            pod = self.pods.lister.get(ns, name)
        except errors.NotFound:
            return True
        if (pod.get("spec") or {}).get("nodeName") or pod["metadata"].get("deletionTimestamp"):
            return True
        nodes = sorted(self.nodes.list(), key=lambda n: n["metadata"]["name"])
        by_node: dict[str, list[Obj]] = {}
        for p in self.pods.list():
            n = (p.get("spec") or {}).get("nodeName")
            if n:
                by_node.setdefault(n, []).append(p)
        node = self.choose(pod, nodes, by_node)
        if node is None:
            self.recorder.event(pod, "Warning", "FailedScheduling", f"{self.scheduler_name} chose no node")
            return False
        binding = {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": name, "namespace": ns},
                   "target": {"kind": "Node", "name": node}}
        try:
            yield from self.client.create("pods", binding, ns, subresource="binding", name=name)
        except errors.ApiError as e:
            self.recorder.event(pod, "Warning", "FailedScheduling", f"binding rejected: {e.message}")
            return False
        self.decisions.append((self.env.now, key, node))
        self.recorder.event(pod, "Normal", "Scheduled", f"Successfully assigned {key} to {node}")
        return True

    def shutdown(self) -> None:
        if not self.stop.triggered:
            self.stop.succeed()
        self.queue.shut_down()

    def __repr__(self) -> str:
        return f"SimpleScheduler({self.scheduler_name!r}, {len(self.decisions)} pods bound)"
