"""One HTTP request in, one handler-chain Request through kube-apiserver, one HTTP answer out.

Upstream: staging/src/k8s.io/apiserver/pkg/server/handler.go (APIServerHandler: the
request enters the filter chain), pkg/endpoints/handlers/rest.go (reading the body,
negotiating the answer) and pkg/endpoints/handlers/responsewriters/writers.go
"""

from __future__ import annotations

import json
import select
import ssl
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from kubelab.api import errors
from kubelab.api.request import Request
from kubelab.apiserver import openapi
from kubelab.apiserver.endpoints.request import new_request_info
from kubelab.apiserver.server import negotiation, protobuf, responsewriters
from kubelab.apiserver.server.logs import LogFollower, default_container
from kubelab.apiserver.server.negotiation import Target
from kubelab.apiserver.server.responsewriters import TEXT, Response
from kubelab.apiserver.server.watch import EventEncoder, WatchServer, error_event, watch_timeout

if TYPE_CHECKING:
    from kubelab.apiserver.server.secure_serving import KubeHTTPServer

Obj = dict[str, Any]
MAX_BODY = 3 * 1024 * 1024  # apiserver's maxRequestBodyBytes
READ_VERBS = ("get", "list", "watch")


def canonical_header(name: str) -> str:
    """Go's textproto.CanonicalMIMEHeaderKey: ``content-type`` -> ``Content-Type``."""
    return "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))


def _true(v: str | None) -> bool:
    return v is not None and v.lower() in ("true", "1")


class APIHandler(BaseHTTPRequestHandler):
    """Translates HTTP to kubelab Requests and back; one instance per connection."""

    protocol_version = "HTTP/1.1"
    server_version = "kubelab"
    sys_version = ""
    timeout = 120  # idle keep-alive connections close after two minutes
    disable_nagle_algorithm = True  # small answers go out at once, not after a delayed ACK
    server: KubeHTTPServer

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:
        log = self.server.log
        if log is not None:
            log(format % args)

    # -- reading ------------------------------------------------------------------------
    def _read_body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            data = b"".join(chunks)
        else:
            n = int(self.headers.get("Content-Length") or 0)
            if n > MAX_BODY:
                raise errors.ApiError(errors.status(413, "RequestEntityTooLarge",
                                                    f"limit is {MAX_BODY}", {}))
            data = self.rfile.read(n) if n > 0 else b""
        return data or None

    def _gone(self) -> bool:
        """Has the client closed the connection? (It sends nothing while it watches.)"""
        conn = self.connection
        try:
            r, _, _ = select.select([conn], [], [], 0)
            if not r:
                return False
            prev = conn.gettimeout()
            conn.settimeout(0)
            try:
                return conn.recv(1) == b""
            except (ssl.SSLWantReadError, BlockingIOError):
                return False
            finally:
                conn.settimeout(prev)
        except (OSError, ValueError):
            return True

    # -- writing ------------------------------------------------------------------------
    def _send(self, resp: Response, audit_id: str = "", extra: list[tuple[str, str]] | None = None) -> None:
        self.send_response(resp.code)
        if audit_id:
            self.send_header("Audit-Id", audit_id)
        if not any(k == "Cache-Control" for k, _ in resp.headers):
            self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Content-Type", resp.content_type)
        for k, v in resp.headers + (extra or []):
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    def _start_stream(self, content_type: str, audit_id: str, extra: list[tuple[str, str]]) -> None:
        self.send_response(200)
        if audit_id:
            self.send_header("Audit-Id", audit_id)
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Content-Type", content_type)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def _chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

    def _end_stream(self) -> None:
        try:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    # -- the request --------------------------------------------------------------------
    def _serve(self) -> None:
        try:
            self._dispatch()
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _dispatch(self) -> None:
        srv = self.server
        sim, api = srv.sim, srv.apiserver
        url = urlsplit(self.path)
        path = unquote(url.path) or "/"
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        headers: dict[str, str] = {}
        for k, v in self.headers.items():
            k = canonical_header(k)
            # a header sent several times (Impersonate-Group) reads as one comma-separated value
            headers[k] = f"{headers[k]}, {v}" if k in headers else v
        ua = headers.get("User-Agent", "")
        method = self.command.upper()
        try:
            body = self._read_body()
        except errors.ApiError as e:
            self._send(responsewriters.status_response(e))
            self.close_connection = True
            return
        except ValueError:
            self._send(responsewriters.status_response(errors.new_bad_request("malformed request body")))
            self.close_connection = True
            return
        verb_method = "GET" if method == "HEAD" else method
        ri = new_request_info(verb_method, path, query)
        if body is not None and headers.get("Content-Type", "").startswith(protobuf.PROTOBUF) \
                and responsewriters.resource_info_for(ri) is not None:
            # kubectl's typed clients send protobuf; the handler chain reads JSON. (A route
            # that is not served is left to the chain, which answers 404 as upstream does.)
            try:
                body = json.dumps(protobuf.decode(body)).encode()
            except errors.ApiError as e:
                self._send(responsewriters.status_response(e))
                return
            headers["Content-Type"] = negotiation.JSON
        req = Request(verb_method, path, query, body, headers, ua, ua.split("/")[0].strip() or "http")
        reads = ri.is_resource_request and ri.verb in READ_VERBS and ri.subresource != "log"
        try:
            target = negotiation.negotiate_output(headers.get("Accept", ""), endpoint_transforms=reads)
        except errors.ApiError as e:
            self._send(responsewriters.status_response(e))
            return
        stream: Any = None
        with sim.lock:
            kind = api.begin(req)
            try:
                result: Any = api.handle(req)
                err: errors.ApiError | None = None
            except errors.ApiError as e:
                result, err = None, e
            finally:
                api.etcd.take_latency()
                api.end(kind, req, 0.0)
            warnings = responsewriters.warning_headers(req.warnings)
            if err is None:
                try:
                    stream = self._prepare(req, ri, result, target)
                except errors.ApiError as e:
                    err = e
        audit = req.audit_id
        if err is not None:
            if ri.verb == "watch" and err.code == 410:
                # Errors found once the watch is set up travel inside the stream.
                self._start_stream(negotiation.JSON, audit, warnings)
                self._chunk(EventEncoder(Target(), ri, query).encode(error_event(err), 0.0))
                self._end_stream()
                return
            self._send(responsewriters.status_response(err, target), audit, warnings)
            return
        if isinstance(stream, Response):
            self._send(stream, audit, warnings)
            return
        kind_, payload = stream
        if kind_ == "watch":
            self._start_stream(negotiation.JSON, audit, warnings)
            ws: WatchServer = payload
            ws.write = self._chunk
            ws.serve()
            self._end_stream()
            return
        text, follower = payload
        self._start_stream(TEXT, audit, warnings)
        self._chunk(text.encode())
        follower.write = self._chunk
        follower.serve()
        self._end_stream()

    def _prepare(self, req: Request, ri: Any, result: Any, target: Target) -> Any:
        """Under the lock: turn the handler chain's answer into a Response or a stream to run."""
        sim = self.server.sim
        api = self.server.apiserver
        if hasattr(result, "next") and hasattr(result, "stop"):
            draw = api.env.rand.stream("http-watch-timeout").random
            timeout = watch_timeout(req.query, draw)
            enc = EventEncoder(target, ri, req.query)
            return "watch", WatchServer(sim, result, enc, timeout, self._chunk, self._gone, time.monotonic)
        if isinstance(result, tuple):
            code, text = result
            return Response(code, text.encode(), TEXT, [("X-Content-Type-Options", "nosniff")])
        if isinstance(result, str):
            if ri.subresource == "log" and _true(req.query.get("follow")):
                pod = api.stores[("", "pods")].get_shared(ri.namespace, ri.name)
                container = req.query.get("container") or default_container(pod or {})
                sent = len(api.pod_logs.get((ri.namespace, ri.name, container)) or [])
                return "log", (result, LogFollower(sim, api, ri.namespace, ri.name, container, sent,
                                                   self._chunk, self._gone))
            return Response(200, result.encode(), TEXT)
        if not isinstance(result, dict):
            raise errors.new_internal_error(f"unexpected result {type(result).__name__}")
        if req.path.startswith("/openapi/"):
            return self._openapi(req, result)
        disc = responsewriters.discovery_content_type(result)
        if disc is not None:
            return Response(200, responsewriters.encode(result), disc)
        if ri.is_resource_request and ri.verb in READ_VERBS:
            result = responsewriters.transform(result, target, ri, req.query, api.env.now)
        code = responsewriters.success_code(req.method, result)
        return Response(code, responsewriters.encode(result, target.media_type if target.media_type ==
                                                     negotiation.YAML else negotiation.JSON),
                        negotiation.content_type(target) if ri.is_resource_request else negotiation.JSON)

    def _openapi(self, req: Request, result: Obj) -> Response:
        """Mirrors: kube-openapi/pkg/handler3/handler.go :: HandleDiscovery, HandleGroupVersion
        (content-hash URLs are immutable; a stale hash redirects to the current one)
        """
        gv = req.path.rstrip("/")[len("/openapi/v3/"):] if req.path.startswith("/openapi/v3/") else ""
        if not gv:
            data = responsewriters.encode(result)
            etag = openapi.handler3.compute_etag(data)
            return self._etagged(data, etag, [])
        enc = openapi.group_version(gv)
        assert enc is not None
        data, etag = enc
        h = req.query.get("hash")
        if h is not None and h != etag:
            return Response(301, b"", negotiation.JSON,
                            [("Location", f"/openapi/v3/{gv}?hash={etag}")])
        extra = [("Cache-Control", "public, immutable"), ("Expires", "Thu, 01 Jan 2099 00:00:00 GMT")] \
            if h is not None else []
        return self._etagged(data, etag, extra)

    def _etagged(self, data: bytes, etag: str, extra: list[tuple[str, str]]) -> Response:
        quoted = f'"{etag}"'
        if self.headers.get("If-None-Match") == quoted:
            return Response(304, b"", negotiation.JSON, [("Etag", quoted), *extra])
        return Response(200, data, negotiation.JSON, [("Etag", quoted), *extra])
