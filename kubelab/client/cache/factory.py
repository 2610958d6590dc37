"""The shared informer factory: one informer per resource for a whole component.

Upstream: staging/src/k8s.io/client-go/informers/factory.go (and WaitForCacheSync of
client-go/tools/cache/shared_informer.go)
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import simpy

from kubelab.api.scheme import ResourceInfo, resolve
from kubelab.client.cache.index import Indexers
from kubelab.client.cache.listers import Lister
from kubelab.client.cache.listwatch import ListOptions, ListWatch
from kubelab.client.cache.shared_informer import SharedIndexInformer, namespace_indexers

# WaitForCacheSync polls every 100 ms (syncedPollPeriod).
SYNCED_POLL_PERIOD = 0.1
# The reflector name client-go gives informers built by the factory (its call site).
FACTORY_REFLECTOR_NAME = "k8s.io/client-go/informers/factory.go"


def wait_for_cache_sync(env: simpy.Environment, stop: simpy.Event | None,
                        *cache_syncs: Callable[[], bool]) -> Generator[Any, Any, bool]:
    """Poll every 100 ms (first check immediately) until all report synced or ``stop``.

    Mirrors: client-go/tools/cache/shared_informer.go :: WaitForCacheSync
    """
    start = env.now
    k = 0
    while True:
        if all(f() for f in cache_syncs):
            return True
        if stop is not None and stop.triggered:
            return False
        k += 1
        # The poll ticker is anchored at the start, like a time.Ticker.
        wait = max(0.0, start + k * SYNCED_POLL_PERIOD - env.now)
        if stop is None:
            yield env.timeout(wait)
        else:
            yield env.any_of([env.timeout(wait), stop])


class SharedInformerFactory:
    """Hands out one shared informer per resource; ``start`` runs the ones not yet running.

    ``factory.informer_for("pods").add_event_handler(...)``, ``factory.start()``, then
    ``synced = yield from factory.wait_for_cache_sync()`` inside a process.

    Mirrors: client-go/informers/factory.go :: sharedInformerFactory

    Differences: informers are looked up by resource name (``"pods"``, ``"deploy"``) rather
    than by Go type; ``shutdown`` stops the informers instead of waiting for a caller's
    stop channel.
    """

    def __init__(self, client: Any, default_resync: float = 0.0, *, namespace: str | None = None,
                 tweak_list_options: Callable[[ListOptions], None] | None = None,
                 custom_resync: dict[str, float] | None = None, component: str = "",
                 mutation_detector: bool | None = None) -> None:
        self.client = client
        self.env = client.env
        self.default_resync = default_resync
        self.namespace = namespace
        self.tweak_list_options = tweak_list_options
        self.custom_resync = {resolve(k).group_resource: v for k, v in (custom_resync or {}).items()}
        self.component = component
        self.mutation_detector = mutation_detector  # None: KUBELAB_CACHE_MUTATION_DETECTOR decides
        self.informers: dict[str, SharedIndexInformer] = {}
        self.started_informers: dict[str, bool] = {}
        self.shutting_down = False
        self._stop = simpy.Event(self.env)

    def informer_for(self, resource: str, *, indexers: Indexers | None = None) -> SharedIndexInformer:
        """The shared informer for ``resource``, created on first request.

        Mirrors: client-go/informers/factory.go :: (*sharedInformerFactory).InformerFor
        """
        info = resolve(resource)
        key = info.group_resource
        informer = self.informers.get(key)
        if informer is not None:
            if indexers:
                missing = {k: v for k, v in indexers.items() if k not in informer.get_indexer().get_indexers()}
                if missing:
                    informer.add_indexers(missing)
            return informer
        all_indexers = namespace_indexers()
        if indexers:
            all_indexers.update(indexers)
        informer = self._new_informer(info, all_indexers)
        self.informers[key] = informer
        return informer

    def _new_informer(self, info: ResourceInfo, indexers: Indexers) -> SharedIndexInformer:
        lw = ListWatch(self.client, info.group_resource, self.namespace if info.namespaced else None,
                       tweak_list_options=self.tweak_list_options)
        resync = self.custom_resync.get(info.group_resource, self.default_resync)
        return SharedIndexInformer(
            self.env, lw, resource=info, default_event_handler_resync_period=resync,
            indexers=indexers, name=FACTORY_REFLECTOR_NAME, component=self.component,
            mutation_detector=self.mutation_detector)

    def lister_for(self, resource: str) -> Lister:
        """The lister over ``informer_for(resource)``'s cache."""
        return self.informer_for(resource).lister

    def start(self, stop: simpy.Event | None = None) -> None:
        """Run every informer not started yet.

        Mirrors: client-go/informers/factory.go :: (*sharedInformerFactory).Start
        """
        if self.shutting_down:
            return
        if stop is not None and not stop.triggered:
            stop.callbacks.append(self._on_stop)
        for key, informer in self.informers.items():
            if not self.started_informers.get(key):
                informer.run(self._stop)
                self.started_informers[key] = True

    def _on_stop(self, _: simpy.Event) -> None:
        if not self._stop.triggered:
            self._stop.succeed()

    def wait_for_cache_sync(self, stop: simpy.Event | None = None) -> Generator[Any, Any, dict[str, bool]]:
        """Wait for every started informer's first list; ``{resource: synced}``.

        Mirrors: client-go/informers/factory.go :: (*sharedInformerFactory).WaitForCacheSync
        """
        stop = stop if stop is not None else self._stop
        res: dict[str, bool] = {}
        for key, informer in self.informers.items():
            if not self.started_informers.get(key):
                continue
            res[key] = yield from wait_for_cache_sync(self.env, stop, informer.has_synced)
        return res

    def shutdown(self) -> None:
        """Stop every informer this factory started.

        Mirrors: client-go/informers/factory.go :: (*sharedInformerFactory).Shutdown
        """
        self.shutting_down = True
        if not self._stop.triggered:
            self._stop.succeed()

    def __repr__(self) -> str:
        return f"SharedInformerFactory({', '.join(self.informers) or 'no informers'})"


def new_shared_informer_factory(client: Any, default_resync: float = 0.0) -> SharedInformerFactory:
    """Mirrors: client-go/informers/factory.go :: NewSharedInformerFactory"""
    return SharedInformerFactory(client, default_resync)
