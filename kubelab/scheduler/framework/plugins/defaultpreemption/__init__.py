"""The defaultpreemption plugin.

Upstream: pkg/scheduler/framework/plugins/defaultpreemption
"""
