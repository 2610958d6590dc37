"""Fixtures for the HTTP front: a served cluster (stepped, no latency) and a raw HTTPS client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kubelab.cluster import Cluster
from kubelab.engine import LatencyModel

from .helpers import HTTP


@pytest.fixture
def fast() -> Iterator[Cluster]:
    c = Cluster(nodes=2, seed=0, latency=LatencyModel.zero(), trace_level=0)
    yield c
    if c._serving is not None:
        c._serving.stop()


@pytest.fixture
def served(fast: Cluster) -> Any:
    return fast.serve()


@pytest.fixture
def http(fast: Cluster, served: Any) -> HTTP:
    return HTTP(served.url, fast.admin_token)
