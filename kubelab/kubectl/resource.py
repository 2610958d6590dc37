"""Turning kubectl arguments and files into the objects a command works on.

Upstream: staging/src/k8s.io/cli-runtime/pkg/resource/builder.go (ResourceTypeOrNameArgs,
visitorResult, visitBySelector, visitByName, visitByResource), visitor.go (FileVisitor,
StreamVisitor, SetNamespace, RequireNamespace) and mapper.go :: infoForData
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from typing import Any

from kubelab.api import scheme
from kubelab.api.errors import ApiError
from kubelab.api.scheme import ResourceInfo
from kubelab.kubectl.errors import KubectlError, go_quote
from kubelab.kubectl.yamlio import load_documents, to_json_compact

FILE_EXTENSIONS = (".json", ".yaml", ".yml")

MISSING_RESOURCE = (
    "You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'"
)


@dataclass(slots=True)
class Info:
    """One object a command acts on. Mirrors: cli-runtime/pkg/resource/interfaces.go :: Info"""

    mapping: ResourceInfo
    namespace: str
    name: str
    source: str = ""
    obj: dict[str, Any] | None = None

    def object_name(self) -> str:
        """``deployments.apps/web``-style name used in warnings. Mirrors: Info.ObjectName"""
        return f"{self.mapping.resource}/{self.name}"

    def describe(self) -> str:
        """Mirrors: cli-runtime/pkg/resource/interfaces.go :: (*Info).String"""
        m = self.mapping
        gvr = f"{m.group}/{m.version}, Resource={m.resource}"
        gvk = f"{m.group}/{m.version}, Kind={m.kind}"
        return f"Resource: {go_quote(gvr)}, GroupVersionKind: {go_quote(gvk)}\n" \
               f"Name: {go_quote(self.name)}, Namespace: {go_quote(self.namespace)}"


@dataclass(slots=True)
class Request:
    """One GET or LIST the builder will issue."""

    mapping: ResourceInfo
    namespace: str  # "" lists across all namespaces (or a cluster-scoped resource)
    name: str = ""  # empty: a list
    label_selector: str = ""
    field_selector: str = ""


@dataclass(slots=True)
class Fetched:
    """What one request returned: the objects, and whether it was a list."""

    mapping: ResourceInfo
    objects: list[dict[str, Any]]
    is_list: bool
    list_meta: dict[str, Any] = field(default_factory=dict)


def mapping_for(arg: str) -> ResourceInfo:
    """The resource a type argument names (``po``, ``deployments.apps``, ``Deployment``)."""
    try:
        return scheme.resolve(arg)
    except ApiError:
        raise KubectlError(f"the server doesn't have a resource type {go_quote(arg)}") from None


def split_resource_argument(arg: str) -> list[str]:
    """Mirrors: builder.go :: SplitResourceArgument (deduplicated, order kept)"""
    out: list[str] = []
    for s in arg.split(","):
        if s not in out:
            out.append(s)
    return out


def replace_aliases(arg: str) -> str:
    """``all`` expands to the resources in the ``all`` category.

    Mirrors: builder.go :: (*Builder).ReplaceAliases
    """
    parts: list[str] = []
    for s in arg.split(","):
        if s == "all":
            parts.extend(r.group_resource for r in scheme.in_category("all"))
        else:
            parts.append(s)
    return ",".join(parts)


def normalize_multiple_resources_args(args: list[str]) -> list[str]:
    """``a,b x y`` becomes ``a/x a/y b/x b/y``. Mirrors: builder.go :: normalizeMultipleResourcesArgs"""
    if len(args) >= 2:
        resources = split_resource_argument(args[0])
        if len(resources) > 1:
            return [f"{r}/{n}" for r in resources for n in args[1:]]
    return args


def split_resource_type_name(s: str) -> tuple[str, str] | None:
    """Mirrors: builder.go :: splitResourceTypeName"""
    if "/" not in s:
        return None
    seg = s.split("/")
    if len(seg) != 2:
        raise KubectlError("arguments in resource/name form may not have more than one slash")
    resource, name = seg
    if not resource or not name or len(split_resource_argument(resource)) != 1:
        raise KubectlError("arguments in resource/name form must have a single resource and name")
    return resource, name


def has_combined_type_args(args: list[str]) -> bool:
    """Mirrors: builder.go :: hasCombinedTypeArgs"""
    slashes = sum(1 for s in args if "/" in s)
    if slashes and slashes == len(args):
        return True
    if slashes:
        raise KubectlError(
            "there is no need to specify a resource type as a separate argument when passing arguments "
            "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
            "'kubectl get resource resource/<resource_name>'"
        )
    return False


@dataclass(slots=True)
class Builder:
    """Collects the arguments of one command and turns them into requests or file objects.

    Mirrors: cli-runtime/pkg/resource/builder.go :: Builder
    """

    namespace: str
    enforce_namespace: bool = False
    all_namespaces: bool = False
    label_selector: str | None = None
    field_selector: str | None = None
    select_all: bool = False
    filenames: list[str] = field(default_factory=list)
    recursive: bool = False
    stdin: str | None = None
    types: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    tuples: list[tuple[str, str]] = field(default_factory=list)
    single_item_implied: bool = False

    def resource_type_or_name_args(self, allow_empty_selector: bool, args: list[str]) -> None:
        """Mirrors: builder.go :: (*Builder).ResourceTypeOrNameArgs"""
        args = normalize_multiple_resources_args(list(args))
        if has_combined_type_args(args):
            for s in args:
                t = split_resource_type_name(s)
                if t is not None:
                    self.tuples.append(t)
            return
        if args:
            args[0] = replace_aliases(args[0])
        if len(args) >= 2:
            self.names.extend(args[1:])
            self.types.extend(split_resource_argument(args[0]))
        elif len(args) == 1:
            self.types.extend(split_resource_argument(args[0]))
            if self.label_selector is None and allow_empty_selector:
                self.label_selector = ""

    def requests(self) -> list[Request]:
        """The GETs and LISTs for resource arguments, or the builder's argument errors.

        Mirrors: builder.go :: (*Builder).visitorResult, visitBySelector, visitByResource, visitByName
        """
        if self.select_all and self.label_selector is None:
            self.label_selector = ""
        if self.filenames:
            if self.types or self.names or self.tuples:
                raise KubectlError(
                    "when paths, URLs, or stdin is provided as input, you may not specify resource "
                    "arguments as well"
                )
            return []
        if self.label_selector is not None or self.field_selector is not None:
            if self.names:
                raise KubectlError("name cannot be provided when a selector is specified")
            if self.tuples:
                raise KubectlError("selectors and the all flag cannot be used when passing resource/name arguments")
            if not self.types:
                raise KubectlError("at least one resource must be specified to use a selector")
            out = []
            for t in self.types:
                m = mapping_for(t)
                ns = "" if self.all_namespaces or not m.namespaced else self.namespace
                out.append(Request(m, ns, "", self.label_selector or "", self.field_selector or ""))
            return out
        if self.tuples:
            if self.all_namespaces:
                raise KubectlError("a resource cannot be retrieved by name across all namespaces")
            self.single_item_implied = len(self.tuples) == 1
            out = []
            for t, n in self.tuples:
                m = mapping_for(t)
                out.append(Request(m, self.namespace if m.namespaced else "", n))
            return out
        if self.names:
            if self.all_namespaces:
                raise KubectlError("a resource cannot be retrieved by name across all namespaces")
            mappings = [mapping_for(t) for t in self.types]
            if len(mappings) != 1:
                raise KubectlError("you must specify only one resource")
            m = mappings[0]
            self.single_item_implied = len(self.names) == 1
            return [Request(m, self.namespace if m.namespaced else "", n) for n in self.names]
        if self.types:
            for t in self.types:
                mapping_for(t)
            raise KubectlError("resource(s) were provided, but no name was specified")
        raise KubectlError(MISSING_RESOURCE)

    def file_items(self) -> list[Info | BaseException]:
        """Objects from ``-f`` files and stdin, each with its mapping, namespace and source, and
        the errors met on the way, in the order kubectl's visitors meet them.

        Mirrors: visitor.go :: FileVisitor, StreamVisitor, SetNamespace/RequireNamespace and
        mapper.go :: (*mapper).infoForData
        """
        out: list[Info | BaseException] = []
        for path in self.filenames:
            try:
                sources = self._expand_path(path)
            except KubectlError as e:
                out.append(e)
                continue
            for source, text in sources:
                docs, err = load_documents(text, source)
                for doc in docs:
                    try:
                        out.append(self._info_for_data(doc, source))
                    except KubectlError as e:
                        out.append(e)
                if err is not None:
                    out.append(err)
        return out

    def file_infos(self) -> tuple[list[Info], list[BaseException]]:
        """The objects and the errors of :meth:`file_items`, apart."""
        items = self.file_items()
        return [i for i in items if isinstance(i, Info)], [e for e in items if not isinstance(e, Info)]

    def infos(self, client: Any, *, latest: bool = True) -> tuple[list[Info], list[BaseException]]:
        """The objects the command acts on, and the errors met finding them (ContinueOnError).

        Objects named by arguments are fetched; objects from ``-f`` files are replaced by
        the live ones when ``latest`` (a file object the server lacks becomes an error).

        Mirrors: builder.go :: (*Builder).Do and result.go :: (*Result).Infos, with
        (*Builder).Latest

        Differences: with files, resource arguments are not checked here; a caller that
        rejects them calls :meth:`requests` first.
        """
        if not self.filenames:
            fetched, errs = fetch_all(client, self.requests())
            return infos_of(fetched), errs
        infos, errs = self.file_infos()
        if not latest:
            return infos, errs
        live = []
        for info in infos:
            try:
                refresh(client, info)
                live.append(info)
            except ApiError as e:
                errs.append(e)
        return live, errs

    def _expand_path(self, path: str) -> list[tuple[str, str]]:
        if path == "-":
            return [("STDIN", self.stdin or "")]
        if path.startswith(("http://", "https://")):
            raise KubectlError(f"unable to read URL {go_quote(path)}: kubelab does not fetch URLs")
        if not os.path.exists(path):
            raise KubectlError(f"the path {go_quote(path)} does not exist")
        if os.path.isdir(path):
            out = []
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(FILE_EXTENSIONS):
                        p = os.path.join(root, f)
                        with open(p, encoding="utf-8") as fh:
                            out.append((p, fh.read()))
                if not self.recursive:
                    break
            return out
        with open(path, encoding="utf-8") as fh:
            return [(path, fh.read())]

    def _info_for_data(self, doc: Any, source: str) -> Info:
        if not isinstance(doc, dict):
            kind = "array" if isinstance(doc, list) else type(doc).__name__
            raise KubectlError(
                f"unable to decode {go_quote(source)}: json: cannot unmarshal {kind} into Go value of "
                "type map[string]interface {}"
            )
        if not doc.get("kind"):
            raise KubectlError(
                f"unable to decode {go_quote(source)}: Object 'Kind' is missing in '{to_json_compact(doc)}'"
            )
        if not doc.get("apiVersion"):
            raise KubectlError(
                f"unable to decode {go_quote(source)}: Object 'apiVersion' is missing in '{to_json_compact(doc)}'"
            )
        meta: dict[str, Any] = doc["metadata"] if isinstance(doc.get("metadata"), dict) else {}
        name = str(meta.get("name", "") or "")
        namespace = str(meta.get("namespace", "") or "")
        try:
            mapping = scheme.for_kind(str(doc["apiVersion"]), str(doc["kind"]))
        except ApiError as e:
            raise KubectlError(
                f"resource mapping not found for name: {go_quote(name)} namespace: {go_quote(namespace)} "
                f"from {go_quote(source)}: {e.message}\nensure CRDs are installed first"
            ) from None
        obj = copy.deepcopy(doc)
        if mapping.namespaced:
            if not namespace:
                namespace = self.namespace
                obj.setdefault("metadata", {})
                if not isinstance(obj["metadata"], dict):
                    obj["metadata"] = {}
                obj["metadata"]["namespace"] = namespace
            elif self.enforce_namespace and namespace != self.namespace:
                raise KubectlError(
                    f"the namespace from the provided object {go_quote(namespace)} does not match the "
                    f"namespace {go_quote(self.namespace)}. You must pass '--namespace={namespace}' to "
                    "perform this operation."
                )
        return Info(mapping, namespace, name, source, obj)


def fetch(client: Any, req: Request) -> Fetched:
    """Issue one request. Raises the server's ApiError."""
    m = req.mapping
    if req.name:
        obj = client.get(m.group_resource, req.name, req.namespace or None)
        _set_type(obj, m)
        return Fetched(m, [obj], False)
    lst = client.list(m.group_resource, req.namespace or None, label_selector=req.label_selector,
                      field_selector=req.field_selector)
    items = list(lst.get("items") or [])
    for it in items:
        _set_type(it, m)
    return Fetched(m, items, True, dict(lst.get("metadata") or {}))


def _set_type(obj: dict[str, Any], m: ResourceInfo) -> None:
    # unstructured lists give every item the list's apiVersion and kind
    obj.setdefault("apiVersion", m.api_version)
    obj.setdefault("kind", m.kind)


def fetch_all(client: Any, reqs: list[Request]) -> tuple[list[Fetched], list[BaseException]]:
    """Every request, continuing past errors (``ContinueOnError``)."""
    out: list[Fetched] = []
    errs: list[BaseException] = []
    for r in reqs:
        try:
            out.append(fetch(client, r))
        except ApiError as e:
            errs.append(e)
    return out, errs


def infos_of(fetched: list[Fetched]) -> list[Info]:
    """Flatten fetched lists into one Info per object."""
    out = []
    for f in fetched:
        for o in f.objects:
            md = o.get("metadata") or {}
            out.append(Info(f.mapping, md.get("namespace", "") if f.mapping.namespaced else "", md.get("name", ""),
                            "", o))
    return out


def refresh(client: Any, info: Info) -> None:
    """Replace a file object with the live one (``Latest()``). Raises the server's ApiError."""
    obj = client.get(info.mapping.group_resource, info.name, info.namespace or None)
    _set_type(obj, info.mapping)
    info.obj = obj
