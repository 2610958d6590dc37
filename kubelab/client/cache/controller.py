"""Resource event handlers: what an informer calls on add, update and delete.

Upstream: staging/src/k8s.io/client-go/tools/cache/controller.go (ResourceEventHandler,
ResourceEventHandlerFuncs, FilteringResourceEventHandler)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class ResourceEventHandler(Protocol):
    """Mirrors: client-go/tools/cache/controller.go :: ResourceEventHandler

    Differences: ``on_add`` takes only the object (the ResourceEventHandlerFuncs shape);
    there is no ``isInInitialList`` argument.
    """

    def on_add(self, obj: Any) -> None: ...

    def on_update(self, old_obj: Any, new_obj: Any) -> None: ...

    def on_delete(self, obj: Any) -> None: ...


@dataclass(slots=True)
class ResourceEventHandlerFuncs:
    """Any of the three callbacks may be None. Mirrors: controller.go :: ResourceEventHandlerFuncs"""

    add_func: Callable[[Any], None] | None = None
    update_func: Callable[[Any, Any], None] | None = None
    delete_func: Callable[[Any], None] | None = None

    def on_add(self, obj: Any) -> None:
        if self.add_func is not None:
            self.add_func(obj)

    def on_update(self, old_obj: Any, new_obj: Any) -> None:
        if self.update_func is not None:
            self.update_func(old_obj, new_obj)

    def on_delete(self, obj: Any) -> None:
        if self.delete_func is not None:
            self.delete_func(obj)


@dataclass(slots=True)
class FilteringResourceEventHandler:
    """Pass on only objects ``filter_func`` accepts; an update that crosses the filter
    becomes an add or a delete.

    Mirrors: client-go/tools/cache/controller.go :: FilteringResourceEventHandler
    """

    filter_func: Callable[[Any], bool]
    handler: Any

    def on_add(self, obj: Any) -> None:
        if self.filter_func(obj):
            self.handler.on_add(obj)

    def on_update(self, old_obj: Any, new_obj: Any) -> None:
        new_ok = self.filter_func(new_obj)
        old_ok = self.filter_func(old_obj)
        if new_ok and old_ok:
            self.handler.on_update(old_obj, new_obj)
        elif new_ok:
            self.handler.on_add(new_obj)
        elif old_ok:
            self.handler.on_delete(old_obj)

    def on_delete(self, obj: Any) -> None:
        if self.filter_func(obj):
            self.handler.on_delete(obj)
