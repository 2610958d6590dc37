"""metav1.LabelSelector (matchLabels/matchExpressions) converted to and from selectors.

Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from kubelab.api.field import go_quote
from kubelab.api.labels.selector import (
    _EVERYTHING,
    _NOTHING,
    DOES_NOT_EXIST,
    EQUALS,
    EXISTS,
    IN,
    NOT_IN,
    Requirement,
    Selector,
    new_requirement,
)

# metav1.LabelSelectorOperator values.
LABEL_SELECTOR_OP_IN = "In"
LABEL_SELECTOR_OP_NOT_IN = "NotIn"
LABEL_SELECTOR_OP_EXISTS = "Exists"
LABEL_SELECTOR_OP_DOES_NOT_EXIST = "DoesNotExist"
_METAV1_TO_SELECTION = {
    LABEL_SELECTOR_OP_IN: IN,
    LABEL_SELECTOR_OP_NOT_IN: NOT_IN,
    LABEL_SELECTOR_OP_EXISTS: EXISTS,
    LABEL_SELECTOR_OP_DOES_NOT_EXIST: DOES_NOT_EXIST,
}


def _label_selector_key(ps: Mapping[str, Any]) -> tuple[Any, ...]:
    ml = ps.get("matchLabels") or {}
    exprs = ps.get("matchExpressions") or []
    return (
        tuple(sorted(ml.items())),
        tuple((e.get("key", ""), e.get("operator", ""), tuple(e.get("values") or ())) for e in exprs),
    )


@lru_cache(maxsize=8192)
def _label_selector_as_selector_cached(key: tuple[Any, ...]) -> Selector:
    match_labels, exprs = key
    reqs: list[Requirement] = []
    for k, v in match_labels:
        reqs.append(new_requirement(k, EQUALS, [v]))
    for ekey, eop, evalues in exprs:
        op = _METAV1_TO_SELECTION.get(eop)
        if op is None:
            raise ValueError(f'"{eop}" is not a valid label selector operator')
        # Go copies the values with append([]string(nil), ...): none gives a nil slice.
        reqs.append(new_requirement(ekey, op, list(evalues) or None))
    return Selector(reqs)


def label_selector_as_selector(ps: Mapping[str, Any] | None) -> Selector:
    """Convert a metav1.LabelSelector dict into a Selector.

    None selects nothing, an empty selector selects everything.

    Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: LabelSelectorAsSelector

    Differences: matchLabels are checked in key order (Go ranges over the map at random,
    so with several bad labels the one reported may differ); results are cached.

    Raises:
        ValueError: e.g. ``"Foo" is not a valid label selector operator``.
    """
    if ps is None:
        return _NOTHING
    if not ps.get("matchLabels") and not ps.get("matchExpressions"):
        return _EVERYTHING
    return _label_selector_as_selector_cached(_label_selector_key(ps))


def label_selector_as_map(ps: Mapping[str, Any] | None) -> dict[str, str] | None:
    """Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: LabelSelectorAsMap

    Raises:
        ValueError: for an operator other than In with one value.
    """
    if ps is None:
        return None
    out = dict(ps.get("matchLabels") or {})
    for expr in ps.get("matchExpressions") or []:
        op = expr.get("operator", "")
        values = expr.get("values") or []
        if op == LABEL_SELECTOR_OP_IN:
            if len(values) != 1:
                raise ValueError(f"operator {go_quote(op)} without a single value cannot be converted into a map")
            out[expr.get("key", "")] = values[0]
        elif op in (LABEL_SELECTOR_OP_NOT_IN, LABEL_SELECTOR_OP_EXISTS, LABEL_SELECTOR_OP_DOES_NOT_EXIST):
            raise ValueError(f"operator {go_quote(op)} cannot be converted into a map")
        else:
            raise ValueError(f"{go_quote(op)} is not a valid selector operator")
    return out


def format_label_selector(ps: Mapping[str, Any] | None) -> str:
    """A LabelSelector as kubectl prints it in SELECTOR columns.

    Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: FormatLabelSelector
    """
    try:
        selector = label_selector_as_selector(ps)
    except ValueError:
        return "<error>"
    s = str(selector)
    return s if s else "<none>"


def set_as_label_selector(labels: Mapping[str, str] | None) -> dict[str, Any] | None:
    """Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: SetAsLabelSelector"""
    if labels is None:
        return None
    return {"matchLabels": dict(labels)}
