"""The unmarshalers strict decoding runs for times, base64 bytes and quantities.

Go's time.Parse for the two layouts Kubernetes uses (metav1.Time and MicroTime), Go's
base64.StdEncoding decoding for ``[]byte`` fields, and Quantity's parser, each returning
the text the API server would store, with Go's error words when the value is refused.

Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go :: (*Time).UnmarshalJSON,
meta/v1/micro_time.go :: (*MicroTime).UnmarshalJSON, Go time/format.go :: Parse,
encoding/base64/base64.go :: (*Encoding).Decode,
staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go :: (*Quantity).UnmarshalJSON
"""

from __future__ import annotations

import binascii
import datetime as _dt
from functools import lru_cache

from kubelab.api.quantity import parse_quantity

RFC3339 = "2006-01-02T15:04:05Z07:00"
RFC3339_MICRO = "2006-01-02T15:04:05.000000Z07:00"


class UnmarshalError(Exception):
    """An unmarshaler error: encoding/json returns it at once."""


# -- resource.Quantity ----------------------------------------------------------------------


@lru_cache(maxsize=16384)
def canonical_quantity(text: str) -> str:
    return str(parse_quantity(text.strip()))


# -- Go's time.Parse for the two layouts Kubernetes uses --------------------------------------


def _go_quote(s: str) -> str:
    out = ['"']
    for ch in s:
        if ord(ch) < 0x20 or ord(ch) >= 0x80:
            out.extend(f"\\x{b:02x}" for b in ch.encode())
        else:
            out.append("\\" + ch if ch in '"\\' else ch)
    out.append('"')
    return "".join(out)


def _getnum(s: str, fixed: bool) -> tuple[int, str] | None:
    if not s[:1].isdigit() or not s[:1].isascii():
        return None
    if not (len(s) > 1 and s[1].isdigit() and s[1].isascii()):
        return None if fixed else (int(s[0]), s[1:])
    return int(s[:2]), s[2:]


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=4096)
def parse_time(avalue: str, layout: str) -> str | None:
    """Mirrors: Go time.Parse(layout, value) then MarshalJSON (UTC, layout's precision).

    Raises:
        UnmarshalError: with Go's ParseError text.
    """
    def bad(elem: str, rest: str, msg: str = "") -> UnmarshalError:
        if msg:
            return UnmarshalError(f"parsing time {_go_quote(avalue)}{msg}")
        return UnmarshalError(f"parsing time {_go_quote(avalue)} as {_go_quote(layout)}: cannot parse "
                     f"{_go_quote(rest)} as {_go_quote(elem)}")

    micro = layout == RFC3339_MICRO
    steps = [("", "2006"), ("-", "01"), ("-", "02"), ("T", "15"), (":", "04"), (":", "05")]
    steps += [("", ".000000")] if micro else []
    steps += [("", "Z07:00")]
    value, f = avalue, {"nsec": 0, "offset": 0}
    for prefix, std in steps:
        for ch in prefix:
            if not value or value[0] != ch:
                raise bad(prefix, value)
            value = value[1:]
        hold, rng = value, ""
        if std == "2006":
            if len(value) < 4 or not value[0].isdigit() or not value[:4].isdigit():
                raise bad(std, hold)
            f["year"], value = int(value[:4]), value[4:]
            continue
        if std in ("01", "02", "15", "04", "05"):
            got = _getnum(value, std != "15")
            if got is None:
                raise bad(std, hold)
            n, value = got
            f[std] = n
            limit = {"01": 12, "15": 23, "04": 59, "05": 59}.get(std)
            names = {"01": "month", "15": "hour", "04": "minute", "05": "second"}
            if std == "01" and n == 0 or limit is not None and n > limit:
                rng = names[std]
            elif std == "05" and not micro and len(value) >= 2 and value[0] in ".," and value[1].isdigit():
                n = 2
                while n < len(value) and value[n].isdigit():
                    n += 1
                f["nsec"] = int((value[1:n] + "000000000")[:9])
                value = value[n:]
        elif std == ".000000":
            if len(value) < 7 or value[0] not in ".," or not value[1:7].isdigit():
                raise bad(std, hold)
            f["nsec"], value = int(value[1:7]) * 1000, value[7:]
        else:  # Z07:00
            if value[:1] == "Z":
                value = value[1:]
                continue
            if len(value) < 6 or value[3] != ":":
                raise bad(std, hold)
            hh, mm = _getnum(value[1:3], True), _getnum(value[4:6], True)
            if hh is None or mm is None:
                raise bad(std, hold)
            rng = "time zone offset hour" if hh[0] > 24 else "time zone offset minute" if mm[0] > 60 else ""
            if not rng and value[0] not in "+-":
                raise bad(std, hold)
            f["offset"] = (hh[0] * 60 + mm[0]) * 60 * (-1 if value[0] == "-" else 1)
            value = value[6:]
        if rng:
            raise bad(std, value, f": {rng} out of range")
    if value:
        raise bad("", value, f": extra text: {_go_quote(value)}")
    year, month, day = f["year"], f["01"], f["02"]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day < 1 or day > _DAYS[month - 1] + (1 if month == 2 and leap else 0):
        raise bad("", value, ": day out of range")
    try:
        t = _dt.datetime(year, month, day, f["15"], f["04"], f["05"]) - _dt.timedelta(seconds=f["offset"])
    except (ValueError, OverflowError):
        return avalue  # outside Python's calendar (year 0): keep the text as sent
    if (t.year, t.month, t.day, t.hour, t.minute, t.second, f["nsec"]) == (1, 1, 1, 0, 0, 0, 0):
        return None  # metav1.Time and MicroTime marshal their zero value as null
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{f['nsec'] // 1000:06d}Z" if micro else "Z")


# -- Go's base64.StdEncoding ---------------------------------------------------------------

_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


@lru_cache(maxsize=4096)
def base64_canonical(s: str) -> tuple[str | None, str | None]:
    """(re-encoded text, None) or (None, Go's CorruptInputError text).

    Mirrors: encoding/base64 :: (*Encoding).Decode with StdEncoding (newlines skipped,
    padding required), then EncodeToString as the server stores it.
    """
    src = s.encode()
    if b"\n" not in src and b"\r" not in src:
        try:
            raw = binascii.a2b_base64(src, strict_mode=True)
        except binascii.Error:
            pass
        else:
            return binascii.b2a_base64(raw, newline=False).decode(), None
    si, n, good = 0, len(src), bytearray()

    def corrupt(at: int) -> tuple[None, str]:
        return None, f"illegal base64 data at input byte {at}"

    while si < n:
        quantum: list[int] = []
        while len(quantum) < 4:
            if si == n:
                if not quantum:
                    break
                return corrupt(si - len(quantum))
            c = src[si]
            si += 1
            if c in _B64:
                quantum.append(c)
                continue
            if c in b"\r\n":
                continue
            if c != ord("=") or len(quantum) < 2:
                return corrupt(si - 1)
            if len(quantum) == 2:
                while si < n and src[si] in b"\r\n":
                    si += 1
                if si == n:
                    return corrupt(n)
                if src[si] != ord("="):
                    return corrupt(si - 1)
                si += 1
            while si < n and src[si] in b"\r\n":
                si += 1
            if si < n:
                return corrupt(si)
            break
        if quantum:
            padded = bytes(quantum) + b"=" * (4 - len(quantum))
            good += binascii.a2b_base64(padded)
    return binascii.b2a_base64(bytes(good), newline=False).decode(), None
