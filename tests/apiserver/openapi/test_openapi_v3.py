"""/openapi/v3: the index and the group-version documents kubectl apply, diff and explain read."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api import openapi as defs
from kubelab.api import scheme
from kubelab.apiserver import openapi
from kubelab.apiserver.openapi import schemaconv

GVS = openapi.group_versions()


def refs(x: Any) -> list[str]:
    out: list[str] = []
    if isinstance(x, dict):
        for k, v in x.items():
            if k == "$ref":
                out.append(v)
            else:
                out.extend(refs(v))
    elif isinstance(x, list):
        for v in x:
            out.extend(refs(v))
    return out


def test_the_index_lists_every_served_group_version_behind_a_content_hash():
    index = openapi.discovery()
    served = {f"apis/{r.group}/{v}" if r.group else f"api/{v}" for r in scheme.RESOURCES
              for v in scheme.served_versions(r)}
    assert set(index["paths"]) == served
    for gv, entry in index["paths"].items():
        data, etag = openapi.group_version(gv)
        assert etag == hashlib.sha512(data).hexdigest().upper()
        assert entry == {"serverRelativeURL": f"/openapi/v3/{gv}?hash={etag}"}
        assert json.loads(data) == openapi.document(gv)


@pytest.mark.parametrize("gv", GVS)
def test_every_patch_operation_advertises_field_validation_for_its_kind(gv):
    """kubectl checks this (QueryParamVerifierV3) before it leaves validation to the server."""
    doc = openapi.document(gv)
    group, _, version = gv.removeprefix("api/").removeprefix("apis/").rpartition("/")
    kinds = {r.kind for r in scheme.RESOURCES if r.group == group and version in scheme.served_versions(r)
             and "patch" in r.verbs}
    patched = set()
    for path, item in doc["paths"].items():
        op = item.get("patch")
        if op is None:
            continue
        assert "fieldValidation" in [p["name"] for p in op["parameters"]], path
        assert set(op["requestBody"]["content"]) == {
            "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json"}
        gvk = op["x-kubernetes-group-version-kind"]
        if path.endswith("/{name}"):
            assert (gvk["group"], gvk["version"]) == (group, version)
            patched.add(gvk["kind"])
    assert patched == kinds


@pytest.mark.parametrize("gv", GVS)
def test_every_reference_resolves_inside_the_document(gv):
    doc = openapi.document(gv)
    schemas = doc["components"]["schemas"]
    for r in refs(doc):
        assert r.startswith("#/components/schemas/"), r
        assert r.removeprefix("#/components/schemas/") in schemas, r


def test_kinds_keep_their_descriptions_and_gvk_for_explain():
    schemas = openapi.document("apis/apps/v1")["components"]["schemas"]
    d = schemas["io.k8s.api.apps.v1.Deployment"]
    assert d["description"] == "Deployment enables declarative updates for Pods and ReplicaSets."
    assert d["x-kubernetes-group-version-kind"] == [{"group": "apps", "kind": "Deployment", "version": "v1"}]
    assert d["type"] == "object"
    assert "enum" not in d["properties"]["apiVersion"] and "enum" not in d["properties"]["kind"]
    assert d["properties"]["spec"] == {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec"}],
                                       "description": "Specification of the desired behavior of the Deployment."}


def test_int_or_string_and_quantity_are_one_of_two_types_as_upstream():
    schemas = openapi.document("api/v1")["components"]["schemas"]
    assert schemas[schemaconv.INT_OR_STRING]["oneOf"] == [{"type": "integer"}, {"type": "string"}]
    assert schemas[schemaconv.INT_OR_STRING]["format"] == "int-or-string"
    assert schemas[schemaconv.QUANTITY]["oneOf"] == [{"type": "string"}, {"type": "number"}]


def test_list_fields_keep_their_patch_merge_keys():
    c = openapi.document("api/v1")["components"]["schemas"]["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"]
    assert c["x-kubernetes-patch-merge-key"] == "name"
    assert c["x-kubernetes-patch-strategy"] == "merge"


@pytest.mark.parametrize(("path", "found"), [
    ("/openapi/v3", True),
    ("/openapi/v3/apis/apps/v1", True),
    ("/openapi/v3/apis/apps/v2", False),
    ("/openapi/v3/apis/example.com/v1", False),
    ("/openapi/v2", False),
])
def test_serve_answers_the_v3_paths_only(path, found):
    assert (openapi.serve(path) is not None) == found


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(defs.definitions())))
def test_converted_schemas_are_openapi_v3_shaped(name):
    def walk(s: Any) -> None:
        if isinstance(s, dict):
            assert not isinstance(s.get("type"), list), name
            assert s.get("additionalProperties") is not False, name
            if "$ref" in s:
                assert s["$ref"].startswith("#/components/schemas/"), name
                assert set(s) == {"$ref"}, name  # siblings go into allOf
            for k, v in s.items():
                if k != "properties":
                    walk(v)
            for v in (s.get("properties") or {}).values():
                walk(v)
        elif isinstance(s, list):
            for v in s:
                walk(v)
    walk(schemaconv.v3_schema(name))
