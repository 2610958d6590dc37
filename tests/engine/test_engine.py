"""The engine: clock, seeded streams, latency, trace, metrics, wait.until."""

import pytest

from kubelab.engine import Env, LatencyModel, clock, wait
from kubelab.engine.metrics import Registry
from kubelab.engine.rand import Streams


def test_timestamps_are_a_fixed_epoch_plus_simulated_seconds():
    assert clock.rfc3339(0) == "2025-01-01T00:00:00Z"
    assert clock.rfc3339(3661.9) == "2025-01-01T01:01:01Z"
    assert clock.rfc3339_micro(1.25) == "2025-01-01T00:00:01.250000Z"
    assert clock.parse("2025-01-01T00:02:05Z") == 125.0


def test_each_component_has_its_own_reproducible_stream():
    a, b = Streams(42), Streams(42)
    assert [a.stream("scheduler").random() for _ in range(3)] == [b.stream("scheduler").random() for _ in range(3)]
    # drawing from one stream does not move another
    c = Streams(42)
    c.stream("kubelet").random()
    assert c.stream("scheduler").random() == Streams(42).stream("scheduler").random()


def test_uids_look_like_version_4_uuids_and_repeat_with_the_seed():
    u = Streams(1).uid()
    assert len(u) == 36 and u[14] == "4" and u[19] in "89ab"
    assert Streams(1).uid() == u != Streams(2).uid()


def test_generated_name_suffixes_use_upstreams_alphabet():
    s = Streams(0).suffix(5)
    assert len(s) == 5 and all(ch in "bcdfghjklmnpqrstvwxz2456789" for ch in s)


def test_the_latency_model_can_be_zero_or_jittered_around_its_base():
    assert LatencyModel.zero().sample("api_request") == 0.0
    env = Env(0, latency=LatencyModel({"api_request": 0.01}, jitter=0.2))
    samples = [env.latency.sample("api_request") for _ in range(200)]
    assert all(0.008 <= s <= 0.012 for s in samples) and len(set(samples)) > 100
    env2 = Env(0, latency=LatencyModel({"api_request": 0.01}, jitter=0.2))
    assert samples == [env2.latency.sample("api_request") for _ in range(200)]


def test_trace_records_only_up_to_its_level():
    env = Env(0, trace_level=2)
    env.trace.record("kube-scheduler", "ScheduleOne", level=2, name="web")
    env.trace.record("kube-scheduler", "Filter", level=5, name="web")
    df = env.trace.frame()
    assert df.action.tolist() == ["ScheduleOne"]
    assert list(df.columns) == ["seq", "time", "level", "component", "action", "src", "dst", "kind", "namespace",
                                "name", "message", "fields"]


def test_wait_until_runs_every_period_until_stopped():
    env = Env(0)
    times = []
    stop = env.event()
    wait.until(env, lambda: times.append(env.now), 2.0, stop=stop)
    env.run(until=5)
    stop.succeed()
    env.run(until=10)
    assert times == [0.0, 2.0, 4.0]


def test_metrics_render_in_the_prometheus_text_format():
    r = Registry()
    r.counter("workqueue_adds_total", "Total number of adds handled by workqueue", ("name",)).inc("deployment")
    h = r.histogram("apiserver_request_duration_seconds", "Response latency", ("verb",), buckets=(0.1, 1))
    h.observe(0.05, "GET")
    h.observe(0.5, "GET")
    text = r.text()
    assert 'workqueue_adds_total{name="deployment"} 1' in text
    assert 'apiserver_request_duration_seconds_bucket{verb="GET",le="0.1"} 1' in text
    assert 'apiserver_request_duration_seconds_bucket{verb="GET",le="+Inf"} 2' in text
    assert "apiserver_request_duration_seconds_sum{verb=\"GET\"} 0.55" in text
    assert "# TYPE apiserver_request_duration_seconds histogram" in text
    assert r.frame().query("metric == 'workqueue_adds_total'").value.tolist() == [1.0]


@pytest.mark.parametrize("level", [0, 2])
def test_recording_below_the_level_costs_no_rows(level):
    env = Env(0, trace_level=level)
    for _ in range(1000):
        env.trace.record("x", "y", level=4)
    assert len(env.trace) == 0
