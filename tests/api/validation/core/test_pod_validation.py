"""Pod create validation: containers, ports, resources, probes, env, volumes, scheduling fields.

Case names follow pkg/apis/core/validation/validation_test.go where it has them.
"""

from __future__ import annotations

import copy

import pytest
from conftest import messages, pod
from hypothesis import given, settings
from hypothesis import strategies as st

from kubelab.api import field
from kubelab.api.validation import validate

NAME_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
    "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)


def ctr(**kw):
    c = {"name": "c", "image": "busybox", "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File"}
    c.update(kw)
    return c


def with_container(**kw):
    p = pod()
    p["spec"]["containers"][0].update(kw)
    return p


def test_defaulted_pod_is_valid():
    assert validate(pod()) == []


CONTAINER_CASES = [
    pytest.param([ctr(name="")], ["spec.containers[0].name: Required value"], id="zero-length name"),
    pytest.param([ctr(name="a_b")], [f'spec.containers[0].name: Invalid value: "a_b": {NAME_MSG}'], id="name not a DNS label"),
    pytest.param([ctr(), ctr()], ['spec.containers[1].name: Duplicate value: "c"'], id="name not unique"),
    pytest.param([ctr(image="")], ["spec.containers[0].image: Required value"], id="zero-length image"),
    pytest.param(
        [ctr(terminationMessagePolicy="Unknown")],
        ['spec.containers[0].terminationMessagePolicy: Unsupported value: "Unknown": supported values: "File", "FallbackToLogsOnError"'],
        id="invalid message termination policy",
    ),
    pytest.param([ctr(terminationMessagePolicy="")], ["spec.containers[0].terminationMessagePolicy: Required value"], id="empty message termination policy"),
    pytest.param(
        [ctr(imagePullPolicy="Sometimes")],
        ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
        id="invalid image pull policy",
    ),
    pytest.param(
        [ctr(ports=[{"containerPort": 80, "hostPort": 8080, "protocol": "TCP"}]), ctr(name="d", ports=[{"containerPort": 81, "hostPort": 8080, "protocol": "TCP"}])],
        ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
        id="host port not unique",
    ),
    pytest.param(
        [ctr(env=[{"name": "A=B"}])],
        ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"],
        id="invalid env var name",
    ),
    pytest.param([ctr(volumeMounts=[{"name": "missing", "mountPath": "/a"}])], ['spec.containers[0].volumeMounts[0].name: Not found: "missing"'], id="unknown volume name"),
    pytest.param([ctr(lifecycle={"preStop": {"exec": {}}})], ["spec.containers[0].lifecycle.preStop.exec.command: Required value"], id="invalid lifecycle, no exec command."),
    pytest.param(
        [ctr(lifecycle={"preStop": {"httpGet": {"port": 80, "scheme": "HTTP"}}})],
        ["spec.containers[0].lifecycle.preStop.httpGet.path: Required value"],
        id="invalid lifecycle, no http path.",
    ),
    pytest.param([ctr(lifecycle={"preStop": {}})], ["spec.containers[0].lifecycle.preStop: Required value: must specify a handler type"], id="invalid lifecycle, no action."),
    pytest.param(
        [ctr(livenessProbe={"tcpSocket": {"port": 0}, "successThreshold": 1})],
        ["spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive"],
        id="invalid liveness probe, no tcp socket port.",
    ),
    pytest.param([ctr(livenessProbe={"successThreshold": 1})], ["spec.containers[0].livenessProbe: Required value: must specify a handler type"], id="invalid liveness probe, no endpoint."),
    pytest.param(
        [ctr(livenessProbe={"exec": {"command": ["true"]}, "successThreshold": 2})],
        ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"],
        id="invalid liveness probe, success threshold",
    ),
    pytest.param(
        [ctr(readinessProbe={"exec": {"command": ["true"]}, "successThreshold": 1, "terminationGracePeriodSeconds": 10})],
        ["spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes"],
        id="invalid readiness probe, terminationGracePeriodSeconds set",
    ),
    pytest.param(
        [ctr(livenessProbe={"exec": {"command": ["true"]}, "httpGet": {"path": "/", "port": 80, "scheme": "HTTP"}, "successThreshold": 1})],
        ["spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"],
        id="invalid liveness probe, multiple handlers",
    ),
    pytest.param(
        [ctr(resources={"limits": {"disk": "10G"}})],
        ['spec.containers[0].resources.limits[disk]: Invalid value: "disk": must be a standard resource type or fully qualified',
         'spec.containers[0].resources.limits[disk]: Invalid value: "disk": must be a standard resource for containers'],
        id="invalid compute resource",
    ),
    pytest.param(
        [ctr(resources={"requests": {"cpu": "600m"}, "limits": {"cpu": "500m"}})],
        ['spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m'],
        id="Request limit simple invalid",
    ),
    pytest.param(
        [ctr(resources={"requests": {"cpu": "600m", "memory": "2Gi"}, "limits": {"cpu": "500m", "memory": "1Gi"}})],
        ['spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m',
         'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi'],
        id="Request limit multiple invalid",
    ),
    pytest.param(
        [ctr(resources={"requests": {"cpu": "-1"}})],
        ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
        id="Resource Requests CPU invalid",
    ),
    pytest.param(
        [ctr(resources={"requests": {"example.com/gpu": "1"}})],
        ["spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"],
        id="Extended resource without limit",
    ),
    pytest.param(
        [ctr(resources={"limits": {"example.com/gpu": "500m"}, "requests": {"example.com/gpu": "500m"}})],
        ['spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer',
         'spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer'],
        id="Extended resource fractional",
    ),
    pytest.param(
        [ctr(restartPolicy="Always")],
        ["spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"],
        id="regular container with restartPolicy",
    ),
]


@pytest.mark.parametrize("containers, expected", CONTAINER_CASES)
def test_validate_containers(containers, expected):
    p = pod()
    p["spec"]["containers"] = containers
    assert messages(validate(p)) == expected


PORT_CASES = [
    pytest.param([{"containerPort": 0, "protocol": "TCP"}], ["spec.containers[0].ports[0].containerPort: Required value"], id="zero container port"),
    pytest.param([{"containerPort": 65536, "protocol": "TCP"}], ["spec.containers[0].ports[0].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive"], id="invalid container port"),
    pytest.param([{"containerPort": 80, "hostPort": 70000, "protocol": "TCP"}], ["spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive"], id="invalid host port"),
    pytest.param([{"containerPort": 80, "protocol": "ICMP"}], ['spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'], id="invalid protocol case"),
    pytest.param([{"containerPort": 80, "protocol": ""}], ["spec.containers[0].ports[0].protocol: Required value"], id="invalid protocol"),
    pytest.param(
        [{"name": "http", "containerPort": 80, "protocol": "TCP"}, {"name": "http", "containerPort": 81, "protocol": "TCP"}],
        ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
        id="name not unique",
    ),
    pytest.param(
        [{"name": "a-very-long-port-name", "containerPort": 80, "protocol": "TCP"}],
        ['spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters'],
        id="name too long",
    ),
]


@pytest.mark.parametrize("ports, expected", PORT_CASES)
def test_validate_container_ports(ports, expected):
    p = with_container(ports=ports)
    assert messages(validate(p)) == expected


def test_env_value_from_needs_one_source():
    p = with_container(env=[{"name": "A", "valueFrom": {}}])
    (err,) = validate(p)
    assert str(err) == 'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'


def test_env_field_ref_must_be_supported():
    p = with_container(env=[{"name": "A", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.phase"}}}])
    (err,) = validate(p)
    assert err.type == field.NOT_SUPPORTED
    assert err.field == "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath"


VOLUME_CASES = [
    pytest.param([{"name": "v"}], ["spec.volumes[0]: Required value: must specify a volume type"], id="no volume source"),
    pytest.param(
        [{"name": "v", "emptyDir": {}, "hostPath": {"path": "/x"}}],
        ["spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"],
        id="more than one volume source",
    ),
    pytest.param([{"name": "v", "emptyDir": {}}, {"name": "v", "emptyDir": {}}], ['spec.volumes[1].name: Duplicate value: "v"'], id="name not unique"),
    pytest.param([{"name": "", "emptyDir": {}}], ["spec.volumes[0].name: Required value"], id="empty name"),
    pytest.param([{"name": "v", "secret": {}}], ["spec.volumes[0].secret.secretName: Required value"], id="secret without name"),
    pytest.param(
        [{"name": "v", "configMap": {"name": "c", "items": [{"key": "k", "path": "../x"}]}}],
        ["spec.volumes[0].configMap.items[0].path: Invalid value: \"../x\": must not contain '..'"],
        id="configmap item path with backsteps",
    ),
    pytest.param(
        [{"name": "v", "configMap": {"name": "c", "defaultMode": 0o1000}}],
        ["spec.volumes[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive"],
        id="configmap invalid default mode",
    ),
    pytest.param([{"name": "v", "persistentVolumeClaim": {}}], ["spec.volumes[0].persistentVolumeClaim.claimName: Required value"], id="pvc without claim name"),
    pytest.param(
        [{"name": "v", "hostPath": {"path": "/x", "type": "Dir"}}],
        ['spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"'],
        id="invalid host path type",
    ),
]


@pytest.mark.parametrize("volumes, expected", VOLUME_CASES)
def test_validate_volumes(volumes, expected):
    p = pod()
    p["spec"]["volumes"] = volumes  # after defaulting, which would add an emptyDir source
    assert messages(validate(p)) == expected


def test_mount_path_must_be_unique():
    p = pod(volumes=[{"name": "a", "emptyDir": {}}, {"name": "b", "emptyDir": {}}])
    p["spec"]["containers"][0]["volumeMounts"] = [{"name": "a", "mountPath": "/d"}, {"name": "b", "mountPath": "/d"}]
    assert messages(validate(p)) == ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique']


SPEC_CASES = [
    pytest.param({"restartPolicy": "Sometimes"}, ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'], id="bad restart policy"),
    pytest.param({"dnsPolicy": "Cluster"}, ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'], id="bad dns policy"),
    pytest.param({"activeDeadlineSeconds": 0}, ["spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"], id="activeDeadlineSeconds is zero"),
    pytest.param({"nodeName": "Node_1"}, None, id="bad nodeName"),
    pytest.param({"dnsPolicy": "None"}, ["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"], id="dnsPolicy None without dnsConfig"),
    pytest.param(
        {"hostNetwork": True, "containers": [ctr(ports=[{"containerPort": 80, "hostPort": 8080, "protocol": "TCP"}])]},
        ["spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"],
        id="host network with mismatched host port",
    ),
    pytest.param(
        {"tolerations": [{"key": "", "operator": "Equal", "value": "bar"}]},
        ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
        id="operator must be Exists when key is empty",
    ),
    pytest.param(
        {"tolerations": [{"key": "foo", "operator": "Exists", "value": "bar"}]},
        ["spec.tolerations[0].operator: Invalid value: \"bar\": value must be empty when `operator` is 'Exists'"],
        id="value must be empty when operator is Exists",
    ),
    pytest.param(
        {"tolerations": [{"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoSchedule", "tolerationSeconds": 10}]},
        ['spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'],
        id="effect must be NoExecute when tolerationSeconds is set",
    ),
    pytest.param(
        {"topologySpreadConstraints": [{"maxSkew": 0, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}]},
        ["spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"],
        id="invalid MaxSkew",
    ),
    pytest.param(
        {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "", "whenUnsatisfiable": "DoNotSchedule"}]},
        ["spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty"],
        id="empty topologyKey",
    ),
    pytest.param(
        {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "k", "whenUnsatisfiable": "N/A"}]},
        ['spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "N/A": supported values: "DoNotSchedule", "ScheduleAnyway"'],
        id="invalid whenUnsatisfiable",
    ),
    pytest.param(
        {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "k", "whenUnsatisfiable": "DoNotSchedule"}, {"maxSkew": 2, "topologyKey": "k", "whenUnsatisfiable": "DoNotSchedule"}]},
        ['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{k, DoNotSchedule}"'],
        id="duplicate constraints",
    ),
    pytest.param(
        {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": []}}}},
        ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"],
        id="invalid requiredDuringSchedulingIgnoredDuringExecution node selector, nodeSelectorTerms must have at least one term",
    ),
    pytest.param(
        {"affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 199, "preference": {}}]}}},
        ["spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 199: must be in the range 1-100"],
        id="invalid preferredSchedulingTerm, weight",
    ),
    pytest.param(
        {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchLabels": {"a": "b"}}, "topologyKey": ""}]}}},
        ["spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
         "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
         "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
        id="invalid pod anti-affinity, empty topologyKey",
    ),
]


@pytest.mark.parametrize("spec, expected", SPEC_CASES)
def test_validate_pod_spec(spec, expected):
    errs = validate(pod(**spec))
    if expected is None:
        assert errs and all(e.type == field.INVALID for e in errs)
    else:
        assert messages(errs) == expected


def test_termination_grace_period_is_required():
    p = pod()
    del p["spec"]["terminationGracePeriodSeconds"]
    assert messages(validate(p)) == ["spec.terminationGracePeriodSeconds: Required value"]


def test_ephemeral_containers_cannot_be_set_on_create():
    p = pod(ephemeralContainers=[{"name": "debug", "image": "busybox", "imagePullPolicy": "Always", "terminationMessagePolicy": "File"}])
    assert messages(validate(p)) == ["spec.ephemeralContainers: Forbidden: cannot be set on create"]


def test_init_container_probes_need_restart_policy_always():
    init = ctr(name="init", readinessProbe={"exec": {"command": ["true"]}, "successThreshold": 1})
    assert messages(validate(pod(initContainers=[init]))) == [
        "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"
    ]
    init["restartPolicy"] = "Always"
    assert validate(pod(initContainers=[init])) == []


def test_init_container_names_clash_with_containers():
    assert messages(validate(pod(initContainers=[ctr(name="nginx")]))) == ['spec.initContainers[0].name: Duplicate value: "nginx"']


def test_image_with_surrounding_whitespace_is_rejected_for_pods_only():
    p = with_container(image=" nginx")
    assert messages(validate(p)) == ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']


def test_service_account_token_projection_needs_service_account():
    vol = {"name": "t", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]}}
    p = pod(volumes=[vol])
    assert messages(validate(p)) == ["spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set"]
    p["spec"]["serviceAccountName"] = "default"
    assert validate(p) == []


_label = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?", fullmatch=True)


@settings(max_examples=60)
@given(name=_label, port=st.integers(1, 65535))
def test_any_dns_label_container_and_valid_port_is_accepted(name, port):
    p = pod()
    p["spec"]["containers"][0]["name"] = name
    p["spec"]["containers"][0]["ports"][0]["containerPort"] = port
    assert validate(p) == []


@settings(max_examples=60)
@given(st.integers(-(2**40), 2**40))
def test_port_outside_range_is_always_reported(port):
    p = pod()
    p["spec"]["containers"][0]["ports"][0]["containerPort"] = port
    errs = validate(copy.deepcopy(p))
    assert (errs == []) == (1 <= port <= 65535)


def test_match_label_keys_need_a_label_selector():
    term = {"topologyKey": "zone", "matchLabelKeys": ["app"], "mismatchLabelKeys": ["app"]}
    p = pod(affinity={"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}})
    base = "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]"
    assert messages(validate(p)) == [
        f"{base}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set",
        f"{base}.mismatchLabelKeys: Forbidden: must not be specified when labelSelector is not set",
        f'{base}.matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and mismatchLabelKeys',
    ]


def test_windows_host_process_pods_need_host_network():
    p = pod(os={"name": "windows"}, securityContext={"windowsOptions": {"hostProcess": True}})
    assert messages(validate(p)) == ["spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers"]
