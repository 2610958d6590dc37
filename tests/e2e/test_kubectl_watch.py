"""Commands that watch while simulated time passes (the cluster runs in real time)."""

from __future__ import annotations

import threading
import time

import pytest

from .helpers import read_lines


@pytest.mark.pods_stay_unbound
def test_get_watch_prints_each_change_as_it_happens(cluster, kubectl):
    cluster.serve(speed=1)
    w = kubectl.popen("get pods -w --output-watch-events")
    names = kubectl.popen("get pods -w -o name")
    time.sleep(0.5)
    assert kubectl("run p1 --image=nginx").exit_code == 0
    assert kubectl("label pod p1 tier=web").exit_code == 0
    assert kubectl("delete pod p1").exit_code == 0
    lines = [line.split() for line in read_lines(w, 4)]
    assert lines[0] == ["EVENT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert [(row[0], row[1], row[3]) for row in lines[1:]] == [
        ("ADDED", "p1", "Pending"), ("MODIFIED", "p1", "Pending"), ("DELETED", "p1", "Pending")]
    assert read_lines(names, 3) == ["pod/p1\n", "pod/p1\n", "pod/p1\n"]


def test_wait_returns_when_the_condition_is_met(cluster, kubectl):
    cluster.serve(speed=1)
    assert kubectl("apply -f pod.yaml").exit_code == 0
    later = threading.Timer(1.0, lambda: kubectl("label pod tmp ready=yes"))
    later.start()
    ran = kubectl("wait --for=jsonpath={.metadata.labels.ready}=yes pod/tmp --timeout=20s")
    later.join()
    assert (ran.exit_code, ran.stdout) == (0, "pod/tmp condition met\n")


@pytest.mark.pods_stay_unbound
def test_wait_for_delete_and_its_timeout(cluster, kubectl):
    cluster.serve(speed=1)
    assert kubectl("apply -f pod.yaml").exit_code == 0
    ran = kubectl("wait --for=delete pod/tmp --timeout=1s")
    # (client-go may also log that its watch was cut short by the deadline, as against any server)
    assert (ran.exit_code, ran.stderr.splitlines()[-1]) == (1, "error: timed out waiting for the condition on pods/tmp")
    later = threading.Timer(0.5, lambda: kubectl("delete pod tmp --wait=false"))
    later.start()
    ran = kubectl("wait --for=delete pod/tmp --timeout=20s")
    later.join()
    assert (ran.exit_code, ran.stdout) == (0, "pod/tmp condition met\n")


def test_stepped_watchers_see_changes_when_time_moves(cluster, kubectl):
    """Stepped: watch events are delivered (after their simulated latency) only when ``run`` is called."""
    w = kubectl.popen("get pods -w -o name")
    time.sleep(1.0)
    cluster.apply(kubectl.cwd / "pod.yaml")
    time.sleep(0.5)
    cluster.run(1)
    assert read_lines(w, 1) == ["pod/tmp\n"]
