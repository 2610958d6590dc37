"""Event recorder and broadcaster against a real cluster: naming, dedup by PATCH,
aggregation, spam filter, rejections and retries."""

from __future__ import annotations

import pytest

from kubelab.client.record import EventBroadcaster, EventSource
from kubelab.client.record.event import EventSinkImpl, sprintf
from kubelab.client.record.events_cache import unix_nano
from kubelab.engine import clock
from kubelab.engine.rand import Streams

from ..cluster import new_cluster

SCHEDULER = EventSource("default-scheduler")


def setup(identity="system:kube-scheduler", source=SCHEDULER, groups=(), **kw):
    c = new_cluster(zero_latency=True)
    b = EventBroadcaster(c.env, **kw)
    b.start_recording_to_sink(c.component_client(identity, groups))
    rec = b.new_recorder(source, component="kube-scheduler")
    obj = c.client.create("configmaps", {"apiVersion": "v1", "kind": "ConfigMap",
                                         "metadata": {"name": "web"}}, "default")
    return c, b, rec, obj


def events(c, namespace="default"):
    return c.client.list("events", namespace)["items"]


def schedule(c, steps):
    """Call each ``fn`` at its time ``dt`` after now, from a process."""
    def proc():
        t0 = c.now
        for dt, fn in steps:
            yield c.env.timeout(t0 + dt - c.now)
            fn()
    c.env.process(proc())


def test_event_is_written_asynchronously_in_upstream_shape():
    c, b, rec, cm = setup()
    t = c.now
    rec.eventf(cm, "Normal", "Scheduled", "Successfully assigned %s/%s to %s", "default", "web", "node-1")
    assert events(c) == []  # written by the broadcaster's process, not by the call
    c.run(1)
    (ev,) = events(c)
    assert ev["metadata"]["name"] == f"web.{unix_nano(t):x}"
    assert ev["metadata"]["namespace"] == "default"
    assert ev["involvedObject"] == {"kind": "ConfigMap", "namespace": "default", "name": "web",
                                    "uid": cm["metadata"]["uid"], "apiVersion": "v1",
                                    "resourceVersion": cm["metadata"]["resourceVersion"]}
    assert (ev["reason"], ev["message"], ev["type"], ev["count"]) == (
        "Scheduled", "Successfully assigned default/web to node-1", "Normal", 1)
    assert ev["source"] == {"component": "default-scheduler"}
    assert ev["reportingComponent"] == "default-scheduler"
    assert ev["firstTimestamp"] == ev["lastTimestamp"] == clock.rfc3339(t)


def test_repeated_event_patches_count_and_last_timestamp():
    c, b, rec, cm = setup()
    t0 = c.now
    schedule(c, [(dt, lambda: rec.event(cm, "Warning", "BackOff", "Back-off restarting failed container"))
         for dt in (0, 30, 60)])
    c.run(100)
    (ev,) = events(c)
    assert ev["count"] == 3
    assert ev["metadata"]["name"] == f"web.{unix_nano(t0):x}"
    assert ev["firstTimestamp"] == clock.rfc3339(t0)
    assert ev["lastTimestamp"] == clock.rfc3339(t0 + 60)


def test_ten_similar_events_in_ten_minutes_are_combined():
    c, b, rec, cm = setup()
    schedule(c, [(10 * i, lambda i=i: rec.event(cm, "Warning", "FailedMount", f"volume {i} not ready"))
         for i in range(12)])
    c.run(200)
    msgs = sorted((e["message"], e["count"]) for e in events(c))
    assert len(msgs) == 10
    assert ("(combined from similar events): volume 11 not ready", 3) in msgs
    assert ("volume 0 not ready", 1) in msgs
    combined = next(e for e in events(c) if e["message"].startswith("(combined"))
    assert "reportingComponent" not in combined or combined["reportingComponent"] == ""


def test_similar_events_further_apart_than_ten_minutes_are_not_combined():
    c, b, rec, cm = setup()
    schedule(c, [(601 * i, lambda i=i: rec.event(cm, "Warning", "FailedMount", f"volume {i} not ready"))
         for i in range(12)])
    c.run(12 * 601)
    assert not any(e["message"].startswith("(combined") for e in events(c))
    assert len(events(c)) == 12


def test_spam_filter_allows_25_then_one_per_5_minutes():
    c, b, rec, cm = setup()
    schedule(c, [(0, lambda: [rec.event(cm, "Normal", f"Reason{i}", "m") for i in range(30)]),
         (299, lambda: rec.event(cm, "Normal", "Late1", "m")),
         (300, lambda: rec.event(cm, "Normal", "Late2", "m"))])
    c.run(400)
    reasons = sorted(e["reason"] for e in events(c))
    assert len(reasons) == 26
    assert "Late2" in reasons and "Late1" not in reasons


def test_patch_of_a_deleted_event_falls_back_to_create():
    c, b, rec, cm = setup()
    rec.event(cm, "Normal", "Pulled", "done")
    c.run(1)
    (first,) = events(c)
    c.client.delete("events", first["metadata"]["name"], "default")
    rec.event(cm, "Normal", "Pulled", "done")
    c.run(1)
    (ev,) = events(c)
    assert ev["count"] == 2
    assert ev["metadata"]["name"] == first["metadata"]["name"]


def test_server_rejection_is_not_retried():
    c, b, rec, cm = setup(identity="nobody")  # no RBAC rights to write events
    rec.event(cm, "Normal", "X", "y")
    c.run(100)
    assert events(c) == []
    rows = [r["message"] for r in c.env.trace if r["action"] == "recordEvent"]
    assert len(rows) == 1 and rows[0].startswith("Server rejected event 'web.")
    assert rows[0].endswith("(will not retry!)")


class FlakySink(EventSinkImpl):
    """The real sink, failing the first ``n`` creates as a dropped connection would."""

    def __init__(self, client, n):
        super().__init__(client)
        self.n = n
        self.attempts = []

    def create(self, event):
        self.attempts.append(self.client.env.now)
        if self.n:
            self.n -= 1
            raise ConnectionError("connect: connection refused")
        return (yield from super().create(event))


def test_transport_failures_are_retried_after_a_random_then_fixed_sleep():
    c = new_cluster(zero_latency=True)
    b = EventBroadcaster(c.env)
    sink = FlakySink(c.component_client("system:kube-scheduler"), 2)
    b.start_recording_to_sink(sink)
    rec = b.new_recorder(EventSource("default-scheduler"))
    t0 = c.now
    rec.event({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}}, "Normal", "X", "y")
    c.run(100)
    first = 10 * Streams(0).stream("client-go/record").random()
    assert sink.attempts == [t0, pytest.approx(t0 + first), pytest.approx(t0 + first + 10)]
    assert len(events(c)) == 1


def test_events_about_cluster_scoped_objects_go_to_default():
    c, b, rec, cm = setup()
    rec.event({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "uid": "n"}},
              "Normal", "NodeReady", "ready")
    c.run(1)
    (ev,) = events(c)
    assert ev["metadata"]["name"].startswith("n1.")
    assert ev["involvedObject"]["kind"] == "Node"


def test_two_events_about_one_object_at_one_instant_get_distinct_names():
    c, b, rec, cm = setup()
    t = c.now
    rec.event(cm, "Normal", "A", "a")
    rec.event(cm, "Normal", "B", "b")
    c.run(1)
    assert sorted(e["metadata"]["name"] for e in events(c)) == [f"web.{unix_nano(t):x}", f"web.{unix_nano(t) + 1:x}"]


def test_unsupported_type_is_dropped_and_a_full_queue_drops():
    c, b, rec, cm = setup(identity="system:node:node-1", source=EventSource("kubelet", "node-1"),
                          groups=("system:nodes",), max_queued_events=2)
    rec.event(cm, "Info", "X", "y")
    for i in range(4):
        rec.event(cm, "Normal", f"R{i}", "y")
    c.run(1)
    assert b.dropped == 2
    assert sorted(e["reason"] for e in events(c)) == ["R0", "R1"]
    ev = events(c)[0]
    assert ev["source"] == {"component": "kubelet", "host": "node-1"}
    assert ev["reportingInstance"] == "node-1"
    assert any(r["message"] == "Unsupported event type: 'Info'" for r in c.env.trace)


@pytest.mark.parametrize("fmt,args,want", [
    ("%s/%s", ("a", "b"), "a/b"),
    ("%d replicas", (3,), "3 replicas"),
    ("%v %v", (True, None), "true <nil>"),
    ("image %q", ("nginx",), 'image "nginx"'),
    ("100%%", (), "100%"),
    ("%s", (), "%!s(MISSING)"),
])
def test_sprintf_formats_like_go(fmt, args, want):
    assert sprintf(fmt, *args) == want
