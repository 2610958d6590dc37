"""Objects in and out of the key-value store: encoding, resourceVersion, preconditions.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import Any

from kubelab.engine.env import Env
from kubelab.storage import errors as serr
from kubelab.storage.mvcc import KV, KeyValue

Obj = dict[str, Any]


def encode(obj: Obj) -> bytes:
    """Serialise without metadata.resourceVersion (the revision is the version)."""
    meta = obj.get("metadata")
    if meta and "resourceVersion" in meta:
        obj = dict(obj)
        meta = dict(meta)
        del meta["resourceVersion"]
        obj["metadata"] = meta
    return marshal.dumps(obj)


def decode(kv: KeyValue) -> Obj:
    """A fresh object whose resourceVersion is the key's mod revision."""
    obj = marshal.loads(kv.value)
    obj.setdefault("metadata", {})["resourceVersion"] = str(kv.mod_revision)
    return obj


class Store:
    """storage.Interface: create, get, list, guaranteed update and delete of objects.

    Mirrors: apiserver/pkg/storage/etcd3/store.go :: store
    Differences: every call is one synchronous transaction; the simulated time an etcd
    round trip takes is sampled here and added to ``pending_latency`` for the caller.
    """

    def __init__(self, env: Env, kv: KV) -> None:
        self.env = env
        self.kv = kv
        self.pending_latency = 0.0
        self._hist = env.metrics.histogram(
            "etcd_request_duration_seconds", "Etcd request latency in seconds for each operation and object type.",
            ("operation", "type"))

    def _charge(self, op: str, typ: str, kind: str) -> None:
        lat = self.env.latency.sample(kind)
        self.pending_latency += lat
        self._hist.observe(lat, op, typ)

    def take_latency(self) -> float:
        lat, self.pending_latency = self.pending_latency, 0.0
        return lat

    def create(self, key: str, obj: Obj, typ: str = "") -> Obj:
        self._charge("create", typ, "etcd_write")
        kv = self.kv.create(key, encode(obj))
        if kv is None:
            raise serr.key_exists(key)
        # The caller's object is private to its request: hand it back with its version.
        obj.setdefault("metadata", {})["resourceVersion"] = str(kv.mod_revision)
        return obj

    def get(self, key: str, typ: str = "") -> Obj | None:
        self._charge("get", typ, "etcd_read")
        kv = self.kv.get(key)
        return decode(kv) if kv else None

    def get_list(self, prefix: str, typ: str = "") -> tuple[list[Obj], int]:
        self._charge("list", typ, "etcd_read")
        kvs, rev = self.kv.range(prefix)
        return [decode(kv) for kv in kvs], rev

    def guaranteed_update(self, key: str, try_update: Callable[[Obj | None], Obj | None],
                          typ: str = "", ignore_not_found: bool = False) -> tuple[Obj | None, bool]:
        """Read, transform, compare-and-swap. Returns (object, whether anything was written).

        ``try_update`` gets a private copy of the current object (None if absent and
        ``ignore_not_found``), must not change it, and returns the new object; an object
        equal to the stored one writes nothing, as upstream skips no-op updates. The
        returned object is the new one, with its version.
        """
        self._charge("get", typ, "etcd_read")
        kv = self.kv.get(key)
        if kv is None and not ignore_not_found:
            raise serr.key_not_found(key)
        current = decode(kv) if kv else None
        new = try_update(current)
        if new is None:
            return current, False
        if current is not None and new == current:
            return current, False
        data = encode(new)
        self._charge("update", typ, "etcd_write")
        written = self.kv.put(key, data, kv.mod_revision if kv else 0)
        if written is None:
            raise serr.conflict(key)
        new.setdefault("metadata", {})["resourceVersion"] = str(written.mod_revision)
        return new, True

    def delete(self, key: str, typ: str = "", expect: Obj | None = None) -> Obj:
        """Delete; with ``expect`` (the object as last read) only if it is still that version."""
        self._charge("delete", typ, "etcd_write")
        kv = self.kv.get(key)
        if kv is None:
            raise serr.key_not_found(key)
        if expect is not None:
            if str(kv.mod_revision) != expect["metadata"].get("resourceVersion"):
                raise serr.conflict(key)
            prev = self.kv.delete(key, kv.mod_revision)
            return expect
        prev = self.kv.delete(key, kv.mod_revision)
        if prev is None:
            raise serr.conflict(key)
        return decode(prev)

    def current_revision(self) -> int:
        return self.kv.rev
