"""The shared index informer: one list/watch and one cache, many event handlers.

Upstream: staging/src/k8s.io/client-go/tools/cache/shared_informer.go (with the parts of
delta_fifo.go and controller.go :: processDeltas it relies on)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

import simpy

from kubelab.api.scheme import ResourceInfo
from kubelab.client.cache.controller import ResourceEventHandlerFuncs
from kubelab.client.cache.index import NAMESPACE_INDEX, Indexers, meta_namespace_index_func
from kubelab.client.cache.listers import Lister
from kubelab.client.cache.listwatch import ListerWatcher
from kubelab.client.cache.mutation_detector import CacheMutationDetector, mutation_detection_enabled
from kubelab.client.cache.reflector import Reflector
from kubelab.client.cache.store import (
    Cache,
    DeletedFinalStateUnknown,
    deletion_handling_meta_namespace_key_func,
    meta_namespace_key_func,
)

# Handlers cannot ask for a resync more often than this (minimumResyncPeriod).
MINIMUM_RESYNC_PERIOD = 1.0


class InformerStoppedError(RuntimeError):
    pass


def determine_resync_period(desired: float, check: float) -> float:
    """Mirrors: client-go/tools/cache/shared_informer.go :: determineResyncPeriod"""
    if desired == 0:
        return desired
    if check == 0:
        return 0.0
    return max(desired, check)


class ProcessorListener:
    """One registered handler and its resync schedule; also its registration handle.

    Mirrors: client-go/tools/cache/shared_informer.go :: processorListener

    Differences: notifications are delivered inline, in order, by the informer rather
    than through a per-listener goroutine with an unbounded ring buffer; a handler must
    not block (it may only enqueue work), as upstream's handlers should not either.
    """

    __slots__ = ("handler", "informer", "on_add", "on_update", "on_delete",
                 "requested_resync_period", "resync_period", "next_resync", "syncing")

    def __init__(self, informer: SharedIndexInformer, handler: Any, requested: float,
                 resync_period: float, now: float) -> None:
        self.informer = informer
        self.handler = handler
        if isinstance(handler, ResourceEventHandlerFuncs):
            # Call the user's functions directly: one Python call per event, not two.
            self.on_add = handler.add_func
            self.on_update = handler.update_func
            self.on_delete = handler.delete_func
        else:
            self.on_add = getattr(handler, "on_add", None)
            self.on_update = getattr(handler, "on_update", None)
            self.on_delete = getattr(handler, "on_delete", None)
        self.requested_resync_period = requested
        self.resync_period = resync_period
        self.next_resync = now + resync_period
        self.syncing = False

    def should_resync(self, now: float) -> bool:
        return self.resync_period != 0 and now >= self.next_resync

    def determine_next_resync(self, now: float) -> None:
        self.next_resync = now + self.resync_period

    def has_synced(self) -> bool:
        """Mirrors: ResourceEventHandlerRegistration.HasSynced (inline delivery: the informer's)."""
        return self.informer.has_synced()

    def __repr__(self) -> str:
        return f"ProcessorListener({self.handler!r}, resync={self.resync_period:g}s)"


class SharedIndexInformer:
    """List/watch one resource into an indexed cache and tell every handler about changes.

    * handlers added after start first receive every cached object as an add;
    * a watch event for an object already cached is an update (old, new);
    * a relist calls on_update for changed objects, on_add for new ones, and on_delete
      with a :class:`DeletedFinalStateUnknown` tombstone for objects that vanished;
    * every ``resync_period`` a handler that asked for resyncs gets on_update(obj, obj)
      for every cached object.

    Objects handed to handlers and kept in the cache are the watch's shared objects:
    READ-ONLY. Set ``KUBELAB_CACHE_MUTATION_DETECTOR=1`` (or ``mutation_detector=True``)
    to have mutations caught.

    Mirrors: client-go/tools/cache/shared_informer.go :: sharedIndexInformer

    Differences: no DeltaFIFO: the reflector's store is the informer itself, which applies
    each change to the indexer and notifies handlers inline (upstream's HandleDeltas /
    processDeltas run once per delta, so the observable order per handler is the same).
    No transform functions and no watch-list mode.
    """

    def __init__(self, env: Any, lw: ListerWatcher, *, resource: ResourceInfo | None = None,
                 default_event_handler_resync_period: float = 0.0,
                 indexers: Indexers | None = None, name: str = "", component: str = "",
                 type_description: str = "", mutation_detector: bool | None = None) -> None:
        self.env = env
        self.listerwatcher = lw
        self.resource = resource
        if not type_description and resource is not None:
            type_description = f"*{resource.version}.{resource.kind}"
        self.type_description = type_description or "<unspecified>"
        self.name = name
        self.component = component
        self.indexer = Cache(deletion_handling_meta_namespace_key_func, indexers)
        self._storage = self.indexer.cache_storage
        self.resync_check_period = default_event_handler_resync_period
        self.default_event_handler_resync_period = default_event_handler_resync_period
        self.listeners: list[ProcessorListener] = []
        self._adds: tuple[Callable[[Any], None], ...] = ()
        self._updates: tuple[Callable[[Any, Any], None], ...] = ()
        self._deletes: tuple[Callable[[Any], None], ...] = ()
        self.started = False
        self.stopped = False
        self._synced = False
        self.reflector: Reflector | None = None
        if mutation_detector is None:
            mutation_detector = mutation_detection_enabled()
        self.cache_mutation_detector: CacheMutationDetector | None = (
            CacheMutationDetector(env, self.type_description) if mutation_detector else None)

    # -- public API ------------------------------------------------------------------------

    def add_event_handler(self, handler: Any = None, *, on_add: Callable[[Any], None] | None = None,
                          on_update: Callable[[Any, Any], None] | None = None,
                          on_delete: Callable[[Any], None] | None = None) -> ProcessorListener:
        """Register a handler object, or the three callbacks; returns its registration.

        Mirrors: client-go/tools/cache/shared_informer.go :: (*sharedIndexInformer).AddEventHandler
        """
        return self.add_event_handler_with_resync_period(
            handler, self.default_event_handler_resync_period,
            on_add=on_add, on_update=on_update, on_delete=on_delete)

    def add_event_handler_with_resync_period(
            self, handler: Any, resync_period: float, *,
            on_add: Callable[[Any], None] | None = None,
            on_update: Callable[[Any, Any], None] | None = None,
            on_delete: Callable[[Any], None] | None = None) -> ProcessorListener:
        """Mirrors: client-go/tools/cache/shared_informer.go :: (*sharedIndexInformer).AddEventHandlerWithOptions"""
        if handler is None:
            handler = ResourceEventHandlerFuncs(on_add, on_update, on_delete)
        if self.stopped:
            raise InformerStoppedError(
                f"handler {handler!r} was not added to shared informer because it has stopped already")
        if resync_period > 0:
            resync_period = max(resync_period, MINIMUM_RESYNC_PERIOD)
            if resync_period < self.resync_check_period:
                if self.started:
                    resync_period = self.resync_check_period
                else:
                    self.resync_check_period = resync_period
                    for lst in self.listeners:
                        lst.resync_period = determine_resync_period(
                            lst.requested_resync_period, resync_period)
        listener = ProcessorListener(
            self, handler, resync_period,
            determine_resync_period(resync_period, self.resync_check_period), self.env.now)
        self.listeners.append(listener)
        self._rebuild()
        if self.started and listener.on_add is not None:
            for obj in self._storage.list():
                listener.on_add(obj)
        return listener

    def remove_event_handler(self, handle: ProcessorListener) -> None:
        """Mirrors: client-go/tools/cache/shared_informer.go :: (*sharedIndexInformer).RemoveEventHandler"""
        if handle in self.listeners:
            self.listeners.remove(handle)
            self._rebuild()

    def add_indexers(self, indexers: Indexers) -> None:
        """Mirrors: client-go/tools/cache/shared_informer.go :: (*sharedIndexInformer).AddIndexers"""
        if self.stopped:
            raise InformerStoppedError("indexer was not added because it has stopped already")
        self.indexer.add_indexers(indexers)

    def get_store(self) -> Cache:
        return self.indexer

    def get_indexer(self) -> Cache:
        return self.indexer

    @property
    def lister(self) -> Lister:
        """A lister over this informer's cache (needs ``resource``)."""
        if self.resource is None:
            raise ValueError("informer has no resource: build the Lister yourself")
        return Lister(self.indexer, self.resource)

    def has_synced(self) -> bool:
        """True once the first list has been applied and its notifications delivered."""
        return self._synced

    def has_started(self) -> bool:
        return self.started

    def is_stopped(self) -> bool:
        return self.stopped

    def last_sync_resource_version(self) -> str:
        """Mirrors: client-go/tools/cache/shared_informer.go :: (*sharedIndexInformer).LastSyncResourceVersion"""
        return self.reflector.last_sync_resource_version() if self.reflector is not None else ""

    def run(self, stop: simpy.Event | None = None) -> simpy.Process | None:
        """Start list/watch (and the mutation detector); stops when ``stop`` triggers.

        Mirrors: client-go/tools/cache/shared_informer.go :: (*sharedIndexInformer).Run
        """
        if self.started:
            self.env.trace.record(self.component or "informer", "Run", level=2, kind=self.type_description,
                                  message="The sharedIndexInformer has started, run more than once is not allowed")
            return None
        stop = stop if stop is not None else simpy.Event(self.env)
        self.reflector = Reflector(
            self.env, self.listerwatcher, self, name=self.name, type_description=self.type_description,
            resync_period=self.resync_check_period, should_resync=self.should_resync,
            component=self.component)
        self.started = True
        stop.callbacks.append(self._on_stop)
        if self.cache_mutation_detector is not None:
            self.cache_mutation_detector.run(stop)
        return self.reflector.run(stop)

    def _on_stop(self, _: simpy.Event) -> None:
        self.stopped = True

    def list(self) -> builtins.list[Any]:
        return self._storage.list()

    def list_keys(self) -> builtins.list[str]:
        return self._storage.list_keys()

    def get(self, obj: Any) -> tuple[Any, bool]:
        return self._storage.get(deletion_handling_meta_namespace_key_func(obj))

    def get_by_key(self, key: str) -> tuple[Any, bool]:
        return self._storage.get(key)

    # -- sharedProcessor -------------------------------------------------------------------

    def _rebuild(self) -> None:
        self._adds = tuple(lst.on_add for lst in self.listeners if lst.on_add is not None)
        self._updates = tuple(lst.on_update for lst in self.listeners if lst.on_update is not None)
        self._deletes = tuple(lst.on_delete for lst in self.listeners if lst.on_delete is not None)

    def should_resync(self) -> bool:
        """Mark the listeners due for a resync. Mirrors: shared_informer.go :: (*sharedProcessor).shouldResync"""
        now = self.env.now
        needed = False
        for lst in self.listeners:
            lst.syncing = lst.should_resync(now)
            if lst.syncing:
                needed = True
                lst.determine_next_resync(now)
        return needed

    def _sync_updates(self) -> builtins.list[Callable[[Any, Any], None]]:
        return [lst.on_update for lst in self.listeners if lst.syncing and lst.on_update is not None]

    # -- the Store the reflector writes to (DeltaFIFO + HandleDeltas folded) ---------------

    def add(self, obj: Any) -> None:
        """A watch ADDED or MODIFIED event, or one listed object.

        Mirrors: client-go/tools/cache/controller.go :: processDeltas (Added/Updated/Replaced)
        """
        meta = obj["metadata"]
        ns = meta.get("namespace")
        key = f"{ns}/{meta['name']}" if ns else meta["name"]  # meta_namespace_key_func, inlined
        storage = self._storage
        old = storage.items.get(key)
        storage.update(key, obj)
        md = self.cache_mutation_detector
        if md is not None:
            md.add_object(obj)
        if old is None:
            for f in self._adds:
                f(obj)
            return
        if old["metadata"].get("resourceVersion") == meta.get("resourceVersion"):
            # Unchanged version: a resync-like event, only for listeners due a resync.
            for u in self._sync_updates():
                u(old, obj)
            return
        for u in self._updates:
            u(old, obj)

    update = add
    _upsert = add

    def delete(self, obj: Any) -> None:
        """A watch DELETED event; deletions of objects never seen are dropped, as DeltaFIFO does."""
        key = deletion_handling_meta_namespace_key_func(obj)
        storage = self._storage
        if key not in storage.items:
            return
        storage.delete(key)
        for f in self._deletes:
            f(obj)

    def replace(self, items: builtins.list[Any], resource_version: str = "") -> None:
        """A (re)list: upserts for every listed object, tombstones for the vanished ones.

        Mirrors: client-go/tools/cache/delta_fifo.go :: (*DeltaFIFO).Replace, then processDeltas
        """
        listed: dict[str, Any] = {}
        for obj in items:
            listed[meta_namespace_key_func(obj)] = obj
        for obj in listed.values():
            self._upsert(obj)
        storage = self._storage
        gone = [k for k in storage.items if k not in listed]
        for key in gone:
            tombstone = DeletedFinalStateUnknown(key, storage.items[key])
            storage.delete(key)
            for f in self._deletes:
                f(tombstone)
        self._synced = True

    def resync(self) -> None:
        """on_update(obj, obj) for every cached object, to the listeners due a resync.

        Mirrors: client-go/tools/cache/delta_fifo.go :: (*DeltaFIFO).Resync (Sync deltas)
        """
        fs = self._sync_updates()
        md = self.cache_mutation_detector
        for obj in self._storage.list():
            if md is not None:
                md.add_object(obj)
            for f in fs:
                f(obj, obj)

    def __repr__(self) -> str:
        return (f"SharedIndexInformer({self.type_description}, {len(self.indexer)} objects, "
                f"{len(self.listeners)} handlers, synced={self._synced})")


def new_shared_index_informer(env: Any, lw: ListerWatcher, resource: ResourceInfo | None = None,
                              default_event_handler_resync_period: float = 0.0,
                              indexers: Indexers | None = None, **kw: Any) -> SharedIndexInformer:
    """Mirrors: client-go/tools/cache/shared_informer.go :: NewSharedIndexInformer"""
    return SharedIndexInformer(env, lw, resource=resource,
                               default_event_handler_resync_period=default_event_handler_resync_period,
                               indexers=indexers, **kw)


def namespace_indexers() -> Indexers:
    """The indexers every generated informer starts with."""
    return {NAMESPACE_INDEX: meta_namespace_index_func}
