"""Keyed object stores and the ``namespace/name`` key functions.

Upstream: staging/src/k8s.io/client-go/tools/cache/store.go (and the key helpers of
controller.go and delta_fifo.go: DeletionHandlingMetaNamespaceKeyFunc, DeletedFinalStateUnknown)
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kubelab.client.cache.index import Indexers
from kubelab.client.cache.thread_safe_store import ThreadSafeStore

KeyFunc = Callable[[Any], str]


class StoreKeyError(Exception):
    """A key function could not make a key. Mirrors: store.go :: KeyError"""

    def __init__(self, obj: Any, err: str) -> None:
        super().__init__(f"couldn't create key for object {obj!r}: {err}")
        self.obj = obj
        self.err = err


class ExplicitKey(str):
    """A key given directly instead of an object. Mirrors: store.go :: ExplicitKey"""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class DeletedFinalStateUnknown:
    """A tombstone: the object was deleted while the watch was down, last known state ``obj``.

    Mirrors: client-go/tools/cache/delta_fifo.go :: DeletedFinalStateUnknown
    """

    key: str
    obj: Any


def meta_namespace_key_func(obj: Any) -> str:
    """``namespace/name``, or ``name`` for cluster-scoped objects.

    Mirrors: client-go/tools/cache/store.go :: MetaNamespaceKeyFunc
    """
    if isinstance(obj, ExplicitKey):
        return str(obj)
    try:
        meta = obj["metadata"]
        name = meta["name"]
    except (KeyError, TypeError) as e:
        raise StoreKeyError(obj, "object has no meta: " + str(e)) from None
    ns = meta.get("namespace")
    return f"{ns}/{name}" if ns else name


def deletion_handling_meta_namespace_key_func(obj: Any) -> str:
    """Like :func:`meta_namespace_key_func`, but a tombstone yields its recorded key.

    Mirrors: client-go/tools/cache/controller.go :: DeletionHandlingMetaNamespaceKeyFunc
    """
    if isinstance(obj, DeletedFinalStateUnknown):
        return obj.key
    return meta_namespace_key_func(obj)


def split_meta_namespace_key(key: str) -> tuple[str, str]:
    """``(namespace, name)`` from a key; raises ValueError on more than one ``/``.

    Mirrors: client-go/tools/cache/store.go :: SplitMetaNamespaceKey
    """
    parts = key.split("/")
    if len(parts) == 1:
        return "", parts[0]
    if len(parts) == 2:
        return parts[0], parts[1]
    raise ValueError(f"unexpected key format: {json.dumps(key)}")


class Store(Protocol):
    """Mirrors: client-go/tools/cache/store.go :: Store"""

    def add(self, obj: Any) -> None: ...

    def update(self, obj: Any) -> None: ...

    def delete(self, obj: Any) -> None: ...

    def list(self) -> builtins.list[Any]: ...

    def list_keys(self) -> builtins.list[str]: ...

    def get(self, obj: Any) -> tuple[Any, bool]: ...

    def get_by_key(self, key: str) -> tuple[Any, bool]: ...

    def replace(self, items: builtins.list[Any], resource_version: str) -> None: ...

    def resync(self) -> None: ...


class Cache:
    """A Store and Indexer over a :class:`ThreadSafeStore`, keyed by ``key_func``.

    Mirrors: client-go/tools/cache/store.go :: cache
    """

    __slots__ = ("cache_storage", "key_func")

    def __init__(self, key_func: KeyFunc = meta_namespace_key_func,
                 indexers: Indexers | None = None) -> None:
        self.cache_storage = ThreadSafeStore(indexers)
        self.key_func = key_func

    def add(self, obj: Any) -> None:
        self.cache_storage.add(self.key_func(obj), obj)

    def update(self, obj: Any) -> None:
        self.cache_storage.update(self.key_func(obj), obj)

    def delete(self, obj: Any) -> None:
        self.cache_storage.delete(self.key_func(obj))

    def list(self) -> builtins.list[Any]:
        return self.cache_storage.list()

    def list_keys(self) -> builtins.list[str]:
        return self.cache_storage.list_keys()

    def get(self, obj: Any) -> tuple[Any, bool]:
        return self.cache_storage.get(self.key_func(obj))

    def get_by_key(self, key: str) -> tuple[Any, bool]:
        return self.cache_storage.get(key)

    def replace(self, items: builtins.list[Any], resource_version: str = "") -> None:
        kf = self.key_func
        self.cache_storage.replace({kf(o): o for o in items}, resource_version)

    def resync(self) -> None:
        return None

    def index(self, index_name: str, obj: Any) -> builtins.list[Any]:
        return self.cache_storage.by_index_of(index_name, obj)

    def index_keys(self, index_name: str, indexed_value: str) -> builtins.list[str]:
        return self.cache_storage.index_keys(index_name, indexed_value)

    def list_index_func_values(self, index_name: str) -> builtins.list[str]:
        return self.cache_storage.list_index_func_values(index_name)

    def by_index(self, index_name: str, indexed_value: str) -> builtins.list[Any]:
        return self.cache_storage.by_index(index_name, indexed_value)

    def get_indexers(self) -> Indexers:
        return self.cache_storage.get_indexers()

    def add_indexers(self, new_indexers: Indexers) -> None:
        self.cache_storage.add_indexers(new_indexers)

    def __len__(self) -> int:
        return len(self.cache_storage.items)


def new_store(key_func: KeyFunc = meta_namespace_key_func) -> Cache:
    """Mirrors: client-go/tools/cache/store.go :: NewStore"""
    return Cache(key_func)


def new_indexer(key_func: KeyFunc = meta_namespace_key_func,
                indexers: Indexers | None = None) -> Cache:
    """Mirrors: client-go/tools/cache/store.go :: NewIndexer"""
    return Cache(key_func, indexers)
