"""Cached ``milli_value``/``value`` of a quantity given as text or a number.

kubelab-only: stands in for the parsed resource.Quantity values upstream components keep
in their structs; the scheduler's filters and scores call these in their hot loops, so a
quantity text is parsed and scaled once.

Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (MilliValue, Value)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kubelab.api.quantity.amount import MOST_NEGATIVE, MOST_POSITIVE
from kubelab.api.quantity.quantity import Quantity, _parse_cached, float_text, parse_quantity


@lru_cache(maxsize=16384)
def _milli_value_str(s: str) -> int:
    return _parse_cached(s).milli_value()


@lru_cache(maxsize=16384)
def _value_str(s: str) -> int:
    return _parse_cached(s).value()


_INT_MILLI_LIMIT = MOST_POSITIVE // 1000


def milli_value(x: Any) -> int:
    """``parse_quantity(x).milli_value()``, cached per text for the scheduler's hot loops."""
    t = type(x)
    if t is str:
        return _milli_value_str(x)
    if t is int and -_INT_MILLI_LIMIT <= x <= _INT_MILLI_LIMIT:
        return x * 1000
    if isinstance(x, Quantity):
        return x.milli_value()
    if t is float:
        return _milli_value_str(float_text(x))
    return parse_quantity(x).milli_value()


def value(x: Any) -> int:
    """``parse_quantity(x).value()``, cached per text for hot loops."""
    t = type(x)
    if t is str:
        return _value_str(x)
    if t is int and MOST_NEGATIVE <= x <= MOST_POSITIVE:
        return x
    if isinstance(x, Quantity):
        return x.value()
    if t is float:
        return _value_str(float_text(x))
    return parse_quantity(x).value()
