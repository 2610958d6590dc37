"""kube-scheduler's metrics, registered in the cluster's metrics registry under upstream's names.

Upstream: pkg/scheduler/metrics/metrics.go

Differences: durations are simulated seconds.
"""

from __future__ import annotations

from typing import Any

SCHEDULED = "scheduled"
UNSCHEDULABLE = "unschedulable"
ERROR = "error"


def exponential_buckets(start: float, factor: float, count: int) -> tuple[float, ...]:
    """Mirrors: prometheus.ExponentialBuckets"""
    return tuple(start * factor**i for i in range(count))


class SchedulerMetrics:
    """The scheduler's metric handles, created once per cluster registry."""

    def __init__(self, registry: Any) -> None:
        r = registry
        self.schedule_attempts = r.counter(
            "scheduler_schedule_attempts_total",
            "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be "
            "scheduled, while 'error' means an internal scheduler problem.", ("result", "profile"))
        self.scheduling_attempt_duration = r.histogram(
            "scheduler_scheduling_attempt_duration_seconds",
            "Scheduling attempt latency in seconds (scheduling algorithm + binding)", ("result", "profile"),
            buckets=exponential_buckets(0.001, 2, 15))
        self.scheduling_algorithm_duration = r.histogram(
            "scheduler_scheduling_algorithm_duration_seconds", "Scheduling algorithm latency in seconds",
            buckets=exponential_buckets(0.001, 2, 15))
        self.pending_pods = r.gauge(
            "scheduler_pending_pods",
            "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means "
            "number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the "
            "scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the "
            "scheduler never attempted to schedule because they are gated.", ("queue",))
        self.preemption_attempts = r.counter("scheduler_preemption_attempts_total",
                                             "Total preemption attempts in the cluster till now")
        self.preemption_victims = r.histogram("scheduler_preemption_victims", "Number of selected preemption victims",
                                              buckets=exponential_buckets(1, 2, 7))
        self.framework_extension_point_duration = r.histogram(
            "scheduler_framework_extension_point_duration_seconds",
            "Latency for running all plugins of a specific extension point.",
            ("extension_point", "status", "profile"), buckets=exponential_buckets(0.0001, 2, 12))
        self.pod_scheduling_attempts = r.histogram(
            "scheduler_pod_scheduling_attempts", "Number of attempts to successfully schedule a pod.",
            buckets=exponential_buckets(1, 2, 5))
        self.pod_scheduling_sli_duration = r.histogram(
            "scheduler_pod_scheduling_sli_duration_seconds",
            "E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might "
            "involve multiple scheduling attempts.", ("attempts",), buckets=exponential_buckets(0.01, 2, 20))
        self.queue_incoming_pods = r.counter(
            "scheduler_queue_incoming_pods_total", "Number of pods added to scheduling queues by event and queue type.",
            ("queue", "event"))
        self.unschedulable_reason = r.gauge(
            "scheduler_unschedulable_pods",
            "The number of unschedulable pods broken down by plugin name. A pod will increment the gauge for all "
            "plugins that caused it to not schedule and so this metric have meaning only when broken down by "
            "plugin.", ("plugin", "profile"))

    def pod_scheduled(self, profile: str, duration: float) -> None:
        """Mirrors: pkg/scheduler/metrics/profile_metrics.go :: PodScheduled"""
        self.schedule_attempts.inc(SCHEDULED, profile)
        self.scheduling_attempt_duration.observe(duration, SCHEDULED, profile)

    def pod_unschedulable(self, profile: str, duration: float) -> None:
        """Mirrors: profile_metrics.go :: PodUnschedulable"""
        self.schedule_attempts.inc(UNSCHEDULABLE, profile)
        self.scheduling_attempt_duration.observe(duration, UNSCHEDULABLE, profile)

    def pod_schedule_error(self, profile: str, duration: float) -> None:
        """Mirrors: profile_metrics.go :: PodScheduleError"""
        self.schedule_attempts.inc(ERROR, profile)
        self.scheduling_attempt_duration.observe(duration, ERROR, profile)
