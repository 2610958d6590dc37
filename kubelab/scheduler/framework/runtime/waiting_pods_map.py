"""Pods a Permit plugin asked to wait, with a timer per plugin.

Upstream: pkg/scheduler/framework/runtime/waiting_pods_map.go
"""

from __future__ import annotations

from typing import Any

import simpy

from kubelab.scheduler.framework.interface import Code, Status
from kubelab.scheduler.util.utils import go_duration


class WaitingPod:
    """A pod waiting at Permit until every waiting plugin allows it, one rejects it, or a timer fires.

    Mirrors: pkg/scheduler/framework/runtime/waiting_pods_map.go :: waitingPod
    """

    def __init__(self, env: Any, pod: dict, plugins_max_wait: dict[str, float]) -> None:
        self.env = env
        self.pod = pod
        self.pending_plugins: dict[str, Any] = {}
        self.done = simpy.Event(env)
        for plugin, wait in plugins_max_wait.items():
            self.pending_plugins[plugin] = env.process(self._timer(plugin, wait))

    def _timer(self, plugin: str, wait: float) -> Any:
        try:
            yield self.env.timeout(wait)
        except simpy.Interrupt:
            return
        self.reject(plugin, f"rejected due to timeout after waiting {go_duration(wait)} at plugin {plugin}")

    def get_pod(self) -> dict:
        return self.pod

    def get_pending_plugins(self) -> list[str]:
        return list(self.pending_plugins)

    def allow(self, plugin: str) -> None:
        """Mirrors: (*waitingPod).Allow: success once no plugin is pending."""
        timer = self.pending_plugins.pop(plugin, None)
        if timer is not None and timer.is_alive and timer is not self.env.active_process:
            timer.interrupt()
        if self.pending_plugins or self.done.triggered:
            return
        self.done.succeed(None)

    def reject(self, plugin: str, msg: str) -> None:
        """Mirrors: (*waitingPod).Reject"""
        for timer in self.pending_plugins.values():
            if timer.is_alive and timer is not self.env.active_process:
                timer.interrupt()
        self.pending_plugins.clear()
        if not self.done.triggered:
            self.done.succeed(Status(Code.UNSCHEDULABLE, msg, plugin=plugin))


class WaitingPodsMap:
    """Mirrors: pkg/scheduler/framework/runtime/waiting_pods_map.go :: waitingPodsMap"""

    def __init__(self) -> None:
        self.pods: dict[str, WaitingPod] = {}

    def add(self, wp: WaitingPod) -> None:
        self.pods[wp.pod["metadata"].get("uid", "")] = wp

    def remove(self, uid: str) -> None:
        self.pods.pop(uid, None)

    def get(self, uid: str) -> WaitingPod | None:
        return self.pods.get(uid)

    def iterate(self) -> list[WaitingPod]:
        return list(self.pods.values())
