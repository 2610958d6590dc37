"""Subresources: status, scale, binding, eviction, log, finalize, and the streaming ones.

Upstream: pkg/registry/apps/deployment/storage/storage.go (ScaleREST, StatusREST),
pkg/registry/core/pod/storage/{storage.go,eviction.go}, pkg/registry/core/pod/rest/log.go,
pkg/registry/core/namespace/storage/storage.go (FinalizeREST)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kubelab.api import errors
from kubelab.api import field as fld
from kubelab.api import openapi as oapi
from kubelab.api.labels import label_selector_as_selector
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE
from kubelab.apiserver.endpoints import handlers
from kubelab.apiserver.endpoints.body import check_gvk, parse_body
from kubelab.apiserver.endpoints.request import Request
from kubelab.apiserver.registry.core import pod as podreg
from kubelab.apiserver.registry.core.namespace import NamespaceFinalizeStrategy
from kubelab.apiserver.registry.generic.store import copy_obj

if TYPE_CHECKING:
    from kubelab.apiserver.endpoints.handlers import Scope

Obj = dict[str, Any]

NO_PROCESS = ("kubelab simulates containers: there is no process to {what}. Use `kubectl logs` and "
              "`kubectl describe` to see what a container did.")


def serve(s: Scope, verb: str, name: str, sub: str, req: Request) -> Any:
    info = s.info
    if info.subresource(sub) is None:
        raise errors.ApiError(errors.status(404, "NotFound", "the server could not find the requested resource", {}))
    if sub == "status":
        if verb == "get":
            return handlers.get(s, name)
        if verb == "update":
            return handlers.update(s, name, req.body, "status")
        if verb == "patch":
            return handlers.patch(s, name, req.body, req.headers.get("Content-Type", ""), "status")
    if sub == "scale":
        return _scale(s, verb, name, req)
    if sub == "binding" and verb == "create":
        return _binding(s, name, req)
    if sub == "eviction" and verb == "create":
        return _eviction(s, name, req)
    if sub == "log" and verb == "get":
        return _log(s, name, req)
    if sub == "finalize" and verb == "update":
        return _finalize(s, name, req)
    if sub == "token" and verb == "create":
        return _token(s, name, req)
    if sub in ("exec", "attach", "portforward", "proxy"):
        what = {"exec": "execute a command in", "attach": "attach to", "portforward": "forward ports to",
                "proxy": "proxy to"}[sub]
        raise errors.new_bad_request(NO_PROCESS.format(what=what))
    raise errors.new_method_not_supported(info.group, f"{info.resource}/{sub}", verb)


# -- scale ------------------------------------------------------------------------------
def scale_from(obj: Obj) -> Obj:
    """Mirrors: deployment/storage/storage.go :: scaleFromDeployment (and the RS/STS/RC twins)."""
    m = obj["metadata"]
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    sel = spec.get("selector")
    if obj.get("kind") == "ReplicationController":
        selector = ",".join(f"{k}={v}" for k, v in sorted((sel or {}).items()))
    else:
        selector = str(label_selector_as_selector(sel)) if sel is not None else ""
    meta: Obj = {"name": m["name"], "namespace": m.get("namespace", ""), "uid": m.get("uid"),
                 "resourceVersion": m.get("resourceVersion"), "creationTimestamp": m.get("creationTimestamp")}
    return {"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": meta,
            "spec": {"replicas": spec.get("replicas", 0)},
            "status": {"replicas": status.get("replicas", 0), "selector": selector}}


def _scale(s: Scope, verb: str, name: str, req: Request) -> Obj:
    """Mirrors: deployment/storage/storage.go :: ScaleREST (Get, Update via scaleUpdatedObjectInfo)"""
    if verb == "get":
        return scale_from(s.store.get(s.ctx, name))
    if verb not in ("update", "patch"):
        raise errors.new_method_not_supported(s.info.group, f"{s.info.resource}/scale", verb)

    def updated(existing: Obj | None) -> Obj:
        if existing is None:
            raise errors.new_not_found(s.info.group, s.info.resource, name)
        old_scale = scale_from(existing)
        if verb == "update":
            new_scale = check_gvk(parse_body(req.body, req.headers.get("Content-Type", "")), s.info, "v1", kind="Scale",
                                  group="autoscaling")
        else:
            kind = handlers.PATCH_TYPES.get(req.headers.get("Content-Type", "").split(";")[0].strip(), "merge")
            new_scale = handlers.apply_patch(kind, old_scale, parse_body(req.body),
                                             oapi.for_kind("autoscaling", "v1", "Scale"))
        replicas = (new_scale.get("spec") or {}).get("replicas", 0)
        errs: fld.ErrorList = []
        if not isinstance(replicas, int) or replicas < 0:
            errs.append(fld.invalid("spec.replicas", replicas, "must be greater than or equal to 0"))
        if errs:
            raise errors.new_invalid("autoscaling", "Scale", name, errs)
        rv = (new_scale.get("metadata") or {}).get("resourceVersion")
        if rv and rv != existing["metadata"]["resourceVersion"]:
            raise errors.new_conflict(s.info.group, s.info.resource, name, errors.OPTIMISTIC_LOCK_ERROR_MSG)
        new = copy_obj(existing)
        new["spec"]["replicas"] = replicas
        s.admit(UPDATE, new, existing, name, "scale")
        return new

    out, _ = s.store.update(s.ctx, name, updated, update_validation=s.validating(UPDATE, name, "scale"))
    return scale_from(out)


# -- pods -------------------------------------------------------------------------------
def _binding(s: Scope, name: str, req: Request) -> Obj:
    binding = parse_body(req.body, req.headers.get("Content-Type", ""))
    if not isinstance(binding, dict):
        raise errors.new_bad_request("the object provided is unrecognized (must be of type Binding)")
    binding = check_gvk(binding, s.info, "v1", kind="Binding", group="")
    name = name or (binding.get("metadata") or {}).get("name", "")
    meta = binding.setdefault("metadata", {})
    if meta.get("name") and meta["name"] != name:
        raise errors.new_bad_request(f"the name of the object ({meta['name']}) does not match the name on the URL ({name})")
    s.admit(CREATE, binding, None, name, "binding")
    s.validating(CREATE, name, "binding")(binding, None)
    if not s.dry_run:
        podreg.assign_pod(s.ctx, s.server.stores[("", "pods")], name, binding)
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201}


def _eviction(s: Scope, name: str, req: Request) -> Obj:
    ev = check_gvk(parse_body(req.body, req.headers.get("Content-Type", "")) or {}, s.info, "v1", kind="Eviction",
                   group="policy")
    s.admit(CREATE, ev, None, name, "eviction")
    return podreg.evict(s.ctx, s.store, s.server.stores[("policy", "poddisruptionbudgets")], name, ev)


def _log(s: Scope, name: str, req: Request) -> str:
    pod = s.store.get_shared(s.ctx.namespace, name)
    if pod is None:
        raise errors.new_not_found("", "pods", name)
    tail = req.query.get("tailLines")
    return podreg.pod_log(pod, req.query.get("container", ""), s.server.pod_logs,
                          int(tail) if tail is not None else None)


# -- service accounts -------------------------------------------------------------------
# TokenRequest defaults: one hour, at least ten minutes (pkg/apis/authentication/validation).
DEFAULT_TOKEN_EXPIRATION = 3600
MIN_TOKEN_EXPIRATION = 600


def _token(s: Scope, name: str, req: Request) -> Obj:
    """Issue a token for a service account (``kubectl create token``).

    Mirrors: pkg/registry/core/serviceaccount/storage/token.go :: (*TokenREST).Create
    Differences: tokens do not expire (the simulated authenticator does not check ``exp``).
    """
    from kubelab.apiserver.authentication.serviceaccount import serviceaccount_token
    from kubelab.engine import clock

    tr = check_gvk(parse_body(req.body, req.headers.get("Content-Type", "")) or {}, s.info, "v1",
                   kind="TokenRequest", group="authentication.k8s.io")
    sa = s.store.get_shared(s.ctx.namespace, name)
    if sa is None:
        raise errors.new_not_found("", "serviceaccounts", name)
    spec = dict(tr.get("spec") or {})
    seconds = spec.get("expirationSeconds") or DEFAULT_TOKEN_EXPIRATION
    if seconds < MIN_TOKEN_EXPIRATION:
        raise errors.new_invalid("authentication.k8s.io", "TokenRequest", name, [fld.invalid(
            "spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes")])
    spec["expirationSeconds"] = seconds
    spec.setdefault("audiences", ["https://kubernetes.default.svc.cluster.local"])
    token = serviceaccount_token(s.ctx.namespace, name, sa["metadata"]["uid"])
    return {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"name": name, "namespace": s.ctx.namespace, "creationTimestamp": s.server.env.timestamp()},
            "spec": spec, "status": {"token": token,
                                     "expirationTimestamp": clock.rfc3339(s.server.env.now + seconds)}}


# -- namespaces -------------------------------------------------------------------------
def _finalize(s: Scope, name: str, req: Request) -> Obj:
    body = check_gvk(parse_body(req.body, req.headers.get("Content-Type", "")), s.info, "v1")
    strat = NamespaceFinalizeStrategy(s.info)

    def updated(existing: Obj | None) -> Obj:
        return copy_obj(body)

    out, _ = s.store.update(s.ctx, name, updated, strategy=strat)
    return out
