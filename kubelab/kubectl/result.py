"""The outcome of one kubectl command: what it wrote to stdout and stderr, and its exit code.

kubelab-only: stands in for the process boundary of the real kubectl binary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Result:
    """What a terminal would show after running one kubectl command."""

    stdout: str = ""
    stderr: str = ""
    exit_code: int = 0
    # Objects ``kubectl delete`` would now wait for until they are gone (``--wait``, the
    # default): (resource, namespace, name, uid). A caller that can advance simulated time
    # (``Cluster.kubectl``) may run the cluster until they disappear, as the real command blocks.
    wait_for: list[tuple[str, str, str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return self.stdout + self.stderr

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        # IPython calls this for the cell's value: show the text verbatim, like a terminal.
        p.text(str(self))
