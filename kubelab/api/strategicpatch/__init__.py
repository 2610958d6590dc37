"""Strategic merge patch: kubectl's PATCH format and the patches ``kubectl apply`` computes.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/
"""

from kubelab.api.strategicpatch.create import (
    DiffOptions,
    create_three_way_merge_patch,
    create_two_way_merge_patch,
)
from kubelab.api.strategicpatch.mergepatch import (
    ConflictError,
    MergePatchError,
    PreconditionFailedError,
    require_key_unchanged,
    require_metadata_key_unchanged,
)
from kubelab.api.strategicpatch.patch import (
    MergeOptions,
    strategic_merge_map_patch,
    strategic_merge_patch,
)

__all__ = [
    "ConflictError",
    "DiffOptions",
    "MergeOptions",
    "MergePatchError",
    "PreconditionFailedError",
    "create_three_way_merge_patch",
    "create_two_way_merge_patch",
    "require_key_unchanged",
    "require_metadata_key_unchanged",
    "strategic_merge_map_patch",
    "strategic_merge_patch",
]
