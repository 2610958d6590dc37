"""The volumerestrictions plugin.

Upstream: pkg/scheduler/framework/plugins/volumerestrictions
"""
