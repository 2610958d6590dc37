"""kube-scheduler's metrics under upstream's names.

Upstream: pkg/scheduler/metrics
"""
