"""``kubectl describe``: one describer per kind, a generic one for the rest.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go ((*DescribeOptions).Run,
DescribeMatchingResources) and staging/src/k8s.io/kubectl/pkg/describe/describe.go :: describerMap
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.api.errors import is_not_found
from kubelab.kubectl import flags as fl
from kubelab.kubectl.cmd import Context, fail_if, register
from kubelab.kubectl.describe import apps, batch, core, generic, other, pods
from kubelab.kubectl.errors import KubectlError, new_aggregate
from kubelab.kubectl.resource import Builder, Info, mapping_for

Describer = Callable[[Any, dict[str, Any], float, bool], str]

DESCRIBERS: dict[tuple[str, str], Describer] = {
    ("", "Pod"): pods.describe,
    ("", "Service"): core.describe_service,
    ("", "Node"): core.describe_node,
    ("", "Namespace"): core.describe_namespace,
    ("", "ConfigMap"): core.describe_config_map,
    ("", "Secret"): core.describe_secret,
    ("", "ServiceAccount"): core.describe_service_account,
    ("", "Endpoints"): core.describe_endpoints,
    ("", "LimitRange"): other.describe_limit_range,
    ("", "ResourceQuota"): other.describe_quota,
    ("apps", "Deployment"): apps.describe_deployment_obj,
    ("apps", "ReplicaSet"): apps.describe_replica_set,
    ("apps", "DaemonSet"): apps.describe_daemon_set,
    ("apps", "StatefulSet"): apps.describe_stateful_set,
    ("batch", "Job"): batch.describe_job,
    ("batch", "CronJob"): batch.describe_cron_job,
    ("scheduling.k8s.io", "PriorityClass"): other.describe_priority_class,
    ("policy", "PodDisruptionBudget"): other.describe_pdb,
    ("storage.k8s.io", "StorageClass"): other.describe_storage_class,
    ("networking.k8s.io", "IngressClass"): other.describe_ingress_class,
}

FLAGS = (
    fl.Flag("selector", fl.STRING, "", "l"),
    fl.Flag("all-namespaces", fl.BOOL, shorthand="A"),
    *fl.FILENAME_FLAGS,
    fl.Flag("show-events", fl.BOOL, True),
    fl.Flag("chunk-size", fl.INT, 500),
)


def describer_for(group: str, kind: str) -> Describer:
    """Mirrors: describe.go :: Describer (a kind-specific describer, else the generic one)"""
    return DESCRIBERS.get((group, kind), generic.describe_generic)


def describe_object(client: Any, info: Info, now: float, show_events: bool) -> str:
    assert info.obj is not None
    return describer_for(info.mapping.group, info.mapping.kind)(client, info.obj, now, show_events)


@register("describe", FLAGS)
def run_describe(ctx: Context, p: fl.Parsed) -> None:
    """Mirrors: cmd/describe/describe.go :: (*DescribeOptions).Complete and Run"""
    args = p.args
    if not args and not p["filename"]:
        raise KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for '
                           "a complete list of supported resources.\n")
    if p["kustomize"]:
        raise KubectlError("kubelab does not support -k (kustomize)")
    b = Builder(ctx.namespace, enforce_namespace=ctx.explicit_namespace, all_namespaces=p["all-namespaces"],
                label_selector=p["selector"].strip() or None, filenames=list(p["filename"]),
                recursive=p["recursive"], stdin=ctx.stdin)
    b.resource_type_or_name_args(True, args)
    b.requests()  # argument errors come before any file is read
    infos, errs = b.infos(ctx.client)
    show_events = p["show-events"]
    if errs and all(is_not_found(e) for e in errs) and len(errs) == 1 and len(args) == 2 and not infos:
        _describe_matching(ctx, args[0], args[1], errs[0], show_events)
        return
    first = True
    for info in infos:
        text = describe_object(ctx.client, info, ctx.now, show_events)
        ctx.write(text if first else "\n\n" + text)
        first = False
    if not infos and not errs:
        if p["all-namespaces"]:
            ctx.warn("No resources found\n")
        else:
            ctx.warn(f"No resources found in {ctx.namespace} namespace.\n")
    fail_if(new_aggregate(errs))


def _describe_matching(ctx: Context, resource: str, prefix: str, original: BaseException, show_events: bool) -> None:
    """Describe every object whose name starts with ``prefix``.

    Mirrors: cmd/describe/describe.go :: (*DescribeOptions).DescribeMatchingResources
    """
    m = mapping_for(resource)
    lst = ctx.client.list(m.group_resource, ctx.namespace if m.namespaced else None)
    found = False
    for obj in lst.get("items") or []:
        name = (obj.get("metadata") or {}).get("name", "")
        if name.startswith(prefix):
            found = True
            obj.setdefault("apiVersion", m.api_version)
            obj.setdefault("kind", m.kind)
            info = Info(m, ctx.namespace if m.namespaced else "", name, "", obj)
            ctx.write(describe_object(ctx.client, info, ctx.now, show_events) + "\n")
    if not found:
        fail_if(original)
