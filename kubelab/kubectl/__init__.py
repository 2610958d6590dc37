"""kubectl-compatible text commands over a simulated cluster.

``run("get pods -o wide", client, now=c.now)`` prints what the real kubectl v1.34 prints for
the same objects: the same columns, messages, errors and exit codes.

Upstream: staging/src/k8s.io/kubectl (pkg/cmd/...)
"""

from kubelab.kubectl import (
    apiresources,
    apply,
    create,
    delete,
    describe,
    get,
    label,
    scale,
    version,
)
from kubelab.kubectl.apply import apply_manifests
from kubelab.kubectl.cmd import COMMANDS, run
from kubelab.kubectl.result import Result

__all__ = ["COMMANDS", "Result", "apply_manifests", "run"]

# The command modules register themselves when imported.
del apiresources, apply, create, delete, describe, get, label, scale, version
