"""Strategies and subresources of the core/v1 kinds.

Upstream: pkg/registry/core
"""
