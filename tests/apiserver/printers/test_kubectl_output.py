"""The exact text ``kubectl get`` prints, from realistic objects through to_table and render."""

import textwrap

from kubelab.api import scheme
from kubelab.apiserver.printers import HumanReadablePrinter, PrintOptions, Writer, render, to_table
from kubelab.engine import clock

NOW = 600.0  # ten minutes into the simulation


def ts(t: float) -> str:
    return clock.rfc3339(t)


def get(resource, objects, **render_args):
    return render(to_table(scheme.resolve(resource), objects, NOW), **render_args)


def expect(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def meta(name, created, ns="default", **extra):
    return {"name": name, "namespace": ns, "creationTimestamp": ts(created), **extra}


def web_pod(name, created, *, node="node-1", ip="10.244.1.4", labels=None, **status):
    return {"metadata": meta(name, created, labels=labels or {"app": "web"}),
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}], "nodeName": node},
            "status": {"podIP": ip, **status}}


RUNNING_WITH_RESTARTS = web_pod("web-7d4b9c8f5d-abcde", 0, phase="Running", conditions=[
    {"type": "Ready", "status": "True"}], containerStatuses=[
    {"name": "nginx", "ready": True, "restartCount": 2, "state": {"running": {}},
     "lastState": {"terminated": {"exitCode": 1, "finishedAt": ts(590)}}}])
PENDING = {"metadata": meta("web-7d4b9c8f5d-xyz12", 598), "spec": {"containers": [{"name": "nginx"}]},
           "status": {"phase": "Pending", "conditions": [
               {"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}}
TERMINATING = web_pod("old-5c6b7d8e9f-qwert", 300, ip="10.244.2.9", node="node-2", phase="Running",
                      containerStatuses=[{"name": "nginx", "ready": True, "restartCount": 0, "state": {"running": {}}}])
TERMINATING["metadata"]["deletionTimestamp"] = ts(630)


def test_get_pods():
    assert get("pods", [RUNNING_WITH_RESTARTS, PENDING, TERMINATING]) == expect("""
        NAME                   READY   STATUS        RESTARTS      AGE
        web-7d4b9c8f5d-abcde   1/1     Running       2 (10s ago)   10m
        web-7d4b9c8f5d-xyz12   0/1     Pending       0             2s
        old-5c6b7d8e9f-qwert   1/1     Terminating   0             5m
        """)


def test_get_pods_wide():
    assert get("po", [RUNNING_WITH_RESTARTS, PENDING], wide=True) == expect("""
        NAME                   READY   STATUS    RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES
        web-7d4b9c8f5d-abcde   1/1     Running   2 (10s ago)   10m   10.244.1.4   node-1   <none>           <none>
        web-7d4b9c8f5d-xyz12   0/1     Pending   0             2s    <none>       <none>   <none>           <none>
        """)


def test_get_pods_all_namespaces_with_labels():
    system = web_pod("coredns-6f6b679f8f-4dz7x", 0, labels={"k8s-app": "kube-dns", "pod-template-hash": "6f6b679f8f"},
                     phase="Running", containerStatuses=[{"ready": True, "restartCount": 0, "state": {"running": {}}}])
    system["metadata"]["namespace"] = "kube-system"
    out = get("pods", [system, RUNNING_WITH_RESTARTS], with_namespace=True, show_labels=True)
    assert out == expect("""
        NAMESPACE     NAME                       READY   STATUS    RESTARTS      AGE   LABELS
        kube-system   coredns-6f6b679f8f-4dz7x   1/1     Running   0             10m   k8s-app=kube-dns,pod-template-hash=6f6b679f8f
        default       web-7d4b9c8f5d-abcde       1/1     Running   2 (10s ago)   10m   app=web
        """)


def test_get_pods_with_label_columns():
    out = get("pods", [RUNNING_WITH_RESTARTS, PENDING], label_columns=["app.kubernetes.io/name", "app"])
    # the empty label cells are still padded: kubectl's line ends in spaces
    assert out.splitlines() == [
        "NAME                   READY   STATUS    RESTARTS      AGE   NAME   APP",
        "web-7d4b9c8f5d-abcde   1/1     Running   2 (10s ago)   10m          web",
        "web-7d4b9c8f5d-xyz12   0/1     Pending   0             2s    " + " " * 7,
    ]


def test_no_headers_keeps_the_minimum_column_width():
    cm = {"metadata": meta("kube-root-ca.crt", 0), "data": {"ca.crt": "..."}}
    assert get("configmaps", [cm], no_headers=True) == "kube-root-ca.crt   1     10m\n"


def test_nothing_is_printed_for_an_empty_list():
    assert get("pods", []) == ""
    assert get("pods", [], no_headers=True) == ""


def deployment(name, replicas, ready, updated, available, created):
    return {"metadata": meta(name, created),
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
            "status": {"replicas": replicas, "readyReplicas": ready, "updatedReplicas": updated,
                       "availableReplicas": available}}


def test_get_deployments_with_kind_prefix_and_wide():
    objs = [deployment("web", 3, 3, 3, 3, 480), deployment("api", 2, 1, 2, 1, 590)]
    assert get("deploy", objs, show_kind=True, kind_prefix="Deployment.apps") == expect("""
        NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
        deployment.apps/web   3/3     3            3           2m
        deployment.apps/api   1/2     2            1           10s
        """)
    assert get("deployments.apps", objs[:1], wide=True) == expect("""
        NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
        web    3/3     3            3           2m    nginx        nginx:1.27   app=web
        """)


def test_get_replicasets_and_statefulsets():
    rs = {"metadata": meta("web-7d4b9c8f5d", 480), "spec": {"replicas": 3},
          "status": {"replicas": 3, "readyReplicas": 2}}
    assert get("rs", [rs]) == expect("""
        NAME             DESIRED   CURRENT   READY   AGE
        web-7d4b9c8f5d   3         3         2       2m
        """)
    sts = {"metadata": meta("db", 0), "spec": {"replicas": 3}, "status": {"readyReplicas": 3}}
    assert get("sts", [sts]) == "NAME   READY   AGE\ndb     3/3     10m\n"


def test_get_daemonsets():
    ds = {"metadata": meta("kube-proxy", 0, ns="kube-system"),
          "spec": {"template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}}}},
          "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 3,
                     "updatedNumberScheduled": 3, "numberAvailable": 3}}
    assert get("ds", [ds]) == expect("""
        NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
        kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   10m
        """)


def test_get_services():
    kubernetes = {"metadata": meta("kubernetes", 0),
                  "spec": {"type": "ClusterIP", "clusterIPs": ["10.96.0.1"], "ports": [{"port": 443, "protocol": "TCP"}]}}
    web = {"metadata": meta("web", 540),
           "spec": {"type": "NodePort", "clusterIPs": ["10.96.45.100"], "selector": {"app": "web"},
                    "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}]}}
    lb = {"metadata": meta("edge", 590),
          "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.7.7"],
                   "ports": [{"port": 80, "nodePort": 31234, "protocol": "TCP"}]}}
    assert get("svc", [kubernetes, web, lb], wide=True) == expect("""
        NAME         TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   SELECTOR
        kubernetes   ClusterIP      10.96.0.1      <none>        443/TCP        10m   <none>
        web          NodePort       10.96.45.100   <none>        80:30080/TCP   60s   app=web
        edge         LoadBalancer   10.96.7.7      <pending>     80:31234/TCP   10s   <none>
        """)


def test_get_nodes():
    def node(name, unschedulable=False, roles=()):
        return {"metadata": {"name": name, "creationTimestamp": ts(0),
                             "labels": {f"node-role.kubernetes.io/{r}": "" for r in roles}},
                "spec": {"unschedulable": True} if unschedulable else {},
                "status": {"conditions": [{"type": "MemoryPressure", "status": "False"},
                                          {"type": "Ready", "status": "True"}],
                           "addresses": [{"type": "InternalIP", "address": f"172.18.0.{name[-1]}"}],
                           "nodeInfo": {"kubeletVersion": "v1.34.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                        "kernelVersion": "6.8.0-45-generic",
                                        "containerRuntimeVersion": "containerd://2.1.3"}}}

    nodes = [node("node-1", roles=["control-plane"]), node("node-2", unschedulable=True)]
    assert get("nodes", nodes) == expect("""
        NAME     STATUS                     ROLES           AGE   VERSION
        node-1   Ready                      control-plane   10m   v1.34.0
        node-2   Ready,SchedulingDisabled   <none>          10m   v1.34.0
        """)
    assert get("no", nodes[:1], wide=True) == expect("""
        NAME     STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME
        node-1   Ready    control-plane   10m   v1.34.0   172.18.0.1    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://2.1.3
        """)


def test_get_namespaces_is_cluster_scoped():
    nss = [{"metadata": {"name": n, "creationTimestamp": ts(0)}, "status": {"phase": "Active"}}
           for n in ("default", "kube-system")]
    nss.append({"metadata": {"name": "old", "creationTimestamp": ts(100), "deletionTimestamp": ts(590)},
                "status": {"phase": "Terminating"}})
    assert get("ns", nss) == expect("""
        NAME          STATUS        AGE
        default       Active        10m
        kube-system   Active        10m
        old           Terminating   8m20s
        """)


def test_get_events():
    ev = [{"metadata": meta("web.1", 590), "type": "Normal", "reason": "Scheduled", "firstTimestamp": ts(590),
           "lastTimestamp": ts(590), "count": 1, "involvedObject": {"kind": "Pod", "name": "web"},
           "message": "Successfully assigned default/web to node-1", "source": {"component": "default-scheduler"}},
          {"metadata": meta("web.2", 595), "type": "Warning", "reason": "BackOff", "firstTimestamp": ts(560),
           "lastTimestamp": ts(595), "count": 4,
           "involvedObject": {"kind": "Pod", "name": "web", "fieldPath": "spec.containers{nginx}"},
           "message": "Back-off restarting failed container nginx in pod web_default(uid-1)",
           "source": {"component": "kubelet", "host": "node-1"}}]
    assert get("events", ev) == expect("""
        LAST SEEN   TYPE      REASON      OBJECT    MESSAGE
        10s         Normal    Scheduled   pod/web   Successfully assigned default/web to node-1
        5s          Warning   BackOff     pod/web   Back-off restarting failed container nginx in pod web_default(uid-1)
        """)
    assert get("ev", ev[1:], wide=True) == expect("""
        LAST SEEN   TYPE      REASON    OBJECT    SUBOBJECT                SOURCE            MESSAGE                                                                FIRST SEEN   COUNT   NAME
        5s          Warning   BackOff   pod/web   spec.containers{nginx}   kubelet, node-1   Back-off restarting failed container nginx in pod web_default(uid-1)   40s          4       web.2
        """)


def test_get_jobs_and_cronjobs():
    done = {"metadata": meta("pi", 570), "spec": {"completions": 1, "parallelism": 1},
            "status": {"succeeded": 1, "startTime": ts(570), "completionTime": ts(577),
                       "conditions": [{"type": "Complete", "status": "True"}]}}
    running = {"metadata": meta("backup", 400), "spec": {"completions": 3, "parallelism": 1},
               "status": {"succeeded": 1, "active": 1, "startTime": ts(400)}}
    assert get("jobs", [done, running]) == expect("""
        NAME     STATUS     COMPLETIONS   DURATION   AGE
        pi       Complete   1/1           7s         30s
        backup   Running    1/3           3m20s      3m20s
        """)
    cj = {"metadata": meta("hourly", 300), "spec": {"schedule": "0 * * * *", "suspend": False},
          "status": {}}
    assert get("cj", [cj]) == expect("""
        NAME     SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
        hourly   0 * * * *   <none>     False     0        <none>          5m
        """)


def test_get_roles_uses_the_default_table():
    role = {"metadata": meta("pod-reader", 0)}
    assert get("roles", [role]) == expect("""
        NAME         CREATED AT
        pod-reader   2025-01-01T00:00:00Z
        """)


def test_get_small_kinds():
    sa = {"metadata": meta("default", 0)}
    assert get("sa", [sa]) == "NAME      SECRETS   AGE\ndefault   0         10m\n"
    secret = {"metadata": meta("db-pass", 0), "type": "Opaque", "data": {"password": "c2VjcmV0"}}
    assert get("secrets", [secret]) == "NAME      TYPE     DATA   AGE\ndb-pass   Opaque   1      10m\n"
    pc = {"metadata": {"name": "system-node-critical", "creationTimestamp": ts(0)}, "value": 2000001000,
          "preemptionPolicy": "PreemptLowerPriority"}
    assert get("pc", [pc]) == expect("""
        NAME                   VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
        system-node-critical   2000001000   false            10m   PreemptLowerPriority
        """)
    sc = {"metadata": {"name": "standard", "creationTimestamp": ts(0), "annotations": {
        "storageclass.kubernetes.io/is-default-class": "true"}}, "provisioner": "rancher.io/local-path",
        "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"}
    assert get("sc", [sc]) == expect("""
        NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
        standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  10m
        """)
    lease = {"metadata": meta("kube-scheduler", 0, ns="kube-system"), "spec": {"holderIdentity": "node-1_ab12"}}
    assert get("leases", [lease]) == "NAME             HOLDER        AGE\nkube-scheduler   node-1_ab12   10m\n"


def test_get_hpa_and_pdb():
    hpa = {"metadata": meta("web", 300),
           "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 10,
                    "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                        "type": "Utilization", "averageUtilization": 50}}}]},
           "status": {"currentReplicas": 2, "currentMetrics": [{"type": "Resource", "resource": {
               "name": "cpu", "current": {"averageUtilization": 23}}}]}}
    assert get("hpa", [hpa]) == expect("""
        NAME   REFERENCE        TARGETS        MINPODS   MAXPODS   REPLICAS   AGE
        web    Deployment/web   cpu: 23%/50%   1         10        2          5m
        """)
    pdb = {"metadata": meta("web", 300), "spec": {"minAvailable": 2}, "status": {"disruptionsAllowed": 1}}
    assert get("pdb", [pdb]) == expect("""
        NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
        web    2               N/A               1                     5m
        """)


def test_watch_rows_reuse_headers_and_widths():
    pods = scheme.resolve("pods")
    printer = HumanReadablePrinter(PrintOptions())
    writer = Writer()
    printer.print_obj(to_table(pods, [PENDING], NOW), writer)
    first = writer.flush()
    event = to_table(pods, [dict(PENDING, metadata=meta("w", 599))], NOW)
    event["columnDefinitions"] = None  # later watch events carry no column definitions
    printer.print_obj(event, writer)
    assert first + writer.flush() == expect("""
        NAME                   READY   STATUS    RESTARTS   AGE
        web-7d4b9c8f5d-xyz12   0/1     Pending   0          2s
        w                      0/1     Pending   0          1s
        """)
