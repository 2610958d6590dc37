"""Strict decoding of a request body against the kind's schema, as the API server does.

The API server unmarshals a body into the Go struct of its kind: fields the struct lacks
are "unknown" (``strict decoding error: unknown field "spec.foo"`` in Strict mode, a
warning in Warn mode, silently dropped in Ignore mode) and a value of the wrong JSON type
fails in every mode with encoding/json's words, naming the innermost struct, the dotted
path from the root and the Go type (``json: cannot unmarshal string into Go struct field
DeploymentSpec.spec.replicas of type int32``). Quantities, times and base64 bytes go
through their own unmarshalers and come back in the form the server would store.

Each kind's schema is compiled once into checkers: a fast one that copies a well-formed
body in one pass, and a precise one, run only when the fast one meets anything unusual,
that reproduces upstream's error order (first type error wins, hard unmarshaler errors
abort at once, unknown fields are listed in body order). Real kubectl sends JSON with
keys sorted, so callers that mimic it should sort keys before decoding.

Upstream: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go,
sigs.k8s.io/json (strict unknown-field paths), encoding/json decode.go (type errors),
staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go :: transformDecodeError
"""

from __future__ import annotations

import binascii
import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from kubelab.api import errors
from kubelab.api import openapi as oa
from kubelab.api.quantity import parse_quantity

STRICT, WARN, IGNORE = "Strict", "Warn", "Ignore"
MIN_INT32, MAX_INT32 = -(1 << 31), (1 << 31) - 1
MIN_INT64, MAX_INT64 = -(1 << 63), (1 << 63) - 1
RFC3339 = "2006-01-02T15:04:05Z07:00"
RFC3339_MICRO = "2006-01-02T15:04:05.000000Z07:00"

(K_STRING, K_INT32, K_INT64, K_BOOL, K_STRUCT, K_ARRAY, K_MAP, K_QUANTITY, K_INTSTR, K_TIME,
 K_MICROTIME, K_BYTES, K_ANY) = range(13)

_SPECIAL = {
    "io.k8s.apimachinery.pkg.api.resource.Quantity": (K_QUANTITY, "resource.Quantity"),
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": (K_INTSTR, "intstr.IntOrString"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": (K_TIME, "v1.Time"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": (K_MICROTIME, "v1.MicroTime"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": (K_ANY, "v1.FieldsV1"),
    "io.k8s.apimachinery.pkg.runtime.RawExtension": (K_ANY, "runtime.RawExtension"),
}

# Go types of fields whose JSON type is a string, list or map but whose Go type is a named
# type (OpenAPI loses the name): one definition a line (less "io.k8s.api." or
# "io.k8s.apimachinery.pkg.apis."), then field=GoType as reflect prints it.
_NAMED_TEXT = """
core.v1.Container imagePullPolicy=v1.PullPolicy terminationMessagePolicy=v1.TerminationMessagePolicy restartPolicy=v1.ContainerRestartPolicy
core.v1.ContainerResizePolicy resourceName=v1.ResourceName restartPolicy=v1.ResourceResizeRestartPolicy
core.v1.ContainerRestartRule action=v1.ContainerRestartRuleAction
core.v1.ContainerRestartRuleOnExitCodes operator=v1.ContainerRestartRuleOnExitCodesOperator
core.v1.VolumeMount mountPropagation=v1.MountPropagationMode recursiveReadOnly=v1.RecursiveReadOnlyMode
core.v1.HTTPGetAction scheme=v1.URIScheme
core.v1.Lifecycle stopSignal=v1.Signal
core.v1.SecurityContext procMount=v1.ProcMountType
core.v1.Capabilities add=[]v1.Capability drop=[]v1.Capability
core.v1.SeccompProfile type=v1.SeccompProfileType
core.v1.AppArmorProfile type=v1.AppArmorProfileType
core.v1.PodSpec restartPolicy=v1.RestartPolicy dnsPolicy=v1.DNSPolicy preemptionPolicy=v1.PreemptionPolicy
core.v1.PodSecurityContext fsGroupChangePolicy=v1.PodFSGroupChangePolicy supplementalGroupsPolicy=v1.SupplementalGroupsPolicy seLinuxChangePolicy=v1.PodSELinuxChangePolicy
core.v1.PodOS name=v1.OSName
core.v1.Toleration operator=v1.TolerationOperator effect=v1.TaintEffect
core.v1.Taint effect=v1.TaintEffect
core.v1.NodeSelectorRequirement operator=v1.NodeSelectorOperator
core.v1.TopologySpreadConstraint whenUnsatisfiable=v1.UnsatisfiableConstraintAction nodeAffinityPolicy=v1.NodeInclusionPolicy nodeTaintsPolicy=v1.NodeInclusionPolicy
core.v1.PodStatus phase=v1.PodPhase qosClass=v1.PodQOSClass resize=v1.PodResizeStatus
core.v1.HostPathVolumeSource type=v1.HostPathType
core.v1.EmptyDirVolumeSource medium=v1.StorageMedium
core.v1.ImageVolumeSource pullPolicy=v1.PullPolicy
core.v1.PersistentVolumeClaimSpec accessModes=[]v1.PersistentVolumeAccessMode volumeMode=v1.PersistentVolumeMode
core.v1.PersistentVolumeClaimStatus phase=v1.PersistentVolumeClaimPhase accessModes=[]v1.PersistentVolumeAccessMode allocatedResourceStatuses=map[v1.ResourceName]v1.ClaimResourceStatus
core.v1.PersistentVolumeSpec accessModes=[]v1.PersistentVolumeAccessMode persistentVolumeReclaimPolicy=v1.PersistentVolumeReclaimPolicy volumeMode=v1.PersistentVolumeMode
core.v1.PersistentVolumeStatus phase=v1.PersistentVolumePhase
core.v1.ServiceSpec type=v1.ServiceType sessionAffinity=v1.ServiceAffinity externalTrafficPolicy=v1.ServiceExternalTrafficPolicy internalTrafficPolicy=v1.ServiceInternalTrafficPolicy ipFamilies=[]v1.IPFamily ipFamilyPolicy=v1.IPFamilyPolicy
core.v1.LoadBalancerIngress ipMode=v1.LoadBalancerIPMode
core.v1.NamespaceSpec finalizers=[]v1.FinalizerName
core.v1.NamespaceStatus phase=v1.NamespacePhase
core.v1.NodeStatus phase=v1.NodePhase volumesInUse=[]v1.UniqueVolumeName
core.v1.NodeAddress type=v1.NodeAddressType
core.v1.AttachedVolume name=v1.UniqueVolumeName
core.v1.Secret type=v1.SecretType
core.v1.LimitRangeItem type=v1.LimitType
core.v1.ResourceQuotaSpec scopes=[]v1.ResourceQuotaScope
core.v1.ScopedResourceSelectorRequirement scopeName=v1.ResourceQuotaScope operator=v1.ScopeSelectorOperator
core.v1.ObjectReference uid=types.UID
meta.v1.ObjectMeta uid=types.UID
meta.v1.OwnerReference uid=types.UID
meta.v1.ManagedFieldsEntry operation=v1.ManagedFieldsOperationType
meta.v1.LabelSelectorRequirement operator=v1.LabelSelectorOperator
meta.v1.Condition type=string
apps.v1.DeploymentStrategy type=v1.DeploymentStrategyType
apps.v1.DaemonSetUpdateStrategy type=v1.DaemonSetUpdateStrategyType
apps.v1.StatefulSetSpec podManagementPolicy=v1.PodManagementPolicyType
apps.v1.StatefulSetUpdateStrategy type=v1.StatefulSetUpdateStrategyType
apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy whenDeleted=v1.PersistentVolumeClaimRetentionPolicyType whenScaled=v1.PersistentVolumeClaimRetentionPolicyType
batch.v1.JobSpec completionMode=v1.CompletionMode podReplacementPolicy=v1.PodReplacementPolicy
batch.v1.PodFailurePolicyRule action=v1.PodFailurePolicyAction
batch.v1.PodFailurePolicyOnExitCodesRequirement operator=v1.PodFailurePolicyOnExitCodesOperator
batch.v1.PodFailurePolicyOnPodConditionsPattern type=v1.PodConditionType status=v1.ConditionStatus
batch.v1.UncountedTerminatedPods succeeded=[]types.UID failed=[]types.UID
batch.v1.CronJobSpec concurrencyPolicy=v1.ConcurrencyPolicy
autoscaling.v2.MetricSpec type=v2.MetricSourceType
autoscaling.v2.MetricStatus type=v2.MetricSourceType
autoscaling.v2.MetricTarget type=v2.MetricTargetType
autoscaling.v2.ResourceMetricSource name=v1.ResourceName
autoscaling.v2.ResourceMetricStatus name=v1.ResourceName
autoscaling.v2.ContainerResourceMetricSource name=v1.ResourceName
autoscaling.v2.ContainerResourceMetricStatus name=v1.ResourceName
autoscaling.v2.HPAScalingRules selectPolicy=v2.ScalingPolicySelect
autoscaling.v2.HPAScalingPolicy type=v2.HPAScalingPolicyType
networking.v1.NetworkPolicySpec policyTypes=[]v1.PolicyType
networking.v1.HTTPIngressPath pathType=v1.PathType
policy.v1.PodDisruptionBudgetSpec unhealthyPodEvictionPolicy=v1.UnhealthyPodEvictionPolicyType
storage.v1.StorageClass reclaimPolicy=v1.PersistentVolumeReclaimPolicy volumeBindingMode=v1.VolumeBindingMode
scheduling.v1.PriorityClass preemptionPolicy=v1.PreemptionPolicy
discovery.v1.EndpointSlice addressType=v1.AddressType
coordination.v1.LeaseSpec strategy=v1.CoordinatedLeaseStrategy
"""
_NAMED: dict[str, dict[str, str]] = {
    line.split()[0]: dict(pair.split("=") for pair in line.split()[1:])
    for line in _NAMED_TEXT.strip().splitlines()
}


def _named(definition: str, prop: str) -> str | None:
    short = definition.replace("io.k8s.api.", "").replace("io.k8s.apimachinery.pkg.apis.meta.", "meta.")
    named = _NAMED.get(short, {}).get(prop)
    if named is None and prop == "protocol":
        named = "v1.Protocol"  # every protocol field is a core/v1 Protocol
    elif named is None and short.endswith("Condition") and prop in ("type", "status"):
        # <Kind>Condition.type is <Kind>ConditionType, .status the core ConditionStatus
        parts = short.split(".")
        named = f"{parts[1]}.{parts[2]}Type" if prop == "type" else "v1.ConditionStatus"
    return named


class _Slow(Exception):
    """The fast path met something that needs the precise walk."""


class _Hard(Exception):
    """An unmarshaler error: encoding/json returns it at once."""


@dataclass(slots=True, eq=False)
class _Type:
    kind: int
    go: str
    struct: _Struct | None = None
    elem: _Type | None = None
    fast: Any = None


@dataclass(slots=True, eq=False)
class _Struct:
    name: str  # Go type name without package: errors name the struct like this
    fields: dict[str, _Type] = field(default_factory=dict)
    table: dict[str, Any] = field(default_factory=dict)


_STR = object()  # fast-path marker: a plain string field, checked inline


@cache
def _struct(definition: str) -> _Struct:
    st = _Struct(definition.rsplit(".", 1)[-1])
    schema = oa.definitions()[definition]
    for prop, sub in (schema.get("properties") or {}).items():
        st.fields[prop] = _compile(sub, definition, prop)
    for prop, t in st.fields.items():
        st.table[prop] = t.fast
    return st


def _go_struct_name(definition: str) -> str:
    parts = definition.split(".")
    return f"{parts[-2]}.{parts[-1]}"


def _compile(schema: oa.Schema, owner: str, prop: str, named: str | None = None) -> _Type:
    ref = oa.ref_name(schema)
    if ref is not None:
        if ref in _SPECIAL:
            kind, go = _SPECIAL[ref]
            return _finish(_Type(kind, go))
        return _finish(_Type(K_STRUCT, _go_struct_name(ref), struct=_struct(ref)))
    named = named if named is not None else _named(owner, prop)
    types = oa.types(schema)
    if "array" in types:
        elem_name = named[2:] if named and named.startswith("[]") else None
        elem = _compile(schema.get("items") or {}, owner, prop, elem_name or "")
        return _finish(_Type(K_ARRAY, "[]" + elem.go, elem=elem))
    if "object" in types:
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            value_name = named[named.index("]") + 1:] if named and named.startswith("map[") else ""
            elem = _compile(extra, owner, prop, value_name)
            go = named or ("v1.ResourceList" if elem.kind == K_QUANTITY else "map[string]" + elem.go)
            return _finish(_Type(K_MAP, go, elem=elem))
        return _finish(_Type(K_ANY, "map[string]interface {}"))
    if "integer" in types:
        return _finish(_Type(K_INT64, "int64") if schema.get("format") == "int64" else _Type(K_INT32, "int32"))
    if "boolean" in types:
        return _finish(_Type(K_BOOL, "bool"))
    if "string" in types and schema.get("format") == "byte":
        return _finish(_Type(K_BYTES, "[]uint8"))
    return _finish(_Type(K_STRING, named or "string"))


# -- the fast path: copy a well-formed body, raise _Slow on anything else ------------------


def _finish(t: _Type) -> _Type:
    t.fast = _fast_for(t)
    return t


def _fast_for(t: _Type) -> Any:
    k = t.kind
    if k == K_STRING:
        return _STR
    if k == K_STRUCT:
        return _fast_struct(t.struct)  # type: ignore[arg-type]
    if k in (K_ARRAY, K_MAP):
        elem = t.elem.fast  # type: ignore[union-attr]
        if elem is _STR:
            return _fast_str_list if k == K_ARRAY else _fast_str_map
        return _fast_list(elem) if k == K_ARRAY else _fast_map(elem)
    return _FAST_SCALARS[k]


def _fast_struct(st: _Struct) -> Any:
    table = st.table

    def fast(o: Any, _table: dict[str, Any] = table, _str: type = str, _dict: type = dict) -> Any:
        if o.__class__ is not _dict:
            if o is None:
                return None
            raise _Slow
        out = {}
        for k, v in o.items():  # type: ignore[attr-defined]
            c = _table.get(k)
            if c is _STR:
                if v.__class__ is not _str and v is not None:
                    raise _Slow
            elif c is None:
                raise _Slow
            else:
                v = c(v)
            out[k] = v
        return out

    return fast


def _fast_list(elem: Any) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is not list:
            if v is None:
                return None
            raise _Slow
        return [elem(x) for x in v]

    return fast


def _fast_map(elem: Any) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is not dict:
            if v is None:
                return None
            raise _Slow
        return {k: elem(x) for k, x in v.items()}

    return fast


def _fast_str_list(v: Any) -> Any:
    if v.__class__ is not list:
        if v is None:
            return None
        raise _Slow
    for x in v:
        if x.__class__ is not str and x is not None:
            raise _Slow
    return list(v)


def _fast_str_map(v: Any) -> Any:
    if v.__class__ is not dict:
        if v is None:
            return None
        raise _Slow
    for x in v.values():
        if x.__class__ is not str and x is not None:
            raise _Slow
    return dict(v)


def _fast_int(lo: int, hi: int) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is int and lo <= v <= hi or v is None:
            return v
        raise _Slow

    return fast


def _fast_bool(v: Any) -> Any:
    if v.__class__ is bool or v is None:
        return v
    raise _Slow


@lru_cache(maxsize=16384)
def _canonical_quantity(text: str) -> str:
    return str(parse_quantity(text.strip()))


def _fast_quantity(v: Any) -> Any:
    if v.__class__ is str:
        try:
            return _canonical_quantity(v)
        except ValueError:
            raise _Slow from None
    if v.__class__ is int:  # a JSON number: the unmarshaler parses its text
        try:
            return _canonical_quantity(str(v))
        except ValueError:
            raise _Slow from None
    if v is None:
        return None
    raise _Slow


def _fast_intstr(v: Any) -> Any:
    if v.__class__ is str or v is None or v.__class__ is int and MIN_INT32 <= v <= MAX_INT32:
        return v
    raise _Slow


def _fast_time(layout: str) -> Any:
    def fast(v: Any) -> Any:
        if v.__class__ is str:
            try:
                return _parse_time(v, layout)
            except _Hard:
                raise _Slow from None
        if v is None:
            return None
        raise _Slow

    return fast


def _fast_bytes(v: Any) -> Any:
    if v.__class__ is str:
        canonical, err = _base64_canonical(v)
        if err is None:
            return canonical
    elif v is None:
        return None
    raise _Slow


def _fast_any(v: Any) -> Any:
    """A copy of every dict and list in ``v`` (free-form fields: FieldsV1, RawExtension)."""
    t = v.__class__
    if t is dict:
        return _copy_dict(v)
    if t is list:
        return [_fast_any(x) for x in v]
    return v


def _copy_dict(v: dict[str, Any]) -> dict[str, Any]:
    # FieldsV1 is mostly empty maps: copy those and scalars without a call per value.
    out: dict[str, Any] = {}
    for k, x in v.items():
        t = x.__class__
        if t is dict:
            out[k] = _copy_dict(x) if x else {}
        elif t is list:
            out[k] = [_fast_any(y) for y in x]
        else:
            out[k] = x
    return out


_FAST_SCALARS = {
    K_INT32: _fast_int(MIN_INT32, MAX_INT32), K_INT64: _fast_int(MIN_INT64, MAX_INT64),
    K_BOOL: _fast_bool, K_QUANTITY: _fast_quantity, K_INTSTR: _fast_intstr,
    K_TIME: _fast_time(RFC3339), K_MICROTIME: _fast_time(RFC3339_MICRO), K_BYTES: _fast_bytes,
    K_ANY: _fast_any,
}


# -- the precise walk ------------------------------------------------------------------------


@dataclass(slots=True)
class _Walk:
    strict: list[str] = field(default_factory=list)
    saved: str | None = None

    def save(self, msg: str) -> None:
        if self.saved is None:
            self.saved = msg


def go_float_text(x: float) -> str:
    """The text Go's encoding/json writes for a float64 (shortest digits, 'e' only at extremes)."""
    if x != 0 and (abs(x) < 1e-6 or abs(x) >= 1e21):
        text = repr(x)
        return re.sub(r"e-0(\d)$", r"e-\1", text)
    text = format(Decimal(repr(x)), "f")
    return text[:-2] if text.endswith(".0") else text


def _json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, str):
        return "string"
    return "array" if isinstance(v, list) else "object"


def _number_text(v: int | float) -> str:
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return str(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
        return str(int(v))
    return go_float_text(v) if isinstance(v, float) else str(v)


def _type_error(v: Any, go: str, struct: str, path: str) -> str:
    what = _json_kind(v)
    return f"json: cannot unmarshal {what} into Go struct field {struct}.{path} of type {go}"


def _int_value(v: Any, lo: int, hi: int) -> tuple[Any, str | None]:
    """(decoded int, None) or (None, encoding/json's value description for the error)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None, _json_kind(v)
    text = _number_text(v)
    if re.fullmatch(r"-?\d+", text) and lo <= int(text) <= hi:
        return int(text), None
    return None, "number " + text


def _normalise(v: Any) -> Any:
    # YAML loaders turn unquoted timestamps into datetimes; kubectl would send strings.
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(_dt.UTC).replace(tzinfo=None)
        return v.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    return v


def _slow(v: Any, t: _Type, sp: str, fp: str, struct: str, w: _Walk) -> Any:
    """Decode ``v`` as ``t``; ``sp`` is the strict path, ``fp`` Go's field path."""
    v = _normalise(v)
    if v is None:
        return None
    k = t.kind
    if k == K_STRUCT:
        if not isinstance(v, dict):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        st = t.struct
        out = {}
        for key, x in v.items():
            f = st.fields.get(key)  # type: ignore[union-attr]
            child = f"{sp}.{key}" if sp else key
            if f is None:
                w.strict.append(f'unknown field "{child}"')
                continue
            out[key] = _slow(x, f, child, f"{fp}.{key}" if fp else key, st.name, w)  # type: ignore[union-attr]
        return out
    if k == K_ARRAY:
        if not isinstance(v, list):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        return [_slow(x, t.elem, f"{sp}[{i}]", fp, struct, w) for i, x in enumerate(v)]  # type: ignore[arg-type]
    if k == K_MAP:
        if not isinstance(v, dict):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        return {key: _slow(x, t.elem, f"{sp}.{key}", fp, struct, w) for key, x in v.items()}  # type: ignore[arg-type]
    if k == K_STRING or k == K_BOOL:
        if isinstance(v, str if k == K_STRING else bool):
            return v
        w.save(_type_error(v, t.go, struct, fp))
        return None
    if k in (K_INT32, K_INT64):
        lo, hi = (MIN_INT32, MAX_INT32) if k == K_INT32 else (MIN_INT64, MAX_INT64)
        n, what = _int_value(v, lo, hi)
        if what is not None:
            w.save(f"json: cannot unmarshal {what} into Go struct field {struct}.{fp} of type {t.go}")
        return n
    if k == K_QUANTITY:
        text = v.strip() if isinstance(v, str) else _go_json_text(v)
        try:
            return _canonical_quantity(text)
        except ValueError as err:
            raise _Hard(str(err)) from None
    if k == K_INTSTR:
        if isinstance(v, str):
            return v
        n, what = _int_value(v, MIN_INT32, MAX_INT32)
        if what is not None:
            raise _Hard(f"json: cannot unmarshal {what} into Go struct field {struct}.{fp} of type int32")
        return n
    if k in (K_TIME, K_MICROTIME):
        if not isinstance(v, str):
            raise _Hard(_type_error(v, "string", struct, fp))
        return _parse_time(v, RFC3339 if k == K_TIME else RFC3339_MICRO)
    if k == K_BYTES:
        if not isinstance(v, str):
            w.save(_type_error(v, t.go, struct, fp))
            return None
        canonical, problem = _base64_canonical(v)
        if problem is not None:
            w.save(problem)
        return canonical
    return _fast_any(v)


def _go_json_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return _number_text(v)
    return json.dumps(v, separators=(",", ":"))


# -- Go's time.Parse for the two layouts Kubernetes uses --------------------------------------


def _go_quote(s: str) -> str:
    out = ['"']
    for ch in s:
        if ord(ch) < 0x20 or ord(ch) >= 0x80:
            out.extend(f"\\x{b:02x}" for b in ch.encode())
        else:
            out.append("\\" + ch if ch in '"\\' else ch)
    out.append('"')
    return "".join(out)


def _getnum(s: str, fixed: bool) -> tuple[int, str] | None:
    if not s[:1].isdigit() or not s[:1].isascii():
        return None
    if not (len(s) > 1 and s[1].isdigit() and s[1].isascii()):
        return None if fixed else (int(s[0]), s[1:])
    return int(s[:2]), s[2:]


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=4096)
def _parse_time(avalue: str, layout: str) -> str | None:
    """Mirrors: Go time.Parse(layout, value) then MarshalJSON (UTC, layout's precision).

    Raises:
        _Hard: with Go's ParseError text.
    """
    def bad(elem: str, rest: str, msg: str = "") -> _Hard:
        if msg:
            return _Hard(f"parsing time {_go_quote(avalue)}{msg}")
        return _Hard(f"parsing time {_go_quote(avalue)} as {_go_quote(layout)}: cannot parse "
                     f"{_go_quote(rest)} as {_go_quote(elem)}")

    micro = layout == RFC3339_MICRO
    steps = [("", "2006"), ("-", "01"), ("-", "02"), ("T", "15"), (":", "04"), (":", "05")]
    steps += [("", ".000000")] if micro else []
    steps += [("", "Z07:00")]
    value, f = avalue, {"nsec": 0, "offset": 0}
    for prefix, std in steps:
        for ch in prefix:
            if not value or value[0] != ch:
                raise bad(prefix, value)
            value = value[1:]
        hold, rng = value, ""
        if std == "2006":
            if len(value) < 4 or not value[0].isdigit() or not value[:4].isdigit():
                raise bad(std, hold)
            f["year"], value = int(value[:4]), value[4:]
            continue
        if std in ("01", "02", "15", "04", "05"):
            got = _getnum(value, std != "15")
            if got is None:
                raise bad(std, hold)
            n, value = got
            f[std] = n
            limit = {"01": 12, "15": 23, "04": 59, "05": 59}.get(std)
            names = {"01": "month", "15": "hour", "04": "minute", "05": "second"}
            if std == "01" and n == 0 or limit is not None and n > limit:
                rng = names[std]
            elif std == "05" and not micro and len(value) >= 2 and value[0] in ".," and value[1].isdigit():
                n = 2
                while n < len(value) and value[n].isdigit():
                    n += 1
                f["nsec"] = int((value[1:n] + "000000000")[:9])
                value = value[n:]
        elif std == ".000000":
            if len(value) < 7 or value[0] not in ".," or not value[1:7].isdigit():
                raise bad(std, hold)
            f["nsec"], value = int(value[1:7]) * 1000, value[7:]
        else:  # Z07:00
            if value[:1] == "Z":
                value = value[1:]
                continue
            if len(value) < 6 or value[3] != ":":
                raise bad(std, hold)
            hh, mm = _getnum(value[1:3], True), _getnum(value[4:6], True)
            if hh is None or mm is None:
                raise bad(std, hold)
            rng = "time zone offset hour" if hh[0] > 24 else "time zone offset minute" if mm[0] > 60 else ""
            if not rng and value[0] not in "+-":
                raise bad(std, hold)
            f["offset"] = (hh[0] * 60 + mm[0]) * 60 * (-1 if value[0] == "-" else 1)
            value = value[6:]
        if rng:
            raise bad(std, value, f": {rng} out of range")
    if value:
        raise bad("", value, f": extra text: {_go_quote(value)}")
    year, month, day = f["year"], f["01"], f["02"]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day < 1 or day > _DAYS[month - 1] + (1 if month == 2 and leap else 0):
        raise bad("", value, ": day out of range")
    try:
        t = _dt.datetime(year, month, day, f["15"], f["04"], f["05"]) - _dt.timedelta(seconds=f["offset"])
    except (ValueError, OverflowError):
        return avalue  # outside Python's calendar (year 0): keep the text as sent
    if (t.year, t.month, t.day, t.hour, t.minute, t.second, f["nsec"]) == (1, 1, 1, 0, 0, 0, 0):
        return None  # metav1.Time and MicroTime marshal their zero value as null
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{f['nsec'] // 1000:06d}Z" if micro else "Z")


# -- Go's base64.StdEncoding ---------------------------------------------------------------

_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


@lru_cache(maxsize=4096)
def _base64_canonical(s: str) -> tuple[str | None, str | None]:
    """(re-encoded text, None) or (None, Go's CorruptInputError text).

    Mirrors: encoding/base64 :: (*Encoding).Decode with StdEncoding (newlines skipped,
    padding required), then EncodeToString as the server stores it.
    """
    src = s.encode()
    if b"\n" not in src and b"\r" not in src:
        try:
            raw = binascii.a2b_base64(src, strict_mode=True)
        except binascii.Error:
            pass
        else:
            return binascii.b2a_base64(raw, newline=False).decode(), None
    si, n, good = 0, len(src), bytearray()

    def corrupt(at: int) -> tuple[None, str]:
        return None, f"illegal base64 data at input byte {at}"

    while si < n:
        quantum: list[int] = []
        while len(quantum) < 4:
            if si == n:
                if not quantum:
                    break
                return corrupt(si - len(quantum))
            c = src[si]
            si += 1
            if c in _B64:
                quantum.append(c)
                continue
            if c in b"\r\n":
                continue
            if c != ord("=") or len(quantum) < 2:
                return corrupt(si - 1)
            if len(quantum) == 2:
                while si < n and src[si] in b"\r\n":
                    si += 1
                if si == n:
                    return corrupt(n)
                if src[si] != ord("="):
                    return corrupt(si - 1)
                si += 1
            while si < n and src[si] in b"\r\n":
                si += 1
            if si < n:
                return corrupt(si)
            break
        if quantum:
            padded = bytes(quantum) + b"=" * (4 - len(quantum))
            good += binascii.a2b_base64(padded)
    return binascii.b2a_base64(bytes(good), newline=False).decode(), None


# -- entry point ---------------------------------------------------------------------------


@cache
def _root(group: str, version: str, kind: str) -> _Type | None:
    name = oa.definition_name(group, version, kind)
    if name is None:
        return None
    return _finish(_Type(K_STRUCT, _go_struct_name(name), struct=_struct(name)))


def decode(obj: dict[str, Any], group: str, version: str, kind: str,
           field_validation: str = STRICT) -> tuple[dict[str, Any], list[str]]:
    """Decode a request body as the API server does, returning (cleaned copy, warnings).

    Mirrors: serializer/json.go :: (*Serializer).Decode with strict errors, and
    handlers/create.go's handling of the fieldValidation directive.

    Raises:
        kubelab.api.errors.BadRequest: on a type error (any mode), an unmarshaler error,
            or unknown fields in Strict mode.
    """
    mode = field_validation or STRICT
    if mode not in (STRICT, WARN, IGNORE):
        raise ValueError(f'fieldValidation must be one of "Ignore", "Warn", or "Strict", got {mode!r}')
    t = _root(group, version, kind)
    if t is None:
        return _fast_any(obj), []
    try:
        return t.fast(obj), []
    except _Slow:
        pass
    w = _Walk()
    prefix = f'{kind} in version "{version}" cannot be handled as a {kind}: '
    if not isinstance(obj, dict):
        raise errors.new_bad_request(
            prefix + f"json: cannot unmarshal {_json_kind(obj)} into Go value of type {t.go}")
    try:
        out = _slow(obj, t, "", "", t.struct.name, w)  # type: ignore[union-attr]
    except _Hard as err:
        raise errors.new_bad_request(prefix + str(err)) from None
    if w.saved is not None:
        raise errors.new_bad_request(prefix + w.saved)
    if w.strict and mode == STRICT:
        raise errors.new_bad_request(prefix + "strict decoding error: " + ", ".join(w.strict))
    return out, (w.strict if mode == WARN else [])
