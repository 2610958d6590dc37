"""``kubectl describe`` for the smaller kinds: PriorityClass, PodDisruptionBudget, StorageClass,
IngressClass, LimitRange and ResourceQuota.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePriorityClass,
describePodDisruptionBudgetV1, describeStorageClass, describeIngressClassV1, describeLimitRange,
describeQuota)
"""

from __future__ import annotations

from typing import Any

from kubelab.api import labels as labelsel
from kubelab.api.quantity import Quantity, parse_quantity
from kubelab.kubectl import gofmt
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    LEVEL_1,
    LEVEL_2,
    Obj,
    PrefixWriter,
    meta,
    print_bool_ptr,
    print_labels_and_annotations,
    print_name_and_namespace,
    search_events,
    spec,
    status,
    text_with_events,
)
from kubelab.kubectl.describe.core import QUOTA_SCOPE_HELP, describe_limit_range_spec


def describe_priority_class(client: Any, pc: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describePriorityClass"""
    events = search_events(client, pc, kind="PriorityClass") if show_events else None
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{meta(pc).get('name', '')}\n")
    w.write(LEVEL_0, f"Value:\t{pc.get('value', 0)}\n")
    w.write(LEVEL_0, f"GlobalDefault:\t{gofmt.sprint(bool(pc.get('globalDefault')))}\n")
    w.write(LEVEL_0, f"PreemptionPolicy:\t{pc.get('preemptionPolicy', '')}\n")
    w.write(LEVEL_0, f"Description:\t{pc.get('description', '')}\n")
    w.write(LEVEL_0, f"Annotations:\t{labelsel.format_labels(meta(pc).get('annotations'))}\n")
    return text_with_events(w, events, now)


def describe_pdb(client: Any, pdb: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describePodDisruptionBudgetV1"""
    events = search_events(client, pdb, kind="PodDisruptionBudget") if show_events else None
    md, sp, st = meta(pdb), spec(pdb), status(pdb)
    w = PrefixWriter()
    print_name_and_namespace(w, md)
    if sp.get("minAvailable") is not None:
        w.write(LEVEL_0, f"Min available:\t{sp['minAvailable']}\n")
    elif sp.get("maxUnavailable") is not None:
        w.write(LEVEL_0, f"Max unavailable:\t{sp['maxUnavailable']}\n")
    if sp.get("selector") is not None:
        w.write(LEVEL_0, f"Selector:\t{labelsel.format_label_selector(sp['selector'])}\n")
    else:
        w.write(LEVEL_0, "Selector:\t<unset>\n")
    w.write(LEVEL_0, "Status:\n")
    w.write(LEVEL_2, f"Allowed disruptions:\t{st.get('disruptionsAllowed', 0)}\n")
    w.write(LEVEL_2, f"Current:\t{st.get('currentHealthy', 0)}\n")
    w.write(LEVEL_2, f"Desired:\t{st.get('desiredHealthy', 0)}\n")
    w.write(LEVEL_2, f"Total:\t{st.get('expectedPods', 0)}\n")
    return text_with_events(w, events, now)


def _is_default_class(obj: Obj) -> str:
    """Mirrors: kubectl/pkg/util/storage/storage.go :: IsDefaultAnnotationText"""
    ann = meta(obj).get("annotations") or {}
    if ann.get("storageclass.kubernetes.io/is-default-class") == "true":
        return "Yes"
    if ann.get("storageclass.beta.kubernetes.io/is-default-class") == "true":
        return "Yes"
    return "No"


def describe_storage_class(client: Any, sc: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeStorageClass (allowed topologies left out)"""
    events = search_events(client, sc, kind="StorageClass") if show_events else None
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{meta(sc).get('name', '')}\n")
    w.write(LEVEL_0, f"IsDefaultClass:\t{_is_default_class(sc)}\n")
    w.write(LEVEL_0, f"Annotations:\t{labelsel.format_labels(meta(sc).get('annotations'))}\n")
    w.write(LEVEL_0, f"Provisioner:\t{sc.get('provisioner', '')}\n")
    w.write(LEVEL_0, f"Parameters:\t{labelsel.format_labels(sc.get('parameters'))}\n")
    w.write(LEVEL_0, f"AllowVolumeExpansion:\t{print_bool_ptr(sc.get('allowVolumeExpansion'))}\n")
    options = sc.get("mountOptions") or []
    if not options:
        w.write(LEVEL_0, "MountOptions:\t<none>\n")
    else:
        w.write(LEVEL_0, "MountOptions:\n")
        for o in options:
            w.write(LEVEL_1, f"{o}\n")
    if sc.get("reclaimPolicy") is not None:
        w.write(LEVEL_0, f"ReclaimPolicy:\t{sc['reclaimPolicy']}\n")
    if sc.get("volumeBindingMode") is not None:
        w.write(LEVEL_0, f"VolumeBindingMode:\t{sc['volumeBindingMode']}\n")
    return text_with_events(w, events, now)


def describe_ingress_class(client: Any, ic: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeIngressClassV1"""
    events = search_events(client, ic, kind="IngressClass") if show_events else None
    md, sp = meta(ic), spec(ic)
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{md.get('name', '')}\n")
    print_labels_and_annotations(w, md)
    w.write(LEVEL_0, f"Controller:\t{sp.get('controller', '')}\n")
    params = sp.get("parameters")
    if params is not None:
        w.write(LEVEL_0, "Parameters:\n")
        if params.get("apiGroup") is not None:
            w.write(LEVEL_1, f"APIGroup:\t{params['apiGroup']}\n")
        w.write(LEVEL_1, f"Kind:\t{params.get('kind', '')}\n")
        w.write(LEVEL_1, f"Name:\t{params.get('name', '')}\n")
    return text_with_events(w, events, now)


def describe_limit_range(client: Any, lr: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeLimitRange"""
    del client, now, show_events
    w = PrefixWriter()
    print_name_and_namespace(w, meta(lr))
    w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n")
    w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
    describe_limit_range_spec(spec(lr), "", w)
    return w.text()


def describe_quota(client: Any, q: Obj, now: float, show_events: bool) -> str:
    """Mirrors: describe.go :: describeQuota

    Differences: a used value in a different format than its hard limit is not re-formatted.
    """
    del client, now, show_events
    w = PrefixWriter()
    print_name_and_namespace(w, meta(q))
    scopes = sorted(spec(q).get("scopes") or [])
    if scopes:
        w.write(LEVEL_0, f"Scopes:\t{', '.join(scopes)}\n")
        for scope in scopes:
            if QUOTA_SCOPE_HELP.get(scope):
                w.write(LEVEL_0, f" * {QUOTA_SCOPE_HELP[scope]}\n")
    w.write(LEVEL_0, "Resource\tUsed\tHard\n")
    w.write(LEVEL_0, "--------\t----\t----\n")
    hard = status(q).get("hard") or {}
    used = status(q).get("used") or {}
    for res in sorted(hard):
        used_q = parse_quantity(used[res]) if res in used else Quantity()
        w.write(LEVEL_0, f"{res}\t{used_q}\t{parse_quantity(hard[res])}\n")
    return w.text()
