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
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{sprint(v[k])}" for k in sorted(v)) + "]"
    if isinstance(v, list):
        return "[" + " ".join(sprint(x) for x in v) + "]"
    return str(v)


def _quote(s: str) -> str:
    from kubelab.kubectl.errors import go_quote

    return go_quote(s)


def sharp_v(v: Any, *, top: bool = True) -> str:
    """``fmt.Sprintf("%#v", v)`` for a value decoded from JSON into ``interface{}``."""
    if v is None:
        return "interface {}(nil)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, str):
        return _quote(v)
    if isinstance(v, dict):
        inner = ", ".join(f"{_quote(k)}:{sharp_v(v[k], top=False)}" for k in sorted(v))
        return "map[string]interface {}{" + inner + "}"
    if isinstance(v, list):
        return "[]interface {}{" + ", ".join(sharp_v(x, top=False) for x in v) + "}"
    return str(v)
