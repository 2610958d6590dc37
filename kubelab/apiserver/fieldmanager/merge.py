"""Ownership bookkeeping for updates and applies: who owns which fields, and conflicts.

Upstream: sigs.k8s.io/structured-merge-diff/v4/merge/{update.go,conflict.go}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api.jsonpatch import json_equal
from kubelab.apiserver.fieldmanager import typed
from kubelab.apiserver.fieldmanager.compare import Comparison, compare
from kubelab.apiserver.fieldmanager.fieldpath import Path, Set
from kubelab.apiserver.fieldmanager.typed import Schema


@dataclass(slots=True)
class VersionedSet:
    """Mirrors: fieldpath/managers.go :: VersionedSet"""

    set: Set
    api_version: str
    applied: bool


ManagedFields = dict[str, VersionedSet]


@dataclass(slots=True)
class Conflict:
    """Mirrors: merge/conflict.go :: Conflict"""

    manager: str
    path: Path


class Conflicts(Exception):
    """Fields an apply would change that other managers own.

    Mirrors: merge/conflict.go :: Conflicts
    """

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} conflicts")
        self.conflicts = conflicts


def conflicts_from_managers(sets: dict[str, Set]) -> Conflicts:
    """One conflict per owned path, managers in sorted order.

    Mirrors: merge/conflict.go :: ConflictsFromManagers
    """
    out = [Conflict(m, p) for m in sorted(sets) for p in sets[m].iterate()]
    return Conflicts(out)


@dataclass(slots=True)
class Updater:
    """Mirrors: merge/update.go :: Updater

    Differences: objects are not converted between versions; every manager's set is
    read against the one schema given.
    """

    schema: Schema | None
    ignored: Set | None = None

    def update(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        version: str,
        managers: ManagedFields,
        workflow: str,
        force: bool,
    ) -> tuple[ManagedFields, Comparison]:
        """Take from other managers what this write changed; drop what it removed.

        Mirrors: merge/update.go :: (*Updater).update
        """
        cmp = compare(old, new, self.schema).filter(self.ignored)
        changed = cmp.modified.union(cmp.added)
        conflicts: dict[str, Set] = {}
        for manager, vs in managers.items():
            if manager == workflow:
                continue
            hit = vs.set.intersection(changed)
            if not hit.empty():
                conflicts[manager] = hit
        if not force and conflicts:
            raise conflicts_from_managers(conflicts)
        out: ManagedFields = {}
        for manager, vs in managers.items():
            s = vs.set
            if manager != workflow:
                if manager in conflicts:
                    s = s.difference(conflicts[manager])
                s = s.difference(cmp.removed)
            if not s.empty():
                out[manager] = VersionedSet(s, vs.api_version, vs.applied)
        return out, cmp

    def update_object(
        self,
        live: dict[str, Any],
        new: dict[str, Any],
        version: str,
        managers: ManagedFields,
        manager: str,
    ) -> ManagedFields:
        """A non-apply write: ``manager`` owns what it changed.

        Mirrors: merge/update.go :: (*Updater).Update
        """
        managers, cmp = self.update(live, new, version, managers, manager, True)
        prev = managers[manager].set if manager in managers else Set()
        s = prev.difference(cmp.removed).union(cmp.modified).union(cmp.added)
        if self.ignored is not None:
            s = s.recursive_difference(self.ignored)
        managers = dict(managers)
        if s.empty():
            managers.pop(manager, None)
        else:
            managers[manager] = VersionedSet(s, version, False)
        return managers

    def apply(
        self,
        live: dict[str, Any],
        config: dict[str, Any],
        version: str,
        managers: ManagedFields,
        manager: str,
        force: bool,
    ) -> tuple[dict[str, Any] | None, ManagedFields]:
        """Merge ``config`` into ``live`` as ``manager``; None when the object is unchanged.

        Raises:
            Conflicts: ``force`` is False and other managers own changed fields.
            FieldSetError: the configuration has duplicate or keyless list items.

        Mirrors: merge/update.go :: (*Updater).Apply
        """
        config_set = typed.to_field_set(config, self.schema, strict=True)
        if self.ignored is not None:
            config_set = config_set.recursive_difference(self.ignored)
        new = typed.merge(live, config, self.schema)
        last = managers.get(manager)
        managers = dict(managers)
        managers[manager] = VersionedSet(config_set, version, True)
        new = self.prune(new, managers, manager, last)
        managers, _ = self.update(live, new, version, managers, manager, force)
        if json_equal(live, new):
            return None, managers
        return new, managers

    def prune(
        self,
        merged: dict[str, Any],
        managers: ManagedFields,
        applying: str,
        last: VersionedSet | None,
    ) -> dict[str, Any]:
        """Remove what the applier owned before and no longer applies, unless someone owns it.

        Mirrors: merge/update.go :: (*Updater).prune, addBackOwnedItems, addBackDanglingItems
        """
        if last is None or last.set.empty():
            return merged
        ensure = typed.ensure_named_fields_are_members
        last_e = ensure(last.set, self.schema)
        pruned = typed.remove_items(merged, last_e, self.schema)
        managed = Set()
        for vs in managers.values():
            managed = managed.union(vs.set)
        merged_set = ensure(typed.to_field_set(merged, self.schema), self.schema)
        pruned_set = ensure(typed.to_field_set(pruned, self.schema), self.schema)
        owned = pruned_set.union(ensure(managed, self.schema))
        pruned = typed.remove_items(merged, merged_set.difference(owned), self.schema)
        pruned_set = ensure(typed.to_field_set(pruned, self.schema), self.schema)
        dangling = merged_set.difference(pruned_set).intersection(last_e)
        return typed.remove_items(merged, dangling, self.schema)
