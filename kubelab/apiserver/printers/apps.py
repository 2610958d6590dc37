"""Printers for apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision.

Upstream: pkg/printers/internalversion/printers.go :: printDeployment, printReplicaSet,
printStatefulSet, printDaemonSet, printControllerRevision
"""

from __future__ import annotations

from kubelab.apiserver.printers.common import (
    NONE,
    GenerateOptions,
    Obj,
    Row,
    age,
    format_label_selector,
    format_labels,
    layout_container_cells,
    meta,
    name_of,
    row,
    selector_string,
    spec,
    status,
    template_containers,
)


def print_deployment(d: Obj, options: GenerateOptions) -> list[Row]:
    """READY ``ready/desired``, UP-TO-DATE, AVAILABLE; CONTAINERS, IMAGES, SELECTOR when wide.

    Mirrors: pkg/printers/internalversion/printers.go :: printDeployment
    """
    s, st = spec(d), status(d)
    desired = s.get("replicas") or 0
    r = row(name_of(d), f"{st.get('readyReplicas', 0)}/{desired}", st.get("updatedReplicas", 0),
            st.get("availableReplicas", 0), age(d, options.now))
    if options.wide:
        names, images = layout_container_cells(template_containers(d))
        r["cells"] += [names, images, selector_string(s.get("selector"))]
    return [r]


def print_replica_set(rs: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printReplicaSet"""
    s, st = spec(rs), status(rs)
    r = row(name_of(rs), s.get("replicas") or 0, st.get("replicas", 0), st.get("readyReplicas", 0),
            age(rs, options.now))
    if options.wide:
        names, images = layout_container_cells(template_containers(rs))
        r["cells"] += [names, images, format_label_selector(s.get("selector"))]
    return [r]


def print_stateful_set(sts: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printStatefulSet"""
    s, st = spec(sts), status(sts)
    r = row(name_of(sts), f"{st.get('readyReplicas', 0)}/{s.get('replicas') or 0}", age(sts, options.now))
    if options.wide:
        names, images = layout_container_cells(template_containers(sts))
        r["cells"] += [names, images]
    return [r]


def print_daemon_set(ds: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printDaemonSet"""
    s, st = spec(ds), status(ds)
    template_spec = (s.get("template") or {}).get("spec") or {}
    r = row(name_of(ds), st.get("desiredNumberScheduled", 0), st.get("currentNumberScheduled", 0),
            st.get("numberReady", 0), st.get("updatedNumberScheduled", 0), st.get("numberAvailable", 0),
            format_labels(template_spec.get("nodeSelector")), age(ds, options.now))
    if options.wide:
        names, images = layout_container_cells(template_spec.get("containers"))
        r["cells"] += [names, images, format_label_selector(s.get("selector"))]
    return [r]


def format_resource_name(group: str, kind: str, name: str, with_kind: bool) -> str:
    """``daemonset.apps/name``: the lower-cased GroupKind, a slash, the name.

    Mirrors: pkg/printers/internalversion/printers.go :: formatResourceName
    """
    if not with_kind or (group == "" and kind == ""):
        return name
    gk = f"{kind}.{group}" if group else kind
    return gk.lower() + "/" + name


def get_controller_of(obj: Obj) -> Obj | None:
    """Mirrors: apimachinery/pkg/apis/meta/v1/controller_ref.go :: GetControllerOf"""
    for ref in meta(obj).get("ownerReferences") or ():
        if ref.get("controller"):
            return ref
    return None


def print_controller_revision(cr: Obj, options: GenerateOptions) -> list[Row]:
    """CONTROLLER as ``statefulset.apps/web``, REVISION.

    Mirrors: pkg/printers/internalversion/printers.go :: printControllerRevision
    """
    ref = get_controller_of(cr)
    controller = NONE
    if ref is not None:
        api_version = ref.get("apiVersion", "")
        group = api_version.split("/", 1)[0] if "/" in api_version else ""
        controller = format_resource_name(group, ref.get("kind", ""), ref.get("name", ""), True)
    return [row(name_of(cr), controller, cr.get("revision", 0), age(cr, options.now))]
