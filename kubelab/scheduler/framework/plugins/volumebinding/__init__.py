"""The volumebinding plugin.

Upstream: pkg/scheduler/framework/plugins/volumebinding
"""
