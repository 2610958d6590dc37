"""The scheduler cache (assumed pods, node infos) and its per-cycle snapshot.

Upstream: pkg/scheduler/backend/cache
"""
