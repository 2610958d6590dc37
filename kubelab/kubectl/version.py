"""``kubectl version``.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/version/version.go ((*Options).Run)
"""

from __future__ import annotations

from kubelab import upstream
from kubelab.kubectl import flags as fl
from kubelab.kubectl.cmd import Context, register
from kubelab.kubectl.errors import KubectlError

# The kustomize kubectl v1.34 embeds.
KUSTOMIZE_VERSION = "v5.7.1"

FLAGS = (
    fl.Flag("client", fl.BOOL),
    fl.Flag("output", fl.STRING, "", "o"),
)


@register("version", FLAGS)
def run_version(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: version.go :: (*Options).Run (the plain text output)

    Differences: ``-o json|yaml`` is not offered (build dates and Go versions are not simulated).
    """
    if p["output"] not in ("",):
        if p["output"] in ("json", "yaml"):
            raise KubectlError("kubelab does not offer kubectl version -o json|yaml")
        raise KubectlError("--output must be 'yaml' or 'json'")
    ctx.write(f"Client Version: {upstream.KUBERNETES_VERSION}\n")
    ctx.write(f"Kustomize Version: {KUSTOMIZE_VERSION}\n")
    if not p["client"]:
        ctx.write(f"Server Version: {upstream.KUBERNETES_VERSION}\n")
