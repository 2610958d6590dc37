"""The watch cache: lists and watches served from memory.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/cacher
"""

from kubelab.storage.cacher.cache_watcher import CacheWatcher
from kubelab.storage.cacher.cacher import Cacher

__all__ = ["CacheWatcher", "Cacher"]
