"""Printers for the core/v1 kinds other than pods and volumes.

Upstream: pkg/printers/internalversion/printers.go :: printNode, printService,
printEndpoints, printNamespace, printSecret, printConfigMap, printServiceAccount,
printEvent, printReplicationController, printResourceQuota
"""

from __future__ import annotations

from kubelab.apiserver.printers.common import (
    NONE,
    UNKNOWN,
    GenerateOptions,
    Obj,
    Row,
    age,
    format_labels,
    join_host_port,
    layout_container_cells,
    meta,
    name_of,
    quantity_string,
    row,
    spec,
    status,
    translate_micro_timestamp_since,
    translate_timestamp_since,
)

LOAD_BALANCER_WIDTH = 16
LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/"
NODE_LABEL_ROLE = "kubernetes.io/role"


# -- nodes ------------------------------------------------------------------------------------


def find_node_roles(node: Obj) -> list[str]:
    """Roles from ``node-role.kubernetes.io/<role>`` keys and ``kubernetes.io/role=<role>``, sorted.

    Mirrors: pkg/printers/internalversion/printers.go :: findNodeRoles
    """
    roles: set[str] = set()
    for k, v in (meta(node).get("labels") or {}).items():
        if k.startswith(LABEL_NODE_ROLE_PREFIX):
            role = k[len(LABEL_NODE_ROLE_PREFIX):]
            if role:
                roles.add(role)
        elif k == NODE_LABEL_ROLE and v != "":
            roles.add(v)
    return sorted(roles)


def _node_address(node: Obj, address_type: str) -> str:
    for a in status(node).get("addresses") or ():
        if a.get("type") == address_type:
            return a.get("address", "")
    return NONE


def get_node_internal_ip(node: Obj) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: getNodeInternalIP"""
    return _node_address(node, "InternalIP")


def get_node_external_ip(node: Obj) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: getNodeExternalIP"""
    return _node_address(node, "ExternalIP")


def print_node(node: Obj, options: GenerateOptions) -> list[Row]:
    """STATUS (Ready, NotReady, Unknown, plus SchedulingDisabled), ROLES, VERSION.

    Mirrors: pkg/printers/internalversion/printers.go :: printNode
    """
    conditions = {c.get("type"): c for c in status(node).get("conditions") or ()}
    states: list[str] = []
    for ctype in ("Ready",):  # NodeAllConditions
        cond = conditions.get(ctype)
        if cond is not None:
            states.append(ctype if cond.get("status") == "True" else "Not" + ctype)
    if not states:
        states.append("Unknown")
    if spec(node).get("unschedulable"):
        states.append("SchedulingDisabled")
    roles = ",".join(find_node_roles(node)) or NONE
    info = status(node).get("nodeInfo") or {}
    r = row(name_of(node), ",".join(states), roles, age(node, options.now), info.get("kubeletVersion", ""))
    if options.wide:
        r["cells"] += [
            get_node_internal_ip(node),
            get_node_external_ip(node),
            info.get("osImage") or UNKNOWN,
            info.get("kernelVersion") or UNKNOWN,
            info.get("containerRuntimeVersion") or UNKNOWN,
        ]
    return [r]


# -- services and endpoints ---------------------------------------------------------------------


def load_balancer_status_stringer(lb_status: Obj, wide: bool) -> str:
    """The ingress IPs (or host names) of a load balancer, sorted, cut to 16 bytes unless wide.

    Mirrors: pkg/printers/internalversion/printers.go :: loadBalancerStatusStringer
    """
    result: set[str] = set()
    for ing in lb_status.get("ingress") or ():
        if ing.get("ip"):
            result.add(ing["ip"])
        elif ing.get("hostname"):
            result.add(ing["hostname"])
    r = ",".join(sorted(result))
    if not wide and len(r) > LOAD_BALANCER_WIDTH:
        r = r[: LOAD_BALANCER_WIDTH - 3] + "..."
    return r


def get_service_external_ip(svc: Obj, wide: bool) -> str:
    """The EXTERNAL-IP cell: external IPs, the load balancer's, ``<pending>`` or ``<none>``.

    Mirrors: pkg/printers/internalversion/printers.go :: getServiceExternalIP
    """
    s = spec(svc)
    external_ips = list(s.get("externalIPs") or ())
    svc_type = s.get("type", "")
    if svc_type in ("ClusterIP", "NodePort"):
        return ",".join(external_ips) if external_ips else NONE
    if svc_type == "LoadBalancer":
        lb_ips = load_balancer_status_stringer(status(svc).get("loadBalancer") or {}, wide)
        if external_ips:
            results = lb_ips.split(",") if lb_ips else []
            return ",".join(results + external_ips)
        return lb_ips if lb_ips else "<pending>"
    if svc_type == "ExternalName":
        return s.get("externalName", "")
    return UNKNOWN


def make_port_string(ports: list[Obj]) -> str:
    """``80/TCP`` per port, ``80:30080/TCP`` when a node port is allocated.

    Mirrors: pkg/printers/internalversion/printers.go :: makePortString
    """
    pieces = []
    for p in ports:
        if p.get("nodePort", 0) > 0:
            pieces.append(f"{p.get('port', 0)}:{p['nodePort']}/{p.get('protocol', '')}")
        else:
            pieces.append(f"{p.get('port', 0)}/{p.get('protocol', '')}")
    return ",".join(pieces)


def print_service(svc: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printService

    The CLUSTER-IP cell falls back to ``spec.clusterIP`` when ``spec.clusterIPs`` is empty,
    as v1 defaulting fills the list from it.
    """
    s = spec(svc)
    cluster_ips = s.get("clusterIPs") or ([s["clusterIP"]] if s.get("clusterIP") else [])
    internal_ip = cluster_ips[0] if cluster_ips else NONE
    ports = make_port_string(s.get("ports") or []) or NONE
    r = row(name_of(svc), s.get("type", ""), internal_ip, get_service_external_ip(svc, options.wide), ports,
            age(svc, options.now))
    if options.wide:
        r["cells"].append(format_labels(s.get("selector")))
    return [r]


def format_endpoints(endpoints: Obj, ports: set[str] | None = None) -> str:
    """Up to three ``ip:port`` pairs, then ``+ N more...``.

    Mirrors: pkg/printers/internalversion/printers.go :: formatEndpoints
    """
    subsets = endpoints.get("subsets") or []
    if not subsets:
        return NONE
    out: list[str] = []
    maximum, more, count = 3, False, 0
    for ss in subsets:
        addresses = ss.get("addresses") or []
        if not ss.get("ports"):
            # headless services may have no ports
            count += len(addresses)
            for a in addresses:
                if len(out) == maximum:
                    more = True
                    break
                out.append(a.get("ip", ""))
            continue
        for port in ss["ports"]:
            if ports is None or port.get("name", "") in ports:
                count += len(addresses)
                for a in addresses:
                    if len(out) == maximum:
                        more = True
                        break
                    out.append(join_host_port(a.get("ip", ""), port.get("port", 0)))
    ret = ",".join(out)
    if more:
        return f"{ret} + {count - maximum} more..."
    return ret


def print_endpoints(ep: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printEndpoints"""
    return [row(name_of(ep), format_endpoints(ep), age(ep, options.now))]


# -- small core kinds ---------------------------------------------------------------------------


def print_namespace(ns: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printNamespace"""
    return [row(name_of(ns), status(ns).get("phase", ""), age(ns, options.now))]


def print_secret(secret: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printSecret"""
    return [row(name_of(secret), secret.get("type", ""), len(secret.get("data") or {}), age(secret, options.now))]


def print_config_map(cm: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printConfigMap"""
    n = len(cm.get("data") or {}) + len(cm.get("binaryData") or {})
    return [row(name_of(cm), n, age(cm, options.now))]


def print_service_account(sa: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printServiceAccount"""
    return [row(name_of(sa), len(sa.get("secrets") or []), age(sa, options.now))]


def print_replication_controller(rc: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printReplicationController"""
    s, st = spec(rc), status(rc)
    r = row(name_of(rc), s.get("replicas") or 0, st.get("replicas", 0), st.get("readyReplicas", 0),
            age(rc, options.now))
    if options.wide:
        template = s.get("template") or {}
        names, images = layout_container_cells((template.get("spec") or {}).get("containers"))
        r["cells"] += [names, images, format_labels(s.get("selector"))]
    return [r]


def print_resource_quota(quota: Obj, options: GenerateOptions) -> list[Row]:
    """REQUEST and LIMIT cells: ``name: used/hard`` for every hard limit, by name.

    Mirrors: pkg/printers/internalversion/printers.go :: printResourceQuota
    """
    st = status(quota)
    hard, used = st.get("hard") or {}, st.get("used") or {}
    requests: list[str] = []
    limits: list[str] = []
    for resource in sorted(hard):
        pieces = resource.split(".")
        target = limits if len(pieces) > 1 and pieces[0] == "limits" else requests
        target.append(f"{resource}: {quantity_string(used.get(resource))}/{quantity_string(hard[resource])}")
    return [row(name_of(quota), ", ".join(requests), ", ".join(limits), age(quota, options.now))]


# -- events ----------------------------------------------------------------------------------------


def format_event_source(source: Obj, reporting_controller: str, reporting_instance: str) -> str:
    """``component, host`` (the host left out when empty), from the old or the new fields.

    Mirrors: pkg/printers/internalversion/printers.go :: formatEventSource
    """
    component = source.get("component") or reporting_controller
    instance = source.get("host") or reporting_instance
    if not instance:
        return component
    return component + ", " + instance


def print_event(event: Obj, options: GenerateOptions) -> list[Row]:
    """LAST SEEN, TYPE, REASON, OBJECT (``kind/name``), MESSAGE; more when wide.

    Mirrors: pkg/printers/internalversion/printers.go :: printEvent
    """
    now = options.now
    if event.get("firstTimestamp"):
        first = translate_timestamp_since(event["firstTimestamp"], now)
    else:
        first = translate_micro_timestamp_since(event.get("eventTime"), now)
    last = translate_timestamp_since(event["lastTimestamp"], now) if event.get("lastTimestamp") else first
    count = event.get("count", 0)
    series = event.get("series")
    if series is not None:
        last = translate_micro_timestamp_since(series.get("lastObservedTime"), now)
        count = series.get("count", 0)
    elif count == 0:
        # singleton events of the events.k8s.io API carry no count
        count = 1
    involved = event.get("involvedObject") or {}
    kind = involved.get("kind", "").lower()
    target = f"{kind}/{involved['name']}" if involved.get("name") else kind
    message = (event.get("message") or "").strip()
    if options.wide:
        source = format_event_source(event.get("source") or {}, event.get("reportingComponent", ""),
                                     event.get("reportingInstance", ""))
        return [row(last, event.get("type", ""), event.get("reason", ""), target, involved.get("fieldPath", ""),
                    source, message, first, count, name_of(event))]
    return [row(last, event.get("type", ""), event.get("reason", ""), target, message)]
