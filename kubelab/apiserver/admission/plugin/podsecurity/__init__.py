"""Pod Security admission: the baseline and restricted standards per namespace.

Upstream: staging/src/k8s.io/pod-security-admission
"""

from kubelab.apiserver.admission.plugin.podsecurity.admission import PodSecurity

__all__ = ["PodSecurity"]
