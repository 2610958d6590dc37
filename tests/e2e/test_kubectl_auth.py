"""Who am I, and tokens for service accounts, through the real kubectl."""

from __future__ import annotations


def test_auth_whoami_names_the_admin(kubectl):
    out = kubectl("auth whoami")
    assert out.exit_code == 0
    assert out.stdout.splitlines()[:2] == ["ATTRIBUTE   VALUE", "Username    kubernetes-admin"]


def test_a_created_token_authenticates_as_the_service_account(cluster, kubectl):
    token = kubectl("create token default").stdout.strip()
    assert token.count(".") == 2
    out = kubectl(f"auth whoami --token {token}")
    assert "system:serviceaccount:default:default" in out.stdout
