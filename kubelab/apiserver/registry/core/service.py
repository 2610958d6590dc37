"""Service storage: ClusterIP and NodePort allocation around the generic store.

Upstream: pkg/registry/core/service/strategy.go, pkg/registry/core/service/storage/{storage.go,alloc.go}
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.api import field as fld
from kubelab.apiserver.registry.core.ipallocator import (
    ErrAllocated,
    ErrFull,
    ErrNotInRange,
    IPAllocator,
    PortAllocator,
)
from kubelab.apiserver.registry.rest import RequestContext
from kubelab.apiserver.registry.strategy import Strategy

Obj = dict[str, Any]


def _needs_node_ports(spec: Obj) -> bool:
    return spec.get("type") in ("NodePort", "LoadBalancer")


class ServiceStrategy(Strategy):
    """Mirrors: service/strategy.go :: svcStrategy plus storage/alloc.go :: (*Allocators).allocateCreate"""

    def __init__(self, info: Any, ips: IPAllocator, ports: PortAllocator) -> None:
        super().__init__(info)
        self.ips = ips
        self.ports = ports

    def prepare_for_create(self, ctx: RequestContext, obj: Obj) -> None:
        obj["status"] = {"loadBalancer": {}}
        self._allocate(ctx, obj, None)

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        super().prepare_for_update(ctx, obj, old)
        spec, ospec = obj.setdefault("spec", {}), old.get("spec") or {}
        # An update that leaves clusterIP empty keeps the allocated one (patchAllocatedValues).
        if not spec.get("clusterIP") and ospec.get("clusterIP"):
            spec["clusterIP"] = ospec["clusterIP"]
            spec["clusterIPs"] = ospec.get("clusterIPs", [ospec["clusterIP"]])
        for k in ("ipFamilies", "ipFamilyPolicy"):
            if k not in spec and k in ospec:
                spec[k] = ospec[k]
        if _needs_node_ports(spec) and _needs_node_ports(ospec):
            old_ports = {(p.get("port"), p.get("protocol")): p.get("nodePort") for p in ospec.get("ports") or []}
            for p in spec.get("ports") or []:
                if not p.get("nodePort") and old_ports.get((p.get("port"), p.get("protocol"))):
                    p["nodePort"] = old_ports[(p.get("port"), p.get("protocol"))]
        self._allocate(ctx, obj, old)

    def _allocate(self, ctx: RequestContext, obj: Obj, old: Obj | None) -> None:
        spec = obj.setdefault("spec", {})
        ospec = (old or {}).get("spec") or {}
        errs: fld.ErrorList = []
        if spec.get("type") != "ExternalName":
            spec.setdefault("ipFamilies", ["IPv4"])
            spec.setdefault("ipFamilyPolicy", "SingleStack")
            ip = spec.get("clusterIP") or ""
            if old is None or not ospec.get("clusterIP"):
                if ip == "None":
                    spec["clusterIPs"] = ["None"]
                elif not ip:
                    try:
                        ip = self.ips.allocate_next()
                    except ErrFull:
                        raise errors.new_internal_error("failed to allocate a serviceIP: range is full") from None
                    self._undo(ctx, lambda ip=ip: self.ips.release(ip))
                    spec["clusterIP"] = ip
                    spec["clusterIPs"] = [ip]
                else:
                    try:
                        self.ips.allocate(ip)
                        self._undo(ctx, lambda ip=ip: self.ips.release(ip))
                    except ErrAllocated:
                        errs.append(fld.invalid("spec.clusterIPs", [ip], f"failed to allocate IP {ip}: provided IP is already allocated"))
                    except ErrNotInRange as e:
                        errs.append(fld.invalid("spec.clusterIPs", [ip], f"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is {e.valid}"))
                    spec.setdefault("clusterIPs", [ip])
        if _needs_node_ports(spec):
            taken = {p.get("nodePort") for p in ospec.get("ports") or []} if _needs_node_ports(ospec) else set()
            for i, p in enumerate(spec.get("ports") or []):
                np_ = p.get("nodePort")
                if np_ and np_ in taken:
                    continue
                if np_:
                    try:
                        self.ports.allocate(np_)
                        self._undo(ctx, lambda n=np_: self.ports.release(n))
                    except ErrAllocated:
                        errs.append(fld.invalid(f"spec.ports[{i}].nodePort", np_, "provided port is already allocated"))
                    except ErrNotInRange as e:
                        errs.append(fld.invalid(f"spec.ports[{i}].nodePort", np_,
                                                f"provided port is not in the valid range. The range of valid ports is {e.valid}"))
                else:
                    try:
                        n = self.ports.allocate_next()
                    except ErrFull:
                        raise errors.new_internal_error("failed to allocate a nodePort: range is full") from None
                    self._undo(ctx, lambda n=n: self.ports.release(n))
                    p["nodePort"] = n
        if errs:
            raise errors.new_invalid("", "Service", obj["metadata"].get("name", ""), errs)

    @staticmethod
    def _undo(ctx: RequestContext, fn: Any) -> None:
        ctx.on_failure.append(fn)

    def after_delete(self, ctx: RequestContext, obj: Obj) -> None:
        release_service(self.ips, self.ports, obj)


def release_service(ips: IPAllocator, ports: PortAllocator, obj: Obj) -> None:
    """Mirrors: storage/alloc.go :: (*Allocators).releaseAllocatedResources"""
    spec = obj.get("spec") or {}
    for ip in spec.get("clusterIPs") or ([spec["clusterIP"]] if spec.get("clusterIP") else []):
        if ip and ip != "None":
            ips.release(ip)
    for p in spec.get("ports") or []:
        if p.get("nodePort"):
            ports.release(p["nodePort"])


def restore_allocations(ips: IPAllocator, ports: PortAllocator, services: list[Obj]) -> None:
    """Rebuild allocator state from stored Services (the repair controllers' job)."""
    for svc in services:
        spec = svc.get("spec") or {}
        for ip in spec.get("clusterIPs") or []:
            if ip and ip != "None":
                try:
                    ips.allocate(ip)
                except (ErrAllocated, ErrNotInRange):
                    pass
        for p in spec.get("ports") or []:
            if p.get("nodePort"):
                try:
                    ports.allocate(p["nodePort"])
                except (ErrAllocated, ErrNotInRange):
                    pass
