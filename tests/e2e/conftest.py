"""Fixtures: a served cluster (in-process, stepped unless a test sets a speed) and the real kubectl."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest

from kubelab.cluster import Cluster

from .helpers import MANIFESTS, Kubectl


@pytest.fixture
def cluster(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    # Until kubelets exist nothing finishes a bound pod's graceful deletion, so tests that
    # wait for pods to disappear run without a scheduler binding them.
    c = Cluster(nodes=3, seed=0, scheduler=request.node.get_closest_marker("pods_stay_unbound") is None)
    yield c
    if c._serving is not None:
        c._serving.stop()


@pytest.fixture
def workdir(tmp_path: pathlib.Path) -> pathlib.Path:
    for name, text in MANIFESTS.items():
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.fixture
def kubectl(cluster: Cluster, workdir: pathlib.Path) -> Kubectl:
    s = cluster.serve()
    return Kubectl(s.kubeconfig, workdir)
