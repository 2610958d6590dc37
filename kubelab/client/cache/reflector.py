"""The reflector: list, then watch from the list's resourceVersion, into a store.

Upstream: staging/src/k8s.io/client-go/tools/cache/reflector.go (with the pager of
client-go/tools/pager/pager.go and the back-off manager of
apimachinery/pkg/util/wait/backoff.go that it uses)
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Generator
from typing import Any

import simpy

from kubelab.api import errors
from kubelab.client.cache.listwatch import ListerWatcher, ListOptions
from kubelab.client.cache.store import Store

# The watch timeout is random in [MIN_WATCH_TIMEOUT, 2*MIN_WATCH_TIMEOUT) (minWatchTimeout).
MIN_WATCH_TIMEOUT = 300.0
# tools/pager's default page size.
DEFAULT_PAGE_SIZE = 500
# Reflector back-off: 800 ms doubling to 30 s, reset after 2 minutes of quiet, jitter 1.0.
BACKOFF_INITIAL = 0.8
BACKOFF_MAX = 30.0
BACKOFF_RESET = 120.0
BACKOFF_FACTOR = 2.0
BACKOFF_JITTER = 1.0


class ReflectorError(Exception):
    """A failure that is not an API status (a short watch, a list that failed)."""


class _StopRequested(Exception):
    pass


# errorStopRequested: the watch ended because the reflector was stopped.
ERROR_STOP_REQUESTED = _StopRequested("stop requested")


def jitter(duration: float, max_factor: float, rng: Any) -> float:
    """Mirrors: apimachinery/pkg/util/wait/jitter.go :: Jitter"""
    if max_factor <= 0.0:
        max_factor = 1.0
    return duration + rng.random() * max_factor * duration


class Backoff:
    """Mirrors: apimachinery/pkg/util/wait/backoff.go :: Backoff (Step)"""

    __slots__ = ("duration", "factor", "jitter", "steps", "cap", "rng")

    def __init__(self, duration: float, factor: float, jitter: float, steps: int, cap: float,
                 rng: Any) -> None:
        self.duration = duration
        self.factor = factor
        self.jitter = jitter
        self.steps = steps
        self.cap = cap
        self.rng = rng

    def step(self) -> float:
        if self.steps < 1:
            return jitter(self.duration, self.jitter, self.rng) if self.jitter > 0 else self.duration
        self.steps -= 1
        duration = self.duration
        if self.factor != 0:
            self.duration = self.duration * self.factor
            if self.cap > 0 and self.duration > self.cap:
                self.duration = self.cap
                self.steps = 0
        if self.jitter > 0:
            duration = jitter(duration, self.jitter, self.rng)
        return duration


class ExponentialBackoffManager:
    """Exponential back-off that starts over after ``reset`` seconds without a back-off.

    Once the cap is reached each wait is ``cap`` jittered, so the reflector settles at
    [30 s, 60 s) between attempts against an unhealthy API server.

    Mirrors: apimachinery/pkg/util/wait/backoff.go :: NewExponentialBackoffManager, (*exponentialBackoffManagerImpl).Backoff
    """

    __slots__ = ("env", "backoff", "initial", "last_backoff_start", "reset")

    def __init__(self, env: simpy.Environment, initial: float, maximum: float, reset: float,
                 factor: float, jitter_factor: float, rng: Any) -> None:
        self.env = env
        self.initial = initial
        self.reset = reset
        self.last_backoff_start = env.now
        self.backoff = Backoff(initial, factor, jitter_factor, 2**31 - 1, maximum, rng)

    def backoff_duration(self) -> float:
        """The next wait (getNextBackoff)."""
        now = self.env.now
        if now - self.last_backoff_start > self.reset:
            self.backoff.steps = 2**31 - 1
            self.backoff.duration = self.initial
        self.last_backoff_start = now
        return self.backoff.step()


def is_expired_error(err: BaseException) -> bool:
    """410 Expired or Gone: the resourceVersion is too old. Mirrors: reflector.go :: isExpiredError"""
    return isinstance(err, errors.ApiError) and (err.reason in ("Expired", "Gone") or err.code == 410)


def is_too_large_resource_version_error(err: BaseException) -> bool:
    """Mirrors: client-go/tools/cache/reflector.go :: isTooLargeResourceVersionError"""
    if not isinstance(err, errors.ApiError):
        return False
    if any(c.get("reason") == "ResourceVersionTooLarge" for c in err.causes):
        return True
    if err.reason != "Timeout":
        return False
    if any(c.get("message") == "Too large resource version" for c in err.causes):
        return True
    return "Too large resource version" in err.message


def is_watch_error_retriable(err: BaseException) -> bool:
    """Watch errors worth retrying without a relist (429). Mirrors: reflector.go :: isWatchErrorRetriable"""
    return isinstance(err, errors.ApiError) and err.code == 429


def default_watch_error_handler(r: Reflector, err: BaseException) -> None:
    """Mirrors: client-go/tools/cache/reflector.go :: DefaultWatchErrorHandler"""
    if is_expired_error(err):
        r.record("Watch closed", f"{r.name}: watch of {r.type_description} closed with: {err}", 4)
    else:
        r.record("Failed to watch", f"{r.name}: Failed to watch {r.type_description}: {err}", 2)


class Reflector:
    """Keeps ``store`` in step with the server for one resource.

    ``run(stop)`` starts a SimPy process that loops ListAndWatch with back-off until
    ``stop`` triggers: list (paged), ``store.replace``, then watch from the list's
    resourceVersion; a watch that ends cleanly is restarted from the last seen
    resourceVersion, one that ends with 410 leads to a relist.

    Mirrors: client-go/tools/cache/reflector.go :: Reflector

    Differences: no WatchList (streaming list) mode and no internal-error retry deadline
    (upstream's default of 0 disables it too); when the client cannot pass
    ``timeoutSeconds`` to the server the reflector ends the watch itself at that time.
    """

    def __init__(self, env: Any, lw: ListerWatcher, store: Store, *, name: str = "",
                 type_description: str = "", resync_period: float = 0.0,
                 should_resync: Callable[[], bool] | None = None, component: str = "",
                 watch_error_handler: Callable[[Reflector, BaseException], None] | None = None,
                 rng: Any = None) -> None:
        self.env = env
        self.listerwatcher = lw
        self.store = store
        self.name = name or "reflector"
        self.type_description = type_description or "<unspecified>"
        self.resync_period = resync_period
        self.should_resync = should_resync
        self.component = component or "reflector"
        self.watch_error_handler = watch_error_handler or default_watch_error_handler
        # One stream per reflector identity, so adding an informer elsewhere in the
        # cluster does not shift this one's jitter.
        self.rng = rng if rng is not None else env.rand.stream(
            f"client-go/reflector/{self.component}/{self.name}/{self.type_description}")
        self.backoff_manager = ExponentialBackoffManager(
            env, BACKOFF_INITIAL, BACKOFF_MAX, BACKOFF_RESET, BACKOFF_FACTOR, BACKOFF_JITTER,
            self.rng)
        self.watch_list_page_size = 0
        self.paginated_result = False
        self._last_sync_resource_version = ""
        self._is_last_sync_resource_version_unavailable = False
        self._watch: Any = None
        self._stop: simpy.Event | None = None
        self._resync_gen = 0
        self._enforce_watch_timeout = not getattr(lw, "server_times_out_watches", False)
        self.lists = 0    # kubelab-only counters for tests and charts
        self.watches = 0

    # -- state -----------------------------------------------------------------------------

    def last_sync_resource_version(self) -> str:
        """The resourceVersion of the last list or watch event seen."""
        return self._last_sync_resource_version

    def set_last_sync_resource_version(self, v: str) -> None:
        self._last_sync_resource_version = v

    def relist_resource_version(self) -> str:
        """``"0"`` first (any cached state will do), then the last seen version, or ``""``
        (a consistent read from etcd) after that version was reported unavailable.

        Mirrors: client-go/tools/cache/reflector.go :: (*Reflector).relistResourceVersion
        """
        if self._is_last_sync_resource_version_unavailable:
            return ""
        if self._last_sync_resource_version == "":
            return "0"
        return self._last_sync_resource_version

    def record(self, action: str, message: str, level: int = 2, **fields: Any) -> None:
        trace = self.env.trace
        if trace.v(level):
            trace.record(self.component, action, level=level, kind=self.type_description,
                         message=message, fields=fields or None)

    # -- the loops -------------------------------------------------------------------------

    def run(self, stop: simpy.Event) -> simpy.Process:
        """Start the reflector process. Mirrors: reflector.go :: (*Reflector).Run"""
        self._stop = stop
        stop.callbacks.append(self._on_stop)
        return self.env.process(self._run(stop))

    def _on_stop(self, _: simpy.Event) -> None:
        if self._watch is not None:
            self._watch.stop()

    def _run(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        """BackoffUntil(ListAndWatch, backoffManager, sliding=true, stop)."""
        env = self.env
        self.record("Starting reflector",
                    f"Starting reflector {self.type_description} ({self.resync_period:g}s) from {self.name}", 3)
        while not stop.triggered:
            try:
                yield from self.list_and_watch(stop)
            except (errors.ApiError, ReflectorError) as err:
                self.watch_error_handler(self, err)
            if stop.triggered:
                break
            yield env.any_of([env.timeout(self.backoff_manager.backoff_duration()), stop])
        self.record("Stopping reflector",
                    f"Stopping reflector {self.type_description} ({self.resync_period:g}s) from {self.name}", 3)

    def list_and_watch(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        """List everything, replace the store, then watch until the watch fails.

        Mirrors: client-go/tools/cache/reflector.go :: (*Reflector).ListAndWatch
        """
        self.record("ListAndWatch", f"Listing and watching {self.type_description} from {self.name}", 3)
        yield from self.list()
        if stop.triggered:
            return
        self.record("Caches populated", f"Caches populated for {self.type_description} from {self.name}", 2,
                    resourceVersion=self._last_sync_resource_version)
        self._resync_gen += 1
        if self.resync_period > 0:
            self.env.process(self._start_resync(self._resync_gen, stop))
        try:
            yield from self.watch(stop)
        finally:
            self._resync_gen += 1

    def _start_resync(self, gen: int, stop: simpy.Event) -> Generator[Any, Any, None]:
        """Mirrors: client-go/tools/cache/reflector.go :: (*Reflector).startResync"""
        while True:
            yield self.env.timeout(self.resync_period)
            if gen != self._resync_gen or stop.triggered:
                return
            if self.should_resync is None or self.should_resync():
                self.record("forcing resync", f"{self.name}: forcing resync", 4)
                self.store.resync()

    def list(self) -> Generator[Any, Any, None]:
        """Mirrors: client-go/tools/cache/reflector.go :: (*Reflector).list"""
        options = ListOptions(resource_version=self.relist_resource_version())
        page_size = DEFAULT_PAGE_SIZE
        if self.watch_list_page_size:
            page_size = self.watch_list_page_size
        elif self.paginated_result:
            pass
        elif options.resource_version not in ("", "0"):
            # Unpaged lists at a known version can be served by the watch cache.
            page_size = 0
        self.lists += 1
        try:
            try:
                result, paginated = yield from self._pager_list(options, page_size)
            except errors.ApiError as err:
                if not (is_expired_error(err) or is_too_large_resource_version_error(err)):
                    raise
                self._is_last_sync_resource_version_unavailable = True
                retry = ListOptions(resource_version=self.relist_resource_version())
                result, paginated = yield from self._pager_list(retry, page_size)
        except errors.ApiError as err:
            if errors.is_not_found(err):
                self.sync_with([], "")
            self.record("failed to list", f"{self.name}: failed to list {self.type_description}: {err}", 2)
            raise ReflectorError(f"failed to list {self.type_description}: {err}") from err
        if options.resource_version == "0" and paginated:
            self.paginated_result = True
        self._is_last_sync_resource_version_unavailable = False
        resource_version = result.get("metadata", {}).get("resourceVersion", "")
        self.sync_with(result.get("items") or [], resource_version)
        self.set_last_sync_resource_version(resource_version)

    def _pager_list(self, options: ListOptions, page_size: int) -> Generator[Any, Any, tuple[dict, bool]]:
        """Fetch a list in pages of ``page_size`` (0: one request).

        Mirrors: client-go/tools/pager/pager.go :: (*ListPager).list (FullListIfExpired)
        """
        requested_rv = options.resource_version
        if options.limit == 0:
            options.limit = page_size
        items: builtins.list[Any] | None = None
        list_rv = ""
        paginated = False
        while True:
            try:
                page = yield from self.listerwatcher.list(options)
            except errors.ApiError as err:
                if not errors.is_resource_expired(err) or not options.continue_:
                    raise
                # The snapshot expired between pages: fall back to one full list.
                full = ListOptions(resource_version=requested_rv)
                page = yield from self.listerwatcher.list(full)
                return page, paginated
            meta = page.get("metadata") or {}
            cont = meta.get("continue") or ""
            if not cont and items is None:
                return page, paginated
            if items is None:
                items = []
                list_rv = meta.get("resourceVersion", "")
            items.extend(page.get("items") or [])
            if not cont:
                return {"metadata": {"resourceVersion": list_rv}, "items": items}, paginated
            options = ListOptions(limit=options.limit, continue_=cont,
                                  label_selector=options.label_selector,
                                  field_selector=options.field_selector)
            paginated = True

    def sync_with(self, items: builtins.list[Any], resource_version: str) -> None:
        """Mirrors: client-go/tools/cache/reflector.go :: (*Reflector).syncWith"""
        self.store.replace(items, resource_version)

    def watch(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        """Watch from the last seen version; restart after clean ends, return on errors.

        Mirrors: client-go/tools/cache/reflector.go :: (*Reflector).watch
        """
        env = self.env
        while True:
            if stop.triggered:
                return
            start = env.now
            timeout_seconds = int(MIN_WATCH_TIMEOUT * (self.rng.random() + 1.0))
            options = ListOptions(resource_version=self._last_sync_resource_version,
                                  timeout_seconds=timeout_seconds, allow_watch_bookmarks=True)
            self.watches += 1
            try:
                w = yield from self.listerwatcher.watch(options)
            except errors.ApiError as err:
                if is_watch_error_retriable(err):
                    self.record("watch", f"{self.name}: watch of {self.type_description} returned {err} - backing off", 4)
                    yield env.any_of([env.timeout(self.backoff_manager.backoff_duration()), stop])
                    continue
                raise
            if stop.triggered:
                w.stop()
                return
            self._watch = w
            if self._enforce_watch_timeout:
                env.timeout(timeout_seconds).callbacks.append(
                    lambda _, w=w: w.stop() if self._watch is w else None)
            ended = yield from self.watch_handler(start, w, stop)
            w.stop()
            self._watch = None
            if ended is None:
                continue
            if ended is ERROR_STOP_REQUESTED:
                return
            if is_expired_error(ended):
                self.record("watch", f"{self.name}: watch of {self.type_description} closed with: {ended}", 4)
            elif isinstance(ended, errors.ApiError) and ended.code == 429:
                self.record("watch", f"{self.name}: watch of {self.type_description} returned 429 - backing off", 2)
                yield env.any_of([env.timeout(self.backoff_manager.backoff_duration()), stop])
                continue
            else:
                self.record("watch", f"{self.name}: watch of {self.type_description} ended with: {ended}", 2)
            return

    def watch_handler(self, start: float, w: Any, stop: simpy.Event) -> Generator[Any, Any, BaseException | None]:
        """Apply watch events to the store until the watch ends; return why it ended.

        Mirrors: client-go/tools/cache/reflector.go :: watchHandler

        Differences: watch events arrive in batches (``Watch.next()``); an ERROR event
        drops the rest of its batch, as upstream drops the rest of the stream.
        """
        store = self.store
        add, update, delete = store.add, store.update, store.delete
        count = 0
        rv = self._last_sync_resource_version
        while True:
            events = yield w.next()
            if not events:
                break
            for ev in events:
                etype = ev["type"]
                obj = ev["object"]
                if etype == "ERROR":
                    self._last_sync_resource_version = rv
                    return errors.from_status(obj)
                if etype == "ADDED":
                    add(obj)
                elif etype == "MODIFIED":
                    update(obj)
                elif etype == "DELETED":
                    delete(obj)
                elif etype != "BOOKMARK":
                    self.record("watch", f"{self.name}: unable to understand watch event {ev!r}", 2)
                    continue
                rv = obj["metadata"].get("resourceVersion", rv)
                count += 1
            self._last_sync_resource_version = rv
        if stop.triggered:
            return ERROR_STOP_REQUESTED
        duration = self.env.now - start
        if duration < 1.0 and count == 0:
            return ReflectorError(
                f"very short watch: {self.name}: Unexpected watch close - watch lasted less "
                "than a second and no items received")
        self.record("watch", f"{self.name}: Watch close - {self.type_description} total {count} items received", 4)
        return None

    def __repr__(self) -> str:
        return (f"Reflector({self.type_description} from {self.name}, "
                f"rv={self._last_sync_resource_version!r}, lists={self.lists}, watches={self.watches})")
