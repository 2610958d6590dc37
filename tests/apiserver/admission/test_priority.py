"""Priority admission."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Forbidden
from kubelab.apiserver.admission.plugin.priority import Priority, system_priority_classes

from .conftest import FakeContext, attrs, namespace, pod


def pc(name, value, *, default=False, policy=None):
    o = {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": name}, "value": value}
    if default:
        o["globalDefault"] = True
    if policy:
        o["preemptionPolicy"] = policy
    return o


def ctx_with(*classes):
    return FakeContext([namespace("default"), *system_priority_classes(), *classes])


@pytest.mark.parametrize(("classes", "spec", "want"), [
    pytest.param((), {}, (None, 0, "PreemptLowerPriority"), id="no default class gives 0"),
    pytest.param((pc("low", 10, default=True),), {}, ("low", 10, None), id="global default"),
    pytest.param((pc("low", 10, default=True), pc("lower", 5, default=True)), {}, ("lower", 5, None),
                 id="two defaults pick the lowest value"),
    pytest.param((), {"priorityClassName": "system-node-critical"},
                 ("system-node-critical", 2000001000, "PreemptLowerPriority"), id="system-node-critical"),
    pytest.param((), {"priorityClassName": "system-cluster-critical"},
                 ("system-cluster-critical", 2000000000, "PreemptLowerPriority"), id="system-cluster-critical"),
    pytest.param((pc("batch", 100, policy="Never"),), {"priorityClassName": "batch"}, ("batch", 100, "Never"),
                 id="preemption policy from the class"),
])
def test_priority_resolution(classes, spec, want):
    p = pod(**spec)
    Priority().admit(attrs("CREATE", "pods", p), ctx_with(*classes))
    s = p["spec"]
    assert (s.get("priorityClassName"), s["priority"], s.get("preemptionPolicy")) == want


def test_missing_class_is_forbidden():
    with pytest.raises(Forbidden) as ei:
        Priority().admit(attrs("CREATE", "pods", pod(priorityClassName="x")), ctx_with())
    assert ei.value.message == 'pods "web" is forbidden: no PriorityClass with name x was found'


def test_explicit_priority_must_agree():
    with pytest.raises(Forbidden) as ei:
        Priority().admit(attrs("CREATE", "pods", pod(priorityClassName="system-node-critical", priority=5)),
                         ctx_with())
    assert ei.value.message == ('pods "web" is forbidden: the integer value of priority (5) must not be provided '
                                "in pod spec; priority admission controller computed 2000001000 from the given "
                                "PriorityClass name")


def test_update_keeps_priority():
    old = pod(priority=7, preemptionPolicy="Never")
    new = pod()
    Priority().admit(attrs("UPDATE", "pods", new, old=old), ctx_with())
    assert (new["spec"]["priority"], new["spec"]["preemptionPolicy"]) == (7, "Never")


def test_only_one_global_default():
    ctx = ctx_with(pc("a", 1, default=True))
    with pytest.raises(Forbidden) as ei:
        Priority().validate(attrs("CREATE", "priorityclasses", pc("b", 2, default=True), group="scheduling.k8s.io",
                                  namespace=""), ctx)
    assert ei.value.message == ('priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already '
                                "marked as default. Only one default can exist")
    Priority().validate(attrs("UPDATE", "priorityclasses", pc("a", 3, default=True), group="scheduling.k8s.io",
                              namespace=""), ctx)
