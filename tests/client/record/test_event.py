"""Event recorder and broadcaster: naming, dedup by PATCH, aggregation, spam filter, retries."""

from __future__ import annotations

import copy

import pytest

from kubelab.api import errors
from kubelab.client.record import EventBroadcaster, EventSource
from kubelab.client.record.event import sprintf
from kubelab.client.record.events_cache import unix_nano
from kubelab.engine import Env


class FakeEventsClient:
    """Stores Events by namespace/name; ``create`` and ``patch`` take ``latency`` each."""

    def __init__(self, env, latency=0.002):
        self.env = env
        self.latency = latency
        self.events: dict[str, dict] = {}
        self.calls: list[tuple] = []
        self.rv = 0
        self.fail: list[BaseException] = []

    def list(self, *a, **kw):  # present so the broadcaster treats this as a client
        raise AssertionError("not used")

    def create(self, resource, obj, namespace=None, **kw):
        self.calls.append((self.env.now, "create", obj["metadata"]["name"]))
        yield self.env.timeout(self.latency)
        if self.fail:
            raise self.fail.pop(0)
        key = f"{namespace}/{obj['metadata']['name']}"
        if key in self.events:
            raise errors.new_already_exists("", "events", obj["metadata"]["name"])
        assert "resourceVersion" not in obj["metadata"]
        self.rv += 1
        stored = copy.deepcopy(obj)
        stored["metadata"]["resourceVersion"] = str(self.rv)
        self.events[key] = stored
        return copy.deepcopy(stored)

    def patch(self, resource, name, patch, namespace=None, *, patch_type="strategic", **kw):
        self.calls.append((self.env.now, "patch", name, dict(patch)))
        yield self.env.timeout(self.latency)
        key = f"{namespace}/{name}"
        if key not in self.events:
            raise errors.new_not_found("", "events", name)
        self.rv += 1
        self.events[key].update(patch)
        self.events[key]["metadata"]["resourceVersion"] = str(self.rv)
        return copy.deepcopy(self.events[key])


POD = {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "web", "namespace": "shop", "uid": "u-1", "resourceVersion": "7"}}


def setup(latency=0.002):
    env = Env()
    client = FakeEventsClient(env, latency)
    b = EventBroadcaster(env)
    b.start_recording_to_sink(client)
    rec = b.new_recorder(EventSource("default-scheduler"))
    return env, client, b, rec


def test_event_is_written_asynchronously_in_upstream_shape():
    env, client, b, rec = setup()

    def later():
        yield env.timeout(5)
        rec.eventf(POD, "Normal", "Scheduled", "Successfully assigned %s/%s to %s", "shop", "web", "node-1")

    env.process(later())
    env.run(until=6)
    (ev,) = client.events.values()
    assert ev == {
        "apiVersion": "v1", "kind": "Event",
        "metadata": {"name": f"web.{unix_nano(5.0):x}", "namespace": "shop", "resourceVersion": "1"},
        "involvedObject": {"kind": "Pod", "namespace": "shop", "name": "web", "uid": "u-1",
                           "apiVersion": "v1", "resourceVersion": "7"},
        "reason": "Scheduled", "message": "Successfully assigned shop/web to node-1",
        "firstTimestamp": "2025-01-01T00:00:05Z", "lastTimestamp": "2025-01-01T00:00:05Z",
        "count": 1, "type": "Normal", "source": {"component": "default-scheduler"},
        "reportingComponent": "default-scheduler",
    }
    assert client.calls == [(5, "create", f"web.{unix_nano(5.0):x}")]
    assert ev["metadata"]["name"] == "web.1816687fea5cf200"


def test_repeated_event_patches_count_and_last_timestamp():
    env, client, b, rec = setup()

    def emit():
        for t in (0, 30, 60):
            yield env.timeout(t - env.now)
            rec.event(POD, "Warning", "BackOff", "Back-off restarting failed container")

    env.process(emit())
    env.run(until=100)
    (ev,) = client.events.values()
    assert ev["count"] == 3
    assert ev["firstTimestamp"] == "2025-01-01T00:00:00Z"
    assert ev["lastTimestamp"] == "2025-01-01T00:01:00Z"
    assert [c[1] for c in client.calls] == ["create", "patch", "patch"]
    assert client.calls[2][3] == {"count": 3, "lastTimestamp": "2025-01-01T00:01:00Z",
                                  "message": "Back-off restarting failed container"}


def test_ten_similar_events_in_ten_minutes_are_combined():
    env, client, b, rec = setup()

    def emit():
        for i in range(12):
            rec.event(POD, "Warning", "FailedMount", f"volume {i} not ready")
            yield env.timeout(10)

    env.process(emit())
    env.run(until=200)
    msgs = sorted((e["message"], e["count"]) for e in client.events.values())
    assert len(msgs) == 10
    assert ("(combined from similar events): volume 11 not ready", 3) in msgs
    assert ("volume 0 not ready", 1) in msgs
    combined = next(e for e in client.events.values() if e["message"].startswith("(combined"))
    assert combined["firstTimestamp"] == "2025-01-01T00:01:30Z"
    assert "reportingComponent" not in combined


def test_similar_events_further_apart_than_ten_minutes_are_not_combined():
    env, client, b, rec = setup()

    def emit():
        for i in range(12):
            rec.event(POD, "Warning", "FailedMount", f"volume {i} not ready")
            yield env.timeout(601)

    env.process(emit())
    env.run(until=12 * 601)
    assert not any(e["message"].startswith("(combined") for e in client.events.values())


def test_spam_filter_allows_25_then_one_per_5_minutes():
    env, client, b, rec = setup(latency=0)

    def emit():
        for i in range(30):
            rec.event(POD, "Normal", f"Reason{i}", "m")
        yield env.timeout(299)
        rec.event(POD, "Normal", "Late1", "m")
        yield env.timeout(1)
        rec.event(POD, "Normal", "Late2", "m")

    env.process(emit())
    env.run(until=400)
    reasons = sorted(e["reason"] for e in client.events.values())
    assert len(reasons) == 26
    assert "Late2" in reasons and "Late1" not in reasons


def test_patch_of_a_deleted_event_falls_back_to_create():
    env, client, b, rec = setup()
    rec.event(POD, "Normal", "Pulled", "done")
    env.run(until=1)
    client.events.clear()
    rec.event(POD, "Normal", "Pulled", "done")
    env.run(until=2)
    assert [c[1] for c in client.calls] == ["create", "patch", "create"]
    (ev,) = client.events.values()
    assert ev["count"] == 2


def test_server_rejection_is_not_retried():
    env, client, b, rec = setup()
    client.fail.append(errors.new_forbidden("", "events", "", "no"))
    rec.event(POD, "Normal", "X", "y")
    env.run(until=100)
    assert len(client.calls) == 1
    assert client.events == {}


def test_transport_failures_are_retried_after_a_random_then_fixed_sleep():
    env, client, b, rec = setup(latency=0)
    client.fail.extend([ConnectionError("refused"), ConnectionError("refused")])
    rec.event(POD, "Normal", "X", "y")
    env.run(until=100)
    first = 10 * Env().rand.stream("client-go/record").random()
    assert [c[0] for c in client.calls] == [0, pytest.approx(first), pytest.approx(first + 10)]
    assert len(client.events) == 1


def test_events_about_cluster_scoped_objects_go_to_default():
    env, client, b, rec = setup()
    rec.event({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1", "uid": "n"}},
              "Normal", "NodeReady", "ready")
    env.run(until=1)
    (key,) = client.events
    assert key.startswith("default/n1.")


def test_two_events_about_one_object_at_one_instant_get_distinct_names():
    env, client, b, rec = setup()
    rec.event(POD, "Normal", "A", "a")
    rec.event(POD, "Normal", "B", "b")
    env.run(until=1)
    names = sorted(e["metadata"]["name"] for e in client.events.values())
    assert names == [f"web.{unix_nano(0):x}", f"web.{unix_nano(0) + 1:x}"]


def test_unsupported_type_is_dropped_and_full_queue_drops():
    env = Env()
    client = FakeEventsClient(env)
    b = EventBroadcaster(env, max_queued_events=2)
    b.start_recording_to_sink(client)
    rec = b.new_recorder(EventSource("kubelet", "node-1"))
    rec.event(POD, "Info", "X", "y")
    for i in range(4):
        rec.event(POD, "Normal", f"R{i}", "y")
    env.run(until=1)
    assert b.dropped == 2
    assert sorted(e["reason"] for e in client.events.values()) == ["R0", "R1"]
    ev = next(iter(client.events.values()))
    assert ev["source"] == {"component": "kubelet", "host": "node-1"}
    assert ev["reportingInstance"] == "node-1"
    assert any(r["message"] == "Unsupported event type: 'Info'" for r in env.trace)


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
