"""The field manager: managedFields on every write, and server-side apply.

A write through create/update/patch records, under its manager, the fields it
changed (``update_managed_fields``); an apply (``apply``) merges a configuration,
removes what its manager stopped applying, and refuses to change fields other
managers own unless forced.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/
{fieldmanager.go,structuredmerge.go,managedfieldsupdater.go,stripmeta.go,capmanagers.go},
re-exported by staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kubelab.api import errors, openapi
from kubelab.apiserver.fieldmanager.fieldpath import Set, field_token
from kubelab.apiserver.fieldmanager.managedfields import (
    APPLY,
    UPDATE,
    Managed,
    build_manager_identifier,
    cap_update_managers,
    decode_managed_fields,
    encode_managed_fields,
    new_conflict_error,
    strip_meta,
)
from kubelab.apiserver.fieldmanager.merge import Conflicts, Updater, VersionedSet
from kubelab.apiserver.fieldmanager.typed import FieldSetError, Schema

CURRENT_OPERATION = "current-operation"


def _split_api_version(api_version: str) -> tuple[str, str]:
    group, _, version = api_version.rpartition("/")
    return group, version


def schema_for(obj: dict[str, Any]) -> Schema | None:
    """The OpenAPI root schema of an object's apiVersion and kind."""
    group, version = _split_api_version(str(obj.get("apiVersion", "")))
    return openapi.for_kind(group, version, str(obj.get("kind", "")))


def default_reset_fields(schema: Schema | None, subresource: str) -> Set:
    """What a write through this endpoint may not own: status on the main resource, spec on /status.

    Differences: upstream takes each strategy's GetResetFields (some also reset
    metadata fields on /status); kubelab resets the whole other half.
    """
    props = (schema or {}).get("properties") or {}
    if subresource == "status":
        return Set.of((field_token("spec"),)) if "spec" in props else Set()
    if not subresource and "status" in props:
        return Set.of((field_token("status"),))
    return Set()


def _ignored(schema: Schema | None, subresource: str, reset_fields: Sequence[Sequence[str]] | None) -> Set:
    if reset_fields is None:
        return default_reset_fields(schema, subresource)
    return Set.of(*(tuple(field_token(n) for n in p) for p in reset_fields))


def _without_managed_fields(obj: dict[str, Any] | None) -> dict[str, Any]:
    if not obj:
        return {}
    meta = obj.get("metadata")
    if not isinstance(meta, dict) or "managedFields" not in meta:
        return obj
    meta = {k: v for k, v in meta.items() if k != "managedFields"}
    return {**obj, "metadata": meta}


def _set_managed_fields(obj: dict[str, Any], managed: Managed) -> None:
    """Mirrors: managedfields/internal/managedfields.go :: EncodeObjectManagedFields"""
    entries = encode_managed_fields(managed)
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        if entries is None:
            return
        meta = obj["metadata"] = {}
    if entries is None:
        meta.pop("managedFields", None)
    else:
        meta["managedFields"] = entries


def _is_reset_managed_fields(entries: Any) -> bool:
    return isinstance(entries, list) and len(entries) == 1 and entries[0] == {}


def decode_live_or_new(old: dict[str, Any] | None, new: dict[str, Any], ignore_new: bool) -> Managed:
    """The managedFields the write starts from: the request's if it sent some, else the live ones.

    Mirrors: managedfields/internal/fieldmanager.go :: decodeLiveOrNew
    """
    live_entries = ((old or {}).get("metadata") or {}).get("managedFields")
    if ignore_new:
        return decode_managed_fields(live_entries)
    new_entries = (new.get("metadata") or {}).get("managedFields")
    if _is_reset_managed_fields(new_entries):
        return Managed()
    managed = decode_managed_fields(new_entries)
    if not managed.fields:
        return decode_managed_fields(live_entries)
    return managed


def update_managed_fields(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    manager: str,
    operation: str = UPDATE,
    now_ts: str = "",
    api_version: str | None = None,
    *,
    subresource: str = "",
    schema: Schema | None = None,
    reset_fields: Sequence[Sequence[str]] | None = None,
) -> None:
    """Record in ``new["metadata"]["managedFields"]`` what this non-apply write changed.

    ``old`` is the live object (None on create). ``manager`` becomes the owner of every
    field the write added or changed, taking it from other managers; fields the write
    removed leave every manager; managers left with nothing are dropped. Only
    ``new``'s metadata is modified (its managedFields replaced).

    Args:
        old: the live object, or None for a create.
        new: the object about to be stored.
        manager: the field manager (``?fieldManager=`` or the user agent's command).
        operation: always "Update" (applies go through ``apply``).
        now_ts: the RFC 3339 time recorded when the write changed something.
        api_version: the version written (default ``new["apiVersion"]``).
        subresource: "status" for writes through /status.
        schema: the OpenAPI root schema (default: looked up from apiVersion and kind).
        reset_fields: paths (field names) this endpoint may not own; default status on
            the main resource, spec on /status.

    Differences: the last-applied-annotation and versioning managers are left out,
    and on a schema mismatch the managedFields are dropped (upstream's UpdateNoErrors).

    Mirrors: managedfields/internal/fieldmanager.go :: (*FieldManager).UpdateNoErrors,
    managedfieldsupdater.go :: managedFieldsUpdater.Update, structuredmerge.go :: Update
    """
    if operation != UPDATE:
        raise ValueError(f"update_managed_fields records Update operations, not {operation!r}")
    version = api_version or str(new.get("apiVersion", ""))
    if schema is None:
        schema = schema_for(new)
    managed = decode_live_or_new(old, new, ignore_new=bool(subresource))
    meta = new.get("metadata")
    if isinstance(meta, dict):
        new["metadata"] = meta = {k: v for k, v in meta.items() if k != "managedFields"}
    updater = Updater(schema, _ignored(schema, subresource, reset_fields))
    try:
        fields = updater.update_object(_without_managed_fields(old), new, version, managed.fields, CURRENT_OPERATION)
    except FieldSetError:
        return
    fields = strip_meta(fields)
    times = dict(managed.times)
    mid = build_manager_identifier(manager, UPDATE, version, subresource)
    mine = fields.pop(CURRENT_OPERATION, None)
    if mine is not None:
        prev = fields.get(mid)
        if prev is not None:
            mine = VersionedSet(mine.set.union(prev.set), mine.api_version, mine.applied)
        fields[mid] = mine
        times[mid] = now_ts
    _set_managed_fields(new, cap_update_managers(Managed(fields, times)))


def _gvknn(obj: dict[str, Any]) -> str:
    meta = obj.get("metadata") or {}
    group, version = _split_api_version(str(obj.get("apiVersion", "")))
    return f"{meta.get('namespace', '')}/{meta.get('name', '')}; {group}/{version}, Kind={obj.get('kind', '')}"


def apply(
    live: dict[str, Any] | None,
    config: dict[str, Any],
    manager: str,
    force: bool,
    now_ts: str,
    schema: Schema | None = None,
    *,
    subresource: str = "",
    reset_fields: Sequence[Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Server-side apply ``config`` as ``manager`` to ``live`` (None: create it).

    Returns the new object with its managedFields. Fields this manager applied before
    and left out now are removed unless another manager owns them too. The inputs
    are not mutated; the result shares untouched subtrees with them.

    Raises:
        Conflict: other managers own fields this apply changes (``force`` takes them).
        BadRequest: the configuration sets metadata.managedFields, or names another
            apiVersion than the live object.
        ApiError: 500 "failed to create typed patch object ..." for duplicate or keyless
            items of keyed lists.

    Mirrors: managedfields/internal/fieldmanager.go :: (*FieldManager).Apply,
    structuredmerge.go :: (*structuredMergeManager).Apply,
    managedfieldsupdater.go :: managedFieldsUpdater.Apply
    """
    cfg_meta = config.get("metadata")
    if isinstance(cfg_meta, dict) and cfg_meta.get("managedFields") is not None:
        raise errors.new_bad_request("metadata.managedFields must be nil")
    version = str(config.get("apiVersion", ""))
    if live is not None and live.get("apiVersion") and live.get("apiVersion") != version:
        raise errors.new_bad_request(
            "Incorrect version specified in apply patch. "
            f"Specified patch version: {version}, expected: {live.get('apiVersion')}"
        )
    if schema is None:
        schema = schema_for(config)
    managed = decode_managed_fields(((live or {}).get("metadata") or {}).get("managedFields"))
    live_obj = _without_managed_fields(live)
    mid = build_manager_identifier(manager, APPLY, "", subresource)
    updater = Updater(schema, _ignored(schema, subresource, reset_fields))
    try:
        new, fields = updater.apply(live_obj, config, version, managed.fields, mid, force)
    except Conflicts as c:
        raise new_conflict_error(c) from None
    except FieldSetError as e:
        msg = f"failed to create typed patch object ({_gvknn(config)}): {e}"
        raise errors.ApiError(errors.status(500, "", msg)) from None
    fields = strip_meta(fields)
    times = dict(managed.times)
    if new is not None:
        times[mid] = now_ts
    else:
        new = live_obj
    out = dict(new)
    meta = out.get("metadata")
    out["metadata"] = dict(meta) if isinstance(meta, dict) else {}
    _set_managed_fields(out, cap_update_managers(Managed(fields, times)))
    return out
