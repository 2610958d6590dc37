"""Scheduler utilities.

Upstream: pkg/scheduler/util
"""
