"""The fallback describer for kinds without their own: every field of the object, labelled.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (genericDescriber.Describe,
printUnstructuredContent, smartLabelFor) and github.com/fatih/camelcase :: Split
"""

from __future__ import annotations

from typing import Any

from kubelab.kubectl import gofmt
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    Obj,
    PrefixWriter,
    meta,
    print_labels_and_annotations,
    print_name_and_namespace,
    search_events,
    text_with_events,
)

COMMON_ACRONYMS = ("API", "URL", "UID", "GUID")
SKIP = (".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
        ".metadata.annotations")


def _rune_class(r: str) -> int:
    if r.islower():
        return 1
    if r.isupper():
        return 2
    if r.isdigit():
        return 3
    return 4


def camelcase_split(src: str) -> list[str]:
    """Mirrors: github.com/fatih/camelcase :: Split"""
    runs: list[list[str]] = []
    last = 0
    for r in src:
        c = _rune_class(r)
        if c == last and runs:
            runs[-1].append(r)
        else:
            runs.append([r])
        last = c
    for i in range(len(runs) - 1):
        if runs[i][0].isupper() and runs[i + 1][0].islower():
            runs[i + 1] = [runs[i][-1]] + runs[i + 1]
            runs[i] = runs[i][:-1]
    return ["".join(r) for r in runs if r]


def smart_label_for(field: str) -> str:
    """``creationTimestamp`` → ``Creation Timestamp``, ``apiVersion`` → ``API Version``.

    Mirrors: describe.go :: smartLabelFor
    """
    if any(not (r.isalpha() or r == "-") for r in field):
        return field
    out = []
    for part in camelcase_split(field):
        if part == "_":
            continue
        if part.upper() in COMMON_ACRONYMS:
            part = part.upper()
        elif part.lower() == part:
            part = part[:1].upper() + part[1:]
        out.append(part)
    return " ".join(out)


def print_unstructured_content(w: PrefixWriter, level: int, content: Obj, skip_prefix: str) -> None:
    """Mirrors: describe.go :: printUnstructuredContent"""
    for name in sorted(content):
        value = content[name]
        expr = f"{skip_prefix}.{name}"
        if expr in SKIP:
            continue
        if isinstance(value, dict):
            w.write(level, f"{smart_label_for(name)}:\n")
            print_unstructured_content(w, level + 1, value, expr)
        elif isinstance(value, list):
            w.write(level, f"{smart_label_for(name)}:\n")
            for child in value:
                if isinstance(child, dict):
                    print_unstructured_content(w, level + 1, child, expr)
                else:
                    w.write(level + 1, f"{gofmt.sprint(child)}\n")
        else:
            w.write(level, f"{smart_label_for(name)}:\t{gofmt.sprint(value)}\n")


def describe_generic(client: Any, obj: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*genericDescriber).Describe"""
    md = meta(obj)
    events = search_events(client, obj, kind=obj.get("kind", "")) if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    print_labels_and_annotations(w, md)
    print_unstructured_content(w, LEVEL_0, obj, "")
    return text_with_events(w, events, now)
