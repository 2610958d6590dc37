"""Helpers over a plain label map (labels.Set): its text form, merging and comparing.

Upstream: staging/src/k8s.io/apimachinery/pkg/labels/labels.go
"""

from __future__ import annotations

from collections.abc import Mapping

from kubelab.api.field import Path
from kubelab.api.labels.selector import _validate_label_key, _validate_label_value


def set_string(labels: Mapping[str, str] | None) -> str:
    """``k1=v1,k2=v2`` in key order.

    Mirrors: apimachinery/pkg/labels/labels.go :: Set.String
    """
    return ",".join(f"{k}={v}" for k, v in sorted((labels or {}).items()))


def format_labels(labels: Mapping[str, str] | None) -> str:
    """Labels as kubectl prints them: ``<none>`` when there are none.

    Mirrors: apimachinery/pkg/labels/labels.go :: FormatLabels
    """
    s = set_string(labels)
    return s if s else "<none>"


def conflicts(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Mirrors: apimachinery/pkg/labels/labels.go :: Conflicts"""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return any(k in big and big[k] != v for k, v in small.items())


def merge(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> dict[str, str]:
    """Mirrors: apimachinery/pkg/labels/labels.go :: Merge (b wins)."""
    out = dict(a or {})
    out.update(b or {})
    return out


def equals(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> bool:
    """Mirrors: apimachinery/pkg/labels/labels.go :: Equals"""
    return dict(a or {}) == dict(b or {})


def convert_selector_to_labels_map(text: str) -> dict[str, str]:
    """Mirrors: apimachinery/pkg/labels/labels.go :: ConvertSelectorToLabelsMap

    Raises:
        ValueError: for a term that is not ``key=value`` or has an invalid key or value.
    """
    out: dict[str, str] = {}
    if not text:
        return out
    for term in text.split(","):
        parts = term.split("=")
        if len(parts) != 2:
            raise ValueError("invalid selector: [" + " ".join(parts) + "]")
        key, value = parts[0].strip(), parts[1].strip()
        kerr = _validate_label_key(key, "<nil>")
        if kerr is not None:
            raise ValueError(str(kerr))
        verr = _validate_label_value(key, value, Path())
        if verr is not None:
            raise ValueError(str(verr))
        out[key] = value
    return out

