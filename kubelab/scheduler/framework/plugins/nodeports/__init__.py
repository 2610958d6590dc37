"""The nodeports plugin.

Upstream: pkg/scheduler/framework/plugins/nodeports
"""
