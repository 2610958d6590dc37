"""Quantity suffixes: reading one (``Mi``, ``m``, ``e3``) and choosing the canonical one.

The Format values and ERR_SUFFIX live here because the suffix tables and interpret_suffix
need them and ``quantity`` builds on this module; upstream declares them in quantity.go,
beside CanonicalizeBytes, which is here too because it is mostly the choice of suffix.

Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/suffix.go,
staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (Format, CanonicalizeBytes)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kubelab.api.quantity.amount import (
    MOST_NEGATIVE,
    MOST_POSITIVE,
    _as_canonical_bytes,
    _cmp,
    _remove_factors,
)

if TYPE_CHECKING:
    from kubelab.api.quantity.quantity import Quantity

DECIMAL_EXPONENT = "DecimalExponent"  # e.g. 12e6
BINARY_SI = "BinarySI"  # e.g. 12Mi (12 * 2^20)
DECIMAL_SI = "DecimalSI"  # e.g. 12M (12 * 10^6)

ERR_SUFFIX = "unable to parse quantity's suffix"

_MAX_INT32 = (1 << 31) - 1
_DIGITS = frozenset("0123456789")

# suffix -> (base, exponent, format)
_SUFFIX_TO_BE: dict[str, tuple[int, int, str]] = {
    "": (10, 0, DECIMAL_SI),
    "n": (10, -9, DECIMAL_SI),
    "u": (10, -6, DECIMAL_SI),
    "m": (10, -3, DECIMAL_SI),
    "k": (10, 3, DECIMAL_SI),
    "M": (10, 6, DECIMAL_SI),
    "G": (10, 9, DECIMAL_SI),
    "T": (10, 12, DECIMAL_SI),
    "P": (10, 15, DECIMAL_SI),
    "E": (10, 18, DECIMAL_SI),
    "Ki": (2, 10, BINARY_SI),
    "Mi": (2, 20, BINARY_SI),
    "Gi": (2, 30, BINARY_SI),
    "Ti": (2, 40, BINARY_SI),
    "Pi": (2, 50, BINARY_SI),
    "Ei": (2, 60, BINARY_SI),
}
_DEC_EXP_TO_SUFFIX = {e: s for s, (b, e, f) in _SUFFIX_TO_BE.items() if f == DECIMAL_SI}
_BIN_1024_EXP_TO_SUFFIX = {e // 10: s for s, (b, e, f) in _SUFFIX_TO_BE.items() if f == BINARY_SI}


def _decimal_suffix(exponent: int, fmt: str) -> str:
    if fmt == DECIMAL_SI:
        suffix = _DEC_EXP_TO_SUFFIX.get(exponent)
        if suffix is not None:
            return suffix
    # DecimalExponent, and DecimalSI values beyond "E" or below "n", which have no SI
    # suffix: exponent notation keeps the magnitude.
    return "" if exponent == 0 else f"e{exponent}"


def canonicalize_bytes(q: Quantity) -> tuple[str, str]:
    """The canonical number and suffix of q.

    Mirrors: quantity.go :: (*Quantity).CanonicalizeBytes

    Differences: values with no suffix of their format (DecimalSI past E or below n,
    BinarySI past Ei) fall back to exponent notation so they round-trip; v1.34 drops the
    suffix there (a later upstream fix does what kubelab does).
    """
    c, e = q._c, q._e
    if c == 0:
        return "0", ""
    fmt = q._format
    if fmt == BINARY_SI:
        if _cmp(c, e, -1024, 0) > 0 and _cmp(c, e, 1024, 0) < 0:
            fmt = DECIMAL_SI
        elif e < 0:
            # Not an integer: rounding to a binary suffix would lose precision.
            fmt = DECIMAL_SI
        elif e >= 70:
            # At least 2**70 divides the value: more factors of 1024 than "Ei" covers.
            fmt = DECIMAL_EXPONENT
        else:
            amount, times = _remove_factors(c * 10**e, 1024)
            suffix = _BIN_1024_EXP_TO_SUFFIX.get(times)
            if times == 0:
                return str(amount), ""
            if suffix is not None:
                return str(amount), suffix
            fmt = DECIMAL_EXPONENT
    elif fmt != DECIMAL_SI:
        fmt = DECIMAL_EXPONENT
    number, exponent = _as_canonical_bytes(c, e)
    return number, _decimal_suffix(exponent, fmt)


def _go_parse_int(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 64), or None on error."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not all(ch in _DIGITS for ch in body):
        return None
    v = int(text)
    if v > MOST_POSITIVE or v < MOST_NEGATIVE:
        return None
    return v


def interpret_suffix(suffix: str) -> tuple[int, int, str]:
    """(base, exponent, format) of a suffix.

    Mirrors: suffix.go :: fastLookup.interpret, (*suffixHandler).interpret

    Differences: an exponent outside the int32 range is rejected, as a later upstream fix
    does, instead of being truncated to an unrelated value.

    Raises:
        ValueError: ERR_SUFFIX for an unknown suffix.
    """
    found = _SUFFIX_TO_BE.get(suffix)
    if found is not None:
        return found
    if len(suffix) > 1 and suffix[0] in "eE":
        parsed = _go_parse_int(suffix[1:])
        if parsed is not None and -_MAX_INT32 <= parsed <= _MAX_INT32:
            return 10, parsed, DECIMAL_EXPONENT
    raise ValueError(ERR_SUFFIX)
