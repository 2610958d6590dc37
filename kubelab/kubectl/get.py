"""``kubectl get``: server-side tables for people, json/yaml/name/jsonpath/custom-columns for programs.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go ((*GetOptions).Complete, Validate, Run,
printGeneric, multipleGVKsRequested)
"""

from __future__ import annotations

from typing import Any

from kubelab.api.errors import is_not_found
from kubelab.apiserver.printers import (
    HumanReadablePrinter,
    PrintOptions,
    get_new_tab_writer,
    to_table,
)
from kubelab.kubectl import flags as fl
from kubelab.kubectl.cmd import Context, fail_if, register
from kubelab.kubectl.errors import KubectlError, flatten, new_aggregate, reduce, usage_error
from kubelab.kubectl.output import is_list, new_printer, sort_by_field
from kubelab.kubectl.resource import Builder, Fetched, fetch_all

FLAGS = (
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("no-headers", fl.BOOL),
    fl.Flag("show-labels", fl.BOOL),
    fl.Flag("label-columns", fl.STRING_SLICE, shorthand="L"),
    fl.Flag("sort-by", fl.STRING),
    fl.Flag("selector", fl.STRING, "", "l"),
    fl.Flag("field-selector", fl.STRING),
    fl.Flag("all-namespaces", fl.BOOL, shorthand="A"),
    fl.Flag("ignore-not-found", fl.BOOL),
    fl.Flag("show-kind", fl.BOOL),
    fl.Flag("watch", fl.BOOL, shorthand="w"),
    fl.Flag("watch-only", fl.BOOL),
    fl.Flag("output-watch-events", fl.BOOL),
    *fl.FILENAME_FLAGS,
    fl.Flag("chunk-size", fl.INT, 500),
    fl.Flag("server-print", fl.BOOL, True),
    fl.Flag("show-managed-fields", fl.BOOL),
    fl.Flag("allow-missing-template-keys", fl.BOOL, True),
    fl.Flag("template", fl.STRING),
    fl.Flag("subresource", fl.STRING),
)

TABLE_INCLUDE_METADATA = "Metadata"
TABLE_INCLUDE_OBJECT = "Object"


def multiple_gvks_requested(fetched: list[Fetched]) -> bool:
    """Mirrors: get.go :: multipleGVKsRequested"""
    if len(fetched) < 2:
        return False
    first = fetched[0].mapping
    return any((f.mapping.group, f.mapping.version, f.mapping.kind) != (first.group, first.version, first.kind)
               for f in fetched)


def _kind_string(f: Fetched) -> str:
    m = f.mapping
    return f"{m.kind}.{m.group}" if m.group else m.kind


@register("get", FLAGS)
def run_get(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: get.go :: (*GetOptions).Complete, Validate and Run"""
    args = p.args
    output = p["output"]
    if not args and not p["filename"] and not (p["watch"] or p["watch-only"]):
        ctx.warn('You must specify the type of resource to get. Use "kubectl api-resources" for a complete '
                 "list of supported resources.\n\n")
        raise usage_error("kubectl get", 'Required resource not specified.\nUse "kubectl explain <resource>" '
                                         "for a detailed description of that resource (e.g. kubectl explain pods).")
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    if p["show-labels"] and output not in ("", "wide"):
        raise KubectlError(f"--show-labels option cannot be used with {output} printer")
    if p["output-watch-events"] and not (p["watch"] or p["watch-only"]):
        raise usage_error("kubectl get", "--output-watch-events option can only be used with --watch or --watch-only")
    human = output in ("", "wide") and not p["template"]
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace, all_namespaces=p["all-namespaces"],
                label_selector=p["selector"].strip() or None, field_selector=p["field-selector"].strip() or None,
                filenames=list(p["filename"]), recursive=p["recursive"], stdin=ctx.stdin)
    b.resource_type_or_name_args(True, args)
    reqs = b.requests()
    errs: list[BaseException] = []
    if b.filenames:
        from kubelab.kubectl.resource import Request

        infos, errs = b.file_infos()
        reqs = [Request(i.mapping, i.namespace, i.name) for i in infos]
        b.single_item_implied = len(reqs) == 1 and len(b.filenames) == 1 and b.filenames[0] != "-"
    fetched, fetch_errs = fetch_all(ctx.client, reqs)
    errs += fetch_errs
    if p["ignore-not-found"]:
        errs = [e for e in errs if not is_not_found(e)]
    if human:
        _print_tables(ctx, p, fetched, errs)
    else:
        _print_generic(ctx, p, fetched, errs, b.single_item_implied)


def _print_tables(ctx: Context, p: fl.Parsed, fetched: list[Fetched], errs: list[BaseException]) -> None:
    """Mirrors: get.go :: (*GetOptions).Run, the human-readable branch"""
    print_with_kind = multiple_gvks_requested(fetched) or p["show-kind"]
    sort_by = p["sort-by"]
    tables = []
    for f in fetched:
        table = to_table(f.mapping, f.objects, ctx.now,
                         include_object=TABLE_INCLUDE_OBJECT if sort_by else TABLE_INCLUDE_METADATA)
        if sort_by and table.get("rows"):
            table["rows"] = sort_by_field(table["rows"], sort_by, get=lambda r: r.get("object"))
        tables.append((f, table))
    no_headers = p["no-headers"]
    written = [0]
    separator_ready = [False]

    def emit(text: str) -> None:
        if text:
            if separator_ready[0]:
                ctx.write("\n")
                separator_ready[0] = False
            ctx.write(text)
            written[0] += len(text)

    writer = get_new_tab_writer()
    printer: HumanReadablePrinter | None = None
    last: Any = None
    all_namespaced = not p["all-namespaces"]
    for f, table in tables:
        all_namespaced = all_namespaced and f.mapping.namespaced
        if printer is None or last is None or f.mapping.resource != last.resource or f.mapping.group != last.group:
            emit(writer.flush())
            writer.set_remembered_widths(None)
            if last is not None and not no_headers and written[0] > 0:
                separator_ready[0] = True
            opts = PrintOptions(no_headers=no_headers,
                                with_namespace=p["all-namespaces"] and f.mapping.namespaced,
                                with_kind=print_with_kind, wide=p["output"] == "wide",
                                show_labels=p["show-labels"], kind=_kind_string(f),
                                column_labels=tuple(p["label-columns"]))
            printer = HumanReadablePrinter(opts)
            last = f.mapping
        printer.print_obj(table, writer)
    emit(writer.flush())
    watching = p["watch"] or p["watch-only"]
    if written[0] == 0 and not p["ignore-not-found"] and not errs and not watching:
        if all_namespaced:
            ctx.warn(f"No resources found in {ctx.namespace} namespace.\n")
        else:
            ctx.warn("No resources found\n")
    fail_if(new_aggregate(errs))


def _print_generic(ctx: Context, p: fl.Parsed, fetched: list[Fetched], errs: list[BaseException],
                   single_item_implied: bool) -> None:
    """Mirrors: get.go :: (*GetOptions).printGeneric"""
    if single_item_implied and errs:
        fail_if(errs[0])
    items = [o for f in fetched for o in f.objects]
    if not items and p["ignore-not-found"]:
        fail_if(reduce(flatten(new_aggregate(errs))))
        return
    output = p["output"]
    if p["template"] and not output:
        output = "go-template"
    printer = new_printer(output, no_headers=p["no-headers"])
    obj: dict[str, Any]
    if not single_item_implied or len(items) != 1:
        obj = {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}
    else:
        obj = items[0]
    if p["sort-by"] and is_list(obj) and len(obj["items"]) > 1:
        obj["items"] = sort_by_field(obj["items"], p["sort-by"])
    try:
        ctx.write(printer.print_obj(obj))
    except KubectlError as e:
        errs.append(e)
    fail_if(reduce(flatten(new_aggregate(errs))))
