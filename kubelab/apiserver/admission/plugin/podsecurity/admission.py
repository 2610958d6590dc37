"""PodSecurity: enforce, audit and warn the Pod Security Standards per namespace.

Upstream: staging/src/k8s.io/pod-security-admission/admission/admission.go,
plugin/pkg/admission/security/podsecurity/admission.go
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubelab.api import errors
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes, Context
from kubelab.apiserver.admission.plugin.podsecurity.api import (
    AUDIT_ANNOTATION_PREFIX,
    AUDIT_VIOLATIONS_ANNOTATION_KEY,
    ENFORCED_POLICY_ANNOTATION_KEY,
    EXEMPT_ANNOTATION_KEY,
    LEVEL_PRIVILEGED,
    LevelVersion,
    Policy,
    compare_levels,
    policy_to_evaluate,
)
from kubelab.apiserver.admission.plugin.podsecurity.registry import (
    AggregateCheckResult,
    aggregate_check_results,
    evaluate_pod,
)
from kubelab.apiserver.admission.warning import add_audit_annotation, add_warning

PLUGIN_NAME = "PodSecurity"
IGNORED_POD_SUBRESOURCES = ("attach", "binding", "eviction", "exec", "log", "portforward", "proxy", "status")
# Resources whose pod template is checked in audit and warn mode only.
POD_CONTROLLER_RESOURCES = (("", "replicationcontrollers"), ("", "podtemplates"), ("apps", "replicasets"),
                            ("apps", "deployments"), ("apps", "statefulsets"), ("apps", "daemonsets"),
                            ("batch", "jobs"), ("batch", "cronjobs"))
NAMESPACE_MAX_PODS_TO_CHECK = 3000
# PodSecurityConfiguration defaults: privileged:latest for enforce, audit and warn.
DEFAULT_POLICY = Policy()


def extract_pod_spec(group: str, resource: str, obj: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """(metadata, spec) of the pod a controller object stamps out.

    Mirrors: admission.go :: DefaultPodSpecExtractor.ExtractPodSpec
    """
    if (group, resource) == ("", "podtemplates"):
        tmpl = obj.get("template") or {}
    elif (group, resource) == ("batch", "cronjobs"):
        tmpl = (((obj.get("spec") or {}).get("jobTemplate") or {}).get("spec") or {}).get("template") or {}
    else:
        tmpl = (obj.get("spec") or {}).get("template") or {}
    if not tmpl and resource == "replicationcontrollers":
        return None
    return tmpl.get("metadata") or {}, tmpl.get("spec") or {}


def is_significant_pod_update(pod: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    """Only image (and seccomp annotation) changes or new containers are re-checked.

    Mirrors: admission.go :: isSignificantPodUpdate
    """
    key = "seccomp.security.alpha.kubernetes.io/pod"
    ann, old_ann = (pod.get("metadata") or {}).get("annotations") or {}, (old.get("metadata") or {}).get("annotations") or {}
    if ann.get(key) != old_ann.get(key):
        return True
    spec, old_spec = pod.get("spec") or {}, old.get("spec") or {}
    for k in ("containers", "initContainers"):
        cs, ocs = spec.get(k) or [], old_spec.get(k) or []
        if len(cs) != len(ocs):
            return True
        for c, oc in zip(cs, ocs):
            if _significant_container_update(c, oc, ann, old_ann):
                return True
    olds = {c.get("name"): c for c in old_spec.get("ephemeralContainers") or ()}
    for c in spec.get("ephemeralContainers") or ():
        oc = olds.get(c.get("name"))
        if oc is None or _significant_container_update(c, oc, ann, old_ann):
            return True
    return False


def _significant_container_update(c: Mapping[str, Any], oc: Mapping[str, Any], ann: Mapping[str, str],
                                  old_ann: Mapping[str, str]) -> bool:
    if c.get("image") != oc.get("image"):
        return True
    key = "container.seccomp.security.alpha.kubernetes.io/" + str(c.get("name", ""))
    return ann.get(key) != old_ann.get(key)


class PodSecurity:
    """Mirrors: pod-security-admission/admission/admission.go :: Admission (built in)

    Args:
        defaults: the policy for namespaces without labels (privileged:latest).
        exempt_namespaces, exempt_usernames, exempt_runtime_classes: the
            PodSecurityConfiguration exemptions.
    """

    name = PLUGIN_NAME

    def __init__(self, defaults: Policy = DEFAULT_POLICY, *, exempt_namespaces: tuple[str, ...] = (),
                 exempt_usernames: tuple[str, ...] = (), exempt_runtime_classes: tuple[str, ...] = ()) -> None:
        self.defaults = defaults
        self.exempt_namespaces = exempt_namespaces
        self.exempt_usernames = exempt_usernames
        self.exempt_runtime_classes = exempt_runtime_classes

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE)

    def validate(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: admission.go :: (*Admission).Validate"""
        gr = (attrs.info.group, attrs.info.resource)
        if gr == ("", "namespaces"):
            self.validate_namespace(attrs, ctx)
        elif gr == ("", "pods"):
            self.validate_pod(attrs, ctx)
        elif gr in POD_CONTROLLER_RESOURCES:
            self.validate_pod_controller(attrs, ctx)

    def _policy(self, labels: Mapping[str, str] | None) -> tuple[Policy, list[Any]]:
        return policy_to_evaluate(labels, self.defaults)

    def validate_namespace(self, attrs: Attributes, ctx: Context) -> None:
        """Refuse bad labels; warn which existing pods a stricter enforce level would refuse.

        Mirrors: admission.go :: (*Admission).ValidateNamespace
        """
        if attrs.subresource or attrs.object is None:
            return
        labels = (attrs.object.get("metadata") or {}).get("labels")
        new, errs = self._policy(labels)
        if attrs.operation == CREATE:
            if errs:
                raise errors.new_invalid("", "Namespace", attrs.name, errs)
            return
        old, _ = self._policy(((attrs.old_object or {}).get("metadata") or {}).get("labels"))
        if errs:
            raise errors.new_invalid("", "Namespace", attrs.name, errs)
        if new.enforce == old.enforce or new.enforce.level == LEVEL_PRIVILEGED:
            return
        if new.enforce.minor == old.enforce.minor and compare_levels(new.enforce.level, old.enforce.level) < 1:
            return
        if attrs.name in self.exempt_namespaces:
            return
        for w in self.evaluate_pods_in_namespace(ctx, attrs.name, new.enforce):
            add_warning(ctx, w)

    def evaluate_pods_in_namespace(self, ctx: Context, namespace: str, enforce: LevelVersion) -> list[str]:
        """Mirrors: admission.go :: (*Admission).EvaluatePodsInNamespace"""
        pods = ctx.list("pods", namespace)
        total = len(pods)
        pods = pods[:NAMESPACE_MAX_PODS_TO_CHECK]
        first: dict[str, list[Any]] = {}  # reason -> [lowest pod name, count]
        order: list[str] = []
        for pod in pods:
            r = aggregate_check_results(evaluate_pod(enforce, pod.get("metadata") or {}, pod.get("spec") or {}))
            if r.allowed:
                continue
            reason, name = r.forbidden_reason(), (pod.get("metadata") or {}).get("name", "")
            if reason not in first:
                first[reason] = [name, 0]
                order.append(reason)
            elif name < first[reason][0]:
                first[reason][0] = name
            first[reason][1] += 1
        warnings = []
        if len(pods) < total:
            warnings.append(f"new PodSecurity enforce level only checked against the first {len(pods)} "
                            f"of {total} existing pods")
        if order:
            warnings.append(f'existing pods in namespace "{namespace}" violate the new PodSecurity enforce '
                            f'level "{enforce}"')
        decorated = []
        for reason in order:
            name, count = first[reason]
            if count == 1:
                decorated.append(f"{name}: {reason}")
            elif count == 2:
                decorated.append(f"{name} (and 1 other pod): {reason}")
            else:
                decorated.append(f"{name} (and {count - 1} other pods): {reason}")
        return warnings + sorted(decorated)

    def _exempt(self, attrs: Attributes, ctx: Context, spec: Mapping[str, Any] | None = None) -> bool:
        if attrs.namespace in self.exempt_namespaces:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + EXEMPT_ANNOTATION_KEY, "namespace")
            return True
        if attrs.user.name in self.exempt_usernames:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + EXEMPT_ANNOTATION_KEY, "user")
            return True
        if spec is not None and spec.get("runtimeClassName") in self.exempt_runtime_classes:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + EXEMPT_ANNOTATION_KEY, "runtimeClass")
            return True
        return False

    def _namespace_policy(self, attrs: Attributes, ctx: Context) -> tuple[Policy, list[Any]]:
        ns = ctx.get("namespaces", None, attrs.namespace)
        if ns is None:
            raise errors.new_internal_error(f'failed to lookup namespace "{attrs.namespace}"')
        return self._policy((ns.get("metadata") or {}).get("labels"))

    def validate_pod(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: admission.go :: (*Admission).ValidatePod"""
        if attrs.subresource in IGNORED_POD_SUBRESOURCES or attrs.object is None:
            return
        if self._exempt(attrs, ctx):
            return
        policy, errs = self._namespace_policy(attrs, ctx)
        if not errs and policy.fully_privileged():
            return
        pod = attrs.object
        if attrs.operation == UPDATE and attrs.old_object is not None:
            if not is_significant_pod_update(pod, attrs.old_object):
                return
        spec = pod.get("spec") or {}
        if spec.get("runtimeClassName") and spec["runtimeClassName"] in self.exempt_runtime_classes:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + EXEMPT_ANNOTATION_KEY, "runtimeClass")
            return
        self.evaluate_pod(attrs, ctx, policy, errs, pod.get("metadata") or {}, spec, enforce=True)

    def validate_pod_controller(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: admission.go :: (*Admission).ValidatePodController"""
        if attrs.subresource or attrs.object is None:
            return
        if self._exempt(attrs, ctx):
            return
        policy, errs = self._namespace_policy(attrs, ctx)
        if not errs and policy.warn.level == LEVEL_PRIVILEGED and policy.audit.level == LEVEL_PRIVILEGED:
            return
        extracted = extract_pod_spec(attrs.info.group, attrs.info.resource, attrs.object)
        if extracted is None:
            return
        self.evaluate_pod(attrs, ctx, policy, errs, extracted[0], extracted[1], enforce=False)

    def evaluate_pod(self, attrs: Attributes, ctx: Context, policy: Policy, policy_errs: list[Any],
                     meta: Mapping[str, Any], spec: Mapping[str, Any], *, enforce: bool) -> None:
        """Enforce (raise Forbidden), audit (annotate) and warn (add a warning).

        Mirrors: admission.go :: (*Admission).EvaluatePod
        """
        if policy_errs:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + "error",
                                 "Failed to parse policy: " + "; ".join(str(e) for e in policy_errs))
        cached: dict[LevelVersion, AggregateCheckResult] = {}

        def result(lv: LevelVersion) -> AggregateCheckResult:
            if lv not in cached:
                cached[lv] = aggregate_check_results(evaluate_pod(lv, meta, spec))
            return cached[lv]

        denied = None
        if enforce:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + ENFORCED_POLICY_ANNOTATION_KEY, str(policy.enforce))
            r = result(policy.enforce)
            if not r.allowed:
                denied = errors.new_forbidden(attrs.info.group, attrs.info.resource, attrs.name or (
                    (attrs.object or {}).get("metadata") or {}).get("name", ""),
                    f'violates PodSecurity "{policy.enforce}": {r.forbidden_detail()}')
        audit = result(policy.audit)
        if not audit.allowed:
            add_audit_annotation(ctx, AUDIT_ANNOTATION_PREFIX + AUDIT_VIOLATIONS_ANNOTATION_KEY,
                                 f'would violate PodSecurity "{policy.audit}": {audit.forbidden_detail()}')
        if denied is not None:
            raise denied
        warn = result(policy.warn)
        if not warn.allowed:
            add_warning(ctx, f'would violate PodSecurity "{policy.warn}": {warn.forbidden_detail()}')
