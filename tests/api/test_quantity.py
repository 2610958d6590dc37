"""Quantities parse, print and add up exactly as the API server's resource.Quantity."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api import quantity as qty
from kubelab.api.quantity import (
    BINARY_SI,
    DECIMAL_EXPONENT,
    DECIMAL_SI,
    ERR_FORMAT_WRONG,
    ERR_NUMERIC,
    ERR_SUFFIX,
    MOST_POSITIVE,
    Quantity,
    milli_value,
    must_parse,
    new_milli_quantity,
    new_quantity,
    new_scaled_quantity,
    parse_quantity,
    parse_quantity_string,
    unmarshal_json,
    value,
)

dec = Quantity  # decQuantity(i, exponent, format) in quantity_test.go

# TestQuantityParse: input, expected value and format.
PARSE_TABLE = [
    ("0", dec(0, 0, DECIMAL_SI)),
    ("0n", dec(0, 0, DECIMAL_SI)),
    ("0u", dec(0, 0, DECIMAL_SI)),
    ("0m", dec(0, 0, DECIMAL_SI)),
    ("0Ki", dec(0, 0, BINARY_SI)),
    ("0k", dec(0, 0, DECIMAL_SI)),
    ("0Mi", dec(0, 0, BINARY_SI)),
    ("0M", dec(0, 0, DECIMAL_SI)),
    ("0Gi", dec(0, 0, BINARY_SI)),
    ("0G", dec(0, 0, DECIMAL_SI)),
    ("0Ti", dec(0, 0, BINARY_SI)),
    ("0T", dec(0, 0, DECIMAL_SI)),
    ("1", dec(1, 0, DECIMAL_SI)),
    ("1Ki", dec(1024, 0, BINARY_SI)),
    ("8Ki", dec(8 * 1024, 0, BINARY_SI)),
    ("7Mi", dec(7 * 1024**2, 0, BINARY_SI)),
    ("6Gi", dec(6 * 1024**3, 0, BINARY_SI)),
    ("5Ti", dec(5 * 1024**4, 0, BINARY_SI)),
    ("4Pi", dec(4 * 1024**5, 0, BINARY_SI)),
    ("3Ei", dec(3 * 1024**6, 0, BINARY_SI)),
    ("10Ti", dec(10 * 1024**4, 0, BINARY_SI)),
    ("100Ti", dec(100 * 1024**4, 0, BINARY_SI)),
    ("5n", dec(5, -9, DECIMAL_SI)),
    ("4u", dec(4, -6, DECIMAL_SI)),
    ("3m", dec(3, -3, DECIMAL_SI)),
    ("9", dec(9, 0, DECIMAL_SI)),
    ("8k", dec(8, 3, DECIMAL_SI)),
    ("50k", dec(5, 4, DECIMAL_SI)),
    ("7M", dec(7, 6, DECIMAL_SI)),
    ("6G", dec(6, 9, DECIMAL_SI)),
    ("5T", dec(5, 12, DECIMAL_SI)),
    ("40T", dec(4, 13, DECIMAL_SI)),
    ("300T", dec(3, 14, DECIMAL_SI)),
    ("2P", dec(2, 15, DECIMAL_SI)),
    ("1E", dec(1, 18, DECIMAL_SI)),
    ("1E-3", dec(1, -3, DECIMAL_EXPONENT)),
    ("1e3", dec(1, 3, DECIMAL_EXPONENT)),
    ("1E6", dec(1, 6, DECIMAL_EXPONENT)),
    ("1e9", dec(1, 9, DECIMAL_EXPONENT)),
    ("1E12", dec(1, 12, DECIMAL_EXPONENT)),
    ("1e15", dec(1, 15, DECIMAL_EXPONENT)),
    ("1E18", dec(1, 18, DECIMAL_EXPONENT)),
    ("1e14", dec(1, 14, DECIMAL_EXPONENT)),
    ("1e13", dec(1, 13, DECIMAL_EXPONENT)),
    ("100.035k", dec(100035, 0, DECIMAL_SI)),
    ("0.001", dec(1, -3, DECIMAL_SI)),
    ("0.0005k", dec(5, -1, DECIMAL_SI)),
    ("0.005", dec(5, -3, DECIMAL_SI)),
    ("0.05", dec(5, -2, DECIMAL_SI)),
    ("0.5", dec(5, -1, DECIMAL_SI)),
    ("0.00050k", dec(5, -1, DECIMAL_SI)),
    ("0.00500", dec(5, -3, DECIMAL_SI)),
    ("0.05000", dec(5, -2, DECIMAL_SI)),
    ("0.50000", dec(5, -1, DECIMAL_SI)),
    ("0.5e0", dec(5, -1, DECIMAL_EXPONENT)),
    ("0.5e-1", dec(5, -2, DECIMAL_EXPONENT)),
    ("0.5e-2", dec(5, -3, DECIMAL_EXPONENT)),
    ("10.035M", dec(10035, 3, DECIMAL_SI)),
    ("1.2e3", dec(12, 2, DECIMAL_EXPONENT)),
    ("1.3E+6", dec(13, 5, DECIMAL_EXPONENT)),
    ("1.40e9", dec(14, 8, DECIMAL_EXPONENT)),
    ("1.53E12", dec(153, 10, DECIMAL_EXPONENT)),
    ("1.6e15", dec(16, 14, DECIMAL_EXPONENT)),
    ("1.7E18", dec(17, 17, DECIMAL_EXPONENT)),
    ("9.01", dec(901, -2, DECIMAL_SI)),
    ("8.1k", dec(81, 2, DECIMAL_SI)),
    ("7.123456M", dec(7123456, 0, DECIMAL_SI)),
    ("6.987654321G", dec(6987654321, 0, DECIMAL_SI)),
    ("5.444T", dec(5444, 9, DECIMAL_SI)),
    ("40.1T", dec(401, 11, DECIMAL_SI)),
    ("300.2T", dec(3002, 11, DECIMAL_SI)),
    ("2.5P", dec(25, 14, DECIMAL_SI)),
    ("1.01E", dec(101, 16, DECIMAL_SI)),
    ("3.001n", dec(4, -9, DECIMAL_SI)),
    ("1.1E-9", dec(2, -9, DECIMAL_EXPONENT)),
    ("0.0000000001", dec(1, -9, DECIMAL_SI)),
    ("0.0000000005", dec(1, -9, DECIMAL_SI)),
    ("0.00000000050", dec(1, -9, DECIMAL_SI)),
    ("0.5e-9", dec(1, -9, DECIMAL_EXPONENT)),
    ("0.9n", dec(1, -9, DECIMAL_SI)),
    ("0.00000012345", dec(124, -9, DECIMAL_SI)),
    ("0.00000012354", dec(124, -9, DECIMAL_SI)),
    ("9Ei", dec(MOST_POSITIVE, 0, BINARY_SI)),
    ("9223372036854775807Ki", dec(MOST_POSITIVE, 0, BINARY_SI)),
    ("12E", dec(12, 18, DECIMAL_SI)),
    ("100.035Ki", dec(10243584, -2, BINARY_SI)),
    ("0.5Mi", dec(512 * 1024, 0, BINARY_SI)),
    ("0.05Gi", dec(536870912, -1, BINARY_SI)),
    ("0.025Ti", dec(274877906944, -1, BINARY_SI)),
    ("0.000000000001Ki", dec(2, -9, DECIMAL_SI)),
    (".001", dec(1, -3, DECIMAL_SI)),
    (".0001k", dec(100, -3, DECIMAL_SI)),
    ("1.", dec(1, 0, DECIMAL_SI)),
    ("1.G", dec(1, 9, DECIMAL_SI)),
]


@pytest.mark.parametrize(("text", "expect"), PARSE_TABLE, ids=[t for t, _ in PARSE_TABLE])
def test_quantity_parse(text: str, expect: Quantity) -> None:
    got = parse_quantity(text)
    assert got == expect
    assert got.format == expect.format


@pytest.mark.parametrize(("text", "expect"), PARSE_TABLE, ids=[t for t, _ in PARSE_TABLE])
def test_quantity_parse_with_sign(text: str, expect: Quantity) -> None:
    neg = parse_quantity("-" + text)
    assert neg == -expect
    assert neg.format == expect.format
    pos = parse_quantity("+" + text)
    assert pos == expect
    assert pos.format == expect.format


INVALID = [
    ("1.1.M", ERR_FORMAT_WRONG),
    ("1+1.0M", ERR_FORMAT_WRONG),
    ("0.1mi", ERR_SUFFIX),
    ("0.1am", ERR_FORMAT_WRONG),
    ("aoeu", ERR_FORMAT_WRONG),
    (".5i", ERR_SUFFIX),
    ("1i", ERR_SUFFIX),
    ("-3.01i", ERR_SUFFIX),
    ("-3.01e-", ERR_SUFFIX),
    ("1e4294967297", ERR_SUFFIX),
    (" 1", ERR_FORMAT_WRONG),
    ("1 ", ERR_FORMAT_WRONG),
    ("", ERR_FORMAT_WRONG),
    ("Non-Numeric", ERR_FORMAT_WRONG),
    ("Ei", ERR_NUMERIC),
    ("e-20", ERR_NUMERIC),
]


@pytest.mark.parametrize(("text", "message"), INVALID, ids=[repr(t) for t, _ in INVALID])
def test_invalid_quantities_are_rejected_with_upstream_message(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_quantity(text)
    assert str(err.value) == message


def test_regex_message_is_upstreams() -> None:
    assert ERR_FORMAT_WRONG == (
        "quantities must match the regular expression "
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )


def test_must_parse_names_the_input() -> None:
    with pytest.raises(ValueError, match="cannot parse 'Non-Numeric': quantities must match"):
        must_parse("Non-Numeric")


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("0.025Ti", (True, "0.025", "0", "025", "Ti")),
        ("1.025Ti", (True, "1.025", "1", "025", "Ti")),
        ("-1.025Ti", (False, "-1.025", "1", "025", "Ti")),
        (".", (True, ".", "0", "", "")),
        ("-.", (False, "-.", "0", "", "")),
        ("1E-3", (True, "1", "1", "", "E-3")),
    ],
)
def test_parse_quantity_string(text: str, expect: tuple[bool, str, str, str, str]) -> None:
    assert parse_quantity_string(text) == expect


# TestQuantityString: the value, its canonical text and another text of the same value.
STRING_TABLE = [
    (dec(1024**3, 0, BINARY_SI), "1Gi", "1024Mi"),
    (dec(300 * 1024**2, 0, BINARY_SI), "300Mi", "307200Ki"),
    (dec(6 * 1024, 0, BINARY_SI), "6Ki", ""),
    (dec(1001 * 1024**3, 0, BINARY_SI), "1001Gi", "1025024Mi"),
    (dec(1024**4, 0, BINARY_SI), "1Ti", "1024Gi"),
    (dec(5, 0, BINARY_SI), "5", "5000m"),
    (dec(500, -3, BINARY_SI), "500m", "0.5"),
    (dec(1, 9, DECIMAL_SI), "1G", "1000M"),
    (dec(1000, 6, DECIMAL_SI), "1G", "0.001T"),
    (dec(1000000, 3, DECIMAL_SI), "1G", ""),
    (dec(1000000000, 0, DECIMAL_SI), "1G", ""),
    (dec(1, -3, DECIMAL_SI), "1m", "1000u"),
    (dec(80, -3, DECIMAL_SI), "80m", ""),
    (dec(1080, -3, DECIMAL_SI), "1080m", "1.08"),
    (dec(108, -2, DECIMAL_SI), "1080m", "1080000000n"),
    (dec(10800, -4, DECIMAL_SI), "1080m", ""),
    (dec(300, 6, DECIMAL_SI), "300M", ""),
    (dec(1, 12, DECIMAL_SI), "1T", ""),
    (dec(1, 18, DECIMAL_SI), "1E", ""),
    (dec(1, 21, DECIMAL_SI), "1e21", "1000E"),
    (dec(5, 21, DECIMAL_SI), "5e21", "5000E"),
    (dec(1, 24, DECIMAL_SI), "1e24", "1000000E"),
    (dec(1, 70, BINARY_SI), "10e69", ""),
    (dec(2, 70, BINARY_SI), "20e69", ""),
    (dec(1, 72, BINARY_SI), "1e72", ""),
    (dec(1234567, 6, DECIMAL_SI), "1234567M", ""),
    (dec(1234567, -3, BINARY_SI), "1234567m", ""),
    (dec(3, 3, DECIMAL_SI), "3k", ""),
    (dec(1025, 0, BINARY_SI), "1025", ""),
    (dec(0, 0, DECIMAL_SI), "0", ""),
    (dec(0, 0, BINARY_SI), "0", ""),
    (dec(1, 9, DECIMAL_EXPONENT), "1e9", ".001e12"),
    (dec(1, -3, DECIMAL_EXPONENT), "1e-3", "0.001e0"),
    (dec(1, -9, DECIMAL_EXPONENT), "1e-9", "1000e-12"),
    (dec(80, -3, DECIMAL_EXPONENT), "80e-3", ""),
    (dec(300, 6, DECIMAL_EXPONENT), "300e6", ""),
    (dec(1, 12, DECIMAL_EXPONENT), "1e12", ""),
    (dec(1, 3, DECIMAL_EXPONENT), "1e3", ""),
    (dec(3, 3, DECIMAL_EXPONENT), "3e3", ""),
    (dec(0, 0, DECIMAL_EXPONENT), "0", "00"),
    (dec(1, -9, DECIMAL_SI), "1n", ""),
    (dec(80, -9, DECIMAL_SI), "80n", ""),
    (dec(1080, -9, DECIMAL_SI), "1080n", ""),
    (dec(108, -8, DECIMAL_SI), "1080n", ""),
    (dec(10800, -10, DECIMAL_SI), "1080n", ""),
    (dec(1, -6, DECIMAL_SI), "1u", ""),
    (dec(80, -6, DECIMAL_SI), "80u", ""),
    (dec(1080, -6, DECIMAL_SI), "1080u", ""),
]


@pytest.mark.parametrize(("q", "expect", "alternate"), STRING_TABLE, ids=[e for _, e, _ in STRING_TABLE])
def test_quantity_string(q: Quantity, expect: str, alternate: str) -> None:
    assert str(q) == expect
    assert str(parse_quantity(expect)) == expect
    if alternate:
        assert str(parse_quantity(alternate)) == expect
    if not q.is_zero():
        assert str(-q) == "-" + expect


@pytest.mark.parametrize(
    ("q", "expect"),
    [
        (dec(2000, 0, BINARY_SI), "2000"),
        (dec(-2000, 0, BINARY_SI), "-2000"),
        (dec(1, -12, DECIMAL_SI), "1e-12"),
        (dec(1, -10, DECIMAL_SI), "100e-12"),
    ],
    ids=["binary-si-zero-exponent", "negative-binary-si-zero-exponent", "below-nano", "below-nano-100"],
)
def test_quantity_string_edges(q: Quantity, expect: str) -> None:
    assert str(q) == expect


def test_binary_si_past_ei_prints_exact_decimal() -> None:
    q = parse_quantity("1Ei") * 1024
    assert str(q) == "1180591620717411303424"
    assert parse_quantity(str(q)) == q


PARSE_EMIT = [
    ("1Ki", "1Ki"),
    ("1Mi", "1Mi"),
    ("1Gi", "1Gi"),
    ("1024Mi", "1Gi"),
    ("1000M", "1G"),
    (".001Ki", "1024m"),
    (".000001Ki", "1024u"),
    (".000000001Ki", "1024n"),
    (".000000000001Ki", "2n"),
    # The brief's examples.
    ("1500m", "1500m"),
    ("1.5", "1500m"),
    ("0.1", "100m"),
    ("1e3", "1e3"),
    ("100M", "100M"),
    ("1000Ki", "1000Ki"),
    ("1.5Gi", "1536Mi"),
    ("2E-3", "2e-3"),
]


@pytest.mark.parametrize(("text", "expect"), PARSE_EMIT, ids=[t for t, _ in PARSE_EMIT])
def test_quantity_parse_emit(text: str, expect: str) -> None:
    assert str(parse_quantity(text)) == expect
    assert str(parse_quantity("-" + text)) == "-" + expect


def test_quantity_parse_zero() -> None:
    assert str(parse_quantity("0")) == "0"


@pytest.mark.parametrize("text", ["100m", "1Gi"])
def test_add_and_sub_with_zero_keep_the_suffix(text: str) -> None:
    q = parse_quantity(text)
    zero = parse_quantity("0")
    assert str(q + zero) == text
    assert str(zero + q) == text
    assert str(q - zero) == text
    assert str(zero - q) == str(-q)


@pytest.mark.parametrize(
    ("x", "y", "expect"),
    [("0", "0", 0), ("100m", "50m", 1), ("50m", "100m", -1), ("10000T", "100Gi", 1)],
)
def test_quantity_cmp(x: str, y: str, expect: int) -> None:
    a, b = parse_quantity(x), parse_quantity(y)
    assert a.cmp(b) == expect
    assert b.cmp(a) == -expect
    assert (a < b) == (expect < 0)
    assert (a > b) == (expect > 0)
    assert (a <= b) == (expect <= 0)
    assert (a >= b) == (expect >= 0)


@pytest.mark.parametrize(
    ("a", "b", "expect"),
    [
        (dec(901, -2), dec(901, -2), 0),
        (dec(90, -1), dec(901, -2), -1),
        (dec(800, -3), dec(1, 0), -1),
        (dec(800, -3), dec(79, -2), 1),
        (dec(MOST_POSITIVE, 0), dec(1, -1), 1),
        (dec(MOST_POSITIVE, -16), dec(1, 3), -1),
        (dec(-(1 << 63), -18), dec(-1, 0), -1),
        (dec(-(1 << 63), -19), dec(-1, 0), 1),
        (dec(10**18, -17), dec(1, 1), 0),
        (dec(10**18 + 1, -17), dec(1, 1), 1),
        (dec(10**18 - 1, -17), dec(1, 1), -1),
        (dec(1, 2147483647), dec(9, 2147483646), 1),
    ],
)
def test_quantity_cmp_int64_and_dec(a: Quantity, b: Quantity, expect: int) -> None:
    assert a.cmp(b) == expect
    assert b.cmp(a) == -expect


@pytest.mark.parametrize(
    ("text", "scale", "expect", "exact"),
    [
        ("9.01", -3, dec(901, -2), True),
        ("9.01", -2, dec(901, -2), True),
        ("9.01", -1, dec(91, -1), False),
        ("9.01", 0, dec(10, 0), False),
        ("9.01", 1, dec(10, 0), False),
        ("9.01", 2, dec(100, 0), False),
        ("-9.01", -3, dec(-901, -2), True),
        ("-9.01", -1, dec(-91, -1), False),
        ("-9.01", 0, dec(-10, 0), False),
        ("-9.01", 2, dec(-100, 0), False),
    ],
)
def test_quantity_round_up(text: str, scale: int, expect: Quantity, exact: bool) -> None:
    got, ok = parse_quantity(text).round_up(scale)
    assert ok is exact
    assert got == expect


@pytest.mark.parametrize(
    ("text", "expect_value", "expect_milli"),
    [
        ("-.484785E-7466", -1, -1),
        (".484785E-7466", 1, 1),
        ("-.484785E-1", -1, -49),
        (".484785E-1", 1, 49),
        ("-0.0005", -1, -1),
        ("0.0005", 1, 1),
        ("-1500m", -2, -1500),
        ("1500m", 2, 1500),
        ("-9.5000000001Gi", -10200547329, -10200547328108),
        ("9.5000000001Gi", 10200547329, 10200547328108),
        ("-1", -1, -1000),
        ("1", 1, 1000),
        ("0", 0, 0),
    ],
)
def test_negative_value_rounds_away_from_zero(text: str, expect_value: int, expect_milli: int) -> None:
    q = parse_quantity(text)
    assert q.value() == expect_value
    assert q.milli_value() == expect_milli
    assert value(text) == expect_value
    assert milli_value(text) == expect_milli


@pytest.mark.parametrize(
    ("milli", "fmt", "expect"),
    [
        (1, DECIMAL_SI, "1m"),
        (1000, DECIMAL_SI, "1"),
        (1234000, DECIMAL_SI, "1234"),
        (1024, BINARY_SI, "1024m"),
        (1000000, "invalidFormatDefaultsToExponent", "1e3"),
        (1024 * 1024, BINARY_SI, "1048576m"),
    ],
)
def test_milli_new_set(milli: int, fmt: str, expect: str) -> None:
    q = new_milli_quantity(milli, fmt)
    assert str(q) == expect
    assert parse_quantity(str(q)).milli_value() == milli


@pytest.mark.parametrize(
    ("v", "fmt", "expect"),
    [
        (1, DECIMAL_SI, "1"),
        (1000, DECIMAL_SI, "1k"),
        (1234000, DECIMAL_SI, "1234k"),
        (1024, BINARY_SI, "1Ki"),
        (1000000, "invalidFormatDefaultsToExponent", "1e6"),
        (1024 * 1024, BINARY_SI, "1Mi"),
    ],
)
def test_new_set(v: int, fmt: str, expect: str) -> None:
    q = new_quantity(v, fmt)
    assert str(q) == expect
    assert parse_quantity(str(q)).value() == v


@pytest.mark.parametrize(
    ("v", "scale", "expect"),
    [
        (1, qty.NANO, "1n"),
        (1000, qty.NANO, "1u"),
        (1, qty.MICRO, "1u"),
        (1000, qty.MICRO, "1m"),
        (1, qty.MILLI, "1m"),
        (1000, qty.MILLI, "1"),
        (1, 0, "1"),
        (0, qty.NANO, "0"),
        (0, 0, "0"),
    ],
)
def test_new_scaled_set(v: int, scale: int, expect: str) -> None:
    q = new_scaled_quantity(v, scale)
    assert str(q) == expect
    assert parse_quantity(str(q)).scaled_value(scale) == v


@pytest.mark.parametrize(
    ("from_scale", "to_scale", "expect"),
    [
        (-9, -9, 1), (-9, -6, 1), (-9, -3, 1), (-9, 0, 1),
        (-6, -9, 1000), (-6, -6, 1), (-6, -3, 1), (-6, 0, 1),
        (-3, -9, 1000000), (-3, -6, 1000), (-3, -3, 1), (-3, 0, 1),
        (0, -9, 10**9), (0, -6, 10**6), (0, -3, 1000), (0, 0, 1),
        (2, -2, 10000),
    ],
)
def test_scaled_value(from_scale: int, to_scale: int, expect: int) -> None:
    assert new_scaled_quantity(1, from_scale).scaled_value(to_scale) == expect


def test_values_past_int64_saturate() -> None:
    assert parse_quantity("1e30").value() == MOST_POSITIVE
    assert parse_quantity("-1e30").milli_value() == -(1 << 63)
    assert parse_quantity("1e2147483647").value() == MOST_POSITIVE


@pytest.mark.parametrize(
    ("a", "b", "expect", "fmt"),
    [
        (dec(10, 0, DECIMAL_SI), dec(1, 1, DECIMAL_SI), dec(0, 0), DECIMAL_SI),
        (dec(10, 0, DECIMAL_SI), dec(1, 0, BINARY_SI), dec(9, 0), DECIMAL_SI),
        (dec(10, 0, BINARY_SI), dec(1, 0, DECIMAL_SI), dec(9, 0), BINARY_SI),
        (dec(0, 0, DECIMAL_SI), dec(50, 0, DECIMAL_SI), dec(-50, 0), DECIMAL_SI),
        (dec(50, 0, DECIMAL_SI), dec(0, 0, DECIMAL_SI), dec(50, 0), DECIMAL_SI),
    ],
)
def test_sub(a: Quantity, b: Quantity, expect: Quantity, fmt: str) -> None:
    got = a - b
    assert got == expect
    assert got.format == fmt


def test_quantity_neg() -> None:
    q = dec(901, -2, DECIMAL_SI)
    assert str(-q) == "-9010m"
    assert str(q) == "9010m"
    neg = -q
    assert -neg == q
    assert str(-dec(10, 0, BINARY_SI)) == "-10"


def test_most_negative_negates_exactly() -> None:
    assert str(-dec(-(1 << 63), 0)) == "9223372036854775808"
    assert str(-dec(-(1 << 63), -3)) == "9223372036854775808m"
    assert str(dec(1, -3) - dec(-(1 << 63), -3)) == "9223372036854775809m"


def test_is_zero_and_sign() -> None:
    assert parse_quantity("0Ki").is_zero()
    assert parse_quantity("-5m").sign() == -1
    assert parse_quantity("5m").sign() == 1
    assert parse_quantity("0").sign() == 0


def test_as_float() -> None:
    assert parse_quantity("1500m").as_float() == 1.5
    assert parse_quantity("1Ki").as_float() == 1024.0
    assert parse_quantity("1e400").as_float() == float("inf")
    assert parse_quantity("-1e400").as_float() == float("-inf")


def test_quantities_are_hashable_by_value() -> None:
    seen = {parse_quantity("1"): "a"}
    assert seen[parse_quantity("1000m")] == "a"
    assert parse_quantity("1Ki") == parse_quantity("1024")
    assert hash(parse_quantity("1Ki")) == hash(parse_quantity("1024"))


def test_quantity_from_text() -> None:
    q = Quantity("1536Mi")
    assert q == parse_quantity("1.5Gi")
    assert q.format == BINARY_SI
    assert str(q) == "1536Mi"
    with pytest.raises(ValueError, match="unable to parse quantity's suffix"):
        Quantity("1mi")
    with pytest.raises(TypeError):
        Quantity(1.5)  # type: ignore[arg-type]


def test_quantity_survives_pickle() -> None:
    q = parse_quantity("1536Mi")
    back = pickle.loads(pickle.dumps(q))
    assert back == q
    assert back.format == q.format
    assert str(back) == "1536Mi"


@pytest.mark.parametrize(
    ("x", "expect"),
    [(1, "1"), (0, "0"), (-3, "-3"), (1.5, "1500m"), (0.1, "100m"), (2.0, "2"), (1e20, "100e18"), (1e-05, "10e-6")],
)
def test_json_numbers_parse(x: float, expect: str) -> None:
    assert str(parse_quantity(x)) == expect
    assert str(Quantity.parse(x)) == expect


@pytest.mark.parametrize("x", [True, None, float("nan"), float("inf"), [1]])
def test_non_quantities_are_rejected(x: object) -> None:
    with pytest.raises(ValueError):
        parse_quantity(x)


@pytest.mark.parametrize(
    ("x", "expect"),
    [('1', "1"), (" 1", "1"), ("1 ", "1"), (10, "10"), (-1, "-1"), (" -1", "-1")],
)
def test_json_whitespace(x: object, expect: str) -> None:
    assert str(unmarshal_json(x)) == expect


def test_json_null_is_no_quantity() -> None:
    assert unmarshal_json(None) is None


@pytest.mark.parametrize(
    ("x", "milli", "whole"),
    [("100m", 100, 1), ("2", 2000, 2), (3, 3000, 3), (0.5, 500, 1), ("1Gi", 1024**3 * 1000, 1024**3),
     (parse_quantity("250m"), 250, 1)],
)
def test_fast_helpers_match_quantity_methods(x: object, milli: int, whole: int) -> None:
    assert milli_value(x) == milli
    assert value(x) == whole


def test_fast_helpers_raise_on_bad_text() -> None:
    with pytest.raises(ValueError, match="unable to parse quantity's suffix"):
        milli_value("1mi")


# -- properties ----------------------------------------------------------------------------

SUFFIXES = ["", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]


@st.composite
def quantity_texts(draw: st.DrawFn) -> str:
    sign = draw(st.sampled_from(["", "-", "+"]))
    whole = draw(st.integers(min_value=0, max_value=10**12))
    frac = draw(st.one_of(st.just(""), st.from_regex(r"\.[0-9]{0,10}", fullmatch=True)))
    suffix = draw(
        st.one_of(
            st.sampled_from(SUFFIXES),
            st.integers(min_value=-30, max_value=30).map(lambda e: f"e{e}"),
        )
    )
    return f"{sign}{whole}{frac}{suffix}"


quantities = quantity_texts().map(parse_quantity)


@given(quantities)
def test_parse_of_string_round_trips(q: Quantity) -> None:
    assert parse_quantity(str(q)) == q


@given(quantities)
def test_string_is_idempotent(q: Quantity) -> None:
    s = str(q)
    assert str(parse_quantity(s)) == s


@given(quantities, quantities)
def test_add_then_sub_gives_back_the_value(a: Quantity, b: Quantity) -> None:
    assert a + b - b == a


@given(quantities, quantities)
def test_cmp_agrees_with_exact_fractions(a: Quantity, b: Quantity) -> None:
    fa, fb = a.as_fraction(), b.as_fraction()
    assert a.cmp(b) == (fa > fb) - (fa < fb)


@given(quantities)
def test_milli_value_is_the_ceiling_away_from_zero(q: Quantity) -> None:
    f = q.as_fraction() * 1000
    expect = -((-abs(f)).__floor__()) * (1 if f >= 0 else -1)
    expect = max(min(expect, MOST_POSITIVE), -(1 << 63))
    assert q.milli_value() == expect
