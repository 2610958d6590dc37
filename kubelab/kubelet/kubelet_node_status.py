"""The Node object a kubelet registers: labels, capacity, allocatable, conditions, info.

Upstream: pkg/kubelet/kubelet_node_status.go (initialNode, registerWithAPIServer) and
pkg/kubelet/nodestatus/setters.go (MachineInfo, NodeAddress, ReadyCondition, ...)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kubelab import upstream
from kubelab.api.quantity import Quantity

Obj = dict[str, Any]

# kubelet defaults: --eviction-hard memory.available<100Mi, nodefs.available<10%.
EVICTION_HARD_MEMORY = "100Mi"
EVICTION_HARD_NODEFS_FRACTION = 0.10
DEFAULT_MAX_PODS = 110
KUBELET_PORT = 10250
CONTAINER_RUNTIME_VERSION = "kubelab://0.1.0"
OS_IMAGE = "kubelab simulated node"
KERNEL_VERSION = "6.1.0-kubelab"


def node_specs(nodes: int | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``3`` or ``[{"name": "n1", "cpu": "4", ...}]`` -> keyword arguments for initial_node."""
    if isinstance(nodes, int):
        return [{} for _ in range(nodes)]
    return [dict(n) for n in nodes]


def _ki(q: Quantity) -> str:
    return f"{q.value() // 1024}Ki"


def initial_node(name: str, index: int, now_ts: str, *, cpu: str | int = "4", memory: str = "8Gi",
                 pods: int = DEFAULT_MAX_PODS, ephemeral_storage: str = "100Gi",
                 labels: Mapping[str, str] | None = None, taints: list[Obj] | None = None,
                 zone: str | None = None, region: str | None = None, unschedulable: bool = False,
                 images: list[Obj] | None = None) -> Obj:
    """The Node a kubelet registers, Ready.

    Mirrors: kubelet_node_status.go :: (*Kubelet).initialNode and the status setters
    Differences: machine facts come from the arguments instead of cAdvisor.
    """
    mem = Quantity.parse(memory)
    disk = Quantity.parse(ephemeral_storage)
    alloc_mem = mem - Quantity.parse(EVICTION_HARD_MEMORY)
    alloc_disk = int(disk.value() * (1 - EVICTION_HARD_NODEFS_FRACTION))
    lbls = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
    if zone:
        lbls["topology.kubernetes.io/zone"] = zone
    if region:
        lbls["topology.kubernetes.io/region"] = region
    lbls.update(labels or {})
    capacity = {"cpu": str(cpu), "ephemeral-storage": _ki(disk), "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                "memory": _ki(mem), "pods": str(pods)}
    allocatable = dict(capacity, **{"ephemeral-storage": str(alloc_disk), "memory": _ki(alloc_mem)})

    def cond(t: str, s: str, reason: str, msg: str) -> Obj:
        return {"type": t, "status": s, "lastHeartbeatTime": now_ts, "lastTransitionTime": now_ts,
                "reason": reason, "message": msg}

    spec: Obj = {"podCIDR": f"10.244.{index}.0/24", "podCIDRs": [f"10.244.{index}.0/24"],
                 "providerID": f"kubelab://{name}"}
    if taints:
        spec["taints"] = [dict(t) for t in taints]
    if unschedulable:
        spec["unschedulable"] = True
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": lbls,
                     "annotations": {"node.alpha.kubernetes.io/ttl": "0",
                                     "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": spec,
        "status": {
            "capacity": capacity, "allocatable": allocatable,
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "addresses": [{"type": "InternalIP", "address": f"172.18.{index // 250}.{index % 250 + 3}"},
                          {"type": "Hostname", "address": name}],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": KUBELET_PORT}},
            "nodeInfo": {"machineID": "", "systemUUID": "", "bootID": "", "kernelVersion": KERNEL_VERSION,
                         "osImage": OS_IMAGE, "containerRuntimeVersion": CONTAINER_RUNTIME_VERSION,
                         "kubeletVersion": upstream.KUBERNETES_VERSION, "kubeProxyVersion": "",
                         "operatingSystem": "linux", "architecture": "amd64"},
            "images": list(images or []),
        },
    }
