"""/healthz, /livez and /readyz with their named checks.

Upstream: staging/src/k8s.io/apiserver/pkg/server/healthz/healthz.go and the checks
kube-apiserver installs (pkg/controlplane, apiserver/pkg/server/config.go)
"""

from __future__ import annotations

from collections.abc import Callable

Check = tuple[str, Callable[[], str | None]]  # name, () -> error or None


def render(checks: list[Check], name: str, verbose: bool, exclude: tuple[str, ...] = ()) -> tuple[int, str]:
    """Mirrors: healthz.go :: handleRootHealth (the ``[+]name ok`` lines and the summary)."""
    lines = []
    failed = False
    for cname, fn in checks:
        if cname in exclude:
            lines.append(f"[+]{cname} excluded: ok")
            continue
        err = fn()
        if err is None:
            lines.append(f"[+]{cname} ok")
        else:
            failed = True
            lines.append(f"[-]{cname} failed: reason withheld")
    if failed:
        return 500, "\n".join(lines) + f"\n{name} check failed\n"
    if verbose:
        return 200, "\n".join(lines) + f"\n{name} check passed\n"
    return 200, "ok"


POST_START_HOOKS = (
    "start-apiserver-admission-initializer",
    "generic-apiserver-start-informers",
    "priority-and-fairness-config-consumer",
    "priority-and-fairness-filter",
    "storage-object-count-tracker-hook",
    "start-apiextensions-informers",
    "start-apiextensions-controllers",
    "crd-informer-synced",
    "start-system-namespaces-controller",
    "start-cluster-authentication-info-controller",
    "start-kube-apiserver-identity-lease-controller",
    "start-kube-apiserver-identity-lease-garbage-collector",
    "start-legacy-token-tracking-controller",
    "start-service-ip-repair-controllers",
    "rbac/bootstrap-roles",
    "scheduling/bootstrap-system-priority-classes",
    "priority-and-fairness-config-producer",
    "bootstrap-controller",
    "start-kubernetes-service-cidr-controller",
    "aggregator-reload-proxy-client-cert",
    "start-kube-aggregator-informers",
    "apiservice-status-local-available-controller",
    "apiservice-status-remote-available-controller",
    "apiservice-registration-controller",
    "apiservice-discovery-controller",
    "kube-apiserver-autoregistration",
    "autoregister-completion",
    "apiservice-openapi-controller",
    "apiservice-openapiv3-controller",
)
