"""The anonymous authenticator: whoever presents nothing is system:anonymous.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/request/anonymous/anonymous.go
"""

from __future__ import annotations

from collections.abc import Mapping

from kubelab.apiserver.authentication.authenticator import Response
from kubelab.apiserver.authentication.user import ALL_UNAUTHENTICATED, ANONYMOUS, UserInfo

_ANONYMOUS_USER = UserInfo(name=ANONYMOUS, groups=(ALL_UNAUTHENTICATED,))


class AnonymousAuthenticator:
    """Mirrors: anonymous.go :: NewAuthenticator

    Differences: no anonymous-auth conditions (every path may be anonymous).
    """

    __slots__ = ()

    def authenticate_request(self, headers: Mapping[str, str]) -> Response | None:
        return Response(user=_ANONYMOUS_USER)
