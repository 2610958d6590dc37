"""The authenticator interfaces and the result of authenticating a request.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/authenticator/interfaces.go
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kubelab.apiserver.authentication.user import UserInfo


@dataclass(slots=True)
class Response:
    """Who the request is from, and which audiences the credential was good for.

    Mirrors: authenticator/interfaces.go :: Response
    """

    user: UserInfo
    audiences: tuple[str, ...] = field(default=())


class AuthenticationError(Exception):
    """A credential was presented and rejected (a 401, never anonymous).

    kubelab-only: Go returns ``(nil, false, err)``; Python raises instead.
    """


class TokenAuthenticator(Protocol):
    def authenticate_token(self, token: str) -> Response | None:
        """The user a token names; None when it is not this authenticator's token.

        Raises AuthenticationError when the token is recognised but invalid.
        """
        ...


class RequestAuthenticator(Protocol):
    def authenticate_request(self, headers: Mapping[str, str]) -> Response | None:
        """The user a request's headers name; None when they carry nothing for us."""
        ...


def header(headers: Mapping[str, str], name: str) -> str:
    """An HTTP header's value, matched without regard to case (as net/http does)."""
    v = headers.get(name)
    if v is not None:
        return v
    low = name.lower()
    for k, v in headers.items():
        if k.lower() == low:
            return v
    return ""
