"""How much of each quota resource an object uses, per kind.

Upstream: pkg/quota/v1/evaluator/core/{pods.go,services.go,persistent_volume_claims.go,registry.go},
staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any

from kubelab.api.quantity import Quantity
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes
from kubelab.apiserver.admission.plugin.resourcehelper import (
    pod_limits,
    pod_requests,
    to_resource_list,
)
from kubelab.apiserver.admission.plugin.resourcequota.resources import ResourceList, add
from kubelab.engine import clock

ONE = Quantity(1)
ZERO = Quantity(0)
DEFAULT_RESOURCE_REQUESTS_PREFIX = "requests."
RESOURCE_HUGE_PAGES_PREFIX = "hugepages-"
STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/"
_NATIVE_RESOURCES = ("cpu", "memory", "ephemeral-storage", "pods", "storage")


def object_count_quota_resource_name_for(group: str, resource: str) -> str:
    """``count/pods``, ``count/deployments.apps``.

    Mirrors: generic/evaluator.go :: ObjectCountQuotaResourceNameFor
    """
    return f"count/{resource}.{group}" if group else f"count/{resource}"


def _is_native(name: str) -> bool:
    return "/" not in name or name.split("/", 1)[0].endswith("kubernetes.io")


def _is_extended(name: str) -> bool:
    """Mirrors: pkg/apis/core/v1/helper/helpers.go :: IsExtendedResourceName"""
    if _is_native(name) or name.startswith(DEFAULT_RESOURCE_REQUESTS_PREFIX):
        return False
    return "/" in name


class Evaluator(ABC):
    """The quota evaluator interface with upstream's generic behaviour.

    Mirrors: apiserver/pkg/quota/v1/interfaces.go :: Evaluator
    """

    group = ""
    resource = ""
    operations: tuple[str, ...] = (CREATE,)

    def handles(self, attrs: Attributes) -> bool:
        return attrs.operation in self.operations

    @abstractmethod
    def matching_resources(self, names: Sequence[str]) -> list[str]:
        """The quota resource names this evaluator measures."""

    @abstractmethod
    def usage(self, obj: Mapping[str, Any], now: float) -> ResourceList:
        """What the object consumes at simulated time ``now``."""

    def matches_scope(self, scope: Mapping[str, Any], obj: Mapping[str, Any]) -> bool:
        """Mirrors: generic/evaluator.go :: MatchesNoScopeFunc (scoped quotas count pods only)"""
        return False

    def matches(self, quota: Mapping[str, Any], obj: Mapping[str, Any]) -> bool:
        """Mirrors: generic/evaluator.go :: Matches"""
        hard = list((quota.get("status") or {}).get("hard") or {})
        if not self.matching_resources(hard):
            return False
        return all(self.matches_scope(s, obj) for s in get_scope_selectors_from_quota(quota))

    def constraints(self, required: Sequence[str], obj: Mapping[str, Any]) -> str:
        return ""


class ObjectCountEvaluator(Evaluator):
    """Counts objects: ``count/<resource>`` plus a legacy alias (``configmaps``).

    Mirrors: generic/evaluator.go :: objectCountEvaluator
    """

    def __init__(self, group: str, resource: str, alias: str = "") -> None:
        self.group, self.resource = group, resource
        self.names = tuple(n for n in (object_count_quota_resource_name_for(group, resource), alias) if n)

    def matching_resources(self, names: Sequence[str]) -> list[str]:
        return [n for n in names if n in self.names]

    def usage(self, obj: Mapping[str, Any], now: float) -> ResourceList:
        return {n: ONE for n in self.names}


POD_OBJECT_COUNT_NAME = object_count_quota_resource_name_for("", "pods")
POD_RESOURCES = (POD_OBJECT_COUNT_NAME, "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
                 "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods")
POD_RESOURCE_PREFIXES = (RESOURCE_HUGE_PAGES_PREFIX, DEFAULT_RESOURCE_REQUESTS_PREFIX + RESOURCE_HUGE_PAGES_PREFIX)
VALIDATION_SET = ("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory")


def pod_compute_usage_helper(requests: Mapping[str, Quantity], limits: Mapping[str, Quantity]) -> ResourceList:
    """Mirrors: pods.go :: podComputeUsageHelper"""
    result: ResourceList = {"pods": ONE}
    for res in ("cpu", "memory", "ephemeral-storage"):
        if res in requests:
            result[res] = requests[res]
            result["requests." + res] = requests[res]
        if res in limits:
            result["limits." + res] = limits[res]
    for res, q in requests.items():
        if res.startswith(RESOURCE_HUGE_PAGES_PREFIX):
            result[res] = q
            result[DEFAULT_RESOURCE_REQUESTS_PREFIX + res] = q
        if _is_extended(res):
            result[DEFAULT_RESOURCE_REQUESTS_PREFIX + res] = q
    return result


def is_terminating(pod: Mapping[str, Any]) -> bool:
    ads = (pod.get("spec") or {}).get("activeDeadlineSeconds")
    return ads is not None and int(ads) >= 0


def is_best_effort(pod: Mapping[str, Any]) -> bool:
    """No container requests or limits any cpu or memory (QoS class BestEffort).

    Mirrors: pkg/apis/core/v1/helper/qos/qos.go :: GetPodQOS (the BestEffort case)
    """
    spec = pod.get("spec") or {}
    for c in [*(spec.get("initContainers") or ()), *(spec.get("containers") or ())]:
        res = c.get("resources") or {}
        for which in ("requests", "limits"):
            for k, v in (res.get(which) or {}).items():
                if k in ("cpu", "memory") and not Quantity.parse(v).is_zero():
                    return False
    return True


def quota_v1_pod(pod: Mapping[str, Any], now: float) -> bool:
    """Whether a pod still counts against compute quota.

    Mirrors: pods.go :: QuotaV1Pod
    """
    if (pod.get("status") or {}).get("phase") in ("Failed", "Succeeded"):
        return False
    meta = pod.get("metadata") or {}
    deleted = clock.parse(meta.get("deletionTimestamp"))
    grace = meta.get("deletionGracePeriodSeconds")
    return not (deleted is not None and grace is not None and now > deleted + int(grace))


class PodEvaluator(Evaluator):
    """Mirrors: pods.go :: podEvaluator

    Differences: in-place resize status and pod-level resources are not counted.
    """

    resource = "pods"
    operations = (CREATE, UPDATE)

    def matching_resources(self, names: Sequence[str]) -> list[str]:
        """Mirrors: pods.go :: (*podEvaluator).MatchingResources"""
        out = [n for n in names if n in POD_RESOURCES]
        for n in names:
            if n.startswith(POD_RESOURCE_PREFIXES):
                out.append(n)
            elif not _is_native(n) and n.startswith(DEFAULT_RESOURCE_REQUESTS_PREFIX):
                out.append(n)
        return out

    def usage(self, obj: Mapping[str, Any], now: float) -> ResourceList:
        """Mirrors: pods.go :: PodUsageFunc"""
        result: ResourceList = {POD_OBJECT_COUNT_NAME: ONE}
        if not quota_v1_pod(obj, now):
            return result
        return add(result, pod_compute_usage_helper(pod_requests(obj), pod_limits(obj)))

    def matches_scope(self, scope: Mapping[str, Any], obj: Mapping[str, Any]) -> bool:
        """Mirrors: pods.go :: podMatchesScopeFunc"""
        name, op = scope.get("scopeName"), scope.get("operator", "Exists")
        if name == "Terminating":
            return is_terminating(obj)
        if name == "NotTerminating":
            return not is_terminating(obj)
        if name == "BestEffort":
            return is_best_effort(obj)
        if name == "NotBestEffort":
            return not is_best_effort(obj)
        if name == "PriorityClass":
            pc = (obj.get("spec") or {}).get("priorityClassName", "")
            values = scope.get("values") or ()
            if op == "Exists":
                return bool(pc)
            if op == "In":
                return pc in values
            if op == "NotIn":
                return pc not in values
            # DoesNotExist: the selector sees the key (possibly empty), so never matches.
            return False
        if name == "CrossNamespacePodAffinity":
            return uses_cross_namespace_pod_affinity(obj)
        return False

    def constraints(self, required: Sequence[str], obj: Mapping[str, Any]) -> str:
        """Containers must request every compute resource a quota limits.

        Mirrors: pods.go :: (*podEvaluator).Constraints
        """
        required_set = [r for r in VALIDATION_SET if r in required]
        missing: dict[str, list[str]] = {}
        spec = obj.get("spec") or {}
        for c in [*(spec.get("containers") or ()), *(spec.get("initContainers") or ())]:
            res = c.get("resources") or {}
            usage = pod_compute_usage_helper(to_resource_list(res.get("requests")), to_resource_list(res.get("limits")))
            for r in required_set:
                if r not in usage:
                    missing.setdefault(r, [])
                    if c.get("name", "") not in missing[r]:
                        missing[r].append(c.get("name", ""))
        if not missing:
            return ""
        parts = [f"{r} for: {','.join(sorted(missing[r]))}" for r in sorted(missing)]
        return "must specify " + "; ".join(parts)


def uses_cross_namespace_pod_affinity(pod: Mapping[str, Any]) -> bool:
    """Mirrors: pods.go :: usesCrossNamespacePodAffinity"""
    aff = (pod.get("spec") or {}).get("affinity") or {}
    for kind in ("podAffinity", "podAntiAffinity"):
        a = aff.get(kind) or {}
        terms = list(a.get("requiredDuringSchedulingIgnoredDuringExecution") or ())
        terms += [w.get("podAffinityTerm") or {} for w in a.get("preferredDuringSchedulingIgnoredDuringExecution") or ()]
        for t in terms:
            if t.get("namespaces") or t.get("namespaceSelector") is not None:
                return True
    return False


SERVICE_OBJECT_COUNT_NAME = object_count_quota_resource_name_for("", "services")
SERVICE_RESOURCES = (SERVICE_OBJECT_COUNT_NAME, "services", "services.nodeports", "services.loadbalancers")


class ServiceEvaluator(Evaluator):
    """Mirrors: services.go :: serviceEvaluator"""

    resource = "services"
    operations = (CREATE, UPDATE)

    def matching_resources(self, names: Sequence[str]) -> list[str]:
        return [n for n in names if n in SERVICE_RESOURCES]

    def usage(self, obj: Mapping[str, Any], now: float) -> ResourceList:
        """Mirrors: services.go :: (*serviceEvaluator).Usage"""
        spec = obj.get("spec") or {}
        ports = spec.get("ports") or []
        result: ResourceList = {SERVICE_OBJECT_COUNT_NAME: ONE, "services": ONE,
                                "services.loadbalancers": ZERO, "services.nodeports": ZERO}
        kind = spec.get("type", "ClusterIP")
        if kind == "NodePort":
            result["services.nodeports"] = Quantity(len(ports))
        elif kind == "LoadBalancer":
            if spec.get("allocateLoadBalancerNodePorts") is False:
                result["services.nodeports"] = Quantity(sum(1 for p in ports if p.get("nodePort")))
            else:
                result["services.nodeports"] = Quantity(len(ports))
            result["services.loadbalancers"] = ONE
        return result


PVC_OBJECT_COUNT_NAME = object_count_quota_resource_name_for("", "persistentvolumeclaims")
PVC_RESOURCES = ("persistentvolumeclaims", "requests.storage")


class PersistentVolumeClaimEvaluator(Evaluator):
    """Mirrors: persistent_volume_claims.go :: pvcEvaluator"""

    resource = "persistentvolumeclaims"
    operations = (CREATE, UPDATE)

    def matching_resources(self, names: Sequence[str]) -> list[str]:
        out = []
        for n in names:
            if n == PVC_OBJECT_COUNT_NAME or n in PVC_RESOURCES:
                out.append(n)
            elif any(n.endswith(STORAGE_CLASS_SUFFIX + r) for r in PVC_RESOURCES):
                out.append(n)
        return out

    def usage(self, obj: Mapping[str, Any], now: float) -> ResourceList:
        """Mirrors: persistent_volume_claims.go :: (*pvcEvaluator).Usage"""
        result: ResourceList = {"persistentvolumeclaims": ONE, PVC_OBJECT_COUNT_NAME: ONE}
        spec = obj.get("spec") or {}
        sc = spec.get("storageClassName") or ((obj.get("metadata") or {}).get("annotations") or {}).get(
            "volume.beta.kubernetes.io/storage-class", "")
        if sc:
            result[sc + STORAGE_CLASS_SUFFIX + "persistentvolumeclaims"] = ONE
        storage = ((spec.get("resources") or {}).get("requests") or {}).get("storage")
        allocated = ((obj.get("status") or {}).get("allocatedResources") or {}).get("storage")
        req = Quantity.parse(storage) if storage is not None else None
        if allocated is not None and (req is None or Quantity.parse(allocated).cmp(req) > 0):
            req = Quantity.parse(allocated)
        if req is not None:
            result["requests.storage"] = req
            if sc:
                result[sc + STORAGE_CLASS_SUFFIX + "requests.storage"] = req
        return result


LEGACY_OBJECT_COUNT_ALIASES = {"configmaps": "configmaps", "resourcequotas": "resourcequotas",
                               "replicationcontrollers": "replicationcontrollers", "secrets": "secrets"}


def evaluator_for(group: str, resource: str) -> Evaluator:
    """The registered evaluator for a resource, else a plain object counter.

    Mirrors: core/registry.go :: NewEvaluators and the fallback in
    apiserver/pkg/admission/plugin/resourcequota/controller.go :: (*quotaEvaluator).checkRequest
    """
    if group == "":
        if resource == "pods":
            return PodEvaluator()
        if resource == "services":
            return ServiceEvaluator()
        if resource == "persistentvolumeclaims":
            return PersistentVolumeClaimEvaluator()
        if resource in LEGACY_OBJECT_COUNT_ALIASES:
            return ObjectCountEvaluator("", resource, LEGACY_OBJECT_COUNT_ALIASES[resource])
    return ObjectCountEvaluator(group, resource)


def get_scope_selectors_from_quota(quota: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``spec.scopes`` as Exists requirements, then ``spec.scopeSelector.matchExpressions``.

    Mirrors: apiserver/pkg/quota/v1/generic/evaluator.go :: GetScopeSelectorsFromQuota
    """
    spec = quota.get("spec") or {}
    out: list[dict[str, Any]] = [{"scopeName": s, "operator": "Exists"} for s in spec.get("scopes") or ()]
    out += list((spec.get("scopeSelector") or {}).get("matchExpressions") or ())
    return out
