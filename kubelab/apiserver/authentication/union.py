"""Trying several authenticators in turn.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/request/union/union.go,
staging/src/k8s.io/apiserver/pkg/authentication/token/union/union.go
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kubelab.apiserver.authentication.authenticator import (
    AuthenticationError,
    RequestAuthenticator,
    Response,
    TokenAuthenticator,
)


def aggregate_message(messages: Sequence[str]) -> str:
    """`utilerrors.NewAggregate(errs).Error()`: one message alone, else ``[a, b]`` without repeats."""
    seen: dict[str, None] = {}
    for m in messages:
        seen.setdefault(m, None)
    if len(seen) == 1:
        return next(iter(seen))
    return "[" + ", ".join(seen) + "]"


class UnionAuthenticator:
    """The first authenticator that recognises the request wins.

    Mirrors: request/union/union.go :: unionAuthRequestHandler
    """

    __slots__ = ("handlers", "fail_on_error")

    def __init__(self, *handlers: RequestAuthenticator, fail_on_error: bool = False) -> None:
        self.handlers = handlers
        self.fail_on_error = fail_on_error

    def authenticate_request(self, headers: Mapping[str, str]) -> Response | None:
        """Mirrors: union.go :: (*unionAuthRequestHandler).AuthenticateRequest"""
        errs: list[str] = []
        for h in self.handlers:
            try:
                resp = h.authenticate_request(headers)
            except AuthenticationError as e:
                if self.fail_on_error:
                    raise
                errs.append(str(e))
                continue
            if resp is not None:
                return resp
        if errs:
            raise AuthenticationError(aggregate_message(errs))
        return None


class UnionTokenAuthenticator:
    """Mirrors: token/union/union.go :: unionAuthTokenHandler"""

    __slots__ = ("handlers",)

    def __init__(self, *handlers: TokenAuthenticator) -> None:
        self.handlers = handlers

    def authenticate_token(self, token: str) -> Response | None:
        errs: list[str] = []
        for h in self.handlers:
            try:
                resp = h.authenticate_token(token)
            except AuthenticationError as e:
                errs.append(str(e))
                continue
            if resp is not None:
                return resp
        if errs:
            raise AuthenticationError(aggregate_message(errs))
        return None
