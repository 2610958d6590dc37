"""The outcome of one kubectl command: what it wrote to stdout and stderr, and its exit code.

kubelab-only: stands in for the process boundary of the real kubectl binary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Result:
    """What a terminal would show after running one kubectl command."""

    stdout: str = ""
    stderr: str = ""
    exit_code: int = 0

    def __str__(self) -> str:
        return self.stdout + self.stderr

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        # IPython calls this for the cell's value: show the text verbatim, like a terminal.
        p.text(str(self))
