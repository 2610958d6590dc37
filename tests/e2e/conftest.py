"""Fixtures: a served cluster (in-process, stepped unless a test sets a speed) and the real kubectl."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest

from kubelab.cluster import Cluster

from .helpers import MANIFESTS, Kubectl


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    c = Cluster(nodes=3, seed=0)
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
