"""PrioritySort (priority_sort_test.go)."""

import pytest

from kubelab.scheduler.framework.plugins.queuesort.priority_sort import PrioritySort
from kubelab.scheduler.framework.types import PodInfo, QueuedPodInfo

from ....wrappers import make_pod


def qpi(priority, ts):
    return QueuedPodInfo(PodInfo(make_pod("p", priority=priority)), timestamp=ts)


@pytest.mark.parametrize("name,a,b,want", [
    ("p1.priority less than p2.priority", qpi(1, 0), qpi(2, 0), False),
    ("p1.priority greater than p2.priority", qpi(2, 0), qpi(1, 0), True),
    ("equal priority. p1 is added to schedulingQ earlier than p2", qpi(1, 0), qpi(1, 1), True),
    ("equal priority. p2 is added to schedulingQ earlier than p1", qpi(1, 1), qpi(1, 0), False),
], ids=lambda x: x if isinstance(x, str) else "")
def test_less(name, a, b, want):
    assert PrioritySort().less(a, b) is want
