"""ServiceAccount admission."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Forbidden
from kubelab.apiserver.admission.plugin.serviceaccount import ServiceAccount, token_volume_source

from .conftest import FakeContext, attrs, namespace, pod


def sa(name="default", ns="default", **extra):
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": ns}, **extra}


@pytest.fixture
def plugin():
    return ServiceAccount(lambda: "abcde")


@pytest.fixture
def sctx():
    return FakeContext([namespace("default"), sa(), sa("builder", imagePullSecrets=[{"name": "regcred"}])])


def admit_and_validate(plugin, ctx, a):
    plugin.admit(a, ctx)
    plugin.validate(a, ctx)


def test_defaults_service_account_and_mounts_projected_token(plugin, sctx):
    p = pod(initContainers=[{"name": "init", "image": "busybox"}])
    admit_and_validate(plugin, sctx, attrs("CREATE", "pods", p))
    spec = p["spec"]
    assert spec["serviceAccountName"] == "default"
    mount = {"name": "kube-api-access-abcde", "readOnly": True,
             "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}
    assert spec["containers"][0]["volumeMounts"] == [mount]
    assert spec["initContainers"][0]["volumeMounts"] == [mount]
    assert spec["volumes"] == [{"name": "kube-api-access-abcde", "projected": token_volume_source()}]
    assert token_volume_source() == {
        "defaultMode": 420,
        "sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
            {"downwardAPI": {"items": [{"path": "namespace",
                                        "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
        ]}


@pytest.mark.parametrize(("pod_automount", "sa_automount", "mounted"), [
    pytest.param(None, None, True, id="default is to mount"),
    pytest.param(False, None, False, id="pod opts out"),
    pytest.param(None, False, False, id="service account opts out"),
    pytest.param(True, False, True, id="pod preference wins"),
])
def test_automount_preference(plugin, pod_automount, sa_automount, mounted):
    acct = sa() if sa_automount is None else sa(automountServiceAccountToken=sa_automount)
    ctx = FakeContext([namespace("default"), acct])
    p = pod() if pod_automount is None else pod(automountServiceAccountToken=pod_automount)
    plugin.admit(attrs("CREATE", "pods", p), ctx)
    assert ("volumes" in p["spec"]) is mounted


def test_existing_mount_at_token_path_is_kept(plugin, sctx):
    c = {"name": "nginx", "image": "nginx",
         "volumeMounts": [{"name": "mine", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}
    p = pod(containers=[c], volumes=[{"name": "mine", "emptyDir": {}}])
    plugin.admit(attrs("CREATE", "pods", p), sctx)
    assert p["spec"]["volumes"] == [{"name": "mine", "emptyDir": {}}]
    assert len(c["volumeMounts"]) == 1


def test_existing_kube_api_access_volume_is_reused(plugin, sctx):
    p = pod(volumes=[{"name": "kube-api-access-zzzzz", "projected": token_volume_source()}])
    plugin.admit(attrs("CREATE", "pods", p), sctx)
    assert [v["name"] for v in p["spec"]["volumes"]] == ["kube-api-access-zzzzz"]
    assert p["spec"]["containers"][0]["volumeMounts"][0]["name"] == "kube-api-access-zzzzz"


def test_missing_service_account_is_forbidden(plugin):
    ctx = FakeContext([namespace("default")])
    with pytest.raises(Forbidden) as ei:
        plugin.admit(attrs("CREATE", "pods", pod()), ctx)
    assert ei.value.message == ('pods "web" is forbidden: error looking up service account default/default: '
                                'serviceaccount "default" not found')


def test_image_pull_secrets_come_from_the_service_account(plugin, sctx):
    p = pod(serviceAccountName="builder")
    plugin.admit(attrs("CREATE", "pods", p), sctx)
    assert p["spec"]["imagePullSecrets"] == [{"name": "regcred"}]


@pytest.mark.parametrize(("spec", "msg"), [
    pytest.param({"serviceAccountName": "default"}, "a mirror pod may not reference service accounts",
                 id="service account"),
    pytest.param({"volumes": [{"name": "s", "secret": {"secretName": "x"}}]},
                 "a mirror pod may not reference secrets", id="secret volume"),
    pytest.param({"volumes": [{"name": "t", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}]},
                 "a mirror pod may not use ServiceAccountToken volume projections", id="token projection"),
])
def test_mirror_pods_may_not_reference_credentials(plugin, sctx, spec, msg):
    p = pod(**spec)
    p["metadata"]["annotations"] = {"kubernetes.io/config.mirror": "hash"}
    a = attrs("CREATE", "pods", p)
    plugin.admit(a, sctx)
    assert "volumeMounts" not in p["spec"]["containers"][0]
    with pytest.raises(Forbidden, match=msg):
        plugin.validate(a, sctx)


def test_enforce_mountable_secrets():
    acct = sa(secrets=[{"name": "ok"}])
    acct["metadata"]["annotations"] = {"kubernetes.io/enforce-mountable-secrets": "true"}
    ctx = FakeContext([namespace("default"), acct])
    plugin = ServiceAccount(lambda: "abcde")
    good = pod(volumes=[{"name": "v", "secret": {"secretName": "ok"}}])
    admit_and_validate(plugin, ctx, attrs("CREATE", "pods", good))
    bad = pod(containers=[{"name": "app", "image": "x", "env": [
        {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "other", "key": "k"}}}]}])
    with pytest.raises(Forbidden) as ei:
        admit_and_validate(plugin, ctx, attrs("CREATE", "pods", bad))
    assert ei.value.message == ('pods "web" is forbidden: container app with envVar PW referencing '
                                'secret.secretName="other" is not allowed because service account default does '
                                "not reference that secret")


def test_updates_and_subresources_are_not_mutated(plugin, sctx):
    p = pod()
    plugin.admit(attrs("UPDATE", "pods", p, old=pod()), sctx)
    plugin.admit(attrs("CREATE", "pods", p, subresource="binding"), sctx)
    assert "serviceAccountName" not in p["spec"]
