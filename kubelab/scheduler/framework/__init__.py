"""The scheduling framework: extension points, cycle state, node and pod info, plugins.

Upstream: pkg/scheduler/framework (and staging/src/k8s.io/kube-scheduler/framework)
"""
