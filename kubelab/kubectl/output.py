"""Printers for ``-o name|json|yaml|jsonpath|custom-columns`` and ``--sort-by`` ordering.

Upstream: staging/src/k8s.io/cli-runtime/pkg/printers (name.go, json.go, yaml.go, jsonpath.go),
staging/src/k8s.io/cli-runtime/pkg/genericclioptions (json_yaml_flags.go, jsonpath_flags.go),
staging/src/k8s.io/kubectl/pkg/cmd/get (customcolumn.go, sorter.go, table_printer.go) and
github.com/fvbommel/sortorder :: NaturalLess
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kubelab.api.quantity import parse_quantity
from kubelab.kubectl import gofmt, tabwriter
from kubelab.kubectl.errors import KubectlError, go_quote
from kubelab.kubectl.jsonpath import JSONPath, JSONPathError, relaxed_json_path_expression
from kubelab.kubectl.yamlio import to_json, to_yaml

GET_FORMATS = (
    "custom-columns", "custom-columns-file", "go-template", "go-template-file", "json", "jsonpath",
    "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "wide", "yaml",
)
TEMPLATE_FORMATS = ("go-template", "go-template-file", "template", "templatefile")


def no_compatible_printer(output: str, allowed: Sequence[str]) -> KubectlError:
    """Mirrors: cli-runtime/pkg/genericclioptions :: NoCompatiblePrinterError"""
    return KubectlError(
        f"unable to match a printer suitable for the output format {go_quote(output)}, "
        f"allowed formats are: {','.join(sorted(allowed))}"
    )


def group_kind_of(obj: dict[str, Any]) -> tuple[str, str]:
    api_version = str(obj.get("apiVersion", ""))
    group = api_version.split("/", 1)[0] if "/" in api_version else ""
    return group, str(obj.get("kind", ""))


def name_line(obj: dict[str, Any], operation: str = "", short: bool = False) -> str:
    """``deployment.apps/web created``.

    Mirrors: cli-runtime/pkg/printers/name.go :: printObj
    """
    group, kind = group_kind_of(obj)
    name = (obj.get("metadata") or {}).get("name") or "<unknown>"
    if not kind:
        raise KubectlError(f"missing kind for resource with name {name}")
    prefix = f"{kind.lower()}.{group}" if group else kind.lower()
    line = f"{prefix}/{name}"
    if not short and operation:
        line += f" {operation}"
    return line + "\n"


def is_list(obj: dict[str, Any]) -> bool:
    return isinstance(obj.get("items"), list) and str(obj.get("kind", "")).endswith("List")


def omit_managed_fields(obj: dict[str, Any]) -> dict[str, Any]:
    """Mirrors: cli-runtime/pkg/printers/managedfields.go :: OmitManagedFieldsPrinter"""
    out = copy.copy(obj)
    if is_list(obj):
        out["items"] = [omit_managed_fields(i) for i in obj["items"]]
        return out
    meta = obj.get("metadata")
    if isinstance(meta, dict) and "managedFields" in meta:
        meta = dict(meta)
        del meta["managedFields"]
        out["metadata"] = meta
    return out


@dataclass(slots=True)
class Printer:
    """One ``-o`` format, ready to print objects (a List prints as a List)."""

    fmt: str
    template: str = ""
    jsonpath: JSONPath | None = None
    columns: list[tuple[str, str]] | None = None
    no_headers: bool = False
    operation: str = ""
    short: bool = False

    def print_obj(self, obj: dict[str, Any]) -> str:
        if self.fmt == "name":
            if is_list(obj):
                return "".join(name_line(i, self.operation, self.short) for i in obj["items"])
            return name_line(obj, self.operation, self.short)
        if self.fmt == "json":
            return to_json(omit_managed_fields(obj))
        if self.fmt == "yaml":
            return to_yaml(omit_managed_fields(obj))
        if self.fmt in ("jsonpath", "jsonpath-as-json"):
            return self._print_jsonpath(obj)
        if self.fmt == "custom-columns":
            return self._print_columns(obj)
        raise no_compatible_printer(self.fmt, GET_FORMATS)

    def _print_jsonpath(self, obj: dict[str, Any]) -> str:
        """Mirrors: cli-runtime/pkg/printers/jsonpath.go :: (*JSONPathPrinter).PrintObj"""
        assert self.jsonpath is not None
        try:
            return self.jsonpath.execute(obj)
        except JSONPathError as e:
            buf = (
                f"Error executing template: {e}. Printing more information for debugging the template:\n"
                f"\ttemplate was:\n\t\t{self.template}\n"
                f"\tobject given to jsonpath engine was:\n\t\t{gofmt.sharp_v(obj)}\n\n"
            )
            raise KubectlError(f"error executing jsonpath {go_quote(self.template)}: {buf}\n") from None

    def _print_columns(self, obj: dict[str, Any]) -> str:
        """Mirrors: kubectl/pkg/cmd/get/customcolumn.go :: (*CustomColumnsPrinter).PrintObj"""
        assert self.columns is not None
        lines: list[str] = []
        if not self.no_headers:
            lines.append("\t".join(h for h, _ in self.columns))
        parsers = []
        for ix, (_, spec) in enumerate(self.columns):
            p = JSONPath(f"column{ix}").allow_missing(True)
            p.parse(spec)
            parsers.append(p)
        items = obj["items"] if is_list(obj) else [obj]
        for item in items:
            cells = []
            for p in parsers:
                values = p.find_results(item)
                strs: list[str] = []
                if not values or not values[0]:
                    strs.append("<none>")
                for arr in values:
                    strs.extend(gofmt.sprint(v) for v in arr)
                cells.append(",".join(strs))
            lines.append("\t".join(cells))
        return tabwriter.table("".join(line + "\n" for line in lines))


def read_template_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as e:
        raise KubectlError(f"error reading --template {path}, {e.strerror}\n") from None


def new_printer(output: str, *, no_headers: bool = False, operation: str = "") -> Printer:
    """The printer for a non-table ``-o`` value.

    Mirrors: cli-runtime/pkg/genericclioptions :: PrintFlags.ToPrinter (json/yaml/name,
    jsonpath and custom-columns branches)
    """
    fmt, _, template = output.partition("=")
    if fmt in ("json", "yaml"):
        return Printer(fmt)
    if fmt == "name":
        return Printer("name", operation=operation, short=True)
    if fmt in ("jsonpath", "jsonpath-as-json", "jsonpath-file"):
        if not template:
            raise KubectlError("template format specified but no template given")
        if fmt == "jsonpath-file":
            template = read_template_file(template)
        jp = JSONPath("out")
        try:
            jp.parse(template)
        except JSONPathError as e:
            raise KubectlError(f"error parsing jsonpath {template}, {e}\n") from None
        jp.allow_missing(True)
        jp.output_json = fmt == "jsonpath-as-json"
        return Printer("jsonpath-as-json" if jp.output_json else "jsonpath", template=template, jsonpath=jp)
    if fmt in TEMPLATE_FORMATS:
        raise KubectlError(f"kubelab does not support -o {fmt} (use -o jsonpath or -o custom-columns)")
    if fmt in ("custom-columns", "custom-columns-file"):
        if fmt == "custom-columns-file":
            return Printer("custom-columns", columns=_columns_from_file(template), no_headers=no_headers)
        return Printer("custom-columns", columns=_columns_from_spec(template), no_headers=no_headers)
    raise no_compatible_printer(output, GET_FORMATS)


def _columns_from_spec(spec: str) -> list[tuple[str, str]]:
    """Mirrors: customcolumn.go :: NewCustomColumnsPrinterFromSpec"""
    if not spec:
        raise KubectlError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        col = part.split(":", 1)
        if len(col) != 2:
            raise KubectlError(
                f"unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            )
        try:
            columns.append((col[0], relaxed_json_path_expression(col[1])))
        except JSONPathError as e:
            raise KubectlError(str(e)) from None
    return columns


def _columns_from_file(path: str) -> list[tuple[str, str]]:
    """Mirrors: customcolumn.go :: NewCustomColumnsPrinterFromTemplate"""
    text = read_template_file(path)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) != 2:
        raise KubectlError(f"unexpected template format, expected 2 lines, got: {len(lines)}")
    headers, specs = lines[0].split(), lines[1].split()
    if len(headers) != len(specs):
        raise KubectlError(
            f"number of headers ({len(headers)}) and field specifications ({len(specs)}) don't match"
        )
    out = []
    for h, s in zip(headers, specs):
        try:
            out.append((h, relaxed_json_path_expression(s)))
        except JSONPathError as e:
            raise KubectlError(str(e)) from None
    return out


# --- sorting ----------------------------------------------------------------------------------


def natural_less(s1: str, s2: str) -> bool:
    """Mirrors: github.com/fvbommel/sortorder :: NaturalLess"""
    b1, b2 = s1.encode(), s2.encode()
    i1 = i2 = 0
    while i1 < len(b1) and i2 < len(b2):
        c1, c2 = b1[i1], b2[i2]
        d1, d2 = 48 <= c1 <= 57, 48 <= c2 <= 57
        if d1 != d2:
            return d1
        if not d1:
            if c1 != c2:
                return c1 < c2
            i1 += 1
            i2 += 1
            continue
        while i1 < len(b1) and b1[i1] == 48:
            i1 += 1
        while i2 < len(b2) and b2[i2] == 48:
            i2 += 1
        nz1, nz2 = i1, i2
        while i1 < len(b1) and 48 <= b1[i1] <= 57:
            i1 += 1
        while i2 < len(b2) and 48 <= b2[i2] <= 57:
            i2 += 1
        if i1 - nz1 != i2 - nz2:
            return i1 - nz1 < i2 - nz2
        if b1[nz1:i1] != b2[nz2:i2]:
            return b1[nz1:i1] < b2[nz2:i2]
        if nz1 != nz2:
            return nz1 < nz2
    return len(b1) < len(b2)


def is_less(a: Any, b: Any) -> bool:
    """Mirrors: kubectl/pkg/cmd/get/sorter.go :: isLess (for values decoded from JSON)"""
    if a is None and b is None:
        return False
    if a is None:
        return True
    if b is None:
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        if isinstance(a, bool) and isinstance(b, bool):
            return (not a) and b
    elif isinstance(a, int) and isinstance(b, int):
        return a < b
    elif isinstance(a, float) and isinstance(b, float):
        return a < b
    elif isinstance(a, str) and isinstance(b, str):
        try:
            qa, qb = parse_quantity(a), parse_quantity(b)
        except Exception:  # noqa: BLE001 - not a quantity: compare as text
            return natural_less(a, b)
        return qa.cmp(qb) < 0
    raise KubectlError(f"unsortable type: {type(a).__name__}")


def go_sort(items: list[Any], less: Callable[[Any, Any], bool]) -> list[Any]:
    """Order items as Go's sort.Sort would: insertion sort up to 12 items (so ties come out
    exactly as kubectl prints them), a stable sort beyond.

    Differences: pdqsort's order of equal elements beyond 12 items is not reproduced.
    """
    out = list(items)
    if len(out) <= 12:
        for i in range(1, len(out)):
            j = i
            while j > 0 and less(out[j], out[j - 1]):
                out[j], out[j - 1] = out[j - 1], out[j]
                j -= 1
        return out
    import functools

    return sorted(out, key=functools.cmp_to_key(lambda x, y: -1 if less(x, y) else (1 if less(y, x) else 0)))


def sort_by_field(objs: list[Any], field: str, get: Callable[[Any], Any] = lambda o: o) -> list[Any]:
    """Sort objects (or table rows, through ``get``) by a JSONPath field, as ``--sort-by`` does.

    Mirrors: kubectl/pkg/cmd/get/sorter.go :: SortObjects, NewTableSorter, (*RuntimeSort).Less
    """
    try:
        parsed = relaxed_json_path_expression(field)
    except JSONPathError:
        parsed = field
    parser = JSONPath("sorting").allow_missing(True)
    try:
        parser.parse(parsed)
    except JSONPathError as e:
        raise KubectlError(f"sorting error: {e}") from None

    def first(o: Any) -> tuple[bool, Any]:
        values = parser.find_results(get(o))
        if not values or not values[0]:
            return False, None
        return True, values[0][0]

    keyed = [(first(o), o) for o in objs]
    if keyed and not any(found for (found, _), _ in keyed):
        raise KubectlError(f"couldn't find any field with path {go_quote(parsed)} in the list of objects")

    def less(x: Any, y: Any) -> bool:
        (fx, vx), (fy, vy) = x[0], y[0]
        if not fx:
            return True
        if not fy:
            return False
        return is_less(vx, vy)

    return [o for _, o in go_sort(keyed, less)]
