"""Name, label, port and address checks give upstream's verdicts and messages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api.field import Path
from kubelab.api.validation import generic as v

DNS1123_LABEL_GOOD = ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a" * 63]
DNS1123_LABEL_BAD = [
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
    "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "a" * 64, "a\n",
]
DNS1123_SUBDOMAIN_GOOD = [
    "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a.a", "ab.a",
    "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1", "0.a",
    "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2", "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
    "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", "a" * 253,
]
DNS1123_SUBDOMAIN_BAD = [
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
    "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a",
    "ab.A", "A1.a", "a1.A", "A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E",
    "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a_b", "a;b", "a:b", "a%b", "a?b", "a$b",
    "a" * 254,
]
DNS1035_LABEL_GOOD = ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "a" * 63]
DNS1035_LABEL_BAD = [
    "0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-",
    "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a",
    "a b", "1 ", " 1", "1 2", "a" * 64,
]
C_IDENTIFIER_GOOD = [
    "a", "ab", "abc", "a1", "_a", "a_", "a_b", "a_1", "a__1__2__b", "__abc_123", "A", "AB", "AbC", "A1", "_A",
    "A_", "A_B", "A_1", "A__1__2__B", "__123_ABC",
]
C_IDENTIFIER_BAD = [
    "", "1", "123", "1a", "-", "a-", "-a", "1-", "-1", "1_", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ",
    "a ", " a", "a b", "1 ", " 1", "1 2", "#a#",
]
QUALIFIED_NAME_GOOD = [
    "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
    "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple",
    "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
    "requests.storage-foo", "a" * 63, "a" * 253 + "/" + "b" * 63,
]
QUALIFIED_NAME_BAD = [
    "nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
    "example_com/abc", "example.com/", "/simple", "a" * 64, "a" * 254 + "/abc",
]
LABEL_VALUE_GOOD = ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a" * 63, ""]
LABEL_VALUE_BAD = [
    "nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
    "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a" * 64,
]
PERCENT_GOOD = ["0%", "00000%", "1%", "01%", "99%", "100%", "101%"]
PERCENT_BAD = ["", "0", "100", "0.0%", "99.9%", "hundred", " 1%", "1% ", "-0%", "-1%", "+1%"]
PORT_NAME_GOOD = ["telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"]
PORT_NAME_BAD = ["longerthan15characters", "", "a" * 16, "12345", "1-2-3-4", "-begin", "end-", "two--hyphens", "whois++"]
CONFIG_MAP_KEY_GOOD = ["a", "abc", "a-b", "a_b", "a.b", "a-b.c_d", ".a", "a.", "a..b", "A", "a" * 253]
CONFIG_MAP_KEY_BAD = ["", ".", "..", "..bad", "b*d", "bad!&bad", "a" * 254]
ENV_VAR_GOOD = ["A", "AB", "AbC", "A1", "a", "ab", "aBc", "a1", "_a", "_1", "__", "a-b", "a.b", "A_B", "A.1", "-a"]
ENV_VAR_BAD = ["", "1", "123", "1a", "..", ".", "..bad", "a b", "*", "=", "a=b"]
HTTP_HEADER_GOOD = ["a", "A", "-", "X-Header", "x-header-name", "X-Header-Name-1"]
HTTP_HEADER_BAD = ["", "_", "X_Header", " X", "X ", "X:", "X-Header:"]
WILDCARD_GOOD = ["*.example.com", "*.bar.com", "*.foo.bar.com"]
WILDCARD_BAD = ["*.*.bar.com", "*.foo.*.com", "*bar.com", "f*.bar.com", "*", "example.com"]

CASES: list[tuple[str, Callable[[str], list[str]], list[str], list[str]]] = [
    ("dns1123_label", v.is_dns1123_label, DNS1123_LABEL_GOOD, DNS1123_LABEL_BAD),
    ("dns1123_subdomain", v.is_dns1123_subdomain, DNS1123_SUBDOMAIN_GOOD, DNS1123_SUBDOMAIN_BAD),
    ("dns1035_label", v.is_dns1035_label, DNS1035_LABEL_GOOD, DNS1035_LABEL_BAD),
    ("c_identifier", v.is_c_identifier, C_IDENTIFIER_GOOD, C_IDENTIFIER_BAD),
    ("qualified_name", v.is_qualified_name, QUALIFIED_NAME_GOOD, QUALIFIED_NAME_BAD),
    ("label_value", v.is_valid_label_value, LABEL_VALUE_GOOD, LABEL_VALUE_BAD),
    ("percent", v.is_valid_percent, PERCENT_GOOD, PERCENT_BAD),
    ("port_name", v.is_valid_port_name, PORT_NAME_GOOD, PORT_NAME_BAD),
    ("config_map_key", v.is_config_map_key, CONFIG_MAP_KEY_GOOD, CONFIG_MAP_KEY_BAD),
    ("env_var_name", v.is_env_var_name, ENV_VAR_GOOD, ENV_VAR_BAD),
    ("http_header_name", v.is_http_header_name, HTTP_HEADER_GOOD, HTTP_HEADER_BAD),
    ("wildcard_dns1123_subdomain", v.is_wildcard_dns1123_subdomain, WILDCARD_GOOD, WILDCARD_BAD),
]


@pytest.mark.parametrize(
    ("check", "value"),
    [(fn, g) for _, fn, good, _ in CASES for g in good],
    ids=[f"{name}:{g[:20]!r}" for name, _, good, _ in CASES for g in good],
)
def test_good_values_pass(check: Callable[[str], list[str]], value: str) -> None:
    assert check(value) == []


@pytest.mark.parametrize(
    ("check", "value"),
    [(fn, b) for _, fn, _, bad in CASES for b in bad],
    ids=[f"{name}:{b[:20]!r}" for name, _, _, bad in CASES for b in bad],
)
def test_bad_values_fail(check: Callable[[str], list[str]], value: str) -> None:
    assert check(value) != []


@pytest.mark.parametrize(
    ("check", "value", "messages"),
    [
        (v.is_dns1123_label, "My_Name", [
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
            "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
            "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]),
        (v.is_dns1123_label, "a.b", ["must not contain dots"]),
        (v.is_dns1123_label, "a" * 64, ["must be no more than 63 characters"]),
        (v.is_dns1123_subdomain, "Foo", [
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
            "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
            "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
        (v.is_dns1035_label, "1abc", [
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
            "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
            "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]),
        (v.is_qualified_name, "a/b/c", [
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
            "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix "
            "and '/' (e.g. 'example.com/MyName')"]),
        (v.is_qualified_name, "/x", ["prefix part must be non-empty"]),
        (v.is_qualified_name, "x/", [
            "name part must be non-empty",
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
            "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
        (v.is_qualified_name, "Ex.com/a", [
            "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
            "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
        (v.is_valid_label_value, "-x", [
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
            "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
            "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        (v.is_c_identifier, "1a", [
            "a valid C identifier must start with alphabetic character or '_', followed by a string of "
            "alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for "
            "validation is '[A-Za-z_][A-Za-z0-9_]*')"]),
        (v.is_valid_percent, "5", [
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
            "'93%', regex used for validation is '[0-9]+%')"]),
        (v.is_valid_port_name, "-A--", [
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "must contain at least one letter (a-z)",
            "must not contain consecutive hyphens",
            "must not begin or end with a hyphen"]),
        (v.is_config_map_key, "..a", ["must not start with '..'"]),
        (v.is_config_map_key, ".", ["must not be '.'"]),
        (v.is_env_var_name, "1a", [
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or "
            "'.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', "
            "regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"]),
        (v.is_http_header_name, "X_Y", [
            "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', "
            "regex used for validation is '[-A-Za-z0-9]+')"]),
        (v.is_wildcard_dns1123_subdomain, "*", [
            "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which "
            "must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric "
            "character (e.g. '*.example.com', regex used for validation is "
            "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
    ],
)
def test_messages_are_upstreams(check: Callable[[str], list[str]], value: str, messages: list[str]) -> None:
    assert check(value) == messages


@pytest.mark.parametrize(("port", "ok"), [(1, True), (1000, True), (8080, True), (65535, True),
                                          (0, False), (-1, False), (65536, False), (100000, False)])
def test_is_valid_port_num(port: int, ok: bool) -> None:
    assert v.is_valid_port_num(port) == ([] if ok else ["must be between 1 and 65535, inclusive"])


def test_user_and_group_ids() -> None:
    assert v.is_valid_user_id(0) == []
    assert v.is_valid_group_id(4294967295) == []
    assert v.is_valid_user_id(-1) == ["must be between 0 and 4294967295, inclusive"]


@pytest.mark.parametrize(
    "ip", ["1.1.1.1", "1.1.1.01", "255.0.0.1", "1.0.0.0", "0.0.0.0", "::", "2000::", "2001:db8::1", "::ffff:1.1.1.1"]
)
def test_valid_ips(ip: str) -> None:
    assert v.is_valid_ip(ip) == []
    assert v.is_valid_ip(Path("spec", "clusterIP"), ip) == []


@pytest.mark.parametrize("ip", ["", "1.2.3.4.5", "1.2.3", "1.2.3.256", "1.2.3.4/16", "2001:db8:::1", "not an ip", "fe80::1%eth0"])
def test_invalid_ips(ip: str) -> None:
    assert v.is_valid_ip(ip) == ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]
    errs = v.is_valid_ip(Path("spec", "clusterIP"), ip)
    assert [str(e) for e in errs] == [
        f'spec.clusterIP: Invalid value: "{ip}": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'
    ]


def test_ipv4_and_ipv6_addresses() -> None:
    assert v.is_valid_ipv4_address(Path("x"), "10.0.0.1") == []
    assert [e.detail for e in v.is_valid_ipv4_address(Path("x"), "::1")] == ["must be a valid IPv4 address"]
    assert v.is_valid_ipv6_address(Path("x"), "::1") == []
    assert [e.detail for e in v.is_valid_ipv6_address(Path("x"), "10.0.0.1")] == ["must be a valid IPv6 address"]


@pytest.mark.parametrize(("cidr", "ok"), [
    ("10.0.0.0/8", True), ("10.1.2.3/8", True), ("010.0.0.0/8", True), ("2001:db8::/64", True), ("::/0", True),
    ("10.0.0.0", False), ("10.0.0.0/33", False), ("2001:db8::/129", False), ("10.0.0.0/", False), ("x/8", False),
])
def test_is_valid_cidr(cidr: str, ok: bool) -> None:
    assert v.is_valid_cidr(cidr) == ([] if ok else ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"])


@pytest.mark.parametrize(("path", "ok"), [
    ("a.com/b", True), ("a/b", True), ("a.b.com/b/c/d", True), ("a.com/b%2Fc/d", True),
    ("a", False), ("a/", False), ("/b", False), ("A.com/b", False), ("a.com/b[", False),
])
def test_is_domain_prefixed_path(path: str, ok: bool) -> None:
    assert (v.is_domain_prefixed_path(path) == []) is ok
    assert (v.is_domain_prefixed_path(Path("spec"), path) == []) is ok


def test_domain_prefixed_path_messages() -> None:
    assert [str(e) for e in v.is_domain_prefixed_path(Path("p"), "")] == ["p: Required value"]
    assert v.is_domain_prefixed_path("nohost") == ['must be a domain-prefixed path (such as "acme.io/foo")']
    assert v.is_domain_prefixed_path("a.com/b[") == [
        "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"
    ]


def test_fully_qualified_names() -> None:
    p = Path("spec", "group")
    assert v.is_fully_qualified_name(p, "a.b.c") == []
    assert [str(e) for e in v.is_fully_qualified_name(p, "a.b")] == [
        'spec.group: Invalid value: "a.b": should be a domain with at least three segments separated by dots'
    ]
    assert v.is_fully_qualified_domain_name(p, "a.b.") == []
    assert [e.detail for e in v.is_fully_qualified_domain_name(p, "a")] == [
        "should be a domain with at least two segments separated by dots"
    ]
    assert v.is_domain_prefixed_key(p, "example.com/x") == []
    assert [e.detail for e in v.is_domain_prefixed_key(p, "x")] == ['must be a domain-prefixed key (such as "acme.io/foo")']


def test_relaxed_env_var_name() -> None:
    assert v.is_relaxed_env_var_name("1 weird-but.ok") == []
    assert v.is_relaxed_env_var_name("") == ["environment variable name must be non-empty"]
    assert v.is_relaxed_env_var_name("a=b") == [
        "a valid environment variable name must consist only of printable ASCII characters other than '='"
    ]


def test_lengths_count_bytes_like_go() -> None:
    # 32 two-byte characters are 64 bytes: too long, and not a valid label value either.
    assert v.is_valid_label_value("é" * 32)[0] == "must be no more than 63 characters"


# -- metav1 validation ----------------------------------------------------------------------


def test_validate_labels() -> None:
    errs = v.validate_labels({"good": "ok", "bad key": "-bad"}, Path("metadata", "labels"))
    assert [(e.field, e.bad_value) for e in errs] == [("metadata.labels", "bad key"), ("metadata.labels", "-bad")]
    assert str(errs[0]).startswith('metadata.labels: Invalid value: "bad key": name part must consist of')
    assert v.validate_labels(None, "metadata.labels") == []


def test_validate_label_name() -> None:
    errs = v.validate_label_name("", Path("key"))
    assert [e.detail for e in errs] == [
        "name part must be non-empty",
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]


@pytest.mark.parametrize(
    ("selector", "messages"),
    [
        ({"matchLabels": {"app": "web"}}, []),
        ({"matchExpressions": [{"key": "a", "operator": "In", "values": ["x"]}]}, []),
        (
            {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]},
            ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
        ),
        (
            {"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]},
            ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
        ),
        (
            {"matchExpressions": [{"key": "a", "operator": "Equals", "values": ["x"]}]},
            ['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
        ),
        (
            {"matchExpressions": [{"key": "a", "operator": "In", "values": ["-x"]}]},
            ['spec.selector.matchExpressions[0].values[0]: Invalid value: "-x": a valid label must be an empty string '
             "or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
             "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
             "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
        ),
    ],
)
def test_validate_label_selector(selector: dict, messages: list[str]) -> None:
    errs = v.validate_label_selector(selector, v.LabelSelectorValidationOptions(), Path("spec", "selector"))
    assert [str(e) for e in errs] == messages


def test_validate_label_selector_options() -> None:
    sel = {"matchExpressions": [{"key": "a", "operator": "Bogus", "values": ["-x"]}]}
    opts = v.LabelSelectorValidationOptions(
        allow_invalid_label_value_in_selector=True, allow_unknown_operator_in_requirement=True
    )
    assert v.validate_label_selector(sel, opts, Path("s")) == []
    assert v.validate_label_selector(None, None, Path("s")) == []
    assert v.label_selector_has_invalid_label_value(sel) is True
    assert v.label_selector_has_invalid_label_value({"matchLabels": {"a": "b"}}) is False


def test_match_label_key_errors_use_the_match_labels_path() -> None:
    errs = v.validate_label_selector({"matchLabels": {"a/b/c": "x"}}, None, Path("spec", "selector"))
    assert [e.field for e in errs] == ["spec.selector.matchLabels"]


# -- properties ----------------------------------------------------------------------------


@given(st.from_regex(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True))
def test_every_regex_label_is_a_dns1123_label_and_subdomain(s: str) -> None:
    assert v.is_dns1123_label(s) == []
    assert v.is_dns1123_subdomain(s) == []


@given(st.text(max_size=70))
def test_label_values_valid_iff_regex_and_length(s: str) -> None:
    import re

    ok = len(s.encode()) <= 63 and re.fullmatch(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", s, re.ASCII) is not None
    assert (v.is_valid_label_value(s) == []) is ok
