"""Go's ``%#v`` for the typed values validation errors print (selectors, int-or-strings, ...).

A field error whose bad value is a Go struct prints it with ``%#v`` (pointers are first
dereferenced), e.g. ``v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
MatchExpressions:[]v1.LabelSelectorRequirement(nil)}``. Wire dicts lose the Go type, so
each struct a message can carry gets its renderer here.

kubelab-only: stands in for fmt's ``%#v`` verb applied to the internal API types
(staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go :: ErrorBody).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kubelab.api.field import go_quote


class GoRepr:
    """A bad value that prints as pre-rendered Go syntax (``field.go_value`` calls ``str``)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"GoRepr({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GoRepr) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def string_map(m: dict[str, str] | None) -> str:
    """``map[string]string{...}``; a missing map prints as Go's typed nil."""
    if m is None:
        return "map[string]string(nil)"
    inner = ", ".join(f"{go_quote(str(k))}:{go_quote(str(v))}" for k, v in sorted(m.items()))
    return "map[string]string{" + inner + "}"


def string_slice(items: list[str] | None, typ: str = "[]string") -> str:
    if items is None:
        return typ + "(nil)"
    return typ + "{" + ", ".join(go_quote(str(v)) for v in items) + "}"


def labels_value(labels: dict[str, str] | None) -> GoRepr:
    """A ``map[string]string`` bad value (template labels, selectors of Services)."""
    return GoRepr(string_map(labels))


def label_selector(sel: dict[str, Any] | None) -> GoRepr | None:
    """``v1.LabelSelector{...}`` as ``%#v`` prints a dereferenced ``*metav1.LabelSelector``."""
    if sel is None:
        return None
    exprs = sel.get("matchExpressions")
    if exprs is None:
        ex = "[]v1.LabelSelectorRequirement(nil)"
    else:
        parts = []
        for e in exprs:
            parts.append(
                "v1.LabelSelectorRequirement{Key:" + go_quote(e.get("key", ""))
                + ", Operator:" + go_quote(e.get("operator", ""))
                + ", Values:" + string_slice(e.get("values")) + "}"
            )
        ex = "[]v1.LabelSelectorRequirement{" + ", ".join(parts) + "}"
    return GoRepr(
        "v1.LabelSelector{MatchLabels:" + string_map(sel.get("matchLabels")) + ", MatchExpressions:" + ex + "}"
    )


def int_or_string(v: Any) -> GoRepr:
    """``intstr.IntOrString{Type:1, IntVal:0, StrVal:"50%"}``."""
    if isinstance(v, str):
        return GoRepr(f"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{go_quote(v)}}}")
    return GoRepr(f"intstr.IntOrString{{Type:0, IntVal:{int(v or 0)}, StrVal:\"\"}}")


def _ptr(v: Any, typ: str) -> str:
    # Go prints a non-nil pointer field as its address; kubelab prints the pointee instead
    # so that messages stay deterministic.
    if v is None:
        return f"({typ})(nil)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return go_quote(v)
    return str(v)


def owner_reference(ref: dict[str, Any]) -> str:
    return (
        "v1.OwnerReference{APIVersion:" + go_quote(ref.get("apiVersion", ""))
        + ", Kind:" + go_quote(ref.get("kind", ""))
        + ", Name:" + go_quote(ref.get("name", ""))
        + ", UID:" + go_quote(ref.get("uid", ""))
        + ", Controller:" + _ptr(ref.get("controller"), "*bool")
        + ", BlockOwnerDeletion:" + _ptr(ref.get("blockOwnerDeletion"), "*bool") + "}"
    )


def owner_references(refs: list[dict[str, Any]]) -> GoRepr:
    return GoRepr("[]v1.OwnerReference{" + ", ".join(owner_reference(r) for r in refs) + "}")


def service_port_key(protocol: str, port: int) -> GoRepr:
    """The ``core.ServicePort{Protocol, Port}`` key a duplicate-port error prints."""
    return GoRepr(
        f"core.ServicePort{{Name:\"\", Protocol:{go_quote(protocol)}, AppProtocol:(*string)(nil), "
        f"Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}"
    )


def role_ref(ref: dict[str, Any]) -> GoRepr:
    return GoRepr(
        "rbac.RoleRef{APIGroup:" + go_quote(ref.get("apiGroup", "")) + ", Kind:"
        + go_quote(ref.get("kind", "")) + ", Name:" + go_quote(ref.get("name", "")) + "}"
    )


def struct(typ: str, obj: dict[str, Any] | None) -> GoRepr:
    """A struct kubelab has no exact renderer for: ``typ{Field:value, ...}`` over the set fields.

    Differences: upstream prints every Go field, zero values included; kubelab prints the
    wire fields that are set, with Go's capitalised names.
    """
    if obj is None:
        return GoRepr("null")
    parts = []
    for k, v in obj.items():
        parts.append(f"{k[:1].upper()}{k[1:]}:{literal(v)}")
    return GoRepr(typ + "{" + ", ".join(parts) + "}")


def literal(v: Any) -> str:
    """A wire value as a Go composite literal (maps of strings and string slices typed)."""
    if v is None:
        return "nil"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return go_quote(v)
    if isinstance(v, int | float):
        return str(v)
    if isinstance(v, dict):
        if all(isinstance(x, str) for x in v.values()):
            return string_map(v)
        return "{" + ", ".join(f"{k[:1].upper()}{k[1:]}:{literal(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        if all(isinstance(x, str) for x in v):
            return string_slice(v)
        return "[]{" + ", ".join(literal(x) for x in v) + "}"
    return str(v)


def go_time(ts: Any) -> Any:
    """A metav1.Time prints through ``time.Time.String``: ``2024-01-02 03:04:05 +0000 UTC``."""
    if not isinstance(ts, str) or not ts:
        return ts
    try:
        t = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return ts
    frac = f".{t.microsecond:06d}".rstrip("0") if t.microsecond else ""
    return GoRepr(t.strftime("%Y-%m-%d %H:%M:%S") + frac + " +0000 UTC")
