"""Leader election over a real cluster's Lease: acquire, renew, lose at the deadline, hand over."""

from __future__ import annotations

import pytest

from kubelab.api import errors
from kubelab.client.leaderelection import (
    LeaderCallbacks,
    LeaderElectionConfig,
    LeaderElector,
    LeaseLock,
    new_identity,
)
from kubelab.client.record import EventBroadcaster, EventSource
from kubelab.engine import Env, clock

from ..cluster import new_cluster


def grant_leases(c, user):
    """A Role to get/create/update Leases (and write Events) in kube-system, bound to ``user``."""
    try:
        c.client.create("roles", {
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
            "metadata": {"name": "lease-holder", "namespace": "kube-system"},
            "rules": [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"],
                       "verbs": ["get", "create", "update"]},
                      {"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]}]},
            "kube-system")
    except errors.AlreadyExists:
        pass
    c.client.create("rolebindings", {
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": f"lease-holder-{user}", "namespace": "kube-system"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "lease-holder"},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": user}]}, "kube-system")


def revoke_leases(c, user):
    """From now on ``user``'s lease requests are Forbidden: it can no longer renew."""
    c.client.delete("rolebindings", f"lease-holder-{user}", "kube-system")


class FixedRandom:
    def __init__(self, u):
        self.u = u

    def random(self):
        return self.u


class Candidate:
    """One kube-scheduler replica running for the kube-system/kube-scheduler Lease."""

    def __init__(self, c, identity, release=False, recorder=None):
        self.c = c
        env = c.env
        self.log = []
        self.stop = env.event()
        grant_leases(c, identity)
        client = c.component_client(identity)
        if recorder is True:
            b = EventBroadcaster(env)
            b.start_recording_to_sink(client)
            recorder = b.new_recorder(EventSource("default-scheduler"))
        lock = LeaseLock(client, "kube-system", "kube-scheduler", identity, event_recorder=recorder)
        self.elector = LeaderElector(env, LeaderElectionConfig(
            lock=lock,
            callbacks=LeaderCallbacks(
                on_started_leading=self.started,
                on_stopped_leading=lambda: self.log.append((self.now(), "stopped")),
                on_new_leader=lambda who: self.log.append((self.now(), "new leader", who))),
            release_on_cancel=release, name="kube-scheduler"))
        self.elector.rng = FixedRandom(0.5)  # retry every 2 + 0.5 * 2.4 = 3.2 s
        self.lead_stop = None

    def now(self):
        return round(self.c.env.now - self.c.t0, 9)

    def started(self, stop):
        self.lead_stop = stop
        self.log.append((self.now(), "started"))

    def run(self):
        return self.elector.run(self.stop)


def setup():
    c = new_cluster(zero_latency=True)
    c.t0 = c.now  # the cluster may start a little after 0: times below are relative to it
    return c


def at(c, dt, fn):
    def proc():
        yield c.env.timeout(dt)
        fn()
    c.env.process(proc())


def lease(c):
    return c.client.get("leases", "kube-scheduler", "kube-system")["spec"]


def micro(c, t):
    return clock.rfc3339_micro(c.t0 + t)


def test_single_candidate_creates_the_lease_and_renews_every_retry_period():
    c = setup()
    a = Candidate(c, "a")
    a.run()
    c.run(9)
    assert a.log == [(0, "new leader", "a"), (0, "started")]
    assert lease(c) == {"holderIdentity": "a", "leaseDurationSeconds": 15,
                        "acquireTime": micro(c, 0), "renewTime": micro(c, 8), "leaseTransitions": 0}
    assert c.env.metrics.metrics["leader_election_master_status"].get("kube-scheduler") == 1
    assert a.elector.is_leader()


def test_standby_takes_over_a_full_lease_duration_after_the_last_renewal_it_saw():
    c = setup()
    a, b = Candidate(c, "a"), Candidate(c, "b")
    a.run()
    b.run()
    at(c, 20.5, lambda: revoke_leases(c, "a"))  # a can no longer renew
    c.run(60)
    # b retries at 0, 3.2, ..., 22.4 (sees a's renewal of t=20), then 25.6 ... 38.4 >= 22.4 + 15
    assert [e for e in b.log if e[1] == "started"] == [(pytest.approx(38.4), "started")]
    assert [e[2] for e in b.log if e[1] == "new leader"] == ["a", "b"]
    spec = lease(c)
    assert spec["holderIdentity"] == "b"
    assert spec["leaseTransitions"] == 1
    # a lost leadership at its renew deadline: last good renewal at 20, the try at 22 fails, 22 + 10
    assert (32.0, "stopped") in a.log
    assert a.lead_stop.triggered


def test_renewal_failing_for_the_renew_deadline_loses_leadership():
    c = setup()
    a = Candidate(c, "a")
    a.run()
    at(c, 5, lambda: revoke_leases(c, "a"))
    c.run(30)
    assert a.log == [(0, "new leader", "a"), (0, "started"), (16, "stopped")]
    assert a.lead_stop.triggered
    tries = [round(r["time"] - c.t0, 9) for r in c.env.trace
             if r["message"].startswith("error retrieving resource lock kube-system/kube-scheduler")]
    assert tries == [6, 8, 10, 12, 14]
    assert c.env.metrics.metrics["leader_election_master_status"].get("kube-scheduler") == 0


def test_release_on_cancel_lets_the_standby_take_over_at_its_next_retry():
    c = setup()
    a, b = Candidate(c, "a", release=True), Candidate(c, "b")
    a.run()
    b.run()
    at(c, 10.5, a.stop.succeed)
    c.run(20)
    assert a.log[-1] == (10.5, "stopped")
    assert [e for e in b.log if e[1] == "started"] == [(pytest.approx(12.8), "started")]
    spec = lease(c)
    assert spec["holderIdentity"] == "b"
    assert spec["leaseTransitions"] == 1


def test_released_lease_record():
    c = setup()
    a = Candidate(c, "a", release=True)
    a.run()
    at(c, 3, a.stop.succeed)
    c.run(5)
    assert lease(c) == {"holderIdentity": "", "leaseDurationSeconds": 1,
                        "acquireTime": micro(c, 3), "renewTime": micro(c, 3), "leaseTransitions": 0}


def test_stop_before_acquiring_still_calls_on_stopped_leading():
    c = setup()
    a, b = Candidate(c, "a"), Candidate(c, "b")
    a.run()
    b.run()
    at(c, 5, b.stop.succeed)
    c.run(10)
    assert b.log == [(0, "new leader", "a"), (5, "stopped")]


def test_leader_events_are_recorded_on_the_lease():
    c = setup()
    ident = new_identity(c.env, "control-plane")
    a = Candidate(c, ident, release=True, recorder=True)
    a.run()
    at(c, 3, a.stop.succeed)
    c.run(5)
    evs = sorted(c.client.list("events", "kube-system")["items"], key=lambda e: e["firstTimestamp"])
    assert [(e["involvedObject"]["kind"], e["involvedObject"]["name"], e["type"], e["reason"], e["message"])
            for e in evs] == [
        ("Lease", "kube-scheduler", "Normal", "LeaderElection", f"{ident} became leader"),
        ("Lease", "kube-scheduler", "Normal", "LeaderElection", f"{ident} stopped leading"),
    ]


def test_default_jitter_comes_from_the_seeded_stream():
    def takeover(seed):
        c = new_cluster(seed, zero_latency=True)
        c.t0 = c.now
        a, b = Candidate(c, "a"), Candidate(c, "b")
        b.elector.rng = c.env.rand.stream("client-go/leaderelection")
        a.run()
        b.run()
        at(c, 1, lambda: revoke_leases(c, "a"))
        c.run(60)
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
