"""Helpers shared by plugins: score normalization, default spreading selectors.

Upstream: pkg/scheduler/framework/plugins/helper
"""
