"""A fake admission Context over a dict of stored objects."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kubelab.api import errors, scheme
from kubelab.apiserver.admission.interfaces import Attributes
from kubelab.apiserver.authentication.user import UserInfo


class FakeContext:
    def __init__(self, objects: list[dict[str, Any]] | None = None, now: float = 0.0) -> None:
        self.now = now
        self.store: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.status_writes: list[dict[str, Any]] = []
        self.conflicts = 0
        for o in objects or []:
            self.add(o)

    def add(self, obj: dict[str, Any]) -> None:
        info = scheme.for_kind(obj.get("apiVersion", "v1"), obj["kind"])
        meta = obj["metadata"]
        self.store[(info.resource, meta.get("namespace", "") if info.namespaced else "", meta["name"])] = obj

    def get(self, resource, namespace, name):
        return self.store.get((resource, namespace or "", name))

    def list(self, resource, namespace=None):
        out = [o for (r, ns, _), o in self.store.items() if r == resource and (namespace is None or ns == namespace)]
        return sorted(out, key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))

    def update_status(self, resource, obj):
        if self.conflicts:
            self.conflicts -= 1
            raise errors.new_conflict("", resource, obj["metadata"]["name"], errors.OPTIMISTIC_LOCK_ERROR_MSG)
        self.status_writes.append(copy.deepcopy(obj))
        self.add(copy.deepcopy(obj))
        return obj


USER = UserInfo("jane", groups=("system:authenticated",))


def attrs(operation: str, resource: str, obj: dict[str, Any] | None = None, *, group: str = "",
          namespace: str = "default", name: str = "", old: dict[str, Any] | None = None, subresource: str = "",
          dry_run: bool = False, user: UserInfo = USER) -> Attributes:
    info = scheme.by_group_resource(group, resource)
    assert info is not None, resource
    if not name and obj is not None:
        name = obj.get("metadata", {}).get("name", "")
    return Attributes(operation=operation, info=info, subresource=subresource, namespace=namespace, name=name,
                      object=obj, old_object=old, user=user, dry_run=dry_run)


def namespace(name: str, labels: dict[str, str] | None = None, phase: str = "Active") -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if labels:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta, "status": {"phase": phase}}


def pod(name: str = "web", *, containers: list[dict[str, Any]] | None = None, ns: str = "default",
        **spec: Any) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns},
            "spec": {"containers": containers if containers is not None else [{"name": "nginx", "image": "nginx"}],
                     **spec}}


@pytest.fixture
def ctx() -> FakeContext:
    return FakeContext([namespace("default"), namespace("kube-system")])
