"""Shared pieces of the table printers: options, timestamps, container and label cells.

Upstream: pkg/printers/internalversion/printers.go (translateTimestampSince,
layoutContainerCells, printBool...), pkg/printers/interface.go (GenerateOptions)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kubelab.api import labels, quantity
from kubelab.apiserver.printers.duration import human_duration
from kubelab.engine import clock

Obj = Mapping[str, Any]
Row = dict[str, Any]

# Cells the printers write for values that are not there.
NONE = "<none>"
UNKNOWN = "<unknown>"
UNSET = "<unset>"


@dataclass(slots=True)
class GenerateOptions:
    """Options a print function receives.

    Mirrors: pkg/printers/interface.go :: GenerateOptions

    Differences: ``now`` (simulated seconds) is carried here because kubelab has no
    wall clock for time.Since to read.
    """

    now: float = 0.0
    wide: bool = False
    no_headers: bool = False


def meta(obj: Obj) -> Obj:
    return obj.get("metadata") or {}


def spec(obj: Obj) -> Obj:
    return obj.get("spec") or {}


def status(obj: Obj) -> Obj:
    return obj.get("status") or {}


def name_of(obj: Obj) -> str:
    return meta(obj).get("name", "")


def row(*cells: Any) -> Row:
    """A metav1.TableRow (its object is attached by the table generator)."""
    return {"cells": list(cells)}


def translate_timestamp_since(ts: str | None, now: float) -> str:
    """How long ago ``ts`` was, or ``<unknown>`` when it is unset.

    Mirrors: pkg/printers/internalversion/printers.go :: translateTimestampSince
    """
    t = clock.parse(ts)
    if t is None:
        return UNKNOWN
    return human_duration(now - t)


def translate_micro_timestamp_since(ts: str | None, now: float) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: translateMicroTimestampSince"""
    return translate_timestamp_since(ts, now)


def translate_timestamp_until(ts: str | None, now: float) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: translateTimestampUntil"""
    t = clock.parse(ts)
    if t is None:
        return UNKNOWN
    return human_duration(t - now)


def age(obj: Obj, now: float) -> str:
    return translate_timestamp_since(meta(obj).get("creationTimestamp"), now)


def layout_container_cells(containers: Iterable[Obj] | None) -> tuple[str, str]:
    """The CONTAINERS and IMAGES cells: names and images joined with commas.

    Mirrors: pkg/printers/internalversion/printers.go :: layoutContainerCells
    """
    cs = list(containers or ())
    return ",".join(c.get("name", "") for c in cs), ",".join(c.get("image", "") for c in cs)


def template_containers(obj: Obj) -> list[Obj]:
    """``spec.template.spec.containers`` (empty when there is no template)."""
    template = spec(obj).get("template") or {}
    return list((template.get("spec") or {}).get("containers") or ())


def print_bool(value: bool) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: printBool"""
    return "True" if value else "False"


def print_bool_ptr(value: bool | None) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: printBoolPtr"""
    return UNSET if value is None else print_bool(value)


def format_labels(m: Mapping[str, str] | None) -> str:
    """Mirrors: apimachinery/pkg/labels/labels.go :: FormatLabels"""
    return labels.format_labels(m)


def format_label_selector(selector: Obj | None) -> str:
    """Mirrors: apimachinery/pkg/apis/meta/v1/helpers.go :: FormatLabelSelector"""
    return labels.format_label_selector(selector)


def selector_string(selector: Obj | None) -> str:
    """``LabelSelectorAsSelector(s).String()``, ``<invalid>`` when it does not convert.

    Mirrors: the selector cell of pkg/printers/internalversion/printers.go :: printDeployment
    """
    try:
        return str(labels.label_selector_as_selector(selector))
    except ValueError:
        return "<invalid>"


def quantity_string(value: Any) -> str:
    """A resource.Quantity's canonical String(); an absent quantity is the zero ``0``."""
    if value is None:
        return "0"
    try:
        return str(quantity.parse_quantity(value))
    except ValueError:
        return str(value)


def int_or_string(value: Any) -> str:
    """Mirrors: apimachinery/pkg/util/intstr/intstr.go :: (*IntOrString).String"""
    return str(value)


def join_host_port(host: str, port: int) -> str:
    """Mirrors: Go net.JoinHostPort (IPv6 literals are bracketed)."""
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def list_with_more_string(items: list[str], more: bool, count: int, maximum: int) -> str:
    """Mirrors: pkg/printers/internalversion/printers.go :: listWithMoreString"""
    ret = ",".join(items)
    if more:
        return f"{ret} + {count - maximum} more..."
    if ret == "":
        ret = UNSET
    return ret


def has_condition(conditions: Iterable[Obj] | None, ctype: str) -> bool:
    """Whether the first condition of ``ctype`` has status True.

    Mirrors: pkg/printers/internalversion/printers.go :: hasJobCondition
    """
    for c in conditions or ():
        if c.get("type") == ctype:
            return c.get("status") == "True"
    return False
