"""The schedulinggates plugin.

Upstream: pkg/scheduler/framework/plugins/schedulinggates
"""
