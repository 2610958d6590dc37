"""Listers: read the informer cache by namespace, name and label selector.

Upstream: staging/src/k8s.io/client-go/tools/cache/listers.go (ListAll,
ListAllByNamespace) and staging/src/k8s.io/client-go/listers/generic_helpers.go
(ResourceIndexer: the generated listers' List/Get)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from typing import Any

from kubelab.api import errors, labels
from kubelab.api.scheme import ResourceInfo
from kubelab.client.cache.index import NAMESPACE_INDEX
from kubelab.client.cache.store import Cache

# Selector: None (everything), a labels.Selector, selector text (``app=web,tier!=db``), a
# label set (equality on every key), or a callable taking the labels.
Selector = Any


def _matcher(selector: Selector) -> Callable[[Mapping[str, str]], bool] | None:
    """None when the selector selects everything."""
    if selector is None:
        return None
    if isinstance(selector, str):
        selector = labels.parse_selector(selector)
    elif isinstance(selector, Mapping):
        selector = labels.selector_from_set(selector)
    empty = getattr(selector, "empty", None)
    if callable(empty) and empty():
        return None
    matches = getattr(selector, "matches", None)
    if callable(matches):
        return matches
    if callable(selector):
        return selector
    raise TypeError(f"unsupported selector {selector!r}")


def list_all(store: Cache, selector: Selector) -> list[Any]:
    """Mirrors: client-go/tools/cache/listers.go :: ListAll"""
    match = _matcher(selector)
    objs = store.list()
    if match is None:
        return objs
    return [o for o in objs if match(o["metadata"].get("labels") or {})]


def list_all_by_namespace(indexer: Cache, namespace: str, selector: Selector) -> list[Any]:
    """Mirrors: client-go/tools/cache/listers.go :: ListAllByNamespace"""
    if not namespace:
        return list_all(indexer, selector)
    match = _matcher(selector)
    if NAMESPACE_INDEX in indexer.get_indexers():
        objs = indexer.by_index(NAMESPACE_INDEX, namespace)
    else:
        objs = [o for o in indexer.list() if o["metadata"].get("namespace") == namespace]
    if match is None:
        return objs
    return [o for o in objs if match(o["metadata"].get("labels") or {})]


class Lister:
    """The generated lister of one resource: ``list``, ``get`` and per-namespace views.

    Objects returned are the cache's own, shared with every other reader: READ-ONLY
    (deep-copy before changing; the mutation detector catches offenders).

    Mirrors: client-go/listers/generic_helpers.go :: ResourceIndexer
    """

    __slots__ = ("indexer", "resource", "namespace")

    def __init__(self, indexer: Cache, resource: ResourceInfo, namespace: str = "") -> None:
        self.indexer = indexer
        self.resource = resource
        self.namespace = namespace

    def list(self, selector: Selector = None, namespace: str | None = None) -> builtins.list[Any]:
        """Objects matching ``selector`` (all namespaces unless one is given)."""
        ns = self.namespace if namespace is None else namespace
        return list_all_by_namespace(self.indexer, ns, selector)

    def get(self, namespace_or_name: str, name: str | None = None) -> Any:
        """``get(namespace, name)``, or ``get(name)`` for cluster-scoped resources and views.

        Raises NotFound as upstream's listers word it: ``pod "web" not found``.
        """
        if name is None:
            namespace, name = self.namespace, namespace_or_name
        else:
            namespace = namespace_or_name
        key = f"{namespace}/{name}" if namespace and self.resource.namespaced else name
        obj, exists = self.indexer.get_by_key(key)
        if not exists:
            raise errors.new_not_found(self.resource.group, self.resource.singular, name)
        return obj

    def by_namespace(self, namespace: str) -> Lister:
        """``Pods(namespace)``: a lister limited to one namespace."""
        return Lister(self.indexer, self.resource, namespace)

    def __repr__(self) -> str:
        scope = f", namespace={self.namespace!r}" if self.namespace else ""
        return f"Lister({self.resource.group_resource}{scope}, {len(self.indexer)} objects)"
