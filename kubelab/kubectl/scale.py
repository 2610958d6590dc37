"""``kubectl scale``: set replicas through the scale subresource.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go ((*ScaleOptions).Validate, RunScale)
and staging/src/k8s.io/kubectl/pkg/scale/scale.go (ScaleCondition, scaleWithRetries, PreconditionError)
"""

from __future__ import annotations

from kubelab.kubectl import flags as fl
from kubelab.kubectl.apply import DRY_RUN_FLAG, dry_run_strategy, operation_with_dry_run
from kubelab.kubectl.cmd import Context, fail_if, register
from kubelab.kubectl.errors import KubectlError, new_aggregate
from kubelab.kubectl.output import name_line
from kubelab.kubectl.resource import Builder

FLAGS = (
    fl.Flag("replicas", fl.INT, -1),
    fl.Flag("current-replicas", fl.INT, -1),
    fl.Flag("resource-version", fl.STRING),
    fl.Flag("selector", fl.STRING, "", "l"),
    fl.Flag("all", fl.BOOL),
    *fl.FILENAME_FLAGS,
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("timeout", fl.STRING, "0s"),
    DRY_RUN_FLAG,
)


@register("scale", FLAGS)
def run_scale(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: scale.go :: (*ScaleOptions).Validate and RunScale"""
    if p["replicas"] < 0:
        raise KubectlError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    if p["current-replicas"] < -1:
        raise KubectlError("The --current-replicas must specify an integer of -1 or greater")
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    strategy = dry_run_strategy(p["dry-run"])
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace,
                label_selector=p["selector"].strip() or None, select_all=p["all"],
                filenames=list(p["filename"]), recursive=p["recursive"], stdin=ctx.stdin)
    b.resource_type_or_name_args(p["all"], p.args)
    infos, errs = b.infos(ctx.client)
    if errs:
        fail_if(new_aggregate(errs))
    if not infos:
        raise KubectlError("no objects passed to scale")
    if p["resource-version"] and len(infos) > 1:
        raise KubectlError("cannot use --resource-version with multiple resources")
    for info in infos:
        if info.mapping.subresource("scale") is None:
            raise KubectlError(f"cannot scale {info.mapping.resource}")
    for info in infos:
        assert info.obj is not None
        if strategy == "client":
            ctx.write(name_line(info.obj, operation_with_dry_run("scaled", strategy)))
            continue
        res, ns = info.mapping.group_resource, info.namespace or None
        current = p["current-replicas"]
        rv = p["resource-version"]
        if current != -1 or rv:
            scale = ctx.client.get(res, info.name, ns, subresource="scale")
            actual = int(((scale.get("spec") or {}).get("replicas")) or 0)
            if current != -1 and actual != current:
                raise KubectlError(f"Expected replicas to be {current}, was {actual}")
            if rv and (scale.get("metadata") or {}).get("resourceVersion") != rv:
                raise KubectlError(f"Expected resourceVersion to be {rv}, was "
                                   f"{(scale.get('metadata') or {}).get('resourceVersion', '')}")
            scale["spec"] = {**(scale.get("spec") or {}), "replicas": p["replicas"]}
            ctx.client.update(res, scale, ns, subresource="scale", dry_run=strategy == "server")
        else:
            ctx.client.patch(res, info.name, {"spec": {"replicas": p["replicas"]}}, ns, patch_type="merge",
                             subresource="scale", dry_run=strategy == "server")
        ctx.write(name_line(info.obj, operation_with_dry_run("scaled", strategy)))
