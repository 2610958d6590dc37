"""The in-tree plugins, one sub-package each, and the registry that builds them.

Upstream: pkg/scheduler/framework/plugins
"""
