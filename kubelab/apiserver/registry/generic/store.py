"""The generic registry store every kind's REST storage is made of.

Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from kubelab.api import errors
from kubelab.apiserver.registry import rest
from kubelab.apiserver.registry.rest import RequestContext, copy_obj
from kubelab.apiserver.registry.strategy import Strategy
from kubelab.storage import errors as serr
from kubelab.storage.cacher import Cacher, CacheWatcher
from kubelab.storage.etcd3 import Store as EtcdStore

Obj = dict[str, Any]
Predicate = Callable[[Obj], bool]
ValidateFunc = Callable[[Obj | None, Obj | None], None]

ORPHAN_FINALIZER = "orphan"
FOREGROUND_FINALIZER = "foregroundDeletion"


class Store:
    """CRUD and watch of one resource over etcd and its watch cache.

    Mirrors: registry/generic/registry/store.go :: Store (Create, Get, List, Update,
    Delete, DeleteCollection, Watch)
    """

    def __init__(self, etcd: EtcdStore, cacher: Cacher | None, strategy: Strategy,
                 status_strategy: Strategy | None = None) -> None:
        self.etcd = etcd
        self.cacher = cacher
        self.strategy = strategy
        self.status_strategy = status_strategy
        self.info = strategy.info

    # -- helpers ------------------------------------------------------------------------
    def key(self, namespace: str, name: str) -> str:
        return self.info.key(namespace, name)

    def _not_found(self, name: str) -> errors.ApiError:
        return errors.new_not_found(self.info.group, self.info.resource, name)

    def _interpret(self, e: serr.StorageError, name: str) -> errors.ApiError:
        """Mirrors: registry/generic/registry/storage_factory.go + storeerr :: InterpretXxxError"""
        if e.code == serr.KEY_NOT_FOUND:
            return self._not_found(name)
        if e.code == serr.KEY_EXISTS:
            return errors.new_already_exists(self.info.group, self.info.resource, name)
        if e.code == serr.RESOURCE_VERSION_CONFLICTS:
            return errors.new_conflict(self.info.group, self.info.resource, name, errors.OPTIMISTIC_LOCK_ERROR_MSG)
        return errors.new_internal_error(str(e))

    # -- create -------------------------------------------------------------------------
    def create(self, ctx: RequestContext, obj: Obj, create_validation: ValidateFunc | None = None) -> Obj:
        strategy = self.strategy
        try:
            rest.before_create(strategy, ctx, obj)
            if create_validation is not None:
                create_validation(obj, None)
            meta = obj["metadata"]
            name = meta.get("name", "")
            key = self.key(meta.get("namespace", ""), name)
            if ctx.dry_run:
                if self.etcd.kv.get(key) is not None:
                    raise errors.new_already_exists(self.info.group, self.info.resource, name)
                out = copy_obj(obj)
                self._undo(ctx)
                return out
            try:
                out = self.etcd.create(key, obj, self.info.resource)
            except serr.StorageError as e:
                raise self._interpret(e, name) from None
        except BaseException:
            self._undo(ctx)
            raise
        strategy.after_create(ctx, out)
        return out

    @staticmethod
    def _undo(ctx: RequestContext) -> None:
        for fn in reversed(ctx.on_failure):
            fn()
        ctx.on_failure.clear()

    # -- reads --------------------------------------------------------------------------
    def get(self, ctx: RequestContext, name: str, *, resource_version: str = "") -> Obj:
        """Mirrors: store.go :: (*Store).Get (served from the watch cache when it can be)."""
        key = self.key(ctx.namespace, name)
        if self.cacher is not None and resource_version != "" and resource_version is not None:
            cached = self.cacher.get(key)
            if cached is None:
                raise self._not_found(name)
            return copy_obj(cached)
        obj = self.etcd.get(key, self.info.resource)
        if obj is None:
            raise self._not_found(name)
        return obj

    def get_shared(self, namespace: str, name: str) -> Obj | None:
        """The cached object itself, read-only (admission and internal checks)."""
        key = self.key(namespace, name)
        if self.cacher is not None:
            return self.cacher.get(key)
        return self.etcd.get(key, self.info.resource)

    def list(self, ctx: RequestContext, predicate: Predicate | None = None, *, resource_version: str = "",
             limit: int = 0, continue_: str = "", from_etcd: bool = False) -> Obj:
        """A List object. Mirrors: store.go :: (*Store).List and cacher.go :: GetList."""
        prefix = self.info.prefix(ctx.namespace if self.info.namespaced else None)
        start_key = ""
        if continue_:
            try:
                tok = json.loads(base64.b64decode(continue_))
                start_key = prefix + tok["start"]
            except (ValueError, KeyError, TypeError):
                raise errors.new_bad_request("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)") from None
        if self.cacher is not None and not from_etcd:
            items, rev = self.cacher.list(prefix, predicate)
        else:
            objs, rev = self.etcd.get_list(prefix, self.info.resource)
            items = [o for o in objs if predicate is None or predicate(o)]
        meta: Obj = {"resourceVersion": str(rev)}
        if start_key:
            items = [o for o in items if self._key_of(o) > start_key]
        if limit and len(items) > limit:
            remaining = len(items) - limit
            items = items[:limit]
            last = self._key_of(items[-1])[len(prefix):]
            tok = {"v": "meta.k8s.io/v1", "rv": rev, "start": last + "\x00"}
            meta["continue"] = base64.b64encode(json.dumps(tok, separators=(",", ":")).encode()).decode()
            meta["remainingItemCount"] = remaining
        out_items = [copy_obj(o) for o in items] if self.cacher is not None and not from_etcd else items
        return {"kind": self.info.kind + "List", "apiVersion": self.info.api_version, "metadata": meta,
                "items": out_items}

    def _key_of(self, o: Obj) -> str:
        m = o["metadata"]
        return self.key(m.get("namespace", ""), m["name"])

    def watch(self, ctx: RequestContext, predicate: Predicate | None, resource_version: str, *,
              allow_bookmarks: bool = False, send_initial_events: bool | None = None,
              index_value: str | None = None, label: str = "") -> CacheWatcher:
        """Mirrors: store.go :: (*Store).WatchPredicate -> cacher.go :: Watch"""
        if self.cacher is None:
            raise errors.new_method_not_supported(self.info.group, self.info.resource, "watch")
        prefix = self.info.prefix(ctx.namespace if self.info.namespaced else None)
        rv: int | None
        if resource_version in ("", "0"):
            rv = None
        else:
            try:
                rv = int(resource_version)
            except ValueError:
                raise errors.new_bad_request(f'invalid resource version: {resource_version!r}') from None
        if send_initial_events is False and rv is None:
            rv = self.cacher.resource_version
        return self.cacher.watch(prefix, rv, predicate, allow_bookmarks=allow_bookmarks,
                                 send_initial_events=bool(send_initial_events), index_value=index_value,
                                 label=label)

    # -- update -------------------------------------------------------------------------
    def update(self, ctx: RequestContext, name: str, updated: Callable[[Obj | None], Obj], *,
               create_validation: ValidateFunc | None = None, update_validation: ValidateFunc | None = None,
               force_allow_create: bool = False, subresource: str = "",
               strategy: Strategy | None = None) -> tuple[Obj, bool]:
        """Returns (object, created). ``updated(existing)`` builds the new object.

        Mirrors: store.go :: (*Store).Update
        """
        if strategy is None:
            strategy = self.status_strategy if subresource == "status" and self.status_strategy else self.strategy
        key = self.key(ctx.namespace, name)
        created = False
        deleted: list[Obj] = []
        dry: list[Obj] = []

        def try_update(existing: Obj | None) -> Obj | None:
            nonlocal created
            if existing is None:
                if not (strategy.allow_create_on_update or force_allow_create):
                    raise self._not_found(name)
                obj = updated(None)
                created = True
                rest.before_create(self.strategy, ctx, obj)
                if create_validation is not None:
                    create_validation(obj, None)
                if ctx.dry_run:
                    dry.append(obj)
                    return None
                return obj
            obj = updated(existing)
            if obj is existing:
                raise errors.new_internal_error("an update must build a new object, not change the stored one")
            meta = obj.setdefault("metadata", {})
            new_rv = meta.get("resourceVersion", "")
            if not new_rv:
                if not strategy.allow_unconditional_update:
                    raise errors.new_invalid(self.info.group, self.info.kind, name, [
                        _rv_required()])
            elif new_rv != existing["metadata"]["resourceVersion"]:
                raise errors.new_conflict(self.info.group, self.info.resource, name,
                                          errors.OPTIMISTIC_LOCK_ERROR_MSG)
            rest.before_update(strategy, ctx, obj, existing)
            if update_validation is not None:
                update_validation(obj, existing)
            meta["resourceVersion"] = existing["metadata"]["resourceVersion"]
            if strategy.should_delete_during_update(obj, existing):
                deleted.append(obj)
                return None
            if ctx.dry_run:
                dry.append(obj)
                return None
            return obj

        try:
            out, written = self.etcd.guaranteed_update(key, try_update, self.info.resource,
                                                        ignore_not_found=True)
        except serr.StorageError as e:
            self._undo(ctx)
            raise self._interpret(e, name) from None
        except BaseException:
            self._undo(ctx)
            raise
        if deleted:
            return self._finalize_delete_now(ctx, name, deleted[0]), False
        if dry:
            self._undo(ctx)
            return dry[0], created
        if out is None:
            raise self._not_found(name)
        if created:
            strategy.after_create(ctx, out)
        return out, created

    def _finalize_delete_now(self, ctx: RequestContext, name: str, obj: Obj) -> Obj:
        key = self.key(ctx.namespace, name)
        try:
            out = self.etcd.delete(key, self.info.resource)
        except serr.StorageError as e:
            raise self._interpret(e, name) from None
        self.strategy.after_delete(ctx, out)
        return out

    # -- delete -------------------------------------------------------------------------
    def delete(self, ctx: RequestContext, name: str, options: Obj | None = None,
               delete_validation: ValidateFunc | None = None) -> tuple[Obj, bool]:
        """Returns (object, deleted now). Graceful deletion and finalizers only mark it.

        Mirrors: store.go :: (*Store).Delete, updateForGracefulDeletionAndFinalizers,
        deletionFinalizersForGarbageCollection
        """
        options = dict(options or {})
        key = self.key(ctx.namespace, name)
        existing = self.etcd.get(key, self.info.resource)
        if existing is None:
            raise self._not_found(name)
        check_preconditions(self.info, name, existing, options.get("preconditions"))
        obj = copy_obj(existing)  # before_delete marks the copy; existing stays as read
        graceful, pending = rest.before_delete(self.strategy, ctx, obj, options)
        if delete_validation is not None:
            delete_validation(None, existing)  # type: ignore[arg-type]
        meta = obj["metadata"]
        finalizers = list(meta.get("finalizers") or [])
        new_finalizers = _gc_finalizers(finalizers, options)
        if pending and new_finalizers == finalizers:
            return existing, False
        if graceful or finalizers or new_finalizers != finalizers:
            if new_finalizers != finalizers:
                meta["finalizers"] = new_finalizers
                if not new_finalizers:
                    del meta["finalizers"]
            grace = meta.get("deletionGracePeriodSeconds")
            if not meta.get("deletionTimestamp"):
                meta["deletionTimestamp"] = ctx.env.timestamp()
                meta["deletionGracePeriodSeconds"] = 0
                grace = 0
            if new_finalizers or (grace or 0) > 0:
                if ctx.dry_run:
                    return obj, False
                return self._write_deletion_mark(ctx, name, obj), False
        if ctx.dry_run:
            return existing, True
        try:
            out = self.etcd.delete(key, self.info.resource, expect=existing)
        except serr.StorageError as e:
            raise self._interpret(e, name) from None
        self.strategy.after_delete(ctx, out)
        return out, True

    def _write_deletion_mark(self, ctx: RequestContext, name: str, obj: Obj) -> Obj:
        key = self.key(ctx.namespace, name)

        def mark(existing: Obj | None) -> Obj | None:
            return obj

        try:
            out, _ = self.etcd.guaranteed_update(key, mark, self.info.resource)
        except serr.StorageError as e:
            raise self._interpret(e, name) from None
        assert out is not None
        return out


def _rv_required() -> Any:
    from kubelab.api import field as fld

    return fld.invalid("metadata.resourceVersion", "0x0", "must be specified for an update")


def _gc_finalizers(finalizers: list[str], options: Obj) -> list[str]:
    """Mirrors: store.go :: deletionFinalizersForGarbageCollection"""
    policy = options.get("propagationPolicy")
    orphan = options.get("orphanDependents")
    if policy is None and orphan is not None:
        policy = "Orphan" if orphan else "Background"
    out = list(finalizers)
    if policy == "Orphan":
        if FOREGROUND_FINALIZER in out:
            out.remove(FOREGROUND_FINALIZER)
        if ORPHAN_FINALIZER not in out:
            out.append(ORPHAN_FINALIZER)
    elif policy == "Foreground":
        if ORPHAN_FINALIZER in out:
            out.remove(ORPHAN_FINALIZER)
        if FOREGROUND_FINALIZER not in out:
            out.append(FOREGROUND_FINALIZER)
    elif policy == "Background":
        out = [f for f in out if f not in (ORPHAN_FINALIZER, FOREGROUND_FINALIZER)]
    return out


def check_preconditions(info: Any, name: str, obj: Obj, pre: Obj | None) -> None:
    """Mirrors: apiserver/pkg/storage/interfaces.go :: (*Preconditions).Check"""
    if not pre:
        return
    meta = obj["metadata"]
    uid = pre.get("uid")
    if uid and uid != meta.get("uid"):
        raise errors.new_conflict(info.group, info.resource, name,
                                  f"Precondition failed: UID in precondition: {uid}, UID in object meta: {meta.get('uid')}")
    rv = pre.get("resourceVersion")
    if rv and rv != meta.get("resourceVersion"):
        raise errors.new_conflict(info.group, info.resource, name,
                                  f"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {meta.get('resourceVersion')}")
