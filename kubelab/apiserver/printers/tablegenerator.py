"""Server-side tables: the metav1.Table kube-apiserver returns for ``Accept: ...;as=Table``.

The kinds with a printer get their columns (always generated wide, as the API server
does); every other kind gets the default NAME / CREATED AT table. The row objects are
then reduced to what ``includeObject`` asks for.

Upstream: pkg/printers/tablegenerator.go :: (*HumanReadableGenerator).GenerateTable,
pkg/printers/storage/storage.go :: TableConvertor.ConvertToTable,
staging/src/k8s.io/apiserver/pkg/registry/rest/table.go :: defaultTableConvertor.ConvertToTable,
staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go :: asTable
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from kubelab.api import errors
from kubelab.api.scheme import ResourceInfo
from kubelab.apiserver.printers.common import GenerateOptions, Obj, Row, meta
from kubelab.apiserver.printers.handlers import Column, column, doc, handler_columns, print_func
from kubelab.engine import clock

INCLUDE_NONE = "None"
INCLUDE_METADATA = "Metadata"
INCLUDE_OBJECT = "Object"

_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
_GO_ZERO_TIME = "0001-01-01T00:00:00Z"


def default_column_definitions() -> list[Column]:
    """NAME and CREATED AT: the table of kinds without a printer (roles, limit ranges, reviews)."""
    return [column("Name", "string", doc(_META, "name"), 0, "name"),
            column("Created At", "date", doc(_META, "creationTimestamp"))]


def column_definitions(resource_info: ResourceInfo) -> list[dict[str, Any]]:
    """Every column (default and wide) the server sends for a resource.

    Mirrors: the column definitions registered by pkg/printers/internalversion/printers.go ::
    AddHandlers, or those of apiserver/pkg/registry/rest/table.go :: defaultTableConvertor
    """
    cols = handler_columns(resource_info.group, resource_info.kind)
    if cols is None:
        return default_column_definitions()
    return [dict(c) for c in cols]


def _default_rows(objects: Sequence[Obj]) -> list[Row]:
    rows = []
    for obj in objects:
        ts = clock.parse(meta(obj).get("creationTimestamp"))
        created = _GO_ZERO_TIME if ts is None else clock.rfc3339(ts)
        rows.append({"cells": [meta(obj).get("name", ""), created], "object": obj})
    return rows


def generate_table(resource_info: ResourceInfo, objects: Sequence[Obj], options: GenerateOptions) -> dict[str, Any]:
    """Columns and rows for ``objects``; the rows still carry the full objects.

    Mirrors: pkg/printers/tablegenerator.go :: (*HumanReadableGenerator).GenerateTable and
    apiserver/pkg/registry/rest/table.go :: defaultTableConvertor.ConvertToTable
    """
    printer = print_func(resource_info.group, resource_info.kind)
    if printer is None:
        rows = _default_rows(objects)
        cols: list[Column] | None = None if options.no_headers else default_column_definitions()
        return {"columnDefinitions": cols, "rows": rows}
    rows = []
    for obj in objects:
        for r in printer(obj, options):
            r["object"] = obj
            rows.append(r)
    cols = None
    if not options.no_headers:
        cols = [dict(c) for c in handler_columns(resource_info.group, resource_info.kind) or ()
                if options.wide or c["priority"] == 0]
    return {"columnDefinitions": cols, "rows": rows}


def as_partial_object_metadata(obj: Obj, copy_objects: bool = True) -> dict[str, Any]:
    """Mirrors: apimachinery/pkg/api/meta/meta.go :: AsPartialObjectMetadata (as meta.k8s.io/v1)"""
    m = meta(obj)
    return {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
            "metadata": copy.deepcopy(dict(m)) if copy_objects else m}


def _full_object(resource_info: ResourceInfo, obj: Obj, copy_objects: bool = True) -> dict[str, Any]:
    out = copy.deepcopy(dict(obj)) if copy_objects else dict(obj)
    out.setdefault("kind", resource_info.kind)
    out.setdefault("apiVersion", resource_info.api_version)
    return out


def _split_input(objects: Any) -> tuple[list[Obj], Mapping[str, Any]]:
    """A list of objects, a List (``items``) or one object -> (objects, list or object metadata)."""
    if isinstance(objects, Mapping):
        if "items" in objects:
            return list(objects.get("items") or []), objects.get("metadata") or {}
        return [objects], objects.get("metadata") or {}
    return list(objects), {}


def to_table(resource_info: ResourceInfo, objects: Any, now: float, *, include_object: str = INCLUDE_METADATA,
             resource_version: str | None = None, continue_: str | None = None,
             no_headers: bool = False, copy_objects: bool = True) -> dict[str, Any]:
    """The metav1.Table kube-apiserver answers a Table request with.

    Args:
        resource_info: the resource listed or got.
        objects: the objects in wire shape: a list, a List dict (its ``metadata`` gives the
            table's resourceVersion and continue) or a single object (a GET).
        now: simulated seconds, for AGE and the other durations.
        include_object: ``None``, ``Metadata`` (PartialObjectMetadata, the default) or ``Object``.
        resource_version: the table's resourceVersion when ``objects`` does not carry it.
        continue_: the table's continue token, likewise.
        no_headers: leave out the column definitions (``TableOptions.noHeaders``).
        copy_objects: copy what the rows carry; False shares it, for a caller that owns the
            objects (the HTTP front answers with objects the handler chain copied for it).

    Raises:
        BadRequest: for an unknown ``include_object``, with upstream's message.

    Mirrors: apiserver/pkg/endpoints/handlers/response.go :: asTable over
    pkg/printers/storage/storage.go :: TableConvertor.ConvertToTable (always Wide)
    """
    if include_object not in (INCLUDE_NONE, INCLUDE_METADATA, INCLUDE_OBJECT, ""):
        raise errors.new_bad_request(f'unrecognized includeObject value: "{include_object}"')
    items, source_meta = _split_input(objects)
    table = generate_table(resource_info, items, GenerateOptions(now=now, wide=True, no_headers=no_headers))
    for r in table["rows"]:
        obj = r.pop("object")
        if include_object == INCLUDE_OBJECT:
            r["object"] = _full_object(resource_info, obj, copy_objects)
        elif include_object == INCLUDE_NONE:
            r["object"] = None
        else:
            r["object"] = as_partial_object_metadata(obj, copy_objects)
    list_meta: dict[str, Any] = {}
    rv = resource_version if resource_version is not None else source_meta.get("resourceVersion", "")
    if rv:
        list_meta["resourceVersion"] = str(rv)
    cont = continue_ if continue_ is not None else source_meta.get("continue", "")
    if cont:
        list_meta["continue"] = cont
    remaining = source_meta.get("remainingItemCount")
    if remaining is not None:
        list_meta["remainingItemCount"] = remaining
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": list_meta,
            "columnDefinitions": table["columnDefinitions"], "rows": table["rows"]}
