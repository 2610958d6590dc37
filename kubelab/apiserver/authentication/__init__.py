"""Authentication: who is making a request.

Upstream: staging/src/k8s.io/apiserver/pkg/authentication
"""

from kubelab.apiserver.authentication.config import Authenticator, new_authenticator
from kubelab.apiserver.authentication.serviceaccount import serviceaccount_token
from kubelab.apiserver.authentication.tokenfile import TokenAuthenticator

__all__ = ["Authenticator", "TokenAuthenticator", "new_authenticator", "serviceaccount_token"]
