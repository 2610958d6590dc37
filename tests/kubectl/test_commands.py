import json

import pytest

from kubelab.kubectl import run
from kubelab.kubectl.yamlio import LAST_APPLIED

from .fakeclient import FakeClient
from .objects import cluster

DEPLOY_YAML = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
"""
SERVICE_YAML = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
"""


def k(c, cmd, stdin=None, now=600.0):
    r = run(cmd, c, now=now, stdin=stdin)
    return r.stdout, r.stderr, r.exit_code


# --- get ----------------------------------------------------------------------------------------

def test_get_prints_the_server_table():
    assert k(cluster(), "get pods") == (
        "NAME              READY   STATUS    RESTARTS   AGE\nweb-7d4b9-x2x9k   1/1     Running   0          9m59s\n",
        "", 0)


def test_get_several_kinds_prefixes_names_and_separates_tables_with_a_blank_line():
    out, err, code = k(cluster(), "get deploy,rs")
    assert out == (
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "deployment.apps/web   3/3     3            3           10m\n"
        "\n"
        "NAME                        DESIRED   CURRENT   READY   AGE\n"
        "replicaset.apps/web-7d4b9   3         3         3       10m\n")


def test_get_all_skips_kinds_with_nothing_to_show():
    out, _, _ = k(cluster(), "get all")
    assert [line.split()[0] for line in out.splitlines() if line and not line.startswith("NAME")] == [
        "pod/web-7d4b9-x2x9k", "deployment.apps/web", "replicaset.apps/web-7d4b9"]


def test_get_no_headers_drops_headers_and_blank_lines():
    out, _, _ = k(cluster(), "get deploy,rs --no-headers")
    assert out == ("deployment.apps/web   3/3   3     3     10m\n"
                   "replicaset.apps/web-7d4b9   3     3     3     10m\n")


def test_get_nothing_found_goes_to_stderr():
    assert k(FakeClient(), "get pods") == ("", "No resources found in default namespace.\n", 0)
    assert k(FakeClient(), "get nodes") == ("", "No resources found\n", 0)
    assert k(FakeClient(), "get pods -A") == ("", "No resources found\n", 0)


def test_get_missing_names_print_found_ones_then_errors():
    out, err, code = k(cluster(), "get pod web-7d4b9-x2x9k nope")
    assert out.startswith("NAME              READY") and code == 1
    assert err == 'Error from server (NotFound): pods "nope" not found\n'


def test_get_ignore_not_found_is_quiet():
    assert k(cluster(), "get pod nope --ignore-not-found") == ("", "", 0)


def test_get_single_object_yaml_is_the_object_and_lists_are_lists():
    out, _, _ = k(cluster(), "get deploy web -o yaml")
    assert out.startswith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n")
    out, _, _ = k(cluster(), "get deploy -o yaml")
    assert out.startswith("apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n")
    assert out.endswith("kind: List\nmetadata:\n  resourceVersion: \"\"\n")


def test_get_json_of_a_list_is_a_v1_list():
    out, _, _ = k(FakeClient(), "get pods -o json")
    assert json.loads(out) == {"apiVersion": "v1", "items": [], "kind": "List", "metadata": {"resourceVersion": ""}}
    assert out == ('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n'
                   '        "resourceVersion": ""\n    }\n}\n')


def test_get_jsonpath_range_and_newlines():
    out, _, _ = k(cluster(), "get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}"
                              "{.status.podIP}{\"\\n\"}{end}'")
    assert out == "web-7d4b9-x2x9k\t10.244.1.5\n"


def test_get_label_columns_and_show_labels():
    out, _, _ = k(cluster(), "get pods -L app --show-labels")
    assert out.splitlines()[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "APP", "LABELS"]
    assert out.splitlines()[1].endswith("9m59s   web   app=web,pod-template-hash=7d4b9")


def test_get_sort_by_orders_rows():
    c = FakeClient(now=100)
    for name, created in (("b", 30), ("a", 10), ("c", 20)):
        c.add({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}}, created=created)
    out, _, _ = k(c, "get cm --sort-by=.metadata.creationTimestamp -o name")
    assert out == "configmap/a\nconfigmap/c\nconfigmap/b\n"
    out, _, _ = k(c, "get cm --sort-by=.metadata.creationTimestamp --no-headers")
    assert [line.split()[0] for line in out.splitlines()] == ["a", "c", "b"]


@pytest.mark.parametrize("cmd,err", [
    ("get foo", 'error: the server doesn\'t have a resource type "foo"\n'),
    ("get pods web -A", "error: a resource cannot be retrieved by name across all namespaces\n"),
    ("get pods web -l app=web", "error: name cannot be provided when a selector is specified\n"),
    ("get pods pod/web", "error: there is no need to specify a resource type as a separate argument when passing "
                         "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                         "'kubectl get resource resource/<resource_name>'\n"),
    ("get pods -o yaml --show-labels", "error: --show-labels option cannot be used with yaml printer\n"),
    ("get pods --bogus", "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"),
])
def test_get_argument_errors(cmd, err):
    assert k(cluster(), cmd) == ("", err, 1)


def test_unknown_commands_suggest_close_ones():
    assert k(FakeClient(), "descirbe pods") == (
        "", 'error: unknown command "descirbe" for "kubectl"\n\nDid you mean this?\n\tdescribe\n', 1)


# --- apply and create ---------------------------------------------------------------------------

def test_apply_creates_then_is_unchanged_then_configures():
    c = FakeClient(now=10)
    assert k(c, "apply -f -", DEPLOY_YAML + "---\n" + SERVICE_YAML) == (
        "deployment.apps/web created\nservice/web created\n", "", 0)
    assert k(c, "apply -f -", DEPLOY_YAML + "---\n" + SERVICE_YAML) == (
        "deployment.apps/web unchanged\nservice/web unchanged\n", "", 0)
    assert k(c, "apply -f -", DEPLOY_YAML.replace("1.25", "1.26")) == ("deployment.apps/web configured\n", "", 0)


def test_apply_records_the_last_applied_configuration_with_a_trailing_newline():
    c = FakeClient()
    k(c, "apply -f -", DEPLOY_YAML)
    ann = c.store[("deployments.apps", "default", "web")]["metadata"]["annotations"][LAST_APPLIED]
    assert ann == ('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web",'
                   '"namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},'
                   '"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25",'
                   '"name":"nginx"}]}}}}\n')


def test_apply_sends_a_three_way_strategic_merge_patch():
    c = FakeClient()
    k(c, "apply -f -", DEPLOY_YAML)
    k(c, "apply -f -", DEPLOY_YAML.replace("1.25", "1.26"))
    verb, resource, name, ns, ptype, sub, manager, patch = c.calls[-1]
    assert (verb, ptype, manager) == ("patch", "strategic", "kubectl-client-side-apply")
    assert patch["spec"] == {"template": {"spec": {"$setElementOrder/containers": [{"name": "nginx"}],
                                                   "containers": [{"image": "nginx:1.26", "name": "nginx"}]}}}


def test_apply_applies_valid_documents_and_reports_broken_yaml():
    broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: a: b\n"
    assert k(FakeClient(), "apply -f -", DEPLOY_YAML + "---\n" + broken) == (
        "deployment.apps/web created\n",
        "error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed "
        "in this context\n", 1)


def test_apply_reports_unknown_kinds_and_missing_kinds():
    out, err, code = k(FakeClient(), "apply -f -", "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n")
    assert err == ('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for '
                   'kind "Foo" in version "v1"\nensure CRDs are installed first\n')
    out, err, code = k(FakeClient(), "apply -f -", "apiVersion: v1\nmetadata:\n  name: x\n")
    assert err == ('error: unable to decode "STDIN": Object \'Kind\' is missing in '
                   '\'{"apiVersion":"v1","metadata":{"name":"x"}}\'\n')


@pytest.mark.parametrize("flags,suffix", [("--dry-run=client", "created (dry run)"),
                                          ("--dry-run=server", "created (server dry run)"),
                                          ("--server-side", "serverside-applied")])
def test_apply_modes_print_their_operation(flags, suffix):
    c = FakeClient()
    assert k(c, f"apply -f - {flags}", DEPLOY_YAML) == (f"deployment.apps/web {suffix}\n", "", 0)
    assert (("deployments.apps", "default", "web") in c.store) is (flags == "--server-side")


def test_apply_without_files_and_bad_flag_combinations():
    assert k(FakeClient(), "apply") == ("", "error: must specify one of -f and -k\n", 1)
    assert k(FakeClient(), "apply -f - --force-conflicts", DEPLOY_YAML) == (
        "", "error: --force-conflicts only works with --server-side\n", 1)


def test_create_reports_existing_objects_with_their_source():
    c = FakeClient()
    assert k(c, "create -f -", DEPLOY_YAML) == ("deployment.apps/web created\n", "", 0)
    assert k(c, "create -f -", DEPLOY_YAML) == (
        "", 'Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists\n',
        1)


def test_apply_reads_real_files(tmp_path):
    p = tmp_path / "web.yaml"
    p.write_text(DEPLOY_YAML)
    assert k(FakeClient(), f"apply -f {p}") == ("deployment.apps/web created\n", "", 0)
    assert k(FakeClient(), f"apply -f {tmp_path}/nope.yaml") == (
        "", f'error: the path "{tmp_path}/nope.yaml" does not exist\n', 1)


# --- delete, label, annotate, scale ------------------------------------------------------------

def test_delete_prints_one_line_per_object_and_sends_delete_options():
    c = cluster()
    assert k(c, "delete deploy web --cascade=foreground") == ('deployment.apps "web" deleted\n', "", 0)
    assert c.calls[-1] == ("delete", "deployments.apps", "web", "default", "Foreground", None)
    assert k(c, "delete pod web-7d4b9-x2x9k --now") == ('pod "web-7d4b9-x2x9k" deleted\n', "", 0)
    assert c.calls[-1][-1] == 1


def test_delete_force_warns_and_says_force_deleted():
    assert k(cluster(), "delete pod web-7d4b9-x2x9k --force --grace-period=0") == (
        'pod "web-7d4b9-x2x9k" force deleted\n',
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. "
        "The resource may continue to run on the cluster indefinitely.\n", 0)


def test_delete_all_with_nothing_says_no_resources_found_on_stdout():
    assert k(FakeClient(), "delete pods --all") == ("No resources found\n", "", 0)


@pytest.mark.parametrize("cmd,err", [
    ("delete pod nope", 'Error from server (NotFound): pods "nope" not found\n'),
    ("delete pods", "error: resource(s) were provided, but no name was specified\n"),
    ("delete pods --all -l app=web", "error: cannot set --all and --selector at the same time\n"),
    ("delete pod x --now --grace-period=5", "error: --now and --grace-period cannot be specified together\n"),
])
def test_delete_errors(cmd, err):
    assert k(cluster(), cmd) == ("", err, 1)


def test_label_add_overwrite_and_remove():
    c = cluster()
    assert k(c, "label deploy web tier=frontend") == ("deployment.apps/web labeled\n", "", 0)
    assert k(c, "label deploy web tier=backend") == (
        "", "error: 'tier' already has a value (frontend), and --overwrite is false\n", 1)
    assert k(c, "label deploy web tier=backend --overwrite") == ("deployment.apps/web labeled\n", "", 0)
    assert k(c, "label deploy web tier-") == ("deployment.apps/web unlabeled\n", "", 0)
    assert k(c, "label deploy web tier-") == (
        'label "tier" not found.\ndeployment.apps/web not labeled\n', "", 0)
    assert c.calls[-1][4] == "merge"


def test_label_requires_an_update_and_a_resource():
    assert k(cluster(), "label deploy web") == ("", "error: at least one label update is required\n", 1)
    assert k(cluster(), "label a=b") == (
        "", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n", 1)


def test_annotate_refuses_to_overwrite_without_the_flag():
    c = cluster()
    assert k(c, "annotate deploy web owner=team-a") == ("deployment.apps/web annotated\n", "", 0)
    assert k(c, "annotate deploy web owner=team-b") == (
        "", "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a "
            "value (team-a)\n", 1)
    assert k(c, "annotate deploy web owner=team-b --overwrite") == ("deployment.apps/web annotated\n", "", 0)


def test_scale_patches_the_scale_subresource_and_checks_current_replicas():
    c = cluster()
    assert k(c, "scale deploy/web --replicas=5") == ("deployment.apps/web scaled\n", "", 0)
    assert c.calls[-1][:6] == ("patch", "deployments.apps", "web", "default", "merge", "scale")
    assert k(c, "scale deploy web --replicas=1 --current-replicas=3") == (
        "", "error: Expected replicas to be 3, was 5\n", 1)
    assert k(c, "scale deploy web") == (
        "", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n", 1)


# --- discovery and version ----------------------------------------------------------------------

def test_api_resources_columns_and_order():
    out, _, _ = k(FakeClient(), "api-resources")
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    assert lines[1].split() == ["bindings", "v1", "true", "Binding"]
    assert "deployments                deploy       apps/v1                        true         Deployment" in lines


def test_api_resources_wide_and_filters():
    out, _, _ = k(FakeClient(), "api-resources --api-group=apps --namespaced=true -o wide")
    assert out.splitlines()[0].split() == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS",
                                           "CATEGORIES"]
    assert any(line.split()[-1] == "all" and line.startswith("deployments ") for line in out.splitlines())
    assert k(FakeClient(), "api-resources -o name --api-group=batch")[0] == "cronjobs.batch\njobs.batch\n"


def test_api_versions_are_sorted():
    out, _, _ = k(FakeClient(), "api-versions")
    assert out.splitlines()[0] == "apps/v1" and out.splitlines()[-1] == "v1"


def test_version_prints_client_kustomize_and_server_versions():
    assert k(FakeClient(), "version") == (
        "Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.1\n", "", 0)
    assert k(FakeClient(), "kubectl version --client")[0] == "Client Version: v1.34.1\nKustomize Version: v5.7.1\n"


def test_result_prints_as_a_terminal_would():
    r = run("get pod nope", FakeClient(), now=0)
    assert str(r) == repr(r) == 'Error from server (NotFound): pods "nope" not found\n'


def test_delete_reports_what_kubectl_would_wait_for():
    c = cluster()
    uid = c.store[("deployments.apps", "default", "web")]["metadata"]["uid"]
    r = run("delete deploy web", c, now=0)
    assert r.wait_for == [("deployments.apps", "default", "web", uid)]
    assert run("delete pod web-7d4b9-x2x9k --wait=false", c, now=0).wait_for == []


def test_apply_a_directory_applies_its_manifests_in_name_order(tmp_path):
    (tmp_path / "b-svc.yaml").write_text(SERVICE_YAML)
    (tmp_path / "a-deploy.yml").write_text(DEPLOY_YAML)
    (tmp_path / "notes.txt").write_text("not a manifest")
    assert k(FakeClient(), f"apply -f {tmp_path}") == ("deployment.apps/web created\nservice/web created\n", "", 0)


def test_go_templates_are_not_offered():
    out, err, code = k(cluster(), "get pods -o go-template={{.kind}}")
    assert (out, code) == ("", 1) and "go-template" in err
