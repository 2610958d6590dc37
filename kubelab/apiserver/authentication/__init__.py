"""Authentication: who is making a request.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication
"""
