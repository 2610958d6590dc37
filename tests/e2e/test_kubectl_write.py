"""Writes through the real kubectl: what it prints and what the cluster then holds."""

from __future__ import annotations

import json

import pytest

from kubelab.apiserver.authentication.serviceaccount import serviceaccount_token


def ok(ran) -> str:
    assert ran.exit_code == 0, str(ran)
    return ran.stdout


# -- apply, create, replace, delete -------------------------------------------------------
def test_client_side_apply_creates_then_is_unchanged_then_configured(cluster, kubectl):
    assert ok(kubectl("apply -f deployment.yaml")) == "deployment.apps/web created\n"
    assert ok(kubectl("apply -f deployment.yaml")) == "deployment.apps/web unchanged\n"
    assert ok(kubectl("apply -f deployment-1.28.yaml")) == "deployment.apps/web configured\n"
    d = cluster.get("deployment", "web")
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.28"
    assert "kubectl.kubernetes.io/last-applied-configuration" in d["metadata"]["annotations"]
    assert d["metadata"]["generation"] == 2


def test_server_side_apply_creates_what_is_missing(cluster, kubectl):
    assert ok(kubectl("apply --server-side -f deployment.yaml")) == "deployment.apps/web serverside-applied\n"
    assert ok(kubectl("apply --server-side -f deployment-1.28.yaml")) == "deployment.apps/web serverside-applied\n"
    managers = {m["manager"]: m["operation"] for m in cluster.get("deployment", "web")["metadata"]["managedFields"]}
    assert managers == {"kubectl": "Apply"}


def test_server_side_apply_conflicts_with_another_manager(kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    ran = kubectl("apply --server-side -f deployment-1.28.yaml")
    assert ran.exit_code == 1
    assert ran.stderr.startswith('error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" '
                                 'using apps/v1: .spec.template.spec.containers[name="nginx"].image\n')


def test_server_dry_run_changes_nothing(cluster, kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl("apply --dry-run=server -f deployment-1.28.yaml")) == \
        "deployment.apps/web configured (server dry run)\n"
    assert cluster.get("deployment", "web")["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"


def test_create_then_already_exists(kubectl):
    assert ok(kubectl("create -f pod.yaml")) == "pod/tmp created\n"
    ran = kubectl("create -f pod.yaml")
    assert (ran.exit_code, ran.stderr) == (
        1, 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "tmp" already exists\n')


def test_replace_then_conflict_on_a_stale_resource_version(cluster, kubectl):
    ok(kubectl("create -f configmap.yaml"))
    assert ok(kubectl("replace -f configmap-2.yaml")) == "configmap/cfg replaced\n"
    assert cluster.get("configmap", "cfg")["data"] == {"a": "2"}
    ran = kubectl("replace -f stale.yaml")
    assert (ran.exit_code, ran.stderr) == (1, (
        'Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on '
        'configmaps "cfg": the object has been modified; please apply your changes to the latest version and '
        'try again\n'))


def test_delete_waits_until_the_object_is_gone(cluster, kubectl):
    ok(kubectl("create -f pod.yaml"))
    assert ok(kubectl("delete pod tmp --wait")) == 'pod "tmp" deleted from default namespace\n'
    assert cluster.get("pods") == []
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl("delete -f deployment.yaml")) == 'deployment.apps "web" deleted from default namespace\n'


# -- imperative changes -------------------------------------------------------------------
def test_scale_label_annotate(cluster, kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl("scale deploy web --replicas=5")) == "deployment.apps/web scaled\n"
    assert ok(kubectl("label deploy web tier=front")) == "deployment.apps/web labeled\n"
    assert ok(kubectl("annotate deploy web note=hi")) == "deployment.apps/web annotated\n"
    d = cluster.get("deployment", "web")
    assert d["spec"]["replicas"] == 5
    assert d["metadata"]["labels"] == {"app": "web", "tier": "front"}
    assert d["metadata"]["annotations"]["note"] == "hi"
    assert ok(kubectl("label deploy web tier-")) == "deployment.apps/web unlabeled\n"


@pytest.mark.parametrize(("args", "replicas"), [
    ("""-p '{"spec":{"replicas":3}}'""", 3),
    ("""--type=merge -p '{"spec":{"replicas":4}}'""", 4),
    ("""--type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'""", 1),
])
def test_patch_of_every_type(cluster, kubectl, args, replicas):
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl(f"patch deploy web {args}")) == "deployment.apps/web patched\n"
    assert cluster.get("deployment", "web")["spec"]["replicas"] == replicas


def test_rollout_pause_resume_restart(cluster, kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl("rollout pause deploy/web")) == "deployment.apps/web paused\n"
    assert cluster.get("deployment", "web")["spec"]["paused"] is True
    assert ok(kubectl("rollout resume deploy/web")) == "deployment.apps/web resumed\n"
    assert "paused" not in cluster.get("deployment", "web")["spec"]
    assert ok(kubectl("rollout restart deploy/web")) == "deployment.apps/web restarted\n"
    tmpl = cluster.get("deployment", "web")["spec"]["template"]["metadata"]
    assert "kubectl.kubernetes.io/restartedAt" in tmpl["annotations"]


def test_set_image_expose_and_run(cluster, kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl("set image deploy/web nginx=nginx:1.29")) == "deployment.apps/web image updated\n"
    assert ok(kubectl("expose deploy web --port=80")) == "service/web exposed\n"
    assert ok(kubectl("run tmp --image=busybox --restart=Never")) == "pod/tmp created\n"
    assert cluster.get("service", "web")["spec"]["selector"] == {"app": "web"}
    assert cluster.get("pod", "tmp")["spec"]["restartPolicy"] == "Never"


def test_diff_exits_1_with_the_difference_and_0_without(kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    same = kubectl("diff -f deployment.yaml")
    assert (same.exit_code, same.stdout) == (0, "")
    ran = kubectl("diff -f deployment-1.28.yaml")
    assert ran.exit_code == 1
    assert "-      - image: nginx:1.27\n+      - image: nginx:1.28\n" in ran.stdout
    assert "-  generation: 1\n+  generation: 2\n" in ran.stdout


def test_explain_reads_the_openapi_schemas(kubectl):
    assert ok(kubectl("explain deploy.spec.strategy")) == (
        "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n"
        "FIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n"
        "    The deployment strategy to use to replace existing pods with new ones.\n"
        "    DeploymentStrategy describes how to replace existing pods with new ones.\n    \n"
        "FIELDS:\n"
        "  rollingUpdate\t<RollingUpdateDeployment>\n"
        "    Rolling update config params. Present only if DeploymentStrategyType =\n    RollingUpdate.\n\n"
        "  type\t<string>\n"
        "    Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is\n    RollingUpdate.\n\n\n")
    assert "  limits\t<map[string]Quantity>\n" in ok(kubectl("explain pod.spec.containers.resources"))
    assert "        maxSurge\t<IntOrString>\n" in ok(kubectl("explain deployment --recursive"))


# -- auth -------------------------------------------------------------------------------
def test_auth_can_i_answers_for_the_token_in_use(cluster, kubectl, served_sa):
    assert (kubectl("auth can-i create pods").exit_code, kubectl("auth can-i create pods").stdout) == (0, "yes\n")
    assert ok(kubectl("auth can-i '*' '*'")) == "yes\n"
    ran = served_sa("auth can-i create pods")
    assert (ran.exit_code, ran.stdout) == (1, "no\n")


@pytest.fixture
def served_sa(cluster, kubectl, workdir):
    """The real kubectl with a kubeconfig for the service account default:restricted (no RBAC grants)."""
    from .helpers import Kubectl

    cluster.client.create("serviceaccounts", {"metadata": {"name": "restricted"}}, "default")
    uid = cluster.get("serviceaccount", "restricted")["metadata"]["uid"]
    path = cluster._serving.write_kubeconfig(workdir / "restricted.kubeconfig",
                                             serviceaccount_token("default", "restricted", uid),
                                             user="restricted")
    return Kubectl(path, workdir / "sa-home", workdir)


def test_can_i_as_another_user(kubectl):
    ran = kubectl("auth can-i list pods --as=system:serviceaccount:default:restricted")
    assert (ran.exit_code, ran.stdout) == (1, "no\n")
    ran = kubectl("auth can-i list pods --as=jane --as-group=system:masters")
    assert (ran.exit_code, ran.stdout) == (0, "yes\n")


def test_a_restricted_service_account_is_forbidden(served_sa):
    ran = served_sa("get pods")
    assert (ran.exit_code, ran.stderr) == (1, (
        'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:restricted" '
        'cannot list resource "pods" in API group "" in the namespace "default"\n'))


# -- generators kubectl sends as protobuf -------------------------------------------------
GENERATORS = [
    ("create namespace team-a", "namespace", "team-a"),
    ("create configmap c --from-literal=a=b --from-literal=c=d", "configmap", "c"),
    ("create secret generic s --from-literal=password=hunter2", "secret", "s"),
    ("create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p", "secret", "reg"),
    ("create service clusterip svc --tcp=80:8080", "service", "svc"),
    ("create service nodeport np --tcp=80:8080 --node-port=30080", "service", "np"),
    ("create service externalname en --external-name=db.example.com", "service", "en"),
    ("create deployment d --image=nginx --replicas=3 --port=80", "deployment", "d"),
    ("create deployment zero --image=nginx --replicas=0", "deployment", "zero"),
    ("create job j --image=busybox -- echo hi", "job", "j"),
    ("create cronjob cj --image=busybox --schedule=@daily -- echo hi", "cronjob", "cj"),
    ("create serviceaccount robot", "serviceaccount", "robot"),
    ("create role r --verb=get,list --resource=pods,deployments.apps", "role", "r"),
    ("create clusterrole cr --verb=get --resource=pods --resource-name=x", "clusterrole", "cr"),
    ("create rolebinding rb --role=r --user=u --serviceaccount=default:robot", "rolebinding", "rb"),
    ("create clusterrolebinding crb --clusterrole=cr --group=g", "clusterrolebinding", "crb"),
    ("create priorityclass high --value=1000 --description=hi --preemption-policy=Never", "priorityclass", "high"),
    ("create pdb pdb --selector=app=x --min-available=0", "pdb", "pdb"),
    ("create quota q --hard=pods=10 --scopes=BestEffort", "quota", "q"),
    ("create quota compute --hard=cpu=2,memory=1Gi", "quota", "compute"),
    ("create ingress ing --rule=foo.com/bar=svc1:8080 --class=nginx", "ingress", "ing"),
]


def contained(want, got, path="") -> None:
    """Every field of ``want`` is in ``got`` with the same value (the server adds defaults)."""
    if isinstance(want, dict):
        for k, v in want.items():
            if v in (None, {}) or k == "status":
                continue
            assert k in got, f"{path}.{k} missing"
            contained(v, got[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert len(want) == len(got), path
        for i, (w, g) in enumerate(zip(want, got)):
            contained(w, g, f"{path}[{i}]")
    else:
        assert want == got, path


@pytest.mark.parametrize(("command", "resource", "name"), GENERATORS, ids=[g[0].split(" --")[0] for g in GENERATORS])
def test_protobuf_generators_create_what_the_client_side_dry_run_shows(cluster, kubectl, command, resource, name):
    head, _, tail = command.partition(" -- ")
    dry = json.loads(ok(kubectl(f"{head} --dry-run=client -o json" + (f" -- {tail}" if tail else ""))))
    out = ok(kubectl(command))
    assert out.endswith(" created\n")
    contained(dry, json.loads(ok(kubectl(f"get {resource} {name} -o json"))))


def test_autoscale_creates_an_autoscaling_v2_hpa(cluster, kubectl):
    ok(kubectl("apply -f deployment.yaml"))
    assert ok(kubectl("autoscale deploy web --min=2 --max=5 --cpu=80%")) == \
        "horizontalpodautoscaler.autoscaling/web autoscaled\n"
    hpa = cluster.get("hpa", "web")
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (2, 5)
    assert hpa["spec"]["metrics"] == [{"type": "Resource", "resource": {
        "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]
