"""JSON patch (RFC 6902) and JSON merge patch (RFC 7386) as the API server applies them.

The API server applies ``application/json-patch+json`` and
``application/merge-patch+json`` bodies with evanphx/json-patch v4 and turns its
failures into Status errors in the patch handler. Both halves live here, with the
same quirks and the same words.

Upstream: vendor/gopkg.in/evanphx/json-patch.v4/{patch.go,merge.go},
staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from kubelab.api import errors, field

MAX_JSON_PATCH_OPERATIONS = 10000

ERR_TEST_FAILED = "test failed"
ERR_MISSING = "missing value"
ERR_INVALID_INDEX = "invalid index referenced"
ERR_BAD_JSON_PATCH = "Invalid JSON Patch"
ERR_BAD_JSON_DOC = "Invalid JSON Document"

_ATOI = re.compile(r"^[+-]?[0-9]+$")
_ABSENT: Any = object()


class JSONPatchError(Exception):
    """An evanphx/json-patch error (its ``str`` is the library's message)."""


# -- errors as the patch handler reports them --------------------------------------------


def new_unprocessable(message: str) -> errors.Invalid:
    """The 422 the patch handler returns when a JSON patch fails to apply.

    Mirrors: apimachinery/pkg/api/errors/errors.go :: NewGenericServerResponse (422)
    """
    st = errors.status(
        422,
        "Invalid",
        "the server rejected our request due to an error in our request",
        {"causes": [{"reason": "UnexpectedServerResponse", "message": message}]},
    )
    return errors.Invalid(st)


def new_request_entity_too_large(message: str) -> errors.ApiError:
    """Mirrors: apimachinery/pkg/api/errors/errors.go :: NewRequestEntityTooLargeError"""
    return errors.ApiError(
        errors.status(413, "RequestEntityTooLarge", f"Request entity too large: {message}")
    )


def go_json_type(v: Any) -> str:
    """The JSON type encoding/json names in its UnmarshalTypeError (``cannot unmarshal <type>``)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


# -- RFC 6902 ---------------------------------------------------------------------------


def apply_json_patch(doc: dict[str, Any], ops: Any) -> dict[str, Any]:
    """Apply an RFC 6902 patch to ``doc`` and return the new document.

    Neither ``doc`` nor ``ops`` is mutated: every container on a path an operation
    writes through is copied, so the result shares untouched subtrees with ``doc``
    (copy before mutating the result in place).

    Raises:
        BadRequest: the body is not a list of operation objects.
        ApiError: 413 with more than 10000 operations.
        Invalid: 422 "the server rejected our request..." with the json-patch
            message in ``details.causes[0].message`` when an operation fails.

    Mirrors: apiserver/pkg/endpoints/handlers/patch.go :: (*jsonPatcher).applyJSPatch
    (JSONPatchType) and json-patch.v4 :: Patch.Apply
    """
    if not isinstance(ops, list):
        raise errors.new_bad_request(
            f"json: cannot unmarshal {go_json_type(ops)} into Go value of type jsonpatch.Patch"
        )
    for op in ops:
        if not isinstance(op, dict):
            raise errors.new_bad_request(
                f"json: cannot unmarshal {go_json_type(op)} into Go value of type jsonpatch.Operation"
            )
    if len(ops) > MAX_JSON_PATCH_OPERATIONS:
        raise new_request_entity_too_large(
            f"The allowed maximum operations in a JSON patch is {MAX_JSON_PATCH_OPERATIONS}, got {len(ops)}"
        )
    try:
        out = patch_apply(doc, ops)
    except JSONPatchError as e:
        raise new_unprocessable(str(e)) from None
    return out


def patch_apply(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """Apply the operations in order; raise JSONPatchError on the first failure.

    Mirrors: json-patch.v4/patch.go :: Patch.ApplyIndent
    """
    holder: list[Any] = [_shallow(doc)]
    for op in ops:
        kind = op.get("op")
        if not isinstance(kind, str):
            kind = "unknown"
        if kind == "add":
            _op_add(holder, op)
        elif kind == "remove":
            _op_remove(holder, op)
        elif kind == "replace":
            _op_replace(holder, op)
        elif kind == "move":
            _op_move(holder, op)
        elif kind == "test":
            _op_test(holder, op)
        elif kind == "copy":
            _op_copy(holder, op)
        else:
            raise JSONPatchError(f"Unexpected kind: {kind}")
    return holder[0]


def decode_patch_key(k: str) -> str:
    """Unescape one JSON pointer token (``~1`` is ``/``, ``~0`` is ``~``)."""
    return k.replace("~1", "/").replace("~0", "~")


def _shallow(v: Any) -> Any:
    if isinstance(v, dict):
        return dict(v)
    if isinstance(v, list):
        return list(v)
    return v


def _path(op: dict[str, Any], name: str) -> str:
    v = op.get(name)
    if v is None:
        what = "operation missing path field" if name == "path" else "operation, missing from field"
        raise _DecodeError(f"{what}: {ERR_MISSING}")
    if not isinstance(v, str):
        raise _DecodeError(f"json: cannot unmarshal {go_json_type(v)} into Go value of type string")
    return v


class _DecodeError(Exception):
    pass


def _atoi(key: str) -> int:
    if not _ATOI.match(key):
        raise JSONPatchError(f'strconv.Atoi: parsing "{key}": invalid syntax')
    return int(key)


def _find_object(holder: list[Any], path: str) -> tuple[Any, str]:
    """The container holding the last token of ``path`` (copied for writing), and that token.

    Mirrors: json-patch.v4/patch.go :: findObject
    """
    split = path.split("/")
    if len(split) < 2:
        return None, ""
    doc = holder[0]
    for part in split[1:-1]:
        key = decode_patch_key(part)
        try:
            nxt = _get(doc, key)
        except JSONPatchError:
            return None, ""
        if not isinstance(nxt, dict | list):
            return None, ""
        nxt = _shallow(nxt)
        _set(doc, key, nxt)
        doc = nxt
    return doc, decode_patch_key(split[-1])


def _get(con: Any, key: str) -> Any:
    """The value at ``key``, or None where an object lacks it (json-patch does not tell)."""
    if isinstance(con, dict):
        return con.get(key)
    idx = _atoi(key)
    n = len(con)
    if idx < 0:
        if idx < -n:
            raise JSONPatchError(f"Unable to access invalid index: {idx}: {ERR_INVALID_INDEX}")
        idx += n
    if idx >= n:
        raise JSONPatchError(f"Unable to access invalid index: {idx}: {ERR_INVALID_INDEX}")
    return con[idx]


def _set(con: Any, key: str, val: Any) -> None:
    if isinstance(con, dict):
        con[key] = val
        return
    idx = _atoi(key)
    if idx < 0:
        idx += len(con)
    con[idx] = val


def _add(con: Any, key: str, val: Any) -> None:
    if isinstance(con, dict):
        con[key] = val
        return
    if key == "-":
        con.append(val)
        return
    if not _ATOI.match(key):
        raise JSONPatchError(
            f"value was not a proper array index: '{key}': strconv.Atoi: parsing \"{key}\": invalid syntax"
        )
    idx = int(key)
    size = len(con) + 1
    if idx >= size:
        raise JSONPatchError(f"Unable to access invalid index: {idx}: {ERR_INVALID_INDEX}")
    if idx < 0:
        if idx < -size:
            raise JSONPatchError(f"Unable to access invalid index: {idx}: {ERR_INVALID_INDEX}")
        idx += size
    con.insert(idx, val)


def _remove(con: Any, key: str) -> None:
    if isinstance(con, dict):
        if key not in con:
            raise JSONPatchError(f"Unable to remove nonexistent key: {key}: {ERR_MISSING}")
        del con[key]
        return
    idx = _atoi(key)
    n = len(con)
    if idx >= n:
        raise JSONPatchError(f"Unable to access invalid index: {idx}: {ERR_INVALID_INDEX}")
    if idx < 0:
        if idx < -n:
            raise JSONPatchError(f"Unable to access invalid index: {idx}: {ERR_INVALID_INDEX}")
        idx += n
    del con[idx]


def _value(op: dict[str, Any]) -> Any:
    return op.get("value")


def _operation_path(op: dict[str, Any], name: str, verb: str, *, keep_cause: bool) -> str:
    """The operation's ``path`` or ``from``, or the error the operation reports without one.

    Mirrors: json-patch.v4/patch.go :: Operation.Path / Operation.From as each operation
    wraps their failure (add, remove and copy's path report ErrMissing, the others the cause)
    """
    try:
        return _path(op, name)
    except _DecodeError as e:
        cause = e if keep_cause else ERR_MISSING
        raise JSONPatchError(f"{verb} operation failed to decode {name}: {cause}") from None


def _find_object_or_missing(holder: list[Any], path: str, message: str) -> tuple[Any, str]:
    """``findObject``, failing with ``message`` wrapped around ErrMissing when nothing holds ``path``."""
    con, key = _find_object(holder, path)
    if con is None:
        raise JSONPatchError(f"{message}: {ERR_MISSING}")
    return con, key


def _op_add(holder: list[Any], op: dict[str, Any]) -> None:
    path = _operation_path(op, "path", "add", keep_cause=False)
    con, key = _find_object_or_missing(holder, path, f'add operation does not apply: doc is missing path: "{path}"')
    try:
        _add(con, key, _value(op))
    except JSONPatchError as e:
        raise JSONPatchError(f"error in add for path: '{path}': {e}") from None


def _op_remove(holder: list[Any], op: dict[str, Any]) -> None:
    path = _operation_path(op, "path", "remove", keep_cause=False)
    con, key = _find_object_or_missing(
        holder, path, f'remove operation does not apply: doc is missing path: "{path}"')
    try:
        _remove(con, key)
    except JSONPatchError as e:
        raise JSONPatchError(f"error in remove for path: '{path}': {e}") from None


def _op_replace(holder: list[Any], op: dict[str, Any]) -> None:
    path = _operation_path(op, "path", "replace", keep_cause=True)
    if path == "":
        val = _value(op)
        if not isinstance(val, dict | list):
            raise JSONPatchError("replace operation value must be object or array: %!w(<nil>)")
        holder[0] = _shallow(val)
        return
    con, key = _find_object_or_missing(holder, path, f"replace operation does not apply: doc is missing path: {path}")
    try:
        _get(con, key)
    except JSONPatchError:
        raise JSONPatchError(
            f"replace operation does not apply: doc is missing key: {path}: {ERR_MISSING}"
        ) from None
    # json-patch v4 replaces a missing object key by adding it: kept on purpose.
    _set(con, key, _value(op))


def _op_move(holder: list[Any], op: dict[str, Any]) -> None:
    frm = _operation_path(op, "from", "move", keep_cause=True)
    con, key = _find_object_or_missing(holder, frm, f"move operation does not apply: doc is missing from path: {frm}")
    try:
        val = _get(con, key)
        _remove(con, key)
    except JSONPatchError as e:
        raise JSONPatchError(f"error in move for path: '{key}': {e}") from None
    path = _operation_path(op, "path", "move", keep_cause=True)
    con, key = _find_object_or_missing(
        holder, path, f"move operation does not apply: doc is missing destination path: {path}")
    try:
        _add(con, key, val)
    except JSONPatchError as e:
        raise JSONPatchError(f"error in move for path: '{path}': {e}") from None


def _op_test(holder: list[Any], op: dict[str, Any]) -> None:
    path = _operation_path(op, "path", "test", keep_cause=True)
    want = op.get("value", _ABSENT)
    if path == "":
        passed = json_equal(holder[0], want)
    else:
        con, key = _find_object_or_missing(holder, path, f"test operation does not apply: is missing path: {path}")
        try:
            val = _get(con, key)
        except JSONPatchError as e:
            raise JSONPatchError(f"error in test for path: '{path}': {e}") from None
        if val is None:
            # An absent key and a null both read as nil in json-patch: a null (or
            # missing) expected value passes.
            passed = want is _ABSENT or want is None
        else:
            passed = want is not _ABSENT and json_equal(val, want)
    if not passed:
        raise JSONPatchError(f"testing value {path} failed: {ERR_TEST_FAILED}")


def _op_copy(holder: list[Any], op: dict[str, Any]) -> None:
    frm = _operation_path(op, "from", "copy", keep_cause=True)
    con, key = _find_object_or_missing(holder, frm, f"copy operation does not apply: doc is missing from path: {frm}")
    try:
        val = _get(con, key)
    except JSONPatchError as e:
        raise JSONPatchError(f"error in copy for from: '{frm}': {e}") from None
    path = _operation_path(op, "path", "copy", keep_cause=False)
    con, key = _find_object_or_missing(
        holder, path, f"copy operation does not apply: doc is missing destination path: {path}")
    try:
        # Later operations copy every container they write through, so the two
        # places can share the value safely.
        _add(con, key, val)
    except JSONPatchError as e:
        raise JSONPatchError(f"error while adding value during copy: {e}") from None


def json_equal(a: Any, b: Any) -> bool:
    """Structural JSON equality (a bool never equals a number, as in JSON).

    Mirrors: json-patch.v4/patch.go :: (*lazyNode).equal
    """
    # Fast paths for two values of one exact type; mixed types take the general rules.
    t = a.__class__
    if t is b.__class__:
        if t is str or t is int or t is bool or t is float:
            return bool(a == b)
        if t is dict:
            if len(a) != len(b):
                return False
            for k, v in a.items():
                w = b.get(k, _ABSENT)
                if w is _ABSENT:
                    return False
                if v.__class__ is str and w.__class__ is str:
                    if v != w:
                        return False
                elif not json_equal(v, w):
                    return False
            return True
        if t is list:
            if len(a) != len(b):
                return False
            for x, y in zip(a, b):
                if not json_equal(x, y):
                    return False
            return True
    return _json_equal_step(a, b, json_equal)


def json_equal_reference(a: Any, b: Any) -> bool:
    """``json_equal`` as the rules read, without its fast paths (the property tests' oracle)."""
    return _json_equal_step(a, b, json_equal_reference)


def _json_equal_step(a: Any, b: Any, inner: Callable[[Any, Any], bool]) -> bool:
    if a is _ABSENT or b is _ABSENT:
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict):
        if not isinstance(b, dict) or len(a) != len(b):
            return False
        for k, v in a.items():
            if k not in b or not inner(v, b[k]):
                return False
        return True
    if isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            return False
        return all(inner(x, y) for x, y in zip(a, b))
    if isinstance(b, dict | list):
        return False
    return bool(a == b)


# -- RFC 7386 ---------------------------------------------------------------------------


def apply_merge_patch(doc: dict[str, Any], patch: Any) -> dict[str, Any]:
    """Apply an RFC 7386 merge patch to ``doc`` and return the new document.

    Neither input is mutated; the result shares untouched subtrees with them.

    Raises:
        BadRequest: "Invalid JSON Patch" for a null patch body.
        Invalid: the patch is not an object, so the result cannot be an object.

    Mirrors: apiserver/pkg/endpoints/handlers/patch.go :: (*jsonPatcher).applyJSPatch
    (MergePatchType) and json-patch.v4/merge.go :: MergePatch
    """
    if patch is None:
        raise errors.new_bad_request(ERR_BAD_JSON_PATCH)
    if not isinstance(patch, dict):
        result = _prune_nulls(patch)
        text = json.dumps(result, separators=(",", ":"))
        raise errors.new_invalid(
            "",
            "",
            "",
            [
                field.invalid(
                    "patch",
                    text,
                    f"json: cannot unmarshal {go_json_type(result)} into Go value of type map[string]interface {{}}",
                )
            ],
        )
    if not isinstance(doc, dict):
        raise errors.new_bad_request(ERR_BAD_JSON_DOC)
    return _merge_docs(doc, patch)


def _merge_docs(doc: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Mirrors: json-patch.v4/merge.go :: mergeDocs (mergeMerge=false)"""
    out = dict(doc)
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
            continue
        cur = out.get(k)
        if cur is None:
            out[k] = _prune_nulls(v)
        elif isinstance(cur, dict):
            out[k] = _merge_docs(cur, v) if isinstance(v, dict) else v
        else:
            out[k] = _prune_nulls(v)
    return out


def _prune_nulls(v: Any) -> Any:
    """Drop null members of objects (recursively); arrays keep their null items.

    Mirrors: json-patch.v4/merge.go :: pruneNulls
    """
    if isinstance(v, dict):
        return {k: _prune_nulls(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_prune_nulls(x) if x is not None else None for x in v]
    return v


def create_merge_patch(original: dict[str, Any], modified: dict[str, Any]) -> dict[str, Any]:
    """The RFC 7386 patch that turns ``original`` into ``modified``.

    Mirrors: json-patch.v4/merge.go :: CreateMergePatch (getDiff)
    """
    into: dict[str, Any] = {}
    for key, bv in modified.items():
        if key not in original:
            into[key] = bv
            continue
        av = original[key]
        if _kind(av) != _kind(bv):
            into[key] = bv
            continue
        if isinstance(av, dict):
            sub = create_merge_patch(av, bv)
            if sub:
                into[key] = sub
        elif av is None:
            continue
        elif not json_equal(av, bv):
            into[key] = bv
    for key in original:
        if key not in modified:
            into[key] = None
    return into


def _kind(v: Any) -> str:
    # Go decodes every JSON number as float64: ints and floats are one type there.
    return go_json_type(v)
