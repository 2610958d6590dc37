"""The REST handlers: decode, default, admit, store, answer.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{create.go,get.go,update.go,
patch.go,delete.go,watch.go,rest.go}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kubelab.api import conversion, defaults, errors, jsonpatch, strategicpatch
from kubelab.api import field as fld
from kubelab.api import openapi as oapi
from kubelab.api.openapi import decode as strict
from kubelab.api.scheme import ResourceInfo
from kubelab.apiserver import fieldmanager
from kubelab.apiserver.admission.interfaces import CREATE, UPDATE, Attributes
from kubelab.apiserver.endpoints.body import check_gvk, parse_body
from kubelab.apiserver.endpoints.request import Request
from kubelab.apiserver.registry import predicate as pred
from kubelab.apiserver.registry.generic.store import Store, copy_obj
from kubelab.apiserver.registry.rest import RequestContext

if TYPE_CHECKING:
    from kubelab.apiserver.app.server import APIServer

Obj = dict[str, Any]

FIELD_VALIDATIONS = ("Strict", "Warn", "Ignore")


def _true(v: str | None) -> bool:
    return v is not None and v.lower() in ("true", "1")


def manager_or_user_agent(manager: str, user_agent: str) -> str:
    """Mirrors: handlers/rest.go :: managerOrUserAgent / prefixFromUserAgent"""
    if manager:
        return manager
    return (user_agent.split("/")[0] if user_agent else "unknown")[:128]


class Scope:
    """One request's resolved target (the handlers' RequestScope)."""

    __slots__ = ("server", "req", "info", "store", "ctx", "version", "dry_run", "field_validation", "manager")

    def __init__(self, server: APIServer, req: Request, info: ResourceInfo, store: Store) -> None:
        ri = req.info
        assert ri is not None
        q = req.query
        self.server = server
        self.req = req
        self.info = info
        self.store = store
        self.version = ri.api_version
        dry = q.get("dryRun", "")
        if dry and dry != "All":
            raise errors.new_bad_request(f'Invalid dry run value: "{dry}". Valid values: "All"')
        self.dry_run = dry == "All"
        fv = q.get("fieldValidation", "") or "Warn"
        if fv not in FIELD_VALIDATIONS:
            raise errors.new_bad_request(f'fieldValidation: Unsupported value: "{fv}": supported values: "Ignore", "Strict", "Warn"')
        self.field_validation = fv
        self.manager = manager_or_user_agent(q.get("fieldManager", ""), req.user_agent)
        self.ctx = RequestContext(server.env, info, ri.namespace if info.namespaced else "", req.user,
                                  ri.subresource, self.dry_run, server, req.warnings)

    def attrs(self, op: str, obj: Obj | None, old: Obj | None, name: str, subresource: str = "") -> Attributes:
        assert self.req.user is not None
        return Attributes(op, self.info, subresource, self.ctx.namespace, name, obj, old, self.req.user,
                          self.dry_run)

    def admit(self, op: str, obj: Obj | None, old: Obj | None, name: str, subresource: str = "") -> None:
        self.req.warnings.extend(
            self.server.admission.admit(self.attrs(op, obj, old, name, subresource), self.server.admission_context))

    def validating(self, op: str, name: str, subresource: str = "") -> Any:
        def run(obj: Obj | None, old: Obj | None) -> None:
            self.req.warnings.extend(self.server.admission.validate(
                self.attrs(op, obj, old, name, subresource), self.server.admission_context))
        return run

    def decode(self, body: Any, kind: str = "", *, default: bool = True) -> Obj:
        """Read, type-check and default a request object; converted to the storage version."""
        obj = check_gvk(parse_body(body, self.req.headers.get("Content-Type", "")), self.info, self.version, kind=kind)
        if kind and kind != self.info.kind:
            return obj
        obj, warns = strict.decode(obj, self.info.group, self.version, self.info.kind, self.field_validation)
        self.req.warnings.extend(warns)
        if self.version != self.info.version:
            obj = conversion.to_storage_version(obj)
        if default:
            defaults.set_object_defaults(obj)
        return obj

    def out(self, obj: Obj) -> Obj:
        if self.version != self.info.version and obj.get("kind") == self.info.kind:
            return conversion.from_storage_version(obj, self.version)
        return obj

    def schema(self) -> oapi.Schema | None:
        return oapi.for_kind(self.info.group, self.info.version, self.info.kind)


# -- reads ------------------------------------------------------------------------------
def get(s: Scope, name: str) -> Obj:
    """Mirrors: handlers/get.go :: GetResource"""
    return s.out(s.store.get(s.ctx, name, resource_version=s.req.query.get("resourceVersion", "")))


def list_(s: Scope) -> Obj:
    """Mirrors: handlers/get.go :: ListResource"""
    q = s.req.query
    p = pred.selection_predicate(s.info.kind, q.get("labelSelector", ""), q.get("fieldSelector", ""))
    limit = int(q.get("limit") or 0)
    rv = q.get("resourceVersion", "")
    out = s.store.list(s.ctx, p, resource_version=rv, limit=0 if rv == "0" else limit,
                       continue_=q.get("continue", ""),
                       from_etcd=q.get("resourceVersionMatch") == "Exact" or not s.server.watch_cache)
    if s.version != s.info.version:
        out["items"] = [s.out(o) for o in out["items"]]
        out["apiVersion"] = f"{s.info.group}/{s.version}"
    return out


def watch(s: Scope) -> Any:
    """Mirrors: handlers/get.go :: ListResource (watch branch) -> handlers/watch.go"""
    q = s.req.query
    fs = q.get("fieldSelector", "")
    p = pred.selection_predicate(s.info.kind, q.get("labelSelector", ""), fs)
    sie = q.get("sendInitialEvents")
    return s.store.watch(s.ctx, p, q.get("resourceVersion", ""), allow_bookmarks=_true(q.get("allowWatchBookmarks")),
                         send_initial_events=None if sie is None else _true(sie),
                         index_value=pred.index_value(s.info.resource, fs), label=s.req.source)


# -- reviews ----------------------------------------------------------------------------
def access_review(s: Scope, body: Any) -> Obj:
    """Answer a (Self)SubjectAccessReview from the authorizer; nothing is stored.

    Mirrors: pkg/registry/authorization/selfsubjectaccessreview/rest.go and
    subjectaccessreview/rest.go :: (*REST).Create
    """
    from kubelab.apiserver.authorization import subjectaccessreview as sar

    obj = check_gvk(parse_body(body, s.req.headers.get("Content-Type", "")), s.info, s.version)
    if s.info.resource == "selfsubjectaccessreviews":
        return sar.self_subject_access_review(s.server.authorizer, obj, s.req.user)
    return sar.subject_access_review(s.server.authorizer, obj)


def self_subject_review(s: Scope, body: Any) -> Obj:
    """Tell the caller who the API server thinks it is (``kubectl auth whoami``); nothing is stored.

    Mirrors: pkg/registry/authentication/selfsubjectreview/rest.go :: (*REST).Create
    """
    obj = check_gvk(parse_body(body, s.req.headers.get("Content-Type", "")) or {}, s.info, s.version)
    assert s.req.user is not None
    meta = dict(obj.get("metadata") or {})
    meta["creationTimestamp"] = None
    return {"kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1", "metadata": meta,
            "status": {"userInfo": s.req.user.to_dict()}}


# -- writes -----------------------------------------------------------------------------
def create(s: Scope, body: Any) -> Obj:
    """Mirrors: handlers/create.go :: createHandler"""
    obj = s.decode(body)
    meta = obj.setdefault("metadata", {})
    name = meta.get("name", "")
    fieldmanager.update_managed_fields(None, obj, s.manager, "Update", s.server.env.timestamp(), obj["apiVersion"])
    s.admit(CREATE, obj, None, name)
    return s.out(s.store.create(s.ctx, obj, s.validating(CREATE, name)))


def update(s: Scope, name: str, body: Any, subresource: str = "") -> Obj:
    """Mirrors: handlers/update.go :: UpdateResource"""
    obj = s.decode(body)
    meta = obj.setdefault("metadata", {})
    if meta.get("name") and meta["name"] != name:
        raise errors.new_bad_request(f"the name of the object ({meta['name']}) does not match the name on the URL ({name})")
    meta["name"] = name
    if s.info.namespaced and meta.get("namespace") and meta["namespace"] != s.ctx.namespace:
        raise errors.new_bad_request("the namespace of the provided object does not match the namespace sent on the request")
    now = s.server.env.timestamp()

    def updated(existing: Obj | None) -> Obj:
        new = obj
        if existing is None:
            fieldmanager.update_managed_fields(None, new, s.manager, "Update", now, new["apiVersion"])
            s.admit(CREATE, new, None, name)
        else:
            fieldmanager.update_managed_fields(existing, new, s.manager, "Update", now, new["apiVersion"],
                                               subresource=subresource)
            s.admit(UPDATE, new, existing, name, subresource)
        return new

    out, _created = s.store.update(s.ctx, name, updated, create_validation=s.validating(CREATE, name),
                                   update_validation=s.validating(UPDATE, name, subresource), subresource=subresource)
    return s.out(out)


PATCH_TYPES = {
    "application/json-patch+json": "json",
    "application/merge-patch+json": "merge",
    "application/strategic-merge-patch+json": "strategic",
    "application/apply-patch+yaml": "apply",
    "application/apply-patch+cbor": "apply",
}
# What a 415 lists (patch.go's supported patch types; CBOR apply is not advertised).
ACCEPTED_PATCH_TYPES = ("application/json-patch+json", "application/merge-patch+json",
                        "application/strategic-merge-patch+json", "application/apply-patch+yaml")


def patch(s: Scope, name: str, body: Any, content_type: str, subresource: str = "") -> Obj:
    """Mirrors: handlers/patch.go :: PatchResource and (*patcher).patchResource"""
    kind = PATCH_TYPES.get(content_type.split(";")[0].strip())
    if kind is None:
        raise errors.new_unsupported_media_type(
            "the body of the request was in an unknown format - accepted media types include: "
            + ", ".join(ACCEPTED_PATCH_TYPES))
    data = parse_body(body, "yaml" if kind == "apply" else "")
    force = _true(s.req.query.get("force"))
    if kind != "apply" and s.req.query.get("force") is not None:
        raise errors.new_bad_request("force may not be specified for non-apply patch")
    now = s.server.env.timestamp()
    schema = s.schema()

    def updated(existing: Obj | None) -> Obj:
        if kind == "apply":
            if not isinstance(data, dict):
                raise errors.new_bad_request("error decoding YAML: the body is not an object")
            # The applied configuration is merged as sent: an applier owns only what it
            # wrote, never the defaults, which are filled in on the merged object.
            cfg = s.decode(data, default=False)
            new = copy_obj(fieldmanager.apply(existing, cfg, s.manager, force, now, schema))
            defaults.set_object_defaults(new)
            if existing is None:
                s.admit(CREATE, new, None, name)
            else:
                s.admit(UPDATE, new, existing, name, subresource)
            return new
        if existing is None:
            raise errors.new_not_found(s.info.group, s.info.resource, name)
        new = apply_patch(kind, existing, data, schema)
        new = s.decode(new)
        meta = new.setdefault("metadata", {})
        if meta.get("name") != name:
            raise errors.new_bad_request(f"the name of the object ({meta.get('name')}) does not match the name on the URL ({name})")
        fieldmanager.update_managed_fields(existing, new, s.manager, "Update", now, new["apiVersion"],
                                           subresource=subresource)
        s.admit(UPDATE, new, existing, name, subresource)
        return new

    out, _ = s.store.update(s.ctx, name, updated, create_validation=s.validating(CREATE, name),
                            update_validation=s.validating(UPDATE, name, subresource),
                            force_allow_create=kind == "apply", subresource=subresource)
    return s.out(out)


def apply_patch(kind: str, existing: Obj, data: Any, schema: oapi.Schema | None) -> Obj:
    """Mirrors: handlers/patch.go :: jsonPatcher.applyPatchToCurrentObject and smpPatcher's"""
    if kind == "json":
        if not isinstance(data, list):
            raise errors.new_bad_request("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        return jsonpatch.apply_json_patch(existing, data)
    if not isinstance(data, dict):
        raise errors.new_bad_request("json: cannot unmarshal array into Go value of type map[string]interface {}")
    if kind == "merge":
        return jsonpatch.apply_merge_patch(existing, data)
    return strategicpatch.strategic_merge_patch(existing, data, schema)


def delete(s: Scope, name: str, body: Any) -> Obj:
    """Mirrors: handlers/delete.go :: DeleteResource"""
    options = _delete_options(s, body)
    obj, deleted = s.server.delete_object(s, name, options)
    if deleted and not s.store.strategy.return_deleted_object:
        meta = obj.get("metadata") or {}
        details: Obj = {"name": name}
        if s.info.group:
            details["group"] = s.info.group
        details["kind"] = s.info.resource
        if meta.get("uid"):
            details["uid"] = meta["uid"]
        return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details}
    return s.out(obj)


def _delete_options(s: Scope, body: Any) -> Obj:
    data = parse_body(body) if body is not None else None
    options: Obj = dict(data) if isinstance(data, dict) else {}
    q = s.req.query
    if "gracePeriodSeconds" in q:
        options["gracePeriodSeconds"] = int(q["gracePeriodSeconds"])
    if "propagationPolicy" in q:
        options["propagationPolicy"] = q["propagationPolicy"]
    if "orphanDependents" in q:
        options["orphanDependents"] = _true(q["orphanDependents"])
    pol = options.get("propagationPolicy")
    if pol is not None and pol not in ("Orphan", "Background", "Foreground"):
        raise errors.new_invalid("meta.k8s.io", "DeleteOptions", "", [fld.not_supported(
            "propagationPolicy", pol, ["Foreground", "Background", "Orphan", "nil"])])
    for dr in options.get("dryRun") or []:
        if dr == "All":
            s.dry_run = s.ctx.dry_run = True
    return options


def delete_collection(s: Scope, body: Any) -> Obj:
    """Mirrors: handlers/delete.go :: DeleteCollection"""
    options = _delete_options(s, body)
    q = s.req.query
    p = pred.selection_predicate(s.info.kind, q.get("labelSelector", ""), q.get("fieldSelector", ""))
    items = s.store.list(s.ctx, p)["items"]
    out = []
    for o in items:
        m = o["metadata"]
        ctx_ns = m.get("namespace", "")
        s.ctx.namespace = ctx_ns if s.info.namespaced else ""
        try:
            obj, _ = s.server.delete_object(s, m["name"], dict(options))
            out.append(obj)
        except errors.ApiError as e:
            if e.reason != "NotFound":
                raise
    return {"kind": s.info.kind + "List", "apiVersion": s.info.api_version,
            "metadata": {"resourceVersion": str(s.server.kv.rev)}, "items": out}
