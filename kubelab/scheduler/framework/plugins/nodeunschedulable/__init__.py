"""The nodeunschedulable plugin.

Upstream: pkg/scheduler/framework/plugins/nodeunschedulable
"""
