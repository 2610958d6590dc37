"""The preemption evaluator that PostFilter plugins build on.

Upstream: pkg/scheduler/framework/preemption
"""
