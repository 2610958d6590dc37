"""The pieces every describer shares: the indenting writer, labels, annotations and events.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (PrefixWriter, tabbedString,
printLabelsMultiline, printAnnotationsMultiline, DescribeEvents, searchEvents, ...)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from kubelab.api.errors import ApiError
from kubelab.apiserver.printers.common import translate_timestamp_since
from kubelab.engine import clock
from kubelab.kubectl import tabwriter

Obj = dict[str, Any]

LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4 = range(5)
SKIP_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration",)
MAX_ANNOTATION_LEN = 140


def escape_terminal(text: str) -> str:
    """Mirrors: cli-runtime/pkg/printers/terminal.go :: EscapeTerminal"""
    return text.replace("\x1b", "^[").replace("\r", "\\r")


class PrefixWriter:
    """Writes text indented two spaces per level into a tabwriter that can be flushed.

    Mirrors: describe.go :: prefixWriter over tabbedString's tabwriter (minwidth 0, padding 2)
    """

    def __init__(self) -> None:
        self._segments: list[str] = []
        self._buf: list[str] = []

    def write(self, level: int, text: str) -> None:
        self._buf.append(escape_terminal("  " * level + text))

    def write_line(self, *parts: str) -> None:
        self._buf.append(escape_terminal(" ".join(parts) + "\n"))

    def flush(self) -> None:
        self._segments.append("".join(self._buf))
        self._buf = []

    def text(self) -> str:
        self.flush()
        return "".join(tabwriter.tabbed(s) for s in self._segments)


def print_name_and_namespace(w: PrefixWriter, md: Mapping[str, Any]) -> None:
    """The ``Name:`` and ``Namespace:`` lines most describers open with.

    kubelab-only: describe.go writes these two lines in each describer.
    """
    w.write(LEVEL_0, f"Name:\t{md.get('name', '')}\n")
    w.write(LEVEL_0, f"Namespace:\t{md.get('namespace', '')}\n")


def meta(obj: Mapping[str, Any]) -> Obj:
    return obj.get("metadata") or {}


def spec(obj: Mapping[str, Any]) -> Obj:
    return obj.get("spec") or {}


def status(obj: Mapping[str, Any]) -> Obj:
    return obj.get("status") or {}


def rfc1123z(ts: str | None) -> str:
    """metav1.Time formatted with time.RFC1123Z (kubelab's clock is UTC): ``Wed, 01 Jan 2025 00:00:05 +0000``.

    A missing time prints as Go's zero time.
    """
    t = clock.parse(ts)
    if t is None:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    d = clock.EPOCH + _dt.timedelta(seconds=t)
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def since(ts: str | None, now: float) -> str:
    """Mirrors: describe.go :: translateTimestampSince"""
    return translate_timestamp_since(ts, now)


def go_bool(v: Any) -> str:
    return "true" if v else "false"


def print_bool(v: Any) -> str:
    """Mirrors: describe.go :: printBool"""
    return "True" if v else "False"


def print_bool_ptr(v: Any) -> str:
    """Mirrors: describe.go :: printBoolPtr"""
    return "<unset>" if v is None else print_bool(v)


def string_or_none(s: str) -> str:
    return s if s else "<none>"


def print_labels_multiline_with_indent(w: PrefixWriter, initial_indent: str, title: str, inner_indent: str,
                                       labels: Mapping[str, str] | None, skip: tuple[str, ...] = ()) -> None:
    """Mirrors: describe.go :: printLabelsMultilineWithIndent"""
    w.write(LEVEL_0, f"{initial_indent}{title}:{inner_indent}")
    keys = sorted(k for k in (labels or {}) if k not in skip)
    if not keys:
        w.write_line("<none>")
        return
    for i, key in enumerate(keys):
        if i != 0:
            w.write(LEVEL_0, initial_indent)
            w.write(LEVEL_0, inner_indent)
        w.write(LEVEL_0, f"{key}={labels[key]}\n")  # type: ignore[index]


def print_labels_multiline(w: PrefixWriter, title: str, labels: Mapping[str, str] | None) -> None:
    print_labels_multiline_with_indent(w, "", title, "\t", labels)


def print_labels_and_annotations(w: PrefixWriter, md: Mapping[str, Any]) -> None:
    """An object's ``Labels:`` and then its ``Annotations:``, the pair most describers print.

    Mirrors: describe.go :: printLabelsMultiline(w, "Labels", ...) followed by
    printAnnotationsMultiline(w, "Annotations", ...)
    """
    print_labels_multiline(w, "Labels", md.get("labels"))
    print_annotations_multiline(w, "Annotations", md.get("annotations"))


def _shorten(s: str, max_length: int) -> str:
    return s[:max_length] + "..." if len(s.encode()) > max_length else s


def print_annotations_multiline(w: PrefixWriter, title: str, annotations: Mapping[str, str] | None) -> None:
    """Mirrors: describe.go :: printAnnotationsMultiline"""
    w.write(LEVEL_0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k not in SKIP_ANNOTATIONS)
    if not keys:
        w.write_line("<none>")
        return
    indent = "\t"
    for i, key in enumerate(keys):
        if i != 0:
            w.write(LEVEL_0, indent)
        value = annotations[key]  # type: ignore[index]
        if value.endswith("\n"):
            value = value[:-1]
        if len(value.encode()) + len(key.encode()) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(LEVEL_0, f"{key}:\n")
            for s in value.split("\n"):
                w.write(LEVEL_0, f"{indent}  {_shorten(s, MAX_ANNOTATION_LEN - 2)}\n")
        else:
            w.write(LEVEL_0, f"{key}: {value}\n")


def print_taints_multiline(w: PrefixWriter, title: str, taints: list[Obj] | None) -> None:
    """Mirrors: describe.go :: printTaintsMultilineWithIndent"""
    w.write(LEVEL_0, f"{title}:\t")
    if not taints:
        w.write_line("<none>")
        return
    ordered = sorted(taints, key=lambda t: f"{t.get('effect', '')},{t.get('key', '')}")
    for i, t in enumerate(ordered):
        if i != 0:
            w.write(LEVEL_0, "\t")
        w.write(LEVEL_0, taint_to_string(t) + "\n")


def taint_to_string(t: Obj) -> str:
    """Mirrors: api/core/v1/taint.go :: (*Taint).ToString"""
    key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
    if not value:
        return f"{key}:{effect}" if effect else key
    return f"{key}={value}:{effect}" if effect else f"{key}={value}"


def print_tolerations_multiline(w: PrefixWriter, initial_indent: str, title: str,
                                tolerations: list[Obj] | None) -> None:
    """Mirrors: describe.go :: printTolerationsMultilineWithIndent"""
    w.write(LEVEL_0, f"{initial_indent}{title}:\t")
    if not tolerations:
        w.write_line("<none>")
        return
    ordered = sorted(tolerations, key=lambda t: t.get("key", ""))
    for i, t in enumerate(ordered):
        if i != 0:
            w.write(LEVEL_0, initial_indent)
            w.write(LEVEL_0, "\t")
        key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
        text = key
        if value:
            text += f"={value}"
        if effect:
            text += f":{effect}"
        if t.get("operator") == "Exists" and not value:
            text += " op=Exists" if key or effect else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {t['tolerationSeconds']}s"
        w.write(LEVEL_0, text + "\n")


def print_controller(obj: Mapping[str, Any]) -> str:
    """``ReplicaSet/web-7d4b9`` for the controlling owner. Mirrors: describe.go :: printController"""
    for ref in meta(obj).get("ownerReferences") or []:
        if ref.get("controller"):
            return f"{ref.get('kind', '')}/{ref.get('name', '')}"
    return ""


def print_controlled_by(w: PrefixWriter, obj: Mapping[str, Any]) -> None:
    """The ``Controlled By:`` line, written only for an object that has a controller.

    Mirrors: describe.go :: printController with the line its callers write from it
    """
    controlled_by = print_controller(obj)
    if controlled_by:
        w.write(LEVEL_0, f"Controlled By:\t{controlled_by}\n")


def controller_uid(obj: Mapping[str, Any]) -> str | None:
    for ref in meta(obj).get("ownerReferences") or []:
        if ref.get("controller"):
            return str(ref.get("uid", ""))
    return None


# --- events -----------------------------------------------------------------------------------


def _event_time(e: Obj) -> float:
    series = e.get("series")
    if series:
        return clock.parse(series.get("lastObservedTime")) or 0.0
    t = clock.parse(e.get("lastTimestamp"))
    if t is not None:
        return t
    return clock.parse(e.get("eventTime")) or float("-inf")


def search_events(client: Any, obj: Mapping[str, Any], *, kind: str | None, uid: str | None = None,
                  namespace: str | None = None) -> list[Obj]:
    """Events about an object, found with the involvedObject field selectors kubectl sends.

    Mirrors: describe.go :: searchEvents and client-go/kubernetes/typed/core/v1/event_expansion.go ::
    GetFieldSelector (the selector terms sorted by key)

    Differences: the events returned are also filtered here, so a server without these field
    selectors still gives kubectl's answer.
    """
    md = meta(obj)
    ns = md.get("namespace", "") if namespace is None else namespace
    ref_uid = md.get("uid", "") if uid is None else uid
    terms: dict[str, str] = {"involvedObject.name": md.get("name", ""), "involvedObject.namespace": ns}
    if kind:
        terms["involvedObject.kind"] = kind
    if ref_uid:
        terms["involvedObject.uid"] = ref_uid
    selector = ",".join(f"{k}={_escape_field_value(v)}" for k, v in sorted(terms.items()))
    try:
        lst = client.list("events", ns or None, field_selector=selector)
    except ApiError:
        lst = client.list("events", ns or None)
    out = []
    for e in lst.get("items") or []:
        io = e.get("involvedObject") or {}
        if all(str(io.get(k.split(".", 1)[1], "")) == v for k, v in terms.items()):
            out.append(e)
    return out


def _escape_field_value(v: str) -> str:
    """Mirrors: apimachinery/pkg/fields/selector.go :: EscapeValue"""
    return v.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def describe_events(events: list[Obj], w: PrefixWriter, now: float) -> None:
    """The Events table.

    Mirrors: describe.go :: DescribeEvents (v1.34: no involvedObject.fieldPath prefix) and
    kubectl/pkg/util/event/sorted_event_list.go :: SortableEvents
    """
    if not events:
        w.write(LEVEL_0, "Events:\t<none>\n")
        return
    w.flush()
    ordered = sorted(events, key=_event_time)
    w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(LEVEL_1, "----\t------\t----\t----\t-------\n")
    for e in ordered:
        if e.get("eventTime"):
            first = since(e.get("eventTime"), now)
        else:
            first = since(e.get("firstTimestamp"), now)
        series = e.get("series")
        count = int(e.get("count") or 0)
        if series:
            interval = f"{since(series.get('lastObservedTime'), now)} (x{series.get('count', 0)} over {first})"
        elif count > 1:
            interval = f"{since(e.get('lastTimestamp'), now)} (x{count} over {first})"
        else:
            interval = first
        source = (e.get("source") or {}).get("component", "") or e.get("reportingComponent", "") or ""
        message = (e.get("message") or "").strip()
        w.write(LEVEL_1, f"{e.get('type', '')}\t{e.get('reason', '')}\t{interval}\t{source}\t{message}\n")


def text_with_events(w: PrefixWriter, events: list[Obj] | None, now: float) -> str:
    """The describer's text, ending with the Events table when events were searched.

    Mirrors: describe.go :: the ``if events != nil { DescribeEvents(events, w) }`` ending of
    each describer, and tabbedString returning the flushed text
    """
    if events is not None:
        describe_events(events, w, now)
    return w.text()


def go_sprint_list(values: list[Any]) -> str:
    """Go's ``%v`` of a []string: ``[a b]``."""
    return "[" + " ".join(str(v) for v in values) + "]"
