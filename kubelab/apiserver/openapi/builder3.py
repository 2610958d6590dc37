"""The OpenAPI v3 document of one group-version: its REST paths, operations and schemas.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/installer.go (the routes and their
parameters), staging/src/k8s.io/kube-openapi/pkg/builder3/openapi.go
(BuildOpenAPISpecFromRoutes: operations, operationIds, x-kubernetes-action and
x-kubernetes-group-version-kind)
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kubelab import upstream
from kubelab.api import openapi as oapi
from kubelab.api.scheme import RESOURCES, ResourceInfo, Subresource, served_versions
from kubelab.apiserver.openapi import schemaconv
from kubelab.apiserver.openapi.schemaconv import ref

Obj = dict[str, Any]

STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status"
DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"
PATCH_CONTENT_TYPES = ("application/apply-patch+yaml", "application/json-patch+json",
                       "application/merge-patch+json", "application/strategic-merge-patch+json")
RESPONSE_CONTENT_TYPES = ("application/json", "application/yaml", "application/vnd.kubernetes.protobuf")

# Query and path parameters, with upstream's names, types and (first sentences of) descriptions.
_PARAMS: dict[str, tuple[str, str]] = {
    "allowWatchBookmarks": ("boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\". Servers "
                            "that do not implement bookmarks may ignore this flag and bookmarks are sent at the "
                            "server's discretion."),
    "continue": ("string", "The continue option should be set when retrieving more results from the server."),
    "dryRun": ("string", "When present, indicates that modifications should not be persisted. An invalid or "
               "unrecognized dryRun directive will result in an error response and no further processing of the "
               "request. Valid values are: - All: all dry run stages will be processed"),
    "fieldManager": ("string", "fieldManager is a name associated with the actor or entity that is making these "
                     "changes."),
    "fieldSelector": ("string", "A selector to restrict the list of returned objects by their fields. Defaults "
                      "to everything."),
    "fieldValidation": ("string", "fieldValidation instructs the server on how to handle objects in the request "
                        "(POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: "
                        "This will ignore any unknown fields that are silently dropped from the object, and will "
                        "ignore all but the last duplicate field that the decoder encounters. - Warn: This will "
                        "send a warning via the standard warning response header for each unknown field that is "
                        "dropped from the object, and for each duplicate field that is encountered. - Strict: "
                        "This will fail the request with a BadRequest error if any unknown fields would be "
                        "dropped from the object, or if any duplicate fields are present."),
    "force": ("boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting "
              "fields owned by other people. Force flag must be unset for non-apply patch requests."),
    "gracePeriodSeconds": ("integer", "The duration in seconds before the object should be deleted."),
    "ignoreStoreReadErrorWithClusterBreakingPotential": (
        "boolean", "if set to true, it will trigger an unsafe deletion of the resource in case the normal "
        "deletion flow fails with a corrupt object error."),
    "labelSelector": ("string", "A selector to restrict the list of returned objects by their labels. Defaults "
                      "to everything."),
    "limit": ("integer", "limit is a maximum number of responses to return for a list call."),
    "orphanDependents": ("boolean", "Deprecated: please use the PropagationPolicy, this field will be deprecated "
                         "in 1.7."),
    "pretty": ("string", "If 'true', then the output is pretty printed. Defaults to 'false' unless the "
               "user-agent indicates a browser or command-line HTTP tool (curl and wget)."),
    "propagationPolicy": ("string", "Whether and how garbage collection will be performed. Either this field or "
                          "OrphanDependents may be set, but not both."),
    "resourceVersion": ("string", "resourceVersion sets a constraint on what resource versions a request may be "
                        "served from."),
    "resourceVersionMatch": ("string", "resourceVersionMatch determines how resourceVersion is applied to list "
                             "calls."),
    "sendInitialEvents": ("boolean", "`sendInitialEvents=true` may be set together with `watch=true`. In that "
                          "case, the watch stream will begin with synthetic events to produce the current state "
                          "of objects in the collection."),
    "timeoutSeconds": ("integer", "Timeout for the list/watch call. This limits the duration of the call, "
                       "regardless of any activity or inactivity."),
    "watch": ("boolean", "Watch for changes to the described resources and return them as a stream of add, "
              "update, and remove notifications. Specify resourceVersion."),
    "container": ("string", "The container for which to stream logs. Defaults to only container if there is "
                  "one container in the pod."),
    "follow": ("boolean", "Follow the log stream of the pod. Defaults to false."),
    "limitBytes": ("integer", "If set, the number of bytes to read from the server before terminating the log "
                   "output."),
    "previous": ("boolean", "Return previous terminated container logs. Defaults to false."),
    "sinceSeconds": ("integer", "A relative time in seconds before the current time from which to show logs."),
    "tailLines": ("integer", "If set, the number of lines from the end of the logs to show."),
    "timestamps": ("boolean", "If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of every line "
                   "of log output. Defaults to false."),
}
_LIST = ("allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion",
         "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch")
_WRITE = ("dryRun", "fieldManager", "fieldValidation")
_DELETE = ("dryRun", "gracePeriodSeconds", "ignoreStoreReadErrorWithClusterBreakingPotential",
           "orphanDependents", "propagationPolicy")
_DELETE_COLLECTION = ("continue", "dryRun", "fieldSelector", "gracePeriodSeconds",
                      "ignoreStoreReadErrorWithClusterBreakingPotential", "labelSelector", "limit",
                      "orphanDependents", "propagationPolicy", "resourceVersion", "resourceVersionMatch",
                      "sendInitialEvents", "timeoutSeconds")
_LOG = ("container", "follow", "limitBytes", "previous", "sinceSeconds", "tailLines", "timestamps")


def query_param(name: str) -> Obj:
    typ, desc = _PARAMS[name]
    schema: Obj = {"type": typ, "uniqueItems": True}
    return {"name": name, "in": "query", "description": desc, "schema": schema}


def _path_param(name: str, description: str) -> Obj:
    return {"name": name, "in": "path", "description": description, "required": True,
            "schema": {"type": "string", "uniqueItems": True}}


def group_camel(group: str) -> str:
    """``rbac.authorization.k8s.io`` -> ``RbacAuthorization``; the core group is ``Core``."""
    if not group:
        return "Core"
    return "".join(p[:1].upper() + p[1:] for p in group.removesuffix(".k8s.io").split("."))


def tag(group: str, version: str) -> str:
    g = group_camel(group)
    return f"{g[:1].lower()}{g[1:]}_{version}"


def _content(schema: Obj, types: tuple[str, ...] = RESPONSE_CONTENT_TYPES) -> Obj:
    return {t: {"schema": schema} for t in types}


def _responses(schema: Obj, codes: tuple[str, ...] = ("200",)) -> Obj:
    desc = {"200": "OK", "201": "Created", "202": "Accepted"}
    out = {c: {"description": desc[c], "content": _content(schema)} for c in codes}
    out["401"] = {"description": "Unauthorized"}
    return out


def _gvk(group: str, version: str, kind: str) -> Obj:
    return {"group": group, "kind": kind, "version": version}


def _op(op_id: str, desc: str, action: str, gvk: Obj, params: tuple[str, ...], responses: Obj,
        tg: str, body: Obj | None = None) -> Obj:
    op: Obj = {"tags": [tg], "description": desc, "operationId": op_id}
    if params:
        op["parameters"] = [query_param(p) for p in params]
    if body is not None:
        op["requestBody"] = body
    op["responses"] = responses
    op["x-kubernetes-action"] = action
    op["x-kubernetes-group-version-kind"] = gvk
    return op


def _def(group: str, version: str, kind: str) -> str:
    return oapi.definition_name(group, version, kind) or f"io.k8s.kubelab.{version}.{kind}"


def _resource_paths(r: ResourceInfo, version: str, tg: str) -> dict[str, Obj]:
    g, kind = r.group, r.kind
    base = f"/apis/{g}/{version}" if g else f"/api/{version}"
    gc = f"{group_camel(g)}{version[:1].upper()}{version[1:]}"
    scope = "Namespaced" if r.namespaced else ""
    coll = f"{base}/namespaces/{{namespace}}/{r.resource}" if r.namespaced else f"{base}/{r.resource}"
    item = coll + "/{name}"
    gvk = _gvk(g, version, kind)
    obj_ref = ref(_def(g, version, kind))
    list_ref = ref(_def(g, version, kind + "List"))
    ns_param = [_path_param("namespace", "object name and auth scope, such as for teams and projects")] \
        if r.namespaced else []
    pretty = query_param("pretty")
    verbs = r.verbs
    paths: dict[str, Obj] = {}
    c: Obj = {}
    if "list" in verbs:
        c["get"] = _op(f"list{gc}{scope}{kind}", f"list or watch objects of kind {kind}", "list", gvk, _LIST,
                       _responses(list_ref), tg)
    if "create" in verbs:
        c["post"] = _op(f"create{gc}{scope}{kind}", f"create {_article(kind)} {kind}", "post", gvk, _WRITE,
                        _responses(obj_ref, ("200", "201", "202")), tg,
                        {"content": {"*/*": {"schema": obj_ref}}, "required": True})
    if "deletecollection" in verbs:
        c["delete"] = _op(f"deletecollection{gc}{scope}{kind}", f"delete collection of {kind}", "deletecollection",
                          gvk, _DELETE_COLLECTION, _responses(ref(STATUS)), tg,
                          {"content": {"*/*": {"schema": ref(DELETE_OPTIONS)}}})
    if c:
        c["parameters"] = [*ns_param, pretty]
        paths[coll] = c
    i: Obj = {}
    if "get" in verbs:
        i["get"] = _op(f"read{gc}{scope}{kind}", f"read the specified {kind}", "get", gvk, (),
                       _responses(obj_ref), tg)
    if "update" in verbs:
        i["put"] = _op(f"replace{gc}{scope}{kind}", f"replace the specified {kind}", "put", gvk, _WRITE,
                       _responses(obj_ref, ("200", "201")), tg,
                       {"content": {"*/*": {"schema": obj_ref}}, "required": True})
    if "delete" in verbs:
        i["delete"] = _op(f"delete{gc}{scope}{kind}", f"delete {_article(kind)} {kind}", "delete", gvk, _DELETE,
                          _responses(ref(STATUS), ("200", "202")), tg,
                          {"content": {"*/*": {"schema": ref(DELETE_OPTIONS)}}})
    if "patch" in verbs:
        i["patch"] = _op(f"patch{gc}{scope}{kind}", f"partially update the specified {kind}", "patch", gvk,
                         (*_WRITE, "force"), _responses(obj_ref, ("200", "201")), tg,
                         {"content": {t: {"schema": ref(schemaconv.PATCH)} for t in PATCH_CONTENT_TYPES},
                          "required": True})
    if i:
        i["parameters"] = [_path_param("name", f"name of the {kind}"), *ns_param, pretty]
        paths[item] = i
    for s in r.subresources:
        sub = _subresource_path(r, s, version, gc, scope, tg)
        if sub:
            sub["parameters"] = [_path_param("name", f"name of the {s.kind or kind}"), *ns_param, pretty]
            paths[f"{item}/{s.name}"] = sub
    if r.namespaced and "list" in verbs:
        paths[f"{base}/{r.resource}"] = {
            "get": _op(f"list{gc}{kind}ForAllNamespaces", f"list or watch objects of kind {kind}", "list", gvk,
                       (), _responses(list_ref), tg),
            "parameters": [query_param(p) for p in sorted((*_LIST, "pretty"))]}
    return paths


_SUB_OPS = {
    "status": "status",
    "scale": "scale",
    "log": "log",
    "binding": "binding",
    "eviction": "eviction",
    "ephemeralcontainers": "ephemeralcontainers",
}


def _subresource_path(r: ResourceInfo, s: Subresource, version: str, gc: str, scope: str, tg: str) -> Obj:
    if s.name not in _SUB_OPS:
        return {}  # exec, attach, portforward, proxy, token: connect verbs kubelab does not serve
    kind = s.kind or r.kind
    g, v = (s.group, s.version) if s.group else (r.group, version)
    gvk = _gvk(g, v, kind)
    obj_ref = ref(_def(g, v, kind))
    suffix = "".join(p[:1].upper() + p[1:] for p in (s.name.replace("ephemeralcontainers", "ephemeral_containers")
                                                     .split("_")))
    base_id = f"{gc}{scope}{r.kind}{suffix}"
    out: Obj = {}
    if s.name == "log":
        resp = {"200": {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}},
                "401": {"description": "Unauthorized"}}
        out["get"] = _op(f"read{base_id}", f"read log of the specified {r.kind}", "get", gvk, _LOG, resp, tg)
        return out
    if "get" in s.verbs:
        out["get"] = _op(f"read{base_id}", f"read {s.name} of the specified {r.kind}", "get", gvk, (),
                         _responses(obj_ref), tg)
    if "update" in s.verbs:
        out["put"] = _op(f"replace{base_id}", f"replace {s.name} of the specified {r.kind}", "put", gvk, _WRITE,
                         _responses(obj_ref, ("200", "201")), tg,
                         {"content": {"*/*": {"schema": obj_ref}}, "required": True})
    if "patch" in s.verbs:
        out["patch"] = _op(f"patch{base_id}", f"partially update {s.name} of the specified {r.kind}", "patch", gvk,
                           (*_WRITE, "force"), _responses(obj_ref, ("200", "201")), tg,
                           {"content": {t: {"schema": ref(schemaconv.PATCH)} for t in PATCH_CONTENT_TYPES},
                            "required": True})
    if "create" in s.verbs:
        out["post"] = _op(f"create{base_id}", f"create {s.name} of {_article(r.kind)} {r.kind}", "post", gvk,
                          _WRITE, _responses(obj_ref, ("200", "201", "202")), tg,
                          {"content": {"*/*": {"schema": obj_ref}}, "required": True})
    return out


def _article(kind: str) -> str:
    return "an" if kind[:1] in "AEIOU" else "a"


def group_versions() -> list[str]:
    """Served group-versions as OpenAPI v3 path keys (``api/v1``, ``apis/apps/v1``), in discovery order."""
    out: dict[str, None] = {}
    for r in RESOURCES:
        for v in served_versions(r):
            out[f"apis/{r.group}/{v}" if r.group else f"api/{v}"] = None
    return list(out)


def _served_at(gv: str) -> tuple[str, str, list[ResourceInfo]]:
    parts = gv.split("/")
    group, version = ("", parts[1]) if parts[0] == "api" else (parts[1], parts[2])
    return group, version, [r for r in RESOURCES if r.group == group and version in served_versions(r)]


@cache
def build_group_version(gv: str) -> Obj | None:
    """The document served at ``/openapi/v3/<gv>``, or None for a group-version not served.

    Mirrors: kube-openapi/pkg/builder3/openapi.go :: BuildOpenAPISpecFromRoutes
    Differences: the connect subresources (exec, attach, portforward, proxy) and the
    deprecated ``/watch/`` paths are left out; parameter descriptions are shortened.
    """
    if gv.count("/") not in (1, 2) or not (gv.startswith("api/") or gv.startswith("apis/")):
        return None
    group, version, resources = _served_at(gv)
    if not resources:
        return None
    tg = tag(group, version)
    paths: dict[str, Obj] = {}
    roots = [STATUS, DELETE_OPTIONS]
    for r in sorted(resources, key=lambda r: r.resource):
        paths.update(_resource_paths(r, version, tg))
    found: list[str] = []
    schemaconv.referenced(_as_defs(paths), found)
    roots.extend(found)
    names = schemaconv.closure(roots)
    schemas = {n: schemaconv.v3_schema(n) for n in names}
    schemas.setdefault(schemaconv.PATCH, schemaconv.v3_schema(schemaconv.PATCH))
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": upstream.KUBERNETES_VERSION},
            "paths": dict(sorted(paths.items())), "components": {"schemas": dict(sorted(schemas.items()))}}


def _as_defs(x: Any) -> Any:
    """Paths with their component references written as ``#/$defs/`` so closure() can follow them."""
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            if k == "$ref" and isinstance(v, str) and v.startswith(schemaconv.SCHEMA_PREFIX):
                out[k] = "#/$defs/" + v[len(schemaconv.SCHEMA_PREFIX):]
            else:
                out[k] = _as_defs(v)
        return out
    if isinstance(x, list):
        return [_as_defs(v) for v in x]
    return x
