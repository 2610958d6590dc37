"""The tainttoleration plugin.

Upstream: pkg/scheduler/framework/plugins/tainttoleration
"""
