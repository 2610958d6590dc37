"""Filter and Score over thousands of nodes at once, with the reference methods' exact results.

kubelab-only: stands in for upstream's parallelizer (16 goroutines over the nodes). Each
plugin may offer ``filter_nodes(state, pod, table)`` (a boolean mask over the snapshot's
node table) and ``score_nodes(state, pod, table, rows)`` (raw scores as an int64 array);
plugins without them, or that return None for this pod, run their per-node method. The
mask only decides pass or fail: every rejected node's Status is produced by the per-node
``run_filter_plugins``, so reasons, codes and plugin names are exactly the reference ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kubelab.scheduler.framework.cycle_state import CycleState
from kubelab.scheduler.framework.interface import (
    MAX_NODE_SCORE,
    MIN_NODE_SCORE,
    Code,
    NodeScore,
    SchedulingError,
    Status,
    as_status,
)
from kubelab.scheduler.framework.types import NodeInfo

Obj = dict[str, Any]


def rotation(n: int, start: int) -> Any:
    """Row order starting at ``start`` and wrapping around (nextStartNodeIndex)."""
    if start == 0:
        return np.arange(n)
    return np.concatenate((np.arange(start, n), np.arange(0, start)))


def find_nodes_that_pass_filters_fast(fwk: Any, state: CycleState, pod: Obj, snapshot: Any, start: int,
                                      num_nodes_to_find: int,
                                      ) -> tuple[list[NodeInfo], list[tuple[str, Status]], int]:
    """The first ``num_nodes_to_find`` feasible nodes in rotation order over every snapshot node.

    Returns the feasible nodes, the (node, Status) of each rejected node that was
    examined, and how many nodes were examined.
    """
    table = snapshot.node_table()
    n = table.n
    skip = state.skip_filter_plugins
    mask: Any = None
    per_node: list[Any] = []
    for name, f in fwk._filters:
        if name in skip:
            continue
        pl = fwk.plugins_map[name]
        vec = getattr(pl, "filter_nodes", None)
        m = None
        if vec is not None:
            try:
                m = vec(state, pod, table)
            except Exception:  # a failing vector form defers to the reference method
                m = None
        if m is None:
            per_node.append(f)
        else:
            mask = m.copy() if mask is None else (mask & m)
    if mask is None:
        mask = table.all_true
    special = _rows_with_nominated_pods(fwk, table)
    order = rotation(n, start)
    ok = mask[order]
    infos = table.infos
    feasible_rows: list[int] = []
    statuses: list[tuple[str, Status]] = []
    if not per_node and not special:
        pos = np.flatnonzero(ok)
        if len(pos) >= num_nodes_to_find:
            processed = int(pos[num_nodes_to_find - 1]) + 1
            feasible_rows = order[pos[:num_nodes_to_find]].tolist()
        else:
            processed = n
            feasible_rows = order[pos].tolist()
        failing = order[:processed][~ok[:processed]].tolist()
    else:
        failing = []
        processed = 0
        for j in range(n):
            row = int(order[j])
            processed = j + 1
            ni = infos[row]
            if row in special:
                st = fwk.run_filter_plugins_with_nominated_pods(state, pod, ni)
                if st is None or st.is_success():
                    feasible_rows.append(row)
                else:
                    statuses.append((ni.node_name, st))
            elif not ok[j] or not _passes(per_node, state, pod, ni):
                failing.append(row)
            else:
                feasible_rows.append(row)
            if len(feasible_rows) >= num_nodes_to_find:
                break
    for row in failing:
        ni = infos[row]
        st = fwk.run_filter_plugins(state, pod, ni)
        if st is None or st.is_success():
            st = as_status(SchedulingError(f'fast path and Filter plugins disagree on node "{ni.node_name}"'))
        statuses.append((ni.node_name, st))
    if special:
        order_pos = {int(r): k for k, r in enumerate(order[:processed].tolist())}
        statuses.sort(key=lambda t: order_pos[table.index[t[0]]])
    out = FeasibleNodes(map(infos.__getitem__, feasible_rows))
    out.rows = np.asarray(feasible_rows, dtype=np.int64)
    return out, statuses, processed


class FeasibleNodes(list):  # type: ignore[type-arg]
    """The feasible NodeInfos, with their table rows for the Score fast path."""

    rows: Any = None


def _passes(per_node: list[Any], state: CycleState, pod: Obj, ni: NodeInfo) -> bool:
    for f in per_node:
        try:
            s = f(state, pod, ni)
        except Exception:
            return False
        if s is not None and s.code() != Code.SUCCESS:
            return False
    return True


def _rows_with_nominated_pods(fwk: Any, table: Any) -> set[int]:
    nominator = fwk.pod_nominator
    if nominator is None:
        return set()
    nominated = getattr(nominator, "nominator", nominator).nominated_pods
    return {table.index[name] for name in nominated if name in table.index}


class ScoreTable:
    """Per-plugin raw, normalized and weighted scores for the feasible nodes, as arrays."""

    __slots__ = ("names", "rows", "totals", "plugins")

    def __init__(self, names: list[str], rows: Any) -> None:
        self.names = names
        self.rows = rows
        self.totals = np.zeros(len(names), dtype=np.int64)
        self.plugins: list[tuple[str, Any, Any, int]] = []


def prioritize_nodes_fast(fwk: Any, state: CycleState, pod: Obj, snapshot: Any, nodes: list[NodeInfo],
                          names: Any = None, rows: Any = None) -> tuple[ScoreTable | None, Status | None]:
    """RunScorePlugins over numpy arrays: raw score, NormalizeScore, the range check, weights."""
    table = snapshot.node_table()
    if names is None:
        names = [ni.node_name for ni in nodes]
    if rows is None:
        rows = np.fromiter((table.index[nm] for nm in names), dtype=np.int64, count=len(names))
    out = ScoreTable(names, rows)
    for name, pl, weight in fwk.active_score_plugins(state):
        raw = None
        vec = getattr(pl, "score_nodes", None)
        if vec is not None:
            try:
                raw = vec(state, pod, table, rows)
            except Exception:
                raw = None
        if raw is None:
            vals = []
            for ni in nodes:
                try:
                    v, s = pl.score(state, pod, ni)
                except Exception as e:
                    v, s = 0, as_status(e)
                if s is not None and not s.is_success():
                    return None, as_status(SchedulingError(f'plugin "{name}" failed with: {s.as_error()}'))
                vals.append(int(v))
            raw = np.array(vals, dtype=np.int64)
        ext = pl.score_extensions()
        if ext is None:
            norm = raw
        elif getattr(ext, "normalize_score_array", None) is not None:
            norm = ext.normalize_score_array(state, pod, names, raw)
        else:
            scores = [NodeScore(str(nm), int(v)) for nm, v in zip(names, raw.tolist())]
            bad = fwk.normalize_and_check(state, pod, name, pl, scores)
            if bad is not None:
                return None, bad
            norm = np.array([s.score for s in scores], dtype=np.int64)
        if len(norm) and (norm.max() > MAX_NODE_SCORE or norm.min() < MIN_NODE_SCORE):
            i = int(np.flatnonzero((norm > MAX_NODE_SCORE) | (norm < MIN_NODE_SCORE))[0])
            return None, as_status(SchedulingError(
                f'plugin "{name}" returns an invalid score {int(norm[i])}, it should in the range of '
                f"[{MIN_NODE_SCORE}, {MAX_NODE_SCORE}] after normalizing"))
        out.totals += norm * weight
        out.plugins.append((name, raw, norm, weight))
    return out, None
