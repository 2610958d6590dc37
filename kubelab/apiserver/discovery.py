"""Discovery documents: groups, versions, resources, kinds, short names, verbs, categories.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/discovery (legacy APIGroupList,
APIResourceList) and discovery/aggregated (apidiscovery.k8s.io/v2 APIGroupDiscoveryList)
"""

from __future__ import annotations

from typing import Any

from kubelab.api.scheme import GROUP_ORDER, RESOURCES, ResourceInfo, served_versions

Obj = dict[str, Any]


def _versions(group: str) -> list[str]:
    vs: list[str] = []
    for r in RESOURCES:
        if r.group == group:
            for v in served_versions(r):
                if v not in vs:
                    vs.append(v)
    return vs


def _preferred(group: str) -> str:
    for r in RESOURCES:
        if r.group == group:
            return r.version
    return ""


def _served_at(group: str, version: str) -> list[ResourceInfo]:
    return [r for r in RESOURCES if r.group == group and version in served_versions(r)]


def api_versions(server_address: str = "127.0.0.1:6443") -> Obj:
    """GET /api"""
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]}


def api_group_list() -> Obj:
    """GET /apis (legacy)"""
    groups = []
    for g in GROUP_ORDER:
        if not g:
            continue
        vs = _versions(g)
        pref = _preferred(g)
        ordered = [pref] + [v for v in vs if v != pref]
        groups.append({"name": g, "versions": [{"groupVersion": f"{g}/{v}", "version": v} for v in ordered],
                       "preferredVersion": {"groupVersion": f"{g}/{pref}", "version": pref}})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_resource_list(group: str, version: str) -> Obj | None:
    """GET /api/v1 or /apis/{group}/{version}"""
    rs = _served_at(group, version)
    if not rs:
        return None
    out = []
    for r in sorted(rs, key=lambda r: r.resource):
        e: Obj = {"name": r.resource, "singularName": r.singular, "namespaced": r.namespaced, "kind": r.kind,
                  "verbs": list(r.verbs)}
        if r.short_names:
            e["shortNames"] = list(r.short_names)
        if r.categories:
            e["categories"] = list(r.categories)
        out.append(e)
        for s in r.subresources:
            se: Obj = {"name": f"{r.resource}/{s.name}", "singularName": "", "namespaced": r.namespaced,
                       "kind": s.kind or r.kind, "verbs": list(s.verbs)}
            if s.group:
                se["group"] = s.group
                se["version"] = s.version
            out.append(se)
    gv = f"{group}/{version}" if group else version
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": out}


def aggregated(legacy_core: bool, api_version: str = "apidiscovery.k8s.io/v2") -> Obj:
    """GET /api or /apis with Accept ...;as=APIGroupDiscoveryList."""
    groups = [""] if legacy_core else [g for g in GROUP_ORDER if g]
    items = []
    for g in groups:
        versions = []
        pref = _preferred(g)
        for v in [pref] + [x for x in _versions(g) if x != pref]:
            resources = []
            for r in sorted(_served_at(g, v), key=lambda r: r.resource):
                e: Obj = {"resource": r.resource, "responseKind": {"group": g, "version": v, "kind": r.kind},
                          "scope": "Namespaced" if r.namespaced else "Cluster", "singularResource": r.singular,
                          "verbs": list(r.verbs)}
                if r.short_names:
                    e["shortNames"] = list(r.short_names)
                if r.categories:
                    e["categories"] = list(r.categories)
                if r.subresources:
                    e["subresources"] = [{"subresource": s.name,
                                          "responseKind": {"group": s.group or g, "version": s.version or v,
                                                           "kind": s.kind or r.kind},
                                          "verbs": list(s.verbs)} for s in r.subresources]
                resources.append(e)
            versions.append({"version": v, "resources": resources, "freshness": "Current"})
        items.append({"metadata": {"name": g, "creationTimestamp": None}, "versions": versions})
    return {"kind": "APIGroupDiscoveryList", "apiVersion": api_version, "metadata": {}, "items": items}
