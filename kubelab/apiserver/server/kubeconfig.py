"""The kubeconfig that points kubectl and client libraries at a served cluster.

Upstream: cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go (admin.conf: cluster with its
CA, the ``kubernetes-admin`` user and its context), with a bearer token instead of a
client certificate.
"""

from __future__ import annotations

import base64
import os
import pathlib

import yaml

CLUSTER = "kubelab"
USER = "kubernetes-admin"


def build(server_url: str, token: str, ca_pem: str = "", namespace: str = "default", user: str = USER) -> dict:
    """A kubeconfig for one user (a bearer token; none for plain HTTP) of the served cluster."""
    cluster: dict = {"server": server_url}
    if ca_pem:
        cluster["certificate-authority-data"] = base64.b64encode(ca_pem.encode()).decode()
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": CLUSTER, "cluster": cluster}],
        "users": [{"name": user, "user": {"token": token} if token else {}}],
        "contexts": [{"name": f"{user}@{CLUSTER}",
                      "context": {"cluster": CLUSTER, "user": user, "namespace": namespace}}],
        "current-context": f"{user}@{CLUSTER}",
        "preferences": {},
    }


def write(path: str | os.PathLike[str], server_url: str, token: str, ca_pem: str = "", *,
          namespace: str = "default", user: str = USER) -> pathlib.Path:
    """Write a kubeconfig (readable by its owner only, like admin.conf)."""
    p = pathlib.Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(yaml.safe_dump(build(server_url, token, ca_pem, namespace, user), sort_keys=False))
    p.chmod(0o600)
    return p
