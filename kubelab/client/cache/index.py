"""Secondary indexes over a cache: index functions and the namespace index.

Upstream: staging/src/k8s.io/client-go/tools/cache/index.go
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any, Protocol

# An index function maps an object to the values it is filed under.
IndexFunc = Callable[[Any], list[str]]
# name -> index function
Indexers = dict[str, IndexFunc]
# indexed value -> keys filed under it (a dict used as an insertion-ordered set)
Index = dict[str, dict[str, None]]
# name -> index
Indices = dict[str, Index]

NAMESPACE_INDEX = "namespace"


class IndexerError(Exception):
    """An index that does not exist or an indexer conflict (Go returns an error)."""


def meta_namespace_index_func(obj: Any) -> list[str]:
    """File an object under its namespace (``""`` for cluster-scoped objects).

    Mirrors: client-go/tools/cache/index.go :: MetaNamespaceIndexFunc
    """
    return [obj["metadata"].get("namespace") or ""]


class Indexer(Protocol):
    """A Store with indexes.

    Mirrors: client-go/tools/cache/index.go :: Indexer
    """

    def add(self, obj: Any) -> None: ...

    def update(self, obj: Any) -> None: ...

    def delete(self, obj: Any) -> None: ...

    def list(self) -> builtins.list[Any]: ...

    def list_keys(self) -> builtins.list[str]: ...

    def get(self, obj: Any) -> tuple[Any, bool]: ...

    def get_by_key(self, key: str) -> tuple[Any, bool]: ...

    def replace(self, items: builtins.list[Any], resource_version: str) -> None: ...

    def resync(self) -> None: ...

    def index(self, index_name: str, obj: Any) -> builtins.list[Any]: ...

    def index_keys(self, index_name: str, indexed_value: str) -> builtins.list[str]: ...

    def list_index_func_values(self, index_name: str) -> builtins.list[str]: ...

    def by_index(self, index_name: str, indexed_value: str) -> builtins.list[Any]: ...

    def get_indexers(self) -> Indexers: ...

    def add_indexers(self, new_indexers: Indexers) -> None: ...
