"""Service-account bearer tokens: minting and checking them.

A kubelab token is a real JWT (header.payload.signature, base64url) with the claims
of a bound service-account token, signed with HMAC-SHA256 instead of the API
server's RSA key, and without ``exp``/``iat``/``jti`` (there is no wall clock), so
the same account always gets the same token and a learner can decode it with any
JWT tool.

Upstream: pkg/serviceaccount/{jwt.go,claims.go},
staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from typing import Any

from kubelab.apiserver.authentication.authenticator import AuthenticationError, Response
from kubelab.apiserver.authentication.user import (
    UserInfo,
    service_account_groups,
    service_account_username,
)

# The in-cluster issuer and audience a kubeadm cluster uses.
DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local"
DEFAULT_AUDIENCES = ("https://kubernetes.default.svc.cluster.local",)
SIGNING_KEY = b"kubelab-service-account-signing-key"
KEY_ID = "kubelab"

ServiceAccountGetter = Callable[[str, str], Mapping[str, Any] | None]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(signing_input: str, key: bytes) -> str:
    return _b64(hmac.new(key, signing_input.encode(), hashlib.sha256).digest())


def serviceaccount_token(namespace: str, name: str, uid: str, *, issuer: str = DEFAULT_ISSUER,
                         audiences: tuple[str, ...] = DEFAULT_AUDIENCES,
                         key: bytes = SIGNING_KEY) -> str:
    """The token a pod of service account ``namespace/name`` presents.

    Mirrors: pkg/serviceaccount/claims.go :: Claims and jwt.go :: (*jwtTokenGenerator).GenerateToken

    Differences: HS256 with a fixed key; no expiry, issue time or token id, so the
    token is a pure function of its arguments.
    """
    header = {"alg": "HS256", "kid": KEY_ID}
    claims = {
        "aud": list(audiences),
        "iss": issuer,
        "kubernetes.io": {"namespace": namespace, "serviceaccount": {"name": name, "uid": uid}},
        "sub": service_account_username(namespace, name),
    }
    signing_input = (_b64(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode()))
    return signing_input + "." + _sign(signing_input, key)


def decode_token(token: str) -> dict[str, Any] | None:
    """The claims of a JWT-shaped token without checking its signature, or None."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        claims = json.loads(_unb64(parts[1]))
    except (ValueError, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


class ServiceAccountTokenAuthenticator:
    """Checks service-account JWTs and that their account still exists.

    Mirrors: pkg/serviceaccount/jwt.go :: jwtTokenAuthenticator and
    claims.go :: (*validator).Validate

    Differences: no expiry or pod/node binding checks (kubelab tokens carry none).
    """

    __slots__ = ("issuers", "audiences", "key", "get_service_account")

    def __init__(self, get_service_account: ServiceAccountGetter | None = None, *,
                 issuers: tuple[str, ...] = (DEFAULT_ISSUER,),
                 audiences: tuple[str, ...] = DEFAULT_AUDIENCES, key: bytes = SIGNING_KEY) -> None:
        self.issuers = issuers
        self.audiences = audiences
        self.key = key
        self.get_service_account = get_service_account

    def authenticate_token(self, token: str) -> Response | None:
        """Mirrors: jwt.go :: (*jwtTokenAuthenticator).AuthenticateToken"""
        claims = decode_token(token)
        # Not a JWT, or another issuer's: let the next token authenticator try.
        if claims is None or claims.get("iss") not in self.issuers:
            return None
        signing_input, _, signature = token.rpartition(".")
        if not hmac.compare_digest(_sign(signing_input, self.key), signature):
            raise AuthenticationError("square/go-jose: error in cryptographic primitive")
        token_audiences = claims.get("aud") or []
        if isinstance(token_audiences, str):
            token_audiences = [token_audiences]
        matched = tuple(a for a in self.audiences if a in token_audiences)
        if not matched:
            raise AuthenticationError(
                f"token audiences {_go_quote_list(token_audiences)} is invalid for the target "
                f"audiences {_go_quote_list(list(self.audiences))}")
        user = self._validate(claims)
        return Response(user=user, audiences=matched)

    def _validate(self, claims: dict[str, Any]) -> UserInfo:
        """Mirrors: claims.go :: (*validator).Validate"""
        k8s = claims.get("kubernetes.io") or {}
        namespace = str(k8s.get("namespace", ""))
        sa = k8s.get("serviceaccount") or {}
        name, uid = str(sa.get("name", "")), str(sa.get("uid", ""))
        if not namespace or not name:
            raise AuthenticationError("service account token claims missing namespace or name")
        if self.get_service_account is not None:
            obj = self.get_service_account(namespace, name)
            if obj is None:
                raise AuthenticationError(f'serviceaccounts "{name}" not found')
            meta = obj.get("metadata", {})
            if meta.get("uid", "") != uid:
                raise AuthenticationError(
                    f"service account UID ({meta.get('uid', '')}) does not match claim ({uid})")
            if meta.get("deletionTimestamp"):
                raise AuthenticationError(f"service account {namespace}/{name} has been deleted")
        return UserInfo(name=service_account_username(namespace, name), uid=uid,
                        groups=service_account_groups(namespace))


def _go_quote_list(items: list[str]) -> str:
    """Go's ``%q`` of a []string: ``["a" "b"]``."""
    return "[" + " ".join(json.dumps(i) for i in items) + "]"
