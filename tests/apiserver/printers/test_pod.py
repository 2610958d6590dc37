"""The pod row: READY, the STATUS reason kubectl computes, RESTARTS with their age, wide columns."""

import pytest

from kubelab.apiserver.printers.common import GenerateOptions
from kubelab.apiserver.printers.pod import POD_FAILED_CONDITIONS, POD_SUCCESS_CONDITIONS, print_pod
from kubelab.engine import clock

NOW = 1000.0


def ago(seconds: float) -> str:
    return clock.rfc3339(NOW - seconds)


def pod(name, *, n=1, init=None, phase="", reason="", statuses=(), init_statuses=(), conditions=(), deleting=False,
        **spec_extra):
    meta = {"name": name}
    if deleting:
        meta["deletionTimestamp"] = ago(10)
    spec = {"containers": [{} for _ in range(n)], **spec_extra}
    if init is not None:
        spec["initContainers"] = init
    status = {"phase": phase, "containerStatuses": list(statuses), "initContainerStatuses": list(init_statuses),
              "conditions": list(conditions)}
    if reason:
        status["reason"] = reason
    return {"metadata": meta, "spec": spec, "status": status}


def running(restarts=0, ready=True, finished=None, **extra):
    cs = {"ready": ready, "restartCount": restarts, "state": {"running": {}}, **extra}
    if finished is not None:
        cs["lastState"] = {"terminated": {"finishedAt": ago(finished)}}
    return cs


def waiting(reason="", restarts=0, ready=False, **extra):
    return {"ready": ready, "restartCount": restarts, "state": {"waiting": {"reason": reason} if reason else {}},
            **extra}


def terminated(reason="", exit_code=0, restarts=0, finished=None, **extra):
    cs = {"ready": False, "restartCount": restarts,
          "state": {"terminated": {"reason": reason, "exitCode": exit_code} if reason else {"exitCode": exit_code}},
          **extra}
    if finished is not None:
        cs["lastState"] = {"terminated": {"finishedAt": ago(finished)}}
    return cs


def rows_of(p, wide=False):
    return print_pod(p, GenerateOptions(now=NOW, wide=wide))


def cells(*c):
    return [{"cells": list(c)}]


SIDECAR = {"restartPolicy": "Always"}

# TestPrintPod
PRINT_POD = [
    ("test1", pod("test1", n=2, phase="podPhase", statuses=[running(3), {"restartCount": 3}]),
     cells("test1", "1/2", "podPhase", "6", "<unknown>")),
    ("test2", pod("test2", n=2, phase="podPhase", statuses=[running(3), waiting("ContainerWaitingReason", 3)]),
     cells("test2", "1/2", "ContainerWaitingReason", "6", "<unknown>")),
    ("test3", pod("test3", n=2, phase="podPhase",
                  statuses=[waiting("ContainerWaitingReason", 3), terminated("ContainerTerminatedReason", restarts=3)]),
     cells("test3", "0/2", "ContainerWaitingReason", "6", "<unknown>")),
    ("test4", pod("test4", n=2, phase="podPhase", statuses=[running(3), {"ready": True, "restartCount": 3}]),
     cells("test4", "1/2", "podPhase", "6", "<unknown>")),
    ("test5", pod("test5", n=2, phase="podPhase", reason="podReason",
                  statuses=[running(3), {"ready": True, "restartCount": 3}]),
     cells("test5", "1/2", "podReason", "6", "<unknown>")),
    ("test6 without ready condition",
     pod("test6", n=2, phase="Running", statuses=[dict(terminated("Completed", 0, 3), ready=True), running(3)]),
     cells("test6", "1/2", "NotReady", "6", "<unknown>")),
    ("test6 with ready condition",
     pod("test6", n=2, phase="Running", statuses=[dict(terminated("Completed", 0, 3), ready=True), running(3)],
         conditions=[{"type": "Ready", "status": "True"}]),
     cells("test6", "1/2", "Running", "6", "<unknown>")),
    ("test7", pod("test7", init=[{}], phase="podPhase", init_statuses=[running(3, ready=False, finished=10)],
                  statuses=[waiting()]),
     cells("test7", "0/1", "Init:0/1", "3 (10s ago)", "<unknown>")),
    ("test8", pod("test8", init=[{}, {}], phase="podPhase",
                  init_statuses=[running(3, ready=False, finished=10), waiting()], statuses=[waiting()]),
     cells("test8", "0/1", "Init:0/2", "3 (10s ago)", "<unknown>")),
    ("test9", pod("test9", init=[{}, {}], phase="podPhase",
                  init_statuses=[terminated(), running(3, ready=False, finished=10)], statuses=[waiting()]),
     cells("test9", "0/1", "Init:1/2", "3 (10s ago)", "<unknown>")),
    ("test10", pod("test10", init=[{}, {}], phase="podPhase",
                   init_statuses=[terminated(restarts=2, finished=120), running(3, ready=False, finished=10)],
                   statuses=[waiting()]),
     cells("test10", "0/1", "Init:1/2", "5 (10s ago)", "<unknown>")),
    ("test11", pod("test11", init=[{}], phase="Running", init_statuses=[terminated(restarts=2, finished=120)],
                   statuses=[running(4, ready=False, finished=20)]),
     cells("test11", "0/1", "Running", "4 (20s ago)", "<unknown>")),
    ("test12", pod("test12", phase="Running", statuses=[running(3, finished=5 * 86400)]),
     cells("test12", "1/1", "Running", "3 (5d ago)", "<unknown>")),
    ("test13", pod("test13", n=2, phase="Running", statuses=[running(0), running(3, finished=10 * 86400)]),
     cells("test13", "2/2", "Running", "3 (10d ago)", "<unknown>")),
    ("test14", pod("test14", n=2, phase="Running",
                   statuses=[running(6, finished=5 * 86400), running(3, finished=20 * 86400)]),
     cells("test14", "2/2", "Running", "9 (5d ago)", "<unknown>")),
    ("test15", pod("test15", n=2, phase="podPhase",
                   conditions=[{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]),
     cells("test15", "0/2", "SchedulingGated", "0", "<unknown>")),
    ("test16", pod("test16", phase="Succeeded", statuses=[terminated("Completed", 0)]),
     [{"cells": ["test16", "0/1", "Completed", "0", "<unknown>"], "conditions": POD_SUCCESS_CONDITIONS}]),
    ("test17", pod("test17", phase="Failed", statuses=[terminated("Error", 1)]),
     [{"cells": ["test17", "0/1", "Error", "0", "<unknown>"], "conditions": POD_FAILED_CONDITIONS}]),
    ("test18", pod("test18", phase="Succeeded", statuses=[terminated("Completed", 0)], deleting=True),
     [{"cells": ["test18", "0/1", "Completed", "0", "<unknown>"], "conditions": POD_SUCCESS_CONDITIONS}]),
    ("test19", pod("test19", phase="Running", statuses=[running(0, ready=False)], deleting=True),
     cells("test19", "0/1", "Terminating", "0", "<unknown>")),
    ("test20", pod("test20", phase="Pending", deleting=True),
     cells("test20", "0/1", "Terminating", "0", "<unknown>")),
]


@pytest.mark.parametrize(("p", "expect"), [c[1:] for c in PRINT_POD], ids=[c[0] for c in PRINT_POD])
def test_print_pod(p, expect):
    assert rows_of(p) == expect


# TestPrintPodWithRestartableInitContainer
SIDECARS = [{"name": "restartable-init-1", **SIDECAR}, {"name": "restartable-init-2", **SIDECAR}]
RESTARTABLE = [
    ("first sidecar running but not started",
     pod("test1", init=SIDECARS, phase="Pending",
         init_statuses=[running(3, ready=False, finished=10, name="restartable-init-1", started=False),
                        waiting(name="restartable-init-2", started=False)],
         statuses=[waiting()], conditions=[{"type": "Initialized", "status": "False"}]),
     cells("test1", "0/3", "Init:0/2", "3 (10s ago)", "<unknown>")),
    ("first sidecar started, second running but not started",
     pod("test1", init=SIDECARS, phase="Pending",
         init_statuses=[running(3, ready=False, finished=10, name="restartable-init-1", started=True),
                        running(0, ready=False, name="restartable-init-2", started=False)],
         statuses=[waiting()], conditions=[{"type": "Initialized", "status": "False"}]),
     cells("test1", "0/3", "Init:1/2", "3 (10s ago)", "<unknown>")),
    ("both sidecars started and the container running",
     pod("test2", init=SIDECARS, phase="Running",
         init_statuses=[running(3, ready=False, finished=10, name="restartable-init-1", started=True),
                        running(0, ready=False, name="restartable-init-2", started=True)],
         statuses=[running(4, finished=20)], conditions=[{"type": "Initialized", "status": "True"}]),
     cells("test2", "1/3", "Running", "7 (10s ago)", "<unknown>")),
    ("sidecars failed and the container completed",
     pod("test3", init=SIDECARS, phase="Succeeded",
         init_statuses=[dict(terminated("Error", 137, 3, finished=10), name="restartable-init-1", started=False),
                        dict(terminated("Error", 137), name="restartable-init-2", started=False)],
         statuses=[terminated("Completed", 0, 4, finished=20)],
         conditions=[{"type": "Initialized", "status": "True"}]),
     [{"cells": ["test3", "0/3", "Completed", "7 (10s ago)", "<unknown>"], "conditions": POD_SUCCESS_CONDITIONS}]),
    ("statuses of containers that do not exist",
     {"metadata": {"name": "test4"},
      "spec": {"initContainers": [{"name": "init1", "image": "initimage"},
                                  {"name": "sidecar1", "image": "sidecarimage", **SIDECAR}],
               "containers": [{"name": "container1", "image": "containerimage"}]},
      "status": {"phase": "Running",
                 "initContainerStatuses": [{"name": "initinvalid"}, {"name": "init1"}, {"name": "sidecar1"}],
                 "containerStatuses": [{"name": "containerinvalid"}, {"name": "container1"}]}},
     cells("test4", "0/2", "Init:0/2", "0", "<unknown>")),
]


@pytest.mark.parametrize(("p", "expect"), [c[1:] for c in RESTARTABLE], ids=[c[0] for c in RESTARTABLE])
def test_print_pod_with_restartable_init_container(p, expect):
    assert rows_of(p) == expect


GATES = [{"conditionType": "condition1"}, {"conditionType": "condition2"}, {"conditionType": "condition3"}]
GATE_CONDITIONS = [{"type": "condition1", "status": "False"}, {"type": "condition2", "status": "True"}]


def gated_pod(pod_ips):
    p = pod("test1", n=2, phase="podPhase", statuses=[running(3), {"restartCount": 3}], conditions=GATE_CONDITIONS,
            nodeName="test1", readinessGates=GATES)
    p["status"]["podIPs"] = [{"ip": ip} for ip in pod_ips]
    p["status"]["nominatedNodeName"] = "node1"
    return p


# TestPrintPodwide
@pytest.mark.parametrize(("p", "expect"), [
    (gated_pod(["1.1.1.1"]), cells("test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3")),
    (gated_pod(["1.1.1.1", "2001:db8::"]),
     cells("test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3")),
    (pod("test2", n=2, phase="podPhase", statuses=[running(3), waiting("ContainerWaitingReason", 3)]),
     cells("test2", "1/2", "ContainerWaitingReason", "6", "<unknown>", "<none>", "<none>", "<none>", "<none>")),
], ids=["node name and pod IP set", "dual-stack pod IPs", "node name and pod IP unset"])
def test_print_podwide(p, expect):
    assert rows_of(p, wide=True) == expect


# TestPrintPodConditions and TestPrintNonTerminatedPod
@pytest.mark.parametrize(("phase", "expect_reason", "conditions"), [
    ("Running", "Running", None),
    ("Pending", "Pending", None),
    ("Unknown", "Unknown", None),
    ("Succeeded", "Succeeded", POD_SUCCESS_CONDITIONS),
    ("Failed", "Failed", POD_FAILED_CONDITIONS),
])
def test_print_non_terminated_pod(phase, expect_reason, conditions):
    p = pod("test1", n=2, phase=phase, statuses=[running(3), {"restartCount": 3}])
    row = {"cells": ["test1", "1/2", expect_reason, "6", "<unknown>"]}
    if conditions:
        row["conditions"] = conditions
    assert rows_of(p) == [row]


# Beyond upstream's table: what a learner sees while a pod starts, crashes and goes away.
@pytest.mark.parametrize(("p", "ready", "status", "restarts"), [
    (pod("p", phase="Pending"), "0/1", "Pending", "0"),
    (pod("p", phase="Pending", statuses=[waiting("ContainerCreating")]), "0/1", "ContainerCreating", "0"),
    (pod("p", phase="Pending", statuses=[waiting("ErrImagePull")]), "0/1", "ErrImagePull", "0"),
    (pod("p", phase="Running", statuses=[waiting("CrashLoopBackOff", 5, lastState={
        "terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ago(5)}})]),
     "0/1", "CrashLoopBackOff", "5 (5s ago)"),
    (pod("p", phase="Running", statuses=[terminated("OOMKilled", 137, 1, finished=30)]), "0/1", "OOMKilled",
     "1 (30s ago)"),
    (pod("p", phase="Running", statuses=[terminated(exit_code=2)]), "0/1", "ExitCode:2", "0"),
    (pod("p", phase="Running", statuses=[{"restartCount": 0, "state": {"terminated": {"signal": 9}}}]), "0/1",
     "Signal:9", "0"),
    (pod("p", init=[{}], phase="Pending", init_statuses=[waiting("PodInitializing")], statuses=[waiting("PodInitializing")]),
     "0/1", "Init:0/1", "0"),
    (pod("p", init=[{}], phase="Pending", init_statuses=[terminated()], statuses=[waiting("PodInitializing")]),
     "0/1", "PodInitializing", "0"),
    (pod("p", init=[{}], phase="Pending", init_statuses=[waiting("CrashLoopBackOff", 2)], statuses=[waiting()]),
     "0/1", "Init:CrashLoopBackOff", "2"),
    (pod("p", init=[{}], phase="Pending", init_statuses=[terminated("Error", 1)], statuses=[waiting()]),
     "0/1", "Init:Error", "0"),
    (pod("p", init=[{}], phase="Pending", init_statuses=[terminated(exit_code=3)], statuses=[waiting()]),
     "0/1", "Init:ExitCode:3", "0"),
    (pod("p", phase="Running", reason="NodeLost", statuses=[running()], deleting=True), "1/1", "Unknown", "0"),
    (pod("p", phase="Pending", reason="Evicted"), "0/1", "Evicted", "0"),
], ids=["pending", "container creating", "image pull error", "crash loop", "oom killed", "exit code", "signal",
        "init waiting", "pod initializing", "init crash loop", "init error", "init exit code", "node lost",
        "evicted"])
def test_status_while_a_pod_lives(p, ready, status, restarts):
    assert rows_of(p)[0]["cells"][1:4] == [ready, status, restarts]


def test_age_counts_from_creation_on_the_simulated_clock():
    p = pod("web")
    p["metadata"]["creationTimestamp"] = clock.rfc3339(0)
    assert print_pod(p, GenerateOptions(now=190.0))[0]["cells"][4] == "3m10s"
    assert print_pod(p, GenerateOptions(now=3 * 86400 + 3600))[0]["cells"][4] == "3d1h"


def test_pod_ip_falls_back_to_status_pod_ip():
    p = pod("web", phase="Running", statuses=[running()], nodeName="node-1")
    p["status"]["podIP"] = "10.244.1.5"
    assert rows_of(p, wide=True)[0]["cells"][5:7] == ["10.244.1.5", "node-1"]
