"""The imagelocality plugin.

Upstream: pkg/scheduler/framework/plugins/imagelocality
"""
