"""Node selectors and node affinity: which nodes a pod's required and preferred terms match.

Upstream: staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kubelab.api import field as fld
from kubelab.api import labels
from kubelab.api.field import Path

Obj = dict[str, Any]

_LABEL_OPS = {
    "In": labels.IN,
    "NotIn": labels.NOT_IN,
    "Exists": labels.EXISTS,
    "DoesNotExist": labels.DOES_NOT_EXIST,
    "Gt": labels.GREATER_THAN,
    "Lt": labels.LESS_THAN,
}
VALID_FIELD_SELECTOR_OPERATORS = ["In", "NotIn"]
OBJECT_NAME_FIELD = "metadata.name"


class NodeSelectorError(ValueError):
    """Parse errors of a node selector, in upstream's aggregated words."""

    def __init__(self, errs: list[Any]) -> None:
        self.errs = errs
        super().__init__(fld.aggregate_message(errs) if errs and isinstance(errs[0], fld.FieldError)
                         else "; ".join(str(e) for e in errs))


def node_selector_requirements_as_selector(nsm: list[Obj], path: Path) -> tuple[labels.Selector | None, list[Any]]:
    """Mirrors: nodeaffinity.go :: nodeSelectorRequirementsAsSelector"""
    if not nsm:
        return labels.nothing(), []
    errs: list[Any] = []
    reqs: list[labels.Requirement] = []
    for i, expr in enumerate(nsm):
        p = path.index(i)
        op = _LABEL_OPS.get(expr.get("operator", ""))
        if op is None:
            errs.append(fld.not_supported(p.child("operator"), expr.get("operator", ""), []))
            continue
        req, rerrs = labels.new_requirement_errors(expr.get("key", ""), op, expr.get("values"), p)
        if rerrs:
            errs.extend(rerrs)
        else:
            reqs.append(req)
    if errs:
        return None, errs
    return labels.Selector(reqs), []


FieldMatcher = Callable[[Mapping[str, str]], bool]


def node_selector_requirements_as_field_selector(nsr: list[Obj], path: Path) -> tuple[list[FieldMatcher] | None, list[Any]]:
    """Mirrors: nodeaffinity.go :: nodeSelectorRequirementsAsFieldSelector"""
    if not nsr:
        return [lambda _f: False], []
    errs: list[Any] = []
    out: list[FieldMatcher] = []
    for i, expr in enumerate(nsr):
        p = path.index(i)
        op = expr.get("operator", "")
        values = expr.get("values") or []
        key = expr.get("key", "")
        if op in ("In", "NotIn"):
            if len(values) != 1:
                errs.append(fld.invalid(p.child("values"), values, "must have one element"))
            else:
                out.append(_field_matcher(key, values[0], op == "In"))
        else:
            errs.append(fld.not_supported(p.child("operator"), op, VALID_FIELD_SELECTOR_OPERATORS))
    if errs:
        return None, errs
    return out, []


def _field_matcher(key: str, value: str, equal: bool) -> FieldMatcher:
    if equal:
        return lambda f: f.get(key) == value
    return lambda f: f.get(key) != value


def is_empty_node_selector_term(term: Obj | None) -> bool:
    return not term or (not term.get("matchExpressions") and not term.get("matchFields"))


class NodeSelectorTerm:
    """One parsed term: label requirements and field requirements ANDed.

    Mirrors: nodeaffinity.go :: nodeSelectorTerm
    """

    __slots__ = ("match_labels", "match_fields", "parse_errs")

    def __init__(self, term: Obj, path: Path) -> None:
        self.match_labels: labels.Selector | None = None
        self.match_fields: list[FieldMatcher] | None = None
        self.parse_errs: list[Any] = []
        if term.get("matchExpressions"):
            self.match_labels, errs = node_selector_requirements_as_selector(
                term["matchExpressions"], path.child("matchExpressions"))
            self.parse_errs.extend(errs)
        if term.get("matchFields"):
            self.match_fields, errs = node_selector_requirements_as_field_selector(
                term["matchFields"], path.child("matchFields"))
            self.parse_errs.extend(errs)

    def match(self, node_labels: Mapping[str, str], node_fields: Mapping[str, str]) -> tuple[bool, list[Any]]:
        if self.parse_errs:
            return False, self.parse_errs
        if self.match_labels is not None and not self.match_labels.matches(node_labels):
            return False, []
        for f in self.match_fields or ():
            if not f(node_fields):
                return False, []
        return True, []


def _node_fields(node: Obj) -> dict[str, str]:
    return {OBJECT_NAME_FIELD: node["metadata"]["name"]}


class LazyErrorNodeSelector:
    """Required node-selector terms ORed; parse errors surface only when matching.

    Mirrors: nodeaffinity.go :: LazyErrorNodeSelector
    """

    __slots__ = ("terms",)

    def __init__(self, ns: Obj) -> None:
        path = Path("nodeSelectorTerms")
        self.terms = [NodeSelectorTerm(t, path.index(i))
                      for i, t in enumerate(ns.get("nodeSelectorTerms") or ())
                      if not is_empty_node_selector_term(t)]

    def match(self, node: Obj | None) -> tuple[bool, list[Any]]:
        if node is None:
            return False, []
        node_labels = node["metadata"].get("labels") or {}
        node_fields = _node_fields(node)
        errs: list[Any] = []
        for t in self.terms:
            ok, terrs = t.match(node_labels, node_fields)
            if terrs:
                errs.extend(terrs)
                continue
            if ok:
                return True, []
        return False, errs


def new_node_selector(ns: Obj, path: Path | None = None) -> LazyErrorNodeSelector:
    """Mirrors: nodeaffinity.go :: NewNodeSelector (parse errors raised at once)."""
    base = path.child("nodeSelectorTerms") if path is not None else Path("nodeSelectorTerms")
    sel = LazyErrorNodeSelector({})
    errs: list[Any] = []
    for i, t in enumerate(ns.get("nodeSelectorTerms") or ()):
        if is_empty_node_selector_term(t):
            continue
        term = NodeSelectorTerm(t, base.index(i))
        errs.extend(term.parse_errs)
        sel.terms.append(term)
    if errs:
        raise NodeSelectorError(errs)
    return sel


class PreferredSchedulingTerms:
    """Weighted preferences; a node's score is the sum of the weights of matching terms.

    Mirrors: nodeaffinity.go :: PreferredSchedulingTerms
    """

    __slots__ = ("terms",)

    def __init__(self, terms: list[Obj], path: Path | None = None, *, strict: bool = False) -> None:
        self.terms: list[tuple[NodeSelectorTerm, int]] = []
        errs: list[Any] = []
        base = path if path is not None else Path("")
        for i, term in enumerate(terms or ()):
            weight = term.get("weight") or 0
            pref = term.get("preference") or {}
            if weight == 0 or is_empty_node_selector_term(pref):
                continue
            t = NodeSelectorTerm(pref, base.index(i).child("preference") if path is not None else Path(""))
            errs.extend(t.parse_errs)
            self.terms.append((t, weight))
        if strict and errs:
            raise NodeSelectorError(errs)

    def score(self, node: Obj) -> int:
        """Mirrors: (*PreferredSchedulingTerms).Score"""
        total = 0
        node_labels = node["metadata"].get("labels") or {}
        node_fields = _node_fields(node)
        for t, weight in self.terms:
            ok, _ = t.match(node_labels, node_fields)
            if ok:
                total += weight
        return total


def new_preferred_scheduling_terms(terms: list[Obj], path: Path | None = None) -> PreferredSchedulingTerms:
    """Mirrors: nodeaffinity.go :: NewPreferredSchedulingTerms (parse errors raised)."""
    return PreferredSchedulingTerms(terms, path, strict=True)


class RequiredNodeAffinity:
    """A pod's nodeSelector and required node affinity together.

    Mirrors: nodeaffinity.go :: RequiredNodeAffinity
    """

    __slots__ = ("label_selector", "node_selector")

    def __init__(self, label_selector: labels.Selector | None, node_selector: LazyErrorNodeSelector | None) -> None:
        self.label_selector = label_selector
        self.node_selector = node_selector

    def match(self, node: Obj) -> tuple[bool, list[Any]]:
        """Mirrors: RequiredNodeAffinity.Match"""
        if self.label_selector is not None and not self.label_selector.matches(node["metadata"].get("labels") or {}):
            return False, []
        if self.node_selector is not None:
            return self.node_selector.match(node)
        return True, []

    def matches(self, node: Obj) -> bool:
        return self.match(node)[0]


def get_required_node_affinity(pod: Obj) -> RequiredNodeAffinity:
    """Mirrors: nodeaffinity.go :: GetRequiredNodeAffinity"""
    spec = pod.get("spec") or {}
    selector = labels.selector_from_set(spec["nodeSelector"]) if spec.get("nodeSelector") else None
    affinity = None
    na = (spec.get("affinity") or {}).get("nodeAffinity") or {}
    req = na.get("requiredDuringSchedulingIgnoredDuringExecution")
    if req is not None:
        affinity = LazyErrorNodeSelector(req)
    return RequiredNodeAffinity(selector, affinity)
