"""Leader election over a Lease: acquire, renew every retry period, give up after the deadline.

Upstream: staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go (and the
leader_election_master_status metric of metrics.go)
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import simpy

from kubelab.api import errors
from kubelab.client.leaderelection.resourcelock.interface import (
    Interface,
    LeaderElectionRecord,
    LockError,
)

JITTER_FACTOR = 1.2
# kube-scheduler's and kube-controller-manager's --leader-elect-* defaults.
DEFAULT_LEASE_DURATION = 15.0
DEFAULT_RENEW_DEADLINE = 10.0
DEFAULT_RETRY_PERIOD = 2.0


@dataclass(slots=True)
class LeaderCallbacks:
    """``on_started_leading(stop)`` may be a generator function (run as a process);
    ``stop`` triggers when leadership ends.

    Mirrors: client-go/tools/leaderelection/leaderelection.go :: LeaderCallbacks
    """

    on_started_leading: Callable[[simpy.Event], Any]
    on_stopped_leading: Callable[[], Any]
    on_new_leader: Callable[[str], Any] | None = None


@dataclass(slots=True)
class LeaderElectionConfig:
    """Mirrors: client-go/tools/leaderelection/leaderelection.go :: LeaderElectionConfig"""

    lock: Interface
    callbacks: LeaderCallbacks
    lease_duration: float = DEFAULT_LEASE_DURATION
    renew_deadline: float = DEFAULT_RENEW_DEADLINE
    retry_period: float = DEFAULT_RETRY_PERIOD
    release_on_cancel: bool = False
    name: str = ""
    component: str = field(default="")  # kubelab-only: the trace's component column


def new_identity(env: Any, hostname: str) -> str:
    """``<hostname>_<uuid>``: the holderIdentity kube-scheduler and kube-controller-manager use."""
    return f"{hostname}_{env.uid()}"


class LeaderElector:
    """Run for leadership of one lock.

    ``elector.run(stop)`` starts a process: acquire (retrying every ``retry_period``
    jittered by 1.2), call ``on_started_leading``, renew every ``retry_period``; when a
    renewal does not succeed within ``renew_deadline`` leadership is lost, the lease is
    released if ``release_on_cancel``, and ``on_stopped_leading`` is called.

    Mirrors: client-go/tools/leaderelection/leaderelection.go :: LeaderElector

    Differences: no coordinated leader election and no healthz watchdog; an API call in
    flight when the renew deadline passes completes (Go would cancel it with the context);
    when a poll tick and the deadline fall on the same instant the deadline wins.
    """

    def __init__(self, env: Any, config: LeaderElectionConfig) -> None:
        c = config
        if c.lease_duration <= c.renew_deadline:
            raise ValueError("leaseDuration must be greater than renewDeadline")
        if c.renew_deadline <= JITTER_FACTOR * c.retry_period:
            raise ValueError("renewDeadline must be greater than retryPeriod*JitterFactor")
        if c.lease_duration <= 0:
            raise ValueError("leaseDuration must be greater than zero")
        if c.renew_deadline <= 0:
            raise ValueError("renewDeadline must be greater than zero")
        if c.retry_period <= 0:
            raise ValueError("retryPeriod must be greater than zero")
        if c.callbacks.on_started_leading is None:
            raise ValueError("OnStartedLeading callback must not be nil")
        if c.callbacks.on_stopped_leading is None:
            raise ValueError("OnStoppedLeading callback must not be nil")
        if c.lock is None:
            raise ValueError("Lock must not be nil.")
        if not c.lock.identity():
            raise ValueError("Lock identity is empty")
        self.env = env
        self.config = c
        self.observed_record = LeaderElectionRecord()
        self.observed_raw_record: tuple[Any, ...] | None = None
        self.observed_time = float("-inf")
        self.reported_leader = ""
        self.rng = env.rand.stream("client-go/leaderelection")
        self.component = c.component or c.lock.identity()
        self._status = env.metrics.gauge("leader_election_master_status",
                                         "Gauge of if the reporting system is master of the relevant lease, "
                                         "0 indicates backup, 1 indicates master. 'name' is the string used "
                                         "to identify the lease. Please make sure to group by name.",
                                         ("name",))
        self._slowpath = env.metrics.counter("leader_election_slowpath_total",
                                             "Total number of slow path exercised in renewing leader leases. "
                                             "'name' is the string used to identify the lease. Please make "
                                             "sure to group by name.", ("name",))
        self._status.set(0.0, c.name)

    # -- public ----------------------------------------------------------------------------

    def run(self, stop: simpy.Event | None = None) -> simpy.Process:
        """Start the election process. Mirrors: leaderelection.go :: (*LeaderElector).Run"""
        return self.env.process(self._run(stop if stop is not None else simpy.Event(self.env)))

    def get_leader(self) -> str:
        return self.observed_record.holder_identity

    def is_leader(self) -> bool:
        return self.observed_record.holder_identity == self.config.lock.identity()

    def check(self, max_tolerable_expired_lease: float) -> str | None:
        """An error message when we hold the lease but failed to renew it for too long.

        Mirrors: client-go/tools/leaderelection/leaderelection.go :: (*LeaderElector).Check
        """
        if not self.is_leader():
            return None
        if self.env.now - self.observed_time > self.config.lease_duration + max_tolerable_expired_lease:
            return f"failed election to renew leadership on lease {self.config.name}"
        return None

    # -- the loops -------------------------------------------------------------------------

    def _run(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        lead_stop = simpy.Event(self.env)

        def end_leading(_: Any = None) -> None:
            if not lead_stop.triggered:
                lead_stop.succeed()

        stop.callbacks.append(end_leading)
        try:
            acquired = yield from self.acquire(stop)
            if not acquired:
                return
            self._call(self.config.callbacks.on_started_leading, lead_stop)
            yield from self.renew(stop)
        finally:
            end_leading()
            self.config.callbacks.on_stopped_leading()

    def acquire(self, stop: simpy.Event) -> Generator[Any, Any, bool]:
        """Try every retry period (jittered) until the lease is ours or ``stop``.

        Mirrors: client-go/tools/leaderelection/leaderelection.go :: (*LeaderElector).acquire
        """
        env = self.env
        desc = self.config.lock.describe()
        self._record(f"attempting to acquire leader lease {desc}...")
        while not stop.triggered:
            succeeded = yield from self.try_acquire_or_renew()
            self.maybe_report_transition()
            if succeeded:
                self.config.lock.record_event("became leader")
                self._status.set(1.0, self.config.name)
                self._record(f"successfully acquired lease {desc}")
                return True
            self._record(f"failed to acquire lease {desc}", 4)
            period = self.config.retry_period
            wait = period + self.rng.random() * JITTER_FACTOR * period
            yield env.any_of([env.timeout(wait), stop])
        return False

    def renew(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        """Renew every retry period; return once a renewal misses its deadline or ``stop``.

        Mirrors: client-go/tools/leaderelection/leaderelection.go :: (*LeaderElector).renew
        """
        env = self.env
        c = self.config
        desc = c.lock.describe()
        try:
            while not stop.triggered:
                renewed = yield from self._poll_until_deadline(stop)
                self.maybe_report_transition()
                if not renewed:
                    self._status.set(0.0, c.name)
                    self._record(f"failed to renew lease {desc}: timed out waiting for the condition")
                    break
                self._record(f"successfully renewed lease {desc}", 5)
                yield env.any_of([env.timeout(c.retry_period), stop])
            if c.release_on_cancel:
                yield from self.release()
        finally:
            c.lock.record_event("stopped leading")

    def _poll_until_deadline(self, stop: simpy.Event) -> Generator[Any, Any, bool]:
        """PollImmediateUntil(retryPeriod, tryAcquireOrRenew) under a renewDeadline timeout."""
        env = self.env
        c = self.config
        deadline = env.now + c.renew_deadline
        if (yield from self.try_acquire_or_renew()):
            return True
        anchor = env.now  # the poll ticker starts after the immediate try
        k = 1
        while True:
            tick = anchor + k * c.retry_period
            while tick <= env.now:  # ticks missed while a try was running are dropped
                k += 1
                tick = anchor + k * c.retry_period
            if tick >= deadline:
                if deadline > env.now:
                    yield env.any_of([env.timeout(deadline - env.now), stop])
                return False
            yield env.any_of([env.timeout(tick - env.now), stop])
            if stop.triggered:
                return False
            k += 1
            if (yield from self.try_acquire_or_renew()):
                return True

    def release(self) -> Generator[Any, Any, bool]:
        """Hand the lease back: no holder, 1 s duration.

        Mirrors: client-go/tools/leaderelection/leaderelection.go :: (*LeaderElector).release
        """
        if not self.is_leader():
            return True
        now = self.env.now
        ler = LeaderElectionRecord(leader_transitions=self.observed_record.leader_transitions,
                                   lease_duration_seconds=1, renew_time=now, acquire_time=now)
        try:
            yield from self.config.lock.update(ler)
        except (errors.ApiError, LockError) as err:
            self._record(f"Failed to release lock: {err}")
            return False
        self.set_observed_record(ler)
        return True

    def try_acquire_or_renew(self) -> Generator[Any, Any, bool]:
        """Mirrors: client-go/tools/leaderelection/leaderelection.go :: (*LeaderElector).tryAcquireOrRenew"""
        c = self.config
        lock = c.lock
        now = self.env.now
        ler = LeaderElectionRecord(holder_identity=lock.identity(),
                                   lease_duration_seconds=int(c.lease_duration),
                                   renew_time=now, acquire_time=now)
        # 1. Fast path: we lead and the record we saw last is presumably current.
        if self.is_leader() and self.is_lease_valid(now):
            old = self.observed_record
            ler.acquire_time = old.acquire_time
            ler.leader_transitions = old.leader_transitions
            try:
                yield from lock.update(ler)
            except (errors.ApiError, LockError) as err:
                self._record(f"Failed to update lock optimitically: {err}, falling back to slow path")
            else:
                self.set_observed_record(ler)
                return True
        # 2. Read the record, or create it.
        try:
            old, raw = yield from lock.get()
        except errors.ApiError as err:
            if not errors.is_not_found(err):
                self._record(f"error retrieving resource lock {lock.describe()}: {err}")
                return False
            try:
                yield from lock.create(ler)
            except errors.ApiError as cerr:
                self._record(f"error initially creating leader election record: {cerr}")
                return False
            self.set_observed_record(ler)
            return True
        # 3. Someone else holds an unexpired lease: wait.
        if self.observed_raw_record != raw:
            self.set_observed_record(old)
            self.observed_raw_record = raw
        if old.holder_identity and self.is_lease_valid(now) and not self.is_leader():
            self._record(f"lock is held by {old.holder_identity} and has not yet expired", 4)
            return False
        # 4. Take it over (or renew through the slow path).
        if self.is_leader():
            ler.acquire_time = old.acquire_time
            ler.leader_transitions = old.leader_transitions
            self._slowpath.inc(c.name)
        else:
            ler.leader_transitions = old.leader_transitions + 1
        try:
            yield from lock.update(ler)
        except (errors.ApiError, LockError) as err:
            self._record(f"Failed to update lock: {err}")
            return False
        self.set_observed_record(ler)
        return True

    def maybe_report_transition(self) -> None:
        """Mirrors: client-go/tools/leaderelection/leaderelection.go :: (*LeaderElector).maybeReportTransition"""
        holder = self.observed_record.holder_identity
        if holder == self.reported_leader:
            return
        self.reported_leader = holder
        if self.config.callbacks.on_new_leader is not None:
            self._call(self.config.callbacks.on_new_leader, holder)

    def is_lease_valid(self, now: float) -> bool:
        return self.observed_time + self.observed_record.lease_duration_seconds > now

    def set_observed_record(self, record: LeaderElectionRecord) -> None:
        """Remember the record and when we saw it (our clock, never the record's times)."""
        self.observed_record = record
        self.observed_time = self.env.now

    # -- helpers ---------------------------------------------------------------------------

    def _call(self, fn: Callable[..., Any], *args: Any) -> None:
        """Go's ``go fn(args)``: a generator function becomes a process."""
        out = fn(*args)
        if isinstance(out, Generator):
            self.env.process(out)

    def _record(self, message: str, level: int = 2) -> None:
        trace = self.env.trace
        if trace.v(level):
            lock = self.config.lock
            trace.record(self.component, "leaderelection", level=level, kind="Lease",
                         namespace=getattr(lock, "namespace", ""), name=getattr(lock, "name", ""),
                         message=message)

    def __repr__(self) -> str:
        return (f"LeaderElector({self.config.lock.describe()}, identity={self.config.lock.identity()!r}, "
                f"leader={self.get_leader()!r})")


def run_or_die(env: Any, config: LeaderElectionConfig, stop: simpy.Event | None = None) -> simpy.Process:
    """Mirrors: client-go/tools/leaderelection/leaderelection.go :: RunOrDie"""
    return LeaderElector(env, config).run(stop)
