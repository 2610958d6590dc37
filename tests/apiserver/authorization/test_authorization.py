"""The authorizer chain, forbidden messages, access reviews and the bootstrap policy."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Invalid
from kubelab.apiserver.authentication.user import UserInfo
from kubelab.apiserver.authorization.authorizer import (
    DECISION_ALLOW,
    DECISION_DENY,
    DECISION_NO_OPINION,
    Attributes,
)
from kubelab.apiserver.authorization.authorizerfactory import AlwaysDenyAuthorizer
from kubelab.apiserver.authorization.bootstrappolicy import (
    aggregate_cluster_roles,
    bootstrap_objects,
)
from kubelab.apiserver.authorization.config import new_authorizer
from kubelab.apiserver.authorization.rbac import StaticRoles
from kubelab.apiserver.authorization.responsewriters import forbidden_error, forbidden_message
from kubelab.apiserver.authorization.subjectaccessreview import (
    can_i,
    self_subject_access_review,
    subject_access_review,
)
from kubelab.apiserver.authorization.union import UnionAuthorizer

JANE = UserInfo("jane", groups=("system:authenticated",))
ANON = UserInfo("system:anonymous", groups=("system:unauthenticated",))
ADMIN = UserInfo("kubernetes-admin", groups=("system:masters", "system:authenticated"))


def sa(ns, name):
    return UserInfo(f"system:serviceaccount:{ns}:{name}",
                    groups=("system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"))


@pytest.fixture(scope="module")
def authz():
    objs = bootstrap_objects()
    objs.append({"kind": "RoleBinding", "metadata": {"name": "jane-edit", "namespace": "team"},
                 "roleRef": {"kind": "ClusterRole", "name": "edit"},
                 "subjects": [{"kind": "User", "name": "jane"}]})
    return new_authorizer(StaticRoles(objs))


@pytest.mark.parametrize(("attrs", "msg"), [
    pytest.param(Attributes(JANE, "list", "default", resource="pods"),
                 'User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
                 id="namespaced"),
    pytest.param(Attributes(JANE, "get", "", "apps", resource="deployments", subresource="scale"),
                 'User "jane" cannot get resource "deployments/scale" in API group "apps" at the cluster scope',
                 id="cluster scope with subresource"),
    pytest.param(Attributes(JANE, "get", path="/metrics", resource_request=False),
                 'User "jane" cannot get path "/metrics"', id="non-resource"),
])
def test_forbidden_message(attrs, msg):
    assert forbidden_message(attrs) == msg


def test_forbidden_error_reads_like_the_api_server():
    e = forbidden_error(Attributes(JANE, "get", "default", resource="pods", name="web"), "RBAC: boom")
    assert e.code == 403
    assert e.message == ('pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" '
                         'in the namespace "default": RBAC: boom')
    e2 = forbidden_error(Attributes(JANE, "list", "", "apps", resource="deployments"))
    assert e2.message.startswith('deployments.apps is forbidden: User "jane" cannot list')
    e3 = forbidden_error(Attributes(JANE, "get", path="/<x>", resource_request=False))
    assert e3.message == 'forbidden: User "jane" cannot get path "/&lt;x&gt;"'


ACCESS = [
    ("system:masters may do anything", ADMIN, Attributes(ADMIN, "delete", "", resource="nodes"), DECISION_ALLOW, ""),
    ("anonymous may read /healthz", ANON, Attributes(ANON, "get", path="/healthz", resource_request=False),
     DECISION_ALLOW, 'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole '
                     '"system:public-info-viewer" to Group "system:unauthenticated"'),
    ("anonymous may not discover /apis", ANON, Attributes(ANON, "get", path="/apis", resource_request=False),
     DECISION_NO_OPINION, ""),
    ("authenticated users discover /apis", JANE, Attributes(JANE, "get", path="/apis/apps", resource_request=False),
     DECISION_ALLOW, 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" '
                     'to Group "system:authenticated"'),
    ("edit through aggregation allows creating deployments", JANE,
     Attributes(JANE, "create", "team", "apps", resource="deployments"), DECISION_ALLOW,
     'RBAC: allowed by RoleBinding "jane-edit/team" of ClusterRole "edit" to User "jane"'),
    ("edit does not allow rolebindings", JANE,
     Attributes(JANE, "create", "team", "rbac.authorization.k8s.io", resource="rolebindings"),
     DECISION_NO_OPINION, ""),
    ("the scheduler binds pods", UserInfo("system:kube-scheduler"),
     Attributes(UserInfo("system:kube-scheduler"), "create", "default", resource="pods", subresource="binding"),
     DECISION_ALLOW, 'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole '
                     '"system:kube-scheduler" to User "system:kube-scheduler"'),
    ("the deployment controller updates status", sa("kube-system", "deployment-controller"),
     Attributes(sa("kube-system", "deployment-controller"), "update", "team", "apps", resource="deployments",
                subresource="status"), DECISION_ALLOW,
     'RBAC: allowed by ClusterRoleBinding "system:controller:deployment-controller" of ClusterRole '
     '"system:controller:deployment-controller" to ServiceAccount "deployment-controller/kube-system"'),
    ("the replicaset controller may not delete nodes", sa("kube-system", "replicaset-controller"),
     Attributes(sa("kube-system", "replicaset-controller"), "delete", "", resource="nodes"),
     DECISION_NO_OPINION, ""),
    ("kubelets are bound to system:node without the Node authorizer",
     UserInfo("system:node:n1", groups=("system:nodes",)),
     Attributes(UserInfo("system:node:n1", groups=("system:nodes",)), "patch", "", resource="nodes",
                subresource="status"), DECISION_ALLOW,
     'RBAC: allowed by ClusterRoleBinding "system:node" of ClusterRole "system:node" to Group "system:nodes"'),
    ("the scheduler takes its leader lease", UserInfo("system:kube-scheduler"),
     Attributes(UserInfo("system:kube-scheduler"), "update", "kube-system", "coordination.k8s.io",
                resource="leases", name="kube-scheduler"), DECISION_ALLOW,
     'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole '
     '"system:kube-scheduler" to User "system:kube-scheduler"'),
]


@pytest.mark.parametrize(("user", "attrs", "decision", "reason"), [pytest.param(*c[1:], id=c[0]) for c in ACCESS])
def test_default_cluster_access(authz, user, attrs, decision, reason):
    assert authz.authorize(attrs) == (decision, reason)


def test_union_stops_at_first_decision_and_joins_reasons():
    class NoOp:
        def __init__(self, reason):
            self.reason = reason

        def authorize(self, attrs):
            return DECISION_NO_OPINION, self.reason

    attrs = Attributes(JANE, "get", resource="pods")
    assert UnionAuthorizer(NoOp("a"), NoOp(""), NoOp("b")).authorize(attrs) == (DECISION_NO_OPINION, "a\nb")
    assert UnionAuthorizer(NoOp("a"), AlwaysDenyAuthorizer(), NoOp("b")).authorize(attrs) == (
        DECISION_DENY, "Everything is forbidden.")
    assert [n for n, _, _ in UnionAuthorizer(NoOp("a"), AlwaysDenyAuthorizer()).explain(attrs)] == [
        "NoOp", "AlwaysDeny"]


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown authorization mode Foo specified"):
        new_authorizer(StaticRoles(), ("Foo",))


def test_subject_access_review(authz):
    review = {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
              "spec": {"user": "jane", "groups": ["system:authenticated"],
                       "resourceAttributes": {"namespace": "team", "verb": "delete", "resource": "pods"}}}
    out = subject_access_review(authz, review)
    assert out["status"] == {"allowed": True, "reason": 'RBAC: allowed by RoleBinding "jane-edit/team" of '
                                                         'ClusterRole "edit" to User "jane"'}
    assert "status" not in review


@pytest.mark.parametrize(("spec", "msg"), [
    pytest.param({"user": "jane"}, 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: '
                 "Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified",
                 id="no attributes"),
    pytest.param({"resourceAttributes": {"verb": "get"}},
                 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": '
                 "at least one of user or group must be specified", id="no user"),
])
def test_subject_access_review_validation(authz, spec, msg):
    with pytest.raises(Invalid) as ei:
        subject_access_review(authz, {"spec": spec})
    assert ei.value.message == msg


def test_self_subject_access_review_and_can_i(authz):
    out = self_subject_access_review(authz, {"spec": {"nonResourceAttributes": {"path": "/api", "verb": "get"}}},
                                     JANE)
    assert out["status"]["allowed"] is True
    assert can_i(authz, JANE, "create", "deployments", namespace="team", group="apps")
    assert not can_i(authz, JANE, "create", "deployments", namespace="default", group="apps")
    assert not can_i(authz, ANON, "get", path="/api")
    assert can_i(authz, ADMIN, "*", "*")


def test_changed_reaches_rbac():
    store = StaticRoles([])
    a = new_authorizer(store)
    attrs = Attributes(JANE, "get", "x", resource="pods")
    assert a.authorize(attrs)[0] == DECISION_NO_OPINION
    store.objects += [{"kind": "ClusterRole", "metadata": {"name": "r"},
                       "rules": [{"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]}]},
                      {"kind": "ClusterRoleBinding", "metadata": {"name": "b"},
                       "roleRef": {"kind": "ClusterRole", "name": "r"}, "subjects": [{"kind": "User", "name": "jane"}]}]
    a.changed()
    assert a.authorize(attrs)[0] == DECISION_ALLOW


EXPECTED_ROLES = [
    "cluster-admin", "admin", "edit", "view", "system:basic-user", "system:discovery", "system:public-info-viewer",
    "system:monitoring", "system:node", "system:node-proxier", "system:kube-scheduler", "system:volume-scheduler",
    "system:kube-controller-manager", "system:kube-dns", "system:auth-delegator", "system:heapster",
    "system:node-bootstrapper", "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
    "system:service-account-issuer-discovery", "system:aggregate-to-admin", "system:aggregate-to-edit",
    "system:aggregate-to-view",
] + ["system:controller:" + c for c in (
    "deployment-controller", "replicaset-controller", "job-controller", "cronjob-controller",
    "daemon-set-controller", "statefulset-controller", "endpoint-controller", "endpointslice-controller",
    "generic-garbage-collector", "namespace-controller", "node-controller", "horizontal-pod-autoscaler",
    "disruption-controller", "ttl-after-finished-controller", "pod-garbage-collector", "resourcequota-controller",
    "service-account-controller", "persistent-volume-binder", "attachdetach-controller",
    "clusterrole-aggregation-controller", "certificate-controller", "root-ca-cert-publisher")]


@pytest.mark.parametrize("name", EXPECTED_ROLES)
def test_bootstrap_cluster_role_exists_with_its_binding_metadata(name):
    objs = {(o["kind"], o["metadata"]["name"]): o for o in bootstrap_objects()}
    role = objs[("ClusterRole", name)]
    assert role["metadata"]["labels"]["kubernetes.io/bootstrapping"] == "rbac-defaults"
    assert role["metadata"]["annotations"] == {"rbac.authorization.k8s.io/autoupdate": "true"}
    assert role["rules"]


def test_bootstrap_objects_are_well_formed_and_unique():
    objs = bootstrap_objects()
    keys = [(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]) for o in objs]
    assert len(keys) == len(set(keys))
    for o in objs:
        assert o["apiVersion"] == "rbac.authorization.k8s.io/v1"
        for rule in o.get("rules", []):
            assert rule["verbs"] == sorted(rule["verbs"])
            if "resources" in rule:
                assert rule["apiGroups"], rule
                assert "nonResourceURLs" not in rule
            else:
                assert rule["nonResourceURLs"]
        if o["kind"].endswith("Binding"):
            ref = o["roleRef"]
            ns = o["metadata"].get("namespace", "") if ref["kind"] == "Role" else ""
            assert (ref["kind"], ns, ref["name"]) in keys, o["metadata"]["name"]


def test_bootstrap_namespace_policy():
    objs = {(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]): o for o in bootstrap_objects()}
    assert ("Role", "kube-system", "extension-apiserver-authentication-reader") in objs
    assert ("Role", "kube-system", "system::leader-locking-kube-scheduler") in objs
    assert ("Role", "kube-public", "system:controller:bootstrap-signer") in objs
    b = objs[("RoleBinding", "kube-system", "system::extension-apiserver-authentication-reader")]
    assert [s["name"] for s in b["subjects"]] == ["system:kube-controller-manager", "system:kube-scheduler"]


def test_system_node_binding_follows_node_authorizer():
    def node_binding(node_authorizer):
        return next(o for o in bootstrap_objects(node_authorizer)
                    if o["kind"] == "ClusterRoleBinding" and o["metadata"]["name"] == "system:node")
    assert "subjects" not in node_binding(True)
    assert node_binding(False)["subjects"] == [
        {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:nodes"}]


def test_aggregation_nests_view_into_edit_into_admin():
    objs = {o["metadata"]["name"]: o for o in bootstrap_objects() if o["kind"] == "ClusterRole"}
    view, edit, admin = (objs[n]["rules"] for n in ("view", "edit", "admin"))
    assert all(r in edit for r in view) and all(r in admin for r in edit)
    assert objs["system:aggregate-to-edit"]["rules"][0] == edit[0]  # agg-to-edit sorts before view


def test_aggregation_adds_custom_roles_and_ignores_self():
    roles = [
        {"metadata": {"name": "view"}, "aggregationRule": {"clusterRoleSelectors": [
            {"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-view": "true"}}]}, "rules": []},
        {"metadata": {"name": "crd-viewer", "labels": {"rbac.authorization.k8s.io/aggregate-to-view": "true"}},
         "rules": [{"verbs": ["get"], "apiGroups": ["x.io"], "resources": ["widgets"]}]},
    ]
    aggregate_cluster_roles(roles)
    assert roles[0]["rules"] == [{"verbs": ["get"], "apiGroups": ["x.io"], "resources": ["widgets"]}]
