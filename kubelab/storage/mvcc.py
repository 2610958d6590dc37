"""An etcd-like multi-version key-value store.

kubelab-only: stands in for etcd's mvcc package (go.etcd.io/etcd/server/v3/storage/mvcc):
one global revision, create/mod revisions and versions per key, range by prefix,
compare-and-swap, watch from any retained revision, compaction and snapshots.
Values are bytes, so nobody holding a reference can change what is stored.
"""

from __future__ import annotations

import bisect
import marshal
from collections.abc import Callable
from dataclasses import dataclass

PUT = "PUT"
DELETE = "DELETE"


class CompactedError(Exception):
    """etcd's ErrCompacted: the requested revision has been compacted."""

    def __init__(self, rev: int, compact_rev: int) -> None:
        super().__init__("mvcc: required revision has been compacted")
        self.rev = rev
        self.compact_rev = compact_rev


class FutureRevError(Exception):
    """etcd's ErrFutureRev."""

    def __init__(self) -> None:
        super().__init__("mvcc: required revision is a future revision")


@dataclass(frozen=True, slots=True)
class KeyValue:
    """mvccpb.KeyValue."""

    key: str
    value: bytes
    create_revision: int
    mod_revision: int
    version: int


@dataclass(frozen=True, slots=True)
class Event:
    """mvccpb.Event: a PUT (create or update) or DELETE at a revision."""

    type: str
    kv: KeyValue
    prev_kv: KeyValue | None

    @property
    def revision(self) -> int:
        return self.kv.mod_revision


Watcher = Callable[[Event], None]


class KV:
    """The key space: current values, the event history since the last compaction, watchers."""

    def __init__(self) -> None:
        self.rev = 1  # etcd starts at revision 1 with an empty key space
        self.compact_rev = 0
        self._data: dict[str, KeyValue] = {}
        self._history: list[Event] = []
        self._history_revs: list[int] = []
        self._watchers: list[tuple[str, Watcher]] = []

    # -- reads -------------------------------------------------------------------------
    def get(self, key: str) -> KeyValue | None:
        return self._data.get(key)

    def range(self, prefix: str) -> tuple[list[KeyValue], int]:
        """Every key under ``prefix``, sorted by key, and the store revision."""
        kvs = [kv for k, kv in self._data.items() if k.startswith(prefix)]
        kvs.sort(key=lambda kv: kv.key)
        return kvs, self.rev

    def count(self, prefix: str) -> int:
        return sum(1 for k in self._data if k.startswith(prefix))

    # -- writes (each a single-key transaction with an optional compare) ----------------
    def create(self, key: str, value: bytes) -> KeyValue | None:
        """Put only if absent (``If(CreateRevision(key) == 0)``); None when the key exists."""
        if key in self._data:
            return None
        self.rev += 1
        kv = KeyValue(key, value, self.rev, self.rev, 1)
        self._data[key] = kv
        self._emit(Event(PUT, kv, None))
        return kv

    def put(self, key: str, value: bytes, expect_mod_revision: int | None = None) -> KeyValue | None:
        """Put, comparing the key's mod revision first when asked; None when the compare fails."""
        prev = self._data.get(key)
        if expect_mod_revision is not None and (prev.mod_revision if prev else 0) != expect_mod_revision:
            return None
        self.rev += 1
        if prev is None:
            kv = KeyValue(key, value, self.rev, self.rev, 1)
        else:
            kv = KeyValue(key, value, prev.create_revision, self.rev, prev.version + 1)
        self._data[key] = kv
        self._emit(Event(PUT, kv, prev))
        return kv

    def delete(self, key: str, expect_mod_revision: int | None = None) -> KeyValue | None:
        """Delete; returns the deleted value, or None when absent or the compare fails."""
        prev = self._data.get(key)
        if prev is None or (expect_mod_revision is not None and prev.mod_revision != expect_mod_revision):
            return None
        self.rev += 1
        del self._data[key]
        tomb = KeyValue(key, b"", 0, self.rev, 0)
        self._emit(Event(DELETE, tomb, prev))
        return prev

    def _emit(self, ev: Event) -> None:
        self._history.append(ev)
        self._history_revs.append(ev.kv.mod_revision)
        for prefix, fn in self._watchers:
            if ev.kv.key.startswith(prefix):
                fn(ev)

    # -- watch and compaction -----------------------------------------------------------
    def events_since(self, prefix: str, start_rev: int) -> list[Event]:
        """Events with revision >= start_rev under prefix (etcd Watch's catch-up)."""
        if start_rev <= self.compact_rev:
            raise CompactedError(start_rev, self.compact_rev)
        if start_rev > self.rev + 1:
            raise FutureRevError()
        i = bisect.bisect_left(self._history_revs, start_rev)
        return [e for e in self._history[i:] if e.kv.key.startswith(prefix)]

    def watch(self, prefix: str, fn: Watcher, start_rev: int = 0) -> Callable[[], None]:
        """Call ``fn`` for every event under ``prefix``, first replaying those from start_rev."""
        if start_rev:
            for ev in self.events_since(prefix, start_rev):
                fn(ev)
        entry = (prefix, fn)
        self._watchers.append(entry)
        return lambda: self._watchers.remove(entry)

    def compact(self, rev: int) -> None:
        """Forget history up to and including ``rev`` (etcd Compact)."""
        if rev <= self.compact_rev:
            raise CompactedError(rev, self.compact_rev)
        if rev > self.rev:
            raise FutureRevError()
        i = bisect.bisect_right(self._history_revs, rev)
        del self._history[:i]
        del self._history_revs[:i]
        self.compact_rev = rev

    # -- snapshot -----------------------------------------------------------------------
    def snapshot(self) -> bytes:
        """`etcdctl snapshot save`: the current key space at the current revision."""
        rows = [(kv.key, kv.value, kv.create_revision, kv.mod_revision, kv.version)
                for kv in sorted(self._data.values(), key=lambda kv: kv.key)]
        return marshal.dumps((1, self.rev, rows))

    def restore(self, blob: bytes) -> None:
        """`etcdctl snapshot restore`: replace everything; history starts empty after it."""
        fmt, rev, rows = marshal.loads(blob)
        if fmt != 1:
            raise ValueError("unknown snapshot format")
        self._data = {k: KeyValue(k, v, c, m, ver) for k, v, c, m, ver in rows}
        self.rev = rev
        self.compact_rev = rev
        self._history.clear()
        self._history_revs.clear()

    def __len__(self) -> int:
        return len(self._data)
