"""List helpers of strategic merge patch: Go value equality, sorting, and element order.

These keep upstream's exact orders: ``$setElementOrder`` first, then the patch list's
order, then the live list's, and Go's ``%v`` text for sorting scalars.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api.strategicpatch import mergepatch as mp
from kubelab.api.strategicpatch.mergepatch import MergePatchError, go_sprint, go_type

DIRECTIVE_MARKER = "$patch"
DELETE_DIRECTIVE = "delete"
REPLACE_DIRECTIVE = "replace"
MERGE_DIRECTIVE = "merge"
RETAIN_KEYS_STRATEGY = "retainKeys"
DELETE_FROM_PRIMITIVE_LIST_DIRECTIVE_PREFIX = "$deleteFromPrimitiveList"
RETAIN_KEYS_DIRECTIVE = "$" + RETAIN_KEYS_STRATEGY
SET_ELEMENT_ORDER_DIRECTIVE_PREFIX = "$setElementOrder"

MAP_TYPE = "map[string]interface {}"
SLICE_TYPE = "[]interface {}"


def same(a: Any, b: Any) -> bool:
    """Go's ``==`` on two interface{} scalars: same dynamic type and value."""
    return type(a) is type(b) and a == b


def deep_equal(a: Any, b: Any) -> bool:
    """``reflect.DeepEqual`` on decoded JSON (int64 never equals float64)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        if len(a) != len(b):
            return False
        return all(k in b and deep_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(deep_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _hkey(v: Any) -> Any:
    return (type(v).__name__, v)


def slice_element_type(*slices: list[Any]) -> str:
    """The one element type of the slices (an error if mixed, nested or all empty).

    Mirrors: strategicpatch/patch.go :: sliceElementType
    """
    prev: str | None = None
    for s in slices:
        for v in s:
            cur = go_type(v)
            if prev is None:
                prev = cur
                if isinstance(v, list):
                    raise MergePatchError(mp.ERR_NO_LIST_OF_LISTS)
            elif prev != cur:
                raise MergePatchError(
                    f"list element types are not identical: {go_sprint([list(x) for x in slices])}"
                )
    if prev is None:
        raise MergePatchError("no elements in any of the given slices")
    return prev


def sort_scalars(s: list[Any]) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: sortScalars (ordered by their ``%v`` text)"""
    return sorted(s, key=go_sprint)


def deduplicate_scalars(s: list[Any]) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: deduplicateScalars (its swap-with-last order too)"""
    s = list(s)
    length = len(s) - 1
    i = 0
    while i < length:
        j = i + 1
        while j <= length:
            if same(s[i], s[j]):
                s[j] = s[length]
                s = s[:length]
                length -= 1
                j -= 1
            j += 1
        i += 1
    return s


def deduplicate_and_sort_scalars(s: list[Any]) -> list[Any]:
    return sort_scalars(deduplicate_scalars(s))


def _positions(order: list[Any], merge_key: str, kind: str) -> Any:
    """index(order, item): the first position of item's merge key value (or item), or -1."""
    table: dict[Any, int] = {}
    slow = False
    for i, v in enumerate(order):
        val = (v.get(merge_key) if isinstance(v, dict) else None) if kind == MAP_TYPE else v
        try:
            table.setdefault(_hkey(val), i)
        except TypeError:
            slow = True
            break

    def index(item: Any) -> int:
        val = (item.get(merge_key) if isinstance(item, dict) else None) if kind == MAP_TYPE else item
        if not slow:
            try:
                return table.get(_hkey(val), -1)
            except TypeError:
                pass
        for i, v in enumerate(order):
            other = (v.get(merge_key) if isinstance(v, dict) else None) if kind == MAP_TYPE else v
            if same(val, other):
                return i
        return -1

    return index


def validate_merge_key_in_lists(merge_key: str, *lists: list[Any]) -> None:
    """Mirrors: strategicpatch/patch.go :: validateMergeKeyInLists"""
    for lst in lists:
        for item in lst:
            if not isinstance(item, dict):
                raise mp.err_bad_arg_type(MAP_TYPE, item)
            if merge_key not in item:
                raise mp.err_no_merge_key(item, merge_key)


def extract_to_delete_items(lst: list[Any]) -> tuple[list[Any], list[Any]]:
    """Mirrors: strategicpatch/patch.go :: extractToDeleteItems"""
    keep: list[Any] = []
    delete: list[Any] = []
    for v in lst:
        if not isinstance(v, dict):
            raise mp.err_bad_arg_type(MAP_TYPE, v)
        if v.get(DIRECTIVE_MARKER, None) == DELETE_DIRECTIVE:
            delete.append(v)
        else:
            keep.append(v)
    return keep, delete


def normalize_slice_order(to_sort: list[Any], order: list[Any], merge_key: str, kind: str) -> list[Any]:
    """Sort ``to_sort`` by the positions in ``order``; deletions go last.

    Mirrors: strategicpatch/patch.go :: normalizeSliceOrder
    """
    to_delete: list[Any] = []
    if kind == MAP_TYPE:
        validate_merge_key_in_lists(merge_key, to_sort, order)
        to_sort, to_delete = extract_to_delete_items(to_sort)
    index = _positions(order, merge_key, kind)
    keyed = [(index(x), x) for x in to_sort]
    if all(k >= 0 for k, _ in keyed):
        keyed.sort(key=lambda kv: kv[0])
    else:
        # Go's comparator says "less" whenever a side is missing from order; replay
        # its insertion sort so such lists come out as upstream's do.
        for i in range(1, len(keyed)):
            j = i
            while j > 0 and _order_less(keyed[j][0], keyed[j - 1][0]):
                keyed[j], keyed[j - 1] = keyed[j - 1], keyed[j]
                j -= 1
    return [x for _, x in keyed] + to_delete


def _order_less(i: int, j: int) -> bool:
    if i >= 0 and j >= 0:
        return i < j
    return True


def merge_sorted_slice(
    left: list[Any], right: list[Any], server_order: list[Any], merge_key: str, kind: str
) -> list[Any]:
    """Interleave server-only items (left) into patch items (right) by the live order.

    Mirrors: strategicpatch/patch.go :: mergeSortedSlice
    """
    index = _positions(server_order, merge_key, kind)
    out: list[Any] = []
    i = j = 0
    while i < len(left) or j < len(right):
        if i >= len(left):
            out.append(right[j])
            j += 1
        elif j >= len(right):
            out.append(left[i])
            i += 1
        else:
            li, ri = index(left[i]), index(right[j])
            if li >= 0 and ri >= 0 and li < ri:
                out.append(left[i])
                i += 1
            else:
                out.append(right[j])
                j += 1
    return out


def normalize_element_order(
    patch: list[Any],
    server_only: list[Any],
    patch_order: list[Any],
    server_order: list[Any],
    merge_key: str,
    kind: str,
) -> list[Any]:
    """Mirrors: strategicpatch/patch.go :: normalizeElementOrder"""
    patch = normalize_slice_order(patch, patch_order, merge_key, kind)
    server_only = normalize_slice_order(server_only, server_order, merge_key, kind)
    return merge_sorted_slice(server_only, patch, server_order, merge_key, kind)


def merge_key_value_equal(left: Any, right: Any, merge_key: str) -> bool:
    """Mirrors: strategicpatch/patch.go :: mergeKeyValueEqual"""
    if not merge_key:
        return same(left, right)
    if not isinstance(left, dict):
        raise mp.err_bad_arg_type(MAP_TYPE, left)
    if not isinstance(right, dict):
        raise mp.err_bad_arg_type(MAP_TYPE, right)
    if merge_key not in left:
        raise mp.err_no_merge_key(left, merge_key)
    if merge_key not in right:
        raise mp.err_no_merge_key(right, merge_key)
    return same(left[merge_key], right[merge_key])


def extract_key(s: str, prefix: str) -> str:
    """Mirrors: strategicpatch/patch.go :: extractKey"""
    parts = s.split("/", 1)
    if len(parts) <= 1 or parts[0] != prefix:
        if prefix == DELETE_FROM_PRIMITIVE_LIST_DIRECTIVE_PREFIX:
            raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST)
        if prefix == SET_ELEMENT_ORDER_DIRECTIVE_PREFIX:
            raise MergePatchError(mp.ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST)
        raise MergePatchError(f"fail to find unknown prefix {prefix!r} in {s}\n")
    return parts[1]


def extract_retain_keys_patch_strategy(strategies: list[str]) -> tuple[bool, str]:
    """Mirrors: strategicpatch/patch.go :: extractRetainKeysPatchStrategy"""
    if not strategies:
        return False, ""
    if len(strategies) == 1:
        if strategies[0] == RETAIN_KEYS_STRATEGY:
            return True, ""
        return False, strategies[0]
    if len(strategies) == 2:
        if strategies[0] == RETAIN_KEYS_STRATEGY:
            return True, strategies[1]
        if strategies[1] == RETAIN_KEYS_STRATEGY:
            return True, strategies[0]
    raise MergePatchError(f"unexpected patch strategy: [{' '.join(strategies)}]")


def find_map_in_slice_based_on_key_value(
    m: list[Any], key: str, value: Any
) -> tuple[dict[str, Any] | None, int, bool]:
    """Mirrors: strategicpatch/patch.go :: findMapInSliceBasedOnKeyValue"""
    for k, v in enumerate(m):
        if not isinstance(v, dict):
            raise MergePatchError(f"value for key {k} is not a map.")
        if key in v and same(v[key], value):
            return v, k, True
    return None, 0, False


