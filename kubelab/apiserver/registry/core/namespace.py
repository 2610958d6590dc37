"""Namespace storage: the Active phase, the kubernetes finalizer and two-step deletion.

Upstream: pkg/registry/core/namespace/strategy.go, pkg/registry/core/namespace/storage/storage.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.apiserver.registry.rest import RequestContext, copy_obj
from kubelab.apiserver.registry.strategy import Strategy

Obj = dict[str, Any]

FINALIZER_KUBERNETES = "kubernetes"
LABEL_METADATA_NAME = "kubernetes.io/metadata.name"
STILL_FINALIZING = ("The system is ensuring all content is removed from this namespace.  "
                    "Upon completion, this namespace will automatically be purged by the system.")


class NamespaceStrategy(Strategy):
    """Mirrors: namespace/strategy.go :: namespaceStrategy"""

    def prepare_for_create(self, ctx: RequestContext, obj: Obj) -> None:
        obj["status"] = {"phase": "Active"}
        spec = obj.setdefault("spec", {})
        fins = spec.get("finalizers") or []
        if FINALIZER_KUBERNETES not in fins:
            spec["finalizers"] = [*fins, FINALIZER_KUBERNETES]
        self.canonicalize(obj)

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        obj["spec"] = old.get("spec", {})
        obj["status"] = old.get("status", {})

    def should_delete_during_update(self, obj: Obj, old: Obj) -> bool:
        """Mirrors: namespace/storage/storage.go :: ShouldDeleteNamespaceDuringUpdate"""
        return not (obj.get("spec") or {}).get("finalizers") and super().should_delete_during_update(obj, old)

    def canonicalize(self, obj: Obj) -> None:
        m = obj["metadata"]
        if m.get("name"):
            labels = m.setdefault("labels", {})
            labels[LABEL_METADATA_NAME] = m["name"]


class NamespaceFinalizeStrategy(NamespaceStrategy):
    """Mirrors: namespace/strategy.go :: namespaceFinalizeStrategy (only spec.finalizers change)."""

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        fins = (obj.get("spec") or {}).get("finalizers")
        obj["spec"] = dict(old.get("spec") or {})
        if fins:
            obj["spec"]["finalizers"] = fins
        else:
            obj["spec"].pop("finalizers", None)
        obj["status"] = old.get("status", {})


def delete_namespace(ctx: RequestContext, store: Any, name: str, options: Obj) -> tuple[Obj, bool]:
    """First delete marks it Terminating; the last happens once spec.finalizers is empty.

    Mirrors: namespace/storage/storage.go :: (*REST).Delete
    """
    ns = store.get_shared("", name)
    if ns is None:
        raise errors.new_not_found("", "namespaces", name)
    meta = ns["metadata"]
    if not meta.get("deletionTimestamp"):

        def mark(current: Obj | None) -> Obj:
            assert current is not None
            cur = copy_obj(current)
            cur["metadata"]["deletionTimestamp"] = ctx.env.timestamp()
            cur["metadata"]["deletionGracePeriodSeconds"] = 0
            cur.setdefault("status", {})["phase"] = "Terminating"
            return cur

        if ctx.dry_run:
            out = mark(ns)
        else:
            out, _ = store.etcd.guaranteed_update(store.key("", name), mark, "namespaces")
        if (out.get("spec") or {}).get("finalizers"):
            return out, False
        ns = out
    if (ns.get("spec") or {}).get("finalizers"):
        raise errors.new_conflict("", "namespaces", name, STILL_FINALIZING)
    return store.delete(ctx, name, options)
