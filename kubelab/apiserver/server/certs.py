"""The loopback serving certificate: HTTPS so that kubectl sends bearer tokens.

client-go reads a kubeconfig's credentials only for TLS servers (clientcmd's
DirectClientConfig.ClientConfig skips the user's token over plain HTTP), so kubelab
serves HTTPS with a fixed CA and a kube-apiserver certificate for 127.0.0.1, ::1,
localhost and the in-cluster ``kubernetes`` service names, valid 2000-2099.

kubelab-only: stands in for kubeadm's certs phase (cmd/kubeadm/app/phases/certs). The
key pair is public and protects nothing: it only lets clients on this machine talk to
a simulator on the loopback address.
"""

from __future__ import annotations

import atexit
import os
import ssl
import tempfile
from functools import cache

CA_CERT_PEM = """-----BEGIN CERTIFICATE-----
MIIBXTCCAQOgAwIBAgIBATAKBggqhkjOPQQDAjAVMRMwEQYDVQQDDAprdWJlbGFi
LWNhMCAXDTAwMDEwMTAwMDAwMFoYDzIwOTkxMjMxMjM1OTU5WjAVMRMwEQYDVQQD
DAprdWJlbGFiLWNhMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIbtmJhylHD+A
LR4tY5gzWmr9bX9DDNUG63hVjKdkTBv1sWRLutlekB3ScsghjPU+Ts6yBGgMHUW5
D+9q63u/EaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAqQwHQYD
VR0OBBYEFACkFAqweCBtJHjNlU74CeNKtg8LMAoGCCqGSM49BAMCA0gAMEUCIQCF
NwqdqC7YKj7f+Z/EV4HPOAkPlMGMF1kZh/zF/aANjwIgL4V1QCT92CWzs0wKkJyd
PbND0FGZnCQ9ZnKmxveHmPE=
-----END CERTIFICATE-----
"""

SERVING_CERT_PEM = """-----BEGIN CERTIFICATE-----
MIICDDCCAbKgAwIBAgIBAjAKBggqhkjOPQQDAjAVMRMwEQYDVQQDDAprdWJlbGFi
LWNhMCAXDTAwMDEwMTAwMDAwMFoYDzIwOTkxMjMxMjM1OTU5WjAZMRcwFQYDVQQD
DA5rdWJlLWFwaXNlcnZlcjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABH6uQpwZ
ClqJ1H6M218VadKCdKv5O1+1JVE+j5NALcQBiXnQ6k5H4HuuZ2ypMJ46kgXywFGh
ATYlN+/UrDg1A9ujgewwgekwDAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCBaAw
EwYDVR0lBAwwCgYIKwYBBQUHAwEwHwYDVR0jBBgwFoAUAKQUCrB4IG0keM2VTvgJ
40q2DwswgZIGA1UdEQSBijCBh4IJbG9jYWxob3N0ggprdWJlcm5ldGVzghJrdWJl
cm5ldGVzLmRlZmF1bHSCFmt1YmVybmV0ZXMuZGVmYXVsdC5zdmOCJGt1YmVybmV0
ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbIcEfwAAAYcQAAAAAAAAAAAAAAAA
AAAAAYcECmAAATAKBggqhkjOPQQDAgNIADBFAiAkFX8/Q414zYJdm1aaO3GJfXVx
M9MHKn2blXOCpDMILgIhALebDHMZE3LkeM69xPc49tHfkdGo8A1bSNrUHAIxyhAo
-----END CERTIFICATE-----
"""

SERVING_KEY_PEM = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpL4rCcWx4A5y6ZxU
+2DMu8NIb+7Rwc0C5DpCsoyMVjGhRANCAAR+rkKcGQpaidR+jNtfFWnSgnSr+Ttf
tSVRPo+TQC3EAYl50OpOR+B7rmdsqTCeOpIF8sBRoQE2JTfv1Kw4NQPb
-----END PRIVATE KEY-----
"""


def _remove(path: str) -> None:
    if os.path.exists(path):
        os.unlink(path)


@cache
def _chain_file() -> str:
    fd, path = tempfile.mkstemp(prefix="kubelab-apiserver-", suffix=".pem")
    with os.fdopen(fd, "w") as f:
        f.write(SERVING_CERT_PEM + SERVING_KEY_PEM)
    atexit.register(_remove, path)
    return path


def server_context() -> ssl.SSLContext:
    """A TLS server context presenting the kube-apiserver certificate."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(_chain_file())
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx
