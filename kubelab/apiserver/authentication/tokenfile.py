"""Static bearer tokens: a token file's rows, token -> user.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication/token/tokenfile/tokenfile.go
"""

from __future__ import annotations

import csv
import io

from kubelab.apiserver.authentication.authenticator import Response
from kubelab.apiserver.authentication.user import UserInfo


class TokenAuthenticator:
    """A ``--token-auth-file`` in memory: tokens can be added and removed at run time.

    Mirrors: tokenfile.go :: TokenAuthenticator

    Differences: upstream reads the file once at start-up; kubelab lets the Cluster
    mint tokens for the identities it creates (``add``/``remove``).
    """

    __slots__ = ("_tokens",)

    def __init__(self, tokens: dict[str, UserInfo] | None = None) -> None:
        self._tokens: dict[str, UserInfo] = dict(tokens or {})

    def add(self, token: str, user: UserInfo) -> None:
        if not token:
            raise ValueError("token must not be empty")
        self._tokens[token] = user

    def remove(self, token: str) -> None:
        self._tokens.pop(token, None)

    def tokens(self) -> dict[str, UserInfo]:
        return dict(self._tokens)

    def authenticate_token(self, token: str) -> Response | None:
        """Mirrors: tokenfile.go :: (*TokenAuthenticator).AuthenticateToken"""
        user = self._tokens.get(token)
        if user is None:
            return None
        return Response(user=user)


def new_csv(text: str, path: str = "tokens.csv") -> TokenAuthenticator:
    """Parse a token file: ``token,user,uid,"group1,group2"`` per line.

    A later row with the same token replaces the earlier one; rows with an empty
    token are skipped (upstream logs a warning for both).

    Mirrors: tokenfile.go :: NewCSV

    Raises:
        ValueError: a row with fewer than three columns, in upstream's words.
    """
    tokens: dict[str, UserInfo] = {}
    for record in csv.reader(io.StringIO(text)):
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        if len(record) < 3:
            raise ValueError(
                f"token file '{path}' must have at least 3 columns (token, user name, user uid), found {len(record)}"
            )
        token = record[0].strip()
        if not token:
            continue
        groups: tuple[str, ...] = ()
        if len(record) >= 4:
            groups = tuple(g.strip() for g in record[3].split(",") if g.strip())
        tokens[token] = UserInfo(name=record[1].strip(), uid=record[2].strip(), groups=groups)
    return TokenAuthenticator(tokens)
