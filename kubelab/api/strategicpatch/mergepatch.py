"""Errors of strategic merge patching, in apimachinery's words.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/mergepatch/errors.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

ERR_BAD_JSON_DOC = "invalid JSON document"
ERR_NO_LIST_OF_LISTS = "lists of lists are not supported"
ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST = "invalid patch format of primitive list"
ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS = "invalid patch format of retainKeys"
ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST = "invalid patch format of setElementOrder list"
ERR_PATCH_CONTENT_NOT_MATCH_RETAIN_KEYS = "patch content doesn't match retainKeys list"
ERR_UNSUPPORTED_STRATEGIC_MERGE_PATCH_FORMAT = "strategic merge patch format is not supported"

# The sentinel errors the patch handler maps to 400 and to 422.
BAD_REQUEST_ERRORS = (
    ERR_BAD_JSON_DOC,
    ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST,
    ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS,
    ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST,
    ERR_UNSUPPORTED_STRATEGIC_MERGE_PATCH_FORMAT,
)
UNPROCESSABLE_ERRORS = (ERR_NO_LIST_OF_LISTS, ERR_PATCH_CONTENT_NOT_MATCH_RETAIN_KEYS)


class MergePatchError(ValueError):
    """A strategic merge patch could not be computed or applied (``str`` is upstream's text)."""


class ConflictError(MergePatchError):
    """Mirrors: mergepatch/errors.go :: ErrConflict"""


class PreconditionFailedError(MergePatchError):
    """Mirrors: mergepatch/errors.go :: ErrPreconditionFailed"""


def go_type(v: Any) -> str:
    """Go's reflect type name of a JSON value decoded into interface{} (ints preserved)."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, dict):
        return "map[string]interface {}"
    return type(v).__name__


def go_sprint(v: Any) -> str:
    """Go's ``%v`` of a JSON value."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e21:
            return str(int(v))
        return repr(v)
    if isinstance(v, list):
        return "[" + " ".join(go_sprint(x) for x in v) + "]"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{go_sprint(x)}" for k, x in sorted(v.items())) + "]"
    return str(v)


def err_no_merge_key(m: Any, k: str) -> MergePatchError:
    return MergePatchError(f"map: {go_sprint(m)} does not contain declared merge key: {k}")


def err_bad_arg_type(expected: str, actual: Any) -> MergePatchError:
    got = "%!s(<nil>)" if actual is None else go_type(actual)
    return MergePatchError(f"expected a {expected}, but received a {got}")


def err_bad_patch_type(t: Any, m: Any) -> MergePatchError:
    return MergePatchError(f"unknown patch type: {go_sprint(t)} in map: {go_sprint(m)}")


def require_key_unchanged(key: str) -> Callable[[Any], bool]:
    """A precondition: the patch must not change top-level ``key``.

    Mirrors: mergepatch/util.go :: RequireKeyUnchanged
    """

    def check(patch: Any) -> bool:
        return not (isinstance(patch, dict) and key in patch)

    return check


def require_metadata_key_unchanged(key: str) -> Callable[[Any], bool]:
    """Mirrors: mergepatch/util.go :: RequireMetadataKeyUnchanged"""

    def check(patch: Any) -> bool:
        if not isinstance(patch, dict):
            return True
        meta = patch.get("metadata", None)
        return not (isinstance(meta, dict) and key in meta)

    return check


def to_yaml_or_error(v: Any) -> str:
    """Mirrors: mergepatch/util.go :: ToYAMLOrError"""
    return yaml.safe_dump(v, default_flow_style=False, sort_keys=True)


def new_err_conflict(patch: str, current: str) -> ConflictError:
    return ConflictError(
        f"patch:\n{patch}\nconflicts with changes made from original to current:\n{current}\n"
    )


def new_err_precondition_failed(target: dict[str, Any]) -> PreconditionFailedError:
    return PreconditionFailedError(f"precondition failed for: {go_sprint(target)}")
