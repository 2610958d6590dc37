"""ServiceAccount: default a pod's service account and mount its API token.

Upstream: plugin/pkg/admission/serviceaccount/admission.go
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kubelab.apiserver.admission.errors import new_forbidden
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes, Context

PLUGIN_NAME = "ServiceAccount"
DEFAULT_SERVICE_ACCOUNT_NAME = "default"
ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = "kubernetes.io/enforce-mountable-secrets"
SERVICE_ACCOUNT_VOLUME_NAME = "kube-api-access"
DEFAULT_API_TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
MIRROR_POD_ANNOTATION_KEY = "kubernetes.io/config.mirror"
# pkg/serviceaccount :: WarnOnlyBoundTokenExpirationSeconds (1 hour + 7 s)
WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607
PROJECTED_VOLUME_SOURCE_DEFAULT_MODE = 0o644


def token_volume_source() -> dict[str, Any]:
    """The projected volume every automounted token uses: token, CA bundle, namespace.

    Mirrors: serviceaccount/admission.go :: TokenVolumeSource
    """
    return {
        "defaultMode": PROJECTED_VOLUME_SOURCE_DEFAULT_MODE,
        "sources": [
            {"serviceAccountToken": {"expirationSeconds": WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS,
                                     "path": "token"}},
            {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
            {"downwardAPI": {"items": [{"path": "namespace",
                                        "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
        ],
    }


def _parse_bool(v: str) -> bool:
    return v in ("1", "t", "T", "true", "TRUE", "True")


def _all_containers(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for c in spec.get("initContainers") or ():
        yield "init container", c
    for c in spec.get("containers") or ():
        yield "container", c


class ServiceAccount:
    """Mirrors: serviceaccount/admission.go :: Plugin

    Args:
        generate_suffix: returns the 5-character tail of the token volume's name
            (upstream's ``names.SimpleNameGenerator``); pass a seeded stream for
            deterministic names.

    Differences: the account is read from storage once (no retries waiting for the
    service-account controller to create ``default``).
    """

    name = PLUGIN_NAME

    def __init__(self, generate_suffix: Callable[[], str], *, mount_service_account_token: bool = True,
                 limit_secret_references: bool = False) -> None:
        self.generate_suffix = generate_suffix
        self.mount_service_account_token = mount_service_account_token
        self.limit_secret_references_ = limit_secret_references

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE)

    @staticmethod
    def _should_ignore(attrs: Attributes) -> bool:
        """Mirrors: serviceaccount/admission.go :: shouldIgnore"""
        if attrs.info.group != "" or attrs.info.resource != "pods":
            return True
        if attrs.subresource not in ("", "ephemeralcontainers"):
            return True
        return not isinstance(attrs.object, dict)

    def _get_service_account(self, attrs: Attributes, ctx: Context, name: str) -> dict[str, Any]:
        sa = ctx.get("serviceaccounts", attrs.namespace, name)
        if sa is None:
            raise new_forbidden(attrs, f"error looking up service account {attrs.namespace}/{name}: "
                                       f'serviceaccount "{name}" not found')
        return sa

    def admit(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: serviceaccount/admission.go :: (*Plugin).Admit"""
        if self._should_ignore(attrs) or attrs.operation != CREATE or attrs.subresource:
            return
        pod = attrs.object
        assert pod is not None
        meta, spec = pod.setdefault("metadata", {}), pod.setdefault("spec", {})
        if MIRROR_POD_ANNOTATION_KEY in (meta.get("annotations") or {}):
            return
        if not spec.get("serviceAccountName"):
            spec["serviceAccountName"] = DEFAULT_SERVICE_ACCOUNT_NAME
        sa = self._get_service_account(attrs, ctx, spec["serviceAccountName"])
        if self.mount_service_account_token and should_automount(sa, spec):
            self.mount_service_account_token_into(spec)
        if not spec.get("imagePullSecrets"):
            pulls = [{"name": s.get("name", "")} for s in sa.get("imagePullSecrets") or ()]
            if pulls:
                spec["imagePullSecrets"] = pulls

    def validate(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: serviceaccount/admission.go :: (*Plugin).Validate"""
        if self._should_ignore(attrs):
            return
        pod = attrs.object
        assert pod is not None
        spec = pod.get("spec") or {}
        if attrs.operation == UPDATE and attrs.subresource == "ephemeralcontainers":
            self._limit_ephemeral_container_secret_references(attrs, ctx, pod)
            return
        if attrs.operation != CREATE:
            return
        annotations = (pod.get("metadata") or {}).get("annotations") or {}
        if MIRROR_POD_ANNOTATION_KEY in annotations:
            self._validate_mirror_pod(attrs, spec)
            return
        if not spec.get("serviceAccountName"):
            raise new_forbidden(attrs, f"no service account specified for pod {attrs.namespace}/"
                                       f"{(pod.get('metadata') or {}).get('name', '')}")
        sa = self._get_service_account(attrs, ctx, spec["serviceAccountName"])
        if self._enforce_mountable_secrets(sa):
            msg = limit_secret_references(sa, spec)
            if msg:
                raise new_forbidden(attrs, msg)

    def _validate_mirror_pod(self, attrs: Attributes, spec: dict[str, Any]) -> None:
        if spec.get("serviceAccountName"):
            raise new_forbidden(attrs, "a mirror pod may not reference service accounts")
        if _pod_secret_names(spec):
            raise new_forbidden(attrs, "a mirror pod may not reference secrets")
        for v in spec.get("volumes") or ():
            for src in (v.get("projected") or {}).get("sources") or ():
                if src.get("serviceAccountToken") is not None:
                    raise new_forbidden(attrs, "a mirror pod may not use ServiceAccountToken volume projections")

    def _limit_ephemeral_container_secret_references(self, attrs: Attributes, ctx: Context,
                                                     pod: dict[str, Any]) -> None:
        """Mirrors: serviceaccount/admission.go :: (*Plugin).limitEphemeralContainerSecretReferences"""
        spec = pod.get("spec") or {}
        sa_name = spec.get("serviceAccountName")
        if not sa_name:
            return
        sa = self._get_service_account(attrs, ctx, sa_name)
        if not self._enforce_mountable_secrets(sa):
            return
        mountable = {s.get("name") for s in sa.get("secrets") or ()}
        for c in spec.get("ephemeralContainers") or ():
            for env in c.get("env") or ():
                ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                if ref is not None and ref.get("name") not in mountable:
                    raise new_forbidden(attrs, f"ephemeral container {c.get('name')} with envVar {env.get('name')} "
                                               f'referencing secret.secretName="{ref.get("name")}" is not allowed '
                                               f"because service account {sa['metadata']['name']} does not "
                                               "reference that secret")
            for ef in c.get("envFrom") or ():
                ref = ef.get("secretRef")
                if ref is not None and ref.get("name") not in mountable:
                    raise new_forbidden(attrs, f"ephemeral container {c.get('name')} with envFrom referencing "
                                               f'secret.secretName="{ref.get("name")}" is not allowed because '
                                               f"service account {sa['metadata']['name']} does not reference "
                                               "that secret")

    def _enforce_mountable_secrets(self, sa: dict[str, Any]) -> bool:
        """Mirrors: serviceaccount/admission.go :: (*Plugin).enforceMountableSecrets"""
        if self.limit_secret_references_:
            return True
        value = ((sa.get("metadata") or {}).get("annotations") or {}).get(ENFORCE_MOUNTABLE_SECRETS_ANNOTATION)
        return value is not None and _parse_bool(value)

    def mount_service_account_token_into(self, spec: dict[str, Any]) -> None:
        """Add the ``kube-api-access-xxxxx`` projected volume and mount it in every container.

        Mirrors: serviceaccount/admission.go :: (*Plugin).mountServiceAccountToken
        """
        volume_name = ""
        has_volume = False
        for v in spec.get("volumes") or ():
            if v.get("name", "").startswith(SERVICE_ACCOUNT_VOLUME_NAME + "-"):
                volume_name, has_volume = v["name"], True
                break
        if not volume_name:
            volume_name = f"{SERVICE_ACCOUNT_VOLUME_NAME}-{self.generate_suffix()}"
        needs_volume = False
        for key in ("initContainers", "containers"):
            for c in spec.get(key) or ():
                mounts = c.get("volumeMounts") or []
                if any(m.get("mountPath") == DEFAULT_API_TOKEN_MOUNT_PATH for m in mounts):
                    continue
                c["volumeMounts"] = [*mounts, {"name": volume_name, "readOnly": True,
                                               "mountPath": DEFAULT_API_TOKEN_MOUNT_PATH}]
                needs_volume = True
        if not has_volume and needs_volume:
            spec["volumes"] = [*(spec.get("volumes") or []),
                               {"name": volume_name, "projected": token_volume_source()}]


def should_automount(sa: dict[str, Any], spec: dict[str, Any]) -> bool:
    """The pod's automountServiceAccountToken wins, then the account's, then true.

    Mirrors: serviceaccount/admission.go :: shouldAutomount
    """
    if spec.get("automountServiceAccountToken") is not None:
        return bool(spec["automountServiceAccountToken"])
    if sa.get("automountServiceAccountToken") is not None:
        return bool(sa["automountServiceAccountToken"])
    return True


def _pod_secret_names(spec: dict[str, Any]) -> list[str]:
    """Secrets a pod spec references (pull secrets, volumes, env).

    Mirrors: pkg/api/v1/pod/util.go :: VisitPodSecretNames (the common sources)
    """
    names = [s.get("name", "") for s in spec.get("imagePullSecrets") or ()]
    for v in spec.get("volumes") or ():
        if v.get("secret") is not None:
            names.append(v["secret"].get("secretName", ""))
        for src in (v.get("projected") or {}).get("sources") or ():
            if src.get("secret") is not None:
                names.append(src["secret"].get("name", ""))
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for c in spec.get(key) or ():
            for ef in c.get("envFrom") or ():
                if ef.get("secretRef") is not None:
                    names.append(ef["secretRef"].get("name", ""))
            for env in c.get("env") or ():
                ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                if ref is not None:
                    names.append(ref.get("name", ""))
    return names


def limit_secret_references(sa: dict[str, Any], spec: dict[str, Any]) -> str:
    """Why the pod references a secret its account does not list, or "".

    Mirrors: serviceaccount/admission.go :: (*Plugin).limitSecretReferences
    """
    sa_name = (sa.get("metadata") or {}).get("name", "")
    mountable = {s.get("name") for s in sa.get("secrets") or ()}
    for v in spec.get("volumes") or ():
        if v.get("secret") is None:
            continue
        name = v["secret"].get("secretName", "")
        if name not in mountable:
            return (f'volume with secret.secretName="{name}" is not allowed because service account '
                    f"{sa_name} does not reference that secret")
    for label, c in _all_containers(spec):
        for env in c.get("env") or ():
            ref = (env.get("valueFrom") or {}).get("secretKeyRef")
            if ref is not None and ref.get("name") not in mountable:
                return (f"{label} {c.get('name')} with envVar {env.get('name')} referencing "
                        f'secret.secretName="{ref.get("name")}" is not allowed because service account '
                        f"{sa_name} does not reference that secret")
        for ef in c.get("envFrom") or ():
            ref = ef.get("secretRef")
            if ref is not None and ref.get("name") not in mountable:
                return (f'{label} {c.get("name")} with envFrom referencing secret.secretName="{ref.get("name")}" '
                        f"is not allowed because service account {sa_name} does not reference that secret")
    pull = {s.get("name") for s in sa.get("imagePullSecrets") or ()}
    for i, ref in enumerate(spec.get("imagePullSecrets") or ()):
        if ref.get("name") not in pull:
            return (f'imagePullSecrets[{i}].name="{ref.get("name")}" is not allowed because service account '
                    f"{sa_name} does not reference that imagePullSecret")
    return ""


__all__ = ["ServiceAccount", "limit_secret_references", "should_automount", "token_volume_source"]
