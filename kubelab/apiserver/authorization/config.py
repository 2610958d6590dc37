"""The kube-apiserver's authorizer chain in its default order.

Upstream: pkg/kubeapiserver/authorizer/config.go
"""

from __future__ import annotations

from collections.abc import Sequence

from kubelab.apiserver.authentication.user import SYSTEM_PRIVILEGED_GROUP
from kubelab.apiserver.authorization.authorizer import Authorizer
from kubelab.apiserver.authorization.authorizerfactory import (
    AlwaysAllowAuthorizer,
    AlwaysDenyAuthorizer,
    PrivilegedGroupAuthorizer,
)
from kubelab.apiserver.authorization.rbac import RBACAuthorizer, RBACObjectGetter
from kubelab.apiserver.authorization.union import UnionAuthorizer

MODE_ALWAYS_ALLOW = "AlwaysAllow"
MODE_ALWAYS_DENY = "AlwaysDeny"
MODE_RBAC = "RBAC"
MODE_NODE = "Node"
# kubeadm's --authorization-mode=Node,RBAC; kubelab serves RBAC only.
DEFAULT_MODES = (MODE_RBAC,)


class AuthorizerChain(UnionAuthorizer):
    """The union kube-apiserver builds, with its RBAC authorizer at hand for ``changed()``."""

    def __init__(self, *authorizers: Authorizer, rbac: RBACAuthorizer | None = None) -> None:
        super().__init__(*authorizers)
        self.rbac = rbac

    def changed(self) -> None:
        """An RBAC object was written: drop the RBAC caches."""
        if self.rbac is not None:
            self.rbac.changed()


def new_authorizer(getter: RBACObjectGetter, modes: Sequence[str] = DEFAULT_MODES) -> AuthorizerChain:
    """system:masters first, then each mode in order.

    Mirrors: config.go :: (Config).New

    Differences: the Node authorizer (graph of pods, secrets and volumes per node)
    is not built; with mode "Node" kubelab adds nothing, so kubelets are authorized
    by RBAC alone, by whatever rules bind ``system:node:<name>`` or ``system:nodes``
    (the bootstrap ``system:node`` ClusterRoleBinding has no subjects, as upstream).
    No ABAC or webhook modes.
    """
    authorizers: list[Authorizer] = [PrivilegedGroupAuthorizer(SYSTEM_PRIVILEGED_GROUP)]
    rbac: RBACAuthorizer | None = None
    for mode in modes:
        if mode == MODE_RBAC:
            rbac = RBACAuthorizer(getter)
            authorizers.append(rbac)
        elif mode == MODE_ALWAYS_ALLOW:
            authorizers.append(AlwaysAllowAuthorizer())
        elif mode == MODE_ALWAYS_DENY:
            authorizers.append(AlwaysDenyAuthorizer())
        elif mode == MODE_NODE:
            continue
        else:
            raise ValueError(f"unknown authorization mode {mode} specified")
    return AuthorizerChain(*authorizers, rbac=rbac)
