"""Field paths and field-level validation errors.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/{path.go,errors.go}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# CauseType values carried in Status.details.causes[].reason.
NOT_FOUND = "FieldValueNotFound"
REQUIRED = "FieldValueRequired"
DUPLICATE = "FieldValueDuplicate"
INVALID = "FieldValueInvalid"
NOT_SUPPORTED = "FieldValueNotSupported"
FORBIDDEN = "FieldValueForbidden"
TOO_LONG = "FieldValueTooLong"
TOO_MANY = "FieldValueTooMany"
INTERNAL = "InternalError"
TYPE_INVALID = "FieldValueTypeInvalid"

_TYPE_TEXT = {
    NOT_FOUND: "Not found",
    REQUIRED: "Required value",
    DUPLICATE: "Duplicate value",
    INVALID: "Invalid value",
    NOT_SUPPORTED: "Unsupported value",
    FORBIDDEN: "Forbidden",
    TOO_LONG: "Too long",
    TOO_MANY: "Too many",
    INTERNAL: "Internal error",
    TYPE_INVALID: "Invalid value",
}
_NO_VALUE = (REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL)


class _Omit:
    def __repr__(self) -> str:
        return "<omitted>"


OMIT = _Omit()


class Path:
    """A field path such as ``spec.containers[0].name``.

    Mirrors: apimachinery/pkg/util/validation/field/path.go :: Path
    """

    __slots__ = ("_text",)

    def __init__(self, *names: str) -> None:
        self._text = ".".join(names)

    @classmethod
    def _raw(cls, text: str) -> Path:
        p = cls.__new__(cls)
        p._text = text
        return p

    def child(self, name: str, *more: str) -> Path:
        text = self._text
        for n in (name, *more):
            text = f"{text}.{n}" if text else n
        return Path._raw(text)

    def index(self, i: int) -> Path:
        return Path._raw(f"{self._text}[{i}]")

    def key(self, k: str) -> Path:
        return Path._raw(f"{self._text}[{k}]")

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Path({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Path) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


def go_quote(s: str) -> str:
    """Go's %q for a string (close enough for printable text)."""
    return json.dumps(s, ensure_ascii=False)


def go_value(value: Any) -> str:
    """Go's %#v for the values validation reports (maps, slices, scalars)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        if all(isinstance(v, str) for v in value.values()):
            inner = ", ".join(f"{go_quote(str(k))}:{go_quote(v)}" for k, v in sorted(value.items()))
            return "map[string]string{" + inner + "}"
        inner = ", ".join(f"{go_quote(str(k))}:{go_value(v)}" for k, v in sorted(value.items()))
        return "map[string]interface {}{" + inner + "}"
    if isinstance(value, list | tuple):
        if all(isinstance(v, str) for v in value):
            return "[]string{" + ", ".join(go_quote(v) for v in value) + "}"
        return "[]interface {}{" + ", ".join(go_value(v) for v in value) + "}"
    return str(value)


def _body_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return go_quote(value)
    return go_value(value)


@dataclass(slots=True)
class FieldError:
    """One field-level error.

    Mirrors: apimachinery/pkg/util/validation/field/errors.go :: Error
    """

    type: str
    field: str
    bad_value: Any = ""
    detail: str = ""

    def body(self) -> str:
        """The message without the field name (`ErrorBody`)."""
        if self.type in _NO_VALUE or self.bad_value is OMIT:
            s = _TYPE_TEXT[self.type]
        else:
            s = f"{_TYPE_TEXT[self.type]}: {_body_value(self.bad_value)}"
        if self.detail:
            s += f": {self.detail}"
        return s

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}"

    def cause(self) -> dict[str, str]:
        return {"reason": self.type, "message": self.body(), "field": self.field}


def _p(path: Path | str) -> str:
    return str(path)


def required(path: Path | str, detail: str = "") -> FieldError:
    return FieldError(REQUIRED, _p(path), "", detail)


def invalid(path: Path | str, value: Any, detail: str = "") -> FieldError:
    return FieldError(INVALID, _p(path), value, detail)


def type_invalid(path: Path | str, value: Any, detail: str = "") -> FieldError:
    return FieldError(TYPE_INVALID, _p(path), value, detail)


def not_found(path: Path | str, value: Any) -> FieldError:
    return FieldError(NOT_FOUND, _p(path), value, "")


def duplicate(path: Path | str, value: Any) -> FieldError:
    return FieldError(DUPLICATE, _p(path), value, "")


def not_supported(path: Path | str, value: Any, valid_values: list[str] | tuple[str, ...]) -> FieldError:
    detail = ""
    if valid_values:
        detail = "supported values: " + ", ".join(go_quote(v) for v in valid_values)
    return FieldError(NOT_SUPPORTED, _p(path), value, detail)


def forbidden(path: Path | str, detail: str) -> FieldError:
    return FieldError(FORBIDDEN, _p(path), "", detail)


def too_long(path: Path | str, value: Any, max_length: int) -> FieldError:
    return FieldError(TOO_LONG, _p(path), value, f"must have at most {max_length} bytes")


def too_long_max_length(path: Path | str, value: Any, max_length: int) -> FieldError:
    detail = f"may not be longer than {max_length}" if max_length >= 0 else "value is too long"
    return FieldError(TOO_LONG, _p(path), value, detail)


def too_many(path: Path | str, actual: int, max_quantity: int) -> FieldError:
    detail = f"must have at most {max_quantity} items" if max_quantity >= 0 else "has too many items"
    return FieldError(TOO_MANY, _p(path), actual if actual >= 0 else OMIT, detail)


def internal_error(path: Path | str, err: str) -> FieldError:
    return FieldError(INTERNAL, _p(path), None, err)


ErrorList = list[FieldError]


def aggregate_message(errs: ErrorList) -> str:
    """`ToAggregate().Error()`: one message, or ``[a, b]`` for several (duplicates dropped)."""
    msgs: list[str] = []
    for e in errs:
        m = str(e)
        if m not in msgs:
            msgs.append(m)
    if len(msgs) == 1:
        return msgs[0]
    return "[" + ", ".join(msgs) + "]"
