"""The volumezone plugin.

Upstream: pkg/scheduler/framework/plugins/volumezone
"""
