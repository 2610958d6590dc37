"""Event recording: recorders hand events to a broadcaster that writes them through a client.

Upstream: staging/src/k8s.io/client-go/tools/record/event.go (with util/util.go and the
EventSinkImpl of client-go/kubernetes/typed/core/v1/event_expansion.go)
"""

from __future__ import annotations

import json
import re
import weakref
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import simpy

from kubelab.api import errors
from kubelab.client.record.events_cache import CorrelatorOptions, EventCorrelator, unix_nano

# A write is tried up to 12 times, 10 s apart (the first wait randomised).
MAX_TRIES_PER_EVENT = 12
DEFAULT_SLEEP_DURATION = 10.0
# Events waiting to be written beyond this are dropped (watch.DropIfChannelFull).
MAX_QUEUED_EVENTS = 1000

EVENT_TYPE_NORMAL = "Normal"
EVENT_TYPE_WARNING = "Warning"
NAMESPACE_DEFAULT = "default"
NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating"


@dataclass(frozen=True, slots=True)
class EventSource:
    """Mirrors: k8s.io/api/core/v1 :: EventSource"""

    component: str = ""
    host: str = ""

    def to_dict(self) -> dict[str, str]:
        d = {"component": self.component} if self.component else {}
        if self.host:
            d["host"] = self.host
        return d


def validate_event_type(eventtype: str) -> bool:
    """Mirrors: client-go/tools/record/util/util.go :: ValidateEventType"""
    return eventtype in (EVENT_TYPE_NORMAL, EVENT_TYPE_WARNING)


def is_key_not_found_error(err: BaseException) -> bool:
    """Mirrors: client-go/tools/record/util/util.go :: IsKeyNotFoundError"""
    return isinstance(err, errors.ApiError) and err.code == 404


_VERB = re.compile(r"%([-+# 0]*\d*(?:\.\d+)?)([vsdqfgtxX%])")


def sprintf(fmt: str, *args: Any) -> str:
    """Go's ``fmt.Sprintf`` for the verbs event messages use (%v %s %d %q %f %g %t %x %%)."""
    it = iter(args)

    def repl(m: re.Match[str]) -> str:
        flags, verb = m.group(1), m.group(2)
        if verb == "%":
            return "%"
        try:
            a = next(it)
        except StopIteration:
            return f"%!{verb}(MISSING)"
        if verb == "q":
            return json.dumps(str(a))
        if verb == "t":
            return "true" if a else "false"
        if verb in "vs":
            if isinstance(a, bool):
                return "true" if a else "false"
            if a is None:
                return "<nil>"
            return ("%" + flags + "s") % (a,)
        return ("%" + flags + verb) % (a,)

    return _VERB.sub(repl, fmt)


def get_reference(obj: dict) -> dict:
    """An ObjectReference to ``obj`` (or ``obj`` itself when it is a reference).

    Mirrors: client-go/tools/reference/ref.go :: GetReference
    """
    if "metadata" not in obj:
        return dict(obj)
    meta = obj["metadata"]
    ref = {"kind": obj.get("kind", ""), "namespace": meta.get("namespace", ""),
           "name": meta.get("name", ""), "uid": meta.get("uid", ""),
           "apiVersion": obj.get("apiVersion", ""), "resourceVersion": meta.get("resourceVersion", "")}
    return {k: v for k, v in ref.items() if v}


_USED_NANOS: weakref.WeakKeyDictionary[Any, dict[str, int]] = weakref.WeakKeyDictionary()


def _event_nanos(env: Any, name: str, now: float) -> int:
    """UnixNano of the simulated clock, bumped by 1 ns if this name already used it.

    Go's clock differs at every call; a simulated clock stands still within an instant,
    so two events about one object at the same instant would collide on the name.
    """
    used = _USED_NANOS.get(env)
    if used is None:
        used = _USED_NANOS[env] = {}
    n = unix_nano(now)
    last = used.get(name)
    if last is not None and n <= last:
        n = last + 1
    used[name] = n
    return n


class EventSinkImpl:
    """Writes core/v1 Events through a client. Mirrors: typed/core/v1 :: EventSinkImpl"""

    def __init__(self, client: Any) -> None:
        self.client = client

    def create(self, event: dict) -> Generator[Any, Any, dict]:
        """Mirrors: event_expansion.go :: CreateWithEventNamespace"""
        out = yield from self.client.create("events", event, event["metadata"]["namespace"])
        return out

    def patch(self, event: dict, patch: dict) -> Generator[Any, Any, dict]:
        """Mirrors: event_expansion.go :: PatchWithEventNamespace (strategic merge patch)"""
        meta = event["metadata"]
        out = yield from self.client.patch("events", meta["name"], patch, meta["namespace"],
                                           patch_type="strategic")
        return out


class EventBroadcaster:
    """Receives events from recorders and writes them, one at a time, to each sink.

    Mirrors: client-go/tools/record/event.go :: eventBroadcasterImpl (NewBroadcaster,
    StartRecordingToSink, NewRecorder, Shutdown)

    Differences: each sink has its own bounded queue and SimPy process (upstream: one
    watch.Broadcaster fanning out to watcher goroutines); no logging sinks (the trace
    records every event instead).
    """

    def __init__(self, env: Any, *, sleep_duration: float = DEFAULT_SLEEP_DURATION,
                 correlator_options: CorrelatorOptions | None = None,
                 max_queued_events: int = MAX_QUEUED_EVENTS) -> None:
        self.env = env
        self.sleep_duration = sleep_duration
        self.correlator_options = correlator_options
        self.max_queued_events = max_queued_events
        self.watchers: list[_SinkWatcher] = []
        self.stopped = False
        self.dropped = 0

    def start_recording_to_sink(self, sink: Any) -> _SinkWatcher:
        """Write every event to ``sink`` (an EventSinkImpl, or a client to wrap in one)."""
        if hasattr(sink, "list"):  # a Client: write through the events resource
            sink = EventSinkImpl(sink)
        w = _SinkWatcher(self, sink, EventCorrelator(self.env, self.correlator_options))
        self.watchers.append(w)
        w.process = self.env.process(w.run())
        return w

    def new_recorder(self, source: EventSource | dict[str, str], component: str = "") -> EventRecorder:
        """Mirrors: client-go/tools/record/event.go :: (*eventBroadcasterImpl).NewRecorder"""
        if isinstance(source, dict):
            source = EventSource(source.get("component", ""), source.get("host", ""))
        return EventRecorder(self, source, component)

    def action_or_drop(self, event: dict) -> bool:
        """Queue ``event`` for every sink; False when a full queue dropped it."""
        if self.stopped:
            return False
        sent = True
        for w in self.watchers:
            if len(w.queue) >= self.max_queued_events:
                sent = False
                self.dropped += 1
                continue
            w.queue.append(event)
            if w.wakeup is not None and not w.wakeup.triggered:
                w.wakeup.succeed()
        return sent

    def shutdown(self) -> None:
        """Stop writing; queued events are discarded."""
        self.stopped = True
        for w in self.watchers:
            w.queue.clear()
            if w.wakeup is not None and not w.wakeup.triggered:
                w.wakeup.succeed()


class _SinkWatcher:
    """One sink's queue and writer process (StartEventWatcher + recordToSink)."""

    def __init__(self, b: EventBroadcaster, sink: Any, correlator: EventCorrelator) -> None:
        self.broadcaster = b
        self.sink = sink
        self.correlator = correlator
        self.queue: deque[dict] = deque()
        self.wakeup: simpy.Event | None = None
        self.process: simpy.Process | None = None

    def run(self) -> Generator[Any, Any, None]:
        b = self.broadcaster
        env = b.env
        while not b.stopped:
            if not self.queue:
                self.wakeup = simpy.Event(env)
                yield self.wakeup
                self.wakeup = None
                continue
            event = self.queue.popleft()
            yield from record_to_sink(env, self.sink, event, self.correlator, b.sleep_duration)


def record_to_sink(env: Any, sink: Any, event: dict, correlator: EventCorrelator,
                   sleep_duration: float) -> Generator[Any, Any, None]:
    """Correlate, then create or patch the event, retrying failed writes.

    Mirrors: client-go/tools/record/event.go :: recordToSink
    """
    result = correlator.event_correlate(event)
    if result.skip or result.event is None:
        if env.trace.v(4):
            env.trace.record(_source_name(event), "recordToSink", level=4, message="event skipped by the spam filter")
        return
    ev = result.event
    tries = 0
    while True:
        done = yield from record_event(env, sink, ev, result.patch, ev.get("count", 1) > 1, correlator)
        if done:
            return
        tries += 1
        if tries >= MAX_TRIES_PER_EVENT:
            env.trace.record(_source_name(ev), "recordToSink", level=2,
                             message=f"Unable to write event '{ev['metadata']['name']}' (retry limit exceeded!)")
            return
        if tries == 1:
            yield env.timeout(sleep_duration * env.rand.stream("client-go/record").random())
        else:
            yield env.timeout(sleep_duration)


def record_event(env: Any, sink: Any, event: dict, patch: dict | None, update_existing_event: bool,
                 correlator: EventCorrelator) -> Generator[Any, Any, bool]:
    """One write attempt; True when the event needs no further attempt.

    Mirrors: client-go/tools/record/event.go :: recordEvent
    """
    new_event = None
    err: BaseException | None = None
    if update_existing_event:
        try:
            new_event = yield from sink.patch(event, patch)
        except errors.ApiError as e:
            err = e
    if not update_existing_event or (err is not None and is_key_not_found_error(err)):
        event = dict(event)
        event["metadata"] = {k: v for k, v in event["metadata"].items() if k != "resourceVersion"}
        try:
            new_event = yield from sink.create(event)
            err = None
        except errors.ApiError as e:
            err = e
        except Exception as e:  # a transport failure: worth retrying
            err = e
    if err is None and new_event is not None:
        correlator.update_state(new_event)
        return True
    if isinstance(err, errors.ApiError):
        causes = [c.get("reason") for c in err.causes]
        if errors.is_already_exists(err) or NAMESPACE_TERMINATING_CAUSE in causes:
            level, msg = 5, f"Server rejected event (will not retry!): {err}"
        else:
            level, msg = 2, f"Server rejected event '{event['metadata']['name']}': '{err}' (will not retry!)"
        if env.trace.v(level):
            env.trace.record(_source_name(event), "recordEvent", level=level, message=msg)
        return True
    env.trace.record(_source_name(event), "recordEvent", level=2,
                     message=f"Unable to write event: '{event['metadata']['name']}': '{err}'(may retry after sleeping)")
    return False


def _source_name(event: dict) -> str:
    return (event.get("source") or {}).get("component", "") or "event-broadcaster"


class EventRecorder:
    """Records events about objects on behalf of one source (component and host).

    ``recorder.event(pod, "Normal", "Scheduled", "Successfully assigned ...")`` returns at
    once; the broadcaster writes the Event in the background, like upstream.

    Mirrors: client-go/tools/record/event.go :: recorderImpl
    """

    def __init__(self, broadcaster: EventBroadcaster, source: EventSource, component: str = "") -> None:
        self.broadcaster = broadcaster
        self.env = broadcaster.env
        self.source = source
        self.component = component or (
            f"{source.component}/{source.host}" if source.host else source.component)

    def event(self, obj: dict, eventtype: str, reason: str, message: str) -> None:
        self.generate_event(obj, None, eventtype, reason, message)

    def eventf(self, obj: dict, eventtype: str, reason: str, message_fmt: str, *args: Any) -> None:
        self.generate_event(obj, None, eventtype, reason, sprintf(message_fmt, *args))

    def annotated_eventf(self, obj: dict, annotations: dict[str, str] | None, eventtype: str,
                         reason: str, message_fmt: str, *args: Any) -> None:
        self.generate_event(obj, annotations, eventtype, reason, sprintf(message_fmt, *args))

    def generate_event(self, obj: dict, annotations: dict[str, str] | None, eventtype: str,
                       reason: str, message: str) -> None:
        """Mirrors: client-go/tools/record/event.go :: (*recorderImpl).generateEvent"""
        trace = self.env.trace
        ref = get_reference(obj)
        if not validate_event_type(eventtype):
            trace.record(self.component, "Event", level=2, message=f"Unsupported event type: '{eventtype}'")
            return
        event = self.make_event(ref, annotations, eventtype, reason, message)
        event["source"] = self.source.to_dict()
        if self.source.component:
            event["reportingComponent"] = self.source.component
        if self.source.host:
            event["reportingInstance"] = self.source.host
        if trace.v(2):
            trace.record(self.component, "Event", level=2, kind=ref.get("kind", ""),
                         namespace=ref.get("namespace", ""), name=ref.get("name", ""),
                         message=f"{eventtype} {reason}: {message}",
                         fields={"type": eventtype, "reason": reason})
        if not self.broadcaster.action_or_drop(event):
            trace.record(self.component, "Event", level=2,
                         message="Unable to record event: too many queued events, dropped event")

    def make_event(self, ref: dict, annotations: dict[str, str] | None, eventtype: str, reason: str,
                   message: str) -> dict:
        """Mirrors: client-go/tools/record/event.go :: (*recorderImpl).makeEvent"""
        now = self.env.now
        ts = self.env.timestamp()
        name = ref.get("name", "")
        meta: dict[str, Any] = {"name": f"{name}.{_event_nanos(self.env, name, now):x}",
                                "namespace": ref.get("namespace") or NAMESPACE_DEFAULT}
        if annotations:
            meta["annotations"] = dict(annotations)
        return {"apiVersion": "v1", "kind": "Event", "metadata": meta, "involvedObject": ref,
                "reason": reason, "message": message, "firstTimestamp": ts, "lastTimestamp": ts,
                "count": 1, "type": eventtype}


def new_broadcaster(env: Any, *, sleep_duration: float = DEFAULT_SLEEP_DURATION,
                    correlator_options: CorrelatorOptions | None = None) -> EventBroadcaster:
    """Mirrors: client-go/tools/record/event.go :: NewBroadcaster"""
    return EventBroadcaster(env, sleep_duration=sleep_duration, correlator_options=correlator_options)
