"""``kubectl describe pod``.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go :: describePod and
staging/src/k8s.io/kubectl/pkg/util/qos/qos.go :: GetPodQOS
"""

from __future__ import annotations

from typing import Any

from kubelab.api.quantity import Quantity, parse_quantity
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    LEVEL_1,
    Obj,
    PrefixWriter,
    meta,
    print_controlled_by,
    print_labels_and_annotations,
    print_labels_multiline,
    print_name_and_namespace,
    print_tolerations_multiline,
    rfc1123z,
    search_events,
    since,
    spec,
    status,
    text_with_events,
)
from kubelab.kubectl.describe.containers import (
    describe_containers,
    describe_resources,
    describe_topology_spread_constraints,
    describe_volumes,
    env_value_retriever,
)

MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror"


def _qos_resources(containers: list[Obj], key: str) -> tuple[dict[str, Quantity], bool]:
    total: dict[str, Quantity] = {}
    all_limits = True
    for c in containers:
        found: set[str] = set()
        for name, q in ((c.get("resources") or {}).get(key) or {}).items():
            if name not in ("cpu", "memory"):
                continue
            qty = parse_quantity(q)
            if qty.sign() > 0:
                found.add(name)
                total[name] = total[name] + qty if name in total else qty
        if key == "limits" and not {"cpu", "memory"} <= found:
            all_limits = False
    return total, all_limits


def compute_pod_qos(pod: Obj) -> str:
    """Mirrors: kubectl/pkg/util/qos/qos.go :: ComputePodQOS (container-level resources)"""
    sp = spec(pod)
    containers = list(sp.get("containers") or []) + list(sp.get("initContainers") or [])
    requests, _ = _qos_resources(containers, "requests")
    limits, guaranteed = _qos_resources(containers, "limits")
    if not requests and not limits:
        return "BestEffort"
    if guaranteed:
        for name, req in requests.items():
            if name not in limits or limits[name].cmp(req) != 0:
                guaranteed = False
                break
    if guaranteed and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"


def get_pod_qos(pod: Obj) -> str:
    """Mirrors: kubectl/pkg/util/qos/qos.go :: GetPodQOS"""
    return status(pod).get("qosClass") or compute_pod_qos(pod)


def describe_pod(pod: Obj, events: list[Obj] | None, now: float) -> str:
    """Mirrors: describe.go :: describePod"""
    w = PrefixWriter()
    md, sp, st = meta(pod), spec(pod), status(pod)
    print_name_and_namespace(w, md)
    if sp.get("priority") is not None:
        w.write(LEVEL_0, f"Priority:\t{sp['priority']}\n")
    if sp.get("priorityClassName"):
        w.write(LEVEL_0, f"Priority Class Name:\t{sp['priorityClassName']}\n")
    if sp.get("runtimeClassName"):
        w.write(LEVEL_0, f"Runtime Class Name:\t{sp['runtimeClassName']}\n")
    if sp.get("serviceAccountName"):
        w.write(LEVEL_0, f"Service Account:\t{sp['serviceAccountName']}\n")
    if not sp.get("nodeName"):
        w.write(LEVEL_0, "Node:\t<none>\n")
    else:
        w.write(LEVEL_0, f"Node:\t{sp['nodeName']}/{st.get('hostIP', '')}\n")
    if st.get("startTime"):
        w.write(LEVEL_0, f"Start Time:\t{rfc1123z(st['startTime'])}\n")
    print_labels_and_annotations(w, md)
    phase = st.get("phase", "")
    if md.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        w.write(LEVEL_0, f"Status:\tTerminating (lasts {since(md['deletionTimestamp'], now)})\n")
        w.write(LEVEL_0, f"Termination Grace Period:\t{md.get('deletionGracePeriodSeconds', 0)}s\n")
    else:
        w.write(LEVEL_0, f"Status:\t{phase}\n")
    if st.get("reason"):
        w.write(LEVEL_0, f"Reason:\t{st['reason']}\n")
    if st.get("message"):
        w.write(LEVEL_0, f"Message:\t{st['message']}\n")
    seccomp = (sp.get("securityContext") or {}).get("seccompProfile")
    if seccomp is not None:
        w.write(LEVEL_0, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(LEVEL_0, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")
    w.write(LEVEL_0, f"IP:\t{st.get('podIP', '')}\n")
    ips = st.get("podIPs") or []
    if not ips:
        w.write(LEVEL_0, "IPs:\t<none>\n")
    else:
        w.write(LEVEL_0, "IPs:\n")
        for ip in ips:
            w.write(LEVEL_1, f"IP:\t{ip.get('ip', '')}\n")
    print_controlled_by(w, pod)
    if st.get("nominatedNodeName"):
        w.write(LEVEL_0, f"NominatedNodeName:\t{st['nominatedNodeName']}\n")
    if sp.get("resources") is not None:
        w.write(LEVEL_0, "Resources:\n")
        describe_resources(sp["resources"], w, LEVEL_1)
    resolver = env_value_retriever(pod)
    if sp.get("initContainers"):
        describe_containers("Init Containers", sp["initContainers"], st.get("initContainerStatuses"), resolver,
                            w, "")
    describe_containers("Containers", sp.get("containers") or [], st.get("containerStatuses"), resolver, w, "")
    if sp.get("ephemeralContainers"):
        describe_containers("Ephemeral Containers", sp["ephemeralContainers"],
                            st.get("ephemeralContainerStatuses"), resolver, w, "")
    conditions = st.get("conditions") or []
    if sp.get("readinessGates"):
        w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n")
        for g in sp["readinessGates"]:
            value = "<none>"
            for c in conditions:
                if c.get("type") == g.get("conditionType"):
                    value = str(c.get("status", ""))
                    break
            w.write(LEVEL_1, f"{g.get('conditionType', '')} \t{value} \n")
    if conditions:
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n")
        for c in conditions:
            w.write(LEVEL_1, f"{c.get('type', '')} \t{c.get('status', '')} \n")
    describe_volumes(sp.get("volumes"), w, "")
    w.write(LEVEL_0, f"QoS Class:\t{get_pod_qos(pod)}\n")
    print_labels_multiline(w, "Node-Selectors", sp.get("nodeSelector"))
    print_tolerations_multiline(w, "", "Tolerations", sp.get("tolerations"))
    describe_topology_spread_constraints(sp.get("topologySpreadConstraints"), w, "")
    return text_with_events(w, events, now)


def describe(client: Any, pod: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*PodDescriber).Describe (events searched without a kind)"""
    events = None
    if show_events:
        md = meta(pod)
        uid = (md.get("annotations") or {}).get(MIRROR_POD_ANNOTATION) or md.get("uid", "")
        events = search_events(client, pod, kind=None, uid=uid)
    return describe_pod(pod, events, now)
