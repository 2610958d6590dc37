"""Deployments, ReplicaSets, StatefulSets, DaemonSets and ControllerRevisions.

Upstream: pkg/apis/apps/validation/validation.go; the selector immutability on update lives
in pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go (ValidateUpdate).
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.labels import Selector, label_selector_as_selector
from kubelab.api.validation import generic as g
from kubelab.api.validation import gofmt
from kubelab.api.validation.core.common import validate_object_meta, validate_object_meta_update
from kubelab.api.validation.core.others import validate_replica_counts_status
from kubelab.api.validation.core.pod import (
    pod_options,
    validate_pod_specific_annotations,
    validate_pod_template_spec,
)
from kubelab.api.validation.objectmeta import (
    name_is_dns_label,
    name_is_dns_subdomain,
    semantic_equal,
    validate_annotations,
    validate_immutable_field,
    validate_nonnegative_field,
)

validate_deployment_name = name_is_dns_subdomain
validate_replica_set_name = name_is_dns_subdomain
validate_daemon_set_name = name_is_dns_subdomain
validate_stateful_set_name = name_is_dns_label
validate_controller_revision_name = name_is_dns_subdomain

_STRICT = g.LabelSelectorValidationOptions(allow_invalid_label_value_in_selector=False)


# -- int-or-percent ---------------------------------------------------------------------------------


def _atoi(s: str) -> int:
    try:
        return int(s, 10)
    except ValueError:
        return 0


def get_percent_value(v: Any) -> tuple[int, bool]:
    """Mirrors: pkg/apis/apps/validation/validation.go :: getPercentValue"""
    if not isinstance(v, str) or g.is_valid_percent(v):
        return 0, False
    return _atoi(v[:-1]), True


def get_int_or_percent_value(v: Any) -> int:
    """Mirrors: pkg/apis/apps/validation/validation.go :: getIntOrPercentValue"""
    value, is_percent = get_percent_value(v)
    if is_percent:
        return value
    return _atoi(v) if isinstance(v, str) else int(v or 0)


def validate_positive_int_or_percent(v: Any, path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidatePositiveIntOrPercent"""
    if isinstance(v, str):
        return [field.invalid(path, gofmt.int_or_string(v), m) for m in g.is_valid_percent(v)]
    return validate_nonnegative_field(int(v or 0), path)


def is_not_more_than_100_percent(v: Any, path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: IsNotMoreThan100Percent"""
    value, is_percent = get_percent_value(v)
    if not is_percent or value <= 100:
        return []
    return [field.invalid(path, gofmt.int_or_string(v), "must not be greater than 100%")]


# -- selector and template -----------------------------------------------------------------------


def _selector_matches(sel: dict[str, Any] | None, labels: dict[str, str] | None) -> bool | None:
    """Whether sel selects labels; None when sel cannot be converted (LabelSelectorAsSelector fails)."""
    try:
        return label_selector_as_selector(sel).matches(labels or {})
    except ValueError:
        return None


def _selector_errors(spec: dict[str, Any], path: str, kind: str) -> ErrorList:
    sel = spec.get("selector")
    if sel is None:
        return [field.required(f"{path}.selector", "")]
    errs = g.validate_label_selector(sel, _STRICT, f"{path}.selector")
    if not sel.get("matchLabels") and not sel.get("matchExpressions"):
        errs.append(field.invalid(f"{path}.selector", gofmt.label_selector(sel), f"empty selector is invalid for {kind}"))
    return errs


def validate_pod_template_spec_for_replica_set(tmpl: dict[str, Any] | None, selector: Selector, path: str, what: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidatePodTemplateSpecForReplicaSet

    A nil selector converts to a selector matching nothing, which is not empty, so it also
    reports the template's labels as unmatched, as upstream does.
    """
    tmpl = tmpl or {}
    errs: ErrorList = []
    labels = (tmpl.get("metadata") or {}).get("labels")
    if not selector.empty() and not selector.matches(labels or {}):
        errs.append(field.invalid(f"{path}.metadata.labels", gofmt.labels_value(labels), "`selector` does not match template `labels`"))
    errs.extend(validate_pod_template_spec(tmpl, path, pod_options(False)))
    tspec = tmpl.get("spec") or {}
    if tspec.get("restartPolicy") != "Always":
        errs.append(field.not_supported(f"{path}.spec.restartPolicy", tspec.get("restartPolicy", "") or "", ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(field.forbidden(f"{path}.spec.activeDeadlineSeconds", f"activeDeadlineSeconds in {what} is not Supported"))
    return errs


def _template_for(spec: dict[str, Any], path: str, what: str) -> ErrorList:
    sel = spec.get("selector")
    try:
        selector = label_selector_as_selector(sel)
    except ValueError:
        return [field.invalid(f"{path}.selector", gofmt.label_selector(sel), "invalid label selector")]
    return validate_pod_template_spec_for_replica_set(spec.get("template"), selector, f"{path}.template", what)


# -- Deployment -----------------------------------------------------------------------------------


def validate_deployment_strategy(strategy: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDeploymentStrategy"""
    t = strategy.get("type", "") or ""
    ru = strategy.get("rollingUpdate")
    if t == "Recreate":
        if ru is not None:
            return [field.forbidden(f"{path}.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
        return []
    if t == "RollingUpdate":
        if ru is None:
            return [field.required(f"{path}.rollingUpdate", "this should be defaulted and never be nil")]
        rp = f"{path}.rollingUpdate"
        mu, ms = ru.get("maxUnavailable", 0), ru.get("maxSurge", 0)
        errs = validate_positive_int_or_percent(mu, f"{rp}.maxUnavailable")
        errs.extend(validate_positive_int_or_percent(ms, f"{rp}.maxSurge"))
        if get_int_or_percent_value(mu) == 0 and get_int_or_percent_value(ms) == 0:
            errs.append(field.invalid(f"{rp}.maxUnavailable", gofmt.int_or_string(mu), "may not be 0 when `maxSurge` is 0"))
        errs.extend(is_not_more_than_100_percent(mu, f"{rp}.maxUnavailable"))
        return errs
    return [field.not_supported(path, gofmt.struct("apps.DeploymentStrategy", strategy), ["Recreate", "RollingUpdate"])]


def validate_deployment_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDeploymentSpec"""
    errs = validate_nonnegative_field(spec.get("replicas", 0) or 0, f"{path}.replicas")
    errs.extend(_selector_errors(spec, path, "deployment"))
    errs.extend(_template_for(spec, path, "ReplicaSet"))
    errs.extend(validate_deployment_strategy(spec.get("strategy") or {}, f"{path}.strategy"))
    mrs = spec.get("minReadySeconds", 0) or 0
    errs.extend(validate_nonnegative_field(mrs, f"{path}.minReadySeconds"))
    rhl = spec.get("revisionHistoryLimit")
    if rhl is not None:
        errs.extend(validate_nonnegative_field(rhl, f"{path}.revisionHistoryLimit"))
    rb = spec.get("rollbackTo")
    if rb is not None:
        errs.extend(validate_nonnegative_field(rb.get("revision", 0) or 0, f"{path}.rollback.version"))
    pds = spec.get("progressDeadlineSeconds")
    if pds is not None:
        errs.extend(validate_nonnegative_field(pds, f"{path}.progressDeadlineSeconds"))
        if pds <= mrs:
            errs.append(field.invalid(f"{path}.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"))
    return errs


def validate_deployment(d: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDeployment"""
    errs = validate_object_meta(d.get("metadata"), True, validate_deployment_name, "metadata")
    errs.extend(validate_deployment_spec(d.get("spec") or {}, "spec"))
    return errs


def _selector_immutable(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    ns, os_ = (new.get("spec") or {}).get("selector"), (old.get("spec") or {}).get("selector")
    return validate_immutable_field(ns, os_, "spec.selector", gofmt.label_selector(ns))


def validate_deployment_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDeploymentUpdate, plus the
    strategy's selector immutability (pkg/registry/apps/deployment/strategy.go :: ValidateUpdate).
    """
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_deployment_spec(new.get("spec") or {}, "spec"))
    errs.extend(_selector_immutable(new, old))
    return errs


def validate_deployment_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDeploymentStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    status = new.get("status") or {}
    errs.extend(validate_replica_counts_status(
        status, "status",
        ("observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "collisionCount"),
    ))
    errs.extend(_collision_count(status, old.get("status") or {}))
    return errs


def _collision_count(status: dict[str, Any], old_status: dict[str, Any]) -> ErrorList:
    new_cc, old_cc = status.get("collisionCount"), old_status.get("collisionCount")
    if old_cc is not None and (new_cc is None or new_cc < old_cc):
        return [field.invalid("status.collisionCount", new_cc or 0, "cannot be decremented")]
    return []


# -- ReplicaSet -----------------------------------------------------------------------------------


def validate_replica_set_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateReplicaSetSpec"""
    errs = validate_nonnegative_field(spec.get("replicas", 0) or 0, f"{path}.replicas")
    errs.extend(validate_nonnegative_field(spec.get("minReadySeconds", 0) or 0, f"{path}.minReadySeconds"))
    errs.extend(_selector_errors(spec, path, "deployment"))
    errs.extend(_template_for(spec, path, "ReplicaSet"))
    return errs


def validate_replica_set(rs: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateReplicaSet"""
    errs = validate_object_meta(rs.get("metadata"), True, validate_replica_set_name, "metadata")
    errs.extend(validate_replica_set_spec(rs.get("spec") or {}, "spec"))
    return errs


def validate_replica_set_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateReplicaSetUpdate, plus the
    strategy's selector immutability (pkg/registry/apps/replicaset/strategy.go).
    """
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_replica_set_spec(new.get("spec") or {}, "spec"))
    errs.extend(_selector_immutable(new, old))
    return errs


def validate_replica_set_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateReplicaSetStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_replica_counts_status(
        new.get("status") or {}, "status",
        ("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"),
    ))
    return errs


# -- DaemonSet ------------------------------------------------------------------------------------


def validate_rolling_update_daemon_set(ru: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateRollingUpdateDaemonSet"""
    mu, ms = ru.get("maxUnavailable", 0), ru.get("maxSurge", 0)
    errs = validate_positive_int_or_percent(mu, f"{path}.maxUnavailable")
    errs.extend(validate_positive_int_or_percent(ms, f"{path}.maxSurge"))
    errs.extend(is_not_more_than_100_percent(mu, f"{path}.maxUnavailable"))
    errs.extend(is_not_more_than_100_percent(ms, f"{path}.maxSurge"))
    has_u, has_s = get_int_or_percent_value(mu) != 0, get_int_or_percent_value(ms) != 0
    if has_u and has_s:
        errs.append(field.invalid(f"{path}.maxSurge", gofmt.int_or_string(ms), "may not be set when maxUnavailable is non-zero"))
    elif not has_u and not has_s:
        errs.append(field.required(f"{path}.maxUnavailable", "cannot be 0 when maxSurge is 0"))
    return errs


def validate_daemon_set_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDaemonSetSpec

    Differences: templateGeneration (an internal-only field) is not checked.
    """
    sel = spec.get("selector")
    errs = g.validate_label_selector(sel, _STRICT, f"{path}.selector")
    tmpl = spec.get("template") or {}
    labels = (tmpl.get("metadata") or {}).get("labels")
    if _selector_matches(sel, labels) is False:
        errs.append(field.invalid(f"{path}.template.metadata.labels", gofmt.labels_value(labels), "`selector` does not match template `labels`"))
    if sel is not None and not sel.get("matchLabels") and not sel.get("matchExpressions"):
        errs.append(field.invalid(f"{path}.selector", gofmt.label_selector(sel), "empty selector is invalid for daemonset"))
    errs.extend(validate_pod_template_spec(tmpl, f"{path}.template", pod_options(False)))
    tspec = tmpl.get("spec") or {}
    if tspec.get("restartPolicy") != "Always":
        errs.append(field.not_supported(f"{path}.template.spec.restartPolicy", tspec.get("restartPolicy", "") or "", ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(field.forbidden(f"{path}.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in DaemonSet is not Supported"))
    errs.extend(validate_nonnegative_field(spec.get("minReadySeconds", 0) or 0, f"{path}.minReadySeconds"))
    strategy = spec.get("updateStrategy") or {}
    sp = f"{path}.updateStrategy"
    t = strategy.get("type", "") or ""
    if t == "RollingUpdate":
        if strategy.get("rollingUpdate") is None:
            errs.append(field.required(f"{sp}.rollingUpdate", ""))
        else:
            errs.extend(validate_rolling_update_daemon_set(strategy["rollingUpdate"], f"{sp}.rollingUpdate"))
    elif t != "OnDelete":
        errs.append(field.not_supported(sp, gofmt.struct("apps.DaemonSetUpdateStrategy", strategy), ["RollingUpdate", "OnDelete"]))
    rhl = spec.get("revisionHistoryLimit")
    if rhl is not None:
        errs.extend(validate_nonnegative_field(rhl, f"{path}.revisionHistoryLimit"))
    return errs


def validate_daemon_set(ds: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDaemonSet"""
    errs = validate_object_meta(ds.get("metadata"), True, validate_daemon_set_name, "metadata")
    errs.extend(validate_daemon_set_spec(ds.get("spec") or {}, "spec"))
    return errs


def validate_daemon_set_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDaemonSetUpdate, plus the
    strategy's selector immutability (pkg/registry/apps/daemonset/strategy.go).
    """
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_daemon_set_spec(new.get("spec") or {}, "spec"))
    errs.extend(_selector_immutable(new, old))
    return errs


def validate_daemon_set_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateDaemonSetStatusUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    status = new.get("status") or {}
    for key in ("currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady", "observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable", "collisionCount"):
        if key == "collisionCount" and status.get(key) is None:
            continue
        errs.extend(validate_nonnegative_field(status.get(key, 0) or 0, f"status.{key}"))
    errs.extend(_collision_count(status, old.get("status") or {}))
    return errs


# -- StatefulSet ----------------------------------------------------------------------------------


def _validate_pvc_retention(policy: dict[str, Any] | None, path: str) -> ErrorList:
    if policy is None:
        return []
    errs: ErrorList = []
    for key in ("whenDeleted", "whenScaled"):
        v = policy.get(key, "") or ""
        if v not in ("Retain", "Delete"):
            errs.append(field.not_supported(f"{path}.{key}", v, ["Retain", "Delete"]))
    return errs


def validate_stateful_set_spec(spec: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateStatefulSetSpec

    Like upstream, the pod template's spec itself is not validated for StatefulSets.
    """
    errs: ErrorList = []
    pmp = spec.get("podManagementPolicy", "") or ""
    if not pmp:
        errs.append(field.required(f"{path}.podManagementPolicy", ""))
    elif pmp not in ("OrderedReady", "Parallel"):
        errs.append(field.invalid(f"{path}.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"))
    us = spec.get("updateStrategy") or {}
    ut = us.get("type", "") or ""
    ru = us.get("rollingUpdate")
    if not ut:
        errs.append(field.required(f"{path}.updateStrategy", ""))
    elif ut == "OnDelete":
        if ru is not None:
            errs.append(field.invalid(f"{path}.updateStrategy.rollingUpdate", gofmt.struct("apps.RollingUpdateStatefulSetStrategy", ru), "only allowed for updateStrategy 'RollingUpdate'"))
    elif ut == "RollingUpdate":
        if ru is not None:
            rp = f"{path}.updateStrategy.rollingUpdate"
            errs.extend(validate_nonnegative_field(ru.get("partition", 0) or 0, f"{rp}.partition"))
            mu = ru.get("maxUnavailable")
            if mu is not None:
                errs.extend(validate_positive_int_or_percent(mu, f"{rp}.maxUnavailable"))
                if get_int_or_percent_value(mu) == 0:
                    errs.append(field.invalid(f"{rp}.maxUnavailable", gofmt.int_or_string(mu), "cannot be 0"))
                errs.extend(is_not_more_than_100_percent(mu, f"{rp}.maxUnavailable"))
    else:
        errs.append(field.invalid(f"{path}.updateStrategy", gofmt.struct("apps.StatefulSetUpdateStrategy", us), "must be 'RollingUpdate' or 'OnDelete'"))
    errs.extend(_validate_pvc_retention(spec.get("persistentVolumeClaimRetentionPolicy"), f"{path}.persistentVolumeClaimRetentionPolicy"))
    errs.extend(validate_nonnegative_field(spec.get("replicas", 0) or 0, f"{path}.replicas"))
    errs.extend(validate_nonnegative_field(spec.get("minReadySeconds", 0) or 0, f"{path}.minReadySeconds"))
    ords = spec.get("ordinals")
    if ords is not None:
        errs.extend(validate_nonnegative_field(ords.get("start", 0) or 0, f"{path}.ordinals.start"))
    errs.extend(_selector_errors(spec, path, "statefulset"))
    sel = spec.get("selector")
    tmpl = spec.get("template") or {}
    meta = tmpl.get("metadata") or {}
    tp = f"{path}.template"
    try:
        selector = label_selector_as_selector(sel)
    except ValueError:
        errs.append(field.invalid(f"{path}.selector", gofmt.label_selector(sel), ""))
    else:
        labels = meta.get("labels")
        if not selector.empty() and not selector.matches(labels or {}):
            errs.append(field.invalid(f"{tp}.metadata.labels", gofmt.labels_value(labels), "`selector` does not match template `labels`"))
        if labels:
            errs.extend(g.validate_labels(labels, f"{tp}.labels"))
        errs.extend(validate_annotations(meta.get("annotations"), f"{tp}.annotations"))
        errs.extend(validate_pod_specific_annotations(meta.get("annotations"), tmpl.get("spec") or {}, f"{tp}.annotations", pod_options(False)))
    tspec = tmpl.get("spec") or {}
    if tspec.get("restartPolicy") != "Always":
        errs.append(field.not_supported(f"{tp}.spec.restartPolicy", tspec.get("restartPolicy", "") or "", ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(field.forbidden(f"{tp}.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"))
    return errs


def validate_stateful_set(sts: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateStatefulSet"""
    errs = validate_object_meta(sts.get("metadata"), True, validate_stateful_set_name, "metadata")
    errs.extend(validate_stateful_set_spec(sts.get("spec") or {}, "spec"))
    return errs


_STS_MUTABLE = ("replicas", "template", "updateStrategy", "minReadySeconds", "ordinals", "persistentVolumeClaimRetentionPolicy")


def validate_stateful_set_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateStatefulSetUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    ns, os_ = new.get("spec") or {}, old.get("spec") or {}
    errs.extend(validate_stateful_set_spec(ns, "spec"))
    a = {k: v for k, v in ns.items() if k not in _STS_MUTABLE}
    b = {k: v for k, v in os_.items() if k not in _STS_MUTABLE}
    if not semantic_equal(a, b):
        errs.append(field.forbidden(
            "spec",
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
            "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ))
    return errs


def validate_stateful_set_status_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateStatefulSetStatusUpdate"""
    status = new.get("status") or {}
    errs: ErrorList = []
    for key in ("replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas"):
        errs.extend(validate_nonnegative_field(status.get(key, 0) or 0, f"status.{key}"))
    for key in ("observedGeneration", "collisionCount"):
        if status.get(key) is not None:
            errs.extend(validate_nonnegative_field(status[key], f"status.{key}"))
    replicas = status.get("replicas", 0) or 0
    for key in ("readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas"):
        v = status.get(key, 0) or 0
        if v > replicas:
            errs.append(field.invalid(f"status.{key}", v, "cannot be greater than status.replicas"))
    avail = status.get("availableReplicas", 0) or 0
    if avail > (status.get("readyReplicas", 0) or 0):
        errs.append(field.invalid("status.availableReplicas", avail, "cannot be greater than status.readyReplicas"))
    errs.extend(validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata"))
    errs.extend(_collision_count(status, old.get("status") or {}))
    return errs


# -- ControllerRevision ---------------------------------------------------------------------------


def validate_controller_revision(rev: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateControllerRevision"""
    errs = validate_object_meta(rev.get("metadata"), True, validate_controller_revision_name, "metadata")
    if rev.get("data") is None:
        errs.append(field.required("data", "data is mandatory"))
    errs.extend(validate_nonnegative_field(rev.get("revision", 0) or 0, "revision"))
    return errs


def validate_controller_revision_update(new: dict[str, Any], old: dict[str, Any]) -> ErrorList:
    """Mirrors: pkg/apis/apps/validation/validation.go :: ValidateControllerRevisionUpdate"""
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"), "metadata")
    errs.extend(validate_controller_revision(new))
    errs.extend(validate_immutable_field(new.get("data"), old.get("data"), "data", gofmt.struct("runtime.RawExtension", {"raw": "..."})))
    return errs
