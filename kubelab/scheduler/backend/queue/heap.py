"""A keyed priority heap: add, update, delete by key, pop the least.

Upstream: pkg/scheduler/backend/heap/heap.go

Differences: entries are removed lazily (a deleted or replaced entry stays in the heap
array until it reaches the top); ties under ``less`` pop in insertion order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class _Entry:
    __slots__ = ("obj", "seq", "removed", "less")

    def __init__(self, obj: Any, seq: int, less: Callable[[Any, Any], bool]) -> None:
        self.obj = obj
        self.seq = seq
        self.removed = False
        self.less = less

    def __lt__(self, other: _Entry) -> bool:
        if self.less(self.obj, other.obj):
            return True
        if self.less(other.obj, self.obj):
            return False
        return self.seq < other.seq


class _KeyedEntry(_Entry):
    """An entry ordered by a precomputed key (a QueueSort plugin's ``sort_key``), then arrival."""

    __slots__ = ("key",)

    def __init__(self, obj: Any, seq: int, less: Callable[[Any, Any], bool], key: Any) -> None:
        super().__init__(obj, seq, less)
        self.key = (key, seq)

    def __lt__(self, other: _Entry) -> bool:
        return self.key < other.key  # type: ignore[attr-defined, no-any-return]


class Heap(Generic[T]):
    """Mirrors: pkg/scheduler/backend/heap/heap.go :: Heap"""

    def __init__(self, key_func: Callable[[T], str], less_func: Callable[[T, T], bool],
                 sort_key: Callable[[T], Any] | None = None) -> None:
        self.key_func = key_func
        self.less_func = less_func
        # kubelab-only: a key that orders exactly as less_func does, compared in C.
        self.sort_key = sort_key
        self.items: dict[str, _Entry] = {}
        self.queue: list[_Entry] = []
        self._seq = 0

    def add_or_update(self, obj: T) -> None:
        """Mirrors: (*Heap).AddOrUpdate"""
        key = self.key_func(obj)
        old = self.items.get(key)
        if old is not None:
            old.removed = True
        self._seq += 1
        e = (_KeyedEntry(obj, self._seq, self.less_func, self.sort_key(obj)) if self.sort_key is not None
             else _Entry(obj, self._seq, self.less_func))
        self.items[key] = e
        heapq.heappush(self.queue, e)

    def delete(self, obj: T) -> bool:
        """Mirrors: (*Heap).Delete"""
        e = self.items.pop(self.key_func(obj), None)
        if e is None:
            return False
        e.removed = True
        return True

    def _clean(self) -> None:
        q = self.queue
        while q and q[0].removed:
            heapq.heappop(q)

    def peek(self) -> T | None:
        self._clean()
        return self.queue[0].obj if self.queue else None

    def pop(self) -> T | None:
        """Mirrors: (*Heap).Pop"""
        self._clean()
        if not self.queue:
            return None
        e = heapq.heappop(self.queue)
        del self.items[self.key_func(e.obj)]
        return e.obj  # type: ignore[no-any-return]

    def get(self, obj: T) -> T | None:
        e = self.items.get(self.key_func(obj))
        return e.obj if e is not None else None  # type: ignore[no-any-return]

    def get_by_key(self, key: str) -> T | None:
        e = self.items.get(key)
        return e.obj if e is not None else None  # type: ignore[no-any-return]

    def has(self, obj: T) -> bool:
        return self.key_func(obj) in self.items

    def list(self) -> list[T]:
        """Mirrors: (*Heap).List (in pop order)."""
        return [e.obj for e in sorted(self.items.values())]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.list())
