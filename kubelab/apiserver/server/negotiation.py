"""Content negotiation: which representation a client's Accept header asks for.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go
(NegotiateOutputMediaType, acceptMediaTypeOptions) and the targets of
handlers/response.go (Table, PartialObjectMetadata, PartialObjectMetadataList)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kubelab.api import errors

JSON = "application/json"
YAML = "application/yaml"
PROTOBUF = "application/vnd.kubernetes.protobuf"
# What the server can write; protobuf is answered with JSON, which every client accepts.
SUPPORTED = (JSON, YAML, PROTOBUF)
META_GROUP = "meta.k8s.io"
TRANSFORM_KINDS = ("Table", "PartialObjectMetadata", "PartialObjectMetadataList")


@dataclass(slots=True)
class MediaType:
    """One entry of an Accept header: ``application/json;as=Table;v=v1;g=meta.k8s.io``."""

    type: str
    params: dict[str, str] = field(default_factory=dict)
    q: float = 1.0


@dataclass(slots=True)
class Target:
    """What to answer: the serializer's media type and an optional conversion."""

    media_type: str = JSON
    convert: str = ""  # "", "Table", "PartialObjectMetadata", "PartialObjectMetadataList"
    version: str = "v1"  # meta.k8s.io version of the conversion


def parse_accept(header: str) -> list[MediaType]:
    """The media ranges of an Accept header, most preferred first (stable for equal q).

    Mirrors: the goautoneg.ParseAccept that negotiate.go uses
    """
    out: list[MediaType] = []
    for clause in header.split(","):
        parts = [p.strip() for p in clause.split(";")]
        if not parts[0]:
            continue
        mt = MediaType(parts[0].lower())
        for p in parts[1:]:
            k, _, v = p.partition("=")
            k = k.strip().lower()
            v = v.strip().strip('"')
            if k == "q":
                try:
                    mt.q = float(v)
                except ValueError:
                    mt.q = 0.0
            elif k:
                mt.params[k] = v
        out.append(mt)
    return sorted(out, key=lambda m: -m.q)


def _serializer(mt: str) -> str | None:
    if mt in (JSON, "*/*", "application/*"):
        return JSON
    if mt in (YAML, PROTOBUF):
        return mt
    return None


def negotiate_output(accept: str, *, endpoint_transforms: bool) -> Target:
    """The representation to answer with.

    ``endpoint_transforms`` is True for resource reads (get, list, watch), where Tables and
    partial metadata can be served; elsewhere the ``as=`` entries are skipped.

    Raises:
        NotAcceptable: when nothing in the header can be served, with upstream's message.

    Mirrors: negotiate.go :: NegotiateOutputMediaType with the endpoint's
    AllowsMediaTypeTransform (acceptMediaTypeOptions)
    """
    if not accept.strip():
        return Target()
    for m in parse_accept(accept):
        if m.q <= 0:
            continue
        ser = _serializer(m.type)
        if ser is None:
            continue
        kind = m.params.get("as", "")
        if not kind:
            return Target(ser)
        if not endpoint_transforms or kind not in TRANSFORM_KINDS:
            continue
        if m.params.get("g") != META_GROUP or m.params.get("v") not in ("v1", "v1beta1"):
            continue
        return Target(ser, kind, m.params["v"])
    raise errors.NotAcceptable(errors.status(
        406, "NotAcceptable", "only the following media types are accepted: " + ", ".join(SUPPORTED), {}))


def content_type(target: Target) -> str:
    """The Content-Type header of a response written for ``target``."""
    mt = JSON if target.media_type == PROTOBUF else target.media_type
    if target.convert:
        return f"{mt};as={target.convert};v={target.version};g={META_GROUP}"
    return mt
