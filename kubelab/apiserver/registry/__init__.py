"""The registry: per-kind strategies over a generic store.

Upstream: staging/src/k8s.io/apiserver/pkg/registry, pkg/registry
"""
