"""Reads ``Authorization: Bearer <token>`` and hands the token on.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/request/bearertoken/bearertoken.go
"""

from __future__ import annotations

from collections.abc import Mapping

from kubelab.apiserver.authentication.authenticator import (
    AuthenticationError,
    Response,
    TokenAuthenticator,
    header,
)

INVALID_TOKEN = "invalid bearer token"


class BearerTokenAuthenticator:
    """Mirrors: bearertoken.go :: Authenticator"""

    __slots__ = ("auth",)

    def __init__(self, auth: TokenAuthenticator) -> None:
        self.auth = auth

    def authenticate_request(self, headers: Mapping[str, str]) -> Response | None:
        """Mirrors: bearertoken.go :: (*Authenticator).AuthenticateRequest

        Differences: the header is not removed from the request (headers are read-only here).
        """
        auth = header(headers, "Authorization").strip()
        if not auth:
            return None
        parts = auth.split(" ", 2)
        if len(parts) < 2 or parts[0].lower() != "bearer":
            return None
        token = parts[1]
        if not token:
            return None
        resp = self.auth.authenticate_token(token)
        if resp is None:
            raise AuthenticationError(INVALID_TOKEN)
        return resp
