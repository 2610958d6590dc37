"""Fixtures for the semantic validation tests: objects arrive defaulted, as upstream's do."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kubelab.api.defaults import set_object_defaults
from kubelab.api.field import ErrorList


def defaulted(obj: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(obj)
    set_object_defaults(out)
    return out


def messages(errs: ErrorList) -> list[str]:
    return [str(e) for e in errs]


POD_SPEC: dict[str, Any] = {
    "containers": [{"name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80}]}],
}


def pod(**spec: Any) -> dict[str, Any]:
    s = copy.deepcopy(POD_SPEC)
    s.update(spec)
    return defaulted({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "default"}, "spec": s})


def deployment(labels: dict[str, str] | None = None, **spec: Any) -> dict[str, Any]:
    labels = {"app": "web"} if labels is None else labels
    s: dict[str, Any] = {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": {"labels": labels}, "spec": copy.deepcopy(POD_SPEC)},
    }
    s.update(spec)
    return defaulted({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"}, "spec": s})


@pytest.fixture
def make_pod() -> Callable[..., dict[str, Any]]:
    return pod
