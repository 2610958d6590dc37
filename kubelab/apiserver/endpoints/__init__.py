"""REST endpoints: request parsing and the per-verb handlers.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints
"""
