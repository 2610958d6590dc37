"""Objects as the API server returns them, for kubectl tests on plain dicts."""

from __future__ import annotations

from .fakeclient import FakeClient

POD = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-7d4b9-x2x9k", "labels": {"app": "web", "pod-template-hash": "7d4b9"},
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9",
                                      "uid": "rs-uid", "controller": True}]},
    "spec": {
        "nodeName": "node-1", "serviceAccountName": "default", "priority": 0,
        "containers": [{
            "name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80, "protocol": "TCP"}],
            "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
            "readinessProbe": {"httpGet": {"path": "/", "port": 80, "scheme": "HTTP"}, "timeoutSeconds": 1,
                               "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
            "env": [{"name": "MODE", "value": "prod"},
                    {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1",
                                                                    "fieldPath": "metadata.name"}}}],
            "volumeMounts": [{"name": "kube-api-access-abcde", "readOnly": True,
                              "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}],
        }],
        "volumes": [{"name": "kube-api-access-abcde", "projected": {"sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"name": "kube-root-ca.crt"}}, {"downwardAPI": {}}]}}],
        "tolerations": [
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
             "tolerationSeconds": 300}],
    },
    "status": {
        "phase": "Running", "qosClass": "Burstable", "hostIP": "172.18.0.2", "podIP": "10.244.1.5",
        "podIPs": [{"ip": "10.244.1.5"}], "startTime": "2025-01-01T00:00:02Z",
        "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"},
                       {"type": "PodScheduled", "status": "True"}],
        "containerStatuses": [{"name": "nginx", "ready": True, "restartCount": 0,
                               "containerID": "containerd://0123", "imageID": "docker.io/library/nginx@sha256:aa",
                               "state": {"running": {"startedAt": "2025-01-01T00:00:07Z"}}}],
    },
}

DEPLOYMENT = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web"}, "annotations": {"deployment.kubernetes.io/revision": "1"}},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {"labels": {"app": "web"}},
                          "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
                                                   "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}},
             "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
             "minReadySeconds": 0},
    "status": {"replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
               "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                              {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]},
}


def replica_set(deploy_uid: str) -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "web-7d4b9", "uid": "rs-uid", "labels": {"app": "web", "pod-template-hash": "7d4b9"},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                          "uid": deploy_uid, "controller": True}]},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "7d4b9"}},
                 "template": {"metadata": {"labels": {"app": "web", "pod-template-hash": "7d4b9"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
                                                       "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}}},
        "status": {"replicas": 3, "readyReplicas": 3},
    }


def event(name: str, obj: dict, reason: str, message: str, *, first: str, last: str, count: int = 1,
          kind: str = "Pod", component: str = "kubelet", type_: str = "Normal") -> dict:
    md = obj["metadata"]
    return {"apiVersion": "v1", "kind": "Event", "metadata": {"name": name, "namespace": "default"},
            "involvedObject": {"kind": kind, "name": md["name"], "namespace": "default", "uid": md["uid"]},
            "reason": reason, "message": message, "type": type_, "source": {"component": component},
            "firstTimestamp": first, "lastTimestamp": last, "count": count}


def cluster(now: float = 600.0) -> FakeClient:
    """A FakeClient holding a Deployment, its ReplicaSet and one of its pods, with events."""
    c = FakeClient(now=now)
    d = c.add(DEPLOYMENT)
    c.add(replica_set(d["metadata"]["uid"]))
    pod = c.add(POD, created=1)
    c.add(event("e1", pod, "Scheduled", "Successfully assigned default/web-7d4b9-x2x9k to node-1",
                first="2025-01-01T00:00:01Z", last="2025-01-01T00:00:01Z", component="default-scheduler"))
    c.add(event("e2", pod, "Pulled", 'Container image "nginx:1.25" already present on machine',
                first="2025-01-01T00:00:05Z", last="2025-01-01T00:00:05Z"))
    c.add(event("e3", d, "ScalingReplicaSet", "Scaled up replica set web-7d4b9 from 0 to 3",
                first="2025-01-01T00:00:00Z", last="2025-01-01T00:00:00Z", kind="Deployment",
                component="deployment-controller"))
    return c
