"""Arithmetic on ResourceLists for quota: add, subtract, mask, compare.

Upstream: staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kubelab.api.quantity import Quantity

ResourceList = dict[str, Quantity]
ZERO = Quantity(0)


def add(a: Mapping[str, Quantity], b: Mapping[str, Quantity]) -> ResourceList:
    """Mirrors: resources.go :: Add"""
    out = dict(a)
    for k, v in b.items():
        out[k] = out[k] + v if k in out else v
    return out


def subtract_with_non_negative_result(a: Mapping[str, Quantity], b: Mapping[str, Quantity]) -> ResourceList:
    """Mirrors: resources.go :: SubtractWithNonNegativeResult"""
    out: ResourceList = {}
    for k, v in a.items():
        q = v - b[k] if k in b else v
        out[k] = q if q.cmp(ZERO) > 0 else ZERO
    for k in b:
        out.setdefault(k, ZERO)
    return out


def mask(resources: Mapping[str, Quantity], names: Iterable[str]) -> ResourceList:
    """Mirrors: resources.go :: Mask"""
    wanted = set(names)
    return {k: v for k, v in resources.items() if k in wanted}


def less_than_or_equal(a: Mapping[str, Quantity], b: Mapping[str, Quantity]) -> tuple[bool, list[str]]:
    """Whether every limit in ``b`` covers ``a``; the names that do not.

    Mirrors: resources.go :: LessThanOrEqual
    """
    exceeded = [k for k, v in b.items() if k in a and a[k].cmp(v) > 0]
    return not exceeded, exceeded


def remove_zeros(a: Mapping[str, Quantity]) -> ResourceList:
    """Mirrors: resources.go :: RemoveZeros"""
    return {k: v for k, v in a.items() if not v.is_zero()}


def is_negative(a: Mapping[str, Quantity]) -> list[str]:
    """Mirrors: resources.go :: IsNegative"""
    return [k for k, v in a.items() if v.sign() < 0]


def pretty_print(item: Mapping[str, Quantity]) -> str:
    """``limits.cpu=2,requests.cpu=1``.

    Mirrors: staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go :: prettyPrint
    """
    return ",".join(f"{k}={item[k]}" for k in sorted(item))


def pretty_print_resource_names(names: Iterable[str]) -> str:
    """Mirrors: controller.go :: prettyPrintResourceNames"""
    return ",".join(sorted(names))


def parse_list(raw: Mapping[str, object] | None) -> ResourceList:
    return {k: Quantity.parse(v) for k, v in (raw or {}).items()}


def format_list(rl: Mapping[str, Quantity]) -> dict[str, str]:
    return {k: str(rl[k]) for k in sorted(rl)}
