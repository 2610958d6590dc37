"""The handler chain every request passes before it reaches a REST handler.

Upstream: staging/src/k8s.io/apiserver/pkg/server/config.go :: DefaultBuildHandlerChain and
the filters it stacks: pkg/server/filters (WithPanicRecovery, WithTimeoutForNonLongRunningRequests,
WithMaxInFlightLimit), pkg/endpoints/filters (WithRequestInfo, WithAudit, WithAuthentication,
WithAuthorization, WithImpersonation)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kubelab.api import errors
from kubelab.apiserver.authentication.user import (
    ALL_AUTHENTICATED,
    ALL_UNAUTHENTICATED,
    ANONYMOUS,
    UserInfo,
    service_account_groups,
)
from kubelab.apiserver.authorization.authorizer import DECISION_ALLOW, Attributes
from kubelab.apiserver.authorization.responsewriters import forbidden_error
from kubelab.apiserver.endpoints.request import Request, new_request_info

if TYPE_CHECKING:
    from kubelab.apiserver.app.server import APIServer

COMPONENT = "kube-apiserver"
# Verbs that hold a connection open (pkg/server/filters/longrunning.go).
LONG_RUNNING_VERBS = ("watch", "proxy")
LONG_RUNNING_SUBRESOURCES = ("attach", "exec", "proxy", "log", "portforward")
# --max-requests-inflight, --max-mutating-requests-inflight and --request-timeout defaults.
MAX_REQUESTS_INFLIGHT = 400
MAX_MUTATING_REQUESTS_INFLIGHT = 200
REQUEST_TIMEOUT = 60.0
READ_ONLY_VERBS = ("get", "list", "watch")


def is_long_running(req: Request) -> bool:
    ri = req.info
    return ri is not None and (ri.verb in LONG_RUNNING_VERBS or ri.subresource in LONG_RUNNING_SUBRESOURCES)


def is_mutating(req: Request) -> bool:
    ri = req.info
    return ri is not None and ri.verb not in READ_ONLY_VERBS


def _step(server: APIServer, req: Request, action: str, message: str = "") -> None:
    tr = server.env.trace
    if tr.level >= 4:
        ri = req.info
        tr.record(COMPONENT, action, level=4, src=req.source, dst=COMPONENT,
                  kind=ri.resource if ri else "", namespace=ri.namespace if ri else "",
                  name=ri.name if ri else "", message=message, fields={"auditID": req.audit_id})


def handle(server: APIServer, req: Request) -> Any:
    """Run the filters in upstream's order, then the server chain.

    Mirrors: config.go :: DefaultBuildHandlerChain (outermost first: panic recovery,
    request info, timeout, audit, authentication, impersonation, authorization, max-in-flight)
    Differences: CORS and priority-and-fairness are not modelled; the
    timeout compares the request's simulated duration, which the client charges.
    """
    env = server.env
    received = env.micro_timestamp()
    code = 200
    result: Any = None
    try:
        try:
            _step(server, req, "WithPanicRecovery")
            req.info = new_request_info(req.method, req.path, req.query)
            req.audit_id = server.next_audit_id()
            _step(server, req, "WithRequestInfo", f"{req.info.verb} {req.path}")
            _step(server, req, "WithTimeoutForNonLongRunningRequests")
            _step(server, req, "WithAudit")
            _with_authentication(server, req)
            _with_impersonation(server, req)
            _with_authorization(server, req)
            _with_max_in_flight(server, req)
            result = server.serve(req)
            if req.method == "POST" and isinstance(result, dict) and result.get("kind") != "Status":
                code = 201
            return result
        except errors.ApiError as e:
            code = e.code
            raise
        except Exception as e:  # WithPanicRecovery: a bug answers 500, never crashes the caller
            code = 500
            env.trace.record(COMPONENT, "WithPanicRecovery", level=0, src=req.source, dst=COMPONENT,
                             message=f"panic: {type(e).__name__}: {e}")
            raise errors.new_internal_error(f"{type(e).__name__}: {e}") from e
    finally:
        tr = env.trace
        if tr.level >= 2 and req.info is not None:
            ri = req.info
            tr.record(COMPONENT, ri.verb, level=2, src=req.source or "client", dst=COMPONENT,
                      kind=ri.resource + (f"/{ri.subresource}" if ri.subresource else ""),
                      namespace=ri.namespace, name=ri.name, message=f"{req.method} {req.path} {code}",
                      fields={"code": code, "user": req.user.name if req.user else ""})
        if req.info is not None:
            server.audit.record(audit_id=req.audit_id, info=req.info, user=req.user, user_agent=req.user_agent,
                                method=req.method, path=req.path, code=code, received=received,
                                completed=env.micro_timestamp(), request_object=req.body,
                                response_object=result)
            server.observe_request(req, code)


def _with_authentication(server: APIServer, req: Request) -> None:
    """Mirrors: endpoints/filters/authentication.go :: withAuthentication"""
    user = server.authenticate(req.headers)
    if user is None:
        _step(server, req, "WithAuthentication", "Unauthorized")
        raise errors.new_unauthorized()
    req.user = user
    _step(server, req, "WithAuthentication", f"user {user.name}")


IMPERSONATE_USER = "Impersonate-User"
IMPERSONATE_UID = "Impersonate-Uid"
IMPERSONATE_GROUP = "Impersonate-Group"
IMPERSONATE_EXTRA_PREFIX = "Impersonate-Extra-"


def _with_impersonation(server: APIServer, req: Request) -> None:
    """Act as the user the Impersonate-* headers name, once the requester may impersonate each part.

    Mirrors: endpoints/filters/impersonation.go :: WithImpersonation and buildImpersonationRequests
    Differences: several values of one header arrive joined by commas (one header per
    value on the wire is read the same way).
    """
    h = req.headers
    requested = h.get(IMPERSONATE_USER, "")
    groups_in = [g.strip() for g in h.get(IMPERSONATE_GROUP, "").split(",") if g.strip()]
    uid = h.get(IMPERSONATE_UID, "")
    extras = {k[len(IMPERSONATE_EXTRA_PREFIX):].lower(): [v.strip() for v in h[k].split(",")]
              for k in sorted(h) if k.startswith(IMPERSONATE_EXTRA_PREFIX)}
    if not requested:
        if groups_in or extras or uid:
            raise errors.new_internal_error("requested impersonation of groups, extra or a UID without impersonating a user")
        return
    requestor = req.user
    assert requestor is not None
    checks: list[Attributes] = []
    groups: list[str] = []
    parts = requested.split(":")
    if requested.startswith("system:serviceaccount:") and len(parts) == 4 and parts[2] and parts[3]:
        username = requested
        checks.append(Attributes(requestor, "impersonate", parts[2], "", "", "serviceaccounts", "", parts[3]))
        if not groups_in:
            groups = list(service_account_groups(parts[2]))
    else:
        username = requested
        checks.append(Attributes(requestor, "impersonate", "", "", "", "users", "", requested))
    for g in groups_in:
        checks.append(Attributes(requestor, "impersonate", "", "", "", "groups", "", g))
        groups.append(g)
    for key, values in extras.items():
        for v in values:
            checks.append(Attributes(requestor, "impersonate", "", "authentication.k8s.io", "", "userextras", key, v))
    if uid:
        checks.append(Attributes(requestor, "impersonate", "", "authentication.k8s.io", "", "uids", "", uid))
    for attrs in checks:
        decision, reason = server.authorizer.authorize(attrs)
        if decision != DECISION_ALLOW:
            _step(server, req, "WithImpersonation", f"forbidden: impersonate {attrs.resource} {attrs.name}")
            raise forbidden_error(attrs, reason)
    if not groups_in and username != ANONYMOUS and ALL_AUTHENTICATED not in groups \
            and ALL_UNAUTHENTICATED not in groups:
        groups.append(ALL_AUTHENTICATED)
    req.user = UserInfo(username, uid=uid, groups=tuple(groups),
                        extra=tuple((k, tuple(v)) for k, v in extras.items()))
    _step(server, req, "WithImpersonation", f"{requestor.name} is acting as {username}")


def _with_authorization(server: APIServer, req: Request) -> None:
    """Mirrors: endpoints/filters/authorization.go :: WithAuthorization"""
    ri = req.info
    assert ri is not None and req.user is not None
    attrs = Attributes(req.user, ri.verb, ri.namespace, ri.api_group, ri.api_version, ri.resource,
                       ri.subresource, ri.name, ri.is_resource_request, ri.path)
    decision, reason = server.authorizer.authorize(attrs)
    if decision == DECISION_ALLOW:
        _step(server, req, "WithAuthorization", "allowed")
        return
    _step(server, req, "WithAuthorization", f"forbidden: {reason}")
    msg = server.forbidden_message(attrs)
    if reason:
        msg += ": " + reason
    if ri.is_resource_request:
        res = ri.resource + (f"/{ri.subresource}" if ri.subresource else "")
        raise errors.new_forbidden(ri.api_group, res, ri.name, msg)
    raise errors.Forbidden(errors.status(403, "Forbidden", f'forbidden: {msg}', {}))


def _with_max_in_flight(server: APIServer, req: Request) -> None:
    """Mirrors: server/filters/maxinflight.go :: WithMaxInFlightLimit (long-running exempt)."""
    if is_long_running(req):
        return
    kind = "mutating" if is_mutating(req) else "readOnly"
    limit = server.max_mutating_inflight if kind == "mutating" else server.max_inflight
    if limit and server.inflight[kind] > limit:
        _step(server, req, "WithMaxInFlightLimit", "429 Too Many Requests")
        server.env.metrics.counter("apiserver_dropped_requests_total", "Requests dropped with 'Try again later' response",
                                   ("request_kind",)).inc(kind)
        raise errors.new_too_many_requests()
    _step(server, req, "WithMaxInFlightLimit", f"{server.inflight[kind]}/{limit} {kind} in flight")
