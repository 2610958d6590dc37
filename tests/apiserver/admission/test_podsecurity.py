"""PodSecurity admission: levels, checks, messages, warnings."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Forbidden, Invalid
from kubelab.apiserver.admission.plugin.podsecurity import PodSecurity
from kubelab.apiserver.admission.plugin.podsecurity.api import LevelVersion, policy_to_evaluate
from kubelab.apiserver.admission.plugin.podsecurity.registry import (
    aggregate_check_results,
    evaluate_pod,
)

from .conftest import FakeContext, attrs, namespace, pod


class Recorder(FakeContext):
    def __init__(self, objects):
        super().__init__(objects)
        self.warnings = []
        self.annotations = {}

    def add_warning(self, m):
        self.warnings.append(m)

    def add_audit_annotation(self, k, v):
        self.annotations[k] = v


RESTRICTED_OK = {"name": "app", "image": "x", "securityContext": {
    "allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": True,
    "seccompProfile": {"type": "RuntimeDefault"}}}


def ns_ctx(**labels):
    return Recorder([namespace("default", {f"pod-security.kubernetes.io/{k}": v for k, v in labels.items()})])


def test_restricted_rejects_default_nginx_with_upstream_message():
    with pytest.raises(Forbidden) as ei:
        PodSecurity().validate(attrs("CREATE", "pods", pod("nginx")), ns_ctx(enforce="restricted"))
    assert ei.value.message == (
        'pods "nginx" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false '
        '(container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities '
        '(container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or '
        'container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" '
        'must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")')


def test_restricted_accepts_a_hardened_pod():
    ctx = ns_ctx(enforce="restricted")
    PodSecurity().validate(attrs("CREATE", "pods", pod(containers=[RESTRICTED_OK])), ctx)
    assert ctx.annotations == {"pod-security.kubernetes.io/enforce-policy": "restricted:latest"}


def test_warn_mode_warns_and_admits():
    ctx = ns_ctx(warn="baseline", audit="baseline")
    p = pod(hostNetwork=True)
    PodSecurity().validate(attrs("CREATE", "pods", p), ctx)
    assert ctx.warnings == ['would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true)']
    assert ctx.annotations["pod-security.kubernetes.io/audit-violations"] == (
        'would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true)')


def test_enforce_defaults_warn_to_the_same_level():
    policy, errs = policy_to_evaluate({"pod-security.kubernetes.io/enforce": "baseline",
                                       "pod-security.kubernetes.io/enforce-version": "v1.30"})
    assert not errs
    assert str(policy.warn) == "baseline:v1.30"


def test_unlabelled_namespace_is_privileged():
    PodSecurity().validate(attrs("CREATE", "pods", pod(hostPID=True)), ns_ctx())


def c(name="app", **sc):
    return {"name": name, "image": "x", "securityContext": sc}


CHECKS = [
    ("baseline", {"containers": [c(privileged=True), c("b", privileged=True)]},
     'privileged (containers "app", "b" must not set securityContext.privileged=true)'),
    ("baseline", {"hostNetwork": True, "hostPID": True, "containers": [c()]},
     "host namespaces (hostNetwork=true, hostPID=true)"),
    ("baseline", {"containers": [c(capabilities={"add": ["SYS_ADMIN", "NET_ADMIN", "CHOWN"]})]},
     'non-default capabilities (container "app" must not include "NET_ADMIN", "SYS_ADMIN" in '
     "securityContext.capabilities.add)"),
    ("baseline", {"containers": [c()], "volumes": [{"name": "h", "hostPath": {"path": "/"}}]},
     'hostPath volumes (volume "h")'),
    ("baseline", {"containers": [{"name": "app", "image": "x", "ports": [{"containerPort": 80, "hostPort": 8080},
                                                                       {"containerPort": 81, "hostPort": 443}]}]},
     'hostPort (container "app" uses hostPorts 443, 8080)'),
    ("baseline", {"containers": [c(procMount="Unmasked")]},
     'procMount (container "app" must not set securityContext.procMount to "Unmasked")'),
    ("baseline", {"containers": [c(seLinuxOptions={"type": "spc_t", "user": "root"})]},
     'seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "spc_t"; '
     "user may not be set)"),
    ("baseline", {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [c()]},
     'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")'),
    ("baseline", {"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "1"},
                                                  {"name": "net.ipv4.tcp_syncookies", "value": "1"}]},
                  "containers": [c()]},
     "forbidden sysctls (kernel.msgmax)"),
    ("baseline", {"containers": [c(appArmorProfile={"type": "Unconfined"})]},
     "forbidden AppArmor profile (Unconfined)"),
    ("baseline", {"containers": [c(windowsOptions={"hostProcess": True})]},
     'hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true)'),
    ("restricted", {"containers": [dict(RESTRICTED_OK, securityContext={
        **RESTRICTED_OK["securityContext"], "runAsUser": 0})]},
     'runAsUser=0 (container "app" must not set runAsUser=0)'),
    ("restricted", {"containers": [RESTRICTED_OK], "volumes": [{"name": "n", "nfs": {"server": "s", "path": "/"}},
                                                               {"name": "h", "hostPath": {"path": "/"}}]},
     'restricted volume types (volumes "n", "h" use restricted volume types "hostPath", "nfs")'),
    ("restricted", {"securityContext": {"runAsNonRoot": False}, "containers": [RESTRICTED_OK]},
     "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)"),
    ("restricted", {"containers": [dict(RESTRICTED_OK, securityContext={
        **RESTRICTED_OK["securityContext"], "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "CHOWN"]}})]},
     'unrestricted capabilities (container "app" must not include "CHOWN" in securityContext.capabilities.add)'),
    ("restricted", {"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": True},
                    "containers": [{"name": "w", "image": "x"}]}, ""),
]


@pytest.mark.parametrize(("level", "spec", "detail"), [pytest.param(*x, id=x[2][:40] or "windows") for x in CHECKS])
def test_check_details(level, spec, detail):
    r = aggregate_check_results(evaluate_pod(LevelVersion(level), {}, spec))
    assert r.forbidden_detail() == detail


def test_older_versions_allow_newer_sysctls():
    spec = {"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_rmem", "value": "1"}]}, "containers": [c()]}
    assert evaluate_pod(LevelVersion("baseline", 31), {}, spec)
    assert not evaluate_pod(LevelVersion("baseline", 32), {}, spec)


def test_invalid_namespace_label_is_rejected():
    ns = namespace("team", {"pod-security.kubernetes.io/enforce": "strict"})
    with pytest.raises(Invalid) as ei:
        PodSecurity().validate(attrs("CREATE", "namespaces", ns, namespace="", name="team"), Recorder([]))
    assert ei.value.message == ('Namespace "team" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: '
                                'Invalid value: "strict": must be one of privileged, baseline, restricted')


def test_tightening_a_namespace_warns_about_existing_pods():
    ctx = Recorder([namespace("default"), pod("a"), pod("b"), pod("ok", containers=[RESTRICTED_OK])])
    old = namespace("default")
    new = namespace("default", {"pod-security.kubernetes.io/enforce": "restricted"})
    PodSecurity().validate(attrs("UPDATE", "namespaces", new, old=old, namespace="", name="default"), ctx)
    assert ctx.warnings == [
        'existing pods in namespace "default" violate the new PodSecurity enforce level "restricted:latest"',
        "a (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, "
        "seccompProfile",
    ]


def test_pod_controllers_get_warnings_not_rejections():
    ctx = ns_ctx(enforce="restricted")
    dep = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "default"},
           "spec": {"template": {"metadata": {}, "spec": {"containers": [c(privileged=True)]}}}}
    PodSecurity().validate(attrs("CREATE", "deployments", dep, group="apps"), ctx)
    assert len(ctx.warnings) == 1
    assert ctx.warnings[0].startswith('would violate PodSecurity "restricted:latest": privileged (container "app"')


def test_insignificant_pod_updates_are_not_checked():
    ctx = ns_ctx(enforce="restricted")
    old = pod()
    new = pod()
    new["metadata"]["labels"] = {"a": "b"}
    PodSecurity().validate(attrs("UPDATE", "pods", new, old=old), ctx)
    new["spec"]["containers"][0]["image"] = "nginx:2"
    with pytest.raises(Forbidden):
        PodSecurity().validate(attrs("UPDATE", "pods", new, old=old), ctx)


def test_exempt_namespace_and_ignored_subresources():
    ctx = ns_ctx(enforce="restricted")
    PodSecurity(exempt_namespaces=("default",)).validate(attrs("CREATE", "pods", pod()), ctx)
    assert ctx.annotations == {"pod-security.kubernetes.io/exempt": "namespace"}
    PodSecurity().validate(attrs("CREATE", "pods", pod(), subresource="binding"), ctx)
