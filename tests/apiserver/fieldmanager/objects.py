"""Realistic objects, and hypothesis strategies that edit them, for the fast-path property tests."""

from __future__ import annotations

import copy
import math
from typing import Any

from hypothesis import strategies as st

# A pod as the API server stores it: defaulted, with the service-account volume, a
# toleration list, ports keyed by (containerPort, protocol), env and finalizers.
POD: dict[str, Any] = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-0", "namespace": "default", "labels": {"app": "web", "tier": "fe"},
                 "annotations": {"note": "x"}, "finalizers": ["a/b", "c/d"],
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1",
                                      "uid": "u-1", "controller": True}],
                 "uid": "u-0", "resourceVersion": "7", "generation": 1,
                 "creationTimestamp": "2025-01-01T00:00:01Z"},
    "spec": {
        "containers": [
            {"name": "app", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent",
             "command": ["nginx", "-g"], "args": ["daemon off;"],
             "ports": [{"containerPort": 80, "protocol": "TCP", "name": "http"}, {"containerPort": 53}],
             "env": [{"name": "A", "value": "1"},
                     {"name": "B", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}}],
             "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "1"}},
             "volumeMounts": [{"name": "kube-api-access-x", "readOnly": True,
                               "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}],
             "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"},
            {"name": "log", "image": "busybox", "securityContext": {"runAsUser": 0, "privileged": False}},
        ],
        "initContainers": [{"name": "init", "image": "busybox"}],
        "volumes": [{"name": "kube-api-access-x", "projected": {"defaultMode": 420, "sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}}]}},
            {"name": "data", "emptyDir": {}}],
        "nodeSelector": {"disk": "ssd"},
        "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}]}}},
        "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                         "tolerationSeconds": 300}],
        "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
        "securityContext": {}, "schedulerName": "default-scheduler", "enableServiceLinks": True,
        "priority": 0, "serviceAccountName": "default",
    },
    "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
               "podIPs": [{"ip": "10.0.0.1"}], "qosClass": "Burstable"},
}

DEPLOYMENT: dict[str, Any] = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}, "generation": 2,
                 "annotations": {"deployment.kubernetes.io/revision": "1"}},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
             "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
             "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
             "template": {"metadata": {"labels": {"app": "web"}, "creationTimestamp": None},
                          "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
                                                   "ports": [{"containerPort": 80, "protocol": "TCP"}]}],
                                   "restartPolicy": "Always"}}},
    "status": {"replicas": 3, "conditions": [{"type": "Available", "status": "True"}]},
}

SERVICE: dict[str, Any] = {
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
    "spec": {"selector": {"app": "web"}, "type": "ClusterIP", "clusterIP": "10.96.0.10",
             "clusterIPs": ["10.96.0.10"], "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
             "ports": [{"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"},
                       {"name": "dns", "port": 53, "targetPort": "dns", "protocol": "UDP"}],
             "sessionAffinity": "None"},
    "status": {"loadBalancer": {}},
}

CONFIGMAP: dict[str, Any] = {
    "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "default"},
    "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="},
}

OBJECTS = [POD, DEPLOYMENT, SERVICE, CONFIGMAP]

_KEYS = ["name", "image", "labels", "app", "ports", "containerPort", "protocol", "port", "key", "value",
         "values", "items", "spec", "metadata", "containers", "env", "replicas", "type", "x"]

scalars = st.one_of(
    st.none(), st.booleans(), st.sampled_from([0, 1, 80, 53, 1.0, 80.0, -0.0, 0.5, float("nan")]),
    st.integers(-3, 3), st.sampled_from(["", "a", "web", "TCP", "UDP", "nginx:1.27", "ü\"\\"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3)),
    max_leaves=8,
)


def retyped(v: int | float) -> list[Any]:
    """Values JSON-equal to ``v`` or equal to it in Python only: 1 -> 1.0, True; True -> 1."""
    if isinstance(v, bool):
        return [int(v), float(v)]
    if isinstance(v, int):
        return [float(v), *([bool(v)] if v in (0, 1) else [])]
    return [int(v)] if math.isfinite(v) and v == int(v) else [v]


def _containers(v: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(v, dict):
        for k, x in v.items():
            out.extend(_containers(x, (*path, k)))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out.extend(_containers(x, (*path, i)))
    return out


def _at(v: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        v = v[p]
    return v


@st.composite
def edited(draw: st.DrawFn, obj: dict[str, Any], max_edits: int = 4) -> dict[str, Any]:
    """A deep copy of ``obj`` with a few random edits: set, delete, add, duplicate, retype."""
    out = copy.deepcopy(obj)
    for _ in range(draw(st.integers(0, max_edits))):
        path = draw(st.sampled_from(_containers(out)))
        target = _at(out, path)
        op = draw(st.sampled_from(["set", "delete", "add", "dup", "copy-type"]))
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            if op == "delete":
                del target[key]
            elif op == "add":
                target[draw(st.sampled_from(_KEYS))] = draw(values)
            elif op == "copy-type" and isinstance(target[key], int | float):
                target[key] = draw(st.sampled_from(retyped(target[key])))
            else:
                target[key] = draw(values)
        elif isinstance(target, list) and target:
            i = draw(st.integers(0, len(target) - 1))
            if op == "delete":
                del target[i]
            elif op == "dup":
                twin = copy.deepcopy(target[i])
                if isinstance(twin, dict) and draw(st.booleans()):
                    twin[draw(st.sampled_from(_KEYS))] = draw(values)
                target.insert(draw(st.integers(0, len(target))), twin)
            elif op == "add":
                target.insert(i, draw(values))
            elif op == "copy-type" and isinstance(target[i], int | float):
                target[i] = draw(st.sampled_from(retyped(target[i])))
            else:
                target[i] = draw(values)
        elif path:
            parent = _at(out, path[:-1])
            parent[path[-1]] = draw(values)
    return out


@st.composite
def object_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(old, new): a realistic object and an edit of it, either way round, or both edited."""
    base = draw(st.sampled_from(OBJECTS))
    old = draw(edited(base, 2))
    new = draw(edited(old))
    return (new, old) if draw(st.booleans()) else (old, new)
