"""Printers for networking.k8s.io/v1 (Ingress, IngressClass, NetworkPolicy) and discovery.k8s.io/v1 EndpointSlice.

Upstream: pkg/printers/internalversion/printers.go :: printIngress, printIngressClass,
printNetworkPolicy, printEndpointSlice
"""

from __future__ import annotations

from kubelab.apiserver.printers.common import (
    NONE,
    GenerateOptions,
    Obj,
    Row,
    age,
    format_label_selector,
    list_with_more_string,
    name_of,
    row,
    spec,
    status,
)
from kubelab.apiserver.printers.core import load_balancer_status_stringer


def format_hosts(rules: list[Obj]) -> str:
    """Up to three rule hosts, ``*`` when no rule names one.

    Mirrors: pkg/printers/internalversion/printers.go :: formatHosts
    """
    hosts: list[str] = []
    maximum, more = 3, False
    for rule in rules:
        if len(hosts) == maximum:
            more = True
        if not more and rule.get("host"):
            hosts.append(rule["host"])
    if not hosts:
        return "*"
    ret = ",".join(hosts)
    if more:
        return f"{ret} + {len(rules) - maximum} more..."
    return ret


def format_ports(tls: list[Obj] | None) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: formatPorts"""
    return "80, 443" if tls else "80"


def print_ingress(ing: Obj, options: GenerateOptions) -> list[Row]:
    """CLASS, HOSTS, ADDRESS, PORTS.

    Mirrors: pkg/printers/internalversion/printers.go :: printIngress (with
    ingressLoadBalancerStatusStringer, which shares loadBalancerStatusStringer's logic)
    """
    s = spec(ing)
    class_name = s.get("ingressClassName")
    address = load_balancer_status_stringer(status(ing).get("loadBalancer") or {}, options.wide)
    return [row(name_of(ing), NONE if class_name is None else class_name, format_hosts(s.get("rules") or []),
                address, format_ports(s.get("tls")), age(ing, options.now))]


def print_ingress_class(ic: Obj, options: GenerateOptions) -> list[Row]:
    """PARAMETERS as ``Kind.apiGroup/name``.

    Mirrors: pkg/printers/internalversion/printers.go :: printIngressClass
    """
    s = spec(ic)
    params = s.get("parameters")
    parameters = NONE
    if params is not None:
        parameters = params.get("kind", "")
        if params.get("apiGroup") is not None:
            parameters += "." + params["apiGroup"]
        parameters += "/" + params.get("name", "")
    return [row(name_of(ic), s.get("controller", ""), parameters, age(ic, options.now))]


def print_network_policy(np: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printNetworkPolicy"""
    return [row(name_of(np), format_label_selector(spec(np).get("podSelector") or {}), age(np, options.now))]


def format_discovery_ports(ports: list[Obj]) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: formatDiscoveryPorts"""
    out: list[str] = []
    maximum, more, count = 3, False, 0
    for port in ports:
        if len(out) < maximum:
            if port.get("port") is not None:
                out.append(str(port["port"]))
            elif port.get("name") is not None:
                out.append(port["name"])
            else:
                out.append("*")
        elif len(out) == maximum:
            more = True
        count += 1
    return list_with_more_string(out, more, count, maximum)


def format_discovery_endpoints(endpoints: list[Obj]) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: formatDiscoveryEndpoints"""
    out: list[str] = []
    maximum, more, count = 3, False, 0
    for ep in endpoints:
        for address in ep.get("addresses") or ():
            if len(out) < maximum:
                out.append(address)
            elif len(out) == maximum:
                more = True
            count += 1
    return list_with_more_string(out, more, count, maximum)


def print_endpoint_slice(eps: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printEndpointSlice"""
    return [row(name_of(eps), eps.get("addressType", ""), format_discovery_ports(eps.get("ports") or []),
                format_discovery_endpoints(eps.get("endpoints") or []), age(eps, options.now))]
