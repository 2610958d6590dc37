"""The generic registry store.

Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry
"""
