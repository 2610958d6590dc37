"""Regenerate kubelab/api/openapi/definitions.json.gz from the official v1.34 schemas.

The schemas come from the `kubernetes-validate` package (the upstream OpenAPI
definitions, Apache-2.0). Only the definitions reachable from the kinds kubelab serves
are kept. Run: python tools/extract_openapi.py  (needs `pip install kubernetes-validate`).
"""

import gzip
import json
import pathlib
import sys

import kubernetes_validate

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from kubelab.api import scheme  # noqa: E402

SRC = (pathlib.Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema"
       / "v1.34.0-local-strict" / "_definitions.json")
OUT = pathlib.Path(__file__).resolve().parents[1] / "kubelab/api/openapi/definitions.json.gz"
EXTRA = [
    "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
    "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList",
    "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent",
    "io.k8s.api.autoscaling.v1.Scale",
    "io.k8s.api.policy.v1.Eviction",
]


def main() -> None:
    defs = json.loads(SRC.read_text())["$defs"]
    by_gvk = {}
    for name, d in defs.items():
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            by_gvk[(gvk["group"], gvk["version"], gvk["kind"])] = name
    roots = list(EXTRA)
    for r in scheme.RESOURCES:
        for v in scheme.served_versions(r):
            name = by_gvk.get((r.group, v, r.kind))
            if name:
                roots.append(name)
                list_name = by_gvk.get((r.group, v, r.kind + "List"))
                if list_name:
                    roots.append(list_name)
    keep: dict = {}

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                visit(ref.rsplit("/", 1)[-1])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    def visit(name):
        if name in keep:
            return
        keep[name] = defs[name]
        walk(defs[name])

    for name in roots:
        visit(name)
    data = json.dumps({"version": "v1.34.0", "definitions": dict(sorted(keep.items()))},
                      separators=(",", ":"), sort_keys=True).encode()
    OUT.write_bytes(gzip.compress(data, mtime=0))
    print(f"{len(keep)} definitions, {len(data)} bytes, {OUT.stat().st_size} gzipped")


if __name__ == "__main__":
    main()
