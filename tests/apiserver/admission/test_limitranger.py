"""LimitRanger admission."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Forbidden
from kubelab.api.quantity import Quantity
from kubelab.apiserver.admission.plugin.limitranger import (
    LimitRanger,
    limit_request_ratio_constraint,
    max_constraint,
    min_constraint,
    set_defaults_limit_range_item,
)

from .conftest import FakeContext, attrs, namespace, pod


def lr(*items, name="limits"):
    return {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": name, "namespace": "default"},
            "spec": {"limits": list(items)}}


def ctr(name="nginx", requests=None, limits=None):
    res = {}
    if requests:
        res["requests"] = requests
    if limits:
        res["limits"] = limits
    return {"name": name, "image": "nginx", "resources": res}


def run(ctx, p):
    a = attrs("CREATE", "pods", p)
    LimitRanger().admit(a, ctx)
    LimitRanger().validate(a, ctx)


def test_defaults_requests_and_limits_and_annotates():
    ctx = FakeContext([namespace("default"), lr({"type": "Container", "default": {"cpu": "500m", "memory": "256Mi"},
                                                 "defaultRequest": {"cpu": "100m"}})])
    p = pod(containers=[ctr(limits={"memory": "1Gi"})], initContainers=[ctr("init")])
    run(ctx, p)
    assert p["spec"]["containers"][0]["resources"] == {"limits": {"memory": "1Gi", "cpu": "500m"},
                                                       "requests": {"cpu": "100m", "memory": "256Mi"}}
    assert p["metadata"]["annotations"]["kubernetes.io/limit-ranger"] == (
        "LimitRanger plugin set: cpu, memory request for container nginx; cpu limit for container nginx; "
        "cpu, memory request for init container init; cpu, memory limit for init container init")


def test_max_becomes_default_limit_and_request():
    item = set_defaults_limit_range_item({"type": "Container", "max": {"cpu": "1"}, "min": {"memory": "10Mi"}})
    assert item["default"] == {"cpu": "1"}
    assert item["defaultRequest"] == {"cpu": "1", "memory": "10Mi"}


@pytest.mark.parametrize(("item", "container", "msg"), [
    pytest.param({"type": "Container", "max": {"cpu": "1"}}, ctr(limits={"cpu": "2"}),
                 "maximum cpu usage per Container is 1, but limit is 2", id="over max"),
    pytest.param({"type": "Container", "min": {"memory": "100Mi"}}, ctr(requests={"memory": "50Mi"}),
                 "minimum memory usage per Container is 100Mi, but request is 50Mi", id="under min"),
    pytest.param({"type": "Container", "maxLimitRequestRatio": {"cpu": "2"}},
                 ctr(requests={"cpu": "100m"}, limits={"cpu": "500m"}),
                 "cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000", id="ratio"),
    pytest.param({"type": "Pod", "max": {"cpu": "1"}},
                 ctr(requests={"cpu": "600m"}, limits={"cpu": "1500m"}),
                 "maximum cpu usage per Pod is 1, but limit is 1500m", id="pod max"),
])
def test_violations_are_forbidden(item, container, msg):
    ctx = FakeContext([namespace("default"), lr(item)])
    with pytest.raises(Forbidden) as ei:
        LimitRanger().validate(attrs("CREATE", "pods", pod(containers=[container])), ctx)
    assert ei.value.message == f'pods "web" is forbidden: {msg}'


def test_several_violations_are_bracketed():
    ctx = FakeContext([namespace("default"), lr({"type": "Container", "max": {"cpu": "1", "memory": "1Gi"}})])
    with pytest.raises(Forbidden) as ei:
        LimitRanger().validate(attrs("CREATE", "pods", pod(containers=[ctr(limits={"cpu": "2", "memory": "2Gi"})])),
                               ctx)
    assert ei.value.message == ('pods "web" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, '
                                "maximum memory usage per Container is 1Gi, but limit is 2Gi]")


def test_defaulted_pod_passes_its_own_limits():
    ctx = FakeContext([namespace("default"), lr({"type": "Container", "max": {"cpu": "1"}, "min": {"cpu": "100m"}})])
    p = pod()
    run(ctx, p)
    assert p["spec"]["containers"][0]["resources"] == {"limits": {"cpu": "1"}, "requests": {"cpu": "1"}}


def test_pod_updates_are_ignored():
    ctx = FakeContext([namespace("default"), lr({"type": "Container", "max": {"cpu": "1"}})])
    LimitRanger().validate(attrs("UPDATE", "pods", pod(containers=[ctr(limits={"cpu": "9"})]), old=pod()), ctx)


def test_persistent_volume_claim_limits():
    ctx = FakeContext([namespace("default"), lr({"type": "PersistentVolumeClaim", "max": {"storage": "10Gi"},
                                                 "min": {"storage": "1Gi"}})])
    pvc = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": "default"},
           "spec": {"resources": {"requests": {"storage": "20Gi"}}}}
    with pytest.raises(Forbidden) as ei:
        LimitRanger().validate(attrs("CREATE", "persistentvolumeclaims", pvc), ctx)
    assert ei.value.message == ('persistentvolumeclaims "data" is forbidden: maximum storage usage per '
                                "PersistentVolumeClaim is 10Gi, but request is 20Gi")


@pytest.mark.parametrize(("fn", "args", "want"), [
    pytest.param(min_constraint, ("Container", "cpu", Quantity("1"), {}, {}),
                 "minimum cpu usage per Container is 1.  No request is specified", id="min no request"),
    pytest.param(max_constraint, ("Container", "cpu", Quantity("1"), {"cpu": Quantity("2")}, {}),
                 "maximum cpu usage per Container is 1.  No limit is specified", id="max no limit"),
    pytest.param(max_constraint, ("Container", "cpu", Quantity("1"), {"cpu": Quantity("2")}, {"cpu": Quantity("1")}),
                 "maximum cpu usage per Container is 1, but request is 2", id="max request over"),
    pytest.param(limit_request_ratio_constraint, ("Container", "cpu", Quantity("2"), {}, {"cpu": Quantity("1")}),
                 "cpu max limit to request ratio per Container is 2, but no request is specified or request is 0",
                 id="ratio no request"),
    pytest.param(limit_request_ratio_constraint,
                 ("Container", "cpu", Quantity("2"), {"cpu": Quantity("1")}, {"cpu": Quantity("2")}), "",
                 id="ratio at the limit"),
])
def test_constraint_messages(fn, args, want):
    assert fn(*args) == want
