"""``kubectl api-resources`` and ``kubectl api-versions``.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go ((*APIResourceOptions).RunAPIResources,
printContextHeaders, sortableResource) and apiversions.go
"""

from __future__ import annotations

from kubelab.api import scheme
from kubelab.kubectl import flags as fl
from kubelab.kubectl import tabwriter
from kubelab.kubectl.cmd import Context, register
from kubelab.kubectl.errors import KubectlError

FLAGS = (
    fl.Flag("no-headers", fl.BOOL),
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("api-group", fl.STRING),
    fl.Flag("namespaced", fl.BOOL, True),
    fl.Flag("verbs", fl.STRING_SLICE),
    fl.Flag("sort-by", fl.STRING),
    fl.Flag("cached", fl.BOOL),
    fl.Flag("categories", fl.STRING_SLICE),
)


@register("api-resources", FLAGS)
def run_api_resources(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: apiresources.go :: (*APIResourceOptions).Validate and RunAPIResources"""
    output = p["output"]
    if output not in ("", "wide", "name"):
        raise KubectlError(f"--output {output} is not available")
    if p["sort-by"] not in ("", "name", "kind"):
        raise KubectlError("--sort-by accepts only name or kind")
    if p.args:
        raise KubectlError(f"unexpected arguments: [{' '.join(p.args)}]\nSee 'kubectl api-resources -h' for help "
                           "and examples")
    rows = []
    for r in scheme.RESOURCES:
        if not r.verbs:
            continue
        if p.was_set("api-group") and r.group != p["api-group"]:
            continue
        if p.was_set("namespaced") and r.namespaced != p["namespaced"]:
            continue
        if p["verbs"] and not set(p["verbs"]) <= set(r.verbs):
            continue
        if p["categories"] and not set(p["categories"]) <= set(r.categories):
            continue
        rows.append(r)
    sort_by = p["sort-by"]

    def key(r: scheme.ResourceInfo) -> tuple[str, str]:
        first = r.resource if sort_by == "name" else r.kind if sort_by == "kind" else r.group
        return first, r.resource

    rows.sort(key=key)
    lines = []
    if not p["no-headers"] and output != "name":
        headers = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
        if output == "wide":
            headers += ["VERBS", "CATEGORIES"]
        lines.append("\t".join(headers))
    for r in rows:
        if output == "name":
            lines.append(r.resource + (f".{r.group}" if r.group else ""))
            continue
        cells = [r.resource, ",".join(r.short_names), r.api_version, "true" if r.namespaced else "false", r.kind]
        if output == "wide":
            cells += [",".join(r.verbs), ",".join(r.categories)]
        lines.append("\t".join(cells))
    ctx.write(tabwriter.table("".join(line + "\n" for line in lines)))


@register("api-versions", ())
def run_api_versions(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: apiversions.go :: (*APIVersionsOptions).RunAPIVersions"""
    versions = sorted({f"{r.group}/{v}" if r.group else v for r in scheme.RESOURCES
                       for v in scheme.served_versions(r)})
    ctx.write("".join(v + "\n" for v in versions))
