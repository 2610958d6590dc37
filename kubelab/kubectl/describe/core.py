"""``kubectl describe`` for Services, Nodes, Namespaces, ConfigMaps, Secrets, ServiceAccounts
and Endpoints.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeService, describeNode,
describeNodeResource, describeNamespace, ConfigMapDescriber, describeSecret,
describeServiceAccount, describeEndpoints, formatEndpointSlices) and
staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests, PodLimits)
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from kubelab.api import labels as labelsel
from kubelab.api.errors import ApiError
from kubelab.api.quantity import Quantity, parse_quantity
from kubelab.apiserver.printers.core import find_node_roles
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    LEVEL_1,
    Obj,
    PrefixWriter,
    describe_events,
    go_bool,
    meta,
    print_labels_and_annotations,
    print_name_and_namespace,
    print_taints_multiline,
    rfc1123z,
    search_events,
    since,
    spec,
    status,
    text_with_events,
)

NODE_LEASE_NAMESPACE = "kube-node-lease"
STANDARD_CONTAINER_RESOURCES = ("cpu", "memory", "ephemeral-storage", "storage")


def _join_host_port(host: str, port: Any) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def format_endpoint_slices(slices: list[Obj], ports: set[str] | None) -> str:
    """Mirrors: describe.go :: formatEndpointSlices"""
    if not slices:
        return "<none>"
    out: list[str] = []
    maximum, more, count = 3, False, 0

    def add_ready(endpoints: list[Obj], port: Obj | None) -> None:
        # the first three ready addresses are listed; the rest are only counted
        nonlocal more, count
        for ep in endpoints:
            if len(out) == maximum:
                more = True
            ready = (ep.get("conditions") or {}).get("ready")
            if ready is not None and not ready:
                continue
            if not more:
                address = (ep.get("addresses") or [""])[0]
                out.append(address if port is None else _join_host_port(address, port.get("port", 0)))
            count += 1

    for s in slices:
        if not s.get("ports"):
            add_ready(s.get("endpoints") or [], None)
            continue
        for port in s.get("ports") or []:
            if ports is None or (port.get("name") or "") in ports:
                add_ready(s.get("endpoints") or [], port)
    text = ",".join(out)
    if more:
        return f"{text} + {count - maximum} more..."
    return text


def describe_service(client: Any, svc: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*ServiceDescriber).Describe, describeService"""
    md, sp, st = meta(svc), spec(svc), status(svc)
    try:
        slices = client.list("endpointslices.discovery.k8s.io", md.get("namespace") or None,
                             label_selector=f"kubernetes.io/service-name={md.get('name', '')}").get("items") or []
    except ApiError:
        slices = []
    events = search_events(client, svc, kind="Service") if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Selector:\t{labelsel.format_labels(sp.get('selector'))}\n")
    w.write(LEVEL_0, f"Type:\t{sp.get('type', '')}\n")
    if sp.get("ipFamilyPolicy") is not None:
        w.write(LEVEL_0, f"IP Family Policy:\t{sp['ipFamilyPolicy']}\n")
    families = sp.get("ipFamilies") or []
    w.write(LEVEL_0, f"IP Families:\t{','.join(families) if families else '<none>'}\n")
    w.write(LEVEL_0, f"IP:\t{sp.get('clusterIP', '')}\n")
    ips = sp.get("clusterIPs") or []
    w.write(LEVEL_0, f"IPs:\t{','.join(ips) if ips else '<none>'}\n")
    if sp.get("externalIPs"):
        w.write(LEVEL_0, f"External IPs:\t{','.join(sp['externalIPs'])}\n")
    if sp.get("loadBalancerIP"):
        w.write(LEVEL_0, f"Desired LoadBalancer IP:\t{sp['loadBalancerIP']}\n")
    if sp.get("externalName"):
        w.write(LEVEL_0, f"External Name:\t{sp['externalName']}\n")
    ingress = (st.get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        parts = []
        for ing in ingress:
            if ing.get("ip"):
                parts.append(ing["ip"] + (f" ({ing['ipMode']})" if ing.get("ipMode") else ""))
            else:
                parts.append(ing.get("hostname", ""))
        w.write(LEVEL_0, f"LoadBalancer Ingress:\t{', '.join(parts)}\n")
    for port in sp.get("ports") or []:
        name = port.get("name") or "<unset>"
        proto = port.get("protocol", "")
        w.write(LEVEL_0, f"Port:\t{name}\t{port.get('port', 0)}/{proto}\n")
        target = port.get("targetPort")
        w.write(LEVEL_0, f"TargetPort:\t{target if target is not None else 0}/{proto}\n")
        if port.get("appProtocol") is not None:
            w.write(LEVEL_0, f"AppProtocol:\t{port['appProtocol']}\n")
        if port.get("nodePort"):
            w.write(LEVEL_0, f"NodePort:\t{name}\t{port['nodePort']}/{proto}\n")
        w.write(LEVEL_0, f"Endpoints:\t{format_endpoint_slices(slices, {port.get('name') or ''})}\n")
    w.write(LEVEL_0, f"Session Affinity:\t{sp.get('sessionAffinity', '')}\n")
    if sp.get("externalTrafficPolicy"):
        w.write(LEVEL_0, f"External Traffic Policy:\t{sp['externalTrafficPolicy']}\n")
    if sp.get("internalTrafficPolicy") is not None:
        w.write(LEVEL_0, f"Internal Traffic Policy:\t{sp['internalTrafficPolicy']}\n")
    if sp.get("healthCheckNodePort"):
        w.write(LEVEL_0, f"HealthCheck NodePort:\t{sp['healthCheckNodePort']}\n")
    if sp.get("loadBalancerSourceRanges"):
        w.write(LEVEL_0, f"LoadBalancer Source Ranges:\t{','.join(sp['loadBalancerSourceRanges'])}\n")
    if sp.get("trafficDistribution") is not None:
        w.write(LEVEL_0, f"Traffic Distribution:\t{sp['trafficDistribution']}\n")
    return text_with_events(w, events, now)


def _add(total: dict[str, Quantity], name: str, q: Quantity) -> None:
    total[name] = total[name] + q if name in total else q


def _resource_list(rl: Obj | None) -> dict[str, Quantity]:
    return {k: parse_quantity(v) for k, v in (rl or {}).items()}


def pod_requests(pod: Obj, key: str) -> dict[str, Quantity]:
    """Requests (``key="requests"``) or limits of a pod: its containers, the largest init
    container step (with the sidecars started before it), plus overhead.

    Mirrors: component-helpers/resource/helpers.go :: PodRequests, PodLimits

    Differences: in-place resize status resources are not consulted.
    """
    sp = spec(pod)
    reqs: dict[str, Quantity] = {}
    for c in sp.get("containers") or []:
        for name, q in _resource_list((c.get("resources") or {}).get(key)).items():
            _add(reqs, name, q)
    sidecars: dict[str, Quantity] = {}
    init_max: dict[str, Quantity] = {}
    for c in sp.get("initContainers") or []:
        res = _resource_list((c.get("resources") or {}).get(key))
        if c.get("restartPolicy") == "Always":
            for name, q in res.items():
                _add(reqs, name, q)
                _add(sidecars, name, q)
            step = dict(sidecars)
        else:
            step = dict(sidecars)
            for name, q in res.items():
                _add(step, name, q)
        for name, q in step.items():
            if name not in init_max or q.cmp(init_max[name]) > 0:
                init_max[name] = q
    for name, q in init_max.items():
        if name not in reqs or q.cmp(reqs[name]) > 0:
            reqs[name] = q
    for name, q in _resource_list(sp.get("overhead")).items():
        _add(reqs, name, q)
    pod_level = _resource_list((sp.get("resources") or {}).get(key))
    for name in ("cpu", "memory"):
        if name in pod_level:
            reqs[name] = pod_level[name]
    return reqs


def _pct(part: Quantity, whole: Quantity, milli: bool) -> int:
    num = part.milli_value() if milli else part.value()
    den = whole.milli_value() if milli else whole.value()
    if den == 0:
        return 0
    return int(num / den * 100)


def _describe_node_resource(pods: list[Obj], node: Obj, w: PrefixWriter, now: float) -> None:
    """Mirrors: describe.go :: describeNodeResource"""
    w.write(LEVEL_0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    st = status(node)
    allocatable = _resource_list(st.get("allocatable") or st.get("capacity"))
    zero = Quantity()
    cpu_alloc = allocatable.get("cpu", zero)
    mem_alloc = allocatable.get("memory", zero)
    for pod in pods:
        req, lim = pod_requests(pod, "requests"), pod_requests(pod, "limits")
        cr, cl = req.get("cpu", zero), lim.get("cpu", zero)
        mr, ml = req.get("memory", zero), lim.get("memory", zero)
        md = meta(pod)
        w.write(LEVEL_1, f"{md.get('namespace', '')}\t{md.get('name', '')}\t\t"
                         f"{cr} ({_pct(cr, cpu_alloc, True)}%)\t{cl} ({_pct(cl, cpu_alloc, True)}%)\t"
                         f"{mr} ({_pct(mr, mem_alloc, False)}%)\t{ml} ({_pct(ml, mem_alloc, False)}%)\t"
                         f"{since(md.get('creationTimestamp'), now)}\n")
    w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(LEVEL_1, "Resource\tRequests\tLimits\n")
    w.write(LEVEL_1, "--------\t--------\t------\n")
    reqs: dict[str, Quantity] = {}
    limits: dict[str, Quantity] = {}
    for pod in pods:
        for name, q in pod_requests(pod, "requests").items():
            _add(reqs, name, q)
        for name, q in pod_requests(pod, "limits").items():
            _add(limits, name, q)
    for name, milli in (("cpu", True), ("memory", False), ("ephemeral-storage", False)):
        r, lm = reqs.get(name, zero), limits.get(name, zero)
        whole = allocatable.get(name, zero)
        w.write(LEVEL_1, f"{name}\t{r} ({_pct(r, whole, milli)}%)\t{lm} ({_pct(lm, whole, milli)}%)\n")
    huge = sorted(n for n in allocatable if n.startswith("hugepages-"))
    ext = sorted(n for n in allocatable if not n.startswith("hugepages-")
                 and n not in STANDARD_CONTAINER_RESOURCES and n != "pods")
    for name in huge:
        r, lm, whole = reqs.get(name, zero), limits.get(name, zero), allocatable[name]
        w.write(LEVEL_1, f"{name}\t{r} ({_pct(r, whole, False)}%)\t{lm} ({_pct(lm, whole, False)}%)\n")
    for name in ext:
        w.write(LEVEL_1, f"{name}\t{reqs.get(name, zero)}\t{limits.get(name, zero)}\n")


def describe_node(client: Any, node: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*NodeDescriber).Describe, describeNode, describeNodeLease

    Differences: the node's non-terminated pods are listed across namespaces and filtered here
    (kubectl asks the server with a spec.nodeName / status.phase field selector).
    """
    md, sp, st = meta(node), spec(node), status(node)
    name = md.get("name", "")
    all_pods = client.list("pods", None).get("items") or []
    pods = [p for p in all_pods if spec(p).get("nodeName") == name
            and status(p).get("phase") not in ("Succeeded", "Failed")]
    events = None
    if show_events:
        events = search_events(client, node, kind="Node", namespace="")
        events += search_events(client, node, kind="Node", uid=name, namespace="")
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{name}\n")
    roles = find_node_roles(node)
    w.write(LEVEL_0, f"Roles:\t{','.join(roles) if roles else '<none>'}\n")
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    print_taints_multiline(w, "Taints", sp.get("taints"))
    w.write(LEVEL_0, f"Unschedulable:\t{go_bool(sp.get('unschedulable'))}\n")
    try:
        lease = client.get("leases.coordination.k8s.io", name, NODE_LEASE_NAMESPACE)
        lsp = spec(lease)
        w.write(LEVEL_0, "Lease:\n")
        w.write(LEVEL_1, f"HolderIdentity:\t{lsp.get('holderIdentity') or '<unset>'}\n")
        acquire = rfc1123z(lsp["acquireTime"]) if lsp.get("acquireTime") else "<unset>"
        renew = rfc1123z(lsp["renewTime"]) if lsp.get("renewTime") else "<unset>"
        w.write(LEVEL_1, f"AcquireTime:\t{acquire}\n")
        w.write(LEVEL_1, f"RenewTime:\t{renew}\n")
    except ApiError as e:
        w.write(LEVEL_0, f"Lease:\tFailed to get lease: {e.message}\n")
    conditions = st.get("conditions") or []
    if conditions:
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{c.get('type', '')} \t{c.get('status', '')} \t{rfc1123z(c.get('lastHeartbeatTime'))} \t"
                             f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t"
                             f"{c.get('message', '')}\n")
    w.write(LEVEL_0, "Addresses:\n")
    for a in st.get("addresses") or []:
        w.write(LEVEL_1, f"{a.get('type', '')}:\t{a.get('address', '')}\n")
    for key, title in (("capacity", "Capacity"), ("allocatable", "Allocatable")):
        rl = st.get(key) or {}
        if rl:
            w.write(LEVEL_0, f"{title}:\n")
            for res in sorted(rl):
                w.write(LEVEL_0, f"  {res}:\t{parse_quantity(rl[res])}\n")
    info = st.get("nodeInfo") or {}
    w.write(LEVEL_0, "System Info:\n")
    for key, title in (("machineID", "Machine ID"), ("systemUUID", "System UUID"), ("bootID", "Boot ID"),
                       ("kernelVersion", "Kernel Version"), ("osImage", "OS Image"),
                       ("operatingSystem", "Operating System"), ("architecture", "Architecture"),
                       ("containerRuntimeVersion", "Container Runtime Version"),
                       ("kubeletVersion", "Kubelet Version")):
        w.write(LEVEL_0, f"  {title}:\t{info.get(key, '')}\n")
    if sp.get("podCIDR"):
        w.write(LEVEL_0, f"PodCIDR:\t{sp['podCIDR']}\n")
    if sp.get("podCIDRs"):
        w.write(LEVEL_0, f"PodCIDRs:\t{','.join(sp['podCIDRs'])}\n")
    if sp.get("providerID"):
        w.write(LEVEL_0, f"ProviderID:\t{sp['providerID']}\n")
    _describe_node_resource(pods, node, w, now)
    return text_with_events(w, events, now)


def describe_namespace(client: Any, ns: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*NamespaceDescriber).Describe, describeNamespace,
    DescribeResourceQuotas, DescribeLimitRanges
    """
    del now, show_events
    md, st = meta(ns), status(ns)
    name = md.get("name", "")
    quotas = client.list("resourcequotas", name).get("items") or []
    limit_ranges = client.list("limitranges", name).get("items") or []
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{name}\n")
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Status:\t{st.get('phase', '')}\n")
    conditions = st.get("conditions") or []
    if conditions:
        w.write(LEVEL_0, "Conditions:\n")
        w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{c.get('type', '')}\t{c.get('status', '')}\t{rfc1123z(c.get('lastTransitionTime'))}\t"
                             f"{c.get('reason', '')}\t{c.get('message', '')}\n")
    w.write(LEVEL_0, "\n")
    if not quotas:
        w.write(LEVEL_0, "No resource quota.\n")
    else:
        w.write(LEVEL_0, "Resource Quotas\n")
        for q in sorted(quotas, key=lambda q: meta(q).get("name", "")):
            w.write(LEVEL_1, f"Name:\t{meta(q).get('name', '')}\n")
            scopes = sorted(spec(q).get("scopes") or [])
            if scopes:
                w.write(LEVEL_1, f"Scopes:\t{', '.join(scopes)}\n")
                for scope in scopes:
                    help_text = QUOTA_SCOPE_HELP.get(scope, "")
                    if help_text:
                        w.write(LEVEL_1, f"* {help_text}\n")
            w.write(LEVEL_1, "Resource\tUsed\tHard\n")
            w.write(LEVEL_1, "--------\t---\t---\n")
            hard = status(q).get("hard") or {}
            used = status(q).get("used") or {}
            for res in sorted(hard):
                used_q = parse_quantity(used[res]) if res in used else Quantity()
                w.write(LEVEL_1, f"{res}\t{used_q}\t{parse_quantity(hard[res])}\n")
    w.write(LEVEL_0, "\n")
    if not limit_ranges:
        w.write(LEVEL_0, "No LimitRange resource.\n")
    else:
        w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\t"
                         "Max Limit/Request Ratio\n")
        w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
        for lr in limit_ranges:
            describe_limit_range_spec(spec(lr), " ", w)
    return w.text()


QUOTA_SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited lifespan on a node "
                   "before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually include long "
                      "running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a best effort "
                  "quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods have a "
                     "burstable or guaranteed quality of service.",
}


def describe_limit_range_spec(sp: Obj, prefix: str, w: PrefixWriter) -> None:
    """Mirrors: describe.go :: describeLimitRangeSpec

    Differences: resources print in sorted order (Go ranges over a map).
    """
    for item in sp.get("limits") or []:
        parts = {k: item.get(k) or {} for k in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio")}
        names = sorted({n for m in parts.values() for n in m})
        for n in names:
            def val(key: str, n: str = n, parts: dict[str, Obj] = parts) -> str:
                return str(parse_quantity(parts[key][n])) if n in parts[key] else "-"

            w.write(LEVEL_0, f"{prefix}{item.get('type', '')}\t{n}\t{val('min')}\t{val('max')}\t"
                             f"{val('defaultRequest')}\t{val('default')}\t{val('maxLimitRequestRatio')}\n")


def describe_config_map(client: Any, cm: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*ConfigMapDescriber).Describe"""
    md = meta(cm)
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, "\nData\n====\n")
    data = cm.get("data") or {}
    for k in sorted(data):
        w.write(LEVEL_0, f"{k}:\n----\n")
        w.write(LEVEL_0, f"{data[k]}\n")
        w.write(LEVEL_0, "\n")
    w.write(LEVEL_0, "\nBinaryData\n====\n")
    binary = cm.get("binaryData") or {}
    for k in sorted(binary):
        w.write(LEVEL_0, f"{k}: {len(_b64(binary[k]))} bytes\n")
    w.write(LEVEL_0, "\n")
    if show_events:
        describe_events(search_events(client, cm, kind="ConfigMap"), w, now)
    return w.text()


def _b64(text: Any) -> bytes:
    try:
        return base64.b64decode(str(text), validate=False)
    except (binascii.Error, ValueError):
        return str(text).encode()


def describe_secret(client: Any, secret: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeSecret"""
    del client, now, show_events
    md = meta(secret)
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"\nType:\t{secret.get('type', '')}\n")
    w.write(LEVEL_0, "\nData\n====\n")
    data = secret.get("data") or {}
    for k in sorted(data):
        raw = _b64(data[k])
        if k == "token" and secret.get("type") == "kubernetes.io/service-account-token":
            w.write(LEVEL_0, f"{k}:\t{raw.decode(errors='replace')}\n")
        else:
            w.write(LEVEL_0, f"{k}:\t{len(raw)} bytes\n")
    return w.text()


def describe_service_account(client: Any, sa: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeServiceAccount"""
    md = meta(sa)
    events = search_events(client, sa, kind="ServiceAccount") if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    header, empty = "Image pull secrets:", "                   "
    names = [s.get("name", "") for s in sa.get("imagePullSecrets") or []]
    if not names:
        w.write(LEVEL_0, f"{header}\t<none>\n")
    else:
        prefix = header
        for n in names:
            w.write(LEVEL_0, f"{prefix}\t{n}\n")
            prefix = empty
    return text_with_events(w, events, now)


def describe_endpoints(client: Any, ep: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeEndpoints"""
    md = meta(ep)
    events = search_events(client, ep, kind="Endpoints") if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, "Subsets:\n")
    for subset in ep.get("subsets") or []:
        addrs = ",".join(a.get("ip", "") for a in subset.get("addresses") or [])
        w.write(LEVEL_1, f"Addresses:\t{addrs or '<none>'}\n")
        not_ready = ",".join(a.get("ip", "") for a in subset.get("notReadyAddresses") or [])
        w.write(LEVEL_1, f"NotReadyAddresses:\t{not_ready or '<none>'}\n")
        if subset.get("ports"):
            w.write(LEVEL_1, "Ports:\n")
            w.write(LEVEL_1 + 1, "Name\tPort\tProtocol\n")
            w.write(LEVEL_1 + 1, "----\t----\t--------\n")
            for p in subset["ports"]:
                w.write(LEVEL_1 + 1, f"{p.get('name') or '<unset>'}\t{p.get('port', 0)}\t{p.get('protocol', '')}\n")
        w.write(LEVEL_0, "\n")
    return text_with_events(w, events, now)
