"""Which rules apply to a user in a namespace: bindings, subjects and role references.

The resolver keeps upstream's visiting order (ClusterRoleBindings, then the
namespace's RoleBindings, each in list order, each role's rules in order) but does
not scan every binding on every request: bindings are indexed by subject, the
resolved rule list is cached per (user, groups, namespace), and rules are compiled
to set lookups. Any change to an RBAC object must be followed by ``changed()``.

Upstream: pkg/registry/rbac/validation/rule.go
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kubelab.api.errors import ApiError
from kubelab.apiserver.authentication.user import UserInfo

SERVICE_ACCOUNT_USERNAME_PREFIX = "system:serviceaccount:"
# Upper bound on cached (user, namespace) rule lists before the cache is emptied.
MAX_CACHED_RULE_LISTS = 20000


class RBACObjectGetter(Protocol):
    """Read access to stored RBAC objects (wire-shape dicts, read-only).

    Stands in for the four listers the RBAC authorizer is built from
    (plugin/pkg/auth/authorizer/rbac/rbac.go :: RoleGetter, RoleBindingLister,
    ClusterRoleGetter, ClusterRoleBindingLister).
    """

    def list_cluster_roles(self) -> list[dict[str, Any]]: ...

    def get_cluster_role(self, name: str) -> dict[str, Any] | None: ...

    def list_cluster_role_bindings(self) -> list[dict[str, Any]]: ...

    def get_role(self, namespace: str, name: str) -> dict[str, Any] | None: ...

    def list_role_bindings(self, namespace: str) -> list[dict[str, Any]]: ...


class StaticRoles:
    """An RBACObjectGetter over plain lists of objects.

    Mirrors: rule.go :: StaticRoles (upstream's test resolver)
    """

    def __init__(self, objects: Sequence[Mapping[str, Any]] = ()) -> None:
        self.objects: list[Mapping[str, Any]] = list(objects)

    def _of(self, kind: str) -> list[dict[str, Any]]:
        return [o for o in self.objects if o.get("kind") == kind]  # type: ignore[misc]

    def list_cluster_roles(self) -> list[dict[str, Any]]:
        return self._of("ClusterRole")

    def get_cluster_role(self, name: str) -> dict[str, Any] | None:
        for o in self._of("ClusterRole"):
            if o["metadata"]["name"] == name:
                return o
        return None

    def list_cluster_role_bindings(self) -> list[dict[str, Any]]:
        return self._of("ClusterRoleBinding")

    def get_role(self, namespace: str, name: str) -> dict[str, Any] | None:
        for o in self._of("Role"):
            if o["metadata"].get("namespace") == namespace and o["metadata"]["name"] == name:
                return o
        return None

    def list_role_bindings(self, namespace: str) -> list[dict[str, Any]]:
        return [o for o in self._of("RoleBinding") if o["metadata"].get("namespace") == namespace]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A PolicyRule with its lists turned into sets, matched like the list scans."""

    rule: Mapping[str, Any]
    verbs: frozenset[str]
    groups: frozenset[str]
    resources: frozenset[str]
    star_subresources: frozenset[str]
    names: frozenset[str]
    urls: frozenset[str]
    url_prefixes: tuple[str, ...]

    @classmethod
    def of(cls, rule: Mapping[str, Any]) -> CompiledRule:
        resources = tuple(rule.get("resources") or ())
        urls = tuple(rule.get("nonResourceURLs") or ())
        return cls(
            rule=rule,
            verbs=frozenset(rule.get("verbs") or ()),
            groups=frozenset(rule.get("apiGroups") or ()),
            resources=frozenset(resources),
            star_subresources=frozenset(r[2:] for r in resources if r.startswith("*/")),
            names=frozenset(rule.get("resourceNames") or ()),
            urls=frozenset(urls),
            url_prefixes=tuple(u.rstrip("*") for u in urls if u.endswith("*")),
        )

    def allows(self, verb: str, group: str, resource: str, subresource: str, name: str,
               resource_request: bool, path: str) -> bool:
        """Mirrors: plugin/pkg/auth/authorizer/rbac/rbac.go :: RuleAllows"""
        if "*" not in self.verbs and verb not in self.verbs:
            return False
        if resource_request:
            if "*" not in self.groups and group not in self.groups:
                return False
            combined = resource + "/" + subresource if subresource else resource
            if not ("*" in self.resources or combined in self.resources
                    or (subresource and subresource in self.star_subresources)):
                return False
            return not self.names or name in self.names
        if "*" in self.urls or path in self.urls:
            return True
        return any(path.startswith(p) for p in self.url_prefixes)


def describe_subject(s: Mapping[str, Any], binding_namespace: str) -> str:
    """Mirrors: rule.go :: describeSubject"""
    kind, name = s.get("kind", ""), s.get("name", "")
    if kind == "ServiceAccount":
        ns = s.get("namespace") or binding_namespace
        return f'{kind} "{name}/{ns}"'
    return f'{kind} "{name}"'


def describe_binding(binding: Mapping[str, Any], subject: Mapping[str, Any], namespace: str) -> str:
    """``ClusterRoleBinding "x" of ClusterRole "y" to User "z"``; a RoleBinding when ``namespace``.

    Mirrors: rule.go :: clusterRoleBindingDescriber.String and roleBindingDescriber.String
    """
    meta, ref = binding.get("metadata", {}), binding.get("roleRef", {})
    ns = namespace
    if ns:
        return (f'RoleBinding "{meta.get("name", "")}/{ns}" of {ref.get("kind", "")} '
                f'"{ref.get("name", "")}" to {describe_subject(subject, ns)}')
    return (f'ClusterRoleBinding "{meta.get("name", "")}" of {ref.get("kind", "")} '
            f'"{ref.get("name", "")}" to {describe_subject(subject, "")}')


def applies_to_user(user: UserInfo, subject: Mapping[str, Any], namespace: str) -> bool:
    """Mirrors: rule.go :: appliesToUser"""
    kind = subject.get("kind")
    if kind == "User":
        return user.name == subject.get("name")
    if kind == "Group":
        return subject.get("name") in user.groups
    if kind == "ServiceAccount":
        sa_namespace = subject.get("namespace") or namespace
        if not sa_namespace:
            return False
        return user.name == f"{SERVICE_ACCOUNT_USERNAME_PREFIX}{sa_namespace}:{subject.get('name', '')}"
    return False


def applies_to(user: UserInfo, subjects: Sequence[Mapping[str, Any]], namespace: str) -> int | None:
    """The index of the first subject naming ``user``, or None.

    Mirrors: rule.go :: appliesTo
    """
    for i, s in enumerate(subjects):
        if applies_to_user(user, s, namespace):
            return i
    return None


@dataclass(slots=True)
class VisitEntry:
    """One step of the visit: a binding's rules with their description, or an error."""

    source: str
    rules: tuple[CompiledRule, ...]
    error: str = ""


@dataclass(slots=True)
class _BindingIndex:
    bindings: Sequence[Mapping[str, Any]]
    by_user: dict[str, list[int]] = field(default_factory=dict)
    by_group: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, bindings: Sequence[Mapping[str, Any]], namespace: str) -> _BindingIndex:
        idx = cls(bindings)
        for i, b in enumerate(bindings):
            for s in b.get("subjects") or ():
                kind, name = s.get("kind"), s.get("name", "")
                if kind == "User":
                    idx.by_user.setdefault(name, []).append(i)
                elif kind == "Group":
                    idx.by_group.setdefault(name, []).append(i)
                elif kind == "ServiceAccount":
                    ns = s.get("namespace") or namespace
                    if ns:
                        idx.by_user.setdefault(f"{SERVICE_ACCOUNT_USERNAME_PREFIX}{ns}:{name}", []).append(i)
        return idx

    def candidates(self, user: UserInfo) -> list[int]:
        hits = list(self.by_user.get(user.name, ()))
        for g in user.groups:
            hits.extend(self.by_group.get(g, ()))
        return sorted(dict.fromkeys(hits))


class DefaultRuleResolver:
    """Resolves the rules that apply to a user, in upstream's visiting order.

    Mirrors: rule.go :: DefaultRuleResolver

    Differences: indexed and cached (see the module docstring); call ``changed()``
    after any Role, ClusterRole, RoleBinding or ClusterRoleBinding write.
    """

    def __init__(self, getter: RBACObjectGetter) -> None:
        self.getter = getter
        self._cluster_index: _BindingIndex | None = None
        self._ns_index: dict[str, _BindingIndex] = {}
        self._role_rules: dict[tuple[str, str, str], tuple[CompiledRule, ...] | str] = {}
        self._visits: dict[tuple[str, tuple[str, ...], str], list[VisitEntry]] = {}

    def changed(self) -> None:
        """Forget every index and cached rule list (an RBAC object was written)."""
        self._cluster_index = None
        self._ns_index.clear()
        self._role_rules.clear()
        self._visits.clear()

    def get_role_reference_rules(self, role_ref: Mapping[str, Any],
                                 binding_namespace: str) -> tuple[CompiledRule, ...] | str:
        """The referenced role's rules, or the error message resolving it.

        Mirrors: rule.go :: (*DefaultRuleResolver).GetRoleReferenceRules
        """
        kind, name = role_ref.get("kind", ""), role_ref.get("name", "")
        key = (kind, binding_namespace if kind == "Role" else "", name)
        hit = self._role_rules.get(key)
        if hit is not None:
            return hit
        out: tuple[CompiledRule, ...] | str
        try:
            if kind == "Role":
                role = self.getter.get_role(binding_namespace, name)
                missing = f'role.rbac.authorization.k8s.io "{name}" not found'
            elif kind == "ClusterRole":
                role = self.getter.get_cluster_role(name)
                missing = f'clusterrole.rbac.authorization.k8s.io "{name}" not found'
            else:
                role, missing = None, f'unsupported role reference kind: "{kind}"'
        except ApiError as e:
            role, missing = None, e.message
        if role is None:
            out = missing
        else:
            out = tuple(CompiledRule.of(r) for r in role.get("rules") or ())
        self._role_rules[key] = out
        return out

    def _index(self, namespace: str) -> _BindingIndex:
        if not namespace:
            if self._cluster_index is None:
                self._cluster_index = _BindingIndex.build(self.getter.list_cluster_role_bindings(), "")
            return self._cluster_index
        idx = self._ns_index.get(namespace)
        if idx is None:
            idx = self._ns_index[namespace] = _BindingIndex.build(
                self.getter.list_role_bindings(namespace), namespace)
        return idx

    def visit_entries(self, user: UserInfo, namespace: str) -> list[VisitEntry]:
        """Every binding's rules that apply, in visiting order (cached).

        Mirrors: rule.go :: (*DefaultRuleResolver).VisitRulesFor
        """
        key = (user.name, user.groups, namespace)
        hit = self._visits.get(key)
        if hit is not None:
            return hit
        entries: list[VisitEntry] = []
        scopes = ("", namespace) if namespace else ("",)
        for scope in scopes:
            idx = self._index(scope)
            for i in idx.candidates(user):
                binding = idx.bindings[i]
                subjects = binding.get("subjects") or ()
                s = applies_to(user, subjects, scope)
                if s is None:
                    continue
                rules = self.get_role_reference_rules(binding.get("roleRef") or {}, scope)
                if isinstance(rules, str):
                    entries.append(VisitEntry("", (), rules))
                    continue
                entries.append(VisitEntry(describe_binding(binding, subjects[s], scope), rules))
        if len(self._visits) >= MAX_CACHED_RULE_LISTS:
            self._visits.clear()
        self._visits[key] = entries
        return entries

    def rules_for(self, user: UserInfo, namespace: str) -> tuple[list[Mapping[str, Any]], list[str]]:
        """Every rule that applies and every resolution error.

        Mirrors: rule.go :: (*DefaultRuleResolver).RulesFor
        """
        rules: list[Mapping[str, Any]] = []
        errs: list[str] = []
        for e in self.visit_entries(user, namespace):
            if e.error:
                errs.append(e.error)
            rules.extend(r.rule for r in e.rules)
        return rules, errs
