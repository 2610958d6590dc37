"""Computing strategic merge patches: the two-way diff and kubectl apply's three-way patch.

This is the Create* half of upstream's patch.go (the merging half is ``patch.py``).

Upstream: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from kubelab.api.strategicpatch import mergepatch as mp
from kubelab.api.strategicpatch import patch_lists as pl
from kubelab.api.strategicpatch.mergepatch import MergePatchError, go_sprint, go_type
from kubelab.api.strategicpatch.meta import Schema, items_schema, lookup_patch_metadata
from kubelab.api.strategicpatch.patch import MergeOptions, merge_map
from kubelab.api.strategicpatch.patch_lists import (
    deduplicate_and_sort_scalars,
    deduplicate_scalars,
    deep_equal,
    extract_retain_keys_patch_strategy,
    merge_key_value_equal,
    normalize_slice_order,
    slice_element_type,
    sort_scalars,
)

PreconditionFunc = Callable[[Any], bool]


@dataclass(slots=True, frozen=True)
class DiffOptions:
    """Mirrors: strategicpatch/patch.go :: DiffOptions"""

    set_element_order: bool = False
    ignore_changes_and_additions: bool = False
    ignore_deletions: bool = False
    build_retain_keys_directive: bool = False


def create_two_way_merge_patch(
    original: dict[str, Any] | None,
    modified: dict[str, Any] | None,
    schema: Schema | None,
    *fns: PreconditionFunc,
) -> dict[str, Any]:
    """The patch that turns ``original`` into ``modified`` when applied with StrategicMergePatch.

    Raises:
        MergePatchError: the documents cannot be diffed (e.g. a merge key is missing);
            PreconditionFailedError when a precondition rejects the patch.

    Mirrors: strategicpatch/patch.go :: CreateTwoWayMergeMapPatch
    """
    patch = diff_maps(original or {}, modified or {}, schema, DiffOptions(set_element_order=True))
    for fn in fns:
        if not fn(patch):
            raise mp.new_err_precondition_failed(patch)
    return patch


def create_three_way_merge_patch(
    original: dict[str, Any] | None,
    modified: dict[str, Any] | None,
    current: dict[str, Any] | None,
    schema: Schema | None,
    overwrite: bool = True,
    *fns: PreconditionFunc,
) -> dict[str, Any]:
    """Kubectl apply's patch: live-to-config changes plus deletions from the last-applied config.

    ``original`` is the last-applied configuration (the annotation), ``modified`` the
    new configuration and ``current`` the live object. Fields dropped from the
    configuration since the last apply are deleted; fields others set in the
    meantime and that the configuration never mentioned are kept.

    Raises:
        ConflictError: ``overwrite`` is False and the patch changes a field that
            changed differently from original to current.

    Mirrors: strategicpatch/patch.go :: CreateThreeWayMergePatch
    """
    original = original or {}
    modified = modified or {}
    current = current or {}
    delta = diff_maps(current, modified, schema, DiffOptions(ignore_deletions=True, set_element_order=True))
    deletions = diff_maps(
        original, modified, schema, DiffOptions(set_element_order=True, ignore_changes_and_additions=True)
    )
    patch = merge_map(deletions, delta, schema, MergeOptions())
    for fn in fns:
        if not fn(patch):
            raise mp.new_err_precondition_failed(patch)
    if not overwrite:
        changed = diff_maps(original, current, schema, DiffOptions())
        if merging_maps_have_conflicts(patch, changed, schema):
            raise mp.new_err_conflict(mp.to_yaml_or_error(patch), mp.to_yaml_or_error(changed))
    return patch


def diff_maps(
    original: dict[str, Any], modified: dict[str, Any], schema: Schema | None, opts: DiffOptions
) -> dict[str, Any]:
    """Mirrors: strategicpatch/patch.go :: diffMaps"""
    patch: dict[str, Any] = {}
    retain_keys: list[Any] = []
    for key, mod_v in modified.items():
        if opts.build_retain_keys_directive and mod_v is not None:
            retain_keys.append(key)
        if key not in original:
            if not opts.ignore_changes_and_additions:
                patch[key] = mod_v
            continue
        orig_v = original[key]
        if key == pl.DIRECTIVE_MARKER:
            if not isinstance(orig_v, str) or not isinstance(mod_v, str):
                raise MergePatchError(f"invalid value for special key: {pl.DIRECTIVE_MARKER}")
            if mod_v != orig_v:
                patch[key] = mod_v
            continue
        if go_type(orig_v) != go_type(mod_v):
            if not opts.ignore_changes_and_additions:
                patch[key] = mod_v
            continue
        if isinstance(orig_v, dict):
            handle_map_diff(key, orig_v, mod_v, patch, schema, opts)
        elif isinstance(orig_v, list):
            handle_slice_diff(key, orig_v, mod_v, patch, schema, opts)
        else:
            replace_patch_field_if_not_equal(key, orig_v, mod_v, patch, opts)
    if not opts.ignore_deletions:
        for key in original:
            if key not in modified:
                patch[key] = None
    if retain_keys and (patch or has_additional_new_field(original, modified)):
        patch[pl.RETAIN_KEYS_DIRECTIVE] = sort_scalars(retain_keys)
    return patch


def handle_map_diff(
    key: str,
    original: dict[str, Any],
    modified: dict[str, Any],
    patch: dict[str, Any],
    schema: Schema | None,
    opts: DiffOptions,
) -> None:
    """Mirrors: strategicpatch/patch.go :: handleMapDiff"""
    field, meta = lookup_patch_metadata(schema, key)
    retain, strategy = extract_retain_keys_patch_strategy(meta.patch_strategies)
    opts = replace(opts, build_retain_keys_directive=retain)
    if strategy == pl.REPLACE_DIRECTIVE:
        if not opts.ignore_changes_and_additions:
            patch[key] = modified
        return
    value = diff_maps(original, modified, field, opts)
    if value:
        patch[key] = value


def handle_slice_diff(
    key: str,
    original: list[Any],
    modified: list[Any],
    patch: dict[str, Any],
    schema: Schema | None,
    opts: DiffOptions,
) -> None:
    """Mirrors: strategicpatch/patch.go :: handleSliceDiff"""
    field, meta = lookup_patch_metadata(schema, key)
    retain, strategy = extract_retain_keys_patch_strategy(meta.patch_strategies)
    if strategy != pl.MERGE_DIRECTIVE:
        replace_patch_field_if_not_equal(key, original, modified, patch, opts)
        return
    opts = replace(opts, build_retain_keys_directive=retain)
    add, deletions, order = diff_lists(original, modified, items_schema(field), meta.patch_merge_key, opts)
    if add:
        patch[key] = add
    if deletions:
        patch[f"{pl.DELETE_FROM_PRIMITIVE_LIST_DIRECTIVE_PREFIX}/{key}"] = deletions
    if order:
        patch[f"{pl.SET_ELEMENT_ORDER_DIRECTIVE_PREFIX}/{key}"] = order


def replace_patch_field_if_not_equal(
    key: str, original: Any, modified: Any, patch: dict[str, Any], opts: DiffOptions
) -> None:
    """Mirrors: strategicpatch/patch.go :: replacePatchFieldIfNotEqual"""
    if opts.ignore_changes_and_additions or deep_equal(original, modified):
        return
    patch[key] = modified


def has_additional_new_field(original: dict[str, Any], modified: dict[str, Any]) -> bool:
    """Mirrors: strategicpatch/patch.go :: hasAdditionalNewField"""
    return any(v is not None and k not in modified for k, v in original.items())


def diff_lists(
    original: list[Any],
    modified: list[Any],
    elem_schema: Schema | None,
    merge_key: str,
    opts: DiffOptions,
) -> tuple[list[Any] | None, list[Any] | None, list[Any] | None]:
    """(additions and changes, parallel deletions of scalars, ``$setElementOrder`` list).

    Mirrors: strategicpatch/patch.go :: diffLists
    """
    if not original:
        if not modified or opts.ignore_changes_and_additions:
            return None, None, None
        return modified, None, None
    kind = slice_element_type(original, modified)
    order: list[Any] | None = None
    if kind == pl.MAP_TYPE:
        patch_list, deletions = diff_lists_of_maps(original, modified, elem_schema, merge_key, opts)
        patch_list = normalize_slice_order(patch_list, modified, merge_key, kind)
        order_same = is_order_same(original, modified, merge_key)
        patch_list = patch_list + deletions
        if opts.set_element_order and (
            (not opts.ignore_changes_and_additions and (patch_list or not order_same))
            or (not opts.ignore_deletions and patch_list)
        ):
            order = [{merge_key: v[merge_key]} for v in modified]
        return patch_list, None, order
    patch_list, scalar_deletions = diff_lists_of_scalars(original, modified, opts)
    patch_list = normalize_slice_order(patch_list, modified, merge_key, kind)
    # Upstream sorts the original list in place while diffing, and compares the sorted
    # copy below: an order-only change of a scalar list emits no $setElementOrder.
    if opts.set_element_order and (
        (not opts.ignore_deletions and scalar_deletions)
        or (not opts.ignore_changes_and_additions and not deep_equal(sort_scalars(original), modified))
    ):
        order = modified
    return patch_list, scalar_deletions, order


def is_order_same(original: list[Any], modified: list[Any], merge_key: str) -> bool:
    """Mirrors: strategicpatch/patch.go :: isOrderSame"""
    if len(original) != len(modified):
        return False
    return all(merge_key_value_equal(o, m, merge_key) for o, m in zip(original, modified))


def diff_lists_of_scalars(
    original: list[Any], modified: list[Any], opts: DiffOptions
) -> tuple[list[Any], list[Any]]:
    """Mirrors: strategicpatch/patch.go :: diffListsOfScalars"""
    orig = sort_scalars(original)
    mod = sort_scalars(modified)
    i = j = 0
    add: list[Any] = []
    deletions: list[Any] = []
    while i < len(orig) or j < len(mod):
        o_in, m_in = i < len(orig), j < len(mod)
        o_s = go_sprint(orig[i]) if o_in else ""
        m_s = go_sprint(mod[j]) if m_in else ""
        if o_in and m_in and o_s == m_s:
            i += 1
            j += 1
        elif not o_in or (m_in and o_s > m_s):
            if not opts.ignore_changes_and_additions:
                add.append(mod[j])
            j += 1
        else:
            if not opts.ignore_deletions:
                deletions.append(orig[i])
            i += 1
    return add, deduplicate_scalars(deletions)


def diff_lists_of_maps(
    original: list[Any],
    modified: list[Any],
    elem_schema: Schema | None,
    merge_key: str,
    opts: DiffOptions,
) -> tuple[list[Any], list[Any]]:
    """Mirrors: strategicpatch/patch.go :: diffListsOfMaps"""
    orig = sort_merge_lists_by_name_array(original, merge_key)
    mod = sort_merge_lists_by_name_array(modified, merge_key)
    patch: list[Any] = []
    deletions: list[Any] = []
    i = j = 0
    while i < len(orig) or j < len(mod):
        o_in, m_in = i < len(orig), j < len(mod)
        o_el = o_val = m_el = m_val = None
        o_s = m_s = ""
        if o_in:
            o_el, o_val = _map_and_merge_key_value(orig[i], merge_key)
            o_s = go_sprint(o_val)
        if m_in:
            m_el, m_val = _map_and_merge_key_value(mod[j], merge_key)
            m_s = go_sprint(m_val)
        if o_in and m_in and o_s == m_s:
            value = diff_maps(o_el or {}, m_el or {}, elem_schema, opts)
            if value:
                value[merge_key] = m_val
                patch.append(value)
            i += 1
            j += 1
        elif not o_in or (m_in and o_s > m_s):
            if not opts.ignore_changes_and_additions:
                patch.append(m_el)
            j += 1
        else:
            if not opts.ignore_deletions:
                deletions.append({merge_key: o_val, pl.DIRECTIVE_MARKER: pl.DELETE_DIRECTIVE})
            i += 1
    return patch, deletions


def _map_and_merge_key_value(item: Any, merge_key: str) -> tuple[dict[str, Any], Any]:
    """Mirrors: strategicpatch/patch.go :: getMapAndMergeKeyValueByIndex"""
    if not isinstance(item, dict):
        raise mp.err_bad_arg_type(pl.MAP_TYPE, item)
    if merge_key not in item:
        raise mp.err_no_merge_key(item, merge_key)
    return item, item[merge_key]


def sort_merge_lists_by_name_array(s: list[Any], merge_key: str) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: sortMergeListsByNameArray (recurse=false)"""
    if not s:
        return s
    if slice_element_type(s) != pl.MAP_TYPE:
        return deduplicate_and_sort_scalars(s)
    return sorted(s, key=lambda m: go_sprint(m.get(merge_key)))


# -- conflicts (overwrite=false) --------------------------------------------------------


def merging_maps_have_conflicts(
    left: dict[str, Any], right: dict[str, Any], schema: Schema | None
) -> bool:
    """True if the two patches set an overlapping key to different values.

    Mirrors: strategicpatch/patch.go :: MergingMapsHaveConflicts
    """
    return merging_map_fields_have_conflicts(left, right, schema, "", "")


def merging_map_fields_have_conflicts(
    left: Any, right: Any, schema: Schema | None, strategy: str, merge_key: str
) -> bool:
    """Mirrors: strategicpatch/patch.go :: mergingMapFieldsHaveConflicts"""
    if isinstance(left, dict):
        if not isinstance(right, dict):
            return True
        l_has, r_has = pl.DIRECTIVE_MARKER in left, pl.DIRECTIVE_MARKER in right
        if l_has or r_has:
            if l_has != r_has:
                return True
            if not deep_equal(left[pl.DIRECTIVE_MARKER], right[pl.DIRECTIVE_MARKER]):
                return True
        if strategy == pl.REPLACE_DIRECTIVE:
            return False
        return maps_have_conflicts(left, right, schema)
    if isinstance(left, list):
        if not isinstance(right, list):
            return True
        return slices_have_conflicts(left, right, schema, strategy, merge_key)
    return not deep_equal(left, right)


def maps_have_conflicts(left: dict[str, Any], right: dict[str, Any], schema: Schema | None) -> bool:
    """Mirrors: strategicpatch/patch.go :: mapsHaveConflicts"""
    for key, lv in left.items():
        if key in (pl.DIRECTIVE_MARKER, pl.RETAIN_KEYS_DIRECTIVE) or key not in right:
            continue
        field, meta = lookup_patch_metadata(schema, key)
        _, strategy = extract_retain_keys_patch_strategy(meta.patch_strategies)
        if merging_map_fields_have_conflicts(lv, right[key], field, strategy, meta.patch_merge_key):
            return True
    return False


def slices_have_conflicts(
    left: list[Any], right: list[Any], schema: Schema | None, strategy: str, merge_key: str
) -> bool:
    """Mirrors: strategicpatch/patch.go :: slicesHaveConflicts"""
    kind = slice_element_type(left, right)
    elem = items_schema(schema)
    if strategy == pl.MERGE_DIRECTIVE:
        if kind != pl.MAP_TYPE:
            return False
        lm = _slice_of_maps_to_map_of_maps(left, merge_key)
        rm = _slice_of_maps_to_map_of_maps(right, merge_key)
        return any(
            k in rm and merging_map_fields_have_conflicts(v, rm[k], elem, "", "") for k, v in lm.items()
        )
    if len(left) != len(right):
        return True
    if kind != pl.MAP_TYPE:
        left = deduplicate_and_sort_scalars(left)
        right = deduplicate_and_sort_scalars(right)
    return any(merging_map_fields_have_conflicts(a, b, elem, "", "") for a, b in zip(left, right))


def _slice_of_maps_to_map_of_maps(s: list[Any], merge_key: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for v in s:
        if not isinstance(v, dict):
            raise MergePatchError(f"invalid element type in merging list:{go_sprint(s)}")
        if merge_key not in v:
            raise MergePatchError(
                f"cannot find merge key `{merge_key}` in merging list element:{go_sprint(v)}"
            )
        out[go_sprint(v[merge_key])] = v
    return out
