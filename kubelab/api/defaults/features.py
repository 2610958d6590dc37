"""The feature gates defaulting consults, at their v1.34 default values.

Upstream: pkg/features/kube_features.go
"""

from __future__ import annotations

# Gate name -> enabled by default in v1.34 (alpha gates are off, beta and GA gates on,
# except the few betas upstream ships disabled).
FEATURE_GATES: dict[str, bool] = {
    "ImageVolume": False,  # beta in v1.34, off by default
    "JobPodReplacementPolicy": True,
    "PodLevelResources": True,  # beta in v1.34
    "StatefulSetAutoDeletePVC": True,  # GA
}


def enabled(gate: str) -> bool:
    """Mirrors: utilfeature.DefaultFeatureGate.Enabled (unknown gates are off)."""
    return FEATURE_GATES.get(gate, False)
