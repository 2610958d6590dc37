"""kubelab: a Jupyter-native course on Kubernetes internals, built on a cluster simulator."""

from kubelab.api.errors import ApiError

__version__ = "0.1.0"

__all__ = ["ApiError", "Cluster", "__version__"]


def __getattr__(name: str):  # noqa: ANN202 - lazy import keeps `kubelab version` fast
    if name == "Cluster":
        from kubelab.cluster import Cluster

        return Cluster
    raise AttributeError(name)
