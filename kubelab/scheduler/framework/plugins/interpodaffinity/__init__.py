"""The interpodaffinity plugin.

Upstream: pkg/scheduler/framework/plugins/interpodaffinity
"""
