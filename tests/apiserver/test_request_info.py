"""Request-info resolution from REST paths, as the handler chain's first step does it."""

import pytest

from kubelab.apiserver.endpoints.request import new_request_info

CASES = [
    # (id after upstream's TestGetAPIRequestInfo cases, method, path, query, expected)
    ("get namespaced object", "GET", "/api/v1/namespaces/other/pods/foo", {},
     ("get", "", "v1", "other", "pods", "foo", "")),
    ("list across namespaces", "GET", "/api/v1/pods", {}, ("list", "", "v1", "", "pods", "", "")),
    ("watch via query", "GET", "/api/v1/namespaces/other/pods", {"watch": "true"},
     ("watch", "", "v1", "other", "pods", "", "")),
    ("watch via legacy prefix", "GET", "/api/v1/watch/namespaces/other/pods", {},
     ("watch", "", "v1", "other", "pods", "", "")),
    ("create subresource", "POST", "/api/v1/namespaces/other/pods/foo/binding", {},
     ("create", "", "v1", "other", "pods", "foo", "binding")),
    ("grouped scale", "PUT", "/apis/apps/v1/namespaces/ns/deployments/web/scale", {},
     ("update", "apps", "v1", "ns", "deployments", "web", "scale")),
    ("namespace object", "GET", "/api/v1/namespaces/kube-system", {},
     ("get", "", "v1", "kube-system", "namespaces", "kube-system", "")),
    ("namespace finalize", "PUT", "/api/v1/namespaces/x/finalize", {},
     ("update", "", "v1", "x", "namespaces", "x", "finalize")),
    ("cluster-scoped status", "PATCH", "/api/v1/nodes/n1/status", {},
     ("patch", "", "v1", "", "nodes", "n1", "status")),
    ("delete collection", "DELETE", "/api/v1/namespaces/x/pods", {},
     ("deletecollection", "", "v1", "x", "pods", "", "")),
    ("list by name is a get of that name for authorization", "GET", "/api/v1/namespaces/x/pods",
     {"fieldSelector": "metadata.name=a"}, ("list", "", "v1", "x", "pods", "a", "")),
]


@pytest.mark.parametrize("method,path,query,want", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_resource_requests_resolve_like_upstream(method, path, query, want):
    i = new_request_info(method, path, query)
    assert i.is_resource_request
    assert (i.verb, i.api_group, i.api_version, i.namespace, i.resource, i.name, i.subresource) == want


@pytest.mark.parametrize("path", ["/healthz", "/version", "/api", "/apis", "/apis/apps", "/apis/apps/v1", "/metrics"])
def test_paths_outside_resources_are_non_resource_requests(path):
    i = new_request_info("GET", path)
    assert not i.is_resource_request and i.verb == "get"
