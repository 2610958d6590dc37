"""The one upstream Kubernetes version kubelab mirrors.

kubelab-only: every `Mirrors:` line in a docstring cites a path at this tag.
"""

KUBERNETES_VERSION = "v1.34.1"
MAJOR = "1"
MINOR = "34"
GIT_COMMIT = "93248f9ae092f571eb870b7664c534bfc7d00f03"
SOURCE = "https://github.com/kubernetes/kubernetes/tree/" + KUBERNETES_VERSION
