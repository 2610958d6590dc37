"""The etcd-like store: revisions, compare-and-swap, watch, compaction, snapshots."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.storage.mvcc import DELETE, KV, PUT, CompactedError

keys = st.sampled_from([f"/registry/pods/default/p{i}" for i in range(5)] + ["/registry/services/specs/default/s"])
ops = st.lists(st.tuples(st.sampled_from(["create", "put", "delete"]), keys, st.binary(max_size=4)), max_size=40)


def apply(kv: KV, op: str, key: str, value: bytes) -> None:
    if op == "create":
        kv.create(key, value)
    elif op == "put":
        kv.put(key, value)
    else:
        kv.delete(key)


def test_revision_starts_at_one_and_each_write_adds_one():
    kv = KV()
    assert kv.rev == 1
    a = kv.create("/a", b"1")
    b = kv.put("/a", b"2")
    assert (a.mod_revision, b.mod_revision, b.create_revision, b.version) == (2, 3, 2, 2)


def test_create_of_an_existing_key_writes_nothing():
    kv = KV()
    kv.create("/a", b"1")
    assert kv.create("/a", b"2") is None
    assert kv.get("/a").value == b"1" and kv.rev == 2


def test_compare_and_swap_fails_on_a_stale_mod_revision():
    kv = KV()
    kv.create("/a", b"1")
    kv.put("/a", b"2")
    assert kv.put("/a", b"3", expect_mod_revision=2) is None
    assert kv.put("/a", b"3", expect_mod_revision=3) is not None


def test_range_returns_keys_under_the_prefix_in_key_order():
    kv = KV()
    for k in ["/registry/pods/b/x", "/registry/pods/a/y", "/registry/podsx/z", "/registry/pods/a/a"]:
        kv.create(k, b"")
    got, rev = kv.range("/registry/pods/")
    assert [g.key for g in got] == ["/registry/pods/a/a", "/registry/pods/a/y", "/registry/pods/b/x"]
    assert rev == 5


@given(ops)
def test_revision_only_grows(seq):
    kv = KV()
    last = kv.rev
    for op, key, value in seq:
        apply(kv, op, key, value)
        assert kv.rev >= last
        last = kv.rev


@given(ops, st.integers(min_value=0, max_value=40))
def test_a_watch_from_revision_r_sees_exactly_the_changes_after_r_in_order(seq, cut):
    kv = KV()
    history = []
    kv.watch("/registry/pods/", history.append)
    for op, key, value in seq:
        apply(kv, op, key, value)
    start = min(cut, kv.rev) + 1
    replay = kv.events_since("/registry/pods/", start)
    assert [e.revision for e in replay] == [e.revision for e in history if e.revision >= start]
    assert all(e.kv.key.startswith("/registry/pods/") for e in replay)
    assert [e.revision for e in replay] == sorted(e.revision for e in replay)


def test_delete_event_carries_the_previous_value():
    kv = KV()
    seen = []
    kv.watch("/", seen.append)
    kv.create("/a", b"v")
    kv.delete("/a")
    assert [e.type for e in seen] == [PUT, DELETE]
    assert seen[1].prev_kv.value == b"v"


def test_a_watch_from_a_compacted_revision_fails():
    kv = KV()
    for i in range(5):
        kv.put("/a", bytes([i]))
    kv.compact(4)
    with pytest.raises(CompactedError):
        kv.events_since("/", 3)
    assert [e.revision for e in kv.events_since("/", 5)] == [5, 6]


@given(ops)
def test_a_restored_snapshot_gives_back_exactly_what_was_saved(seq):
    kv = KV()
    for op, key, value in seq:
        apply(kv, op, key, value)
    blob = kv.snapshot()
    saved = kv.range("/")
    kv.put("/later", b"x")
    kv.delete("/registry/pods/default/p0")
    other = KV()
    other.restore(blob)
    assert other.range("/") == saved
    assert other.rev == saved[1]


def test_the_apiserver_compacts_etcd_to_the_previous_intervals_revision():
    from kubelab.engine import Env
    from kubelab.storage.etcd3.compact import compactor

    env = Env(0)
    kv = KV()
    env.process(compactor(env, kv, interval=300))

    def writer():
        yield env.timeout(5)
        while True:
            kv.put("/registry/configmaps/default/a", b"x")
            yield env.timeout(10)

    env.process(writer())
    env.run(until=301)
    assert kv.compact_rev == 0
    rev_at_300 = kv.rev
    env.run(until=601)
    assert kv.compact_rev == rev_at_300
    with pytest.raises(CompactedError):
        kv.events_since("/", rev_at_300)
