"""A debug switch that catches code mutating objects held in an informer cache.

Upstream: staging/src/k8s.io/client-go/tools/cache/mutation_detector.go
"""

from __future__ import annotations

import copy
import os
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import simpy

from kubelab.client.cache.store import DeletedFinalStateUnknown

ENV_VAR = "KUBELAB_CACHE_MUTATION_DETECTOR"


def mutation_detection_enabled() -> bool:
    """``strconv.ParseBool`` of the environment variable (1, t, true, ... are on)."""
    return os.environ.get(ENV_VAR, "") in ("1", "t", "T", "TRUE", "true", "True")


class CacheMutationError(AssertionError):
    """Raised (upstream panics) when a cached object was changed in place."""


@dataclass(slots=True)
class CacheObj:
    cached: Any
    copied: Any


class CacheMutationDetector:
    """Keeps a deep copy of every object put in the cache and compares them every second.

    Mirrors: client-go/tools/cache/mutation_detector.go :: defaultCacheMutationDetector

    Differences: the check is a SimPy process on the simulated clock; a mutation raises
    :class:`CacheMutationError` out of ``env.run`` instead of panicking the process. The
    compared copies of the current and the previous 2-minute window are kept, as upstream.
    """

    def __init__(self, env: simpy.Environment, name: str, *, period: float = 1.0,
                 retain_duration: float = 120.0) -> None:
        self.env = env
        self.name = name
        self.period = period
        self.retain_duration = retain_duration
        self.cached_objs: list[CacheObj] = []
        self.retained_cached_objs: list[CacheObj] = []
        self.added_objs: list[CacheObj] = []
        self.last_rotated: float | None = None

    def add_object(self, obj: Any) -> None:
        if isinstance(obj, DeletedFinalStateUnknown):
            return
        self.added_objs.append(CacheObj(obj, copy.deepcopy(obj)))

    def run(self, stop: simpy.Event) -> simpy.Process:
        return self.env.process(self._run(stop))

    def _run(self, stop: simpy.Event) -> Generator[Any, Any, None]:
        while not stop.triggered:
            now = self.env.now
            if self.last_rotated is None:
                self.last_rotated = now
            elif now - self.last_rotated > self.retain_duration:
                self.retained_cached_objs = self.cached_objs
                self.cached_objs = []
                self.last_rotated = now
            self.compare_objects()
            yield self.env.any_of([self.env.timeout(self.period), stop])

    def compare_objects(self) -> None:
        """Raise if any cached object differs from its copy.

        Mirrors: client-go/tools/cache/mutation_detector.go :: (*defaultCacheMutationDetector).CompareObjects
        """
        self.cached_objs.extend(self.added_objs)
        self.added_objs = []
        altered = [o for o in (*self.cached_objs, *self.retained_cached_objs) if o.cached != o.copied]
        if altered:
            meta = altered[0].cached.get("metadata", {}) if isinstance(altered[0].cached, dict) else {}
            where = "/".join(x for x in (meta.get("namespace"), meta.get("name")) if x)
            raise CacheMutationError(f"cache {self.name} modified (first altered object: {where})")
