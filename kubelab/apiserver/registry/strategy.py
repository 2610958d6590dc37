"""The per-kind strategy: what a create, update or delete does to one kind.

Upstream: staging/src/k8s.io/apiserver/pkg/registry/rest/{create.go,update.go,delete.go}
(the RESTCreateStrategy, RESTUpdateStrategy and RESTGracefulDeleteStrategy interfaces)
and the strategy.go of each kind under pkg/registry.
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field as fld
from kubelab.api.scheme import ResourceInfo
from kubelab.api.validation import dispatch as validation
from kubelab.apiserver.registry.rest import RequestContext

Obj = dict[str, Any]

# Kinds whose PrepareForCreate sets generation 1 and whose PrepareForUpdate bumps it when
# the spec changes (each kind's strategy.go does this by hand upstream).
GENERATION_KINDS = frozenset({
    "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job",
    "CronJob", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "NetworkPolicy",
})
# Kinds whose create keeps the status it was given (the kubelet registers Nodes with theirs).
KEEP_STATUS_ON_CREATE = frozenset({"Node", "Event", "Lease"})


class Strategy:
    """The default strategy of a kind, driven by the kind's properties.

    Mirrors: the common shape of pkg/registry/*/strategy.go :: PrepareForCreate,
    PrepareForUpdate, Validate, ValidateUpdate, Canonicalize, AllowCreateOnUpdate,
    AllowUnconditionalUpdate; kinds with more to do subclass it.
    """

    allow_create_on_update = False
    allow_unconditional_update = True
    # whether Delete returns the deleted object (true for pods) or a Success Status
    return_deleted_object = False

    def __init__(self, info: ResourceInfo) -> None:
        self.info = info
        self.namespace_scoped = info.namespaced
        self.has_status = info.subresource("status") is not None
        self.tracks_generation = info.kind in GENERATION_KINDS

    def prepare_for_create(self, ctx: RequestContext, obj: Obj) -> None:
        if self.has_status and self.info.kind not in KEEP_STATUS_ON_CREATE:
            obj["status"] = self.initial_status(obj)
        if self.tracks_generation:
            obj["metadata"]["generation"] = 1

    def initial_status(self, obj: Obj) -> Obj:
        return {}

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        if self.has_status:
            if "status" in old:
                obj["status"] = old["status"]
            else:
                obj.pop("status", None)
        if self.tracks_generation and spec_changed(obj, old):
            obj["metadata"]["generation"] = old["metadata"].get("generation", 0) + 1

    def validate(self, ctx: RequestContext, obj: Obj) -> fld.ErrorList:
        return validation.validate(obj)

    def validate_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> fld.ErrorList:
        return validation.validate_update(obj, old)

    def canonicalize(self, obj: Obj) -> None:
        return None

    def check_graceful_delete(self, ctx: RequestContext, obj: Obj, options: Obj) -> bool:
        return False

    def should_delete_during_update(self, obj: Obj, old: Obj) -> bool:
        """The last finalizer of an object being deleted with no grace left is gone.

        Mirrors: registry/generic/registry/store.go :: ShouldDeleteDuringUpdate
        """
        m = obj["metadata"]
        return bool(m.get("deletionTimestamp")) and not m.get("finalizers") and \
            (m.get("deletionGracePeriodSeconds") or 0) == 0

    def after_create(self, ctx: RequestContext, obj: Obj) -> None:
        return None

    def after_delete(self, ctx: RequestContext, obj: Obj) -> None:
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.info.kind})"


class StatusStrategy(Strategy):
    """Updates through the status subresource change only the status.

    Mirrors: pkg/registry/*/strategy.go :: <kind>StatusStrategy.PrepareForUpdate
    """

    def prepare_for_create(self, ctx: RequestContext, obj: Obj) -> None:
        return None

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        for k, v in old.items():
            if k not in ("status", "metadata"):
                obj[k] = v
        for k in list(obj):
            if k not in old and k not in ("status", "metadata", "apiVersion", "kind"):
                del obj[k]

    def validate_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> fld.ErrorList:
        return validation.validate_status_update(obj, old)


def spec_changed(obj: Obj, old: Obj) -> bool:
    """Whatever is not metadata or status: the spec (and, for some kinds, top-level fields)."""
    for k in obj.keys() | old.keys():
        if k in ("metadata", "status", "apiVersion", "kind"):
            continue
        if obj.get(k) != old.get(k):
            return True
    return False
