"""Seeded randomness: one seed gives every component its own independent stream.

kubelab-only: replaces Go's math/rand and crypto/rand so runs repeat exactly.
"""

from __future__ import annotations

import hashlib
import random

# utilrand.String's alphabet: no vowels (no words), no confusable 0/1/3.
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


def _derive(seed: int, name: str) -> int:
    digest = hashlib.sha256(f"{seed}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


class Streams:
    """Named random streams derived from one seed; asking twice gives the same stream."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._streams: dict[str, random.Random] = {}

    def stream(self, name: str) -> random.Random:
        r = self._streams.get(name)
        if r is None:
            r = self._streams[name] = random.Random(_derive(self.seed, name))
        return r

    def uid(self) -> str:
        """A version-4 shaped UUID from the ``uid`` stream."""
        n = self.stream("uid").getrandbits(128)
        n = (n & ~(0xF000 << 64)) | (0x4000 << 64)  # version 4
        n = (n & ~(0xC000 << 48)) | (0x8000 << 48)  # RFC 4122 variant
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def suffix(self, n: int = 5, stream: str = "names") -> str:
        """`utilrand.String(n)`: the random tail of a generateName."""
        r = self.stream(stream)
        return "".join(ALPHANUMS[r.randrange(len(ALPHANUMS))] for _ in range(n))
