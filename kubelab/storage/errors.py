"""Storage errors, as the registry interprets them.

Upstream: staging/src/k8s.io/apiserver/pkg/storage/errors.go
"""

from __future__ import annotations


class StorageError(Exception):
    def __init__(self, code: str, key: str, rv: int = 0, msg: str = "") -> None:
        super().__init__(msg or f"{code}: {key}")
        self.code = code
        self.key = key
        self.rv = rv


KEY_NOT_FOUND = "KeyNotFound"
KEY_EXISTS = "KeyExists"
RESOURCE_VERSION_CONFLICTS = "ResourceVersionConflicts"
INVALID_OBJ = "InvalidObj"


def key_not_found(key: str, rv: int = 0) -> StorageError:
    return StorageError(KEY_NOT_FOUND, key, rv)


def key_exists(key: str, rv: int = 0) -> StorageError:
    return StorageError(KEY_EXISTS, key, rv)


def conflict(key: str, rv: int = 0, msg: str = "") -> StorageError:
    return StorageError(RESOURCE_VERSION_CONFLICTS, key, rv, msg)


def invalid_obj(key: str, msg: str) -> StorageError:
    return StorageError(INVALID_OBJ, key, 0, msg)
