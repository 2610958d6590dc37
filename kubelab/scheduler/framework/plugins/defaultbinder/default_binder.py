"""DefaultBinder: bind the pod through the pods/binding subresource.

Upstream: pkg/scheduler/framework/plugins/defaultbinder/default_binder.go
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.api import errors
from kubelab.scheduler.framework.interface import Status, as_status
from kubelab.scheduler.framework.plugins import names

NAME = names.DEFAULT_BINDER


class DefaultBinder:
    """Mirrors: defaultbinder/default_binder.go :: DefaultBinder"""

    name = NAME

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def bind(self, state: Any, pod: dict, node_name: str) -> Generator[Any, Any, Status | None]:
        """POST a Binding (takes the API's simulated time). Mirrors: (DefaultBinder).Bind"""
        m = pod["metadata"]
        binding = {"apiVersion": "v1", "kind": "Binding",
                   "metadata": {"name": m["name"], "namespace": m.get("namespace", ""), "uid": m.get("uid", "")},
                   "target": {"kind": "Node", "name": node_name}}
        try:
            yield from self.handle.client.create("pods", binding, m.get("namespace"), subresource="binding",
                                                 name=m["name"])
        except errors.ApiError as e:
            return as_status(e)
        return None


def new(args: Any, handle: Any) -> DefaultBinder:
    return DefaultBinder(handle)
