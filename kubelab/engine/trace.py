"""The one record of what happened: every step a component takes.

kubelab-only: a structured log with klog-style verbosity. DataFrames, charts, widgets and
tests read it; nothing re-derives history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

COLUMNS = ("seq", "time", "level", "component", "action", "src", "dst", "kind", "namespace",
           "name", "message", "fields")

# Verbosity levels, as klog's -v: 0 always, 2 default component steps, 4 per-request
# detail (handler-chain filters), 5 per-object internals (watch fan-out).
DEFAULT_LEVEL = 2


class Trace:
    """Append-only trace records; recording above ``level`` costs one comparison.

    Call sites on hot paths guard with ``if trace.v(4):`` before building fields.
    """

    def __init__(self, clock: Callable[[], float], level: int = DEFAULT_LEVEL) -> None:
        self._clock = clock
        self.level = level
        self.rows: list[tuple[Any, ...]] = []
        self._listeners: list[Callable[[tuple[Any, ...]], None]] = []

    def v(self, level: int) -> bool:
        return level <= self.level

    def record(self, component: str, action: str, *, level: int = DEFAULT_LEVEL,
               src: str = "", dst: str = "", kind: str = "", namespace: str = "", name: str = "",
               message: str = "", fields: Mapping[str, Any] | None = None) -> None:
        if level > self.level:
            return
        row = (len(self.rows), self._clock(), level, component, action, src, dst, kind, namespace,
               name, message, dict(fields) if fields else {})
        self.rows.append(row)
        for fn in self._listeners:
            fn(row)

    def subscribe(self, fn: Callable[[tuple[Any, ...]], None]) -> Callable[[], None]:
        """Call ``fn(row)`` for every new record; returns the unsubscribe function."""
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            yield dict(zip(COLUMNS, row, strict=True))

    def frame(self, since: int = 0) -> Any:
        """The records as a pandas DataFrame (one row per step)."""
        import pandas as pd

        return pd.DataFrame(self.rows[since:], columns=list(COLUMNS))

    def clear(self) -> None:
        self.rows.clear()

    def __repr__(self) -> str:
        return f"Trace({len(self.rows)} records, level={self.level})"
