"""ObjectMeta validation every kind shares, and the name rules each kind picks from.

Upstream: staging/src/k8s.io/apimachinery/pkg/api/validation/{objectmeta.go,generic.go},
staging/src/k8s.io/apimachinery/pkg/api/validation/path/name.go,
staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (managedFields)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt

FIELD_IMMUTABLE_ERROR_MSG = "field is immutable"
IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0"
TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10)  # 256 kB
FIELD_MANAGER_MAX_LENGTH = 128
MAX_SUBRESOURCE_NAME_LENGTH = 256

FINALIZER_ORPHAN_DEPENDENTS = "orphan"
FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion"

# Kinds that may never own another object: (group, version, kind).
BANNED_OWNERS = frozenset({("", "v1", "Event")})

NameFunc = Callable[[str, bool], list[str]]


# -- name rules (generic.go, path/name.go) ------------------------------------------------------


def mask_trailing_dash(name: str) -> str:
    """Mirrors: apimachinery/pkg/api/validation/generic.go :: maskTrailingDash"""
    if len(name) > 1 and name.endswith("-"):
        return name[:-2] + "a"
    return name


def name_is_dns_subdomain(name: str, prefix: bool) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validation/generic.go :: NameIsDNSSubdomain"""
    if prefix:
        name = mask_trailing_dash(name)
    return g.is_dns1123_subdomain(name)


def name_is_dns_label(name: str, prefix: bool) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validation/generic.go :: NameIsDNSLabel"""
    if prefix:
        name = mask_trailing_dash(name)
    return g.is_dns1123_label(name)


def name_is_dns1035_label(name: str, prefix: bool) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validation/generic.go :: NameIsDNS1035Label"""
    if prefix:
        name = mask_trailing_dash(name)
    return g.is_dns1035_label(name)


validate_namespace_name = name_is_dns_label
validate_service_account_name = name_is_dns_subdomain

NAME_MAY_NOT_BE = (".", "..")
NAME_MAY_NOT_CONTAIN = ("/", "%")


def is_valid_path_segment_name(name: str) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validation/path/name.go :: IsValidPathSegmentName"""
    for illegal in NAME_MAY_NOT_BE:
        if name == illegal:
            return [f"may not be '{illegal}'"]
    return [f"may not contain '{c}'" for c in NAME_MAY_NOT_CONTAIN if c in name]


def validate_path_segment_name(name: str, prefix: bool) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validation/path/name.go :: ValidatePathSegmentName"""
    if prefix:
        return [f"may not contain '{c}'" for c in NAME_MAY_NOT_CONTAIN if c in name]
    return is_valid_path_segment_name(name)


# -- small shared checks ----------------------------------------------------------------------


def validate_nonnegative_field(value: int, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/generic.go :: ValidateNonnegativeField"""
    if value < 0:
        return [field.invalid(path, value, IS_NEGATIVE_ERROR_MSG)]
    return []


def semantic_equal(a: Any, b: Any) -> bool:
    """Deep equality where a missing value, null, ``{}`` and ``[]`` are the same.

    Mirrors: apimachinery/pkg/api/equality :: Semantic.DeepEqual

    Differences: wire dicts carry no Go types, so an omitted field equals an empty
    collection or null; quantities compare as written.
    """
    if a is b:
        return True
    # Fast paths for two values of one exact type; mixed types take the general rules.
    t = a.__class__
    if t is b.__class__:
        if t is str or t is int or t is float:
            return bool(a == b)
        if t is dict:
            for k, v in a.items():
                w = b.get(k)
                if v is not w and not semantic_equal(v, w):
                    return False
            for k, w in b.items():
                if k not in a and w is not None and not semantic_equal(None, w):
                    return False
            return True
        if t is list:
            if len(a) != len(b):
                return False
            for x, y in zip(a, b):
                if x is not y and not semantic_equal(x, y):
                    return False
            return True
    return _semantic_equal_step(a, b, semantic_equal)


def semantic_equal_reference(a: Any, b: Any) -> bool:
    """``semantic_equal`` as the rules read, without its fast paths (the property tests' oracle)."""
    return a is b or _semantic_equal_step(a, b, semantic_equal_reference)


def _semantic_equal_step(a: Any, b: Any, inner: Callable[[Any, Any], bool]) -> bool:
    if _empty(a) and _empty(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        for k in {**a, **b}:
            if not inner(a.get(k), b.get(k)):
                return False
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(inner(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, dict | list) and not v)


def validate_immutable_field(new: Any, old: Any, path: str, shown: Any = None) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateImmutableField

    ``shown`` is the bad value to print when the Go value renders differently from the wire value.
    """
    if not semantic_equal(old, new):
        return [field.invalid(path, new if shown is None else shown, FIELD_IMMUTABLE_ERROR_MSG)]
    return []


# -- annotations, owner references, finalizers --------------------------------------------------


def validate_annotations(annotations: dict[str, str] | None, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateAnnotations

    Differences: keys are checked in sorted order (Go ranges over the map at random).
    """
    if not annotations:
        return []
    errs: ErrorList = []
    total = 0
    for k in sorted(annotations):
        for msg in g.is_qualified_name(k.lower()):
            errs.append(field.invalid(path, k, msg))
        v = annotations[k]
        total += len(k.encode()) + len(str(v).encode())
    if total > TOTAL_ANNOTATION_SIZE_LIMIT_B:
        errs.append(field.too_long(path, "", TOTAL_ANNOTATION_SIZE_LIMIT_B))
    return errs


def _parse_group_version(api_version: str) -> tuple[str, str] | None:
    if not api_version or api_version == "/":
        return "", ""
    n = api_version.count("/")
    if n == 0:
        return "", api_version
    if n == 1:
        grp, _, ver = api_version.partition("/")
        return grp, ver
    return None


def validate_owner_reference(ref: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: validateOwnerReference"""
    errs: ErrorList = []
    api_version = ref.get("apiVersion", "") or ""
    kind = ref.get("kind", "") or ""
    gv = _parse_group_version(api_version)
    group, version = gv if gv is not None else ("", "")
    if not version:
        errs.append(field.invalid(f"{path}.apiVersion", api_version, "version must not be empty"))
    if not kind:
        errs.append(field.invalid(f"{path}.kind", kind, "must not be empty"))
    if not ref.get("name"):
        errs.append(field.invalid(f"{path}.name", ref.get("name", ""), "must not be empty"))
    if not ref.get("uid"):
        errs.append(field.invalid(f"{path}.uid", ref.get("uid", ""), "must not be empty"))
    if (group, version, kind) in BANNED_OWNERS:
        errs.append(
            field.invalid(
                path, gofmt.GoRepr(gofmt.owner_reference(ref)), f"{group}/{version}, Kind={kind} is disallowed from being an owner"
            )
        )
    return errs


def validate_owner_references(refs: list[dict[str, Any]] | None, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateOwnerReferences"""
    if not refs:
        return []
    errs: ErrorList = []
    first = ""
    for ref in refs:
        errs.extend(validate_owner_reference(ref, path))
        if ref.get("controller") is True:
            cur = f"{ref.get('kind', '')}/{ref.get('name', '')}"
            if first:
                errs.append(
                    field.invalid(
                        path,
                        gofmt.owner_references(refs),
                        "Only one reference can have Controller set to true. "
                        f'Found "true" in references for {first} and {cur}',
                    )
                )
            else:
                first = cur
    return errs


def validate_finalizer_name(name: str, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateFinalizerName"""
    return [field.invalid(path, name, msg) for msg in g.is_qualified_name(name)]


def validate_no_new_finalizers(new: list[str] | None, old: list[str] | None, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateNoNewFinalizers"""
    extra = sorted(set(new or ()) - set(old or ()))
    if extra:
        return [
            field.forbidden(
                path,
                "no new finalizers can be added if the object is being deleted, found new finalizers "
                + gofmt.string_slice(extra),
            )
        ]
    return []


def validate_finalizers(finalizers: list[str] | None, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateFinalizers"""
    if not finalizers:
        return []
    errs: ErrorList = []
    orphan = delete = False
    for f in finalizers:
        errs.extend(validate_finalizer_name(f, path))
        orphan = orphan or f == FINALIZER_ORPHAN_DEPENDENTS
        delete = delete or f == FINALIZER_DELETE_DEPENDENTS
    if orphan and delete:
        errs.append(
            field.invalid(
                path,
                gofmt.GoRepr(gofmt.string_slice(finalizers)),
                f"finalizer {FINALIZER_ORPHAN_DEPENDENTS} and {FINALIZER_DELETE_DEPENDENTS} cannot be both set",
            )
        )
    return errs


def validate_managed_fields(entries: list[dict[str, Any]] | None, path: str) -> ErrorList:
    """Mirrors: apimachinery/pkg/apis/meta/v1/validation/validation.go :: ValidateManagedFields"""
    if not entries:
        return []
    errs: ErrorList = []
    for i, e in enumerate(entries):
        p = f"{path}[{i}]"
        op = e.get("operation", "")
        if op not in ("Apply", "Update"):
            errs.append(field.invalid(f"{p}.operation", op, "must be `Apply` or `Update`"))
        ft = e.get("fieldsType", "")
        if ft and ft != "FieldsV1":
            errs.append(field.invalid(f"{p}.fieldsType", ft, "must be `FieldsV1`"))
        if len(e.get("manager", "") or "") > FIELD_MANAGER_MAX_LENGTH:
            errs.append(field.too_long(f"{p}.manager", "", FIELD_MANAGER_MAX_LENGTH))
        sub = e.get("subresource", "") or ""
        if len(sub) > MAX_SUBRESOURCE_NAME_LENGTH:
            errs.append(field.too_long(f"{p}.subresource", sub, MAX_SUBRESOURCE_NAME_LENGTH))
    return errs


# -- ObjectMeta ---------------------------------------------------------------------------------


def _common(meta: dict[str, Any], namespaced: bool, path: str) -> ErrorList:
    errs: ErrorList = []
    ns = meta.get("namespace") or ""
    if namespaced:
        if not ns:
            errs.append(field.required(f"{path}.namespace", ""))
        else:
            errs.extend(field.invalid(f"{path}.namespace", ns, m) for m in validate_namespace_name(ns, False))
    elif ns:
        errs.append(field.forbidden(f"{path}.namespace", "not allowed on this type"))
    errs.extend(validate_nonnegative_field(meta.get("generation") or 0, f"{path}.generation"))
    labels = meta.get("labels")
    if labels:
        errs.extend(g.validate_labels(labels, f"{path}.labels"))
    errs.extend(validate_annotations(meta.get("annotations"), f"{path}.annotations"))
    errs.extend(validate_owner_references(meta.get("ownerReferences"), f"{path}.ownerReferences"))
    errs.extend(validate_finalizers(meta.get("finalizers"), f"{path}.finalizers"))
    errs.extend(validate_managed_fields(meta.get("managedFields"), f"{path}.managedFields"))
    return errs


def validate_object_meta(meta: dict[str, Any] | None, namespaced: bool, name_fn: NameFunc, path: str = "metadata") -> ErrorList:
    """Validate metadata on create (name generation has already happened).

    Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateObjectMeta (ValidateObjectMetaAccessor)
    """
    meta = meta or {}
    errs: ErrorList = []
    gen = meta.get("generateName") or ""
    if gen:
        errs.extend(field.invalid(f"{path}.generateName", gen, m) for m in name_fn(gen, True))
    name = meta.get("name") or ""
    if not name:
        errs.append(field.required(f"{path}.name", "name or generateName is required"))
    else:
        errs.extend(field.invalid(f"{path}.name", name, m) for m in name_fn(name, False))
    errs.extend(_common(meta, namespaced, path))
    return errs


def validate_object_meta_update(new: dict[str, Any] | None, old: dict[str, Any] | None, path: str = "metadata") -> ErrorList:
    """Mirrors: apimachinery/pkg/api/validation/objectmeta.go :: ValidateObjectMetaUpdate (ValidateObjectMetaAccessorUpdate)"""
    new = new or {}
    old = old or {}
    errs: ErrorList = []
    if old.get("deletionTimestamp"):
        errs.extend(validate_no_new_finalizers(new.get("finalizers"), old.get("finalizers"), f"{path}.finalizers"))
    rv = new.get("resourceVersion") or ""
    if not rv:
        errs.append(field.invalid(f"{path}.resourceVersion", rv, "must be specified for an update"))
    if (new.get("generation") or 0) < (old.get("generation") or 0):
        errs.append(field.invalid(f"{path}.generation", new.get("generation") or 0, "must not be decremented"))
    for key in ("name", "namespace", "uid"):
        nv, ov = new.get(key) or "", old.get(key) or ""
        if nv != ov:
            errs.append(field.invalid(f"{path}.{key}", nv, FIELD_IMMUTABLE_ERROR_MSG))
    for key in ("creationTimestamp", "deletionTimestamp"):
        nv, ov = new.get(key), old.get(key)
        if (nv or None) != (ov or None):
            shown = gofmt.go_time(nv) if nv else (None if key == "deletionTimestamp" else gofmt.GoRepr("0001-01-01 00:00:00 +0000 UTC"))
            errs.append(field.invalid(f"{path}.{key}", shown, FIELD_IMMUTABLE_ERROR_MSG))
    nv, ov = new.get("deletionGracePeriodSeconds"), old.get("deletionGracePeriodSeconds")
    if nv != ov:
        errs.append(field.invalid(f"{path}.deletionGracePeriodSeconds", nv, FIELD_IMMUTABLE_ERROR_MSG))
    labels = new.get("labels")
    if labels:
        errs.extend(g.validate_labels(labels, f"{path}.labels"))
    errs.extend(validate_annotations(new.get("annotations"), f"{path}.annotations"))
    errs.extend(validate_owner_references(new.get("ownerReferences"), f"{path}.ownerReferences"))
    errs.extend(validate_managed_fields(new.get("managedFields"), f"{path}.managedFields"))
    return errs
