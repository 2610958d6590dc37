"""kube-scheduler's configuration API.

Upstream: pkg/scheduler/apis
"""
