"""How a reflector lists and watches one resource through a client.

Upstream: staging/src/k8s.io/client-go/tools/cache/listwatch.go
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(slots=True)
class ListOptions:
    """The list/watch query parameters a reflector sets. Mirrors: metav1.ListOptions"""

    resource_version: str = ""
    limit: int = 0
    continue_: str = ""
    timeout_seconds: int | None = None
    allow_watch_bookmarks: bool = False
    label_selector: str = ""
    field_selector: str = ""


class ListerWatcher(Protocol):
    """Mirrors: client-go/tools/cache/listwatch.go :: ListerWatcher"""

    def list(self, options: ListOptions) -> Generator[Any, Any, dict]: ...

    def watch(self, options: ListOptions) -> Generator[Any, Any, Any]: ...


class ListWatch:
    """List and watch ``resource`` (optionally in one namespace) through ``client``.

    Mirrors: client-go/tools/cache/listwatch.go :: NewFilteredListWatchFromClient

    ``tweak_list_options(options)`` may set selectors before every request, as the
    generated informers' TweakListOptionsFunc does.
    """

    __slots__ = ("client", "resource", "namespace", "label_selector", "field_selector",
                 "tweak_list_options", "_watch_takes_timeout")

    def __init__(self, client: Any, resource: str, namespace: str | None = None, *,
                 label_selector: str = "", field_selector: str = "",
                 tweak_list_options: Callable[[ListOptions], None] | None = None) -> None:
        self.client = client
        self.resource = resource
        self.namespace = namespace or None
        self.label_selector = label_selector
        self.field_selector = field_selector
        self.tweak_list_options = tweak_list_options
        self._watch_takes_timeout = any(
            _takes(getattr(client, m, None), "timeout_seconds") for m in ("watch", "watch_request"))

    def _options(self, options: ListOptions) -> ListOptions:
        options.label_selector = options.label_selector or self.label_selector
        options.field_selector = options.field_selector or self.field_selector
        if self.tweak_list_options is not None:
            self.tweak_list_options(options)
        return options

    def list(self, options: ListOptions) -> Generator[Any, Any, dict]:
        o = self._options(options)
        result = yield from self.client.list(
            self.resource, self.namespace, label_selector=o.label_selector,
            field_selector=o.field_selector, resource_version=o.resource_version,
            limit=o.limit, continue_=o.continue_)
        return result

    def watch(self, options: ListOptions) -> Generator[Any, Any, Any]:
        o = self._options(options)
        kw: dict[str, Any] = {}
        if self._watch_takes_timeout and o.timeout_seconds is not None:
            kw["timeout_seconds"] = o.timeout_seconds
        w = yield from self.client.watch(
            self.resource, self.namespace, resource_version=o.resource_version,
            label_selector=o.label_selector, field_selector=o.field_selector,
            allow_watch_bookmarks=o.allow_watch_bookmarks, **kw)
        return w

    @property
    def server_times_out_watches(self) -> bool:
        """Whether the client passes ``timeout_seconds`` on (else the reflector enforces it)."""
        return self._watch_takes_timeout


def _takes(fn: Any, param: str) -> bool:
    if fn is None:
        return False
    try:
        return param in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
