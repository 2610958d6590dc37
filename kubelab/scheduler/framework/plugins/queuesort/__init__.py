"""The queuesort plugin.

Upstream: pkg/scheduler/framework/plugins/queuesort
"""
