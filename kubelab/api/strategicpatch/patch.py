"""Applying a strategic merge patch: JSON merge patch plus list merge keys and directives.

A list field whose OpenAPI schema says ``x-kubernetes-patch-strategy: merge`` is merged
item by item (by ``x-kubernetes-patch-merge-key`` for objects, as a set for scalars);
every other list is replaced. The patch may carry the directives ``$patch``
(replace/merge/delete), ``$retainKeys``, ``$setElementOrder/<field>`` and
``$deleteFromPrimitiveList/<field>``. The Create* half is in ``create.py``.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubelab.api import errors
from kubelab.api.jsonpatch import go_json_type, new_unprocessable
from kubelab.api.strategicpatch import mergepatch as mp
from kubelab.api.strategicpatch import patch_lists as pl
from kubelab.api.strategicpatch.mergepatch import MergePatchError, go_sprint, go_type
from kubelab.api.strategicpatch.meta import Schema, items_schema, lookup_patch_metadata
from kubelab.api.strategicpatch.patch_lists import (
    _hkey,
    deduplicate_scalars,
    deep_equal,
    extract_key,
    extract_retain_keys_patch_strategy,
    extract_to_delete_items,
    find_map_in_slice_based_on_key_value,
    merge_key_value_equal,
    normalize_element_order,
    same,
    slice_element_type,
)


@dataclass(slots=True, frozen=True)
class MergeOptions:
    """Mirrors: strategicpatch/patch.go :: MergeOptions"""

    merge_parallel_list: bool = False
    ignore_unmatched_nulls: bool = False


# -- public entry point -----------------------------------------------------------------


def strategic_merge_patch(
    original: dict[str, Any], patch: Any, schema: Schema | None
) -> dict[str, Any]:
    """Apply a strategic merge patch to ``original`` as the API server does.

    ``schema`` is the kind's OpenAPI root schema (``openapi.for_kind(...)``); with
    None every list is replaced. Inputs are not mutated; the result shares untouched
    subtrees with them (copy before mutating it in place).

    Raises:
        BadRequest: a malformed body or directive (upstream's 400 sentinels).
        Invalid: 422 for lists of lists or content outside ``$retainKeys``.
        ApiError: 500 with upstream's text for any other patch error (for example a
            list item without its merge key).

    Mirrors: strategicpatch/patch.go :: StrategicMergeMapPatch, with
    apiserver/pkg/endpoints/handlers/patch.go :: interpretStrategicMergePatchError
    """
    if patch is None:
        patch = {}
    if not isinstance(patch, dict):
        raise errors.new_bad_request(
            f"json: cannot unmarshal {go_json_type(patch)} into Go value of type map[string]interface {{}}"
        )
    try:
        return strategic_merge_map_patch(original, patch, schema)
    except MergePatchError as e:
        raise interpret_strategic_merge_patch_error(e) from None


def strategic_merge_map_patch(
    original: dict[str, Any], patch: dict[str, Any], schema: Schema | None
) -> dict[str, Any]:
    """Mirrors: strategicpatch/patch.go :: StrategicMergeMapPatch (raises MergePatchError)"""
    opts = MergeOptions(merge_parallel_list=True, ignore_unmatched_nulls=True)
    return merge_map(original, patch, schema, opts)


def interpret_strategic_merge_patch_error(err: MergePatchError) -> errors.ApiError:
    """Mirrors: apiserver/pkg/endpoints/handlers/patch.go :: interpretStrategicMergePatchError"""
    msg = str(err)
    if msg in mp.BAD_REQUEST_ERRORS:
        return errors.new_bad_request(msg)
    if msg in mp.UNPROCESSABLE_ERRORS:
        return new_unprocessable(msg)
    # Any other error reaches the client as a plain 500 (metav1.StatusReasonUnknown).
    return errors.ApiError(errors.status(500, "", msg))


# -- merging ----------------------------------------------------------------------------


def validate_patch_with_set_order_list(patch_list: Any, set_order_list: Any, merge_key: str) -> None:
    """Mirrors: strategicpatch/patch.go :: validatePatchWithSetOrderList"""
    if not isinstance(set_order_list, list) or not isinstance(patch_list, list):
        raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST)
    if not set_order_list or not patch_list:
        return
    if merge_key:
        non_delete, _ = extract_to_delete_items(patch_list)
    else:
        non_delete = patch_list
    pi = si = 0
    while pi < len(non_delete) and si < len(set_order_list):
        item = non_delete[pi]
        if isinstance(item, dict) and pl.DIRECTIVE_MARKER in item:
            pi += 1
            continue
        if merge_key_value_equal(item, set_order_list[si], merge_key):
            pi += 1
        si += 1
    if pi < len(non_delete) and si >= len(set_order_list):
        raise MergePatchError(
            f"The order in patch list:\n{go_sprint(patch_list)}\n doesn't match "
            f"{pl.SET_ELEMENT_ORDER_DIRECTIVE_PREFIX} list:\n{go_sprint(set_order_list)}\n"
        )


def apply_retain_keys_directive(
    original: dict[str, Any], patch: dict[str, Any], options: MergeOptions
) -> None:
    """Drop from ``original`` the keys ``$retainKeys`` does not list (both are owned copies).

    Mirrors: strategicpatch/patch.go :: applyRetainKeysDirective
    """
    if pl.RETAIN_KEYS_DIRECTIVE not in patch:
        return
    retain = patch.pop(pl.RETAIN_KEYS_DIRECTIVE)
    if not options.merge_parallel_list:
        if pl.RETAIN_KEYS_DIRECTIVE in original:
            if not deep_equal(original[pl.RETAIN_KEYS_DIRECTIVE], retain):
                raise MergePatchError(
                    f"{go_sprint(original[pl.RETAIN_KEYS_DIRECTIVE])} and {go_sprint(retain)} are not deep "
                    "equal: this may happen when calculating the 3-way diff patch"
                )
        else:
            original[pl.RETAIN_KEYS_DIRECTIVE] = retain
        return
    if not isinstance(retain, list):
        raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS)
    keep: dict[Any, None] = {}
    for v in retain:
        try:
            keep[_hkey(v)] = None
        except TypeError:
            raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS) from None
    for k, v in patch.items():
        if (
            v is None
            or k.startswith(pl.DELETE_FROM_PRIMITIVE_LIST_DIRECTIVE_PREFIX)
            or k.startswith(pl.SET_ELEMENT_ORDER_DIRECTIVE_PREFIX)
        ):
            continue
        if _hkey(k) not in keep:
            raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS)
    for k in [k for k in original if _hkey(k) not in keep]:
        del original[k]


_ABSENT: Any = object()


def merge_patch_into_original(
    original: dict[str, Any], patch: dict[str, Any], schema: Schema | None, options: MergeOptions
) -> None:
    """Merge every list that has a ``$setElementOrder`` and put it in that order.

    Order precedence: ``$setElementOrder`` > order in the patch list > live order.
    Both maps are owned copies; merged entries are removed from ``patch``.

    Mirrors: strategicpatch/patch.go :: mergePatchIntoOriginal
    """
    for key in [k for k in patch if k.startswith(pl.SET_ELEMENT_ORDER_DIRECTIVE_PREFIX)]:
        order = patch[key]
        if not options.merge_parallel_list:
            if key in original:
                if not deep_equal(original[key], order):
                    raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST)
            else:
                original[key] = order
        del patch[key]
        if not isinstance(order, list):
            raise mp.err_bad_arg_type(pl.SLICE_TYPE, order)
        original_key = extract_key(key, pl.SET_ELEMENT_ORDER_DIRECTIVE_PREFIX)
        original_list = original.get(original_key, _ABSENT)
        patch_list = patch.get(original_key, _ABSENT)
        original_value: list[Any] = []
        patch_value: list[Any] = []
        if original_list is not _ABSENT:
            if not isinstance(original_list, list):
                raise mp.err_bad_arg_type(pl.SLICE_TYPE, original_list)
            original_value = original_list
        if patch_list is not _ABSENT:
            if not isinstance(patch_list, list):
                raise mp.err_bad_arg_type(pl.SLICE_TYPE, patch_list)
            patch_value = patch_list
        field, meta = lookup_patch_metadata(schema, original_key)
        _, strategy = extract_retain_keys_patch_strategy(meta.patch_strategies)
        merge_key = meta.patch_merge_key
        validate_patch_with_set_order_list(patch_value, order, merge_key)
        if original_list is not _ABSENT and patch_list is _ABSENT:
            merged = original_value
        elif original_list is _ABSENT and patch_list is not _ABSENT:
            merged = patch_value
        elif original_list is not _ABSENT:
            merged = merge_slice_handler(
                original_value, patch_value, field, strategy, merge_key, False, options
            )
        else:
            continue
        if not merge_key:
            patch_items, server_only = partition_primitives_by_present_in_list(merged, order)
        else:
            patch_items, server_only = partition_maps_by_present_in_list(merged, order, merge_key)
        kind = slice_element_type(original_value, patch_value)
        original[original_key] = normalize_element_order(
            patch_items, server_only, order, original_value, merge_key, kind
        )
        patch.pop(original_key, None)


def partition_primitives_by_present_in_list(
    original: list[Any], partition_by: list[Any]
) -> tuple[list[Any], list[Any]]:
    """Mirrors: strategicpatch/patch.go :: partitionPrimitivesByPresentInList"""
    present: dict[Any, None] = {}
    for v in partition_by:
        try:
            present[_hkey(v)] = None
        except TypeError:
            continue
    patch: list[Any] = []
    server_only: list[Any] = []
    for v in original:
        try:
            found = _hkey(v) in present
        except TypeError:
            found = False
        (patch if found else server_only).append(v)
    return patch, server_only


def partition_maps_by_present_in_list(
    original: list[Any], partition_by: list[Any], merge_key: str
) -> tuple[list[Any], list[Any]]:
    """Mirrors: strategicpatch/patch.go :: partitionMapsByPresentInList"""
    patch: list[Any] = []
    server_only: list[Any] = []
    for v in original:
        if not isinstance(v, dict):
            raise mp.err_bad_arg_type(pl.MAP_TYPE, v)
        if merge_key not in v:
            raise mp.err_no_merge_key(v, merge_key)
        _, _, found = find_map_in_slice_based_on_key_value(partition_by, merge_key, v[merge_key])
        (patch if found else server_only).append(v)
    return patch, server_only


def handle_directive_in_merge_map(directive: Any, patch: dict[str, Any]) -> dict[str, Any]:
    """Mirrors: strategicpatch/patch.go :: handleDirectiveInMergeMap"""
    if directive == pl.REPLACE_DIRECTIVE:
        return {k: v for k, v in patch.items() if k != pl.DIRECTIVE_MARKER}
    if directive == pl.DELETE_DIRECTIVE:
        return {}
    raise mp.err_bad_patch_type(directive, patch)


def merge_map(
    original: dict[str, Any] | None,
    patch: dict[str, Any],
    schema: Schema | None,
    options: MergeOptions,
) -> dict[str, Any]:
    """Merge ``patch`` into ``original``; neither is mutated.

    Mirrors: strategicpatch/patch.go :: mergeMap
    """
    if pl.DIRECTIVE_MARKER in patch:
        return handle_directive_in_merge_map(patch[pl.DIRECTIVE_MARKER], patch)
    original = {} if original is None else dict(original)
    patch = dict(patch)
    apply_retain_keys_directive(original, patch, options)
    merge_patch_into_original(original, patch, schema, options)
    for k, patch_v in patch.items():
        is_delete_list = False
        if k.startswith(pl.DELETE_FROM_PRIMITIVE_LIST_DIRECTIVE_PREFIX):
            if not options.merge_parallel_list:
                original[k] = patch_v
                continue
            k = extract_key(k, pl.DELETE_FROM_PRIMITIVE_LIST_DIRECTIVE_PREFIX)
            is_delete_list = True
        if patch_v is None:
            original.pop(k, None)
            if options.ignore_unmatched_nulls:
                continue
        if k not in original:
            original[k] = patch_v
            continue
        orig_v = original[k]
        if go_type(orig_v) != go_type(patch_v):
            original[k] = patch_v
            continue
        field, meta = lookup_patch_metadata(schema, k)
        _, strategy = extract_retain_keys_patch_strategy(meta.patch_strategies)
        if isinstance(orig_v, dict):
            original[k] = merge_map_handler(orig_v, patch_v, field, strategy, options)
        elif isinstance(orig_v, list):
            original[k] = merge_slice_handler(
                orig_v, patch_v, field, strategy, meta.patch_merge_key, is_delete_list, options
            )
        else:
            original[k] = patch_v
    return original


def merge_map_handler(
    original: dict[str, Any],
    patch: dict[str, Any],
    schema: Schema | None,
    strategy: str,
    options: MergeOptions,
) -> dict[str, Any]:
    """Mirrors: strategicpatch/patch.go :: mergeMapHandler"""
    if strategy != pl.REPLACE_DIRECTIVE:
        return merge_map(original, patch, schema, options)
    return patch


def merge_slice_handler(
    original: list[Any],
    patch: list[Any],
    schema: Schema | None,
    strategy: str,
    merge_key: str,
    is_delete_list: bool,
    options: MergeOptions,
) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: mergeSliceHandler"""
    if strategy == pl.MERGE_DIRECTIVE:
        return merge_slice(original, patch, items_schema(schema), merge_key, options, is_delete_list)
    return patch


def merge_slice(
    original: list[Any],
    patch: list[Any],
    elem_schema: Schema | None,
    merge_key: str,
    options: MergeOptions,
    is_delete_list: bool,
) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: mergeSlice"""
    if not original and not patch:
        return original
    kind = slice_element_type(original, patch)
    if kind != pl.MAP_TYPE:
        if options.merge_parallel_list and is_delete_list:
            return delete_from_slice(original, patch)
        merged = deduplicate_scalars(original + patch)
    else:
        if merge_key == "":
            raise MergePatchError("cannot merge lists without merge key for type struct")
        original, patch = merge_slice_with_special_elements(original, patch, merge_key)
        merged = merge_slice_without_special_elements(original, patch, merge_key, elem_schema, options)
    if not merge_key:
        patch_items, server_only = partition_primitives_by_present_in_list(merged, patch)
    else:
        patch_items, server_only = partition_maps_by_present_in_list(merged, patch, merge_key)
    return normalize_element_order(patch_items, server_only, patch, original, merge_key, kind)


def merge_slice_with_special_elements(
    original: list[Any], patch: list[Any], merge_key: str
) -> tuple[list[Any], list[Any]]:
    """Apply ``$patch: delete|replace`` items; return (original, patch without them).

    Mirrors: strategicpatch/patch.go :: mergeSliceWithSpecialElements
    """
    plain: list[Any] = []
    replace = False
    for v in patch:
        if pl.DIRECTIVE_MARKER not in v:
            plain.append(v)
            continue
        directive = v[pl.DIRECTIVE_MARKER]
        if directive == pl.DELETE_DIRECTIVE:
            if merge_key not in v:
                raise mp.err_no_merge_key(v, merge_key)
            original = delete_matching_entries(original, merge_key, v[merge_key])
        elif directive == pl.REPLACE_DIRECTIVE:
            replace = True
        elif directive == pl.MERGE_DIRECTIVE:
            raise MergePatchError("merging lists cannot yet be specified in the patch")
        else:
            raise mp.err_bad_patch_type(directive, v)
    if replace:
        return plain, []
    return original, plain


def delete_matching_entries(original: list[Any], merge_key: str, merge_value: Any) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: deleteMatchingEntries"""
    out: list[Any] = []
    for k, v in enumerate(original):
        if not isinstance(v, dict):
            raise MergePatchError(f"value for key {k} is not a map.")
        if not (merge_key in v and same(v[merge_key], merge_value)):
            out.append(v)
    return out


def merge_slice_without_special_elements(
    original: list[Any],
    patch: list[Any],
    merge_key: str,
    elem_schema: Schema | None,
    options: MergeOptions,
) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: mergeSliceWithoutSpecialElements"""
    out = list(original)
    for v in patch:
        if merge_key not in v:
            raise mp.err_no_merge_key(v, merge_key)
        found_map, idx, found = find_map_in_slice_based_on_key_value(out, merge_key, v[merge_key])
        if found:
            out[idx] = merge_map(found_map, v, elem_schema, options)
        else:
            out.append(v)
    return out


def delete_from_slice(current: list[Any], to_delete: list[Any]) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: deleteFromSlice"""
    gone: dict[Any, None] = {}
    for v in to_delete:
        try:
            gone[_hkey(v)] = None
        except TypeError:
            continue
    out: list[Any] = []
    for v in current:
        try:
            drop = _hkey(v) in gone
        except TypeError:
            drop = False
        if not drop:
            out.append(v)
    return out
