"""Go's fmt verbs applied to decoded JSON values (``%v``, ``%#v``).

kubelab-only: stands in for the fmt package where kubectl prints unstructured values
(jsonpath text output, custom columns, jsonpath error dumps).
"""

from __future__ import annotations

from typing import Any

from kubelab.kubectl.yamlio import _format_go


def _float(f: float) -> str:
    if f != f:
        return "NaN"
    if f in (float("inf"), float("-inf")):
        return "+Inf" if f > 0 else "-Inf"
    return _format_go(f, "g")


def sprint(v: Any) -> str:
    """``fmt.Sprint(v)`` for a value decoded from JSON (maps print with sorted keys)."""
    return print_value(v, sharp=False)


def sharp_v(v: Any) -> str:
    """``fmt.Sprintf("%#v", v)`` for a value decoded from JSON into ``interface{}``."""
    return print_value(v, sharp=True)


def print_value(v: Any, *, sharp: bool) -> str:
    """One decoded JSON value under ``%v`` or, with ``sharp`` (fmt.sharpV), under ``%#v``.

    Mirrors: fmt/print.go :: (*pp).printValue (the map, slice, string, number and nil cases)
    """
    if v is None:
        return "interface {}(nil)" if sharp else "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, str):
        return _quote(v) if sharp else v
    if isinstance(v, dict):
        if sharp:
            inner = ", ".join(f"{_quote(k)}:{print_value(v[k], sharp=True)}" for k in sorted(v))
            return "map[string]interface {}{" + inner + "}"
        return "map[" + " ".join(f"{k}:{print_value(v[k], sharp=False)}" for k in sorted(v)) + "]"
    if isinstance(v, list):
        if sharp:
            return "[]interface {}{" + ", ".join(print_value(x, sharp=True) for x in v) + "}"
        return "[" + " ".join(print_value(x, sharp=False) for x in v) + "]"
    return str(v)


def _quote(s: str) -> str:
    from kubelab.kubectl.errors import go_quote

    return go_quote(s)
