"""The selector that default spreading uses: the pod's services and controller.

Upstream: pkg/scheduler/framework/plugins/helper/spread.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import errors, labels

Obj = dict[str, Any]


def get_pod_services(service_lister: Any, pod: Obj) -> list[Obj]:
    """Services in the pod's namespace whose selector matches it (nil selectors match nothing).

    Mirrors: pkg/scheduler/framework/plugins/helper/spread.go :: GetPodServices
    """
    ns = pod["metadata"].get("namespace", "")
    pod_labels = pod["metadata"].get("labels") or {}
    out = []
    for svc in service_lister.list(None, ns):
        sel = (svc.get("spec") or {}).get("selector")
        if sel is None:
            continue
        if labels.selector_from_set(sel).matches(pod_labels):
            out.append(svc)
    return out


def _controller_of(pod: Obj) -> Obj | None:
    for ref in pod["metadata"].get("ownerReferences") or ():
        if ref.get("controller"):
            return ref
    return None


def default_selector(pod: Obj, services: Any, rcs: Any, rss: Any, sss: Any) -> labels.Selector:
    """Mirrors: pkg/scheduler/framework/plugins/helper/spread.go :: DefaultSelector"""
    label_set: dict[str, str] = {}
    if services is not None:
        for svc in get_pod_services(services, pod):
            label_set = labels.merge(label_set, (svc.get("spec") or {}).get("selector") or {})
    selector = labels.selector_from_set(label_set)
    owner = _controller_of(pod)
    if owner is None:
        return selector
    ns = pod["metadata"].get("namespace", "")
    api_version, kind = owner.get("apiVersion", ""), owner.get("kind", "")
    try:
        if (api_version, kind) == ("v1", "ReplicationController") and rcs is not None:
            rc = rcs.get(ns, owner.get("name", ""))
            label_set = labels.merge(label_set, (rc.get("spec") or {}).get("selector") or {})
            selector = labels.selector_from_set(label_set)
        elif (api_version, kind) in (("apps/v1", "ReplicaSet"), ("apps/v1", "StatefulSet")):
            lister = rss if kind == "ReplicaSet" else sss
            if lister is not None:
                obj = lister.get(ns, owner.get("name", ""))
                try:
                    other = labels.label_selector_as_selector((obj.get("spec") or {}).get("selector"))
                except ValueError:
                    return selector
                selector = selector.add(*other.requirements)
    except errors.NotFound:
        return selector
    return selector
