"""Does a webhook want this request: rules, namespace selector, object selector.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/predicates/{rules/rules.go,
namespace/matcher.go,object/matcher.go}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kubelab.api import errors
from kubelab.api.labels import label_selector_as_selector
from kubelab.apiserver.admission.interfaces import Attributes, Context


def _exact_or_wildcard(items: Sequence[str], requested: str) -> bool:
    return any(i == "*" or i == requested for i in items)


def _split_resource(resource: str) -> tuple[str, str]:
    res, _, sub = resource.partition("/")
    return res, sub


def rule_matches(rule: Mapping[str, Any], attrs: Attributes) -> bool:
    """Mirrors: rules/rules.go :: (*Matcher).Matches"""
    return (_scope(rule, attrs) and _exact_or_wildcard(rule.get("operations") or (), attrs.operation)
            and _exact_or_wildcard(rule.get("apiGroups") or (), attrs.info.group)
            and _exact_or_wildcard(rule.get("apiVersions") or (), attrs.info.version)
            and _resource(rule, attrs))


def _scope(rule: Mapping[str, Any], attrs: Attributes) -> bool:
    """Mirrors: rules/rules.go :: (*Matcher).scope"""
    scope = rule.get("scope") or "*"
    is_namespace = (attrs.info.group, attrs.info.resource) == ("", "namespaces")
    if scope == "*":
        return True
    if scope == "Namespaced":
        return not is_namespace and attrs.namespace != ""
    if scope == "Cluster":
        return is_namespace or attrs.namespace == ""
    return False


def _resource(rule: Mapping[str, Any], attrs: Attributes) -> bool:
    """Mirrors: rules/rules.go :: (*Matcher).resource"""
    for r in rule.get("resources") or ():
        res, sub = _split_resource(r)
        if (res == "*" or res == attrs.info.resource) and (sub == "*" or sub == attrs.subresource):
            return True
    return False


def _labels_of(obj: Mapping[str, Any] | None) -> Mapping[str, str]:
    return ((obj or {}).get("metadata") or {}).get("labels") or {}


def match_namespace_selector(selector: Mapping[str, Any] | None, attrs: Attributes, ctx: Context) -> bool:
    """Cluster-scoped requests always match; a missing namespace is a 404.

    Mirrors: namespace/matcher.go :: (*Matcher).MatchNamespaceSelector
    """
    is_namespace = (attrs.info.group, attrs.info.resource) == ("", "namespaces")
    if not attrs.namespace and not is_namespace:
        return True
    sel = label_selector_as_selector(selector if selector is not None else {})
    if sel.empty():
        return True
    if is_namespace:
        labels = _labels_of(attrs.object if attrs.object is not None else attrs.old_object)
    else:
        ns = ctx.get("namespaces", None, attrs.namespace)
        if ns is None:
            raise errors.new_not_found("", "namespaces", attrs.namespace)
        labels = _labels_of(ns)
    return sel.matches(labels)


def match_object_selector(selector: Mapping[str, Any] | None, attrs: Attributes) -> bool:
    """The new or the old object's labels match.

    Mirrors: object/matcher.go :: (*Matcher).MatchObjectSelector
    """
    sel = label_selector_as_selector(selector if selector is not None else {})
    if sel.empty():
        return True
    return ((attrs.object is not None and sel.matches(_labels_of(attrs.object)))
            or (attrs.old_object is not None and sel.matches(_labels_of(attrs.old_object))))
