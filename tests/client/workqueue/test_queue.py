"""Work queue: dirty/processing sets, blocking get, shutdown and drain."""

from __future__ import annotations

import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.client.workqueue import new, new_named
from kubelab.engine import Env


def test_reinsert_while_processing_is_handed_out_again():
    """TestReinsert."""
    env = Env()
    q = new(env)
    q.add("foo")
    ev = q.get()
    env.run()
    item, shutdown = ev.value
    assert (item, shutdown) == ("foo", False)
    q.add(item)
    assert q.len() == 0  # dirty but still processing: not queued yet
    q.done(item)
    assert q.len() == 1
    ev = q.get()
    env.run()
    assert ev.value == ("foo", False)
    q.done("foo")
    assert q.len() == 0


def test_len_counts_each_waiting_item_once():
    """TestLen."""
    q = new(Env())
    q.add("foo")
    assert q.len() == 1
    q.add("bar")
    assert q.len() == 2
    q.add("bar")
    assert len(q) == 2


def test_items_come_out_in_first_added_order():
    env = Env()
    q = new(env)
    for k in ("c", "a", "b", "a"):
        q.add(k)
    got = []
    for _ in range(3):
        ev = q.get()
        env.run()
        got.append(ev.value[0])
    assert got == ["c", "a", "b"]


def test_blocked_worker_wakes_at_the_instant_of_the_add():
    env = Env()
    q = new(env)
    seen = []

    def worker():
        item, shutdown = yield q.get()
        seen.append((env.now, item, shutdown))
        q.done(item)

    def producer():
        yield env.timeout(3.5)
        q.add("ns/web")

    env.process(worker())
    env.process(producer())
    env.run()
    assert seen == [(3.5, "ns/web", False)]


def test_waiting_workers_are_served_in_arrival_order():
    env = Env()
    q = new(env)
    seen = []

    def worker(n):
        yield env.timeout(n * 0.1)
        item, _ = yield q.get()
        seen.append((n, item))

    for n in range(3):
        env.process(worker(n))

    def producer():
        yield env.timeout(1)
        for k in ("a", "b", "c"):
            q.add(k)

    env.process(producer())
    env.run()
    assert seen == [(0, "a"), (1, "b"), (2, "c")]


def test_shut_down_wakes_blocked_workers_with_shutdown_true():
    """TestForceQueueShutdownUsingShutDown (blocked getters return)."""
    env = Env()
    q = new(env)
    seen = []

    def worker():
        item, shutdown = yield q.get()
        seen.append((env.now, item, shutdown))

    env.process(worker())
    env.process(worker())

    def stopper():
        yield env.timeout(2)
        q.shut_down()

    env.process(stopper())
    env.run()
    assert seen == [(2, None, True), (2, None, True)]
    assert q.shutting_down()
    q.add("late")
    assert q.len() == 0


def test_items_queued_before_shutdown_are_still_handed_out():
    """TestNoQueueDrainageUsingShutDown: Get keeps returning queued items first."""
    env = Env()
    q = new(env)
    q.add("a")
    q.shut_down()
    ev1, ev2 = q.get(), q.get()
    env.run()
    assert ev1.value == ("a", False)
    assert ev2.value == (None, True)


def test_shut_down_with_drain_waits_for_items_in_processing():
    """TestQueueDrainageUsingShutDownWithDrain."""
    env = Env()
    q = new(env)
    q.add("foo")
    q.add("bar")
    done_at = []

    def worker(d):
        item, _ = yield q.get()
        yield env.timeout(d)
        q.done(item)

    env.process(worker(3))
    env.process(worker(5))

    def stopper():
        yield env.timeout(1)
        yield q.shut_down_with_drain()
        done_at.append(env.now)

    env.process(stopper())
    env.run()
    assert done_at == [5]


def test_drain_waits_for_a_dirty_item_to_be_processed_again():
    """TestQueueDrainageUsingShutDownWithDrainWithDirtyItem."""
    env = Env()
    q = new(env)
    q.add("foo")
    log = []

    def worker():
        while True:
            item, shutdown = yield q.get()
            if shutdown:
                return
            log.append((env.now, item))
            yield env.timeout(1)
            q.done(item)

    env.process(worker())

    def driver():
        yield env.timeout(0.5)
        q.add("foo")  # dirty while processing
        yield q.shut_down_with_drain()
        log.append((env.now, "drained"))

    env.process(driver())
    env.run()
    assert log == [(0, "foo"), (1, "foo"), (2, "drained")]


def test_a_get_that_lost_a_select_can_be_cancelled():
    env = Env()
    q = new(env)
    stop = env.event()
    log = []

    def worker():
        get = q.get()
        res = yield env.any_of([get, stop])
        if stop in res:
            q.cancel_get(get)
            log.append((env.now, "stopped"))

    def other():
        yield env.timeout(2)
        item, _ = yield q.get()
        log.append((env.now, item))

    env.process(worker())
    env.process(other())

    def driver():
        yield env.timeout(1)
        stop.succeed()
        yield env.timeout(2)
        q.add("x")

    env.process(driver())
    env.run()
    assert log == [(1, "stopped"), (3, "x")]


def test_cancelling_a_get_that_already_took_an_item_hands_it_back():
    env = Env()
    q = new(env)
    q.add("x")
    q.add("y")
    ev = q.get()
    assert ev.value == ("x", False)
    q.cancel_get(ev)
    assert q.len() == 2
    nxt = q.get()
    assert nxt.value == ("x", False)


def test_named_queue_without_name_records_no_metrics():
    env = Env()
    new(env).add("x")
    assert "workqueue_adds_total" not in env.metrics.metrics
    new_named(env, "pods").add("x")
    assert env.metrics.metrics["workqueue_adds_total"].get("pods") == 1


ops = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.floats(0, 5), st.floats(0, 2)),
    min_size=1, max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(ops, st.integers(1, 4), st.lists(st.floats(0.01, 1.5), min_size=1, max_size=8))
def test_no_item_is_processed_by_two_workers_and_no_add_is_lost(adds, workers, durations):
    env = simpy.Environment()
    q = new(env)
    active: dict[str, int] = {}
    step = iter(range(10**9))
    starts: dict[str, list[int]] = {}
    add_marks: list[tuple[str, int]] = []
    violations = []

    def producer(item, at):
        yield env.timeout(at)
        add_marks.append((item, next(step)))
        q.add(item)

    def worker(w):
        n = 0
        while True:
            item, shutdown = yield q.get()
            if shutdown:
                return
            if item in active:
                violations.append((item, active[item], w))
            active[item] = w
            starts.setdefault(item, []).append(next(step))
            yield env.timeout(durations[(w + n) % len(durations)])
            n += 1
            del active[item]
            q.done(item)

    for item, at, _ in adds:
        env.process(producer(item, at))
    for w in range(workers):
        env.process(worker(w))

    def stopper():
        yield env.timeout(1000)
        q.shut_down()

    env.process(stopper())
    env.run()
    assert violations == []
    for item, mark in add_marks:
        assert any(s > mark for s in starts.get(item, [])), (item, mark)
