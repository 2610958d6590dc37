"""``kubectl apply``: client-side apply (last-applied annotation and a three-way strategic merge
patch) and server-side apply.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go ((*ApplyOptions).Run,
applyOneObject, printObjects), patcher.go ((*Patcher).Patch, patchSimple) and
staging/src/k8s.io/kubectl/pkg/util/apply.go (GetModifiedConfiguration, CreateApplyAnnotation)
"""

from __future__ import annotations

import copy
import json
from typing import Any

from kubelab.api import openapi
from kubelab.api.errors import ApiError, is_conflict, is_not_found
from kubelab.api.strategicpatch.create import create_three_way_merge_patch
from kubelab.api.strategicpatch.mergepatch import MergePatchError
from kubelab.kubectl import flags as fl
from kubelab.kubectl.cmd import Context, fail_if, register
from kubelab.kubectl.errors import Aggregate, KubectlError, add_source_to_err, usage_error
from kubelab.kubectl.output import name_line, new_printer
from kubelab.kubectl.resource import Builder, Info
from kubelab.kubectl.yamlio import LAST_APPLIED, to_json_compact

FIELD_MANAGER_CLIENT_SIDE_APPLY = "kubectl-client-side-apply"
FIELD_MANAGER_SERVER_SIDE_APPLY = "kubectl"
WARNING_NO_LAST_APPLIED = (
    "Warning: resource {0} is missing the {1} annotation which is required by {2} apply. {2} apply should only "
    "be used on resources created declaratively by either {2} create --save-config or {2} apply. The missing "
    "annotation will be patched automatically.\n"
)
WARNING_CHANGES_ON_DELETING = "Warning: Detected changes to resource {0} which is currently being deleted.\n"
SSA_CONFLICT_HELP = """
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts"""

DRY_RUN_FLAG = fl.Flag("dry-run", fl.STRING, "none", no_opt_default="unchanged")
VALIDATE_FLAG = fl.Flag("validate", fl.STRING, "strict", no_opt_default="strict")

FLAGS = (
    *fl.FILENAME_FLAGS,
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("server-side", fl.BOOL),
    fl.Flag("force-conflicts", fl.BOOL),
    fl.Flag("field-manager", fl.STRING, FIELD_MANAGER_CLIENT_SIDE_APPLY),
    fl.Flag("overwrite", fl.BOOL, True),
    fl.Flag("openapi-patch", fl.BOOL, True),
    fl.Flag("prune", fl.BOOL),
    fl.Flag("force", fl.BOOL),
    fl.Flag("selector", fl.STRING, "", "l"),
    fl.Flag("all", fl.BOOL),
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
)


def dry_run_strategy(value: str) -> str:
    """``none``, ``client`` or ``server``. Mirrors: kubectl/pkg/cmd/util/helpers.go :: GetDryRunStrategy"""
    if value in ("true", "1", "t", "T", "TRUE", "True", "unchanged"):
        return "client"
    if value in ("false", "0", "f", "F", "FALSE", "False"):
        return "none"
    if value in ("client", "server", "none"):
        return value
    raise KubectlError(f'Invalid dry-run value ({value}). Must be "none", "server", or "client".')


def validation_directive(value: str) -> str:
    """Mirrors: kubectl/pkg/cmd/util/helpers.go :: GetValidationDirective"""
    v = value.lower()
    if v in ("true", "strict"):
        return "Strict"
    if v == "warn":
        return "Warn"
    if v in ("false", "ignore"):
        return "Ignore"
    raise KubectlError(f'invalid - validate option "{value}"; must be one of: strict (or true), warn, ignore (or false)')


def operation_with_dry_run(operation: str, strategy: str) -> str:
    """Mirrors: kubectl/pkg/cmd/util/printing.go :: PrintFlagsWithDryRunStrategy"""
    if strategy == "client":
        return f"{operation} (dry run)"
    if strategy == "server":
        return f"{operation} (server dry run)"
    return operation


def get_modified_configuration(obj: dict[str, Any], annotate: bool) -> str:
    """The configuration to record: the object as JSON, with (``annotate``) the annotation holding itself.

    Mirrors: kubectl/pkg/util/apply.go :: GetModifiedConfiguration
    """
    o = copy.deepcopy(obj)
    md = o.setdefault("metadata", {})
    annots = dict(md.get("annotations") or {})
    annots.pop(LAST_APPLIED, None)
    md["annotations"] = annots
    modified = to_json_compact(o) + "\n"
    if annotate:
        annots[LAST_APPLIED] = modified
        md["annotations"] = dict(annots)
        modified = to_json_compact(o) + "\n"
    return modified


def create_apply_annotation(obj: dict[str, Any]) -> None:
    """Mirrors: kubectl/pkg/util/apply.go :: CreateApplyAnnotation"""
    modified = get_modified_configuration(obj, False)
    md = obj.setdefault("metadata", {})
    md["annotations"] = {**(md.get("annotations") or {}), LAST_APPLIED: modified}


def _split_errors(errs: list[BaseException]) -> BaseException | None:
    if not errs:
        return None
    return errs[0] if len(errs) == 1 else Aggregate(errs)


@register("apply", FLAGS)
def run_apply(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: apply.go :: (*ApplyOptions).Complete, validateArgs and Run"""
    strategy = dry_run_strategy(p["dry-run"])
    server_side = p["server-side"]
    field_manager = p["field-manager"] if p.was_set("field-manager") else (
        FIELD_MANAGER_SERVER_SIDE_APPLY if server_side else FIELD_MANAGER_CLIENT_SIDE_APPLY)
    if p["force-conflicts"] and not server_side:
        raise KubectlError("--force-conflicts only works with --server-side")
    if strategy == "client" and server_side:
        raise KubectlError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)")
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    if not p["filename"]:
        raise KubectlError("must specify one of -f and -k")
    if p["prune"] or p["force"]:
        raise KubectlError("kubelab does not support --prune or --force for apply")
    if p.args:
        raise usage_error("kubectl apply", f"Unexpected args: [{' '.join(p.args)}]")
    validation = validation_directive(p["validate"])
    output = p["output"]
    if output and output != "name":
        new_printer(output)  # an unknown format fails before anything is applied
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace, filenames=list(p["filename"]),
                recursive=p["recursive"], stdin=ctx.stdin)
    infos, file_errs = b.file_infos()
    errs: list[BaseException] = []
    objects_err = _split_errors(file_errs)
    if objects_err is not None:
        errs.append(objects_err)
    if not infos and not errs:
        raise KubectlError("no objects passed to apply")
    applier = _Applier(ctx, strategy, server_side, field_manager, validation, p["force-conflicts"],
                       p["overwrite"], output)
    for info in infos:
        try:
            applier.apply_one(info)
        except (ApiError, KubectlError) as e:
            errs.append(e)
    if len(errs) == 1:
        fail_if(errs[0])
    if errs:
        fail_if(Aggregate(errs))
    if output and output != "name":
        printer = new_printer(output)
        objs = [i.obj for i in infos]
        obj = objs[0] if len(objs) == 1 else {"apiVersion": "v1", "items": objs, "kind": "List",
                                              "metadata": {"resourceVersion": ""}}
        assert obj is not None
        ctx.write(printer.print_obj(obj))


class _Applier:
    """Applies one object at a time. Mirrors: apply.go :: (*ApplyOptions).applyOneObject"""

    def __init__(self, ctx: Context, strategy: str, server_side: bool, field_manager: str, validation: str,
                 force_conflicts: bool, overwrite: bool, output: str) -> None:
        self.ctx = ctx
        self.strategy = strategy
        self.server_side = server_side
        self.field_manager = field_manager
        self.validation = validation
        self.force_conflicts = force_conflicts
        self.overwrite = overwrite
        self.output = output

    def _print(self, obj: dict[str, Any], operation: str) -> None:
        if self.output and self.output != "name":
            return
        if self.output == "name":
            self.ctx.write(new_printer("name").print_obj(obj))
        else:
            self.ctx.write(name_line(obj, operation_with_dry_run(operation, self.strategy)))

    def apply_one(self, info: Info) -> None:
        assert info.obj is not None
        client = self.ctx.client
        m = info.mapping
        if not info.name:
            gen = (info.obj.get("metadata") or {}).get("generateName", "")
            if gen:
                raise KubectlError(f"from {gen}: cannot use generate name with apply")
        res, ns = m.group_resource, info.namespace or None
        dry = self.strategy == "server"
        if self.server_side:
            try:
                obj = client.patch(res, info.name, info.obj, ns, patch_type="apply", field_manager=self.field_manager,
                                   force=self.force_conflicts, dry_run=dry, field_validation=self.validation)
            except ApiError as e:
                if e.code == 415:
                    raise KubectlError(f"Server-side apply not available on the server: ({e.message})") from None
                if is_conflict(e):
                    raise KubectlError(f"{e.message}{SSA_CONFLICT_HELP}") from None
                raise
            info.obj = obj
            self._warn_if_deleting(obj, info)
            self._print(obj, "serverside-applied")
            return
        modified = get_modified_configuration(info.obj, True)
        try:
            current = client.get(res, info.name, ns)
        except ApiError as e:
            if not is_not_found(e):
                raise add_source_to_err(
                    f"retrieving current configuration of:\n{info.describe()}\nfrom server for:", info.source, e
                ) from None
            create_apply_annotation(info.obj)
            if self.strategy != "client":
                try:
                    info.obj = client.create(res, info.obj, ns, dry_run=dry, field_manager=self.field_manager,
                                             field_validation=self.validation)
                except ApiError as ce:
                    raise add_source_to_err("creating", info.source, ce) from None
            self._print(info.obj, "created")
            return
        info.obj = current
        if self.strategy != "client":
            annotations = (current.get("metadata") or {}).get("annotations") or {}
            if LAST_APPLIED not in annotations:
                self.ctx.warn(WARNING_NO_LAST_APPLIED.format(info.object_name(), LAST_APPLIED, "kubectl"))
            patch_text, patched = self._patch(info, current, modified)
            info.obj = patched
            self._warn_if_deleting(patched, info)
            if patch_text == "{}":
                self._print(patched, "unchanged")
                return
        self._print(info.obj, "configured")

    def _patch(self, info: Info, current: dict[str, Any], modified: str) -> tuple[str, dict[str, Any]]:
        """Mirrors: apply/patcher.go :: (*Patcher).Patch and patchSimple (strategic merge patch)"""
        m = info.mapping
        annotations = (current.get("metadata") or {}).get("annotations") or {}
        original_text = annotations.get(LAST_APPLIED, "")
        original = json.loads(original_text) if original_text else None
        schema = openapi.for_kind(m.group, m.version, m.kind)
        patch_text = ""
        try:
            patch = create_three_way_merge_patch(original, json.loads(modified), current, schema, self.overwrite)
            patch_text = to_json_compact(patch)
            if patch_text == "{}":
                return patch_text, current
            patched = self.ctx.client.patch(m.group_resource, info.name, patch, info.namespace or None,
                                            patch_type="strategic", field_manager=self.field_manager,
                                            dry_run=self.strategy == "server", field_validation=self.validation)
        except ApiError as e:
            inner = add_source_to_err("patching", info.source, e)
            raise add_source_to_err(f"applying patch:\n{patch_text}\nto:\n{info.describe()}\nfor:", info.source,
                                    inner) from None
        except MergePatchError as e:
            raise add_source_to_err(f"applying patch:\n{patch_text}\nto:\n{info.describe()}\nfor:", info.source,
                                    KubectlError(str(e))) from None
        return patch_text, patched

    def _warn_if_deleting(self, obj: dict[str, Any], info: Info) -> None:
        """Mirrors: apply.go :: WarnIfDeleting"""
        if (obj.get("metadata") or {}).get("deletionTimestamp"):
            self.ctx.warn(WARNING_CHANGES_ON_DELETING.format(info.name))


def apply_manifests(client: Any, text: str, *, now: float, namespace: str = "default",
                    server_side: bool = False) -> list[str]:
    """Apply a YAML or JSON stream as ``kubectl apply -f -`` does and return its result lines.

    Valid documents are applied even when others fail; then the first failure is raised
    (an ApiError from the server, or a KubectlError for a document kubectl cannot read).

    kubelab-only: the programmatic twin of ``run("apply -f -", ...)`` behind ``Cluster.apply``.
    """
    ctx = Context(client, now, namespace, False, text)
    b = Builder(namespace, filenames=["-"], stdin=text)
    infos, errs = b.file_infos()
    applier = _Applier(ctx, "none", server_side,
                       FIELD_MANAGER_SERVER_SIDE_APPLY if server_side else FIELD_MANAGER_CLIENT_SIDE_APPLY,
                       "Strict", False, True, "")
    for info in infos:
        try:
            applier.apply_one(info)
        except (ApiError, KubectlError) as e:
            errs.append(e)
    if errs:
        raise errs[0]
    return [line for line in "".join(ctx.out).splitlines() if line]
