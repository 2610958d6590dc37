"""SchedulingGates (scheduling_gates_test.go)."""

from kubelab.scheduler.framework import events as ev
from kubelab.scheduler.framework.interface import Code
from kubelab.scheduler.framework.plugins.schedulinggates.scheduling_gates import SchedulingGates

from ....wrappers import make_pod


def test_pod_with_gates_waits_naming_them():
    s = SchedulingGates().pre_enqueue(make_pod("p", gates=["foo", "bar"]))
    assert s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE
    assert s.message() == "waiting for scheduling gates: [foo bar]"
    assert SchedulingGates().pre_enqueue(make_pod("p")) is None


def test_only_the_gated_pods_own_update_requeues_it():
    pl = SchedulingGates()
    pod = make_pod("p", gates=["foo"], uid="u1")
    other = make_pod("q", uid="u2")
    assert pl.is_schedulable_after_update_pod_scheduling_gates_eliminated(pod, pod, make_pod("p", uid="u1")) == ev.QUEUE
    assert pl.is_schedulable_after_update_pod_scheduling_gates_eliminated(pod, other, other) == ev.QUEUE_SKIP
