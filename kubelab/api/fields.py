"""Field selectors (``--field-selector spec.nodeName=n1,status.phase!=Running``).

Parsing and matching mirror apimachinery's fields package; ``object_fields`` builds the
field set each kind's registry strategy exposes (GetAttrs / ToSelectableFields), and
``convert_field_label`` / ``check_field_label`` mirror the per-kind field label conversion
functions that decide which labels a request may use.

Upstream: staging/src/k8s.io/apimachinery/pkg/fields/{selector.go,fields.go},
pkg/apis/core/v1/conversion.go, pkg/apis/batch/v1/conversion.go,
pkg/registry/*/*/strategy.go (GetAttrs, ToSelectableFields),
staging/src/k8s.io/apiserver/pkg/registry/generic/matcher.go
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kubelab.api import errors, scheme

# selection.Operator values a field selector can hold.
EQUALS = "="
DOUBLE_EQUALS = "=="
NOT_EQUALS = "!="

NOT_EQUAL_OPERATOR = "!="
DOUBLE_EQUAL_OPERATOR = "=="
EQUAL_OPERATOR = "="
# "==" is tried before "=" so its second '=' never lands in the value.
TERM_OPERATORS = (NOT_EQUAL_OPERATOR, DOUBLE_EQUAL_OPERATOR, EQUAL_OPERATOR)

TransformFunc = Callable[[str, str], tuple[str, str]]


# -- escaping -------------------------------------------------------------------------------


def escape_value(s: str) -> str:
    """Escape backslashes, commas and equals signs so any text can be a selector value.

    Mirrors: fields/selector.go :: EscapeValue
    """
    return s.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def unescape_value(s: str) -> str:
    """Mirrors: fields/selector.go :: UnescapeValue

    Raises:
        ValueError: InvalidEscapeSequence or UnescapedRune, in upstream's words (an unescaped
            rune is printed as its code point, as Go's %v prints a rune).
    """
    if "\\" not in s and "," not in s and "=" not in s:
        return s
    out: list[str] = []
    in_slash = False
    for c in s:
        if in_slash:
            if c in "\\,=":
                out.append(c)
            else:
                raise ValueError(f"invalid field selector: invalid escape sequence: \\{c}")
            in_slash = False
            continue
        if c == "\\":
            in_slash = True
        elif c in ",=":
            raise ValueError(f"invalid field selector: unescaped character in value: {ord(c)}")
        else:
            out.append(c)
    if in_slash:
        raise ValueError("invalid field selector: invalid escape sequence: \\")
    return "".join(out)


def split_terms(field_selector: str) -> list[str]:
    """Split on commas that are not escaped (the backslashes stay in the terms).

    Mirrors: fields/selector.go :: splitTerms
    """
    if not field_selector:
        return []
    terms: list[str] = []
    start = 0
    in_slash = False
    for i, c in enumerate(field_selector):
        if in_slash:
            in_slash = False
        elif c == "\\":
            in_slash = True
        elif c == ",":
            terms.append(field_selector[start:i])
            start = i + 1
    terms.append(field_selector[start:])
    return terms


def split_term(term: str) -> tuple[str, str, str] | None:
    """(lhs, operator, raw rhs) at the first operator, or None.

    Mirrors: fields/selector.go :: splitTerm
    """
    for i in range(len(term)):
        for op in TERM_OPERATORS:
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op):]
    return None


# -- selectors ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Requirement:
    """Mirrors: fields/requirements.go :: Requirement"""

    field: str
    operator: str
    value: str


@dataclass(frozen=True, slots=True)
class Term:
    """One ``field=value`` (hasTerm) or ``field!=value`` (notHasTerm).

    Mirrors: fields/selector.go :: hasTerm, notHasTerm
    """

    field: str
    value: str
    negated: bool = False

    def matches(self, fields: Mapping[str, str]) -> bool:
        got = fields.get(self.field, "")
        return got != self.value if self.negated else got == self.value

    def __str__(self) -> str:
        op = "!=" if self.negated else "="
        return f"{self.field}{op}{escape_value(self.value)}"


class Selector:
    """An immutable field selector: terms ANDed together.

    Mirrors: fields/selector.go :: andTerm (a single term behaves the same)
    """

    __slots__ = ("_terms",)

    def __init__(self, terms: tuple[Term, ...] = ()) -> None:
        self._terms = tuple(terms)

    @property
    def terms(self) -> tuple[Term, ...]:
        return self._terms

    def matches(self, fields: Mapping[str, str] | None) -> bool:
        """Whether every term holds; a missing field reads as "".

        Mirrors: fields/selector.go :: andTerm.Matches
        """
        if fields is None:
            fields = {}
        for t in self._terms:
            got = fields.get(t.field, "")
            if (got == t.value) == t.negated:
                return False
        return True

    def empty(self) -> bool:
        """Mirrors: fields/selector.go :: andTerm.Empty"""
        return not self._terms

    def requires_exact_match(self, field: str) -> tuple[str, bool]:
        """Mirrors: fields/selector.go :: andTerm.RequiresExactMatch"""
        for t in self._terms:
            if not t.negated and t.field == field:
                return t.value, True
        return "", False

    def transform(self, fn: TransformFunc) -> Selector:
        """A copy with every (field, value) passed through fn (which may raise ValueError).

        Mirrors: fields/selector.go :: andTerm.Transform
        """
        out = []
        for t in self._terms:
            f, v = fn(t.field, t.value)
            out.append(Term(f, v, t.negated))
        return Selector(tuple(out))

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """Mirrors: fields/selector.go :: andTerm.Requirements"""
        return tuple(Requirement(t.field, NOT_EQUALS if t.negated else EQUALS, t.value) for t in self._terms)

    def __str__(self) -> str:
        """Mirrors: fields/selector.go :: andTerm.String"""
        return ",".join(str(t) for t in self._terms)

    def __repr__(self) -> str:
        return f"FieldSelector({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Selector):
            return NotImplemented
        return self._terms == other._terms

    def __hash__(self) -> int:
        return hash(self._terms)


_EVERYTHING = Selector()


def everything() -> Selector:
    """Mirrors: fields/selector.go :: Everything"""
    return _EVERYTHING


def one_term_equal_selector(field: str, value: str) -> Selector:
    """Mirrors: fields/selector.go :: OneTermEqualSelector"""
    return Selector((Term(field, value),))


def selector_from_set(fields: Mapping[str, str] | None) -> Selector:
    """Mirrors: fields/selector.go :: SelectorFromSet (terms in field order)."""
    if fields is None:
        return _EVERYTHING
    return Selector(tuple(Term(k, v) for k, v in sorted(fields.items())))


@lru_cache(maxsize=2048)
def _parse(text: str) -> Selector:
    terms: list[Term] = []
    for part in sorted(split_terms(text)):
        if not part:
            continue
        split = split_term(part)
        if split is None:
            raise ValueError(f"invalid selector: '{text}'; can't understand '{part}'")
        lhs, op, rhs = split
        terms.append(Term(lhs, unescape_value(rhs), op == NOT_EQUAL_OPERATOR))
    return Selector(tuple(terms))


def parse_field_selector(text: str) -> Selector:
    """Parse field selector text; terms are kept in sorted text order, as upstream sorts them.

    Mirrors: fields/selector.go :: ParseSelector

    Raises:
        ValueError: e.g. ``invalid selector: 'x'; can't understand 'x'``.
    """
    return _parse(text)


def parse_and_transform_selector(text: str, fn: TransformFunc) -> Selector:
    """Mirrors: fields/selector.go :: ParseAndTransformSelector"""
    return _parse(text).transform(fn)


def requires_exact_match(selector: Selector | str, field: str) -> tuple[str, bool]:
    """The value a selector pins ``field`` to, if it does.

    Mirrors: fields/selector.go :: Selector.RequiresExactMatch
    """
    sel = parse_field_selector(selector) if isinstance(selector, str) else selector
    return sel.requires_exact_match(field)


def set_string(fields: Mapping[str, str]) -> str:
    """Mirrors: fields/fields.go :: Set.String"""
    return ",".join(sorted(f"{k}={v}" for k, v in fields.items()))


# -- field label conversion (which labels a request may use) --------------------------------


def default_meta_v1_field_selector_conversion(label: str, value: str) -> tuple[str, str]:
    """Mirrors: apimachinery/pkg/runtime/conversion.go :: DefaultMetaV1FieldSelectorConversion"""
    if label in ("metadata.name", "metadata.namespace"):
        return label, value
    raise ValueError(f'"{label}" is not a known field selector: only "metadata.name", "metadata.namespace"')


# (group, kind) -> labels its registered conversion function accepts.
FIELD_LABELS: dict[tuple[str, str], tuple[str, ...]] = {
    ("", "Pod"): (
        "metadata.name",
        "metadata.namespace",
        "spec.nodeName",
        "spec.restartPolicy",
        "spec.schedulerName",
        "spec.serviceAccountName",
        "spec.hostNetwork",
        "status.phase",
        "status.podIP",
        "status.podIPs",
        "status.nominatedNodeName",
    ),
    ("", "Node"): ("metadata.name", "spec.unschedulable"),
    ("", "ReplicationController"): ("metadata.name", "metadata.namespace", "status.replicas"),
    ("", "Event"): (
        "involvedObject.kind",
        "involvedObject.namespace",
        "involvedObject.name",
        "involvedObject.uid",
        "involvedObject.apiVersion",
        "involvedObject.resourceVersion",
        "involvedObject.fieldPath",
        "reason",
        "reportingComponent",
        "source",
        "type",
        "metadata.namespace",
        "metadata.name",
    ),
    ("", "Namespace"): ("status.phase", "metadata.name"),
    ("", "Secret"): ("type", "metadata.namespace", "metadata.name"),
    ("", "Service"): ("metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"),
    ("batch", "Job"): ("metadata.name", "metadata.namespace", "status.successful"),
}
# Old v1 clients send spec.host for a pod's node.
_RENAMES = {("", "Pod", "spec.host"): "spec.nodeName"}
# Kinds looked up by kind alone, when no apiVersion is given.
_DEFAULT_GROUP = {kind: group for group, kind in FIELD_LABELS}


def convert_field_label(api_version: str, kind: str, label: str, value: str) -> tuple[str, str]:
    """Check (and rename) a field selector label for a kind.

    Mirrors: apimachinery/pkg/runtime/scheme.go :: (*Scheme).ConvertFieldLabel, with the
    functions registered in pkg/apis/core/v1/conversion.go and pkg/apis/batch/v1/conversion.go

    Raises:
        ValueError: ``field label not supported: <label>`` for a kind with a registered
            function, else DefaultMetaV1FieldSelectorConversion's message.
    """
    group = scheme.split_api_version(api_version)[0]
    allowed = FIELD_LABELS.get((group, kind))
    if allowed is None:
        return default_meta_v1_field_selector_conversion(label, value)
    renamed = _RENAMES.get((group, kind, label))
    if renamed is not None:
        return renamed, value
    if label in allowed:
        return label, value
    raise ValueError(f"field label not supported: {label}")


def check_field_label(kind: str, label: str, api_version: str | None = None) -> str:
    """The label a field selector on ``kind`` may use (renamed if upstream renames it).

    Mirrors: the field label conversion function registered for ``kind`` (see
    convert_field_label); without ``api_version`` the kind's core/batch group is assumed.

    Raises:
        ValueError: with upstream's message, e.g. ``field label not supported: spec.foo``.
    """
    if api_version is None:
        group = _DEFAULT_GROUP.get(kind, "")
        api_version = f"{group}/v1" if group else "v1"
    return convert_field_label(api_version, kind, label, "")[0]


def field_selector_for_kind(text: str, kind: str, api_version: str | None = None) -> Selector:
    """Parse a request's field selector and convert its labels for ``kind``.

    Mirrors: apiserver/pkg/endpoints/handlers :: the ParseAndTransformSelector call in
    ListResource/WatchResource with scope.Convertor.ConvertFieldLabel

    Raises:
        ValueError: a parse or conversion error, in upstream's words.
    """
    if api_version is None:
        group = _DEFAULT_GROUP.get(kind, "")
        api_version = f"{group}/v1" if group else "v1"
    av = api_version
    return parse_and_transform_selector(text, lambda f, v: convert_field_label(av, kind, f, v))


# -- the field set of an object (GetAttrs) --------------------------------------------------


def object_meta_fields_set(meta: Mapping[str, Any], has_namespace_field: bool) -> dict[str, str]:
    """Mirrors: apiserver/pkg/registry/generic/matcher.go :: ObjectMetaFieldsSet"""
    out = {"metadata.name": str(meta.get("name") or "")}
    if has_namespace_field:
        out["metadata.namespace"] = str(meta.get("namespace") or "")
    return out


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _bool(value: Any) -> str:
    return "true" if value else "false"


def _int(value: Any) -> str:
    return str(int(value or 0))


def _pod_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/core/pod/strategy.go :: ToSelectableFields

    ``status.podIPs`` is a label requests may use but not a field the set carries, so it
    reads as "" there, as upstream.
    """
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    pod_ips = status.get("podIPs") or []
    pod_ip = _s(pod_ips[0].get("ip")) if pod_ips else _s(status.get("podIP"))
    return {
        "spec.nodeName": _s(spec.get("nodeName")),
        "spec.restartPolicy": _s(spec.get("restartPolicy")),
        "spec.schedulerName": _s(spec.get("schedulerName")),
        "spec.serviceAccountName": _s(spec.get("serviceAccountName")),
        "spec.hostNetwork": _bool(spec.get("hostNetwork")),
        "status.phase": _s(status.get("phase")),
        "status.podIP": pod_ip,
        "status.nominatedNodeName": _s(status.get("nominatedNodeName")),
    }


def _event_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/core/event/strategy.go :: ToSelectableFields

    An events.k8s.io/v1 Event is read through its core/v1 twin's names (regarding,
    reportingController, deprecatedSource), as the shared storage holds the core form.
    """
    if "regarding" in obj or str(obj.get("apiVersion", "")).startswith("events.k8s.io/"):
        involved = obj.get("regarding") or {}
        source_component = _s((obj.get("deprecatedSource") or {}).get("component"))
    else:
        involved = obj.get("involvedObject") or {}
        source_component = _s((obj.get("source") or {}).get("component"))
    reporting = _s(obj.get("reportingController") or obj.get("reportingComponent"))
    return {
        "involvedObject.kind": _s(involved.get("kind")),
        "involvedObject.namespace": _s(involved.get("namespace")),
        "involvedObject.name": _s(involved.get("name")),
        "involvedObject.uid": _s(involved.get("uid")),
        "involvedObject.apiVersion": _s(involved.get("apiVersion")),
        "involvedObject.resourceVersion": _s(involved.get("resourceVersion")),
        "involvedObject.fieldPath": _s(involved.get("fieldPath")),
        "reason": _s(obj.get("reason")),
        "reportingComponent": reporting,
        "source": source_component or reporting,
        "type": _s(obj.get("type")),
    }


def _node_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/core/node/strategy.go :: NodeToSelectableFields"""
    return {"spec.unschedulable": _bool((obj.get("spec") or {}).get("unschedulable"))}


def _namespace_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/core/namespace/strategy.go :: NamespaceToSelectableFields

    Upstream also keeps a legacy ``name`` field here for backward compatibility.
    """
    return {
        "status.phase": _s((obj.get("status") or {}).get("phase")),
        "name": _s((obj.get("metadata") or {}).get("name")),
    }


def _secret_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/core/secret/strategy.go :: SelectableFields"""
    return {"type": _s(obj.get("type"))}


def _service_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/core/service/strategy.go :: SelectableFields"""
    spec = obj.get("spec") or {}
    return {"spec.clusterIP": _s(spec.get("clusterIP")), "spec.type": _s(spec.get("type"))}


def _replicas_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/{core/replicationcontroller,apps/replicaset}/strategy.go :: *ToSelectableFields"""
    return {"status.replicas": _int((obj.get("status") or {}).get("replicas"))}


def _job_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Mirrors: pkg/registry/batch/job/strategy.go :: JobToSelectableFields"""
    return {"status.successful": _int((obj.get("status") or {}).get("succeeded"))}


_KIND_FIELDS: dict[tuple[str, str], Callable[[Mapping[str, Any]], dict[str, str]]] = {
    ("", "Pod"): _pod_fields,
    ("", "Event"): _event_fields,
    ("events.k8s.io", "Event"): _event_fields,
    ("", "Node"): _node_fields,
    ("", "Namespace"): _namespace_fields,
    ("", "Secret"): _secret_fields,
    ("", "Service"): _service_fields,
    ("", "ReplicationController"): _replicas_fields,
    ("apps", "ReplicaSet"): _replicas_fields,
    ("batch", "Job"): _job_fields,
}


def _namespaced(group: str, api_version: str, kind: str, meta: Mapping[str, Any]) -> bool:
    try:
        return scheme.for_kind(api_version, kind).namespaced
    except errors.ApiError:
        # A kind the catalogue does not serve (a custom resource): trust the object.
        return bool(meta.get("namespace"))


def object_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """The field set a field selector is matched against for this object.

    Mirrors: GetAttrs of each kind's registry strategy (pkg/registry/*/*/strategy.go), and
    generic.DefaultNamespaceScopedAttr / DefaultClusterScopedAttr for the rest.

    Differences: certificatesigningrequests' spec.signerName is not included.
    """
    api_version = str(obj.get("apiVersion") or "v1")
    kind = str(obj.get("kind") or "")
    group = scheme.split_api_version(api_version)[0]
    meta = obj.get("metadata") or {}
    specific = _KIND_FIELDS.get((group, kind))
    out = specific(obj) if specific is not None else {}
    out.update(object_meta_fields_set(meta, _namespaced(group, api_version, kind, meta)))
    return out


def matches_object(selector: Selector | str, obj: Mapping[str, Any]) -> bool:
    """Whether a field selector selects this object (parsing the selector if given text)."""
    sel = parse_field_selector(selector) if isinstance(selector, str) else selector
    if sel.empty():
        return True
    return sel.matches(object_fields(obj))
