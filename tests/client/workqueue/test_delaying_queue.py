"""Delaying queue: AddAfter ordering and de-duplication on the simulated clock."""

from __future__ import annotations

from kubelab.client.workqueue import new_delaying_queue
from kubelab.engine import Env


def _at(env, t):
    env.run(until=t)


def test_simple_queue_adds_after_the_delay():
    """TestSimpleQueue."""
    env = Env()
    q = new_delaying_queue(env)
    q.add_after("foo", 0.050)
    assert q.len() == 0
    assert q.waiting_len() == 1
    _at(env, 0.049)
    assert q.len() == 0
    _at(env, 0.060)
    assert q.len() == 1
    ev = q.get()
    env.run(until=0.061)
    q.done(ev.value[0])
    _at(env, 10)
    assert q.len() == 0


def test_deduping_keeps_the_earlier_ready_time():
    """TestDeduping."""
    env = Env()
    q = new_delaying_queue(env)
    q.add_after("foo", 0.050)
    q.add_after("foo", 0.070)
    assert q.len() == 0
    _at(env, 0.060)
    assert q.len() == 1
    ev = q.get()
    env.run(until=0.0601)
    q.done(ev.value[0])
    _at(env, 0.080)
    assert q.len() == 0
    # now the later call asks for an earlier time: that one wins
    q.add_after("foo", 0.050)
    q.add_after("foo", 0.030)
    _at(env, 0.080 + 0.040)
    assert q.len() == 1
    ev = q.get()
    env.run(until=0.1201)
    q.done(ev.value[0])
    _at(env, 0.080 + 0.060)
    assert q.len() == 0


def test_add_two_fire_early():
    """TestAddTwoFireEarly."""
    env = Env()
    q = new_delaying_queue(env)
    q.add_after("foo", 1)
    q.add_after("bar", 0.050)
    _at(env, 0.060)
    assert q.len() == 1
    ev = q.get()
    env.run(until=0.061)
    assert ev.value == ("bar", False)
    q.add_after("baz", 2)
    _at(env, 1.061)
    assert q.len() == 1
    ev = q.get()
    env.run(until=1.062)
    assert ev.value == ("foo", False)
    _at(env, 2.062)
    assert q.len() == 1
    ev = q.get()
    env.run(until=2.063)
    assert ev.value == ("baz", False)


def test_copy_shifting_hands_out_by_ready_time():
    """TestCopyShifting."""
    env = Env()
    q = new_delaying_queue(env)
    q.add_after("foo", 1)
    q.add_after("bar", 0.5)
    q.add_after("baz", 0.25)
    _at(env, 2)
    assert q.len() == 3
    got = []
    for _ in range(3):
        ev = q.get()
        env.run(until=env.now + 0.001)
        got.append(ev.value[0])
    assert got == ["baz", "bar", "foo"]


def test_equal_ready_times_are_added_in_insertion_order():
    env = Env()
    q = new_delaying_queue(env)
    for k in ("z", "y", "x"):
        q.add_after(k, 1.0)
    _at(env, 1.0)
    assert list(q._queue) == []
    env.run(until=1.0001)
    assert list(q._queue) == ["z", "y", "x"]


def test_non_positive_delay_adds_immediately():
    env = Env()
    q = new_delaying_queue(env)
    q.add_after("now", 0)
    q.add_after("past", -5)
    assert q.len() == 2


def test_shutdown_drops_waiting_items():
    env = Env()
    q = new_delaying_queue(env)
    q.add_after("foo", 1)
    q.shut_down()
    env.run()
    assert q.len() == 0
    q.add_after("bar", 1)
    assert q.waiting_len() == 0
