"""storage.Interface over the MVCC key-value store.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/etcd3
"""

from kubelab.storage.etcd3.store import Store

__all__ = ["Store"]
