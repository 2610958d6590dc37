"""Resource quantities: exact fixed-point numbers with a remembered suffix style.

A Quantity holds its value exactly as ``coef * 10**exp`` (Python ints, normalised so the
coefficient has no trailing zeros) plus the Format it was written in. Parsing rounds
non-zero values up to the nearest nano-unit, exactly as the API server does, and
``str(q)`` is upstream's canonical form (see ``suffix.canonicalize_bytes``).

Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

from kubelab.api.quantity.amount import (
    MILLI,
    MOST_NEGATIVE,
    MOST_POSITIVE,
    NANO,
    _add,
    _ceil_away,
    _cmp,
    _ndigits,
    _normalize,
    _saturate,
)
from kubelab.api.quantity.suffix import (
    _DIGITS,
    BINARY_SI,
    DECIMAL_SI,
    canonicalize_bytes,
    interpret_suffix,
)

SPLIT_RE_STRING = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
ERR_FORMAT_WRONG = "quantities must match the regular expression '" + SPLIT_RE_STRING + "'"
ERR_NUMERIC = "unable to parse numeric part of quantity"

# Decimal digits an int64 holds without overflow, as the parser's fast path counts them.
MAX_INT64_FACTORS = 18

_SUFFIX_CHARS = frozenset("eEinumkKMGTP")


class Quantity:
    """An exact, immutable resource quantity.

    Mirrors: apimachinery/pkg/api/resource/quantity.go :: Quantity

    Differences: one exact representation (an arbitrary-precision decimal) replaces
    upstream's int64Amount/inf.Dec pair; the canonical string is computed once and cached.
    Equality and hashing compare values only (as ``Quantity.Equal``), not formats.
    """

    __slots__ = ("_c", "_e", "_format", "_s")
    _c: int
    _e: int
    _format: str
    _s: str | None

    def __init__(self, unscaled: int | str = 0, scale: int = 0, format: str = DECIMAL_SI) -> None:
        """Build ``unscaled * 10**scale`` in ``format`` (NewScaledQuantity with a format).

        Given text instead (``Quantity("100m")``), parse it as parse_quantity does.
        """
        self._s = None
        if isinstance(unscaled, str):
            parsed = parse_quantity(unscaled)
            self._c, self._e, self._format = parsed._c, parsed._e, parsed._format
            return
        if isinstance(unscaled, bool) or not isinstance(unscaled, int):
            raise TypeError(f"Quantity() takes an int or a quantity string, not {type(unscaled).__name__}")
        self._c, self._e = _normalize(unscaled, int(scale))
        self._format = format

    @classmethod
    def _make(cls, c: int, e: int, fmt: str) -> Quantity:
        q = cls.__new__(cls)
        q._c, q._e = _normalize(c, e)
        q._format = fmt
        q._s = None
        return q

    @classmethod
    def parse(cls, x: Any) -> Quantity:
        """Parse a quantity string, or a JSON number (int or float)."""
        return parse_quantity(x)

    # -- accessors ---------------------------------------------------------------------

    @property
    def format(self) -> str:
        return self._format

    def is_zero(self) -> bool:
        """Mirrors: quantity.go :: (*Quantity).IsZero"""
        return self._c == 0

    def sign(self) -> int:
        """Mirrors: quantity.go :: (*Quantity).Sign"""
        return (self._c > 0) - (self._c < 0)

    def as_dec(self) -> tuple[int, int]:
        """The exact value as ``(unscaled, scale)`` with value ``unscaled * 10**scale``."""
        return self._c, self._e

    def as_fraction(self) -> Fraction:
        """kubelab-only: the exact value as a Fraction."""
        if self._e >= 0:
            return Fraction(self._c * 10**self._e)
        return Fraction(self._c, 10**-self._e)

    def scaled_value(self, scale: int) -> int:
        """ceil(q / 10**scale), rounded away from zero.

        Mirrors: quantity.go :: (*Quantity).ScaledValue

        Differences: the result saturates at the int64 bounds (as int64Amount.AsScaledInt64
        does) instead of wrapping on the inf.Dec path.
        """
        c, d = self._c, self._e - scale
        if c == 0:
            return 0
        if d >= 0:
            if _ndigits(c) + d > 19:
                return MOST_POSITIVE if c > 0 else MOST_NEGATIVE
            return _saturate(c * 10**d)
        return _saturate(_ceil_away(c, -d))

    def value(self) -> int:
        """The value rounded up (away from zero) to an integer.

        Mirrors: quantity.go :: (*Quantity).Value
        """
        return self.scaled_value(0)

    def milli_value(self) -> int:
        """ceil(q * 1000), rounded away from zero.

        Mirrors: quantity.go :: (*Quantity).MilliValue
        """
        return self.scaled_value(MILLI)

    def as_int64(self) -> tuple[int, bool]:
        """The value as an int64 when that is exact, else ``(0, False)``.

        Mirrors: quantity.go :: (*Quantity).AsInt64
        """
        if self._e < 0:
            return 0, False
        if self._c == 0:
            return 0, True
        if _ndigits(self._c) + self._e > 19:
            return 0, False
        v = self._c * 10**self._e
        if MOST_NEGATIVE <= v <= MOST_POSITIVE:
            return v, True
        return 0, False

    def as_float(self) -> float:
        """The value as the nearest float (inf when out of range).

        Mirrors: quantity.go :: (*Quantity).AsApproximateFloat64
        """
        c, e = self._c, self._e
        if c == 0:
            return 0.0
        mag = _ndigits(c) + e
        if mag > 310:
            return math.inf if c > 0 else -math.inf
        if mag < -330:
            return 0.0
        return float(self.as_fraction())

    def round_up(self, scale: int) -> tuple[Quantity, bool]:
        """Round up (away from zero) to a multiple of 10**scale; report whether exact.

        Mirrors: quantity.go :: (*Quantity).RoundUp
        """
        if self._e >= scale or self._c == 0:
            return self, True
        return Quantity._make(_ceil_away(self._c, scale - self._e), scale, self._format), False

    def cmp(self, other: Quantity) -> int:
        """-1, 0 or 1 as self is less than, equal to or greater than other.

        Mirrors: quantity.go :: (*Quantity).Cmp
        """
        return _cmp(self._c, self._e, other._c, other._e)

    def cmp_int64(self, y: int) -> int:
        """Mirrors: quantity.go :: (*Quantity).CmpInt64"""
        return _cmp(self._c, self._e, y, 0)

    # -- arithmetic ----------------------------------------------------------------------

    def __add__(self, other: object) -> Quantity:
        """Mirrors: quantity.go :: (*Quantity).Add (a zero receiver takes other's format)."""
        if not isinstance(other, Quantity):
            return NotImplemented
        fmt = other._format if self._c == 0 else self._format
        return Quantity._make(*_add(self._c, self._e, other._c, other._e), fmt)

    def __sub__(self, other: object) -> Quantity:
        """Mirrors: quantity.go :: (*Quantity).Sub (a zero receiver takes other's format)."""
        if not isinstance(other, Quantity):
            return NotImplemented
        fmt = other._format if self._c == 0 else self._format
        return Quantity._make(*_add(self._c, self._e, -other._c, other._e), fmt)

    def __neg__(self) -> Quantity:
        """Mirrors: quantity.go :: (*Quantity).Neg"""
        return Quantity._make(-self._c, self._e, self._format)

    def __pos__(self) -> Quantity:
        return self

    def __mul__(self, y: object) -> Quantity:
        """Mirrors: quantity.go :: (*Quantity).Mul (by an integer; exact here)."""
        if not isinstance(y, int) or isinstance(y, bool):
            return NotImplemented
        return Quantity._make(self._c * y, self._e, self._format)

    __rmul__ = __mul__

    # -- comparison ----------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return self._c == other._c and self._e == other._e

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return self._c != other._c or self._e != other._e

    def __lt__(self, other: Quantity) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return _cmp(self._c, self._e, other._c, other._e) < 0

    def __le__(self, other: Quantity) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return _cmp(self._c, self._e, other._c, other._e) <= 0

    def __gt__(self, other: Quantity) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return _cmp(self._c, self._e, other._c, other._e) > 0

    def __ge__(self, other: Quantity) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return _cmp(self._c, self._e, other._c, other._e) >= 0

    def __hash__(self) -> int:
        return hash((self._c, self._e))

    # -- text ----------------------------------------------------------------------------

    def __str__(self) -> str:
        s = self._s
        if s is None:
            number, suffix = canonicalize_bytes(self)
            s = self._s = number + suffix
        return s

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Quantity, (self._c, self._e, self._format))

    def __copy__(self) -> Quantity:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Quantity:
        return self


def new_quantity(value: int, format: str = DECIMAL_SI) -> Quantity:
    """Mirrors: quantity.go :: NewQuantity"""
    return Quantity._make(value, 0, format)


def new_milli_quantity(value: int, format: str = DECIMAL_SI) -> Quantity:
    """Mirrors: quantity.go :: NewMilliQuantity"""
    return Quantity._make(value, MILLI, format)


def new_scaled_quantity(value: int, scale: int) -> Quantity:
    """Mirrors: quantity.go :: NewScaledQuantity"""
    return Quantity._make(value, scale, DECIMAL_SI)


ZERO = Quantity()


# -- parsing -------------------------------------------------------------------------------


def parse_quantity_string(s: str) -> tuple[bool, str, str, str, str]:
    """Split a quantity into sign, numeric text, integer digits, fraction digits, suffix.

    Mirrors: quantity.go :: parseQuantityString

    Raises:
        ValueError: ERR_FORMAT_WRONG when the text cannot be a quantity.
    """
    positive = True
    pos = 0
    end = len(s)
    if pos < end:
        if s[0] == "-":
            positive = False
            pos += 1
        elif s[0] == "+":
            pos += 1
    # leading zeros
    while True:
        if pos >= end:
            return positive, "0", "0", "", ""
        if s[pos] != "0":
            break
        pos += 1
    # integer digits
    i = pos
    while i < end and s[i] in _DIGITS:
        i += 1
    if i >= end:
        return positive, s, s[pos:end], "", ""
    num = s[pos:i] or "0"
    pos = i
    denom = ""
    if s[pos] == ".":
        pos += 1
        i = pos
        while i < end and s[i] in _DIGITS:
            i += 1
        if i >= end:
            return positive, s, num, s[pos:end], ""
        denom = s[pos:i]
        pos = i
    value = s[:pos]
    suffix_start = pos
    i = pos
    while i < end and s[i] in _SUFFIX_CHARS:
        i += 1
    if i >= end:
        return positive, value, num, denom, s[suffix_start:]
    pos = i
    if s[pos] in "-+":
        pos += 1
    i = pos
    while i < end and s[i] in _DIGITS:
        i += 1
    if i >= end:
        return positive, value, num, denom, s[suffix_start:]
    raise ValueError(ERR_FORMAT_WRONG)


def _parse(s: str) -> Quantity:
    """Mirrors: quantity.go :: ParseQuantity"""
    if not s:
        raise ValueError(ERR_FORMAT_WRONG)
    if s == "0":
        return ZERO
    positive, value, num, denom, suf = parse_quantity_string(s)
    base, exponent, fmt = interpret_suffix(suf)

    # Upstream takes an int64 fast path when the digits surely fit; otherwise it parses
    # the numeric text as an inf.Dec, which fails when that text holds no digit at all.
    if fmt == BINARY_SI:
        if exponent >= 0 and not denom:
            precision = 15 - len(num) - exponent * 3 // 10 - 1
        else:
            precision = -1
        fast = precision >= 0
    else:
        precision = MAX_INT64_FACTORS - (len(num) + len(denom))
        fast = precision >= 0 and exponent - len(denom) >= NANO
    if not fast and not any(ch in _DIGITS for ch in value):
        raise ValueError(ERR_NUMERIC)

    try:
        c = int(num + denom)
    except ValueError:
        # Python refuses int() on texts of thousands of digits.
        raise ValueError(ERR_NUMERIC) from None
    e = -len(denom)
    if base == 10:
        e += exponent
    else:
        c <<= exponent
    if c == 0:
        return Quantity._make(0, 0, fmt)
    # Round non-zero values up to the nearest nano-unit: asking for a sliver of a
    # resource still gets some.
    if e < NANO:
        c = _ceil_away(c, NANO - e)
        e = NANO
    if fmt == BINARY_SI:
        if _cmp(c, e, MOST_POSITIVE, 0) > 0:
            c, e = MOST_POSITIVE, 0
        if _cmp(c, e, 1, 0) < 0:
            fmt = DECIMAL_SI
    if not positive:
        c = -c
    return Quantity._make(c, e, fmt)


_parse_cached = lru_cache(maxsize=16384)(_parse)


def float_text(x: float) -> str:
    """The text of a JSON number as Go's decoder hands it to UnmarshalJSON."""
    if math.isnan(x) or math.isinf(x):
        raise ValueError(ERR_FORMAT_WRONG)
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


def parse_quantity(x: Any) -> Quantity:
    """Parse a quantity from its text, or from a JSON/YAML number.

    Mirrors: quantity.go :: ParseQuantity

    Differences: ints and floats are accepted (as UnmarshalJSON accepts JSON numbers);
    results are cached, which is safe because a Quantity is immutable.

    Raises:
        ValueError: with upstream's message when x is not a quantity.
    """
    if type(x) is str:
        return _parse_cached(x)
    if isinstance(x, Quantity):
        return x
    if isinstance(x, bool):
        raise ValueError(ERR_FORMAT_WRONG)
    if isinstance(x, int):
        return _parse_cached(str(x))
    if isinstance(x, float):
        return _parse_cached(float_text(x))
    if isinstance(x, str):
        return _parse_cached(str(x))
    raise ValueError(ERR_FORMAT_WRONG)


def must_parse(x: Any) -> Quantity:
    """Mirrors: quantity.go :: MustParse (raises ValueError with the input named)."""
    try:
        return parse_quantity(x)
    except ValueError as err:
        raise ValueError(f"cannot parse '{x}': {err}") from None


def unmarshal_json(x: Any) -> Quantity | None:
    """Decode a quantity as the API server decodes a request body: null, text or number.

    Mirrors: quantity.go :: (*Quantity).UnmarshalJSON (surrounding whitespace is trimmed)
    """
    if x is None:
        return None
    if isinstance(x, str):
        return parse_quantity(x.strip())
    return parse_quantity(x)
