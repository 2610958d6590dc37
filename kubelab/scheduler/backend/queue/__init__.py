"""The scheduling queue: activeQ, backoffQ, the unschedulable pool and nominated pods.

Upstream: pkg/scheduler/backend/queue
"""
