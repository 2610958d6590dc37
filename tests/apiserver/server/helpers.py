"""A raw HTTPS client that trusts the served cluster, and request bodies the tests share."""

from __future__ import annotations

import http.client
import json
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from kubelab.apiserver.server import certs


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    lines: list[bytes] = field(default_factory=list)

    def json(self) -> Any:
        return json.loads(self.body)

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]


class HTTP:
    """A raw HTTPS client for one served cluster (keeps no connection between calls)."""

    def __init__(self, url: str, token: str) -> None:
        u = urlsplit(url)
        self.host, self.port = u.hostname or "127.0.0.1", u.port or 443
        self.token = token
        self.ctx = ssl.create_default_context(cadata=certs.CA_CERT_PEM)

    def connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(self.host, self.port, context=self.ctx, timeout=20)

    def headers(self, extra: dict[str, str] | None, token: str | None) -> dict[str, str]:
        h = {"Accept": "application/json"}
        tok = self.token if token is None else token
        if tok:
            h["Authorization"] = f"Bearer {tok}"
        h.update(extra or {})
        return h

    def __call__(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None,
                 token: str | None = None) -> Reply:
        conn = self.connect()
        data = body if isinstance(body, bytes | None) else json.dumps(body).encode()
        h = self.headers(headers, token)
        if data is not None and "Content-Type" not in h:
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        out = Reply(resp.status, resp.headers, resp.read())
        conn.close()
        return out

    def stream(self, path: str, *, until: int, headers: dict[str, str] | None = None) -> Reply:
        """GET a watch and read ``until`` event lines (or to its end)."""
        conn = self.connect()
        conn.request("GET", path, headers=self.headers(headers, None))
        resp = conn.getresponse()
        lines = []
        while len(lines) < until:
            line = resp.readline()
            if not line:
                break
            lines.append(line)
        conn.close()
        return Reply(resp.status, resp.headers, b"", lines)


def pod(name: str = "web", **labels: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels or {"app": name}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}


PODS = "/api/v1/namespaces/default/pods"
TABLE = ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
         "application/json")
