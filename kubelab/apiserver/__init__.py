"""kube-apiserver: handler chain, admission, registry, printers and the HTTP front.

Upstream: staging/src/k8s.io/apiserver, pkg/controlplane, pkg/registry, cmd/kube-apiserver
"""
