"""DefaultTolerationSeconds: pods tolerate not-ready and unreachable nodes for 300 s.

Upstream: plugin/pkg/admission/defaulttolerationseconds/admission.go
"""

from __future__ import annotations

from kubelab.api import errors
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes, Context

PLUGIN_NAME = "DefaultTolerationSeconds"
TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready"
TAINT_NODE_UNREACHABLE = "node.kubernetes.io/unreachable"
DEFAULT_NOT_READY_TOLERATION_SECONDS = 300
DEFAULT_UNREACHABLE_TOLERATION_SECONDS = 300


class DefaultTolerationSeconds:
    """Mirrors: defaulttolerationseconds/admission.go :: Plugin"""

    name = PLUGIN_NAME

    def __init__(self, not_ready_seconds: int = DEFAULT_NOT_READY_TOLERATION_SECONDS,
                 unreachable_seconds: int = DEFAULT_UNREACHABLE_TOLERATION_SECONDS) -> None:
        self.not_ready_seconds = not_ready_seconds
        self.unreachable_seconds = unreachable_seconds

    def handles(self, operation: str) -> bool:
        return operation in (CREATE, UPDATE)

    def admit(self, attrs: Attributes, ctx: Context) -> None:
        """Mirrors: defaulttolerationseconds/admission.go :: (*Plugin).Admit"""
        if attrs.info.group != "" or attrs.info.resource != "pods" or attrs.subresource:
            return
        pod = attrs.object
        if not isinstance(pod, dict):
            raise errors.new_bad_request(f"expected *api.Pod but got {type(pod).__name__}")
        spec = pod.setdefault("spec", {})
        tolerations = spec.get("tolerations") or []
        not_ready = unreachable = False
        for t in tolerations:
            key, effect = t.get("key", ""), t.get("effect", "")
            if key in (TAINT_NODE_NOT_READY, "") and effect in ("NoExecute", ""):
                not_ready = True
            if key in (TAINT_NODE_UNREACHABLE, "") and effect in ("NoExecute", ""):
                unreachable = True
        if not_ready and unreachable:
            return
        tolerations = list(tolerations)
        if not not_ready:
            tolerations.append({"key": TAINT_NODE_NOT_READY, "operator": "Exists", "effect": "NoExecute",
                                "tolerationSeconds": self.not_ready_seconds})
        if not unreachable:
            tolerations.append({"key": TAINT_NODE_UNREACHABLE, "operator": "Exists", "effect": "NoExecute",
                                "tolerationSeconds": self.unreachable_seconds})
        spec["tolerations"] = tolerations
