"""``kubectl delete``.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go ((*DeleteOptions).Complete,
Validate, DeleteResult, deleteResource, PrintObj) and delete_flags.go :: parseCascadingFlag
"""

from __future__ import annotations

from typing import Any

from kubelab.api.errors import ApiError, is_not_found
from kubelab.kubectl import flags as fl
from kubelab.kubectl.apply import DRY_RUN_FLAG, dry_run_strategy
from kubelab.kubectl.cmd import Context, fail_if, register
from kubelab.kubectl.errors import KubectlError, add_source_to_err, new_aggregate
from kubelab.kubectl.resource import Builder, Info, fetch_all, infos_of

FLAGS = (
    *fl.FILENAME_FLAGS,
    fl.Flag("selector", fl.STRING, "", "l"),
    fl.Flag("field-selector", fl.STRING),
    fl.Flag("all", fl.BOOL),
    fl.Flag("all-namespaces", fl.BOOL, shorthand="A"),
    fl.Flag("cascade", fl.STRING, "background", no_opt_default="background"),
    fl.Flag("grace-period", fl.INT, -1),
    fl.Flag("now", fl.BOOL),
    fl.Flag("force", fl.BOOL),
    fl.Flag("ignore-not-found", fl.BOOL),
    fl.Flag("wait", fl.BOOL, True),
    fl.Flag("timeout", fl.STRING, "0s"),
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("raw", fl.STRING),
    fl.Flag("interactive", fl.BOOL, shorthand="i"),
    DRY_RUN_FLAG,
)

IMMEDIATE_DELETION_WARNING = (
    "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. "
    "The resource may continue to run on the cluster indefinitely.\n"
)


def parse_cascading_flag(ctx: Context, value: str) -> str:
    """Mirrors: kubectl/pkg/cmd/delete/delete_flags.go :: parseCascadingFlag"""
    if value in ("true", "1", "t", "T", "TRUE", "True"):
        ctx.warn(f"warning: --cascade={value} is deprecated (boolean value) and can be replaced with "
                 "--cascade=background.\n")
        return "Background"
    if value in ("false", "0", "f", "F", "FALSE", "False"):
        ctx.warn(f"warning: --cascade={value} is deprecated (boolean value) and can be replaced with "
                 "--cascade=orphan.\n")
        return "Orphan"
    mapping = {"orphan": "Orphan", "foreground": "Foreground", "background": "Background"}
    if value not in mapping:
        raise KubectlError(f'invalid cascade value ({value}). Must be "background", "foreground", or "orphan"')
    return mapping[value]


def deleted_line(info: Info, grace_period: int, strategy: str, output: str) -> str:
    """Mirrors: delete.go :: (*DeleteOptions).PrintObj"""
    m = info.mapping
    kind = f"{m.kind.lower()}.{m.group}" if m.group else m.kind.lower()
    operation = "force deleted" if grace_period == 0 else "deleted"
    if strategy == "client":
        operation += " (dry run)"
    elif strategy == "server":
        operation += " (server dry run)"
    if output == "name":
        return f"{kind}/{info.name}\n"
    return f'{kind} "{info.name}" {operation}\n'


def _uid(response: Any) -> str:
    """The deleted object's uid: from the object, or a Status's details. Mirrors: DeleteResult's uidMap"""
    if not isinstance(response, dict):
        return ""
    if response.get("kind") == "Status":
        return str((response.get("details") or {}).get("uid", ""))
    return str((response.get("metadata") or {}).get("uid", ""))


@register("delete", FLAGS)
def run_delete(ctx: Context, p: fl.Parsed) -> Any:
    """Mirrors: delete.go :: (*DeleteOptions).Complete, Validate and DeleteResult"""
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    if p["raw"]:
        raise KubectlError("kubelab does not support --raw")
    cascade = parse_cascading_flag(ctx, p["cascade"])
    ignore_not_found = p["ignore-not-found"]
    if (p["all"] or p["selector"] or p["field-selector"]) and not p.was_set("ignore-not-found"):
        ignore_not_found = True
    grace = p["grace-period"]
    if p["now"]:
        if grace != -1:
            raise KubectlError("--now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not p["force"]:
        grace = 1
    if p["force"] and grace < 0:
        grace = 0
    strategy = dry_run_strategy(p["dry-run"])
    output = p["output"]
    if output and output != "name":
        raise KubectlError(f"unexpected -o output mode: {output}. We only support '-o name'")
    if p["all"] and p["selector"]:
        raise KubectlError("cannot set --all and --selector at the same time")
    if p["all"] and p["field-selector"]:
        raise KubectlError("cannot set --all and --field-selector at the same time")
    if grace == 0 and p["force"]:
        ctx.warn(IMMEDIATE_DELETION_WARNING)
    elif grace > 0 and p["force"]:
        raise KubectlError("--force and --grace-period greater than 0 cannot be specified together")
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace, all_namespaces=p["all-namespaces"],
                label_selector=p["selector"].strip() or None, field_selector=p["field-selector"].strip() or None,
                select_all=p["all"], filenames=list(p["filename"]), recursive=p["recursive"], stdin=ctx.stdin)
    b.resource_type_or_name_args(False, p.args)
    reqs = b.requests()
    items: list[Info | BaseException] = []
    if b.filenames:
        items = b.file_items()
    else:
        for r in reqs:
            if r.name:
                items.append(Info(r.mapping, r.namespace, r.name))
            else:
                fetched, list_errs = fetch_all(ctx.client, [r])
                items.extend(list_errs)
                items.extend(infos_of(fetched))
    warn_cluster_scope = ctx.explicit_namespace and not p["all-namespaces"]
    found = 0
    errs: list[BaseException] = []
    for item in items:
        if not isinstance(item, Info):
            if ignore_not_found and is_not_found(item):
                continue
            errs.append(item)
            continue
        found += 1
        if warn_cluster_scope and not item.mapping.namespaced:
            ctx.warn("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n")
            warn_cluster_scope = False
        if strategy == "client":
            ctx.write(deleted_line(item, grace, strategy, output))
            continue
        try:
            response = ctx.client.delete(item.mapping.group_resource, item.name, item.namespace or None,
                                         propagation_policy=cascade,
                                         grace_period_seconds=grace if grace >= 0 else None,
                                         dry_run=strategy == "server")
        except ApiError as e:
            if not (ignore_not_found and is_not_found(e)):
                errs.append(add_source_to_err("deleting", item.source, e))
            continue
        ctx.write(deleted_line(item, grace, strategy, output))
        if p["wait"] and strategy == "none":
            ctx.wait_for.append((item.mapping.group_resource, item.namespace, item.name, _uid(response)))
    if errs:
        fail_if(errs[0] if len(errs) == 1 else new_aggregate(errs))
    if found == 0:
        ctx.write("No resources found\n")
