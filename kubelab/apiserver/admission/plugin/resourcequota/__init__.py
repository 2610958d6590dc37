"""ResourceQuota admission: usage evaluation, limits and status charging.

Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota, pkg/quota/v1
"""

from kubelab.apiserver.admission.plugin.resourcequota.admission import ResourceQuota, check_request

__all__ = ["ResourceQuota", "check_request"]
