"""Storage: an etcd-like MVCC key-value store, the object store over it, and the watch cache.

Upstream: go.etcd.io/etcd/server/mvcc, staging/src/k8s.io/apiserver/pkg/storage
"""
