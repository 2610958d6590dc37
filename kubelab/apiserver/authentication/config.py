"""The kube-apiserver's authenticator chain, assembled in upstream's order.

Upstream: pkg/kubeapiserver/authenticator/config.go
"""

from __future__ import annotations

from collections.abc import Mapping

from kubelab.api import errors
from kubelab.apiserver.authentication.anonymous import AnonymousAuthenticator
from kubelab.apiserver.authentication.authenticator import (
    AuthenticationError,
    RequestAuthenticator,
    Response,
    TokenAuthenticator,
)
from kubelab.apiserver.authentication.bearertoken import BearerTokenAuthenticator
from kubelab.apiserver.authentication.group import AuthenticatedGroupAdder
from kubelab.apiserver.authentication.serviceaccount import (
    ServiceAccountGetter,
    ServiceAccountTokenAuthenticator,
)
from kubelab.apiserver.authentication.tokenfile import TokenAuthenticator as StaticTokens
from kubelab.apiserver.authentication.union import UnionAuthenticator, UnionTokenAuthenticator
from kubelab.apiserver.authentication.user import UserInfo


class Authenticator:
    """What the handler chain calls: headers in, user out (or a 401).

    The chain is upstream's: bearer tokens (static tokens first, then service-account
    tokens) in a union, wrapped by the authenticated-group adder, then anonymous as a
    fallback that is not consulted when a credential was presented and rejected.

    Mirrors: config.go :: (Config).New

    Differences: no request-header (front proxy), client-certificate, bootstrap-token,
    OIDC or webhook authenticators, no token cache, no websocket protocol tokens.
    """

    __slots__ = ("tokens", "service_accounts", "anonymous", "request_authenticator", "last_error")

    def __init__(self, tokens: StaticTokens | None = None,
                 service_accounts: ServiceAccountTokenAuthenticator | None = None,
                 *, anonymous: bool = True) -> None:
        self.tokens = tokens if tokens is not None else StaticTokens()
        self.service_accounts = service_accounts
        self.anonymous = anonymous
        token_auths: list[TokenAuthenticator] = [self.tokens]
        if service_accounts is not None:
            token_auths.append(service_accounts)
        chain: RequestAuthenticator = AuthenticatedGroupAdder(
            UnionAuthenticator(BearerTokenAuthenticator(UnionTokenAuthenticator(*token_auths))))
        if anonymous:
            chain = UnionAuthenticator(chain, AnonymousAuthenticator(), fail_on_error=True)
        self.request_authenticator = chain
        # Why the last request was refused; the client only ever sees "Unauthorized".
        self.last_error = ""

    def authenticate_request(self, headers: Mapping[str, str]) -> Response | None:
        return self.request_authenticator.authenticate_request(headers)

    def authenticate(self, headers: Mapping[str, str]) -> UserInfo | None:
        """The request's user; None when nothing authenticated it and anonymous is off.

        Raises:
            Unauthorized: a presented credential was rejected (401 "Unauthorized").

        Mirrors: apiserver/pkg/endpoints/filters/authentication.go :: withAuthentication
        (the 401 it answers with hides the reason, which stays in ``last_error``)
        """
        try:
            resp = self.request_authenticator.authenticate_request(headers)
        except AuthenticationError as e:
            self.last_error = str(e)
            raise errors.new_unauthorized() from None
        self.last_error = ""
        return None if resp is None else resp.user


def new_authenticator(tokens: StaticTokens | None = None,
                      get_service_account: ServiceAccountGetter | None = None,
                      *, anonymous: bool = True,
                      service_account_lookup: bool = True) -> Authenticator:
    """Build the default chain: static tokens, service-account tokens, anonymous.

    Mirrors: config.go :: (Config).New with --token-auth-file,
    --service-account-issuer, --service-account-lookup and --anonymous-auth
    """
    sa = ServiceAccountTokenAuthenticator(get_service_account if service_account_lookup else None)
    return Authenticator(tokens, sa, anonymous=anonymous)
