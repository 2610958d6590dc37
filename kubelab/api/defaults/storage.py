"""Defaulting for storage.k8s.io/v1 StorageClasses.

Upstream: pkg/apis/storage/v1/defaults.go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Obj = dict[str, Any]


def set_defaults_storage_class(obj: Obj) -> None:
    """Mirrors: pkg/apis/storage/v1/defaults.go :: SetDefaults_StorageClass"""
    if obj.get("reclaimPolicy") is None:
        obj["reclaimPolicy"] = "Delete"
    if obj.get("volumeBindingMode") is None:
        obj["volumeBindingMode"] = "Immediate"


def register_defaults(scheme: dict[tuple[str, str], Callable[[Obj], None]]) -> None:
    """Mirrors: pkg/apis/storage/v1/zz_generated.defaults.go :: RegisterDefaults

    Differences: only StorageClass; kubelab serves no CSIDriver or VolumeAttachment.
    """
    scheme[("storage.k8s.io/v1", "StorageClass")] = set_defaults_storage_class
