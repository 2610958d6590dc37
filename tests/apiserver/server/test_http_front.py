"""The HTTP front as clients see it on the wire: status codes, headers, bodies and streams."""

from __future__ import annotations

import json

import pytest

from kubelab.apiserver.authentication.serviceaccount import serviceaccount_token

from .helpers import PODS, TABLE, pod


# -- discovery, version, health ---------------------------------------------------------
@pytest.mark.parametrize(("accept", "content_type", "kind"), [
    pytest.param("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                 "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
                 "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", "APIGroupDiscoveryList",
                 id="kubectl 1.32 gets v2"),
    pytest.param("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
                 "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
                 "APIGroupDiscoveryList", id="kubectl 1.29 gets v2beta1"),
    pytest.param("application/json", "application/json", "APIGroupList", id="the python client gets legacy"),
])
def test_discovery_answers_in_the_style_the_client_asked_for(http, accept, content_type, kind):
    r = http("GET", "/apis", headers={"Accept": accept})
    assert r.status == 200
    assert r.headers["Content-Type"] == content_type
    assert r.json()["kind"] == kind


def test_version_reports_the_mirrored_kubernetes(http):
    r = http("GET", "/version?timeout=32s")
    assert r.status == 200
    assert (r.json()["major"], r.json()["minor"], r.json()["gitVersion"]) == ("1", "34", "v1.34.1")


def test_health_endpoints_are_plain_text_and_open_to_anonymous(http):
    r = http("GET", "/readyz?verbose", token="")
    assert r.status == 200
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert r.body.decode().endswith("readyz check passed\n")
    assert http("GET", "/livez", token="").body == b"ok"


# -- reads ------------------------------------------------------------------------------
def test_a_list_is_a_table_when_kubectl_asks(http):
    http("POST", PODS, pod("web"))
    r = http("GET", f"{PODS}?limit=500", headers={"Accept": TABLE})
    assert r.status == 200
    assert r.headers["Content-Type"] == "application/json;as=Table;v=v1;g=meta.k8s.io"
    t = r.json()
    assert (t["kind"], t["apiVersion"]) == ("Table", "meta.k8s.io/v1")
    assert [c["name"] for c in t["columnDefinitions"] if c["priority"] == 0] == [
        "Name", "Ready", "Status", "Restarts", "Age"]
    assert t["rows"][0]["cells"][:3] == ["web", "0/1", "Pending"]
    assert t["rows"][0]["object"]["kind"] == "PartialObjectMetadata"
    assert t["metadata"]["resourceVersion"]


def test_include_object_puts_whole_objects_in_rows(http):
    http("POST", PODS, pod("web"))
    t = http("GET", f"{PODS}?includeObject=Object", headers={"Accept": TABLE}).json()
    assert t["rows"][0]["object"]["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert t["rows"][0]["object"]["kind"] == "Pod"


def test_a_single_get_is_a_one_row_table(http):
    http("POST", PODS, pod("web"))
    t = http("GET", f"{PODS}/web", headers={"Accept": TABLE}).json()
    assert len(t["rows"]) == 1 and t["rows"][0]["cells"][0] == "web"


def test_partial_object_metadata_list(http):
    http("POST", PODS, pod("web"))
    r = http("GET", PODS, headers={"Accept": "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"})
    assert r.json()["kind"] == "PartialObjectMetadataList"
    assert r.json()["items"][0] == {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                    "metadata": r.json()["items"][0]["metadata"]}


def test_label_selector_limit_and_continue(http):
    for i in range(3):
        http("POST", PODS, pod(f"p{i}", tier="a" if i else "b"))
    assert [p["metadata"]["name"] for p in http("GET", f"{PODS}?labelSelector=tier%3Da").json()["items"]] == ["p1", "p2"]
    first = http("GET", f"{PODS}?limit=2").json()
    assert len(first["items"]) == 2 and first["metadata"]["continue"]
    rest = http("GET", f"{PODS}?limit=2&continue={first['metadata']['continue']}").json()
    assert [p["metadata"]["name"] for p in rest["items"]] == ["p2"]


def test_yaml_on_request(http):
    http("POST", PODS, pod("web"))
    r = http("GET", f"{PODS}/web", headers={"Accept": "application/yaml"})
    assert r.headers["Content-Type"] == "application/yaml"
    assert r.body.startswith(b"apiVersion: v1\nkind: Pod\n")


# -- writes -----------------------------------------------------------------------------
def test_create_is_201_and_a_body_without_content_type_or_kind_is_read_as_json(http):
    """The Python client 37 sends neither a Content-Type nor apiVersion/kind."""
    body = json.dumps({"metadata": {"name": "bare"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
    conn = http.connect()
    conn.request("POST", PODS, body=body.encode(), headers={"Authorization": f"Bearer {http.token}"})
    r = conn.getresponse()
    assert r.status == 201
    created = json.loads(r.read())
    assert (created["apiVersion"], created["kind"]) == ("v1", "Pod")


def test_dry_run_persists_nothing(http):
    assert http("POST", f"{PODS}?dryRun=All", pod("dry")).status == 201
    assert http("GET", f"{PODS}/dry").status == 404


def test_unknown_fields_warn_in_headers_with_field_validation_warn(http):
    body = pod("w")
    body["spec"]["containers"][0]["imagee"] = "x"
    r = http("POST", f"{PODS}?fieldValidation=Warn", body)
    assert r.status == 201
    assert r.headers.get_all("Warning") == ['299 - "unknown field \\"spec.containers[0].imagee\\""']


def test_unknown_fields_are_rejected_with_field_validation_strict(http):
    body = pod("s")
    body["spec"]["containers"][0]["imagee"] = "x"
    r = http("POST", f"{PODS}?fieldValidation=Strict", body)
    assert r.status == 400
    assert r.json()["message"] == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
                                   'unknown field "spec.containers[0].imagee"')


@pytest.mark.parametrize(("content_type", "patch"), [
    ("application/strategic-merge-patch+json", {"metadata": {"labels": {"x": "y"}}}),
    ("application/merge-patch+json", {"metadata": {"labels": {"x": "y"}}}),
    ("application/json-patch+json", [{"op": "add", "path": "/metadata/labels/x", "value": "y"}]),
    ("application/apply-patch+yaml", {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"x": "y"}}}),
])
def test_the_four_patch_types(http, content_type, patch):
    http("POST", PODS, pod("web"))
    q = "?fieldManager=test" + ("&force=true" if "apply" in content_type else "")
    r = http("PATCH", f"{PODS}/web{q}", patch, headers={"Content-Type": content_type})
    assert r.status == 200, r.body
    assert r.json()["metadata"]["labels"]["x"] == "y"


def test_server_side_apply_creates_what_is_missing(http):
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "1"}}
    r = http("PATCH", "/api/v1/namespaces/default/configmaps/c?fieldManager=kubectl", body,
             headers={"Content-Type": "application/apply-patch+yaml"})
    assert r.status in (200, 201)
    assert http("GET", "/api/v1/namespaces/default/configmaps/c").json()["data"] == {"a": "1"}


# -- errors -----------------------------------------------------------------------------
def test_not_found_names_the_plural_resource(http):
    r = http("GET", "/apis/apps/v1/namespaces/default/deployments/nope")
    assert r.status == 404
    assert r.json() == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                        "message": 'deployments.apps "nope" not found', "reason": "NotFound",
                        "details": {"name": "nope", "group": "apps", "kind": "deployments"}, "code": 404}


def test_already_exists_is_409(http):
    http("POST", PODS, pod("web"))
    r = http("POST", PODS, pod("web"))
    assert (r.status, r.json()["reason"], r.json()["details"]["kind"]) == (409, "AlreadyExists", "pods")


def test_invalid_carries_causes(http):
    bad = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "Bad_Name"}, "spec": {"containers": []}}
    r = http("POST", PODS, bad)
    assert r.status == 422
    st = r.json()
    assert st["reason"] == "Invalid" and st["details"]["kind"] == "Pod"
    assert {c["field"] for c in st["details"]["causes"]} >= {"metadata.name", "spec.containers"}


def test_an_unknown_route_is_404_not_found(http):
    r = http("GET", "/apis/example.com/v1/widgets")
    assert (r.status, r.json()["message"]) == (404, "the server could not find the requested resource")
    assert http("GET", "/openapi/v2").status == 404


def test_a_bad_token_is_401_and_no_token_is_anonymous(http):
    assert http("GET", PODS, token="nope").status == 401
    r = http("GET", PODS, token="")
    assert r.status == 403
    assert r.json()["message"] == ('pods is forbidden: User "system:anonymous" cannot list resource "pods" in API '
                                   'group "" in the namespace "default"')


def test_a_service_account_token_is_held_to_rbac(fast, http):
    http("POST", "/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "restricted"}})
    sa = http("GET", "/api/v1/namespaces/default/serviceaccounts/restricted").json()
    token = serviceaccount_token("default", "restricted", sa["metadata"]["uid"])
    r = http("GET", PODS, token=token)
    assert r.status == 403
    assert r.json()["message"].startswith(
        'pods is forbidden: User "system:serviceaccount:default:restricted" cannot list resource "pods"')


def test_protobuf_that_cannot_be_read_is_415(http):
    r = http("POST", "/api/v1/namespaces/default/serviceaccounts/default/token", b"k8s\x00\n\x00",
             headers={"Content-Type": "application/vnd.kubernetes.protobuf"})
    assert r.status == 415 and r.json()["reason"] == "UnsupportedMediaType"


@pytest.mark.parametrize("sub", ["exec", "attach", "portforward"])
def test_connecting_to_a_container_says_there_is_no_process(http, sub):
    http("POST", PODS, pod("web"))
    r = http("POST", f"{PODS}/web/{sub}?command=ls", headers={"Upgrade": "SPDY/3.1", "Connection": "Upgrade"})
    assert r.status == 400
    assert "kubelab simulates containers: there is no process to" in r.json()["message"]


def test_the_admin_acts_as_the_impersonated_user(http):
    r = http("GET", PODS, headers={"Impersonate-User": "jane"})
    assert r.status == 403
    assert r.json()["message"] == ('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in '
                                   'the namespace "default"')
    assert http("GET", PODS, headers={"Impersonate-User": "jane", "Impersonate-Group": "system:masters"}).status == 200


def test_impersonating_a_service_account_takes_its_groups(fast, http):
    fast.client.create("rolebindings", {
        "metadata": {"name": "sa-view"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                                                     "name": "view"},
        "subjects": [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccounts"}]},
        "default")
    r = http("GET", PODS, headers={"Impersonate-User": "system:serviceaccount:default:robot"})
    assert r.status == 200


def test_impersonation_needs_the_impersonate_verb(fast, http):
    from kubelab.apiserver.authentication.user import UserInfo

    bob = fast.token_for(UserInfo("bob", groups=("system:authenticated",)))
    r = http("GET", PODS, headers={"Impersonate-User": "jane"}, token=bob)
    assert r.status == 403
    assert r.json()["message"] == ('users "jane" is forbidden: User "bob" cannot impersonate resource "users" in '
                                   'API group "" at the cluster scope')
    assert r.json()["details"] == {"name": "jane", "kind": "users"}


# -- watches ----------------------------------------------------------------------------
def test_watch_streams_initial_state_then_changes(fast, http):
    http("POST", PODS, pod("a"))
    conn = http.connect()
    conn.request("GET", f"{PODS}?watch=True", headers=http.headers(None, None))
    resp = conn.getresponse()
    assert resp.status == 200 and resp.headers["Transfer-Encoding"] == "chunked"
    first = json.loads(resp.readline())
    http("POST", PODS, pod("b"))
    http("DELETE", f"{PODS}/a")
    second, third = json.loads(resp.readline()), json.loads(resp.readline())
    conn.close()
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in (first, second, third)] == [
        ("ADDED", "a"), ("ADDED", "b"), ("DELETED", "a")]


def test_watch_list_ends_initial_events_with_the_bookmark(http):
    http("POST", PODS, pod("a"))
    r = http.stream(f"{PODS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                    "&allowWatchBookmarks=true", until=2)
    added, bookmark = r.events()
    assert added["type"] == "ADDED"
    assert bookmark["type"] == "BOOKMARK"
    assert bookmark["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}
    assert (bookmark["object"]["kind"], bookmark["object"]["apiVersion"]) == ("Pod", "v1")


def test_table_watch_sends_column_definitions_once(http):
    http("POST", PODS, pod("a"))
    http("POST", PODS, pod("b"))
    r = http.stream(f"{PODS}?watch=true", until=2, headers={"Accept": TABLE})
    first, second = r.events()
    assert first["object"]["kind"] == "Table" and first["object"]["columnDefinitions"]
    assert second["object"]["columnDefinitions"] is None
    assert [e["object"]["rows"][0]["cells"][0] for e in (first, second)] == ["a", "b"]


def test_a_compacted_resource_version_is_an_error_event_410(fast, http):
    for i in range(120):
        http("POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": f"c{i}"}})
    fast.run(80)
    http("POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": "late"}})
    r = http.stream("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=2", until=5)
    assert r.status == 200
    [event] = r.events()
    assert event["type"] == "ERROR"
    assert (event["object"]["code"], event["object"]["reason"]) == (410, "Expired")
    assert event["object"]["message"].startswith("too old resource version: 2 (")


def test_timeout_seconds_ends_the_stream(http):
    r = http.stream(f"{PODS}?watch=true&timeoutSeconds=1", until=10)
    assert r.status == 200 and r.lines == []


# -- logs and openapi -------------------------------------------------------------------
def test_logs_of_a_waiting_container_are_a_bad_request(http):
    http("POST", PODS, pod("web"))
    r = http("GET", f"{PODS}/web/log")
    assert (r.status, r.json()["message"]) == (400, 'container "app" in pod "web" is waiting to start: ContainerCreating')


def test_logs_follow_streams_new_lines_until_the_container_ends(fast, http):
    http("POST", PODS, pod("web"))
    logs = fast.apiserver.pod_logs
    logs[("default", "web", "app")] = ["one\n"]
    conn = http.connect()
    conn.request("GET", f"{PODS}/web/log?follow=true", headers=http.headers(None, None))
    resp = conn.getresponse()
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert resp.readline() == b"one\n"
    logs[("default", "web", "app")].append("two\n")
    assert resp.readline() == b"two\n"
    http("DELETE", f"{PODS}/web?gracePeriodSeconds=0")
    assert resp.read() == b""
    conn.close()


def test_openapi_documents_are_immutable_behind_their_hash(http):
    index = http("GET", "/openapi/v3").json()
    url = index["paths"]["apis/apps/v1"]["serverRelativeURL"]
    r = http("GET", url)
    assert r.status == 200 and r.headers["Cache-Control"] == "public, immutable"
    assert r.json()["paths"]
    stale = http("GET", "/openapi/v3/apis/apps/v1?hash=0")
    assert stale.status == 301 and stale.headers["Location"] == url
    etag = r.headers["Etag"]
    assert http("GET", url, headers={"If-None-Match": etag}).status == 304


# -- transport ----------------------------------------------------------------------------
def test_plain_http_on_the_tls_port_gets_gos_answer(served):
    import socket

    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
        sock.sendall(b"GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(200) == b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"


def test_plain_http_on_request_sends_no_credentials(fast, tmp_path):
    import http.client

    import yaml

    from kubelab.apiserver.server import serve

    s = serve(fast.env, fast.apiserver, fast.admin_token, tls=False, kubeconfig=tmp_path / "kc")
    try:
        assert s.url.startswith("http://127.0.0.1:")
        cfg = yaml.safe_load((tmp_path / "kc").read_text())
        assert cfg["users"][0]["user"] == {}  # clients would not send a token over plain HTTP
        assert "certificate-authority-data" not in cfg["clusters"][0]["cluster"]
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=5)
        conn.request("GET", "/version")
        assert conn.getresponse().status == 200
    finally:
        s.stop()


def test_write_kubeconfig_for_another_identity(served, tmp_path):
    import yaml

    cfg = yaml.safe_load(open(served.write_kubeconfig(tmp_path / "jane", "tok", user="jane", namespace="dev")))
    assert cfg["current-context"] == "jane@kubelab"
    assert cfg["users"] == [{"name": "jane", "user": {"token": "tok"}}]
    assert cfg["contexts"][0]["context"] == {"cluster": "kubelab", "user": "jane", "namespace": "dev"}
    assert cfg["clusters"][0]["cluster"]["server"] == served.url
