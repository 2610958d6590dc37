"""AGE-style durations: the exact boundaries of HumanDuration and ShortHumanDuration."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.apiserver.printers.duration import human_duration, short_human_duration

S, MS = 1.0, 0.001
M, H, D, Y = 60.0, 3600.0, 86400.0, 365 * 86400.0

# TestHumanDuration
HUMAN = [
    (S, "1s"), (70 * S, "70s"), (190 * S, "3m10s"), (70 * M, "70m"), (47 * H, "47h"), (49 * H, "2d1h"),
    ((8 * 24 + 2) * H, "8d"), (367 * 24 * H, "367d"), ((365 * 2 * 24 + 25) * H, "2y1d"),
    ((365 * 8 * 24 + 2) * H, "8y"),
]

# TestHumanDurationBoundaries
HUMAN_BOUNDARIES = [
    (-2 * S, "<invalid>"), (-2 * S + 1e-9, "0s"), (0, "0s"), (S - MS, "0s"), (2 * M - MS, "119s"),
    (2 * M, "2m"), (2 * M + S, "2m1s"), (10 * M - MS, "9m59s"), (10 * M, "10m"), (10 * M + S, "10m"),
    (3 * H - MS, "179m"), (3 * H, "3h"), (3 * H + M, "3h1m"), (8 * H - MS, "7h59m"), (8 * H, "8h"),
    (8 * H + 59 * M, "8h"), (2 * D - MS, "47h"), (2 * D, "2d"), (2 * D + H, "2d1h"), (8 * D - MS, "7d23h"),
    (8 * D, "8d"), (8 * D + 23 * H, "8d"), (2 * Y - MS, "729d"), (2 * Y, "2y"), (2 * Y + 23 * H, "2y"),
    (2 * Y + 23 * H + 59 * M, "2y"), (2 * Y + D - MS, "2y"), (2 * Y + D, "2y1d"), (3 * Y, "3y"), (4 * Y, "4y"),
    (5 * Y, "5y"), (6 * Y, "6y"), (7 * Y, "7y"), (8 * Y - MS, "7y364d"), (8 * Y, "8y"), (8 * Y + 364 * D, "8y"),
    (9 * Y, "9y"),
]

# TestShortHumanDurationBoundaries
SHORT_BOUNDARIES = [
    (-2 * S, "<invalid>"), (-2 * S + 1e-9, "0s"), (0, "0s"), (S - MS, "0s"), (S, "1s"), (2 * S - MS, "1s"),
    (M - MS, "59s"), (M, "1m"), (2 * M - MS, "1m"), (H - MS, "59m"), (H, "1h"), (2 * H - MS, "1h"),
    (D - MS, "23h"), (D, "1d"), (2 * D - MS, "1d"), (Y - MS, "364d"), (Y, "1y"), (2 * Y - MS, "1y"),
    (2 * Y, "2y"),
]


@pytest.mark.parametrize(("seconds", "want"), HUMAN, ids=[w for _, w in HUMAN])
def test_human_duration(seconds, want):
    assert human_duration(seconds) == want


@pytest.mark.parametrize(("seconds", "want"), HUMAN_BOUNDARIES, ids=[f"{s!r}s" for s, _ in HUMAN_BOUNDARIES])
def test_human_duration_boundaries(seconds, want):
    assert human_duration(seconds) == want


@pytest.mark.parametrize(("seconds", "want"), SHORT_BOUNDARIES, ids=[f"{s!r}s" for s, _ in SHORT_BOUNDARIES])
def test_short_human_duration_boundaries(seconds, want):
    assert short_human_duration(seconds) == want


# TestTranslateTimestampSince expectations, through the duration they reduce to
@pytest.mark.parametrize(("seconds", "want"), [
    (-2.1, "<invalid>"), (-1.9, "0s"), (0, "0s"), (30, "30s"), (300, "5m"), (6000, "100m"), (2 * D, "2d"),
    (90 * D, "90d"), (10 * Y, "10y"),
], ids=["a while from now", "almost now", "now", "30 seconds ago", "5 minutes ago", "an hour ago",
        "2 days ago", "months ago", "10 years ago"])
def test_translate_timestamp_since_durations(seconds, want):
    assert human_duration(seconds) == want


@given(st.floats(min_value=0, max_value=119.999))
def test_under_two_minutes_is_whole_seconds(seconds):
    assert human_duration(seconds) == f"{int(seconds)}s"


@given(st.floats(min_value=0, max_value=50 * Y))
def test_durations_are_one_or_two_units(seconds):
    assert re.fullmatch(r"\d+[smhdy](\d+[smhd])?", human_duration(seconds))
    assert re.fullmatch(r"\d+[smhdy]", short_human_duration(seconds))


@given(st.floats(min_value=-1e6, max_value=-2))
def test_more_than_two_seconds_ahead_is_invalid(seconds):
    assert human_duration(seconds) == "<invalid>"
    assert short_human_duration(seconds) == "<invalid>"
