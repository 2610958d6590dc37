"""Serving kube-apiserver's API over HTTP on the loopback address.

Upstream: staging/src/k8s.io/apiserver/pkg/server/secure_serving.go
(SecureServingInfo.Serve, RunServer) and pkg/server/genericapiserver.go (the handler)
Differences: HTTP/1.1 over TLS with a fixed loopback certificate (certs.py), bound to
127.0.0.1 unless told otherwise; authentication is by bearer token only (no client
certificates); plain HTTP on request, where clients send no credentials.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import ssl
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from typing import Any

from kubelab.apiserver.server import certs
from kubelab.apiserver.server import kubeconfig as kc
from kubelab.apiserver.server.handler import APIHandler
from kubelab.apiserver.server.simulation import Simulation

LOOPBACK = "127.0.0.1"
# net/http/server.go answers a plain-HTTP request on a TLS port with this.
PLAIN_HTTP_TO_HTTPS = (b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")


class KubeHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server whose handlers reach one simulated kube-apiserver."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], sim: Simulation, apiserver: Any,
                 log: Callable[[str], None] | None = None, tls: bool = True) -> None:
        self.sim = sim
        self.apiserver = apiserver
        self.log = log
        self.tls = tls
        super().__init__(address, APIHandler)
        if tls:
            # The handshake runs on the connection's own thread (finish_request), not in accept().
            self.socket = certs.server_context().wrap_socket(self.socket, server_side=True,
                                                             do_handshake_on_connect=False)

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.tls:
            try:
                request.settimeout(APIHandler.timeout)
                # Peek below TLS: a plain-HTTP request gets Go's answer instead of a dropped connection.
                first = socket.socket.recv(request, 5, socket.MSG_PEEK)
                if first[:1].isalpha():
                    socket.socket.sendall(request, PLAIN_HTTP_TO_HTTPS)
                    return
                request.do_handshake()
            except (OSError, ValueError):
                return
        super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that goes away mid-request is not an error worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError | TimeoutError):
            return
        super().handle_error(request, client_address)


class Serving:
    """A cluster being served: its URL, its kubeconfig, its clock; ``stop()`` ends it.

    ``url, kubeconfig = c.serve()`` unpacks like a pair.
    """

    def __init__(self, httpd: KubeHTTPServer, sim: Simulation, url: str, kubeconfig: pathlib.Path,
                 tmpdir: str | None) -> None:
        self.httpd = httpd
        self.sim = sim
        self.url = url
        self.kubeconfig = str(kubeconfig)
        self._tmpdir = tmpdir
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                         name=f"kubelab-http-{httpd.server_address[1]}", daemon=True)
        self._thread.start()
        self.stopped = False

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def speed(self) -> float | None:
        """Simulated seconds per wall second, or None when time moves only on ``run``."""
        return self.sim.speed

    def set_speed(self, speed: float | None) -> None:
        self.sim.set_speed(speed)

    def write_kubeconfig(self, path: str | os.PathLike[str], token: str, *, user: str = "kubelab-user",
                         namespace: str = "default") -> str:
        """A kubeconfig for another identity (a service account's or a user's bearer token)."""
        tls = self.url.startswith("https:")
        return str(kc.write(path, self.url, token if tls else "", certs.CA_CERT_PEM if tls else "",
                            namespace=namespace, user=user))

    def stop(self) -> None:
        """Stop serving: open watches end, the clock stops, the kubeconfig is removed if temporary."""
        if self.stopped:
            return
        self.stopped = True
        self.sim.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)

    def __iter__(self) -> Iterator[str]:
        return iter((self.url, self.kubeconfig))

    def __repr__(self) -> str:
        mode = "stepped" if self.sim.speed is None else f"{self.sim.speed:g}x real time"
        state = "stopped" if self.stopped else mode
        return f"Serving({self.url}, {state}; kubectl --kubeconfig {self.kubeconfig} get nodes)"


def serve(env: Any, apiserver: Any, token: str, *, host: str = LOOPBACK, port: int = 0,
          speed: float | None = None, kubeconfig: str | os.PathLike[str] | None = None,
          log: Callable[[str], None] | None = None, tls: bool = True) -> Serving:
    """Serve ``apiserver`` over HTTP and write a kubeconfig carrying ``token``.

    Args:
        env: the cluster's SimPy environment.
        apiserver: the cluster's APIServer.
        token: the bearer token the kubeconfig authenticates with.
        host: the address to bind; loopback unless told otherwise.
        port: the port; 0 picks a free one.
        speed: simulated seconds per wall second; None steps time only on ``run``.
        kubeconfig: where to write the kubeconfig; a temporary directory by default.
        log: called with one line per request (quiet when None).
        tls: serve HTTPS (clients send bearer tokens only over TLS); False serves plain HTTP.

    Mirrors: secure_serving.go :: (*SecureServingInfo).Serve
    """
    sim = Simulation(env, apiserver)
    try:
        httpd = KubeHTTPServer((host, port), sim, apiserver, log, tls)
    except OSError:
        sim.release()
        raise
    bound_host, bound_port = httpd.server_address[:2]
    url_host = LOOPBACK if bound_host in ("0.0.0.0", "") else str(bound_host)
    url = f"{'https' if tls else 'http'}://{url_host}:{bound_port}"
    tmpdir = None
    if kubeconfig is None:
        tmpdir = tempfile.mkdtemp(prefix=f"kubelab-{bound_port}-")
        kubeconfig = pathlib.Path(tmpdir) / "kubeconfig"
    path = kc.write(kubeconfig, url, token if tls else "", certs.CA_CERT_PEM if tls else "")
    serving = Serving(httpd, sim, url, path, tmpdir)
    sim.set_speed(speed)
    return serving
