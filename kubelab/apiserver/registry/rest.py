"""What every create, update and delete does before the strategy-specific parts.

Upstream: staging/src/k8s.io/apiserver/pkg/registry/rest/{create.go,update.go,delete.go,meta.go}
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kubelab.api import errors
from kubelab.api import field as fld
from kubelab.api.scheme import ResourceInfo
from kubelab.apiserver.authentication.user import UserInfo
from kubelab.engine import clock
from kubelab.engine.env import Env

if TYPE_CHECKING:
    from kubelab.apiserver.registry.strategy import Strategy

Obj = dict[str, Any]

# names.SimpleNameGenerator: maxNameLength 63, randomLength 5
MAX_NAME_LENGTH = 63
RANDOM_LENGTH = 5
MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH


@dataclass(slots=True)
class RequestContext:
    """What a strategy may know about the request (the Go context.Context values)."""

    env: Env
    info: ResourceInfo
    namespace: str = ""
    user: UserInfo | None = None
    subresource: str = ""
    dry_run: bool = False
    server: Any = None
    warnings: list[str] = field(default_factory=list)
    on_failure: list[Any] = field(default_factory=list)  # undo allocations if the write fails

    @property
    def now(self) -> float:
        return self.env.now


def generate_name(env: Env, base: str) -> str:
    """Mirrors: apiserver/pkg/storage/names/generate.go :: simpleNameGenerator.GenerateName"""
    if len(base) > MAX_GENERATED_NAME_LENGTH:
        base = base[:MAX_GENERATED_NAME_LENGTH]
    return base + env.rand.suffix(RANDOM_LENGTH)


def valid_namespace(ctx: RequestContext, meta: Obj) -> bool:
    """Mirrors: rest/meta.go :: ValidNamespace (fills an empty namespace from the request)."""
    ns = meta.get("namespace") or ""
    if not ns:
        meta["namespace"] = ctx.namespace
        return True
    return ns == ctx.namespace or not ctx.namespace


def fill_object_meta_system_fields(env: Env, meta: Obj) -> None:
    """Mirrors: rest/meta.go :: FillObjectMetaSystemFields"""
    meta["creationTimestamp"] = env.timestamp()
    meta["uid"] = env.uid()


def _namespace_mismatch() -> errors.ApiError:
    return errors.new_bad_request("the namespace of the provided object does not match the namespace sent on the request")


def before_create(strategy: Strategy, ctx: RequestContext, obj: Obj) -> None:
    """Mirrors: rest/create.go :: BeforeCreate"""
    meta = obj.setdefault("metadata", {})
    if strategy.namespace_scoped:
        if not valid_namespace(ctx, meta):
            raise _namespace_mismatch()
    elif meta.get("namespace"):
        meta.pop("namespace", None)
    meta.pop("deletionTimestamp", None)
    meta.pop("deletionGracePeriodSeconds", None)
    strategy.prepare_for_create(ctx, obj)
    if meta.get("generateName") and not meta.get("name"):
        meta["name"] = generate_name(ctx.env, meta["generateName"])
    fill_object_meta_system_fields(ctx.env, meta)
    errs = strategy.validate(ctx, obj)
    if errs:
        raise errors.new_invalid(ctx.info.group, ctx.info.kind, meta.get("name", ""), errs)
    errs = validate_path_segment_name(meta.get("name", ""))
    if errs:
        raise errors.new_invalid(ctx.info.group, ctx.info.kind, meta.get("name", ""), errs)
    strategy.canonicalize(obj)


def validate_path_segment_name(name: str) -> fld.ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/path/name.go :: ValidatePathSegmentName"""
    if name in (".", ".."):
        return [fld.invalid("metadata.name", name, f"may not be '{name}'")]
    for bad in ("/", "%"):
        if bad in name:
            return [fld.invalid("metadata.name", name, f"may not contain '{bad}'")]
    return []


def before_update(strategy: Strategy, ctx: RequestContext, obj: Obj, old: Obj) -> None:
    """Mirrors: rest/update.go :: BeforeUpdate"""
    meta = obj.setdefault("metadata", {})
    old_meta = old["metadata"]
    if strategy.namespace_scoped:
        if not valid_namespace(ctx, meta):
            raise _namespace_mismatch()
    elif meta.get("namespace"):
        meta.pop("namespace", None)
    if "generation" in old_meta:
        meta["generation"] = old_meta["generation"]
    else:
        meta.pop("generation", None)
    strategy.prepare_for_update(ctx, obj, old)
    if not meta.get("uid"):
        meta["uid"] = old_meta.get("uid")
    if old_meta.get("creationTimestamp"):
        meta["creationTimestamp"] = old_meta["creationTimestamp"]
    for k in ("deletionTimestamp", "deletionGracePeriodSeconds"):
        if k in old_meta:
            meta[k] = old_meta[k]
        else:
            meta.pop(k, None)
    errs = validate_common_fields(obj, old)
    errs += strategy.validate_update(ctx, obj, old)
    if errs:
        raise errors.new_invalid(ctx.info.group, ctx.info.kind, meta.get("name", ""), errs)
    strategy.canonicalize(obj)


def validate_common_fields(obj: Obj, old: Obj) -> fld.ErrorList:
    """Mirrors: rest/update.go :: validateCommonFields (uid and name checks of every update)."""
    errs: fld.ErrorList = []
    m, om = obj["metadata"], old["metadata"]
    if m.get("uid") != om.get("uid"):
        errs.append(fld.invalid("metadata.uid", m.get("uid"), "field is immutable"))
    return errs


def before_delete(strategy: Strategy, ctx: RequestContext, obj: Obj, options: Obj) -> tuple[bool, bool]:
    """Decide graceful deletion; returns (graceful, graceful_pending).

    Mirrors: rest/delete.go :: BeforeDelete
    """
    meta = obj["metadata"]
    grace = options.get("gracePeriodSeconds")
    if grace is not None and grace < 0:
        grace = 1  # upstream treats a negative grace period as 1 second (since 1.32: rejected; kept lenient)
        options["gracePeriodSeconds"] = grace
    if meta.get("deletionTimestamp"):
        if grace is None:
            return False, True
        new_ts = clock.rfc3339(ctx.now + grace)
        old_deadline = clock.parse(meta["deletionTimestamp"]) or 0.0
        if ctx.now + grace > old_deadline:
            return False, True
        meta["deletionTimestamp"] = new_ts
        meta["deletionGracePeriodSeconds"] = grace
        return True, False
    if not strategy.check_graceful_delete(ctx, obj, options):
        return False, False
    grace = options.get("gracePeriodSeconds")
    if grace is None:
        raise errors.new_internal_error("options.GracePeriodSeconds should not be nil")
    meta["deletionTimestamp"] = clock.rfc3339(ctx.now + grace)
    meta["deletionGracePeriodSeconds"] = grace
    if meta.get("generation", 0) > 0:
        meta["generation"] += 1
    return True, False


def copy_obj(obj: Obj) -> Obj:
    """A private copy of a wire-shape object (fast: objects are plain JSON-like data)."""
    return marshal.loads(marshal.dumps(obj))
