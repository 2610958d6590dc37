"""The nodeaffinity plugin.

Upstream: pkg/scheduler/framework/plugins/nodeaffinity
"""
