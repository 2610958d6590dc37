"""Server-side apply and managedFields.

Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager,
staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal,
sigs.k8s.io/structured-merge-diff/v4 (fieldpath, typed, merge)
"""

from kubelab.apiserver.fieldmanager.fieldmanager import (
    apply,
    default_reset_fields,
    schema_for,
    update_managed_fields,
)
from kubelab.apiserver.fieldmanager.fieldpath import Set, path_string
from kubelab.apiserver.fieldmanager.managedfields import build_manager_identifier, print_manager

__all__ = [
    "Set",
    "apply",
    "build_manager_identifier",
    "default_reset_fields",
    "path_string",
    "print_manager",
    "schema_for",
    "update_managed_fields",
]
