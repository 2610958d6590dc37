"""The standard five-field cron syntax CronJob schedules use, with its exact error texts.

Upstream: github.com/robfig/cron/v3 :: parser.go (ParseStandard: minute, hour, day of month,
month, day of week, and @descriptors)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_DOWS = {d: i for i, d in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}


@dataclass(frozen=True, slots=True)
class Bounds:
    min: int
    max: int
    names: dict[str, int] | None = None


SECONDS = Bounds(0, 59)
MINUTES = Bounds(0, 59)
HOURS = Bounds(0, 23)
DOM = Bounds(1, 31)
MONTHS = Bounds(1, 12, _MONTHS)
DOW = Bounds(0, 6, _DOWS)
_DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")


class CronError(ValueError):
    """A schedule robfig/cron rejects; ``str()`` is its error text."""


def _go_fields(fields: list[str]) -> str:
    return "[" + " ".join(fields) + "]"


def _must_parse_int(expr: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", expr):
        raise CronError(f'failed to parse int from {expr}: strconv.Atoi: parsing "{expr}": invalid syntax')
    num = int(expr)
    if not -(1 << 63) <= num < (1 << 63):
        raise CronError(f'failed to parse int from {expr}: strconv.Atoi: parsing "{expr}": value out of range')
    if num < 0:
        raise CronError(f"negative number ({num}) not allowed: {expr}")
    return num


def _parse_int_or_name(expr: str, names: dict[str, int] | None) -> int:
    if names is not None and expr.lower() in names:
        return names[expr.lower()]
    return _must_parse_int(expr)


def _get_range(expr: str, r: Bounds) -> None:
    range_and_step = expr.split("/")
    low_and_high = range_and_step[0].split("-")
    single = len(low_and_high) == 1
    if low_and_high[0] in ("*", "?"):
        start, end = r.min, r.max
    else:
        start = _parse_int_or_name(low_and_high[0], r.names)
        if len(low_and_high) == 1:
            end = start
        elif len(low_and_high) == 2:
            end = _parse_int_or_name(low_and_high[1], r.names)
        else:
            raise CronError(f"too many hyphens: {expr}")
    if len(range_and_step) == 1:
        step = 1
    elif len(range_and_step) == 2:
        step = _must_parse_int(range_and_step[1])
        if single:
            end = r.max
    else:
        raise CronError(f"too many slashes: {expr}")
    if start < r.min:
        raise CronError(f"beginning of range ({start}) below minimum ({r.min}): {expr}")
    if end > r.max:
        raise CronError(f"end of range ({end}) above maximum ({r.max}): {expr}")
    if start > end:
        raise CronError(f"beginning of range ({start}) beyond end of range ({end}): {expr}")
    if step == 0:
        raise CronError(f"step of range should be a positive number: {expr}")


def _get_field(text: str, r: Bounds) -> None:
    for expr in [p for p in text.split(",") if p]:
        _get_range(expr, r)


_DURATION_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9}
_DURATION_RE = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")


def parse_duration(s: str) -> int:
    """Go's time.ParseDuration, in nanoseconds.

    Raises:
        CronError: ``time: invalid duration "x"`` (or ``missing unit``).
    """
    orig = s
    if s in ("0", "+0", "-0"):
        return 0
    if s[:1] in "+-" and s:
        s = s[1:]
    if not s:
        raise CronError(f'time: invalid duration "{orig}"')
    total = 0
    while s:
        m = _DURATION_RE.match(s)
        if m is None or m.group(1) in ("", "."):
            if re.match(r"[0-9.]+$", s):
                raise CronError(f'time: missing unit in duration "{orig}"')
            if re.match(r"[0-9.]+", s):
                unit = re.sub(r"^[0-9.]+", "", s)
                raise CronError(f'time: unknown unit "{unit}" in duration "{orig}"')
            raise CronError(f'time: invalid duration "{orig}"')
        total += int(float(m.group(1)) * _DURATION_UNITS[m.group(2)])
        s = s[m.end():]
    return -total if orig.startswith("-") else total


def _parse_descriptor(spec: str) -> None:
    if spec in _DESCRIPTORS:
        return
    every = "@every "
    if spec.startswith(every):
        try:
            parse_duration(spec[len(every):])
        except CronError as e:
            raise CronError(f"failed to parse duration {spec}: {e}") from None
        return
    raise CronError(f"unrecognized descriptor: {spec}")


def parse_standard(spec: str, load_location: object = None) -> None:
    """Check a schedule as robfig/cron's ParseStandard does.

    Mirrors: github.com/robfig/cron/v3/parser.go :: ParseStandard (Parser.Parse)

    ``load_location`` checks a ``TZ=``/``CRON_TZ=`` zone name and returns an error text or None.

    Raises:
        CronError: with upstream's message, e.g. ``expected exactly 5 fields, found 1: [foo]``.
    """
    if not spec:
        raise CronError("empty spec string")
    if spec.startswith(("TZ=", "CRON_TZ=")):
        i = spec.find(" ")
        eq = spec.find("=")
        zone = spec[eq + 1:i] if i >= 0 else spec[eq + 1:]
        if callable(load_location):
            err = load_location(zone)
            if err:
                raise CronError(f"provided bad location {zone}: {err}")
        spec = spec[i:].strip() if i >= 0 else ""
    if spec.startswith("@"):
        _parse_descriptor(spec)
        return
    fields = spec.split()
    if len(fields) != 5:
        raise CronError(f"expected exactly 5 fields, found {len(fields)}: {_go_fields(fields)}")
    for text, bounds in zip(["0", *fields], (SECONDS, MINUTES, HOURS, DOM, MONTHS, DOW)):
        _get_field(text, bounds)
