"""Human-readable durations, as the AGE, DURATION and LAST SEEN columns show them.

Durations are taken in (simulated) seconds and converted to integer nanoseconds first,
so every boundary falls exactly where Go's integer time.Duration arithmetic puts it.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go
"""

from __future__ import annotations

_SECOND = 1_000_000_000
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE


def _nanoseconds(seconds: float) -> int:
    return int(round(seconds * _SECOND))


def _whole_seconds(d: int) -> int:
    """int(d.Seconds()): Go truncates toward zero."""
    return int(d / _SECOND) if d < 0 else d // _SECOND


def short_human_duration(seconds: float) -> str:
    """A succinct duration with one unit: ``59s``, ``1m``, ``23h``, ``364d``, ``2y``.

    Mirrors: apimachinery/pkg/util/duration/duration.go :: ShortHumanDuration
    """
    d = _nanoseconds(seconds)
    s = _whole_seconds(d)
    # Up to two seconds in the future is clock skew between machines: "now".
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 60:
        return f"{s}s"
    minutes = d // _MINUTE
    if minutes < 60:
        return f"{minutes}m"
    hours = d // _HOUR
    if hours < 24:
        return f"{hours}h"
    if hours < 24 * 365:
        return f"{hours // 24}d"
    return f"{hours // 24 // 365}y"


def human_duration(seconds: float) -> str:
    """A duration with two or three significant figures: ``119s``, ``3m10s``, ``7h59m``, ``2d1h``, ``2y1d``.

    Mirrors: apimachinery/pkg/util/duration/duration.go :: HumanDuration
    """
    d = _nanoseconds(seconds)
    s = _whole_seconds(d)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 60 * 2:
        return f"{s}s"
    minutes = d // _MINUTE
    if minutes < 10:
        rem = (d // _SECOND) % 60
        return f"{minutes}m" if rem == 0 else f"{minutes}m{rem}s"
    if minutes < 60 * 3:
        return f"{minutes}m"
    hours = d // _HOUR
    if hours < 8:
        rem = (d // _MINUTE) % 60
        return f"{hours}h" if rem == 0 else f"{hours}h{rem}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rem = hours % 24
        return f"{hours // 24}d" if rem == 0 else f"{hours // 24}d{rem}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        return f"{hours // 24 // 365}y" if days == 0 else f"{hours // 24 // 365}y{days}d"
    return f"{hours // 24 // 365}y"
