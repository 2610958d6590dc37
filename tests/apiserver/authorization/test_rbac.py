"""RBAC: rule matching, subject matching, reasons, caching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.apiserver.authentication.user import UserInfo
from kubelab.apiserver.authorization.authorizer import (
    DECISION_ALLOW,
    DECISION_NO_OPINION,
    Attributes,
)
from kubelab.apiserver.authorization.rbac import RBACAuthorizer, StaticRoles, rule_allows
from kubelab.apiserver.authorization.rbac.evaluation_helpers import compact_string
from kubelab.apiserver.authorization.rbac.rule import CompiledRule

JANE = UserInfo("jane", groups=("dev", "system:authenticated"))


def res(verb, resource, *, group="", sub="", name="", ns="", user=JANE):
    return Attributes(user=user, verb=verb, namespace=ns, api_group=group, resource=resource,
                      subresource=sub, name=name)


def url(verb, path, user=JANE):
    return Attributes(user=user, verb=verb, path=path, resource_request=False)


def r(verbs, groups=(), resources=(), names=(), urls=()):
    d = {"verbs": list(verbs)}
    if groups or resources:
        d["apiGroups"] = list(groups)
        d["resources"] = list(resources)
    if names:
        d["resourceNames"] = list(names)
    if urls:
        d["nonResourceURLs"] = list(urls)
    return d


RULE_CASES = [
    ("star verb, exact match other", r(["*"], [""], ["pods"]), res("get", "pods"), True),
    ("star verb, exact match miss", r(["*"], [""], ["pods"]), res("get", "nodes"), False),
    ("star group, exact match other", r(["get"], ["*"], ["pods"]), res("get", "pods", group="apps"), True),
    ("star group, exact match miss", r(["get"], ["*"], ["pods"]), res("get", "deployments"), False),
    ("star resource, exact match other", r(["get"], ["apps"], ["*"]), res("get", "deployments", group="apps"), True),
    ("star resource matches subresources", r(["get"], [""], ["*"]), res("get", "pods", sub="log"), True),
    ("tuple match", r(["get"], [""], ["pods"]), res("get", "pods"), True),
    ("resource does not match its subresource", r(["get"], [""], ["pods"]), res("get", "pods", sub="log"), False),
    ("exact subresource match", r(["get"], [""], ["pods/log"]), res("get", "pods", sub="log"), True),
    ("star/subresource matches any resource's subresource", r(["get"], ["*"], ["*/scale"]),
     res("get", "deployments", group="apps", sub="scale"), True),
    ("star/subresource does not match the resource", r(["get"], ["*"], ["*/scale"]),
     res("get", "deployments", group="apps"), False),
    ("star/subresource needs the whole subresource", r(["get"], ["*"], ["*/status"]),
     res("get", "pods", sub="substatus"), False),
    ("exact resource, no names matches any name", r(["get"], [""], ["pods"]), res("get", "pods", name="web"), True),
    ("exact resource, miss name", r(["get"], [""], ["pods"], names=["db"]), res("get", "pods", name="web"), False),
    ("exact resource, match name", r(["get"], [""], ["pods"], names=["db", "web"]), res("get", "pods", name="web"), True),
    ("resource names refuse a list", r(["list"], [""], ["pods"], names=["web"]), res("list", "pods"), False),
    ("non-resource star", r(["get"], urls=["*"]), url("get", "/anything"), True),
    ("non-resource exact match", r(["get"], urls=["/healthz"]), url("get", "/healthz"), True),
    ("non-resource exact miss", r(["get"], urls=["/healthz"]), url("get", "/healthz/etcd"), False),
    ("non-resource prefix match", r(["get"], urls=["/healthz/*"]), url("get", "/healthz/etcd"), True),
    ("non-resource prefix needs the slash", r(["get"], urls=["/api/*"]), url("get", "/apis"), False),
    ("non-resource verb miss", r(["get"], urls=["/healthz"]), url("post", "/healthz"), False),
    ("resource rule never matches a URL", r(["*"], ["*"], ["*"]), url("get", "/healthz"), False),
    ("url rule never matches a resource", r(["*"], urls=["*"]), res("get", "pods"), False),
]


@pytest.mark.parametrize(("rule", "attrs", "want"), [pytest.param(c[1], c[2], c[3], id=c[0]) for c in RULE_CASES])
def test_rule_matches(rule, attrs, want):
    assert rule_allows(attrs, rule) is want
    compiled = CompiledRule.of(rule)
    assert compiled.allows(attrs.verb, attrs.api_group, attrs.resource, attrs.subresource, attrs.name,
                           attrs.resource_request, attrs.path) is want


WORDS = st.sampled_from(["", "*", "get", "list", "pods", "apps", "log", "scale", "*/scale", "pods/log",
                         "/api", "/api/*", "/apis", "web", "*/log"])


@given(st.lists(WORDS, max_size=3), st.lists(WORDS, max_size=3), st.lists(WORDS, max_size=3),
       st.lists(WORDS, max_size=2), st.lists(WORDS, max_size=2), WORDS, WORDS, WORDS, WORDS, WORDS,
       st.booleans(), WORDS)
def test_compiled_rule_agrees_with_upstream_scan(verbs, groups, resources, names, urls, verb, group,
                                                 resource, sub, name, rr, path):
    rule = {"verbs": verbs, "apiGroups": groups, "resources": resources, "resourceNames": names,
            "nonResourceURLs": urls}
    attrs = Attributes(user=JANE, verb=verb, api_group=group, resource=resource, subresource=sub, name=name,
                       resource_request=rr, path=path)
    assert CompiledRule.of(rule).allows(verb, group, resource, sub, name, rr, path) == rule_allows(attrs, rule)


def cr(name, *rules):
    return {"kind": "ClusterRole", "metadata": {"name": name}, "rules": list(rules)}


def role(ns, name, *rules):
    return {"kind": "Role", "metadata": {"name": name, "namespace": ns}, "rules": list(rules)}


def crb(name, role_name, *subjects):
    return {"kind": "ClusterRoleBinding", "metadata": {"name": name},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name},
            "subjects": list(subjects)}


def rb(ns, name, kind, role_name, *subjects):
    return {"kind": "RoleBinding", "metadata": {"name": name, "namespace": ns},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": role_name},
            "subjects": list(subjects)}


def U(name):  # noqa: N802
    return {"kind": "User", "name": name}


def G(name):  # noqa: N802
    return {"kind": "Group", "name": name}


def SA(name, ns=""):  # noqa: N802
    d = {"kind": "ServiceAccount", "name": name}
    if ns:
        d["namespace"] = ns
    return d


OBJECTS = [
    cr("pod-reader", r(["get", "list"], [""], ["pods"])),
    cr("node-reader", r(["get"], [""], ["nodes"])),
    cr("healthz", r(["get"], urls=["/healthz", "/healthz/*"])),
    role("dev", "cm-writer", r(["create"], [""], ["configmaps"])),
    crb("read-nodes", "node-reader", U("bob"), G("dev")),
    crb("health", "healthz", G("system:authenticated")),
    crb("broken", "does-not-exist", U("jane")),
    rb("dev", "pods", "ClusterRole", "pod-reader", U("alice"), G("dev")),
    rb("dev", "cms", "Role", "cm-writer", SA("builder")),
    rb("dev", "cms-ci", "Role", "cm-writer", SA("deployer", "ci")),
    rb("dev", "missing-role", "Role", "nope", U("carol")),
    rb("prod", "pods", "ClusterRole", "pod-reader", U("alice")),
]


def sa_user(ns, name):
    return UserInfo(f"system:serviceaccount:{ns}:{name}", groups=("system:serviceaccounts",
                                                                   f"system:serviceaccounts:{ns}"))


AUTHZ_CASES = [
    ("group binding at cluster scope", res("get", "nodes"), DECISION_ALLOW,
     'RBAC: allowed by ClusterRoleBinding "read-nodes" of ClusterRole "node-reader" to Group "dev"'),
    ("role binding of a cluster role", res("list", "pods", ns="dev"), DECISION_ALLOW,
     'RBAC: allowed by RoleBinding "pods/dev" of ClusterRole "pod-reader" to Group "dev"'),
    ("role binding does not reach other namespaces", res("list", "pods", ns="prod"), DECISION_NO_OPINION,
     'RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'),
    ("role binding does not reach the cluster scope", res("list", "pods"), DECISION_NO_OPINION,
     'RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'),
    ("non-resource url", url("get", "/healthz/etcd"), DECISION_ALLOW,
     'RBAC: allowed by ClusterRoleBinding "health" of ClusterRole "healthz" to Group "system:authenticated"'),
    ("service account subject defaults to the binding namespace",
     res("create", "configmaps", ns="dev", user=sa_user("dev", "builder")), DECISION_ALLOW,
     'RBAC: allowed by RoleBinding "cms/dev" of Role "cm-writer" to ServiceAccount "builder/dev"'),
    ("service account subject in another namespace",
     res("create", "configmaps", ns="dev", user=sa_user("ci", "deployer")), DECISION_ALLOW,
     'RBAC: allowed by RoleBinding "cms-ci/dev" of Role "cm-writer" to ServiceAccount "deployer/ci"'),
    ("same-named service account elsewhere is not matched",
     res("create", "configmaps", ns="dev", user=sa_user("ci", "builder")), DECISION_NO_OPINION, ""),
    ("errors are aggregated in the reason",
     res("get", "secrets", ns="dev", user=UserInfo("carol", groups=("x",))), DECISION_NO_OPINION,
     'RBAC: role.rbac.authorization.k8s.io "nope" not found'),
    ("cluster binding errors show in namespaced requests",
     res("get", "secrets", ns="dev", user=UserInfo("jane", groups=("x",))), DECISION_NO_OPINION,
     'RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'),
]


@pytest.mark.parametrize(("attrs", "decision", "reason"), [pytest.param(*c[1:], id=c[0]) for c in AUTHZ_CASES])
def test_rbac_authorizer(attrs, decision, reason):
    assert RBACAuthorizer(StaticRoles(OBJECTS)).authorize(attrs) == (decision, reason)


def test_reason_lists_distinct_errors():
    objs = OBJECTS + [rb("dev", "x", "Role", "gone", U("jane"))]
    d, reason = RBACAuthorizer(StaticRoles(objs)).authorize(res("get", "secrets", ns="dev"))
    assert d == DECISION_NO_OPINION
    assert reason == ('RBAC: [clusterrole.rbac.authorization.k8s.io "does-not-exist" not found, '
                      'role.rbac.authorization.k8s.io "gone" not found]')


def test_changed_invalidates_cached_rules():
    store = StaticRoles(list(OBJECTS))
    a = RBACAuthorizer(store)
    attrs = res("delete", "pods", ns="dev")
    assert a.authorize(attrs)[0] == DECISION_NO_OPINION
    store.objects.append(rb("dev", "admin", "ClusterRole", "all", U("jane")))
    store.objects.append(cr("all", r(["*"], ["*"], ["*"])))
    assert a.authorize(attrs)[0] == DECISION_NO_OPINION  # stale until told
    a.changed()
    assert a.authorize(attrs) == (DECISION_ALLOW, 'RBAC: allowed by RoleBinding "admin/dev" of ClusterRole "all" to User "jane"')


def test_first_matching_binding_names_the_first_matching_subject():
    objs = [cr("pod-reader", r(["get"], [""], ["pods"])),
            crb("b", "pod-reader", U("zed"), G("system:authenticated"), U("jane"))]
    assert RBACAuthorizer(StaticRoles(objs)).authorize(res("get", "pods"))[1] == (
        'RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "pod-reader" to Group "system:authenticated"')


def test_cluster_role_binding_with_unqualified_service_account_matches_nobody():
    objs = [cr("pod-reader", r(["get"], [""], ["pods"])), crb("b", "pod-reader", SA("default"))]
    d, _ = RBACAuthorizer(StaticRoles(objs)).authorize(res("get", "pods", user=sa_user("default", "default")))
    assert d == DECISION_NO_OPINION


def test_unsupported_role_ref_kind():
    objs = [rb("dev", "x", "Secret", "s", U("jane"))]
    assert RBACAuthorizer(StaticRoles(objs)).authorize(res("get", "pods", ns="dev")) == (
        DECISION_NO_OPINION, 'RBAC: unsupported role reference kind: "Secret"')


def test_rules_for_lists_every_applicable_rule():
    rules, err = RBACAuthorizer(StaticRoles(OBJECTS)).rules_for(JANE, "dev")
    assert r(["get"], [""], ["nodes"]) in rules and r(["get", "list"], [""], ["pods"]) in rules
    assert err == 'clusterrole.rbac.authorization.k8s.io "does-not-exist" not found'


def test_compact_string():
    assert compact_string(r(["get", "list"], ["apps"], ["deployments"])) == (
        '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}')
