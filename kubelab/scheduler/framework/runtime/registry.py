"""The name -> factory map a profile's plugins are built from, in-tree and out-of-tree.

Upstream: pkg/scheduler/framework/runtime/registry.go
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

# factory(args, handle) -> plugin; args is the pluginConfig entry's args (typed for
# in-tree plugins, the raw dict for out-of-tree ones, None when not configured).
PluginFactory = Callable[[Any, Any], Any]


def factory_for(plugin: Any) -> PluginFactory:
    """A factory from a plugin class (called with ``(args, handle)`` if it takes them) or instance."""
    if isinstance(plugin, type):
        def build(args: Any, handle: Any) -> Any:
            try:
                return plugin(args, handle)
            except TypeError:
                return plugin()
        return build
    if callable(plugin) and not hasattr(plugin, "name"):
        return plugin
    return lambda args, handle: plugin


class Registry:
    """Mirrors: pkg/scheduler/framework/runtime/registry.go :: Registry"""

    def __init__(self, factories: dict[str, PluginFactory] | None = None) -> None:
        self.factories: dict[str, PluginFactory] = dict(factories or {})

    def register(self, name: str, factory: Any) -> None:
        """Mirrors: Registry.Register: a name can be taken only once.

        ``factory`` may be a factory function, a plugin class or a plugin instance.
        """
        if name in self.factories:
            raise ValueError(f"a plugin named {name} already exists")
        self.factories[name] = factory_for(factory)

    def unregister(self, name: str) -> None:
        """Mirrors: Registry.Unregister"""
        if name not in self.factories:
            raise ValueError(f"no plugin named {name} exists")
        del self.factories[name]

    def merge(self, other: Registry) -> None:
        """Mirrors: Registry.Merge"""
        for name, f in other.factories.items():
            self.register(name, f)

    def __contains__(self, name: object) -> bool:
        return name in self.factories

    def __getitem__(self, name: str) -> PluginFactory:
        return self.factories[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.factories)

    def __len__(self) -> int:
        return len(self.factories)

    def __repr__(self) -> str:
        return f"Registry({', '.join(self.factories)})"
