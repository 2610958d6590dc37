"""Informer event handlers that keep the scheduler's cache and queue current.

Upstream: pkg/scheduler/eventhandlers.go
"""

from __future__ import annotations

from typing import Any

from kubelab.client.cache import (
    DeletedFinalStateUnknown,
    FilteringResourceEventHandler,
    ResourceEventHandlerFuncs,
)
from kubelab.scheduler.framework import events as ev

Obj = dict[str, Any]
COMPONENT = "kube-scheduler"


def _obj(o: Any) -> Obj:
    return o.obj if isinstance(o, DeletedFinalStateUnknown) else o


def assigned_pod(pod: Obj) -> bool:
    """Mirrors: eventhandlers.go :: assignedPod"""
    return bool((pod.get("spec") or {}).get("nodeName"))


def responsible_for_pod(pod: Obj, profiles: dict[str, Any]) -> bool:
    """Mirrors: eventhandlers.go :: responsibleForPod"""
    return (pod.get("spec") or {}).get("schedulerName", "") in profiles


class EventHandlers:
    """The handler functions, bound to one scheduler. Mirrors: eventhandlers.go (the methods)."""

    def __init__(self, sched: Any) -> None:
        self.sched = sched

    def _log(self, action: str, obj: Obj, message: str, level: int = 3) -> None:
        trace = self.sched.env.trace
        if trace.v(level):
            m = obj.get("metadata") or {}
            trace.record(COMPONENT, action, level=level, kind=obj.get("kind", ""), namespace=m.get("namespace", ""),
                         name=m.get("name", ""), message=message)

    # -- nodes ----------------------------------------------------------------------------

    def add_node_to_cache(self, obj: Any) -> None:
        """Mirrors: (*Scheduler).addNodeToCache"""
        node = _obj(obj)
        self.sched.cache.add_node(node)
        self._log("addNodeToCache", node, "Add event for node")
        self.sched.queue.move_all_to_active_or_backoff_queue(ev.EVENT_NODE_ADD, None, node, None)

    def update_node_in_cache(self, old: Any, new: Any) -> None:
        """Mirrors: (*Scheduler).updateNodeInCache"""
        old, new = _obj(old), _obj(new)
        self.sched.cache.update_node(old, new)
        for e in ev.node_scheduling_properties_change(new, old):
            self.sched.queue.move_all_to_active_or_backoff_queue(e, old, new, None)

    def delete_node_from_cache(self, obj: Any) -> None:
        """Mirrors: (*Scheduler).deleteNodeFromCache"""
        node = _obj(obj)
        self._log("deleteNodeFromCache", node, "Delete event for node")
        try:
            self.sched.cache.remove_node(node)
        except Exception as e:  # the cache never saw it
            self._log("deleteNodeFromCache", node, f"Scheduler cache RemoveNode failed: {e}", 2)

    # -- unscheduled pods: the queue ------------------------------------------------------

    def add_pod_to_scheduling_queue(self, obj: Any) -> None:
        """Mirrors: (*Scheduler).addPodToSchedulingQueue"""
        pod = _obj(obj)
        self._log("addPodToSchedulingQueue", pod, "Add event for unscheduled pod", 4)
        self.sched.queue.add(pod)

    def update_pod_in_scheduling_queue(self, old: Any, new: Any) -> None:
        """Mirrors: (*Scheduler).updatePodInSchedulingQueue"""
        old, new = _obj(old), _obj(new)
        if old["metadata"].get("resourceVersion") == new["metadata"].get("resourceVersion"):
            return
        if self.sched.cache.is_assumed_pod(new):
            return
        self.sched.queue.update(old, new)

    def delete_pod_from_scheduling_queue(self, obj: Any) -> None:
        """Mirrors: (*Scheduler).deletePodFromSchedulingQueue"""
        pod = _obj(obj)
        self._log("deletePodFromSchedulingQueue", pod, "Delete event for unscheduled pod")
        self.sched.queue.delete(pod)
        fwk = self.sched.profiles.get((pod.get("spec") or {}).get("schedulerName", ""))
        if fwk is not None and fwk.reject_waiting_pod(pod["metadata"].get("uid", "")):
            self.sched.queue.move_all_to_active_or_backoff_queue(ev.EVENT_ASSIGNED_POD_DELETE, pod, None, None)

    # -- assigned pods: the cache ---------------------------------------------------------

    def add_pod_to_cache(self, obj: Any) -> None:
        """Mirrors: (*Scheduler).addPodToCache"""
        pod = _obj(obj)
        self._log("addPodToCache", pod, "Add event for scheduled pod", 4)
        try:
            self.sched.cache.add_pod(pod)
        except Exception as e:
            self._log("addPodToCache", pod, f"Scheduler cache AddPod failed: {e}", 2)
        self.sched.queue.move_all_to_active_or_backoff_queue(ev.EVENT_ASSIGNED_POD_ADD, None, pod, None)

    def update_pod_in_cache(self, old: Any, new: Any) -> None:
        """Mirrors: (*Scheduler).updatePodInCache"""
        old, new = _obj(old), _obj(new)
        if old["metadata"].get("uid") != new["metadata"].get("uid"):
            self.delete_pod_from_cache(old)
            self.add_pod_to_cache(new)
            return
        try:
            self.sched.cache.update_pod(old, new)
        except Exception as e:
            self._log("updatePodInCache", new, f"Scheduler cache UpdatePod failed: {e}", 2)
        for event in ev.pod_scheduling_properties_change(new, old):
            self.sched.queue.move_all_to_active_or_backoff_queue(event, old, new, None)

    def delete_pod_from_cache(self, obj: Any) -> None:
        """Mirrors: (*Scheduler).deletePodFromCache"""
        pod = _obj(obj)
        self._log("deletePodFromCache", pod, "Delete event for scheduled pod")
        try:
            self.sched.cache.remove_pod(pod)
        except Exception as e:
            self._log("deletePodFromCache", pod, f"Scheduler cache RemovePod failed: {e}", 2)
        self.sched.queue.move_all_to_active_or_backoff_queue(ev.EVENT_ASSIGNED_POD_DELETE, pod, None, None)

    # -- everything else plugins care about -----------------------------------------------

    def event_handler(self, resource: str) -> ResourceEventHandlerFuncs:
        """Add/Update/Delete of ``resource`` become cluster events for the queue."""
        q = self.sched.queue

        def on_add(obj: Any) -> None:
            q.move_all_to_active_or_backoff_queue(ev.ClusterEvent(resource, ev.ActionType.ADD), None, _obj(obj), None)

        def on_update(old: Any, new: Any) -> None:
            q.move_all_to_active_or_backoff_queue(ev.ClusterEvent(resource, ev.ActionType.UPDATE), _obj(old),
                                                  _obj(new), None)

        def on_delete(obj: Any) -> None:
            q.move_all_to_active_or_backoff_queue(ev.ClusterEvent(resource, ev.ActionType.DELETE), _obj(obj), None,
                                                  None)

        return ResourceEventHandlerFuncs(on_add, on_update, on_delete)


def add_all_event_handlers(sched: Any, factory: Any) -> None:
    """Register every handler on the shared informers.

    Mirrors: pkg/scheduler/eventhandlers.go :: addAllEventHandlers
    """
    h = EventHandlers(sched)
    pods = factory.informer_for("pods")

    def assigned(o: Any) -> bool:
        return assigned_pod(_obj(o))

    def unassigned_ours(o: Any) -> bool:
        p = _obj(o)
        return not assigned_pod(p) and responsible_for_pod(p, sched.profiles)

    pods.add_event_handler(FilteringResourceEventHandler(assigned, ResourceEventHandlerFuncs(
        h.add_pod_to_cache, h.update_pod_in_cache, h.delete_pod_from_cache)))
    pods.add_event_handler(FilteringResourceEventHandler(unassigned_ours, ResourceEventHandlerFuncs(
        h.add_pod_to_scheduling_queue, h.update_pod_in_scheduling_queue, h.delete_pod_from_scheduling_queue)))
    factory.informer_for("nodes").add_event_handler(
        on_add=h.add_node_to_cache, on_update=h.update_node_in_cache, on_delete=h.delete_node_from_cache)
    for resource, event_resource in (("persistentvolumes", ev.PERSISTENT_VOLUME),
                                     ("persistentvolumeclaims", ev.PERSISTENT_VOLUME_CLAIM),
                                     ("storageclasses", ev.STORAGE_CLASS)):
        factory.informer_for(resource).add_event_handler(h.event_handler(event_resource))
    # Listers the plugins read (default spreading, namespace selectors, PDBs).
    for resource in ("services", "replicasets", "statefulsets", "replicationcontrollers", "namespaces",
                     "poddisruptionbudgets"):
        factory.informer_for(resource)
