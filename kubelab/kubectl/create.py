"""``kubectl create -f``.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create.go ((*CreateOptions).RunCreate)
"""

from __future__ import annotations

from kubelab.api.errors import ApiError
from kubelab.kubectl import flags as fl
from kubelab.kubectl.apply import (
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    create_apply_annotation,
    dry_run_strategy,
    operation_with_dry_run,
    validation_directive,
)
from kubelab.kubectl.cmd import KUBECTL_COMMANDS, Context, fail_if, register
from kubelab.kubectl.errors import KubectlError, add_source_to_err, new_aggregate
from kubelab.kubectl.output import name_line, new_printer
from kubelab.kubectl.resource import Builder, Info

FLAGS = (
    *fl.FILENAME_FLAGS,
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("save-config", fl.BOOL),
    fl.Flag("field-manager", fl.STRING, "kubectl-create"),
    fl.Flag("selector", fl.STRING, "", "l"),
    fl.Flag("edit", fl.BOOL),
    fl.Flag("windows-line-endings", fl.BOOL),
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
)

CREATE_SUBCOMMANDS = (
    "clusterrole", "clusterrolebinding", "configmap", "cronjob", "deployment", "ingress", "job", "namespace",
    "poddisruptionbudget", "priorityclass", "quota", "role", "rolebinding", "secret", "service",
    "serviceaccount", "token",
)


@register("create", FLAGS)
def run_create(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: create.go :: (*CreateOptions).RunCreate"""
    if p.args and p.args[0] in CREATE_SUBCOMMANDS:
        raise KubectlError(f'kubelab does not implement "kubectl create {p.args[0]}"')
    if p.args and p.args[0] not in KUBECTL_COMMANDS:
        raise KubectlError(f"Unexpected args: [{' '.join(p.args)}]\nSee 'kubectl create -h' for help and examples")
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    if not p["filename"]:
        raise KubectlError("must specify one of -f and -k")
    strategy = dry_run_strategy(p["dry-run"])
    validation = validation_directive(p["validate"])
    output = p["output"]
    printer = new_printer(output) if output else None
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace, filenames=list(p["filename"]),
                recursive=p["recursive"], stdin=ctx.stdin)
    errs: list[BaseException] = []
    count = 0
    for item in b.file_items():
        if not isinstance(item, Info):
            errs.append(item)
            continue
        assert item.obj is not None
        if p["save-config"]:
            create_apply_annotation(item.obj)
        if strategy != "client":
            try:
                item.obj = ctx.client.create(item.mapping.group_resource, item.obj, item.namespace or None,
                                             dry_run=strategy == "server", field_manager=p["field-manager"],
                                             field_validation=validation)
            except ApiError as e:
                errs.append(add_source_to_err("creating", item.source, e))
                continue
        count += 1
        if printer is not None:
            ctx.write(printer.print_obj(item.obj))
        else:
            ctx.write(name_line(item.obj, operation_with_dry_run("created", strategy)))
    if errs:
        fail_if(errs[0] if len(errs) == 1 else new_aggregate(errs))
    if count == 0:
        raise KubectlError("no objects passed to create")
