"""The worker loop every controller shares.

Upstream: the run/worker/processNextWorkItem/handleErr skeleton each controller under
pkg/controller repeats (e.g. deployment_controller.go), written once here.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

SyncFunc = Callable[[Any], Generator[Any, Any, Exception | None]]


def run_workers(env: Any, queue: Any, sync: SyncFunc, workers: int) -> None:
    """Start ``workers`` processes draining ``queue`` into ``sync(key)``."""
    for _ in range(workers):
        env.process(worker(queue, sync))


def worker(queue: Any, sync: SyncFunc) -> Generator[Any, Any, None]:
    """Mirrors: e.g. deployment_controller.go :: (*DeploymentController).worker"""
    while True:
        more = yield from process_next_work_item(queue, sync)
        if not more:
            return


def process_next_work_item(queue: Any, sync: SyncFunc) -> Generator[Any, Any, bool]:
    """Get a key, sync it, forget it on success or requeue it rate-limited on error.

    Mirrors: e.g. deployment_controller.go :: processNextWorkItem and handleErr
    """
    key, shutdown = yield queue.get()
    if shutdown:
        return False
    try:
        err = yield from sync(key)
        if err is None:
            queue.forget(key)
        else:
            queue.add_rate_limited(key)
    finally:
        queue.done(key)
    return True
