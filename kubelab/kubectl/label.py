"""``kubectl label`` and ``kubectl annotate``.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/label/label.go (parseLabels, validateNoOverwrites,
labelFunc, updateDataChangeMsg, (*LabelOptions).RunLabel),
staging/src/k8s.io/kubectl/pkg/cmd/annotate/annotate.go (parseAnnotations,
validateNoAnnotationOverwrites, (*AnnotateOptions).RunAnnotate) and
staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go :: GetResourcesAndPairs
"""

from __future__ import annotations

import copy
from typing import Any

from kubelab.api.errors import ApiError
from kubelab.api.jsonpatch import create_merge_patch
from kubelab.api.validation.generic import is_valid_label_value
from kubelab.kubectl import flags as fl
from kubelab.kubectl.apply import DRY_RUN_FLAG, dry_run_strategy, operation_with_dry_run
from kubelab.kubectl.cmd import Context, fail_if, register
from kubelab.kubectl.errors import Aggregate, KubectlError, go_quote, new_aggregate
from kubelab.kubectl.output import name_line, new_printer
from kubelab.kubectl.resource import Builder, Info
from kubelab.kubectl.yamlio import to_json_compact

MSG_NOT_LABELED = "not labeled"
MSG_LABELED = "labeled"
MSG_UNLABELED = "unlabeled"
CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause"


def _flags(field_manager: str) -> tuple[fl.Flag, ...]:
    return (
        fl.Flag("overwrite", fl.BOOL),
        fl.Flag("selector", fl.STRING, "", "l"),
        fl.Flag("field-selector", fl.STRING),
        fl.Flag("all", fl.BOOL),
        fl.Flag("all-namespaces", fl.BOOL, shorthand="A"),
        fl.Flag("local", fl.BOOL),
        fl.Flag("list", fl.BOOL),
        fl.Flag("resource-version", fl.STRING),
        *fl.FILENAME_FLAGS,
        fl.Flag("output", fl.STRING, "", "o"),
        fl.Flag("field-manager", fl.STRING, field_manager),
        DRY_RUN_FLAG,
    )


def get_resources_and_pairs(args: list[str], pair_type: str) -> tuple[list[str], list[str]]:
    """Mirrors: kubectl/pkg/cmd/util/helpers.go :: GetResourcesAndPairs"""
    resources: list[str] = []
    pairs: list[str] = []
    found_pair = False
    for s in args:
        non_resource = ("=" in s and s[0] != "=") or (s.endswith("-") and s != "-")
        if non_resource:
            found_pair = True
            pairs.append(s)
        elif not found_pair:
            resources.append(s)
        else:
            raise KubectlError(f"all resources must be specified before {pair_type} changes: {s}")
    return resources, pairs


def parse_labels(spec: list[str]) -> tuple[dict[str, str], list[str]]:
    """Mirrors: label.go :: parseLabels"""
    labels: dict[str, str] = {}
    remove: list[str] = []
    for s in spec:
        if "=" in s:
            parts = s.split("=")
            if len(parts) != 2:
                raise KubectlError(f"invalid label spec: {s}")
            errs = is_valid_label_value(parts[1])
            if errs:
                raise KubectlError(f"invalid label value: {go_quote(s)}: {';'.join(errs)}")
            labels[parts[0]] = parts[1]
        elif s.endswith("-"):
            remove.append(s[:-1])
        else:
            raise KubectlError(f"unknown label spec: {s}")
    for r in remove:
        if r in labels:
            raise KubectlError("can not both modify and remove a label in the same command")
    return labels, remove


def parse_annotations(spec: list[str]) -> tuple[dict[str, str], list[str]]:
    """Mirrors: annotate.go :: parseAnnotations, validateAnnotations"""
    new: dict[str, str] = {}
    remove: list[str] = []
    invalid: list[str] = []
    for s in spec:
        if "=" in s:
            key, _, value = s.partition("=")
            if not key:
                invalid.append(s)
            else:
                new[key] = value
        elif s.endswith("-"):
            remove.append(s[:-1])
        else:
            invalid.append(s)
    if invalid:
        raise KubectlError(f"invalid annotation format: {', '.join(invalid)}")
    both = [r for r in remove if r in new]
    if both:
        raise KubectlError("can not both modify and remove the following annotation(s) in the same command: "
                           + ", ".join(both))
    return new, remove


def _update(obj: dict[str, Any], field: str, overwrite: bool, new: dict[str, str], remove: list[str],
            resource_version: str) -> None:
    md = obj.setdefault("metadata", {})
    current = md.get(field) or {}
    if not overwrite:
        if field == "labels":
            errs = [KubectlError(f"'{k}' already has a value ({current[k]}), and --overwrite is false")
                    for k in new if k in current and current[k] != new[k]]
            if errs:
                raise errs[0] if len(errs) == 1 else Aggregate(errs)
        else:
            conflicts = [f"'{k}' already has a value ({current[k]})" for k in new
                         if k != CHANGE_CAUSE_ANNOTATION and k in current and current[k] != new[k]]
            if conflicts:
                raise KubectlError("--overwrite is false but found the following declared annotation(s): "
                                   + "; ".join(conflicts))
    updated = dict(current)
    updated.update(new)
    for k in remove:
        updated.pop(k, None)
    md[field] = updated
    if resource_version:
        md["resourceVersion"] = resource_version


def _run(ctx: Context, p: fl.Parsed, field: str) -> None:
    pair_type = "label" if field == "labels" else "annotation"
    resources, pairs = get_resources_and_pairs(p.args, pair_type)
    if field == "labels":
        new, remove = parse_labels(pairs)
    else:
        new, remove = parse_annotations(pairs)
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    if p["all"] and p["selector"]:
        raise KubectlError("cannot set --all and --selector at the same time")
    if p["all"] and p["field-selector"]:
        raise KubectlError("cannot set --all and --field-selector at the same time")
    if not resources and not p["filename"]:
        raise KubectlError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
    if not new and not remove and not p["list"]:
        raise KubectlError(f"at least one {pair_type} update is required")
    if p["list"]:
        raise KubectlError("kubelab does not support --list")
    strategy = dry_run_strategy(p["dry-run"])
    output = p["output"]
    printer = new_printer(output) if output and output != "name" else None
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace, all_namespaces=p["all-namespaces"],
                label_selector=p["selector"].strip() or None, field_selector=p["field-selector"].strip() or None,
                select_all=p["all"], filenames=list(p["filename"]), recursive=p["recursive"], stdin=ctx.stdin)
    b.resource_type_or_name_args(p["all"], resources)
    infos, errs = b.infos(ctx.client, latest=not p["local"])
    for info in infos:
        try:
            ctx.write(_one(ctx, p, info, field, new, remove, strategy, printer, output))
        except (ApiError, KubectlError, Aggregate) as e:
            errs.append(e)
    fail_if(new_aggregate(errs))


def _one(ctx: Context, p: fl.Parsed, info: Info, field: str, new: dict[str, str], remove: list[str],
         strategy: str, printer: Any, output: str) -> str:
    assert info.obj is not None
    obj = copy.deepcopy(info.obj)
    old_json = to_json_compact(obj)
    out = ""
    local = strategy == "client" or p["local"]
    if field == "labels" and not local:
        for k in remove:
            if k not in ((obj.get("metadata") or {}).get("labels") or {}):
                out += f"label {go_quote(k)} not found.\n"
    _update(obj, field, p["overwrite"], new, remove, p["resource-version"])
    new_json = to_json_compact(obj)
    if field == "labels":
        msg = MSG_NOT_LABELED
        if old_json != new_json:
            msg = MSG_LABELED
            if not p["overwrite"] and len(new_json.encode()) < len(old_json.encode()):
                msg = MSG_UNLABELED
    else:
        msg = "annotated"
    result = obj
    if not local:
        patch = create_merge_patch(info.obj, obj)
        result = ctx.client.patch(info.mapping.group_resource, info.name, patch, info.namespace or None,
                                  patch_type="merge", field_manager=p["field-manager"],
                                  dry_run=strategy == "server")
        result.setdefault("apiVersion", info.mapping.api_version)
        result.setdefault("kind", info.mapping.kind)
    if printer is not None:
        return out + printer.print_obj(result)
    if output == "name":
        return out + name_line(result, "", short=True)
    return out + name_line(result, operation_with_dry_run(msg, strategy))


@register("label", _flags("kubectl-label"))
def run_label(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: label.go :: (*LabelOptions).Complete, Validate and RunLabel"""
    _run(ctx, p, "labels")


@register("annotate", _flags("kubectl-annotate"))
def run_annotate(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: annotate.go :: (*AnnotateOptions).Complete, Validate and RunAnnotate"""
    _run(ctx, p, "annotations")
