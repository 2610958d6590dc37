"""The noderesources plugin.

Upstream: pkg/scheduler/framework/plugins/noderesources
"""
