"""The map behind every informer cache, with its secondary indexes kept in step.

Upstream: staging/src/k8s.io/client-go/tools/cache/thread_safe_store.go
"""

from __future__ import annotations

import builtins
from typing import Any

from kubelab.client.cache.index import Index, IndexerError, Indexers, Indices


class StoreIndex:
    """The indexers and the indices they maintain.

    Mirrors: client-go/tools/cache/thread_safe_store.go :: storeIndex

    Differences: an index bucket is an insertion-ordered dict rather than a sets.String,
    so ``by_index`` lists keys in a repeatable order.
    """

    __slots__ = ("indexers", "indices")

    def __init__(self, indexers: Indexers | None = None) -> None:
        self.indexers: Indexers = dict(indexers or {})
        self.indices: Indices = {}

    def reset(self) -> None:
        self.indices = {}

    def get_keys_from_index(self, index_name: str, obj: Any) -> builtins.list[str]:
        index_func = self.indexers.get(index_name)
        if index_func is None:
            raise IndexerError(f"Index with name {index_name} does not exist")
        index = self.indices.get(index_name, {})
        values = index_func(obj)
        if len(values) == 1:
            return list(index.get(values[0], ()))
        keys: dict[str, None] = {}
        for v in values:
            keys.update(index.get(v, {}))
        return list(keys)

    def get_keys_by_index(self, index_name: str, indexed_value: str) -> builtins.list[str]:
        if index_name not in self.indexers:
            raise IndexerError(f"Index with name {index_name} does not exist")
        return list(self.indices.get(index_name, {}).get(indexed_value, ()))

    def get_index_values(self, index_name: str) -> builtins.list[str]:
        return list(self.indices.get(index_name, {}))

    def add_indexers(self, indexers: Indexers) -> None:
        conflict = sorted(k for k in indexers if k in self.indexers)
        if conflict:
            inner = " ".join(f"{k}:{{}}" for k in conflict)
            raise IndexerError(f"indexer conflict: map[{inner}]")
        self.indexers.update(indexers)

    def update_single_index(self, name: str, old_obj: Any, new_obj: Any, key: str) -> None:
        """Mirrors: client-go/tools/cache/thread_safe_store.go :: (*storeIndex).updateSingleIndex"""
        index_func = self.indexers[name]
        old_values = index_func(old_obj) if old_obj is not None else []
        new_values = index_func(new_obj) if new_obj is not None else []
        index = self.indices.get(name)
        if index is None:
            index = self.indices[name] = {}
        # The common case (one value, unchanged) needs no work at all.
        if len(old_values) == 1 and len(new_values) == 1 and old_values[0] == new_values[0]:
            return
        for value in old_values:
            _delete_key_from_index(key, value, index)
        for value in new_values:
            bucket = index.get(value)
            if bucket is None:
                bucket = index[value] = {}
            bucket[key] = None

    def update_indices(self, old_obj: Any, new_obj: Any, key: str) -> None:
        """Mirrors: client-go/tools/cache/thread_safe_store.go :: (*storeIndex).updateIndices"""
        # updateSingleIndex inlined: this runs for every watch event of every informer.
        indices = self.indices
        for name, index_func in self.indexers.items():
            old_values = index_func(old_obj) if old_obj is not None else ()
            new_values = index_func(new_obj) if new_obj is not None else ()
            if len(old_values) == 1 and len(new_values) == 1 and old_values[0] == new_values[0]:
                continue
            index = indices.get(name)
            if index is None:
                index = indices[name] = {}
            for value in old_values:
                _delete_key_from_index(key, value, index)
            for value in new_values:
                bucket = index.get(value)
                if bucket is None:
                    index[value] = {key: None}
                else:
                    bucket[key] = None


def _delete_key_from_index(key: str, value: str, index: Index) -> None:
    bucket = index.get(value)
    if bucket is None:
        return
    bucket.pop(key, None)
    # Dropping empty buckets keeps short-lived values (pod names, node names) from leaking.
    if not bucket:
        del index[value]


class ThreadSafeStore:
    """Objects by key, plus their indices.

    Mirrors: client-go/tools/cache/thread_safe_store.go :: threadSafeMap

    Differences: no lock (SimPy processes never interleave inside a call); ``list`` and
    ``list_keys`` follow insertion order instead of Go's random map order.
    """

    __slots__ = ("items", "index")

    def __init__(self, indexers: Indexers | None = None) -> None:
        self.items: dict[str, Any] = {}
        self.index = StoreIndex(indexers)

    def add(self, key: str, obj: Any) -> None:
        self.update(key, obj)

    def update(self, key: str, obj: Any) -> None:
        items = self.items
        old = items.get(key)
        items[key] = obj
        self.index.update_indices(old, obj, key)

    def delete(self, key: str) -> None:
        old = self.items.pop(key, None)
        if old is not None:
            self.index.update_indices(old, None, key)

    def get(self, key: str) -> tuple[Any, bool]:
        obj = self.items.get(key)
        return obj, obj is not None

    def list(self) -> builtins.list[Any]:
        return list(self.items.values())

    def list_keys(self) -> builtins.list[str]:
        return list(self.items)

    def replace(self, items: dict[str, Any], resource_version: str = "") -> None:
        self.items = items
        self.index.reset()
        if self.index.indexers:
            for key, obj in items.items():
                self.index.update_indices(None, obj, key)

    def by_index(self, index_name: str, indexed_value: str) -> builtins.list[Any]:
        items = self.items
        return [items[k] for k in self.index.get_keys_by_index(index_name, indexed_value)]

    def index_keys(self, index_name: str, indexed_value: str) -> builtins.list[str]:
        return self.index.get_keys_by_index(index_name, indexed_value)

    def by_index_of(self, index_name: str, obj: Any) -> builtins.list[Any]:
        """Objects sharing any indexed value with ``obj``. Mirrors: (*threadSafeMap).Index"""
        items = self.items
        return [items[k] for k in self.index.get_keys_from_index(index_name, obj)]

    def list_index_func_values(self, index_name: str) -> builtins.list[str]:
        return self.index.get_index_values(index_name)

    def get_indexers(self) -> Indexers:
        return self.index.indexers

    def add_indexers(self, new_indexers: Indexers) -> None:
        """Add indexers, and index the objects already stored under them."""
        self.index.add_indexers(new_indexers)
        for key, obj in self.items.items():
            for name in new_indexers:
                self.index.update_single_index(name, None, obj, key)

    def resync(self) -> None:
        """Nothing to do: kept for the Store interface."""
        return None
