"""metadata.managedFields: decoding, encoding, manager identifiers and apply conflicts.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/
{managedfields.go,conflict.go,capmanagers.go,stripmeta.go}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from kubelab.api import errors
from kubelab.apiserver.fieldmanager.fieldpath import Set, path_string
from kubelab.apiserver.fieldmanager.merge import Conflicts, ManagedFields, VersionedSet

APPLY = "Apply"
UPDATE = "Update"
FIELDS_V1 = "FieldsV1"
CAUSE_TYPE_FIELD_MANAGER_CONFLICT = "FieldManagerConflict"
DEFAULT_MAX_UPDATE_MANAGERS = 10
OLD_UPDATES_MANAGER_NAME = "ancient-changes"

# The fields no manager owns.
STRIP_SET = Set.of(
    ("f:apiVersion",),
    ("f:kind",),
    ("f:metadata",),
    ("f:metadata", "f:name"),
    ("f:metadata", "f:namespace"),
    ("f:metadata", "f:creationTimestamp"),
    ("f:metadata", "f:selfLink"),
    ("f:metadata", "f:uid"),
    ("f:metadata", "f:clusterName"),
    ("f:metadata", "f:generation"),
    ("f:metadata", "f:managedFields"),
    ("f:metadata", "f:resourceVersion"),
)


@dataclass(slots=True)
class Managed:
    """Mirrors: managedfields/internal/managedfields.go :: managedStruct"""

    fields: ManagedFields = field(default_factory=dict)
    times: dict[str, str] = field(default_factory=dict)


def build_manager_identifier(manager: str, operation: str, api_version: str = "", subresource: str = "") -> str:
    """The JSON a manager is keyed by: never its time, and no apiVersion for appliers.

    Mirrors: managedfields/internal/managedfields.go :: BuildManagerIdentifier
    """
    if manager.__class__ is str and operation.__class__ is str and api_version.__class__ is str \
            and subresource.__class__ is str:
        return _manager_identifier(manager, operation, api_version, subresource)
    # A malformed entry's fields (a cache would take 1 and true for one key): never remembered.
    return _manager_identifier.__wrapped__(manager, operation, api_version, subresource)


@lru_cache(maxsize=4096)
def _manager_identifier(manager: str, operation: str, api_version: str, subresource: str) -> str:
    entry: dict[str, str] = {"manager": manager, "operation": operation}
    if operation != APPLY and api_version:
        entry["apiVersion"] = api_version
    if subresource:
        entry["subresource"] = subresource
    return json.dumps(entry, separators=(",", ":"), ensure_ascii=False)


def decode_managed_fields(entries: Any) -> Managed:
    """Entries that cannot be read are dropped, as upstream resets unreadable managedFields.

    Mirrors: managedfields/internal/managedfields.go :: DecodeManagedFields
    """
    out = Managed()
    if not isinstance(entries, list):
        return out
    for e in entries:
        if not isinstance(e, dict) or e.get("fieldsType", FIELDS_V1) != FIELDS_V1:
            return Managed()
        op = e.get("operation", "")
        if op not in (APPLY, UPDATE):
            return Managed()
        mid = build_manager_identifier(e.get("manager", ""), op, e.get("apiVersion", ""), e.get("subresource", ""))
        fields_v1 = e.get("fieldsV1") or {}
        out.fields[mid] = VersionedSet(Set.from_fields_v1(fields_v1), e.get("apiVersion", ""), op == APPLY)
        if e.get("time"):
            out.times[mid] = e["time"]
    return out


def _identifier_fields(mid: str) -> tuple[Any, Any, Any]:
    """(manager, operation, subresource) of a manager identifier, parsed once per identifier."""
    f = _parsed_identifier(mid)
    if f[0].__class__ is str and f[1].__class__ is str and f[2].__class__ is str:
        return f
    return _parsed_identifier.__wrapped__(mid)  # a malformed entry's fields: never share them


@lru_cache(maxsize=4096)
def _parsed_identifier(mid: str) -> tuple[Any, Any, Any]:
    ident = json.loads(mid)
    return ident["manager"], ident["operation"], ident.get("subresource") or ""


def _seconds(t: str | None) -> float:
    if t.__class__ is str:
        return _parsed_seconds(t)
    return _parsed_seconds.__wrapped__(t)


@lru_cache(maxsize=4096)
def _parsed_seconds(t: str | None) -> float:
    if not t:
        return 0.0
    try:
        return datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def encode_managed_fields(managed: Managed) -> list[dict[str, Any]] | None:
    """The sorted managedFields list (None when no manager owns anything).

    Mirrors: managedfields/internal/managedfields.go :: encodeManagedFields,
    sortEncodedManagedFields
    """
    if not managed.fields:
        return None
    out: list[dict[str, Any]] = []
    for mid, vs in managed.fields.items():
        manager, operation, subresource = _identifier_fields(mid)
        entry: dict[str, Any] = {"manager": manager, "operation": operation, "apiVersion": vs.api_version}
        if mid in managed.times:
            entry["time"] = managed.times[mid]
        entry["fieldsType"] = FIELDS_V1
        entry["fieldsV1"] = vs.set.to_fields_v1()
        if subresource:
            entry["subresource"] = subresource
        out.append(entry)
    out.sort(key=lambda e: (e["operation"], _seconds(e.get("time")), e["manager"], e["apiVersion"],
                            e.get("subresource", "")))
    return out


def strip_meta(fields: ManagedFields) -> ManagedFields:
    """Mirrors: managedfields/internal/stripmeta.go :: stripMetaManager.stripFields"""
    out: ManagedFields = {}
    for mid, vs in fields.items():
        s = vs.set.difference(STRIP_SET)
        if not s.empty():
            out[mid] = VersionedSet(s, vs.api_version, vs.applied)
    return out


def cap_update_managers(managed: Managed, max_update_managers: int = DEFAULT_MAX_UPDATE_MANAGERS) -> Managed:
    """Fold the oldest Update managers into "ancient-changes" buckets past the cap.

    Mirrors: managedfields/internal/capmanagers.go :: capManagersManager.capUpdateManagers
    """
    updaters = [m for m, vs in managed.fields.items() if not vs.applied]
    if len(updaters) <= max_update_managers:
        return managed
    fields = dict(managed.fields)
    times = dict(managed.times)
    updaters.sort(key=lambda m: (_seconds(times.get(m)), m))
    first_by_version: dict[str, str] = {}
    length = len(updaters)
    for manager in updaters:
        if length <= max_update_managers:
            break
        vs = fields[manager]
        version = vs.api_version
        bucket = build_manager_identifier(OLD_UPDATES_MANAGER_NAME, UPDATE, version)
        if version in first_by_version:
            if bucket not in fields:
                first = first_by_version[version]
                fields[bucket] = fields.pop(first)
            fields[bucket] = VersionedSet(vs.set.union(fields[bucket].set), version, vs.applied)
            del fields[manager]
            length -= 1
            if manager in times:
                times[bucket] = times[manager]
        else:
            first_by_version[version] = manager
    return Managed(fields, times)


# -- conflicts --------------------------------------------------------------------------


def print_manager(manager: str) -> str:
    """Mirrors: managedfields/internal/conflict.go :: printManager"""
    try:
        ident = json.loads(manager)
    except ValueError:
        return json.dumps(manager, ensure_ascii=False)
    if not isinstance(ident, dict):
        return json.dumps(manager, ensure_ascii=False)
    s = json.dumps(ident.get("manager", ""), ensure_ascii=False)
    if ident.get("subresource"):
        s = f"{s} with subresource {json.dumps(ident['subresource'], ensure_ascii=False)}"
    if ident.get("operation") == UPDATE:
        if not ident.get("time"):
            return f"{s} using {ident.get('apiVersion', '')}"
        return f"{s} using {ident.get('apiVersion', '')} at {ident['time']}"
    return s


def get_conflict_message(conflicts: Conflicts) -> str:
    """Mirrors: managedfields/internal/conflict.go :: getConflictMessage"""
    cs = conflicts.conflicts
    if len(cs) == 1:
        return f"Apply failed with 1 conflict: conflict with {print_manager(cs[0].manager)}: {path_string(cs[0].path)}"
    by_manager: dict[str, list[str]] = {}
    for c in cs:
        by_manager.setdefault(c.manager, []).append(path_string(c.path))
    lines: list[str] = []
    for manager in sorted(by_manager):
        lines.append(f"conflicts with {print_manager(manager)}:")
        lines.extend(f"- {p}" for p in by_manager[manager])
    return f"Apply failed with {len(cs)} conflicts: " + "\n".join(lines)


def new_conflict_error(conflicts: Conflicts) -> errors.Conflict:
    """A 409 with one cause per conflicting field.

    Mirrors: managedfields/internal/conflict.go :: NewConflictError and
    apimachinery/pkg/api/errors/errors.go :: NewApplyConflict
    """
    causes = [
        {"reason": CAUSE_TYPE_FIELD_MANAGER_CONFLICT,
         "message": f"conflict with {print_manager(c.manager)}",
         "field": path_string(c.path)}
        for c in conflicts.conflicts
    ]
    return errors.Conflict(errors.status(409, "Conflict", get_conflict_message(conflicts), {"causes": causes}))
