"""Why a pod went where it went: one scheduling cycle per node and per plugin.

kubelab-only: kube-scheduler logs this at -v=10; kubelab records it (for small clusters,
at trace level 4, or for pods asked about in advance) and offers it as DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kubelab.scheduler.framework.interface import Status

# Cycles are recorded for every pod while the cluster has at most this many nodes.
EXPLAIN_AUTO_MAX_NODES = 200


@dataclass(slots=True)
class CycleRecord:
    """What one scheduling cycle saw and decided."""

    namespace: str
    name: str
    time: float
    profile: str
    attempt: int
    node: str | None = None
    message: str = ""
    pre_filter: list[tuple[str, str, str]] = field(default_factory=list)      # plugin, code, reason
    filter_rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # node, plugin, code, reason
    score_rows: list[tuple[str, str, int, int, int, int]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    skipped_filter: list[str] = field(default_factory=list)
    skipped_score: list[str] = field(default_factory=list)
    evaluated_nodes: int = 0
    feasible_nodes: int = 0
    nominated_node: str = ""
    victims: list[str] = field(default_factory=list)
    post_filter: str = ""

    def add_filter_status(self, node: str, status: Status | None) -> None:
        if status is None or status.is_success():
            self.filter_rows.append((node, "", "Success", ""))
        else:
            self.filter_rows.append((node, status.plugin, str(status.code()), status.message()))

    def trace_fields(self) -> dict[str, Any]:
        return {"node": self.node, "attempt": self.attempt, "filter": [list(r) for r in self.filter_rows],
                "scores": [list(r) for r in self.score_rows], "total": dict(self.totals),
                "victims": list(self.victims), "nominatedNode": self.nominated_node}


class Explanation:
    """The last recorded scheduling cycle of one pod.

    ``node`` (chosen node or None), ``filter`` (DataFrame: node, plugin, code, reason),
    ``scores`` (DataFrame: node, plugin, raw, normalized, weight, weighted), ``total``
    (weighted sum per node, best first), ``victims`` (pods preemption chose), ``message``.
    """

    def __init__(self, record: CycleRecord) -> None:
        self.record = record

    @property
    def node(self) -> str | None:
        return self.record.node

    @property
    def message(self) -> str:
        return self.record.message

    @property
    def victims(self) -> list[str]:
        return list(self.record.victims)

    @property
    def nominated_node(self) -> str:
        return self.record.nominated_node

    @property
    def filter(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.record.filter_rows, columns=["node", "plugin", "code", "reason"])

    @property
    def scores(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.record.score_rows,
                            columns=["node", "plugin", "raw", "normalized", "weight", "weighted"])

    @property
    def total(self) -> Any:
        import pandas as pd

        items = sorted(self.record.totals.items(), key=lambda kv: (-kv[1], kv[0]))
        return pd.Series(dict(items), name="total", dtype="int64")

    @property
    def pre_filter(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.record.pre_filter, columns=["plugin", "code", "reason"])

    def __repr__(self) -> str:
        r = self.record
        head = f"{r.namespace}/{r.name} (attempt {r.attempt}, t={r.time:g}s, profile {r.profile})"
        if r.node:
            lines = [f"{head}: scheduled to {r.node}",
                     f"  {r.feasible_nodes} feasible of {r.evaluated_nodes} evaluated nodes"]
            for node, total in list(self.total.items())[:5]:
                lines.append(f"  {node}: {total}")
        else:
            lines = [f"{head}: not scheduled", f"  {r.message}"]
            if r.nominated_node:
                lines.append(f"  nominated to {r.nominated_node}; victims: {', '.join(r.victims) or '-'}")
        return "\n".join(lines)
