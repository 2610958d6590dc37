"""Adds system:authenticated to every authenticated user.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kubelab.apiserver.authentication.authenticator import RequestAuthenticator, Response
from kubelab.apiserver.authentication.user import ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS


class AuthenticatedGroupAdder:
    """Mirrors: authenticated_group_adder.go :: AuthenticatedGroupAdder"""

    __slots__ = ("authenticator",)

    def __init__(self, authenticator: RequestAuthenticator) -> None:
        self.authenticator = authenticator

    def authenticate_request(self, headers: Mapping[str, str]) -> Response | None:
        """Mirrors: (*AuthenticatedGroupAdder).AuthenticateRequest"""
        r = self.authenticator.authenticate_request(headers)
        if r is None:
            return None
        u = r.user
        if u.name == ANONYMOUS:
            return r
        for g in u.groups:
            if g in (ALL_AUTHENTICATED, ALL_UNAUTHENTICATED):
                return r
        return Response(user=replace(u, groups=(*u.groups, ALL_AUTHENTICATED)), audiences=r.audiences)
