"""An in-memory stand-in for DirectClient, for kubectl tests that need no cluster.

It stores objects as the API server returns them (uid, resourceVersion, creationTimestamp
set on create), filters lists by label and simple field selectors, and applies merge and
strategic merge patches.
"""

from __future__ import annotations

import copy
from typing import Any

from kubelab.api import errors, openapi, scheme
from kubelab.api.jsonpatch import apply_merge_patch
from kubelab.api.labels import parse_selector
from kubelab.api.strategicpatch.patch import strategic_merge_patch
from kubelab.engine import clock

Obj = dict[str, Any]


def _field(obj: Obj, path: str) -> str:
    cur: Any = obj
    for part in path.split("."):
        cur = cur.get(part) if isinstance(cur, dict) else None
    return "" if cur is None else str(cur)


def _field_matches(obj: Obj, selector: str) -> bool:
    if not selector:
        return True
    for term in selector.split(","):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if _field(obj, k) == v:
                return False
        else:
            k, v = term.split("=", 1)
            if _field(obj, k) != v.replace("\\", ""):
                return False
    return True


class FakeClient:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now
        self.store: dict[tuple[str, str, str], Obj] = {}
        self.rv = 100
        self.calls: list[tuple[Any, ...]] = []
        self.uid = 0

    def _info(self, resource: str) -> scheme.ResourceInfo:
        return scheme.resolve(resource)

    def _key(self, info: scheme.ResourceInfo, ns: str | None, name: str) -> tuple[str, str, str]:
        return (info.group_resource, (ns or "default") if info.namespaced else "", name)

    def add(self, obj: Obj, created: float = 0.0) -> Obj:
        """Store an object as if the server had created it at ``created``."""
        info = scheme.for_kind(obj["apiVersion"], obj["kind"])
        o = copy.deepcopy(obj)
        md = o.setdefault("metadata", {})
        if info.namespaced:
            md.setdefault("namespace", "default")
        self.uid += 1
        md.setdefault("uid", f"00000000-0000-0000-0000-{self.uid:012d}")
        md.setdefault("creationTimestamp", clock.rfc3339(created))
        self.rv += 1
        md["resourceVersion"] = str(self.rv)
        self.store[self._key(info, md.get("namespace"), md["name"])] = o
        return copy.deepcopy(o)

    def get(self, resource: str, name: str, namespace: str | None = None, *, subresource: str = "") -> Obj:
        self.calls.append(("get", resource, name, namespace, subresource))
        info = self._info(resource)
        obj = self.store.get(self._key(info, namespace, name))
        if obj is None:
            raise errors.new_not_found(info.group, info.resource, name)
        if subresource == "scale":
            return {"kind": "Scale", "apiVersion": "autoscaling/v1",
                    "metadata": {"name": name, "namespace": obj["metadata"].get("namespace"),
                                 "resourceVersion": obj["metadata"]["resourceVersion"]},
                    "spec": {"replicas": obj.get("spec", {}).get("replicas", 0)},
                    "status": {"replicas": obj.get("status", {}).get("replicas", 0)}}
        return copy.deepcopy(obj)

    def list(self, resource: str, namespace: str | None = None, *, label_selector: str = "",
             field_selector: str = "", **_: Any) -> Obj:
        self.calls.append(("list", resource, namespace, label_selector, field_selector))
        info = self._info(resource)
        sel = parse_selector(label_selector)
        items = []
        for (gr, ns, _name), obj in sorted(self.store.items()):
            if gr != info.group_resource:
                continue
            if info.namespaced and namespace and ns != namespace:
                continue
            if not sel.matches(obj["metadata"].get("labels") or {}):
                continue
            if not _field_matches(obj, field_selector):
                continue
            items.append(copy.deepcopy(obj))
        kind = info.kind + "List"
        return {"kind": kind, "apiVersion": info.api_version, "metadata": {"resourceVersion": str(self.rv)},
                "items": items}

    def create(self, resource: str, obj: Obj, namespace: str | None = None, *, dry_run: bool = False,
               field_manager: str = "", field_validation: str = "Strict", **_: Any) -> Obj:
        self.calls.append(("create", resource, obj["metadata"]["name"], namespace, field_manager))
        info = self._info(resource)
        key = self._key(info, namespace or obj["metadata"].get("namespace"), obj["metadata"]["name"])
        if key in self.store:
            raise errors.new_already_exists(info.group, info.resource, obj["metadata"]["name"])
        if dry_run:
            return copy.deepcopy(obj)
        return self.add(obj, self.now)

    def update(self, resource: str, obj: Obj, namespace: str | None = None, *, subresource: str = "",
               **_: Any) -> Obj:
        self.calls.append(("update", resource, obj["metadata"]["name"], namespace, subresource))
        info = self._info(resource)
        key = self._key(info, namespace, obj["metadata"]["name"])
        cur = self.store[key]
        if subresource == "scale":
            cur.setdefault("spec", {})["replicas"] = obj["spec"]["replicas"]
        else:
            self.store[key] = copy.deepcopy(obj)
        self.rv += 1
        self.store[key]["metadata"]["resourceVersion"] = str(self.rv)
        return copy.deepcopy(self.store[key])

    def patch(self, resource: str, name: str, patch: Any, namespace: str | None = None, *,
              patch_type: str = "strategic", subresource: str = "", dry_run: bool = False,
              field_manager: str = "", **_: Any) -> Obj:
        self.calls.append(("patch", resource, name, namespace, patch_type, subresource, field_manager,
                           copy.deepcopy(patch)))
        info = self._info(resource)
        key = self._key(info, namespace, name)
        if patch_type == "apply":
            if key not in self.store:
                return self.add(patch, self.now) if not dry_run else copy.deepcopy(patch)
            merged = apply_merge_patch(copy.deepcopy(self.store[key]), patch)
        else:
            if key not in self.store:
                raise errors.new_not_found(info.group, info.resource, name)
            cur = copy.deepcopy(self.store[key])
            if subresource == "scale":
                cur.setdefault("spec", {})["replicas"] = patch["spec"]["replicas"]
                merged = cur
            elif patch_type == "merge":
                merged = apply_merge_patch(cur, patch)
            else:
                merged = strategic_merge_patch(cur, patch, openapi.for_kind(info.group, info.version, info.kind))
        if dry_run:
            return merged
        self.rv += 1
        merged["metadata"]["resourceVersion"] = str(self.rv)
        self.store[key] = copy.deepcopy(merged)
        return merged

    def delete(self, resource: str, name: str, namespace: str | None = None, **kw: Any) -> Obj:
        self.calls.append(("delete", resource, name, namespace, kw.get("propagation_policy"),
                           kw.get("grace_period_seconds")))
        info = self._info(resource)
        key = self._key(info, namespace, name)
        if key not in self.store:
            raise errors.new_not_found(info.group, info.resource, name)
        if kw.get("dry_run"):
            return copy.deepcopy(self.store[key])
        return self.store.pop(key)
