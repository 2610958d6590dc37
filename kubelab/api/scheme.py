"""The served resources: groups, versions, kinds, names, verbs and storage prefixes.

kubelab-only: stands in for runtime.Scheme plus the RESTMapper and the per-resource
storage registration of pkg/controlplane (resource names, short names, categories
and etcd key prefixes are upstream's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kubelab.api import errors

CRUD = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
CLUSTER_CRUD = CRUD


@dataclass(frozen=True, slots=True)
class Subresource:
    name: str
    kind: str
    verbs: tuple[str, ...]
    group: str = ""  # response kind's group when it differs (Scale is autoscaling/v1)
    version: str = ""


@dataclass(frozen=True, slots=True)
class ResourceInfo:
    """One served resource (a REST collection)."""

    group: str
    version: str
    kind: str
    resource: str
    singular: str
    namespaced: bool
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    verbs: tuple[str, ...] = CRUD
    subresources: tuple[Subresource, ...] = ()
    etcd_prefix: str = ""
    other_versions: tuple[str, ...] = field(default=())

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def group_resource(self) -> str:
        """``deployments.apps`` or ``pods``: how kubectl and error messages name it."""
        return f"{self.resource}.{self.group}" if self.group else self.resource

    @property
    def kind_group(self) -> str:
        """``Deployment.apps`` or ``Pod``: how Invalid errors name it."""
        return f"{self.kind}.{self.group}" if self.group else self.kind

    def subresource(self, name: str) -> Subresource | None:
        for s in self.subresources:
            if s.name == name:
                return s
        return None

    def key(self, namespace: str | None, name: str) -> str:
        """The storage key: ``/registry/pods/default/web``."""
        if self.namespaced:
            return f"{self.etcd_prefix}/{namespace}/{name}"
        return f"{self.etcd_prefix}/{name}"

    def prefix(self, namespace: str | None = None) -> str:
        if self.namespaced and namespace:
            return f"{self.etcd_prefix}/{namespace}/"
        return f"{self.etcd_prefix}/"


_STATUS = Subresource("status", "", ("get", "patch", "update"))
_SCALE = Subresource("scale", "Scale", ("get", "patch", "update"), "autoscaling", "v1")


def _status(kind: str) -> Subresource:
    return Subresource("status", kind, _STATUS.verbs)


def _r(group: str, version: str, kind: str, resource: str, *, ns: bool = True, short: tuple[str, ...] = (),
       cats: tuple[str, ...] = (), verbs: tuple[str, ...] = CRUD, subs: tuple[Subresource, ...] = (),
       prefix: str = "", singular: str = "", other_versions: tuple[str, ...] = ()) -> ResourceInfo:
    return ResourceInfo(group, version, kind, resource, singular or kind.lower(), ns, short, cats, verbs,
                        subs, "/registry/" + (prefix or resource), other_versions)


RESOURCES: tuple[ResourceInfo, ...] = (
    # core/v1
    _r("", "v1", "Binding", "bindings", verbs=("create",)),
    _r("", "v1", "ConfigMap", "configmaps", short=("cm",)),
    _r("", "v1", "Endpoints", "endpoints", short=("ep",), prefix="services/endpoints", singular="endpoints"),
    _r("", "v1", "Event", "events", short=("ev",)),
    _r("", "v1", "LimitRange", "limitranges", short=("limits",)),
    _r("", "v1", "Namespace", "namespaces", ns=False, short=("ns",),
       verbs=("create", "delete", "get", "list", "patch", "update", "watch"),
       subs=(Subresource("finalize", "Namespace", ("update",)), _status("Namespace"))),
    _r("", "v1", "Node", "nodes", ns=False, short=("no",), prefix="minions",
       subs=(Subresource("proxy", "NodeProxyOptions", ("create", "delete", "get", "patch", "update")),
             _status("Node"))),
    _r("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", short=("pvc",),
       subs=(_status("PersistentVolumeClaim"),)),
    _r("", "v1", "PersistentVolume", "persistentvolumes", ns=False, short=("pv",),
       subs=(_status("PersistentVolume"),)),
    _r("", "v1", "Pod", "pods", short=("po",), cats=("all",),
       subs=(Subresource("attach", "PodAttachOptions", ("create", "get")),
             Subresource("binding", "Binding", ("create",)),
             Subresource("ephemeralcontainers", "Pod", ("get", "patch", "update")),
             Subresource("eviction", "Eviction", ("create",), "policy", "v1"),
             Subresource("exec", "PodExecOptions", ("create", "get")),
             Subresource("log", "Pod", ("get",)),
             Subresource("portforward", "PodPortForwardOptions", ("create", "get")),
             Subresource("proxy", "PodProxyOptions", ("create", "delete", "get", "patch", "update")),
             _status("Pod"))),
    _r("", "v1", "ReplicationController", "replicationcontrollers", short=("rc",), cats=("all",),
       prefix="controllers", subs=(_SCALE, _status("ReplicationController"))),
    _r("", "v1", "ResourceQuota", "resourcequotas", short=("quota",), subs=(_status("ResourceQuota"),)),
    _r("", "v1", "Secret", "secrets"),
    _r("", "v1", "ServiceAccount", "serviceaccounts", short=("sa",),
       subs=(Subresource("token", "TokenRequest", ("create",), "authentication.k8s.io", "v1"),)),
    _r("", "v1", "Service", "services", short=("svc",), cats=("all",), prefix="services/specs",
       subs=(Subresource("proxy", "ServiceProxyOptions", ("create", "delete", "get", "patch", "update")),
             _status("Service"))),
    # apps/v1
    _r("apps", "v1", "ControllerRevision", "controllerrevisions"),
    _r("apps", "v1", "DaemonSet", "daemonsets", short=("ds",), cats=("all",), subs=(_status("DaemonSet"),)),
    _r("apps", "v1", "Deployment", "deployments", short=("deploy",), cats=("all",),
       subs=(_SCALE, _status("Deployment"))),
    _r("apps", "v1", "ReplicaSet", "replicasets", short=("rs",), cats=("all",),
       subs=(_SCALE, _status("ReplicaSet"))),
    _r("apps", "v1", "StatefulSet", "statefulsets", short=("sts",), cats=("all",),
       subs=(_SCALE, _status("StatefulSet"))),
    # authentication.k8s.io/v1 (create-only reviews)
    _r("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", ns=False, verbs=("create",)),
    # authorization.k8s.io/v1 (create-only reviews)
    _r("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", ns=False,
       verbs=("create",)),
    _r("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", ns=False,
       verbs=("create",)),
    # autoscaling
    _r("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", short=("hpa",),
       cats=("all",), subs=(_status("HorizontalPodAutoscaler"),), other_versions=("v1",)),
    # batch/v1
    _r("batch", "v1", "CronJob", "cronjobs", short=("cj",), cats=("all",), subs=(_status("CronJob"),)),
    _r("batch", "v1", "Job", "jobs", cats=("all",), subs=(_status("Job"),)),
    # coordination.k8s.io/v1
    _r("coordination.k8s.io", "v1", "Lease", "leases"),
    # discovery.k8s.io/v1
    _r("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"),
    # networking.k8s.io/v1
    _r("networking.k8s.io", "v1", "IngressClass", "ingressclasses", ns=False),
    _r("networking.k8s.io", "v1", "Ingress", "ingresses", short=("ing",), prefix="ingress",
       subs=(_status("Ingress"),)),
    _r("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", short=("netpol",)),
    # policy/v1
    _r("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", short=("pdb",),
       subs=(_status("PodDisruptionBudget"),)),
    # rbac.authorization.k8s.io/v1
    _r("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", ns=False),
    _r("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", ns=False),
    _r("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
    _r("rbac.authorization.k8s.io", "v1", "Role", "roles"),
    # scheduling.k8s.io/v1
    _r("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", ns=False, short=("pc",)),
    # storage.k8s.io/v1
    _r("storage.k8s.io", "v1", "StorageClass", "storageclasses", ns=False, short=("sc",)),
)

# The order `kubectl api-resources` and aggregated discovery list groups in.
GROUP_ORDER = (
    "", "apps", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "coordination.k8s.io",
    "discovery.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io",
    "scheduling.k8s.io", "storage.k8s.io",
)

_BY_GR: dict[tuple[str, str], ResourceInfo] = {(r.group, r.resource): r for r in RESOURCES}
_BY_GK: dict[tuple[str, str], ResourceInfo] = {(r.group, r.kind): r for r in RESOURCES}


def by_group_resource(group: str, resource: str) -> ResourceInfo | None:
    return _BY_GR.get((group, resource))


def served_versions(info: ResourceInfo) -> tuple[str, ...]:
    return (info.version, *info.other_versions)


def split_api_version(api_version: str) -> tuple[str, str]:
    if "/" in api_version:
        g, v = api_version.split("/", 1)
        return g, v
    return "", api_version


def for_kind(api_version: str, kind: str) -> ResourceInfo:
    """The resource serving ``kind`` at ``api_version``.

    Raises the error kubectl prints for a kind the server does not serve:
    ``no matches for kind "CronJob" in version "batch/v1beta1"``.
    """
    group, version = split_api_version(api_version)
    info = _BY_GK.get((group, kind))
    if info is None or version not in served_versions(info):
        raise errors.new_bad_request(f'no matches for kind "{kind}" in version "{api_version}"')
    return info


@cache
def resolve(name: str) -> ResourceInfo:
    """Resolve a kubectl resource argument: ``po``, ``pod``, ``pods``, ``deployments.apps``, ``Deployment``.

    Mirrors: k8s.io/client-go/restmapper :: shortcutExpander and (*DefaultRESTMapper).ResourceFor
    """
    text = name.strip()
    low = text.lower()
    group = None
    if "." in low:
        low, _, rest = low.partition(".")
        # deployments.v1.apps or deployments.apps
        parts = rest.split(".")
        if parts and parts[0].startswith("v") and parts[0][1:2].isdigit():
            parts = parts[1:]
        group = ".".join(parts)
    for r in RESOURCES:
        if group is not None and r.group != group:
            continue
        if low in (r.resource, r.singular, r.kind.lower()) or low in r.short_names:
            return r
    raise _unknown_resource(name)


def _unknown_resource(name: str) -> errors.ApiError:
    return errors.ApiError(errors.status(404, "NotFound", f'the server doesn\'t have a resource type "{name}"'))


def in_category(category: str) -> list[ResourceInfo]:
    """Resources in a discovery category (``all``), in kubectl's order."""
    return [r for r in RESOURCES if category in r.categories]
