"""kube-apiserver over HTTP: the real kubectl and client libraries drive the simulation.

``serve(env, apiserver, token)`` starts a threaded HTTP/1.1 server on 127.0.0.1 whose
requests run through the same handler chain as in-process calls (authentication,
RBAC, admission, registry), answers with upstream's JSON, Tables and Status errors,
streams watches, and writes a kubeconfig. ``Cluster.serve()`` is the notebook's door.

Upstream: staging/src/k8s.io/apiserver/pkg/server (secure_serving.go, handler.go) and
pkg/endpoints/handlers (watch.go, response.go, negotiation, responsewriters)
"""

from kubelab.apiserver.server.kubeconfig import build as build_kubeconfig
from kubelab.apiserver.server.secure_serving import KubeHTTPServer, Serving, serve
from kubelab.apiserver.server.simulation import Simulation

__all__ = ["KubeHTTPServer", "Serving", "Simulation", "build_kubeconfig", "serve"]
