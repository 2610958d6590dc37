"""Label selectors parse, print and match exactly as apimachinery's labels package."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.api import labels as lb
from kubelab.api.labels import (
    Requirement,
    Selector,
    everything,
    format_label_selector,
    format_labels,
    label_selector_as_map,
    label_selector_as_selector,
    lex,
    new_requirement,
    nothing,
    parse_selector,
    selector_from_set,
)

QNAME_MSG = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
    "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)


@pytest.mark.parametrize(
    "text",
    ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5", "x in (in,notin)"],
)
def test_selector_parse_good(text: str) -> None:
    parse_selector(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + VALUE_MSG),
        ("x==a==b", "found '==', expected: ',' or 'end of string'"),
        ("!x=a", "found '=', expected: ',' or 'end of string'"),
        ("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("@", "unable to parse requirement: <nil>: Invalid value: \"@\": " + QNAME_MSG),
        ("x=a b", "found 'b', expected: ',' or 'end of string'"),
        ("x in a", "unable to parse requirement: found 'a' expected: '('"),
        ("x,", "found '', expected: identifier after ','"),
        (",x", "found ',', expected: !, identifier, or 'end of string'"),
        ("x in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"),
        ("!", "unable to parse requirement: found '', expected: identifier"),
        ("x gt 1", "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt"),
        ("x =(", "unable to parse requirement: found '(', expected: identifier"),
    ],
)
def test_selector_parse_bad(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_selector(text)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("text", "tok"),
    [
        ("", lb.END_OF_STRING_TOKEN),
        (",", lb.COMMA_TOKEN),
        ("notin", lb.NOT_IN_TOKEN),
        ("in", lb.IN_TOKEN),
        ("=", lb.EQUALS_TOKEN),
        ("==", lb.DOUBLE_EQUALS_TOKEN),
        (">", lb.GREATER_THAN_TOKEN),
        ("<", lb.LESS_THAN_TOKEN),
        ("!", lb.DOES_NOT_EXIST_TOKEN),
        ("!=", lb.NOT_EQUALS_TOKEN),
        ("(", lb.OPEN_PAR_TOKEN),
        (")", lb.CLOSED_PAR_TOKEN),
        ("~", lb.IDENTIFIER_TOKEN),
        ("||", lb.IDENTIFIER_TOKEN),
    ],
)
def test_lexer(text: str, tok: int) -> None:
    assert lex(text)[0] == (tok, text)


ID, IN, NI, OP, CP, CO = (
    lb.IDENTIFIER_TOKEN, lb.IN_TOKEN, lb.NOT_IN_TOKEN, lb.OPEN_PAR_TOKEN, lb.CLOSED_PAR_TOKEN, lb.COMMA_TOKEN,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("key in ( value )", [ID, IN, OP, ID, CP]),
        ("key notin ( value )", [ID, NI, OP, ID, CP]),
        ("key in ( value1, value2 )", [ID, IN, OP, ID, CO, ID, CP]),
        ("key", [ID]),
        ("!key", [lb.DOES_NOT_EXIST_TOKEN, ID]),
        ("()", [OP, CP]),
        ("x in (),y", [ID, IN, OP, CP, CO, ID]),
        ("== != (), = notin", [lb.DOUBLE_EQUALS_TOKEN, lb.NOT_EQUALS_TOKEN, OP, CP, CO, lb.EQUALS_TOKEN, NI]),
        ("key>2", [ID, lb.GREATER_THAN_TOKEN, ID]),
        ("key<1", [ID, lb.LESS_THAN_TOKEN, ID]),
    ],
)
def test_lexer_sequence(text: str, tokens: list[int]) -> None:
    assert [t for t, _ in lex(text)] == tokens + [lb.END_OF_STRING_TOKEN]


MATCHES = [
    ("", {"x": "y"}, True),
    ("x=y", {"x": "y"}, True),
    ("x=y,z=w", {"x": "y", "z": "w"}, True),
    ("x!=y,z!=w", {"x": "z", "z": "a"}, True),
    ("notin=in", {"notin": "in"}, True),
    ("x", {"x": "z"}, True),
    ("!x", {"y": "z"}, True),
    ("x>1", {"x": "2"}, True),
    ("x<1", {"x": "0"}, True),
    ("x=z", {}, False),
    ("x=y", {"x": "z"}, False),
    ("x=y,z=w", {"x": "w", "z": "w"}, False),
    ("x!=y,z!=w", {"x": "z", "z": "w"}, False),
    ("x", {"y": "z"}, False),
    ("!x", {"x": "z"}, False),
    ("x>1", {"x": "0"}, False),
    ("x<1", {"x": "2"}, False),
    ("x>1", {"x": "abc"}, False),
    ("x>1", {}, False),
    ("foo=bar", {"foo": "bar", "baz": "blah"}, True),
    ("baz=blah", {"foo": "bar", "baz": "blah"}, True),
    ("foo=bar,baz=blah", {"foo": "bar", "baz": "blah"}, True),
    ("foo=blah", {"foo": "bar", "baz": "blah"}, False),
    ("baz=bar", {"foo": "bar", "baz": "blah"}, False),
    ("foo=bar,foobar=bar,baz=blah", {"foo": "bar", "baz": "blah"}, False),
    ("x in (a,b)", {"x": "b"}, True),
    ("x in (a,b)", {"x": "c"}, False),
    ("x notin (a,b)", {}, True),
    ("x notin (a,b)", {"x": "a"}, False),
    ("x in ()", {"x": ""}, True),
    ("x=", {"x": ""}, True),
    ("x=", {}, False),
]


@pytest.mark.parametrize(("text", "labels", "expect"), MATCHES)
def test_selector_matches(text: str, labels: dict[str, str], expect: bool) -> None:
    sel = parse_selector(text)
    assert sel.matches(labels) is expect
    # The slow reference path: every requirement on its own.
    assert all(r.matches(labels) for r in sel.requirements) is expect


def test_selector_matches_missing_labels_as_empty() -> None:
    assert parse_selector("!x").matches(None)
    assert not parse_selector("x").matches(None)
    assert everything().matches(None)


def test_everything_and_nothing() -> None:
    assert everything().matches({"x": "y"})
    assert everything().empty()
    assert str(everything()) == ""
    assert not nothing().matches({})
    assert not nothing().empty()
    assert str(nothing()) == ""
    assert nothing().matches_nothing()
    assert not nothing().selectable
    assert nothing().add(Requirement("a", lb.EXISTS)) is nothing()


@pytest.mark.parametrize(
    ("reqs", "expect"),
    [
        (
            [Requirement("x", lb.IN, ("def", "abc")), Requirement("y", lb.NOT_IN, ("jkl",)), Requirement("z", lb.EXISTS)],
            "x in (abc,def),y notin (jkl),z",
        ),
        (
            [Requirement("x", lb.NOT_IN, ("abc", "def")), Requirement("y", lb.NOT_EQUALS, ("jkl",)),
             Requirement("z", lb.DOES_NOT_EXIST)],
            "x notin (abc,def),y!=jkl,!z",
        ),
        (
            [Requirement("x", lb.NOT_IN, ("abc",)), Requirement("y", lb.IN, ("jkl", "mno")), Requirement("z", lb.NOT_IN, ("",))],
            "x notin (abc),y in (jkl,mno),z notin ()",
        ),
        (
            [Requirement("x", lb.EQUALS, ("abc",)), Requirement("y", lb.DOUBLE_EQUALS, ("jkl",)),
             Requirement("z", lb.NOT_EQUALS, ("a",)), Requirement("z", lb.EXISTS)],
            "x=abc,y==jkl,z!=a,z",
        ),
        (
            [Requirement("x", lb.GREATER_THAN, ("2",)), Requirement("y", lb.LESS_THAN, ("8",)), Requirement("z", lb.EXISTS)],
            "x>2,y<8,z",
        ),
    ],
)
def test_to_string(reqs: list[Requirement], expect: str) -> None:
    assert str(Selector(reqs)) == expect
    assert str(parse_selector(expect)) == expect


def test_string_sorts_requirements_by_key() -> None:
    assert str(parse_selector("z=1,!b,a in (y,x)")) == "a in (x,y),!b,z=1"


def test_add_keeps_requirements_sorted() -> None:
    sel = parse_selector("b=1").add(new_requirement("a", lb.EXISTS, []))
    assert str(sel) == "a,b=1"


@pytest.mark.parametrize(
    ("key", "op", "vals", "message"),
    [
        ("x1", lb.IN, None, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
        ("x2", lb.NOT_IN, [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"),
        ("x5", lb.EQUALS, ["foo", "bar"], 'values: Invalid value: []string{"foo", "bar"}: exact-match compatibility requires one single value'),
        ("x6", lb.EXISTS, ["foo"], 'values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist'),
        ("x9", lb.GREATER_THAN, ["bar"], "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("y", "what", ["a"], 'operator: Unsupported value: "what": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"'),
        ("a/b/c", lb.EXISTS, [], "key: Invalid value: \"a/b/c\": a qualified name must consist of"),
    ],
)
def test_requirement_constructor_errors(key: str, op: str, vals: list[str] | None, message: str) -> None:
    with pytest.raises(ValueError) as err:
        new_requirement(key, op, vals)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(
    ("key", "op", "vals"),
    [("x3", lb.IN, ["foo"]), ("x4", lb.NOT_IN, ["foo"]), ("x7", lb.DOES_NOT_EXIST, []), ("x8", lb.EXISTS, []),
     ("x10", lb.GREATER_THAN, ["1"]), ("x11", lb.LESS_THAN, ["1"]), ("example.com/x", lb.EQUALS, [""])],
)
def test_requirement_constructor_accepts(key: str, op: str, vals: list[str]) -> None:
    assert new_requirement(key, op, vals).key == key


def test_requires_exact_match() -> None:
    sel = parse_selector("a=1,b in (2),c in (3,4),d!=5")
    assert sel.requires_exact_match("a") == ("1", True)
    assert sel.requires_exact_match("b") == ("2", True)
    assert sel.requires_exact_match("c") == ("", False)
    assert sel.requires_exact_match("d") == ("", False)
    assert sel.requires_exact_match("e") == ("", False)


def test_selector_from_set() -> None:
    assert str(selector_from_set({"b": "2", "a": "1"})) == "a=1,b=2"
    assert selector_from_set(None) is everything()
    assert selector_from_set({"a": "1"}).matches({"a": "1", "x": "y"})


MATCH_LABELS = {"foo": "bar"}
MATCH_EXPRESSIONS = [{"key": "baz", "operator": "In", "values": ["qux", "norf"]}]


@pytest.mark.parametrize(
    ("ps", "expect"),
    [
        ({"matchLabels": MATCH_LABELS}, "foo=bar"),
        ({"matchExpressions": MATCH_EXPRESSIONS}, "baz in (norf,qux)"),
        ({"matchLabels": MATCH_LABELS, "matchExpressions": MATCH_EXPRESSIONS}, "baz in (norf,qux),foo=bar"),
    ],
)
def test_label_selector_as_selector(ps: dict, expect: str) -> None:
    sel = label_selector_as_selector(ps)
    assert str(sel) == expect
    assert str(sel) == str(parse_selector(expect))


def test_label_selector_as_selector_nil_and_empty() -> None:
    assert label_selector_as_selector(None) is nothing()
    assert label_selector_as_selector({}) is everything()
    assert label_selector_as_selector({"matchLabels": {}, "matchExpressions": []}) is everything()


@pytest.mark.parametrize(
    ("ps", "message"),
    [
        (
            {"matchExpressions": [{"key": "baz", "operator": "Exists", "values": ["qux", "norf"]}]},
            'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
        ),
        ({"matchExpressions": [{"key": "baz", "operator": "Foo"}]}, '"Foo" is not a valid label selector operator'),
        (
            {"matchExpressions": [{"key": "baz", "operator": "In"}]},
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
        ),
    ],
)
def test_label_selector_as_selector_errors(ps: dict, message: str) -> None:
    with pytest.raises(ValueError) as err:
        label_selector_as_selector(ps)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("ps", "expect"),
    [
        (None, "<none>"),
        ({}, "<none>"),
        ({"matchLabels": {"app": "web", "tier": "fe"}}, "app=web,tier=fe"),
        ({"matchExpressions": [{"key": "env", "operator": "NotIn", "values": ["prod"]},
                               {"key": "canary", "operator": "DoesNotExist"}]}, "!canary,env notin (prod)"),
        ({"matchExpressions": [{"key": "a", "operator": "Bogus"}]}, "<error>"),
    ],
)
def test_format_label_selector(ps: dict | None, expect: str) -> None:
    assert format_label_selector(ps) == expect


def test_label_selector_as_map() -> None:
    assert label_selector_as_map(None) is None
    ps = {"matchLabels": {"a": "1"}, "matchExpressions": [{"key": "b", "operator": "In", "values": ["2"]}]}
    assert label_selector_as_map(ps) == {"a": "1", "b": "2"}
    with pytest.raises(ValueError, match='operator "NotIn" cannot be converted into a map'):
        label_selector_as_map({"matchExpressions": [{"key": "b", "operator": "NotIn", "values": ["2"]}]})


def test_format_labels() -> None:
    assert format_labels({}) == "<none>"
    assert format_labels({"b": "2", "a": "1"}) == "a=1,b=2"


def test_convert_selector_to_labels_map() -> None:
    assert lb.convert_selector_to_labels_map("a=1, b = 2") == {"a": "1", "b": "2"}
    with pytest.raises(ValueError, match=r"invalid selector: \[a\]"):
        lb.convert_selector_to_labels_map("a")


# -- properties ----------------------------------------------------------------------------

names = st.from_regex(r"[a-z]([a-z0-9.-]{0,6}[a-z0-9])?", fullmatch=True)
label_maps = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["1", "2", "x", ""]), max_size=4)


@st.composite
def requirements(draw: st.DrawFn) -> Requirement:
    key = draw(st.sampled_from(["a", "b", "c", "d"]))
    op = draw(st.sampled_from(list(lb.VALID_REQUIREMENT_OPERATORS)))
    if op in (lb.EXISTS, lb.DOES_NOT_EXIST):
        vals: list[str] = []
    elif op in (lb.GREATER_THAN, lb.LESS_THAN):
        vals = [str(draw(st.integers(0, 5)))]
    elif op in (lb.IN, lb.NOT_IN):
        vals = sorted(set(draw(st.lists(st.sampled_from(["1", "2", "x", ""]), min_size=1, max_size=3))))
    else:
        vals = [draw(st.sampled_from(["1", "2", "x", ""]))]
    return new_requirement(key, op, vals)


@given(st.lists(requirements(), max_size=4))
def test_string_round_trips_through_parse(reqs: list[Requirement]) -> None:
    sel = Selector(reqs)
    again = parse_selector(str(sel))
    assert str(again) == str(sel)


@given(st.lists(requirements(), max_size=4), label_maps)
def test_compiled_matcher_agrees_with_requirements(reqs: list[Requirement], labels: dict[str, str]) -> None:
    sel = Selector(reqs)
    assert sel.matches(labels) == all(r.matches(labels) for r in reqs)


@given(label_maps, label_maps)
def test_selector_from_set_matches_supersets(want: dict[str, str], extra: dict[str, str]) -> None:
    merged = {**extra, **want}
    assert selector_from_set(want).matches(merged)
