"""``kubectl describe`` for Deployments, ReplicaSets, DaemonSets and StatefulSets.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeDeployment,
describeReplicaSet, describeDaemonSet, describeStatefulSet, getPodStatusForController) and
staging/src/k8s.io/kubectl/pkg/util/deployment/deployment.go (GetAllReplicaSetsInChunks,
FindNewReplicaSet, FindOldReplicaSets, EqualIgnoreHash)
"""

from __future__ import annotations

import copy
from typing import Any

from kubelab.api import labels as labelsel
from kubelab.engine import clock
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    LEVEL_1,
    Obj,
    PrefixWriter,
    controller_uid,
    meta,
    print_controlled_by,
    print_labels_and_annotations,
    print_labels_multiline_with_indent,
    print_name_and_namespace,
    rfc1123z,
    search_events,
    spec,
    status,
    text_with_events,
)
from kubelab.kubectl.describe.containers import describe_pod_template, quantity_string

POD_TEMPLATE_HASH = "pod-template-hash"


def _selector_string(sel: Obj | None) -> str:
    """``metav1.LabelSelectorAsSelector(sel).String()``."""
    return str(labelsel.label_selector_as_selector(sel))


def get_pod_status_for_controller(client: Any, namespace: str, selector: str, uid: str) -> tuple[int, int, int, int]:
    """Running, waiting, succeeded and failed pods the controller owns.

    Mirrors: describe.go :: getPodStatusForController
    """
    lst = client.list("pods", namespace or None, label_selector=selector)
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    for pod in lst.get("items") or []:
        if controller_uid(pod) != uid:
            continue
        phase = status(pod).get("phase", "")
        if phase in counts:
            counts[phase] += 1
    return counts["Running"], counts["Pending"], counts["Succeeded"], counts["Failed"]


def _pods_status(counts: tuple[int, int, int, int]) -> str:
    running, waiting, succeeded, failed = counts
    return f"{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"


def _conditions(w: PrefixWriter, conditions: list[Obj]) -> None:
    if conditions:
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(LEVEL_1, "----\t------\t------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")


def _normalized(v: Any) -> Any:
    # Semantic.DeepEqual treats nil and empty maps and slices as equal.
    if isinstance(v, dict):
        out = {k: _normalized(x) for k, x in v.items()}
        return {k: x for k, x in out.items() if x not in (None, {}, [])}
    if isinstance(v, list):
        return [_normalized(x) for x in v]
    return v


def equal_ignore_hash(t1: Obj, t2: Obj) -> bool:
    """Mirrors: kubectl/pkg/util/deployment/deployment.go :: EqualIgnoreHash"""
    a, b = copy.deepcopy(t1), copy.deepcopy(t2)
    for t in (a, b):
        (t.get("metadata") or {}).get("labels", {}).pop(POD_TEMPLATE_HASH, None)
    return bool(_normalized(a) == _normalized(b))


def _by_creation(rs: Obj) -> tuple[float, str]:
    return clock.parse(meta(rs).get("creationTimestamp")) or 0.0, meta(rs).get("name", "")


def get_all_replica_sets(client: Any, d: Obj) -> tuple[list[Obj], Obj | None]:
    """The Deployment's old ReplicaSets (all of them) and its new one.

    Mirrors: kubectl/pkg/util/deployment/deployment.go :: GetAllReplicaSetsInChunks,
    FindOldReplicaSets, FindNewReplicaSet
    """
    md = meta(d)
    lst = client.list("replicasets.apps", md.get("namespace") or None,
                      label_selector=_selector_string(spec(d).get("selector")))
    owned = [rs for rs in lst.get("items") or [] if controller_uid(rs) == md.get("uid")]
    owned.sort(key=_by_creation)
    template = spec(d).get("template") or {}
    new = next((rs for rs in owned if equal_ignore_hash(spec(rs).get("template") or {}, template)), None)
    old = [rs for rs in owned if new is None or meta(rs).get("uid") != meta(new).get("uid")]
    return old, new


def _replica_sets_by_labels(rss: list[Obj]) -> str:
    """Mirrors: describe.go :: printReplicaSetsByLabels"""
    text = ", ".join(
        f"{meta(rs).get('name', '')} ({status(rs).get('replicas', 0)}/{spec(rs).get('replicas', 0)} replicas created)"
        for rs in rss
    )
    return text or "<none>"


def describe_deployment(d: Obj, old: list[Obj], new: list[Obj], events: list[Obj] | None, now: float) -> str:
    """Mirrors: describe.go :: describeDeployment"""
    w = PrefixWriter()
    md, sp, st = meta(d), spec(d), status(d)
    print_name_and_namespace(w, md)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Selector:\t{_selector_string(sp.get('selector'))}\n")
    w.write(LEVEL_0, f"Replicas:\t{sp.get('replicas', 0)} desired | {st.get('updatedReplicas', 0)} updated | "
                     f"{st.get('replicas', 0)} total | {st.get('availableReplicas', 0)} available | "
                     f"{st.get('unavailableReplicas', 0)} unavailable\n")
    strategy = sp.get("strategy") or {}
    w.write(LEVEL_0, f"StrategyType:\t{strategy.get('type', '')}\n")
    w.write(LEVEL_0, f"MinReadySeconds:\t{sp.get('minReadySeconds', 0)}\n")
    ru = strategy.get("rollingUpdate")
    if ru is not None:
        w.write(LEVEL_0, f"RollingUpdateStrategy:\t{_int_or_string(ru.get('maxUnavailable'))} max unavailable, "
                         f"{_int_or_string(ru.get('maxSurge'))} max surge\n")
    describe_pod_template(sp.get("template"), w)
    _conditions(w, st.get("conditions") or [])
    if old or new:
        w.write(LEVEL_0, f"OldReplicaSets:\t{_replica_sets_by_labels(old)}\n")
        w.write(LEVEL_0, f"NewReplicaSet:\t{_replica_sets_by_labels(new)}\n")
    return text_with_events(w, events, now)


def _int_or_string(v: Any) -> str:
    """intstr.IntOrString.String(): ``0`` when unset."""
    return "0" if v is None else str(v)


def describe_deployment_obj(client: Any, d: Obj, now: float, show_events: bool) -> str:
    events = search_events(client, d, kind="Deployment") if show_events else None
    old, new = get_all_replica_sets(client, d)
    return describe_deployment(d, old, [new] if new is not None else [], events, now)


def describe_replica_set(client: Any, rs: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*ReplicaSetDescriber).Describe, describeReplicaSet"""
    md, sp, st = meta(rs), spec(rs), status(rs)
    selector = _selector_string(sp.get("selector"))
    counts = get_pod_status_for_controller(client, md.get("namespace", ""), selector, md.get("uid", ""))
    events = search_events(client, rs, kind="ReplicaSet") if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    w.write(LEVEL_0, f"Selector:\t{labelsel.format_label_selector(sp.get('selector'))}\n")
    print_labels_and_annotations(w, md)
    print_controlled_by(w, rs)
    w.write(LEVEL_0, f"Replicas:\t{st.get('replicas', 0)} current / {sp.get('replicas', 0)} desired\n")
    w.write(LEVEL_0, "Pods Status:\t")
    w.write(LEVEL_0, _pods_status(counts))
    describe_pod_template(sp.get("template"), w)
    _conditions(w, st.get("conditions") or [])
    return text_with_events(w, events, now)


def describe_daemon_set(client: Any, ds: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*DaemonSetDescriber).Describe, describeDaemonSet"""
    md, sp, st = meta(ds), spec(ds), status(ds)
    selector = _selector_string(sp.get("selector"))
    counts = get_pod_status_for_controller(client, md.get("namespace", ""), selector, md.get("uid", ""))
    events = search_events(client, ds, kind="DaemonSet") if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    w.write(LEVEL_0, f"Selector:\t{selector}\n")
    node_selector = ((sp.get("template") or {}).get("spec") or {}).get("nodeSelector")
    w.write(LEVEL_0, f"Node-Selector:\t{labelsel.format_labels(node_selector)}\n")
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Desired Number of Nodes Scheduled: {st.get('desiredNumberScheduled', 0)}\n")
    w.write(LEVEL_0, f"Current Number of Nodes Scheduled: {st.get('currentNumberScheduled', 0)}\n")
    w.write(LEVEL_0, f"Number of Nodes Scheduled with Up-to-date Pods: {st.get('updatedNumberScheduled', 0)}\n")
    w.write(LEVEL_0, f"Number of Nodes Scheduled with Available Pods: {st.get('numberAvailable', 0)}\n")
    w.write(LEVEL_0, f"Number of Nodes Misscheduled: {st.get('numberMisscheduled', 0)}\n")
    w.write(LEVEL_0, "Pods Status:\t" + _pods_status(counts))
    describe_pod_template(sp.get("template"), w)
    return text_with_events(w, events, now)


def _storage_class(pvc: Obj) -> str:
    """Mirrors: kubectl/pkg/util/storage/storage.go :: GetPersistentVolumeClaimClass"""
    ann = meta(pvc).get("annotations") or {}
    if "volume.beta.kubernetes.io/storage-class" in ann:
        return str(ann["volume.beta.kubernetes.io/storage-class"])
    return str(spec(pvc).get("storageClassName") or "")


def describe_stateful_set(client: Any, ss: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: (*StatefulSetDescriber).Describe, describeStatefulSet"""
    md, sp, st = meta(ss), spec(ss), status(ss)
    selector = _selector_string(sp.get("selector"))
    counts = get_pod_status_for_controller(client, md.get("namespace", ""), selector, md.get("uid", ""))
    events = search_events(client, ss, kind="StatefulSet") if show_events else None
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    w.write(LEVEL_0, f"Selector:\t{selector}\n")
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Replicas:\t{sp.get('replicas', 0)} desired | {st.get('replicas', 0)} total\n")
    strategy = sp.get("updateStrategy") or {}
    w.write(LEVEL_0, f"Update Strategy:\t{strategy.get('type', '')}\n")
    ru = strategy.get("rollingUpdate")
    if ru is not None and ru.get("partition") is not None:
        w.write(LEVEL_1, f"Partition:\t{ru['partition']}\n")
        if ru.get("maxUnavailable") is not None:
            w.write(LEVEL_1, f"MaxUnavailable:\t{ru['maxUnavailable']}\n")
    w.write(LEVEL_0, "Pods Status:\t" + _pods_status(counts))
    describe_pod_template(sp.get("template"), w)
    templates = sp.get("volumeClaimTemplates") or []
    if not templates:
        w.write(LEVEL_0, "Volume Claims:\t<none>\n")
    else:
        w.write(LEVEL_0, "Volume Claims:\n")
        for pvc in templates:
            w.write(LEVEL_1, f"Name:\t{meta(pvc).get('name', '')}\n")
            w.write(LEVEL_1, f"StorageClass:\t{_storage_class(pvc)}\n")
            print_labels_multiline_with_indent(w, "  ", "Labels", "\t", meta(pvc).get("labels"))
            print_labels_multiline_with_indent(w, "  ", "Annotations", "\t", meta(pvc).get("annotations"))
            capacity = ((spec(pvc).get("resources") or {}).get("requests") or {}).get("storage")
            w.write(LEVEL_1, f"Capacity:\t{quantity_string(capacity) if capacity is not None else '<default>'}\n")
            w.write(LEVEL_1, f"Access Modes:\t[{' '.join(spec(pvc).get('accessModes') or [])}]\n")
    return text_with_events(w, events, now)
