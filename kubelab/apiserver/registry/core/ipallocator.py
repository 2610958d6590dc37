"""ClusterIP and NodePort allocation.

Upstream: pkg/registry/core/service/ipallocator/bitmap.go,
pkg/registry/core/service/portallocator/allocator.go,
pkg/registry/core/service/allocator/bitmap.go (randomScanStrategyWithOffset)
"""

from __future__ import annotations

import ipaddress
import random

SERVICE_CIDR = "10.96.0.0/12"
NODE_PORT_RANGE = (30000, 32767)


def calculate_range_offset(size: int, lo: int, hi: int, step: int) -> int:
    """The static sub-range reserved at the bottom for user-chosen values.

    Mirrors: ipallocator/bitmap.go and portallocator/allocator.go :: calculateRangeOffset
    """
    return min(max(lo, size // step), hi)


class ErrFull(Exception):
    pass


class ErrAllocated(Exception):
    pass


class ErrNotInRange(Exception):
    def __init__(self, valid: str) -> None:
        super().__init__(valid)
        self.valid = valid


class _Range:
    """A bitmap range with upstream's random scan: the dynamic band first, then the static one."""

    def __init__(self, size: int, offset: int, rng: random.Random) -> None:
        self.size = size
        self.offset = offset
        self.used: set[int] = set()
        self.rng = rng

    def allocate_next(self) -> int:
        if len(self.used) >= self.size:
            raise ErrFull()
        bands = [(self.offset, self.size), (0, self.offset)]
        for lo, hi in bands:
            n = hi - lo
            if n <= 0:
                continue
            start = self.rng.randrange(n)
            for i in range(n):
                j = lo + (start + i) % n
                if j not in self.used:
                    self.used.add(j)
                    return j
        raise ErrFull()

    def allocate(self, i: int) -> None:
        if i in self.used:
            raise ErrAllocated()
        self.used.add(i)

    def release(self, i: int) -> None:
        self.used.discard(i)


class IPAllocator:
    """Mirrors: ipallocator/bitmap.go :: Range (AllocateNext, Allocate, Release)"""

    def __init__(self, cidr: str, rng: random.Random) -> None:
        self.net = ipaddress.ip_network(cidr)
        self.base = int(self.net.network_address) + 1  # the network address is never handed out
        size = self.net.num_addresses - 2  # nor the broadcast address
        self.range = _Range(size, calculate_range_offset(size, 16, 256, 16), rng)

    def allocate_next(self) -> str:
        return str(ipaddress.ip_address(self.base + self.range.allocate_next()))

    def allocate(self, ip: str) -> None:
        addr = ipaddress.ip_address(ip)
        i = int(addr) - self.base
        if addr not in self.net or not 0 <= i < self.range.size:
            raise ErrNotInRange(str(self.net))
        self.range.allocate(i)

    def release(self, ip: str) -> None:
        try:
            self.range.release(int(ipaddress.ip_address(ip)) - self.base)
        except ValueError:
            return

    def has(self, ip: str) -> bool:
        return int(ipaddress.ip_address(ip)) - self.base in self.range.used


class PortAllocator:
    """Mirrors: portallocator/allocator.go :: PortAllocator"""

    def __init__(self, lo: int, hi: int, rng: random.Random) -> None:
        self.lo, self.hi = lo, hi
        size = hi - lo + 1
        self.range = _Range(size, calculate_range_offset(size, 16, 128, 32), rng)

    def allocate_next(self) -> int:
        return self.lo + self.range.allocate_next()

    def allocate(self, port: int) -> None:
        if not self.lo <= port <= self.hi:
            raise ErrNotInRange(f"{self.lo}-{self.hi}")
        self.range.allocate(port - self.lo)

    def release(self, port: int) -> None:
        self.range.release(port - self.lo)
