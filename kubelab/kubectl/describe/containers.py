"""Containers, volumes, probes, environment and pod templates, as describe prints them.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeContainers,
describeVolumes, DescribeProbe, describeContainerEnvVars, DescribePodTemplate, ...)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from kubelab.api.quantity import parse_quantity
from kubelab.kubectl.describe.common import (
    LEVEL_0,
    LEVEL_1,
    LEVEL_2,
    LEVEL_3,
    Obj,
    PrefixWriter,
    print_annotations_multiline,
    print_bool,
    print_labels_multiline,
    print_tolerations_multiline,
    rfc1123z,
    string_or_none,
)
from kubelab.kubectl.errors import go_quote

EnvResolver = Callable[[Obj], str]


def _ports(ports: list[Obj], key: str) -> str:
    out = []
    for p in ports:
        s = f"{p.get(key, 0)}/{p.get('protocol', '')}"
        if p.get("name"):
            s = f"{s} ({p['name']})"
        out.append(s)
    return ", ".join(out)


def quantity_string(value: Any) -> str:
    try:
        return str(parse_quantity(value))
    except Exception:  # noqa: BLE001 - print what the object holds
        return str(value)


def describe_resources(resources: Obj | None, w: PrefixWriter, level: int) -> None:
    """Mirrors: describe.go :: describeResources"""
    if resources is None:
        return
    limits = resources.get("limits") or {}
    requests = resources.get("requests") or {}
    if limits:
        w.write(level, "Limits:\n")
    for name in sorted(limits):
        w.write(level + 1, f"{name}:\t{quantity_string(limits[name])}\n")
    if requests:
        w.write(level, "Requests:\n")
    for name in sorted(requests):
        w.write(level + 1, f"{name}:\t{quantity_string(requests[name])}\n")


def _int_or_string(v: Any) -> str:
    return "" if v is None else str(v)


def describe_probe(probe: Obj) -> str:
    """Mirrors: describe.go :: DescribeProbe"""
    attrs = (
        f"delay={probe.get('initialDelaySeconds', 0)}s timeout={probe.get('timeoutSeconds', 0)}s "
        f"period={probe.get('periodSeconds', 0)}s #success={probe.get('successThreshold', 0)} "
        f"#failure={probe.get('failureThreshold', 0)}"
    )
    if probe.get("exec") is not None:
        return f"exec [{' '.join(probe['exec'].get('command') or [])}] {attrs}"
    if probe.get("httpGet") is not None:
        h = probe["httpGet"]
        scheme = str(h.get("scheme", "")).lower()
        port = _int_or_string(h.get("port"))
        host = h.get("host", "")
        if port:
            hostport = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        else:
            hostport = host
        url = (f"{scheme}:" if scheme else "") + (f"//{hostport}" if hostport or scheme else "")
        path = h.get("path", "")
        if path and not path.startswith("/") and hostport:
            path = "/" + path
        return f"http-get {url}{path} {attrs}"
    if probe.get("tcpSocket") is not None:
        t = probe["tcpSocket"]
        return f"tcp-socket {t.get('host', '')}:{_int_or_string(t.get('port'))} {attrs}"
    if probe.get("grpc") is not None:
        g = probe["grpc"]
        return f"grpc <pod>:{g.get('port', 0)} {g.get('service', '')} {attrs}"
    return f"unknown {attrs}"


def _describe_status(state_name: str, state: Obj, w: PrefixWriter) -> None:
    """Mirrors: describe.go :: describeStatus"""
    if state.get("running") is not None:
        w.write(LEVEL_2, f"{state_name}:\tRunning\n")
        w.write(LEVEL_3, f"Started:\t{rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(LEVEL_2, f"{state_name}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(LEVEL_3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        t = state["terminated"]
        w.write(LEVEL_2, f"{state_name}:\tTerminated\n")
        if t.get("reason"):
            w.write(LEVEL_3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(LEVEL_3, f"Message:\t{t['message']}\n")
        w.write(LEVEL_3, f"Exit Code:\t{t.get('exitCode', 0)}\n")
        if (t.get("signal") or 0) > 0:
            w.write(LEVEL_3, f"Signal:\t{t['signal']}\n")
        w.write(LEVEL_3, f"Started:\t{rfc1123z(t.get('startedAt'))}\n")
        w.write(LEVEL_3, f"Finished:\t{rfc1123z(t.get('finishedAt'))}\n")
    else:
        w.write(LEVEL_2, f"{state_name}:\tWaiting\n")


def _extract_container_resource_value(ref: Obj, container: Obj) -> str:
    """Mirrors: kubectl/pkg/util/resource/resource.go :: ExtractContainerResourceValue"""
    divisor_text = ref.get("divisor") or "1"
    divisor = parse_quantity(divisor_text)
    resource = ref.get("resource", "")
    res = container.get("resources") or {}
    kind, _, name = resource.partition(".")
    values = res.get("limits" if kind == "limits" else "requests") or {}
    q = parse_quantity(values.get(name, "0"))
    if name == "cpu":
        return str(math.ceil(q.milli_value() / divisor.milli_value()))
    return str(math.ceil(q.value() / divisor.value()))


def _describe_env_vars(container: Obj, resolver: EnvResolver | None, w: PrefixWriter) -> None:
    """Mirrors: describe.go :: describeContainerEnvVars"""
    env = container.get("env") or []
    w.write(LEVEL_2, "Environment:" + ("" if env else "\t<none>") + "\n")
    for e in env:
        vf = e.get("valueFrom")
        name = e.get("name", "")
        if vf is None:
            for i, s in enumerate(str(e.get("value", "")).split("\n")):
                w.write(LEVEL_3, f"{name}:\t{s}\n" if i == 0 else f"\t{s}\n")
            continue
        if vf.get("fieldRef") is not None:
            fr = vf["fieldRef"]
            value = resolver(e) if resolver is not None else ""
            w.write(LEVEL_3, f"{name}:\t{value} ({fr.get('apiVersion', '')}:{fr.get('fieldPath', '')})\n")
        elif vf.get("resourceFieldRef") is not None:
            rf = vf["resourceFieldRef"]
            try:
                value = _extract_container_resource_value(rf, container)
            except Exception:  # noqa: BLE001 - upstream prints an empty value on error
                value = ""
            resource = rf.get("resource", "")
            if value == "0" and resource in ("limits.cpu", "limits.memory"):
                value = "node allocatable"
            w.write(LEVEL_3, f"{name}:\t{value} ({resource})\n")
        elif vf.get("secretKeyRef") is not None:
            r = vf["secretKeyRef"]
            opt = "true" if r.get("optional") else "false"
            w.write(LEVEL_3, f"{name}:\t<set to the key '{r.get('key', '')}' in secret '{r.get('name', '')}'>"
                             f"\tOptional: {opt}\n")
        elif vf.get("configMapKeyRef") is not None:
            r = vf["configMapKeyRef"]
            opt = "true" if r.get("optional") else "false"
            w.write(LEVEL_3, f"{name}:\t<set to the key '{r.get('key', '')}' of config map '{r.get('name', '')}'>"
                             f"\tOptional: {opt}\n")


def _describe_env_from(container: Obj, w: PrefixWriter) -> None:
    """Mirrors: describe.go :: describeContainerEnvFrom"""
    env_from = container.get("envFrom") or []
    w.write(LEVEL_2, "Environment Variables from:" + ("" if env_from else "\t<none>") + "\n")
    for e in env_from:
        src, name, optional = "", "", False
        if e.get("configMapRef") is not None:
            src, name, optional = "ConfigMap", e["configMapRef"].get("name", ""), bool(e["configMapRef"].get("optional"))
        elif e.get("secretRef") is not None:
            src, name, optional = "Secret", e["secretRef"].get("name", ""), bool(e["secretRef"].get("optional"))
        opt = "true" if optional else "false"
        if not e.get("prefix"):
            w.write(LEVEL_3, f"{name}\t{src}\tOptional: {opt}\n")
        else:
            w.write(LEVEL_3, f"{name}\t{src} with prefix '{e['prefix']}'\tOptional: {opt}\n")


def _describe_volume_mounts(container: Obj, w: PrefixWriter) -> None:
    """Mirrors: describe.go :: describeContainerVolumes"""
    mounts = container.get("volumeMounts") or []
    none = "" if mounts else "\t<none>"
    w.write(LEVEL_2, f"Mounts:{none}\n")
    for m in sorted(mounts, key=lambda m: m.get("mountPath", "")):
        flags = ["ro" if m.get("readOnly") else "rw"]
        if m.get("subPath"):
            flags.append(f"path={go_quote(m['subPath'])}")
        w.write(LEVEL_3, f"{m.get('mountPath', '')} from {m.get('name', '')} ({','.join(flags)})\n")
    devices = container.get("volumeDevices") or []
    if devices:
        w.write(LEVEL_2, f"Devices:{none}\n")
        for d in sorted(devices, key=lambda d: d.get("devicePath", "")):
            w.write(LEVEL_3, f"{d.get('devicePath', '')} from {d.get('name', '')}\n")


def describe_containers(label: str, containers: list[Obj], statuses: list[Obj] | None,
                        resolver: EnvResolver | None, w: PrefixWriter, space: str) -> None:
    """Mirrors: describe.go :: describeContainers"""
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(LEVEL_0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    for c in containers:
        st = by_name.get(c.get("name"))
        name_indent = " " if space else ""
        w.write(LEVEL_1, f"{name_indent}{c.get('name', '')}:\n")
        if st is not None:
            w.write(LEVEL_2, f"Container ID:\t{st.get('containerID', '')}\n")
        w.write(LEVEL_2, f"Image:\t{c.get('image', '')}\n")
        if st is not None:
            w.write(LEVEL_2, f"Image ID:\t{st.get('imageID', '')}\n")
        ports = c.get("ports") or []
        port_string = _ports(ports, "containerPort")
        if "," in port_string:
            w.write(LEVEL_2, f"Ports:\t{port_string}\n")
        else:
            w.write(LEVEL_2, f"Port:\t{string_or_none(port_string)}\n")
        host_ports = _ports(ports, "hostPort")
        if "," in host_ports:
            w.write(LEVEL_2, f"Host Ports:\t{host_ports}\n")
        else:
            w.write(LEVEL_2, f"Host Port:\t{string_or_none(host_ports)}\n")
        sc = c.get("securityContext") or {}
        if sc.get("seccompProfile") is not None:
            w.write(LEVEL_2, f"SeccompProfile:\t{sc['seccompProfile'].get('type', '')}\n")
            if sc["seccompProfile"].get("type") == "Localhost":
                w.write(LEVEL_3, f"LocalhostProfile:\t{sc['seccompProfile'].get('localhostProfile', '')}\n")
        for key, title in (("command", "Command"), ("args", "Args")):
            if c.get(key):
                w.write(LEVEL_2, f"{title}:\n")
                for item in c[key]:
                    for s in str(item).split("\n"):
                        w.write(LEVEL_3, f"{s}\n")
        if st is not None:
            _describe_status("State", st.get("state") or {}, w)
            last = st.get("lastState") or {}
            if last.get("terminated") is not None:
                _describe_status("Last State", last, w)
            w.write(LEVEL_2, f"Ready:\t{print_bool(st.get('ready'))}\n")
            w.write(LEVEL_2, f"Restart Count:\t{st.get('restartCount', 0)}\n")
        describe_resources(c.get("resources") or {}, w, LEVEL_2)
        for key, title in (("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"),
                           ("startupProbe", "Startup")):
            if c.get(key) is not None:
                w.write(LEVEL_2, f"{title}:\t{describe_probe(c[key])}\n")
        if c.get("envFrom"):
            _describe_env_from(c, w)
        _describe_env_vars(c, resolver, w)
        _describe_volume_mounts(c, w)


_VOLUME_TYPES: list[tuple[str, Callable[[Obj, PrefixWriter], None]]] = []


def _vol(key: str) -> Callable[[Callable[[Obj, PrefixWriter], None]], Callable[[Obj, PrefixWriter], None]]:
    def deco(fn: Callable[[Obj, PrefixWriter], None]) -> Callable[[Obj, PrefixWriter], None]:
        _VOLUME_TYPES.append((key, fn))
        return fn

    return deco


@_vol("hostPath")
def _host_path(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tHostPath (bare host directory volume)\n"
                     f"    Path:\t{v.get('path', '')}\n    HostPathType:\t{v.get('type') or '<none>'}\n")


@_vol("emptyDir")
def _empty_dir(v: Obj, w: PrefixWriter) -> None:
    size = v.get("sizeLimit")
    size_text = quantity_string(size) if size and parse_quantity(size).sign() > 0 else "<unset>"
    w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                     f"    Medium:\t{v.get('medium', '')}\n    SizeLimit:\t{size_text}\n")


@_vol("secret")
def _secret(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tSecret (a volume populated by a Secret)\n"
                     f"    SecretName:\t{v.get('secretName', '')}\n    Optional:\t{'true' if v.get('optional') else 'false'}\n")


@_vol("configMap")
def _config_map(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
                     f"    Name:\t{v.get('name', '')}\n    Optional:\t{'true' if v.get('optional') else 'false'}\n")


@_vol("nfs")
def _nfs(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
                     f"    Server:\t{v.get('server', '')}\n    Path:\t{v.get('path', '')}\n"
                     f"    ReadOnly:\t{'true' if v.get('readOnly') else 'false'}\n")


@_vol("persistentVolumeClaim")
def _pvc(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
                     f"    ClaimName:\t{v.get('claimName', '')}\n    ReadOnly:\t{'true' if v.get('readOnly') else 'false'}\n")


@_vol("downwardAPI")
def _downward(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
    for item in v.get("items") or []:
        if item.get("fieldRef") is not None:
            w.write(LEVEL_3, f"{item['fieldRef'].get('fieldPath', '')} -> {item.get('path', '')}\n")
        if item.get("resourceFieldRef") is not None:
            w.write(LEVEL_3, f"{item['resourceFieldRef'].get('resource', '')} -> {item.get('path', '')}\n")


@_vol("projected")
def _projected(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    for s in v.get("sources") or []:
        if s.get("secret") is not None:
            opt = "true" if s["secret"].get("optional") else "false"
            w.write(LEVEL_2, f"SecretName:\t{s['secret'].get('name', '')}\n    Optional:\t{opt}\n")
        elif s.get("downwardAPI") is not None:
            w.write(LEVEL_2, "DownwardAPI:\ttrue\n")
        elif s.get("configMap") is not None:
            opt = "true" if s["configMap"].get("optional") else "false"
            w.write(LEVEL_2, f"ConfigMapName:\t{s['configMap'].get('name', '')}\n    Optional:\t{opt}\n")
        elif s.get("serviceAccountToken") is not None:
            w.write(LEVEL_2, f"TokenExpirationSeconds:\t{s['serviceAccountToken'].get('expirationSeconds', 0)}\n")


@_vol("image")
def _image(v: Obj, w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tImage (a container image or OCI artifact)\n"
                     f"    Reference:\t{v.get('reference', '')}\n    PullPolicy:\t{v.get('pullPolicy', '')}\n")


def describe_volumes(volumes: list[Obj] | None, w: PrefixWriter, space: str) -> None:
    """Mirrors: describe.go :: describeVolumes

    Differences: the cloud and legacy in-tree volume types print as ``<unknown>``.
    """
    if not volumes:
        w.write(LEVEL_0, f"{space}Volumes:\t<none>\n")
        return
    w.write(LEVEL_0, f"{space}Volumes:\n")
    for vol in volumes:
        name_indent = " " if space else ""
        w.write(LEVEL_1, f"{name_indent}{vol.get('name', '')}:\n")
        for key, fn in _VOLUME_TYPES:
            if vol.get(key) is not None:
                fn(vol[key], w)
                break
        else:
            w.write(LEVEL_1, "<unknown>\n")


def describe_topology_spread_constraints(tscs: list[Obj] | None, w: PrefixWriter, space: str) -> None:
    """Mirrors: describe.go :: describeTopologySpreadConstraints"""
    if not tscs:
        return
    from kubelab.api.labels import format_label_selector

    ordered = sorted(tscs, key=lambda t: t.get("topologyKey", ""))
    w.write(LEVEL_0, f"{space}Topology Spread Constraints:\t")
    for i, t in enumerate(ordered):
        if i != 0:
            w.write(LEVEL_0, space)
            w.write(LEVEL_0, "\t")
        text = f"{t.get('topologyKey', '')}:{t.get('whenUnsatisfiable', '')} when max skew {t.get('maxSkew', 0)} is exceeded"
        if t.get("labelSelector") is not None:
            text += f" for selector {format_label_selector(t['labelSelector'])}"
        w.write(LEVEL_0, text + "\n")


def describe_pod_template(template: Obj | None, w: PrefixWriter) -> None:
    """Mirrors: describe.go :: DescribePodTemplate"""
    w.write(LEVEL_0, "Pod Template:\n")
    if template is None:
        w.write(LEVEL_1, "<unset>")
        return
    md = template.get("metadata") or {}
    sp = template.get("spec") or {}
    print_labels_multiline(w, "  Labels", md.get("labels"))
    if md.get("annotations"):
        print_annotations_multiline(w, "  Annotations", md.get("annotations"))
    if sp.get("serviceAccountName"):
        w.write(LEVEL_1, f"Service Account:\t{sp['serviceAccountName']}\n")
    if sp.get("initContainers"):
        describe_containers("Init Containers", sp["initContainers"], None, None, w, "  ")
    describe_containers("Containers", sp.get("containers") or [], None, None, w, "  ")
    describe_volumes(sp.get("volumes"), w, "  ")
    describe_topology_spread_constraints(sp.get("topologySpreadConstraints"), w, "  ")
    if sp.get("priorityClassName"):
        w.write(LEVEL_1, f"Priority Class Name:\t{sp['priorityClassName']}\n")
    print_labels_multiline(w, "  Node-Selectors", sp.get("nodeSelector"))
    print_tolerations_multiline(w, "", "  Tolerations", sp.get("tolerations"))


_FIELD_LABEL = re.compile(r"^metadata\.(labels|annotations)\['(.*)'\]$")


def env_value_retriever(pod: Obj) -> EnvResolver:
    """Resolve ``fieldRef`` environment variables against the pod.

    Mirrors: describe.go :: EnvValueRetriever over kubectl/pkg/util/fieldpath :: ExtractFieldPathAsString
    """

    def resolve(e: Obj) -> str:
        path = ((e.get("valueFrom") or {}).get("fieldRef") or {}).get("fieldPath", "")
        md = pod.get("metadata") or {}
        m = _FIELD_LABEL.match(path)
        if m:
            return str((md.get(m.group(1)) or {}).get(m.group(2), ""))
        simple = {
            "metadata.name": md.get("name", ""),
            "metadata.namespace": md.get("namespace", ""),
            "metadata.uid": md.get("uid", ""),
            "spec.nodeName": (pod.get("spec") or {}).get("nodeName", ""),
            "spec.serviceAccountName": (pod.get("spec") or {}).get("serviceAccountName", ""),
            "status.hostIP": (pod.get("status") or {}).get("hostIP", ""),
            "status.podIP": (pod.get("status") or {}).get("podIP", ""),
        }
        if path == "metadata.labels":
            return "\n".join(f'{k}="{v}"' for k, v in sorted((md.get("labels") or {}).items()))
        if path == "metadata.annotations":
            return "\n".join(f'{k}="{v}"' for k, v in sorted((md.get("annotations") or {}).items()))
        if path == "status.podIPs":
            return ",".join(ip.get("ip", "") for ip in (pod.get("status") or {}).get("podIPs") or [])
        if path == "status.hostIPs":
            return ",".join(ip.get("ip", "") for ip in (pod.get("status") or {}).get("hostIPs") or [])
        return str(simple.get(path, ""))

    return resolve
