"""Exact decimal arithmetic under Quantity: values held as ``coef * 10**exp`` in Python ints.

Upstream's int64Amount (fast path) and infDecAmount (inf.Dec) collapse into plain
arbitrary-precision ints here: normalising, comparing, adding, rounding away from zero,
int64 saturation and the canonical mantissa/exponent split.

Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/{amount.go,math.go,scale_int.go}
"""

from __future__ import annotations

# Scale values: the power-of-ten exponent of a unit.
NANO = -9
MICRO = -6
MILLI = -3
KILO = 3
MEGA = 6
GIGA = 9
TERA = 12
PETA = 15
EXA = 18

MOST_POSITIVE = (1 << 63) - 1
MOST_NEGATIVE = -(1 << 63)


def _normalize(c: int, e: int) -> tuple[int, int]:
    """Move every factor of ten from the coefficient into the exponent."""
    if c == 0:
        return 0, 0
    if c % 10:
        return c, e
    # Strip in big steps first so values like 10**400 normalise quickly.
    for step in (16, 4, 1):
        p = 10**step
        while c % p == 0:
            c //= p
            e += step
    return c, e


def _ndigits(c: int) -> int:
    """Number of decimal digits of |c| (c != 0), without converting to text."""
    a = abs(c)
    n = int(a.bit_length() * 0.30102999566398120) + 1
    # The estimate is off by at most one; fix it with one comparison.
    if a < 10 ** (n - 1):
        n -= 1
    elif a >= 10**n:
        n += 1
    return n


def _ceil_away(c: int, d: int) -> int:
    """Divide c by 10**d, rounding away from zero (d > 0) as inf.RoundUp does."""
    if d > _ndigits(c) + 1:
        return 1 if c > 0 else -1
    q, r = divmod(abs(c), 10**d)
    if r:
        q += 1
    return q if c > 0 else -q


def _cmp(c1: int, e1: int, c2: int, e2: int) -> int:
    s1 = (c1 > 0) - (c1 < 0)
    s2 = (c2 > 0) - (c2 < 0)
    if s1 != s2:
        return 1 if s1 > s2 else -1
    if s1 == 0:
        return 0
    if e1 != e2:
        # Settle by magnitude first so a huge exponent gap is never written out in digits.
        m1 = _ndigits(c1) + e1
        m2 = _ndigits(c2) + e2
        if m1 != m2:
            return s1 if m1 > m2 else -s1
        if e1 > e2:
            c1 *= 10 ** (e1 - e2)
        else:
            c2 *= 10 ** (e2 - e1)
    return (c1 > c2) - (c1 < c2)


def _saturate(v: int) -> int:
    if v > MOST_POSITIVE:
        return MOST_POSITIVE
    if v < MOST_NEGATIVE:
        return MOST_NEGATIVE
    return v


def _add(c1: int, e1: int, c2: int, e2: int) -> tuple[int, int]:
    if c2 == 0:
        return c1, e1
    if c1 == 0:
        return c2, e2
    if e1 == e2:
        return c1 + c2, e1
    if e1 > e2:
        return c1 * 10 ** (e1 - e2) + c2, e2
    return c1 + c2 * 10 ** (e2 - e1), e1


def _as_canonical_bytes(c: int, e: int) -> tuple[str, int]:
    """Mantissa text and an exponent that is a multiple of three (c, e normalised).

    Mirrors: amount.go :: infDecAmount.AsCanonicalBytes
    """
    e3 = e - (e % 3)
    return str(c * 10 ** (e - e3)), e3


def _remove_factors(value: int, base: int) -> tuple[int, int]:
    """Mirrors: scale_int.go / math.go :: removeInt64Factors, removeBigIntFactors"""
    times = 0
    neg = value < 0
    v = -value if neg else value
    while v >= base and v % base == 0:
        times += 1
        v //= base
    return (-v if neg else v), times
