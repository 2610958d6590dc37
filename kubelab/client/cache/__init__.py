"""Client-side caches: reflector, shared informers, indexers and listers.

Upstream: staging/src/k8s.io/client-go/tools/cache
"""

from kubelab.client.cache.controller import (
    FilteringResourceEventHandler,
    ResourceEventHandler,
    ResourceEventHandlerFuncs,
)
from kubelab.client.cache.factory import (
    SharedInformerFactory,
    new_shared_informer_factory,
    wait_for_cache_sync,
)
from kubelab.client.cache.index import NAMESPACE_INDEX, Indexer, meta_namespace_index_func
from kubelab.client.cache.listers import Lister, list_all, list_all_by_namespace
from kubelab.client.cache.listwatch import ListerWatcher, ListOptions, ListWatch
from kubelab.client.cache.mutation_detector import CacheMutationDetector, CacheMutationError
from kubelab.client.cache.reflector import Reflector
from kubelab.client.cache.shared_informer import (
    SharedIndexInformer,
    new_shared_index_informer,
)
from kubelab.client.cache.store import (
    Cache,
    DeletedFinalStateUnknown,
    ExplicitKey,
    Store,
    deletion_handling_meta_namespace_key_func,
    meta_namespace_key_func,
    new_indexer,
    new_store,
    split_meta_namespace_key,
)

__all__ = [
    "NAMESPACE_INDEX",
    "Cache",
    "CacheMutationDetector",
    "CacheMutationError",
    "DeletedFinalStateUnknown",
    "ExplicitKey",
    "FilteringResourceEventHandler",
    "Indexer",
    "ListOptions",
    "ListWatch",
    "Lister",
    "ListerWatcher",
    "Reflector",
    "ResourceEventHandler",
    "ResourceEventHandlerFuncs",
    "SharedIndexInformer",
    "SharedInformerFactory",
    "Store",
    "deletion_handling_meta_namespace_key_func",
    "list_all",
    "list_all_by_namespace",
    "meta_namespace_index_func",
    "meta_namespace_key_func",
    "new_indexer",
    "new_shared_index_informer",
    "new_shared_informer_factory",
    "new_store",
    "split_meta_namespace_key",
    "wait_for_cache_sync",
]
