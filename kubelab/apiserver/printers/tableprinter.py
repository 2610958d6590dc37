"""What kubectl prints from a server-side Table: headers, decorated rows, aligned columns.

kubectl hides priority-1 columns unless ``-o wide``, puts NAMESPACE first with
``--all-namespaces``, prefixes names with ``kind.group/`` when several kinds are printed,
and appends LABELS (``--show-labels``) and ``-L`` label columns.

Upstream: staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go ::
(*HumanReadablePrinter).PrintObj, printTable, decorateTable;
staging/src/k8s.io/cli-runtime/pkg/printers/terminal.go :: EscapeTerminal
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kubelab.api import labels
from kubelab.apiserver.printers.tabwriter import Writer, get_new_tab_writer


@dataclass(slots=True)
class PrintOptions:
    """Mirrors: staging/src/k8s.io/cli-runtime/pkg/printers/interface.go :: PrintOptions

    Differences: ``kind`` is the GroupKind already written as text (``Deployment.apps``).
    """

    no_headers: bool = False
    with_namespace: bool = False
    with_kind: bool = False
    wide: bool = False
    show_labels: bool = False
    kind: str = ""
    column_labels: Sequence[str] = ()


def escape_terminal(text: str) -> str:
    """Mirrors: cli-runtime/pkg/printers/terminal.go :: EscapeTerminal"""
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def go_sprint(value: Any) -> str:
    """A JSON-decoded cell as Go's fmt.Sprint prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if isinstance(value, list):
        return "[" + " ".join(go_sprint(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "map[" + " ".join(f"{k}:{go_sprint(v)}" for k, v in sorted(value.items())) + "]"
    return str(value)


def format_label_headers(column_labels: Sequence[str]) -> list[str]:
    """``-L app.kubernetes.io/name`` heads its column NAME.

    Mirrors: cli-runtime/pkg/printers/tableprinter.go :: formatLabelHeaders
    """
    return [label.split("/")[-1].upper() for label in column_labels]


def _metadata(obj: Any) -> Mapping[str, Any] | None:
    if isinstance(obj, Mapping) and isinstance(obj.get("metadata"), Mapping):
        return obj["metadata"]
    return None


def append_label_cells(cells: list[Any], item_labels: Mapping[str, str], options: PrintOptions) -> list[Any]:
    """Mirrors: cli-runtime/pkg/printers/tableprinter.go :: appendLabelCells"""
    for key in options.column_labels:
        cells.append(item_labels.get(key, ""))
    if options.show_labels:
        cells.append(labels.format_labels(item_labels))
    return cells


def decorate_table(table: dict[str, Any], options: PrintOptions) -> None:
    """Add the NAMESPACE, label and LABELS columns and the kind prefix, in place.

    Mirrors: cli-runtime/pkg/printers/tableprinter.go :: decorateTable
    """
    columns = list(table.get("columnDefinitions") or [])
    width = len(columns) + len(options.column_labels)
    if options.with_namespace:
        width += 1
    if options.show_labels:
        width += 1

    name_column = -1
    if options.with_kind and options.kind:
        for i, c in enumerate(columns):
            if c.get("format") == "name" and c.get("type") == "string":
                name_column = i
                break

    if width != len(columns):
        decorated: list[dict[str, Any]] = []
        if options.with_namespace:
            decorated.append({"name": "Namespace", "type": "string", "format": "", "description": "", "priority": 0})
        decorated += columns
        for header in format_label_headers(options.column_labels):
            decorated.append({"name": header, "type": "string", "format": "", "description": "", "priority": 0})
        if options.show_labels:
            decorated.append({"name": "Labels", "type": "string", "format": "", "description": "", "priority": 0})
        columns = decorated

    rows = table.get("rows") or []
    include_labels = bool(options.column_labels) or options.show_labels
    if include_labels or options.with_namespace or name_column != -1:
        for r in rows:
            cells = list(r.get("cells") or [])
            if name_column != -1 and name_column < len(cells):
                cells[name_column] = f"{options.kind.lower()}/{go_sprint(cells[name_column])}"
            m = _metadata(r.get("object"))
            if m is None:
                # no metadata to read: leave the added cells empty
                if options.with_namespace:
                    cells.insert(0, None)
                # Go re-reads len(cells) in the loop condition, so only about half the gap is filled
                j = 0
                while j < width - len(cells):
                    cells.append(None)
                    j += 1
            else:
                if options.with_namespace:
                    cells.insert(0, m.get("namespace", ""))
                if include_labels:
                    append_label_cells(cells, m.get("labels") or {}, options)
            r["cells"] = cells

    table["columnDefinitions"] = columns
    table["rows"] = rows


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        text, truncated = cell, False
        # tabwriter treats these as line ends: cut the cell there
        cut = min((i for i in (cell.find("\f"), cell.find("\n"), cell.find("\r")) if i >= 0), default=-1)
        if cut >= 0:
            text, truncated = cell[:cut], True
        return escape_terminal(text) + ("..." if truncated else "")
    return escape_terminal(go_sprint(cell))


def print_table(table: Mapping[str, Any], options: PrintOptions) -> str:
    """Header and rows as tab-separated lines (priority > 0 columns only when wide).

    Mirrors: cli-runtime/pkg/printers/tableprinter.go :: printTable
    """
    columns = table.get("columnDefinitions") or []
    rows = table.get("rows") or []
    out: list[str] = []
    if not options.no_headers:
        if not rows:
            return ""
        out.append("\t".join(c.get("name", "").upper() for c in columns
                             if options.wide or c.get("priority", 0) == 0) + "\n")
    for r in rows:
        texts = []
        for i, cell in enumerate(r.get("cells") or []):
            if i >= len(columns):
                # more cells than columns from a misbehaving server: stop there
                break
            if not options.wide and columns[i].get("priority", 0) != 0:
                continue
            texts.append(_cell_text(cell))
        out.append("\t".join(texts) + "\n")
    return "".join(out)


@dataclass(slots=True)
class HumanReadablePrinter:
    """Prints Tables one after another, as ``kubectl get`` (and ``get -w``) does.

    Headers are printed once for a run of tables with the same columns; a table without
    column definitions (a watch event) reuses the last ones.

    Mirrors: cli-runtime/pkg/printers/tableprinter.go :: HumanReadablePrinter.PrintObj
    """

    options: PrintOptions = field(default_factory=PrintOptions)
    last_columns: list[dict[str, Any]] | None = None
    printed_headers: bool = False

    def print_obj(self, table: Mapping[str, Any], writer: Writer) -> None:
        """Write ``table`` to ``writer`` (the caller flushes)."""
        t = copy.deepcopy(dict(table))
        local = copy.copy(self.options)
        columns = t.get("columnDefinitions") or []
        if self.printed_headers and (not columns or columns == self.last_columns):
            local.no_headers = True
        if not columns:
            t["columnDefinitions"] = copy.deepcopy(self.last_columns or [])
        elif columns != self.last_columns:
            self.last_columns = copy.deepcopy(columns)
            self.printed_headers = False
        if t.get("rows"):
            self.printed_headers = True
        decorate_table(t, local)
        writer.write(print_table(t, local))


def render(table: Mapping[str, Any], *, wide: bool = False, show_kind: bool = False, kind_prefix: str = "",
           with_namespace: bool = False, show_labels: bool = False, label_columns: Sequence[str] = (),
           no_headers: bool = False) -> str:
    """The text ``kubectl get`` prints for one server-side Table (ends with a newline; empty when no rows).

    Args:
        table: a metav1.Table dict, as :func:`~kubelab.apiserver.printers.to_table` returns.
        wide: ``-o wide``: show priority-1 columns too.
        show_kind: prefix names with ``kind_prefix/`` (kubectl does when several kinds are printed).
        kind_prefix: the GroupKind, ``Deployment.apps`` or ``pod`` (lower-cased when printed).
        with_namespace: a leading NAMESPACE column (``-A`` on a namespaced resource).
        show_labels: a trailing LABELS column.
        label_columns: ``-L`` keys, one column each.
        no_headers: ``--no-headers``.

    Several kinds (``kubectl get all``) are rendered one table at a time and joined with a
    blank line, as kubectl flushes its writer when the kind changes.
    """
    options = PrintOptions(no_headers=no_headers, with_namespace=with_namespace, with_kind=show_kind, wide=wide,
                           show_labels=show_labels, kind=kind_prefix, column_labels=tuple(label_columns))
    writer = get_new_tab_writer()
    HumanReadablePrinter(options).print_obj(table, writer)
    return writer.flush()
