"""ImageLocality: prefer nodes that already hold the pod's images, weighted by how widespread.

Upstream: pkg/scheduler/framework/plugins/imagelocality/image_locality.go
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.framework.interface import MAX_NODE_SCORE, Status
from kubelab.scheduler.framework.plugins import names

NAME = names.IMAGE_LOCALITY
MB = 1024 * 1024
# Below this the score is 0; the upper bound is 1000 MB per container.
MIN_THRESHOLD = 23 * MB
MAX_CONTAINER_THRESHOLD = 1000 * MB


def calculate_priority(sum_scores: int, num_containers: int) -> int:
    """Mirrors: image_locality.go :: calculatePriority"""
    max_threshold = MAX_CONTAINER_THRESHOLD * num_containers
    if sum_scores < MIN_THRESHOLD:
        sum_scores = MIN_THRESHOLD
    elif sum_scores > max_threshold:
        sum_scores = max_threshold
    return MAX_NODE_SCORE * (sum_scores - MIN_THRESHOLD) // (max_threshold - MIN_THRESHOLD)


def normalized_image_name(name: str) -> str:
    """Mirrors: image_locality.go :: normalizedImageName (no tag means ``:latest``)."""
    if name.rfind(":") <= name.rfind("/"):
        name = name + ":latest"
    return name


def scaled_image_score(size: int, num_nodes: int, total_num_nodes: int) -> int:
    """Mirrors: image_locality.go :: scaledImageScore"""
    spread = float(num_nodes) / float(total_num_nodes)
    return int(float(size) * spread)


def sum_image_scores(node_info: Any, pod: dict, total_num_nodes: int) -> int:
    """Mirrors: image_locality.go :: sumImageScores"""
    total = 0
    spec = pod.get("spec") or {}
    for key in ("initContainers", "containers"):
        for c in spec.get(key) or ():
            st = node_info.image_states.get(normalized_image_name(c.get("image", "")))
            if st is not None:
                total += scaled_image_score(st.size, st.num_nodes, total_num_nodes)
    return total


class ImageLocality:
    """Mirrors: imagelocality/image_locality.go :: ImageLocality"""

    name = NAME

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def score(self, state: Any, pod: dict, node_info: Any) -> tuple[int, Status | None]:
        """Mirrors: (*ImageLocality).Score"""
        total_num_nodes = len(self.handle.snapshot_shared_lister().node_infos().list())
        spec = pod.get("spec") or {}
        n = len(spec.get("initContainers") or ()) + len(spec.get("containers") or ())
        return calculate_priority(sum_image_scores(node_info, pod, total_num_nodes), n), None

    def score_nodes(self, state: Any, pod: dict, table: Any, rows: Any) -> Any:
        """kubelab-only: nodes without images score 0; the others are scored one by one."""
        out = np.zeros(len(rows), dtype=np.int64)
        has = table.has_images[rows]
        if has.any():
            for j in np.flatnonzero(has):
                out[j] = self.score(state, pod, table.infos[rows[j]])[0]
        return out

    def score_extensions(self) -> None:
        return None


def new(args: Any, handle: Any) -> ImageLocality:
    return ImageLocality(handle)
