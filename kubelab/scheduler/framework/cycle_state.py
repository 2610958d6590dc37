"""Per-cycle scratch space plugins share: PreFilter writes, Filter and Score read.

Upstream: pkg/scheduler/framework/cycle_state.go
"""

from __future__ import annotations

from typing import Any

# The key under which the cycle keeps the pods plugins asked to activate.
PODS_TO_ACTIVATE_KEY = "kubernetes.io/pods-to-activate"


class StateNotFoundError(KeyError):
    """Mirrors: pkg/scheduler/framework/cycle_state.go :: ErrNotFound ("not found")."""

    def __str__(self) -> str:
        return "not found"


class PodsToActivate:
    """Pods a plugin wants moved to the active queue after the cycle.

    Mirrors: pkg/scheduler/framework/types.go :: PodsToActivate
    """

    __slots__ = ("map",)

    def __init__(self) -> None:
        self.map: dict[str, dict] = {}

    def clone(self) -> PodsToActivate:
        return self


class CycleState:
    """Key/value data for one scheduling cycle.

    Values are plugin state objects; ``clone()`` calls their ``clone()`` (or shares the
    value when it has none), as the Go StateData interface requires.

    Mirrors: pkg/scheduler/framework/cycle_state.go :: CycleState
    """

    __slots__ = ("storage", "record_plugin_metrics", "skip_filter_plugins", "skip_score_plugins",
                 "skip_pre_bind_plugins")

    def __init__(self) -> None:
        self.storage: dict[str, Any] = {}
        self.record_plugin_metrics = False
        # Plugins whose PreFilter/PreScore returned Skip: checked by membership only.
        self.skip_filter_plugins: frozenset[str] = frozenset()
        self.skip_score_plugins: frozenset[str] = frozenset()
        self.skip_pre_bind_plugins: frozenset[str] = frozenset()

    def read(self, key: str) -> Any:
        """Mirrors: (*CycleState).Read; raises StateNotFoundError ("not found")."""
        try:
            return self.storage[key]
        except KeyError:
            raise StateNotFoundError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return self.storage.get(key, default)

    def write(self, key: str, value: Any) -> None:
        self.storage[key] = value

    def delete(self, key: str) -> None:
        self.storage.pop(key, None)

    def clone(self) -> CycleState:
        """Mirrors: (*CycleState).Clone"""
        c = CycleState()
        for k, v in self.storage.items():
            cl = getattr(v, "clone", None)
            c.storage[k] = cl() if callable(cl) else v
        c.record_plugin_metrics = self.record_plugin_metrics
        c.skip_filter_plugins = self.skip_filter_plugins
        c.skip_score_plugins = self.skip_score_plugins
        c.skip_pre_bind_plugins = self.skip_pre_bind_plugins
        return c

    def __repr__(self) -> str:
        return f"CycleState({', '.join(self.storage) or 'empty'})"


def new_cycle_state() -> CycleState:
    """Mirrors: pkg/scheduler/framework/cycle_state.go :: NewCycleState"""
    return CycleState()
