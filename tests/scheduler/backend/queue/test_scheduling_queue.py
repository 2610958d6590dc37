"""The scheduling queue: ordering, backoff, the unschedulable pool, hints, gates (scheduling_queue_test.go)."""

import pytest

from kubelab.engine import Env
from kubelab.scheduler.backend.queue.scheduling_queue import PriorityQueue
from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import NominatingInfo, NominatingMode
from kubelab.scheduler.framework.types import PodInfo

from ...wrappers import default_framework, make_node, make_pod


def new_queue(env=None, **kw):
    env = env or Env(0)
    fwk = default_framework(env)
    q = PriorityQueue(env, fwk.queue_sort_func(), profiles={"default-scheduler": fwk}, **kw)
    fwk.pod_nominator = q
    return env, q


def pop_now(env, q):
    proc = env.process(q.pop())
    env.run(until=env.now + 1e-9)
    assert proc.triggered
    return proc.value


def test_pop_takes_the_highest_priority_first_then_the_oldest():
    env, q = new_queue()
    q.add(make_pod("low", priority=1))
    q.add(make_pod("high", priority=10))
    q.add(make_pod("high2", priority=10))
    assert [pop_now(env, q).pod["metadata"]["name"] for _ in range(3)] == ["high", "high2", "low"]


def test_pop_waits_for_a_pod():
    env, q = new_queue()
    got = []

    def consumer():
        pi = yield from q.pop()
        got.append((env.now, pi.pod["metadata"]["name"]))

    env.process(consumer())

    def producer():
        yield env.timeout(2.5)
        q.add(make_pod("late"))

    env.process(producer())
    env.run(until=5)
    assert got == [(2.5, "late")]


@pytest.mark.parametrize("attempts,seconds", [(0, 0), (1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (9, 10)])
def test_backoff_doubles_from_1s_up_to_10s(attempts, seconds):
    _, q = new_queue()
    pi = q.new_queued_pod_info(make_pod("p"))
    pi.attempts = attempts
    assert q.calculate_backoff_duration(pi) == seconds


def fail(q, pi, *plugins):
    pi.unschedulable_plugins = dict.fromkeys(plugins)
    q.add_unschedulable_if_not_present(pi, q.scheduling_cycle)


def test_a_failed_pod_waits_in_the_unschedulable_pool_until_an_event_helps():
    env, q = new_queue()
    q.add(make_pod("p", cpu="4"))
    pi = pop_now(env, q)
    fail(q, pi, "NodeResourcesFit")
    assert list(q.unschedulable_pods) == [pi.uid] and len(q.active_q) == 0
    # A node too small does not help (the Fit queueing hint says QueueSkip).
    q.move_all_to_active_or_backoff_queue(ev.EVENT_NODE_ADD, None, make_node("small", cpu="1"))
    assert pi.uid in q.unschedulable_pods
    # A big enough node does; the pod's 1 s backoff has not passed, so it waits in backoffQ.
    q.move_all_to_active_or_backoff_queue(ev.EVENT_NODE_ADD, None, make_node("big", cpu="8"))
    assert q.backoff_q.has(pi) and not q.unschedulable_pods
    env.run(until=env.now + 1.01)
    q.flush_backoff_q_completed()
    assert q.active_q.has(pi)


def test_an_event_during_the_cycle_sends_the_pod_to_backoff_instead_of_the_pool():
    env, q = new_queue()
    q.add(make_pod("p", cpu="4"))
    pi = pop_now(env, q)
    q.move_all_to_active_or_backoff_queue(ev.EVENT_NODE_ADD, None, make_node("big", cpu="8"))
    fail(q, pi, "NodeResourcesFit")
    assert q.backoff_q.has(pi) and not q.in_flight_pods and not q.in_flight_events


def test_pods_without_rejecting_plugins_are_retried_after_backoff():
    env, q = new_queue()
    q.add(make_pod("p"))
    pi = pop_now(env, q)
    fail(q, pi)
    assert q.backoff_q.has(pi)


def test_unschedulable_pods_are_flushed_after_five_minutes():
    env, q = new_queue()
    q.add(make_pod("p"))
    pi = pop_now(env, q)
    fail(q, pi, "NodeResourcesFit")
    env.run(until=env.now + 300)
    q.flush_unschedulable_pods_leftover()
    assert pi.uid in q.unschedulable_pods
    env.run(until=env.now + 1)
    q.flush_unschedulable_pods_leftover()
    assert q.active_q.has(pi)


def test_flush_loops_run_on_their_tickers():
    env, q = new_queue()
    q.run()
    q.add(make_pod("p"))
    pi = pop_now(env, q)
    pi.attempts = 3  # 4 s of backoff
    fail(q, pi)
    assert q.backoff_q.has(pi)
    env.run(until=4.0)
    assert q.backoff_q.has(pi)
    env.run(until=5.01)
    assert q.active_q.has(pi)


def test_gated_pods_wait_until_their_gates_are_removed():
    env, q = new_queue()
    gated = make_pod("g", gates=["example.com/wait"])
    q.add(gated)
    assert len(q.active_q) == 0 and q.unschedulable_pods[gated["metadata"]["uid"]].gated
    ungated = make_pod("g", uid=gated["metadata"]["uid"])
    ungated["metadata"]["resourceVersion"] = "2"
    q.update(gated, ungated)
    assert len(q.active_q) == 1 and not q.unschedulable_pods


def test_delete_removes_the_pod_from_any_queue():
    env, q = new_queue()
    p = make_pod("p")
    q.add(p)
    q.delete(p)
    assert len(q.active_q) == 0


def test_nominator_tracks_pods_per_node():
    env, q = new_queue()
    p = make_pod("p", priority=5)
    q.add_nominated_pod(PodInfo(p), NominatingInfo("node1", NominatingMode.MODE_OVERRIDE))
    assert [pi.pod["metadata"]["name"] for pi in q.nominated_pods_for_node("node1")] == ["p"]
    # A plain update of the pod keeps the in-memory nomination.
    q.nominator.update_nominated_pod(p, PodInfo(dict(p)))
    assert q.nominated_pods_for_node("node1")
    q.delete_nominated_pod_if_exists(p)
    assert q.nominated_pods_for_node("node1") == []


def test_pending_pods_metric_follows_the_queues():
    from kubelab.scheduler.metrics.metrics import SchedulerMetrics

    env = Env(0)
    m = SchedulerMetrics(env.metrics)
    _, q = new_queue(env, metrics=m)
    q.add(make_pod("a"))
    q.add(make_pod("g", gates=["x"]))
    assert m.pending_pods.get("active") == 1 and m.pending_pods.get("gated") == 1
