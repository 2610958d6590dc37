"""The workqueue_* Prometheus metrics, published into ``env.metrics`` in simulated seconds.

Upstream: staging/src/k8s.io/client-go/util/workqueue/metrics.go and the definitions in
staging/src/k8s.io/component-base/metrics/prometheus/workqueue/metrics.go
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from kubelab.engine.metrics import WORKQUEUE_BUCKETS, Gauge, Histogram, Registry

WORKQUEUE_SUBSYSTEM = "workqueue"
DEPTH_KEY = "depth"
ADDS_KEY = "adds_total"
QUEUE_LATENCY_KEY = "queue_duration_seconds"
WORK_DURATION_KEY = "work_duration_seconds"
UNFINISHED_WORK_KEY = "unfinished_work_seconds"
LONGEST_RUNNING_PROCESSOR_KEY = "longest_running_processor_seconds"
RETRIES_KEY = "retries_total"

# How often the unfinished-work gauges are refreshed (defaultUnfinishedWorkUpdatePeriod).
DEFAULT_UNFINISHED_WORK_UPDATE_PERIOD = 0.5

_HELP = {
    DEPTH_KEY: "Current depth of workqueue",
    ADDS_KEY: "Total number of adds handled by workqueue",
    QUEUE_LATENCY_KEY: "How long in seconds an item stays in workqueue before being requested.",
    WORK_DURATION_KEY: "How long in seconds processing an item from workqueue takes.",
    UNFINISHED_WORK_KEY: (
        "How many seconds of work has done that is in progress and hasn't been observed by "
        "work_duration. Large values indicate stuck threads. One can deduce the number of stuck "
        "threads by observing the rate at which this increases."),
    LONGEST_RUNNING_PROCESSOR_KEY: (
        "How many seconds has the longest running processor for workqueue been running."),
    RETRIES_KEY: "Total number of retries handled by workqueue",
}


def _name(key: str) -> str:
    return f"{WORKQUEUE_SUBSYSTEM}_{key}"


class QueueMetrics:
    """Per-queue depth, adds, latencies and unfinished work, labelled ``name=<queue>``.

    Mirrors: client-go/util/workqueue/metrics.go :: defaultQueueMetrics
    """

    __slots__ = ("name", "_now", "depth", "adds", "latency", "work_duration",
                 "unfinished_work_seconds", "longest_running_processor", "add_times",
                 "processing_start_times")

    def __init__(self, registry: Registry, name: str, now: Any) -> None:
        self.name = name
        self._now = now
        labels = ("name",)
        self.depth: Gauge = registry.gauge(_name(DEPTH_KEY), _HELP[DEPTH_KEY], labels)
        self.adds = registry.counter(_name(ADDS_KEY), _HELP[ADDS_KEY], labels)
        self.latency: Histogram = registry.histogram(
            _name(QUEUE_LATENCY_KEY), _HELP[QUEUE_LATENCY_KEY], labels, WORKQUEUE_BUCKETS)
        self.work_duration: Histogram = registry.histogram(
            _name(WORK_DURATION_KEY), _HELP[WORK_DURATION_KEY], labels, WORKQUEUE_BUCKETS)
        self.unfinished_work_seconds: Gauge = registry.gauge(
            _name(UNFINISHED_WORK_KEY), _HELP[UNFINISHED_WORK_KEY], labels)
        self.longest_running_processor: Gauge = registry.gauge(
            _name(LONGEST_RUNNING_PROCESSOR_KEY), _HELP[LONGEST_RUNNING_PROCESSOR_KEY], labels)
        # Upstream registers every series at construction, so a quiet queue still shows 0.
        self.depth.set(0.0, name)
        self.adds.inc(name, amount=0.0)
        self.unfinished_work_seconds.set(0.0, name)
        self.longest_running_processor.set(0.0, name)
        self.add_times: dict[Hashable, float] = {}
        self.processing_start_times: dict[Hashable, float] = {}

    def add(self, item: Hashable) -> None:
        self.adds.inc(self.name)
        self.depth.inc(self.name)
        if item not in self.add_times:
            self.add_times[item] = self._now()

    def get(self, item: Hashable) -> None:
        now = self._now()
        self.depth.dec(self.name)
        self.processing_start_times[item] = now
        start = self.add_times.pop(item, None)
        if start is not None:
            self.latency.observe(now - start, self.name)

    def done(self, item: Hashable) -> None:
        start = self.processing_start_times.pop(item, None)
        if start is not None:
            self.work_duration.observe(self._now() - start, self.name)

    def update_unfinished_work(self) -> None:
        """Sum and maximum age of the items being processed right now."""
        now = self._now()
        total = 0.0
        oldest = 0.0
        for start in self.processing_start_times.values():
            age = now - start
            total += age
            if age > oldest:
                oldest = age
        self.unfinished_work_seconds.set(total, self.name)
        self.longest_running_processor.set(oldest, self.name)


class RetryMetrics:
    """Mirrors: client-go/util/workqueue/metrics.go :: defaultRetryMetrics"""

    __slots__ = ("name", "retries")

    def __init__(self, registry: Registry, name: str) -> None:
        self.name = name
        self.retries = registry.counter(_name(RETRIES_KEY), _HELP[RETRIES_KEY], ("name",))
        self.retries.inc(name, amount=0.0)

    def retry(self) -> None:
        self.retries.inc(self.name)


def new_queue_metrics(registry: Registry, name: str, now: Any) -> QueueMetrics | None:
    """Metrics for a named queue; an unnamed queue records nothing (``noMetrics``).

    Mirrors: client-go/util/workqueue/metrics.go :: (*queueMetricsFactory).newQueueMetrics
    """
    if not name:
        return None
    return QueueMetrics(registry, name, now)


def new_retry_metrics(registry: Registry, name: str) -> RetryMetrics | None:
    """Mirrors: client-go/util/workqueue/metrics.go :: (*queueMetricsFactory).newRetryMetrics"""
    if not name:
        return None
    return RetryMetrics(registry, name)
