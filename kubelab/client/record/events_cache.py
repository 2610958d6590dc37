"""Event correlation: spam filtering, aggregation of similar events, de-duplication.

Upstream: staging/src/k8s.io/client-go/tools/record/events_cache.go
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import simpy

from kubelab.client.workqueue.default_rate_limiters import Limiter
from kubelab.engine import clock

MAX_LRU_CACHE_ENTRIES = 4096
# Ten events differing only in message within ten minutes are folded into one.
DEFAULT_AGGREGATE_MAX_EVENTS = 10
DEFAULT_AGGREGATE_INTERVAL_IN_SECONDS = 600
# A source may send 25 events about one object, then one every five minutes.
DEFAULT_SPAM_BURST = 25
DEFAULT_SPAM_QPS = 1.0 / 300.0

EPOCH_UNIX_SECONDS = int(clock.EPOCH.timestamp())


def unix_nano(t: float) -> int:
    """``time.Time.UnixNano()`` of simulated second ``t``."""
    return EPOCH_UNIX_SECONDS * 1_000_000_000 + round(t * 1e9)


class LRU:
    """Mirrors: github.com/golang/groupcache/lru :: Cache (Get refreshes, Add evicts the oldest)"""

    __slots__ = ("max_entries", "items")

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.items: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str) -> Any:
        v = self.items.get(key)
        if v is not None:
            self.items.move_to_end(key)
        return v

    def add(self, key: str, value: Any) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if self.max_entries and len(self.items) > self.max_entries:
            self.items.popitem(last=False)

    def __len__(self) -> int:
        return len(self.items)


def _ref(event: dict) -> dict:
    return event.get("involvedObject") or {}


def _src(event: dict) -> dict:
    return event.get("source") or {}


def get_event_key(event: dict) -> str:
    """Source, involved object, type, reason and message, concatenated.

    Mirrors: client-go/tools/record/events_cache.go :: getEventKey
    """
    r, s = _ref(event), _src(event)
    return "".join((s.get("component", ""), s.get("host", ""), r.get("kind", ""),
                    r.get("namespace", ""), r.get("name", ""), r.get("fieldPath", ""),
                    r.get("uid", ""), r.get("apiVersion", ""), event.get("type", ""),
                    event.get("reason", ""), event.get("message", "")))


def get_spam_key(event: dict) -> str:
    """Mirrors: client-go/tools/record/events_cache.go :: getSpamKey"""
    r, s = _ref(event), _src(event)
    return "".join((s.get("component", ""), s.get("host", ""), r.get("kind", ""),
                    r.get("namespace", ""), r.get("name", ""), r.get("uid", ""),
                    r.get("apiVersion", "")))


def event_aggregator_by_reason_func(event: dict) -> tuple[str, str]:
    """Everything but the message is the aggregate key; the message is the local key.

    Mirrors: client-go/tools/record/events_cache.go :: EventAggregatorByReasonFunc
    """
    r, s = _ref(event), _src(event)
    return "".join((s.get("component", ""), s.get("host", ""), r.get("kind", ""),
                    r.get("namespace", ""), r.get("name", ""), r.get("uid", ""),
                    r.get("apiVersion", ""), event.get("type", ""), event.get("reason", ""),
                    event.get("reportingComponent", ""), event.get("reportingInstance", ""))), \
        event.get("message", "")


def event_aggregator_by_reason_message_func(event: dict) -> str:
    """Mirrors: client-go/tools/record/events_cache.go :: EventAggregatorByReasonMessageFunc"""
    return "(combined from similar events): " + event.get("message", "")


class EventSourceObjectSpamFilter:
    """A token bucket per source+object; an event without a token is dropped.

    Mirrors: client-go/tools/record/events_cache.go :: EventSourceObjectSpamFilter
    """

    def __init__(self, env: simpy.Environment, lru_cache_size: int = MAX_LRU_CACHE_ENTRIES,
                 burst: int = DEFAULT_SPAM_BURST, qps: float = DEFAULT_SPAM_QPS,
                 spam_key_func: Callable[[dict], str] = get_spam_key) -> None:
        self.env = env
        self.cache = LRU(lru_cache_size)
        self.burst = burst
        self.qps = qps
        self.spam_key_func = spam_key_func

    def filter(self, event: dict) -> bool:
        """True when the event should be skipped."""
        key = self.spam_key_func(event)
        limiter = self.cache.get(key)
        if limiter is None:
            limiter = Limiter(self.qps, self.burst)
        skip = not limiter.allow_n(self.env.now)
        self.cache.add(key, limiter)
        return skip


@dataclass(slots=True)
class AggregateRecord:
    local_keys: dict[str, None] = field(default_factory=dict)  # insertion-ordered set
    last_timestamp: float = float("-inf")


class EventAggregator:
    """Folds bursts of similar events (same everything but message) into one.

    Mirrors: client-go/tools/record/events_cache.go :: EventAggregator

    Differences: once the threshold is reached upstream drops an arbitrary local key
    (``PopAny`` on a Go map); kubelab drops the oldest, so runs repeat.
    """

    def __init__(self, env: simpy.Environment, lru_cache_size: int = MAX_LRU_CACHE_ENTRIES,
                 key_func: Callable[[dict], tuple[str, str]] = event_aggregator_by_reason_func,
                 message_func: Callable[[dict], str] = event_aggregator_by_reason_message_func,
                 max_events: int = DEFAULT_AGGREGATE_MAX_EVENTS,
                 max_interval_in_seconds: int = DEFAULT_AGGREGATE_INTERVAL_IN_SECONDS) -> None:
        self.env = env
        self.cache = LRU(lru_cache_size)
        self.key_func = key_func
        self.message_func = message_func
        self.max_events = max_events
        self.max_interval_in_seconds = max_interval_in_seconds

    def event_aggregate(self, new_event: dict) -> tuple[dict, str]:
        """The event to record (maybe an aggregate) and its cache key.

        Mirrors: client-go/tools/record/events_cache.go :: (*EventAggregator).EventAggregate
        """
        now = self.env.now
        event_key = get_event_key(new_event)
        aggregate_key, local_key = self.key_func(new_event)
        record = self.cache.get(aggregate_key)
        if record is None or now - record.last_timestamp > self.max_interval_in_seconds:
            record = AggregateRecord()
        record.local_keys[local_key] = None
        record.last_timestamp = now
        self.cache.add(aggregate_key, record)
        if len(record.local_keys) < self.max_events:
            return new_event, event_key
        del record.local_keys[next(iter(record.local_keys))]
        ts = clock.rfc3339(now)
        ref = _ref(new_event)
        aggregate = {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": f"{ref.get('name', '')}.{unix_nano(now):x}",
                         "namespace": new_event["metadata"].get("namespace", "")},
            "count": 1,
            "firstTimestamp": ts,
            "involvedObject": ref,
            "lastTimestamp": ts,
            "message": self.message_func(new_event),
            "type": new_event.get("type", ""),
            "reason": new_event.get("reason", ""),
            "source": new_event.get("source", {}),
        }
        return aggregate, aggregate_key


@dataclass(slots=True)
class EventLog:
    """Mirrors: client-go/tools/record/events_cache.go :: eventLog"""

    count: int
    first_timestamp: str
    name: str
    resource_version: str


class EventLogger:
    """Counts repeats of an event so the repeat becomes a PATCH of the first one.

    Mirrors: client-go/tools/record/events_cache.go :: eventLogger
    """

    def __init__(self, lru_cache_entries: int = MAX_LRU_CACHE_ENTRIES) -> None:
        self.cache = LRU(lru_cache_entries)

    def event_observe(self, new_event: dict, key: str) -> tuple[dict, dict | None]:
        """Mirrors: client-go/tools/record/events_cache.go :: (*eventLogger).eventObserve"""
        event = dict(new_event)
        event["metadata"] = dict(new_event["metadata"])
        patch = None
        last: EventLog | None = self.cache.get(key)
        if last is not None and last.count > 0:
            event["metadata"]["name"] = last.name
            event["metadata"]["resourceVersion"] = last.resource_version
            event["firstTimestamp"] = last.first_timestamp
            event["count"] = last.count + 1
            # The two-way merge patch between the event with count, lastTimestamp and
            # message cleared and the event itself: exactly those three fields.
            patch = {"count": event["count"], "lastTimestamp": event["lastTimestamp"]}
            if event.get("message"):
                patch["message"] = event["message"]
        self.cache.add(key, EventLog(event.get("count", 0), event.get("firstTimestamp", ""),
                                     event["metadata"]["name"],
                                     event["metadata"].get("resourceVersion", "")))
        return event, patch

    def update_state(self, event: dict) -> None:
        """Remember the server's name and resourceVersion for the next PATCH.

        Mirrors: client-go/tools/record/events_cache.go :: (*eventLogger).updateState
        """
        meta = event.get("metadata") or {}
        self.cache.add(get_event_key(event), EventLog(
            event.get("count", 0), event.get("firstTimestamp", ""), meta.get("name", ""),
            meta.get("resourceVersion", "")))


@dataclass(slots=True)
class EventCorrelateResult:
    """Mirrors: client-go/tools/record/events_cache.go :: EventCorrelateResult"""

    event: dict | None = None
    patch: dict | None = None
    skip: bool = False


@dataclass(slots=True)
class CorrelatorOptions:
    """Mirrors: client-go/tools/record/event.go :: CorrelatorOptions (zero values take defaults)"""

    lru_cache_size: int = 0
    burst_size: int = 0
    qps: float = 0.0
    max_events: int = 0
    max_interval_in_seconds: int = 0
    key_func: Callable[[dict], tuple[str, str]] | None = None
    message_func: Callable[[dict], str] | None = None
    spam_key_func: Callable[[dict], str] | None = None


class EventCorrelator:
    """Filter, aggregate and de-duplicate events before they are written.

    Mirrors: client-go/tools/record/events_cache.go :: EventCorrelator
    """

    def __init__(self, env: simpy.Environment, options: CorrelatorOptions | None = None) -> None:
        o = options or CorrelatorOptions()
        size = o.lru_cache_size or MAX_LRU_CACHE_ENTRIES
        self.spam_filter = EventSourceObjectSpamFilter(
            env, size, o.burst_size or DEFAULT_SPAM_BURST, o.qps or DEFAULT_SPAM_QPS,
            o.spam_key_func or get_spam_key)
        self.aggregator = EventAggregator(
            env, size, o.key_func or event_aggregator_by_reason_func,
            o.message_func or event_aggregator_by_reason_message_func,
            o.max_events or DEFAULT_AGGREGATE_MAX_EVENTS,
            o.max_interval_in_seconds or DEFAULT_AGGREGATE_INTERVAL_IN_SECONDS)
        self.logger = EventLogger(size)

    def event_correlate(self, new_event: dict) -> EventCorrelateResult:
        """Mirrors: client-go/tools/record/events_cache.go :: (*EventCorrelator).EventCorrelate"""
        aggregate_event, ckey = self.aggregator.event_aggregate(new_event)
        observed, patch = self.logger.event_observe(aggregate_event, ckey)
        if self.spam_filter.filter(observed):
            return EventCorrelateResult(skip=True)
        return EventCorrelateResult(observed, patch)

    def update_state(self, event: dict) -> None:
        self.logger.update_state(event)
