"""The scheduler's state: the scheduling queue and the node/pod cache.

Upstream: pkg/scheduler/backend
"""
