"""Kubernetes Events: recorders, the broadcaster writing them, and their correlation.

Upstream: staging/src/k8s.io/client-go/tools/record
"""

from kubelab.client.record.event import (
    EVENT_TYPE_NORMAL,
    EVENT_TYPE_WARNING,
    EventBroadcaster,
    EventRecorder,
    EventSinkImpl,
    EventSource,
    new_broadcaster,
)
from kubelab.client.record.events_cache import CorrelatorOptions, EventCorrelator

__all__ = [
    "EVENT_TYPE_NORMAL",
    "EVENT_TYPE_WARNING",
    "CorrelatorOptions",
    "EventBroadcaster",
    "EventCorrelator",
    "EventRecorder",
    "EventSinkImpl",
    "EventSource",
    "new_broadcaster",
]
