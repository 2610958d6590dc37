"""Leader election over a Lease: acquire, renew, lose at the deadline, hand over."""

from __future__ import annotations

import copy

import pytest

from kubelab.api import errors
from kubelab.client.leaderelection import (
    LeaderCallbacks,
    LeaderElectionConfig,
    LeaderElector,
    LeaseLock,
    new_identity,
)
from kubelab.client.record.event import sprintf
from kubelab.engine import Env


class LeaseStore:
    def __init__(self, env):
        self.env = env
        self.leases: dict[str, dict] = {}
        self.rv = 0
        self.broken: dict[str, float] = {}  # identity -> writes fail from this time on
        self.writes: list[tuple[float, str, str]] = []


class FakeLeaseClient:
    """get/create/update of Leases with resourceVersion conflicts, per identity."""

    def __init__(self, store, identity):
        self.store = store
        self.env = store.env
        self.identity = identity

    def get(self, resource, name, namespace=None, **kw):
        yield from ()
        lease = self.store.leases.get(f"{namespace}/{name}")
        if lease is None:
            raise errors.new_not_found("coordination.k8s.io", "leases", name)
        return copy.deepcopy(lease)

    def _check(self, verb):
        t = self.store.broken.get(self.identity)
        if t is not None and self.env.now >= t:
            raise errors.new_internal_error("etcdserver: request timed out")
        self.store.writes.append((self.env.now, self.identity, verb))

    def create(self, resource, obj, namespace=None, **kw):
        yield from ()
        self._check("create")
        key = f"{namespace}/{obj['metadata']['name']}"
        if key in self.store.leases:
            raise errors.new_already_exists("coordination.k8s.io", "leases", obj["metadata"]["name"])
        self.store.rv += 1
        obj = copy.deepcopy(obj)
        obj["metadata"].update(resourceVersion=str(self.store.rv), uid="lease-uid")
        self.store.leases[key] = obj
        return copy.deepcopy(obj)

    def update(self, resource, obj, namespace=None, **kw):
        yield from ()
        self._check("update")
        key = f"{namespace}/{obj['metadata']['name']}"
        cur = self.store.leases[key]
        if obj["metadata"]["resourceVersion"] != cur["metadata"]["resourceVersion"]:
            raise errors.new_conflict("coordination.k8s.io", "leases", obj["metadata"]["name"],
                                      errors.OPTIMISTIC_LOCK_ERROR_MSG)
        self.store.rv += 1
        obj = copy.deepcopy(obj)
        obj["metadata"]["resourceVersion"] = str(self.store.rv)
        self.store.leases[key] = obj
        return copy.deepcopy(obj)


class FixedRandom:
    def __init__(self, u):
        self.u = u

    def random(self):
        return self.u


class Candidate:
    def __init__(self, env, store, identity, release=False, recorder=None):
        self.env = env
        self.log = []
        self.stop = env.event()
        lock = LeaseLock(FakeLeaseClient(store, identity), "kube-system", "kube-scheduler", identity,
                         event_recorder=recorder)
        self.elector = LeaderElector(env, LeaderElectionConfig(
            lock=lock,
            callbacks=LeaderCallbacks(
                on_started_leading=self.started,
                on_stopped_leading=lambda: self.log.append((env.now, "stopped")),
                on_new_leader=lambda who: self.log.append((env.now, "new leader", who))),
            release_on_cancel=release, name="kube-scheduler"))
        self.elector.rng = FixedRandom(0.5)  # retry every 2 + 0.5 * 2.4 = 3.2 s
        self.lead_stop = None

    def started(self, stop):
        self.lead_stop = stop
        self.log.append((self.env.now, "started"))

    def run(self):
        return self.elector.run(self.stop)


def lease(store):
    return store.leases["kube-system/kube-scheduler"]["spec"]


def test_single_candidate_creates_the_lease_and_renews_every_retry_period():
    env = Env()
    store = LeaseStore(env)
    a = Candidate(env, store, "a")
    a.run()
    env.run(until=9)
    assert a.log == [(0, "new leader", "a"), (0, "started")]
    assert [w[0] for w in store.writes] == [0, 0, 2, 4, 6, 8]  # create, then fast-path renewals
    spec = lease(store)
    assert spec == {"holderIdentity": "a", "leaseDurationSeconds": 15,
                    "acquireTime": "2025-01-01T00:00:00.000000Z",
                    "renewTime": "2025-01-01T00:00:08.000000Z", "leaseTransitions": 0}
    assert env.metrics.metrics["leader_election_master_status"].get("kube-scheduler") == 1
    assert a.elector.is_leader()


def test_standby_takes_over_a_full_lease_duration_after_the_last_renewal_it_saw():
    env = Env()
    store = LeaseStore(env)
    a, b = Candidate(env, store, "a"), Candidate(env, store, "b")
    a.run()
    b.run()

    def crash_a():
        yield env.timeout(20.5)
        store.broken["a"] = 20.5  # a stops renewing (its API writes fail)

    env.process(crash_a())
    env.run(until=60)
    # b retries at 0, 3.2, ..., 22.4 (sees a's renewal of t=20), then 25.6 ... 38.4 >= 22.4 + 15
    starts = [e for e in b.log if e[1] == "started"]
    assert starts == [(pytest.approx(38.4), "started")]
    assert [e[2] for e in b.log if e[1] == "new leader"] == ["a", "b"]
    spec = lease(store)
    assert spec["holderIdentity"] == "b"
    assert spec["leaseTransitions"] == 1
    # a lost leadership at its renew deadline: last good renew at 20, try at 22 fails, 22 + 10
    assert (pytest.approx(32.0), "stopped") in a.log
    assert a.lead_stop.triggered


def test_renewal_failing_for_the_renew_deadline_loses_leadership():
    env = Env()
    store = LeaseStore(env)
    store.broken["a"] = 5
    a = Candidate(env, store, "a")
    a.run()
    env.run(until=30)
    assert a.log == [(0, "new leader", "a"), (0, "started"), (16, "stopped")]
    assert a.lead_stop.triggered
    rows = [r for r in env.trace if r["message"].startswith("Failed to update lock:")]
    assert [r["time"] for r in rows] == [6, 8, 10, 12, 14]
    assert env.metrics.metrics["leader_election_master_status"].get("kube-scheduler") == 0


def test_release_on_cancel_lets_the_standby_take_over_at_its_next_retry():
    env = Env()
    store = LeaseStore(env)
    a, b = Candidate(env, store, "a", release=True), Candidate(env, store, "b")
    a.run()
    b.run()

    def stop_a():
        yield env.timeout(10.5)
        a.stop.succeed()

    env.process(stop_a())
    env.run(until=20)
    assert a.log[-1] == (10.5, "stopped")
    assert [e for e in b.log if e[1] == "started"] == [(pytest.approx(12.8), "started")]
    spec = lease(store)
    assert spec["holderIdentity"] == "b"
    assert spec["leaseTransitions"] == 1


def test_released_lease_record():
    env = Env()
    store = LeaseStore(env)
    a = Candidate(env, store, "a", release=True)
    a.run()

    def stop_a():
        yield env.timeout(3)
        a.stop.succeed()

    env.process(stop_a())
    env.run(until=5)
    assert lease(store) == {"holderIdentity": "", "leaseDurationSeconds": 1,
                            "acquireTime": "2025-01-01T00:00:03.000000Z",
                            "renewTime": "2025-01-01T00:00:03.000000Z", "leaseTransitions": 0}


def test_stop_before_acquiring_still_calls_on_stopped_leading():
    env = Env()
    store = LeaseStore(env)
    a, b = Candidate(env, store, "a"), Candidate(env, store, "b")
    a.run()
    b.run()

    def stop_b():
        yield env.timeout(5)
        b.stop.succeed()

    env.process(stop_b())
    env.run(until=10)
    assert b.log == [(0, "new leader", "a"), (5, "stopped")]


def test_leader_events_are_recorded():
    env = Env()
    store = LeaseStore(env)
    events = []

    class Rec:
        def eventf(self, obj, etype, reason, fmt, *args):
            events.append((env.now, obj["kind"], obj["metadata"]["name"], etype, reason, sprintf(fmt, *args)))

    a = Candidate(env, store, "node-1_abc", release=True, recorder=Rec())
    a.run()

    def stop_a():
        yield env.timeout(3)
        a.stop.succeed()

    env.process(stop_a())
    env.run(until=5)
    assert events == [
        (0, "Lease", "kube-scheduler", "Normal", "LeaderElection", "node-1_abc became leader"),
        (3, "Lease", "kube-scheduler", "Normal", "LeaderElection", "node-1_abc stopped leading"),
    ]


def test_default_jitter_comes_from_the_seeded_stream():
    def takeover(seed):
        env = Env(seed)
        store = LeaseStore(env)
        a, b = Candidate(env, store, "a"), Candidate(env, store, "b")
        b.elector.rng = env.rand.stream("client-go/leaderelection")
        a.run()
        b.run()
        store.broken["a"] = 1
        env.run(until=60)
        return [e[0] for e in b.log if e[1] == "started"]

    assert takeover(1) == takeover(1)
    assert takeover(1) != takeover(2)


@pytest.mark.parametrize("kw,msg", [
    ({"lease_duration": 10}, "leaseDuration must be greater than renewDeadline"),
    ({"retry_period": 9}, "renewDeadline must be greater than retryPeriod*JitterFactor"),
])
def test_config_validation(kw, msg):
    env = Env()
    lock = LeaseLock(None, "kube-system", "x", "me")
    cb = LeaderCallbacks(lambda s: None, lambda: None)
    with pytest.raises(ValueError, match=msg.replace("*", r"\*")):
        LeaderElector(env, LeaderElectionConfig(lock=lock, callbacks=cb, **kw))
    with pytest.raises(ValueError, match="Lock identity is empty"):
        LeaderElector(env, LeaderElectionConfig(lock=LeaseLock(None, "ns", "x", ""), callbacks=cb))


def test_identity_is_hostname_underscore_uuid():
    env = Env()
    ident = new_identity(env, "control-plane")
    host, _, uid = ident.partition("_")
    assert host == "control-plane" and len(uid) == 36 and uid[14] == "4"
