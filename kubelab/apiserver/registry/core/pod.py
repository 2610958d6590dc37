"""Pod storage: the strategy, QoS class, binding, eviction and log subresources.

Upstream: pkg/registry/core/pod/strategy.go, pkg/registry/core/pod/storage/{storage.go,eviction.go},
pkg/apis/core/helper/qos/qos.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors
from kubelab.api import field as fld
from kubelab.api.labels import label_selector_as_selector
from kubelab.api.quantity import Quantity
from kubelab.apiserver.registry.rest import RequestContext, copy_obj
from kubelab.apiserver.registry.strategy import StatusStrategy, Strategy, spec_changed

Obj = dict[str, Any]

SUPPORTED_QOS_COMPUTE_RESOURCES = ("cpu", "memory")
# eviction.go: the PDB status may track at most this many evicted-but-not-yet-gone pods.
MAX_DISRUPTED_POD_SIZE = 2000
EVICTION_VIOLATION_MSG = "Cannot evict pod as it would violate the pod's disruption budget."


def get_pod_qos(pod: Obj) -> str:
    """Mirrors: pkg/apis/core/helper/qos/qos.go :: ComputePodQOS"""
    spec = pod.get("spec") or {}
    requests: dict[str, Quantity] = {}
    limits: dict[str, Quantity] = {}
    guaranteed = True
    pod_res = spec.get("resources")
    if pod_res:
        sources = [pod_res]
    else:
        sources = [(c.get("resources") or {}) for c in (spec.get("containers") or []) + (spec.get("initContainers") or [])]
    for res in sources:
        found = set()
        for name, q in (res.get("requests") or {}).items():
            if name not in SUPPORTED_QOS_COMPUTE_RESOURCES:
                continue
            qq = Quantity.parse(q)
            if qq.sign() > 0:
                requests[name] = requests[name] + qq if name in requests else qq
        for name, q in (res.get("limits") or {}).items():
            if name not in SUPPORTED_QOS_COMPUTE_RESOURCES:
                continue
            qq = Quantity.parse(q)
            if qq.sign() > 0:
                found.add(name)
                limits[name] = limits[name] + qq if name in limits else qq
        if not all(r in found for r in SUPPORTED_QOS_COMPUTE_RESOURCES):
            guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    if guaranteed:
        for name in sorted(requests):
            if name not in limits or limits[name] != requests[name]:
                guaranteed = False
                break
    if guaranteed and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"


def condition(type_: str, status: str, reason: str = "", message: str = "", ts: str | None = None) -> Obj:
    c: Obj = {"type": type_, "status": status, "lastProbeTime": None, "lastTransitionTime": ts}
    if reason:
        c["reason"] = reason
    if message:
        c["message"] = message
    return c


class PodStrategy(Strategy):
    """Mirrors: pkg/registry/core/pod/strategy.go :: podStrategy"""

    return_deleted_object = True

    def prepare_for_create(self, ctx: RequestContext, obj: Obj) -> None:
        obj["status"] = {"phase": "Pending", "qosClass": get_pod_qos(obj)}
        obj["metadata"]["generation"] = 1
        apply_scheduling_gated_condition(obj)

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        if "status" in old:
            obj["status"] = old["status"]
        if spec_changed(obj, old):
            obj["metadata"]["generation"] = old["metadata"].get("generation", 0) + 1

    def check_graceful_delete(self, ctx: RequestContext, obj: Obj, options: Obj) -> bool:
        """Mirrors: strategy.go :: podStrategy.CheckGracefulDelete"""
        spec = obj.get("spec") or {}
        period = options.get("gracePeriodSeconds")
        if period is None:
            period = spec.get("terminationGracePeriodSeconds") or 0
        if not spec.get("nodeName"):
            period = 0
        if (obj.get("status") or {}).get("phase") in ("Failed", "Succeeded"):
            period = 0
        options["gracePeriodSeconds"] = period
        return True


class PodStatusStrategy(StatusStrategy):
    """Mirrors: strategy.go :: podStatusStrategy (the kubelet's writes)."""

    def prepare_for_update(self, ctx: RequestContext, obj: Obj, old: Obj) -> None:
        super().prepare_for_update(ctx, obj, old)
        om, m = old["metadata"], obj["metadata"]
        if "ownerReferences" in om:
            m["ownerReferences"] = om["ownerReferences"]
        else:
            m.pop("ownerReferences", None)


def apply_scheduling_gated_condition(pod: Obj) -> None:
    """Mirrors: strategy.go :: applySchedulingGatedCondition"""
    if not (pod.get("spec") or {}).get("schedulingGates"):
        return
    conds = pod["status"].setdefault("conditions", [])
    conds.append(condition("PodScheduled", "False", "SchedulingGated",
                           "Scheduling is blocked due to non-empty scheduling gates"))


def validate_binding(binding: Obj) -> fld.ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidatePodBinding"""
    errs: fld.ErrorList = []
    target = binding.get("target") or {}
    kind = target.get("kind", "")
    if kind and kind != "Node":
        errs.append(fld.not_supported("target.kind", kind, ["Node", "<empty>"]))
    if not target.get("name"):
        errs.append(fld.required("target.name", ""))
    return errs


def assign_pod(ctx: RequestContext, store: Any, name: str, binding: Obj) -> None:
    """Bind a pod to a node: set spec.nodeName and the PodScheduled condition.

    Mirrors: pkg/registry/core/pod/storage/storage.go :: (*BindingREST).Create,
    assignPod, setPodNodeAndMetadata
    """
    errs = validate_binding(binding)
    if errs:
        raise errors.new_invalid("", "Binding", binding.get("metadata", {}).get("name", name), errs)
    node = binding["target"]["name"]
    annotations = (binding.get("metadata") or {}).get("annotations") or {}

    def update(current: Obj | None) -> Obj:
        assert current is not None
        pod = copy_obj(current)
        m = pod["metadata"]
        if m.get("deletionTimestamp"):
            raise errors.new_conflict("", "pods/binding", name,
                                      f"pod {name} is being deleted, cannot be assigned to a host")
        spec = pod["spec"]
        if spec.get("nodeName"):
            raise errors.new_conflict("", "pods/binding", name,
                                      f'pod {name} is already assigned to node "{spec["nodeName"]}"')
        if spec.get("schedulingGates"):
            raise errors.new_conflict("", "pods/binding", name,
                                      f"pod {name} has non-empty .spec.schedulingGates")
        spec["nodeName"] = node
        if annotations:
            m.setdefault("annotations", {}).update(annotations)
        conds = pod.setdefault("status", {}).setdefault("conditions", [])
        new = condition("PodScheduled", "True", ts=ctx.env.timestamp())
        if pod["metadata"].get("generation"):
            new["observedGeneration"] = pod["metadata"]["generation"]
        for i, c in enumerate(conds):
            if c.get("type") == "PodScheduled":
                conds[i] = new
                break
        else:
            conds.append(new)
        return pod

    # The binding writes the pod directly, bypassing the pod update strategy.
    key = store.key(ctx.namespace, name)
    from kubelab.storage import errors as serr

    try:
        store.etcd.guaranteed_update(key, update, "pods")
    except serr.StorageError as e:
        raise store._interpret(e, name) from None


def evict(ctx: RequestContext, pods: Any, pdbs: Any, name: str, eviction: Obj) -> Obj:
    """Evict a pod unless a PodDisruptionBudget forbids it.

    Mirrors: pkg/registry/core/pod/storage/eviction.go :: (*EvictionREST).Create, checkAndDecrement
    Differences: the PDB status update and the pod deletion happen in one synchronous step.
    """
    pod = pods.get_shared(ctx.namespace, name)
    if pod is None:
        raise errors.new_not_found("", "pods", name)
    options = dict(eviction.get("deleteOptions") or {})
    phase = (pod.get("status") or {}).get("phase")
    if pod["metadata"].get("deletionTimestamp") or phase in ("Succeeded", "Failed", "Pending"):
        pods.delete(ctx, name, options)
        return _success()
    labels = pod["metadata"].get("labels") or {}
    matching = []
    for pdb in pdbs.cacher.list(pdbs.info.prefix(ctx.namespace))[0] if pdbs.cacher else []:
        sel = (pdb.get("spec") or {}).get("selector")
        if sel is None:
            continue
        s = label_selector_as_selector(sel)
        if s.empty() or not s.matches(labels):
            continue
        matching.append(pdb)
    if len(matching) > 1:
        raise errors.new_internal_error(
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
    if matching:
        _check_and_decrement(ctx, pdbs, name, matching[0])
    pods.delete(ctx, name, options)
    return _success()


def _too_many(cause_msg: str) -> errors.ApiError:
    err = errors.new_too_many_requests(EVICTION_VIOLATION_MSG, 0)
    err.status["details"] = {"causes": [{"reason": "DisruptionBudget", "message": cause_msg}]}
    return err


def _check_and_decrement(ctx: RequestContext, pdbs: Any, pod_name: str, pdb: Obj) -> None:
    """Mirrors: eviction.go :: checkAndDecrement"""
    st = pdb.get("status") or {}
    pname = pdb["metadata"]["name"]
    if st.get("observedGeneration", 0) < pdb["metadata"].get("generation", 0):
        raise _too_many(f"The disruption budget {pname} is still being processed by the server.")
    allowed = st.get("disruptionsAllowed", 0)
    if allowed < 0:
        raise errors.new_forbidden("policy", "poddisruptionbudgets", pname, "pdb disruptions allowed is negative")
    if len(st.get("disruptedPods") or {}) > MAX_DISRUPTED_POD_SIZE:
        raise errors.new_forbidden("policy", "poddisruptionbudgets", pname,
                                   "DisruptedPods map too big - too many evictions not confirmed by PDB controller")
    if allowed == 0:
        raise _too_many(f"The disruption budget {pname} needs {st.get('desiredHealthy', 0)} healthy pods "
                        f"and has {st.get('currentHealthy', 0)} currently")
    if ctx.dry_run:
        return

    def dec(current: Obj | None) -> Obj:
        assert current is not None
        cur = copy_obj(current)
        s = cur.setdefault("status", {})
        s["disruptionsAllowed"] = s.get("disruptionsAllowed", 0) - 1
        s.setdefault("disruptedPods", {})[pod_name] = ctx.env.timestamp()
        return cur

    pdbs.etcd.guaranteed_update(pdbs.key(ctx.namespace, pname), dec, "poddisruptionbudgets")


def _success(code: int = 201) -> Obj:
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": code}


def pod_log(pod: Obj, container: str, logs: dict[tuple[str, str, str], list[str]], tail_lines: int | None = None) -> str:
    """The text of a container's log, or the error the API server returns.

    Mirrors: pkg/registry/core/pod/rest/log.go :: (*LogREST).Get and
    pkg/kubelet/kubelet_pods.go :: validateContainerLogStatus (its messages)
    """
    spec = pod.get("spec") or {}
    name = pod["metadata"]["name"]
    names = [c["name"] for c in spec.get("containers") or []]
    init_names = [c["name"] for c in spec.get("initContainers") or []]
    if not container:
        if len(names) == 1:
            container = names[0]
        else:
            choices = " ".join(names)
            raise errors.new_bad_request(
                f"a container name must be specified for pod {name}, choose one of: [{choices}]")
    if container not in names and container not in init_names:
        raise errors.new_bad_request(f"container {container} is not valid for pod {name}")
    key = (pod["metadata"].get("namespace", ""), name, container)
    lines = logs.get(key)
    if lines is None:
        statuses = (pod.get("status") or {}).get("containerStatuses") or []
        reason = "ContainerCreating"
        for cs in statuses:
            if cs.get("name") == container:
                waiting = (cs.get("state") or {}).get("waiting")
                if waiting and waiting.get("reason"):
                    reason = waiting["reason"]
        raise errors.new_bad_request(f'container "{container}" in pod "{name}" is waiting to start: {reason}')
    if tail_lines is not None:
        lines = lines[-tail_lines:] if tail_lines > 0 else []
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
