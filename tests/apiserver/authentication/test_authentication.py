"""Authentication chain: static tokens, service-account tokens, anonymous, group adder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api.errors import Unauthorized
from kubelab.apiserver.authentication import (
    TokenAuthenticator,
    new_authenticator,
    serviceaccount_token,
)
from kubelab.apiserver.authentication.authenticator import AuthenticationError
from kubelab.apiserver.authentication.bearertoken import BearerTokenAuthenticator
from kubelab.apiserver.authentication.group import AuthenticatedGroupAdder
from kubelab.apiserver.authentication.serviceaccount import (
    ServiceAccountTokenAuthenticator,
    decode_token,
)
from kubelab.apiserver.authentication.tokenfile import new_csv
from kubelab.apiserver.authentication.union import UnionAuthenticator, aggregate_message
from kubelab.apiserver.authentication.user import UserInfo

JANE = UserInfo(name="jane", uid="1", groups=("dev",))
SAS = {("default", "default"): {"metadata": {"name": "default", "uid": "sa-uid"}},
       ("ci", "builder"): {"metadata": {"name": "builder", "uid": "b-uid",
                                        "deletionTimestamp": "2024-01-01T00:00:00Z"}}}


def _auth(**kw):
    tokens = TokenAuthenticator({"jane-token": JANE})
    return new_authenticator(tokens, lambda ns, n: SAS.get((ns, n)), **kw)


@pytest.mark.parametrize(("headers", "name", "groups"), [
    pytest.param({"Authorization": "Bearer jane-token"}, "jane", ("dev", "system:authenticated"),
                 id="static token gets system:authenticated"),
    pytest.param({"authorization": "bearer jane-token"}, "jane", ("dev", "system:authenticated"),
                 id="header and scheme are case-insensitive"),
    pytest.param({}, "system:anonymous", ("system:unauthenticated",), id="no header is anonymous"),
    pytest.param({"Authorization": "Basic Zm9vOmJhcg=="}, "system:anonymous", ("system:unauthenticated",),
                 id="other schemes are ignored"),
    pytest.param({"Authorization": "Bearer"}, "system:anonymous", ("system:unauthenticated",),
                 id="empty bearer is ignored"),
    pytest.param({"Authorization": "Bearer " + serviceaccount_token("default", "default", "sa-uid")},
                 "system:serviceaccount:default:default",
                 ("system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"),
                 id="service account token"),
])
def test_authenticate_identifies_the_user(headers, name, groups):
    user = _auth().authenticate(headers)
    assert user is not None
    assert (user.name, user.groups) == (name, groups)


@pytest.mark.parametrize(("token", "cause"), [
    pytest.param("wrong", "invalid bearer token", id="unknown token"),
    pytest.param(serviceaccount_token("default", "missing", "x"), 'serviceaccounts "missing" not found',
                 id="service account deleted from storage"),
    pytest.param(serviceaccount_token("default", "default", "old-uid"),
                 "service account UID (sa-uid) does not match claim (old-uid)",
                 id="service account recreated with a new uid"),
    pytest.param(serviceaccount_token("ci", "builder", "b-uid"), "service account ci/builder has been deleted",
                 id="service account being deleted"),
    pytest.param(serviceaccount_token("default", "default", "sa-uid", key=b"other"),
                 "square/go-jose: error in cryptographic primitive", id="forged signature"),
    pytest.param(serviceaccount_token("default", "default", "sa-uid", audiences=("vault",)),
                 'token audiences ["vault"] is invalid for the target audiences '
                 '["https://kubernetes.default.svc.cluster.local"]', id="wrong audience"),
])
def test_rejected_token_is_401_never_anonymous(token, cause):
    a = _auth()
    with pytest.raises(Unauthorized) as ei:
        a.authenticate({"Authorization": "Bearer " + token})
    assert ei.value.code == 401
    assert ei.value.message == "Unauthorized"
    assert a.last_error == cause


def test_anonymous_disabled_returns_none():
    assert _auth(anonymous=False).authenticate({}) is None


def test_token_can_be_added_and_removed():
    a = _auth()
    a.tokens.add("t2", UserInfo("bob"))
    user = a.authenticate({"Authorization": "Bearer t2"})
    assert user is not None and user.name == "bob"
    a.tokens.remove("t2")
    with pytest.raises(Unauthorized):
        a.authenticate({"Authorization": "Bearer t2"})


def test_service_account_lookup_can_be_disabled():
    a = _auth(service_account_lookup=False)
    user = a.authenticate({"Authorization": "Bearer " + serviceaccount_token("x", "gone", "u")})
    assert user is not None and user.uid == "u"


def test_serviceaccount_token_is_deterministic_and_decodable():
    t1 = serviceaccount_token("ns", "sa", "uid-1")
    assert t1 == serviceaccount_token("ns", "sa", "uid-1")
    assert t1 != serviceaccount_token("ns", "sa", "uid-2")
    claims = decode_token(t1)
    assert claims is not None
    assert claims["sub"] == "system:serviceaccount:ns:sa"
    assert claims["kubernetes.io"] == {"namespace": "ns", "serviceaccount": {"name": "sa", "uid": "uid-1"}}


def test_foreign_issuer_is_left_to_other_authenticators():
    sa = ServiceAccountTokenAuthenticator(None)
    assert sa.authenticate_token(serviceaccount_token("a", "b", "c", issuer="https://other")) is None
    assert sa.authenticate_token("not-a-jwt") is None


@pytest.mark.parametrize(("groups", "want"), [
    pytest.param((), ("system:authenticated",), id="adds the group"),
    pytest.param(("system:authenticated",), ("system:authenticated",), id="not twice"),
    pytest.param(("system:unauthenticated",), ("system:unauthenticated",), id="not to unauthenticated"),
])
def test_authenticated_group_adder(groups, want):
    class Fixed:
        def authenticate_request(self, headers):
            from kubelab.apiserver.authentication.authenticator import Response
            return Response(UserInfo("u", groups=groups))

    r = AuthenticatedGroupAdder(Fixed()).authenticate_request({})
    assert r is not None and r.user.groups == want


def test_union_collects_errors_and_fail_on_error_stops():
    class Bad:
        def __init__(self, msg):
            self.msg = msg

        def authenticate_request(self, headers):
            raise AuthenticationError(self.msg)

    with pytest.raises(AuthenticationError, match=r"^\[a, b\]$"):
        UnionAuthenticator(Bad("a"), Bad("b"), Bad("a")).authenticate_request({})
    with pytest.raises(AuthenticationError, match="^a$"):
        UnionAuthenticator(Bad("a"), Bad("b"), fail_on_error=True).authenticate_request({})


def test_bearer_token_without_match_is_invalid():
    with pytest.raises(AuthenticationError, match="invalid bearer token"):
        BearerTokenAuthenticator(TokenAuthenticator()).authenticate_request({"Authorization": "Bearer x"})


def test_token_file_csv():
    t = new_csv('tok1,alice,100,"system:masters,dev"\ntok2,bob,101\n,skipped,1\ntok1,carol,102\n')
    r = t.authenticate_token("tok1")
    assert r is not None and r.user == UserInfo("carol", "102")
    r2 = t.authenticate_token("tok2")
    assert r2 is not None and r2.user.name == "bob"
    t3 = new_csv('tok,alice,1,"system:masters,dev"\n')
    r3 = t3.authenticate_token("tok")
    assert r3 is not None and r3.user.groups == ("system:masters", "dev")
    with pytest.raises(ValueError, match="must have at least 3 columns"):
        new_csv("tok,alice\n", "/etc/tokens.csv")


def test_aggregate_message():
    assert aggregate_message(["x"]) == "x"
    assert aggregate_message(["x", "y", "x"]) == "[x, y]"


@given(st.text(min_size=1), st.text(min_size=1), st.text(min_size=1))
def test_any_service_account_roundtrips(ns, name, uid):
    sa = ServiceAccountTokenAuthenticator(lambda n, m: {"metadata": {"uid": uid}})
    r = sa.authenticate_token(serviceaccount_token(ns, name, uid))
    assert r is not None
    assert r.user.name == f"system:serviceaccount:{ns}:{name}"
    assert r.user.uid == uid
