"""Authorization: may this user do this verb on this resource.

Upstream: staging/src/k8s.io/apiserver/pkg/authorization
"""
