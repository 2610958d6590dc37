"""The nodename plugin.

Upstream: pkg/scheduler/framework/plugins/nodename
"""
