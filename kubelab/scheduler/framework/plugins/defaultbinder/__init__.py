"""The defaultbinder plugin.

Upstream: pkg/scheduler/framework/plugins/defaultbinder
"""
