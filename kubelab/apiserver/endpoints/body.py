"""Reading request bodies: JSON or YAML text or already-decoded dicts, and the GVK checks.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{create.go,update.go,rest.go}
(limitedReadBody, the codec's Decode with the endpoint's default GroupVersionKind)
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from kubelab.api import errors
from kubelab.api.scheme import ResourceInfo, served_versions, split_api_version

Obj = dict[str, Any]


def parse_body(body: Any, content_type: str = "") -> Any:
    """The request body as data. A missing Content-Type is read as JSON (then YAML)."""
    if body is None or isinstance(body, dict | list):
        return body
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    text = str(body)
    if "yaml" in content_type:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise errors.new_bad_request(f"error converting YAML to JSON: {e}") from None
    try:
        return json.loads(text)
    except ValueError:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            raise errors.new_bad_request(
                "the object provided is unrecognized (must be of type " + "JSON)") from None


def check_gvk(obj: Any, info: ResourceInfo, version: str, *, kind: str = "", group: str | None = None) -> Obj:
    """Fill a missing apiVersion/kind from the endpoint; reject a mismatch.

    ``kind``/``group`` name a subresource's own type (Binding, Scale.autoscaling, Eviction.policy).

    Mirrors: the codec's defaulting to the endpoint GVK and create.go's
    "the API version in the data (%s) does not match the expected API version (%v)"
    """
    want_kind = kind or info.kind
    if not isinstance(obj, dict):
        raise errors.new_bad_request(f"the object provided is unrecognized (must be of type {want_kind})")
    want_group = info.group if group is None else group
    versions = served_versions(info) if group is None else (version,)
    want_gv = f"{want_group}/{version}" if want_group else version
    api_version = obj.get("apiVersion") or ""
    k = obj.get("kind") or ""
    if not api_version:
        obj["apiVersion"] = want_gv
    elif api_version != want_gv:
        g, v = split_api_version(api_version)
        if g != want_group or v not in versions:
            raise errors.new_bad_request(
                f"the API version in the data ({api_version}) does not match the expected API version ({want_gv})")
    if not k:
        obj["kind"] = want_kind
    elif k != want_kind:
        raise errors.new_bad_request(
            f"{k} in version \"{version}\" cannot be handled as a {want_kind}: "
            f"the kind in the data ({k}) does not match the expected kind ({want_kind})")
    return obj
