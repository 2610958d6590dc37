"""Shared fixtures: small clusters built the way notebooks build them."""

import pytest

from kubelab.cluster import Cluster
from kubelab.engine import LatencyModel


@pytest.fixture
def cluster() -> Cluster:
    return Cluster(nodes=3, seed=0)


@pytest.fixture
def fast_cluster() -> Cluster:
    """No latency and no trace: for tests about outcomes, not timing."""
    return Cluster(nodes=2, seed=0, latency=LatencyModel.zero(), trace_level=0)


def pod_manifest(name: str = "web", image: str = "nginx:1.27", **spec: object) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": {"app": name}},
            "spec": {"containers": [{"name": "app", "image": image}], **spec}}
