"""The framework runtime: builds a profile's plugins and runs each extension point.

Upstream: pkg/scheduler/framework/runtime
"""
