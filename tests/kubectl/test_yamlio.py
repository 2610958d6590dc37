import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.kubectl import yamlio


@pytest.mark.parametrize("text,value", [
    ("1", 1), ("0x1F", 31), ("017", 15), ("1_000", 1000), ("1e3", 1000.0), (".5", 0.5), ("-1.5", -1.5),
    ("yes", True), ("y", True), ("off", False), ("null", None), ("~", None), ("", None),
    ("2025-01-01", "2025-01-01"), ("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), ("1:20", "1:20"),
    ("nginx", "nginx"), ("v1.2", "v1.2"), (".inf", float("inf")),
])
def test_plain_scalars_resolve_as_go_yaml_v2(text, value):
    assert yamlio.go_resolve(text) == value


@pytest.mark.parametrize("s,quoted", [
    ("", True), ("yes", True), ("n", True), ("123", True), ("1.5", True), ("2025-01-01T00:00:00Z", True),
    ("1:20", True), ("null", True), ("nginx", False), ("10.96.0.1", False), ("v1", False), ("100m", False),
])
def test_strings_that_read_back_as_other_types_are_quoted(s, quoted):
    assert yamlio.resolves_to_non_string(s) is quoted


def test_yaml_output_sorts_keys_and_quotes_like_kubectl():
    obj = {"kind": "List", "apiVersion": "v1", "metadata": {"resourceVersion": ""}, "items": []}
    assert yamlio.to_yaml(obj) == 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n'


def test_multiline_strings_use_literal_blocks():
    out = yamlio.to_yaml({"a": {"k": '{"x":1}\n'}})
    assert out == 'a:\n  k: |\n    {"x":1}\n'


def test_long_strings_fold_at_80_columns():
    out = yamlio.to_yaml({"message": "word " * 20 + "end"})
    assert out.splitlines()[0] == "message: word word word word word word word word word word word word word word word"
    assert out.splitlines()[1].startswith("  word")


@pytest.mark.parametrize("keys,ordered", [
    (["b", "a", "C"], ["C", "a", "b"]),
    (["item10", "item9", "item1"], ["item1", "item9", "item10"]),
    (["a_b", "aB"], ["a_b", "aB"]),
])
def test_map_keys_sort_in_go_yaml_order(keys, ordered):
    out = yamlio.to_yaml({k: 1 for k in keys})
    assert [line.split(":")[0] for line in out.splitlines()] == ordered


def test_json_output_escapes_html_and_indents_four_spaces():
    assert yamlio.to_json({"b": "<none>", "a": [1, 2.5], "c": {}}) == (
        '{\n    "a": [\n        1,\n        2.5\n    ],\n    "b": "\\u003cnone\\u003e",\n    "c": {}\n}\n'
    )


@pytest.mark.parametrize("f,text", [(0.5, "0.5"), (1e-7, "1e-7"), (1.5e-05, "0.000015"), (1234567.5, "1234567.5")])
def test_json_floats_use_go_notation(f, text):
    assert yamlio.to_json_compact(f) == text


@pytest.mark.parametrize("doc,message", [
    ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: a: b\n",
     "yaml: line 5: mapping values are not allowed in this context"),
    ("a: b\n\tc: d\n", "yaml: line 2: found character that cannot start any token"),
    ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: y\n", "yaml: line 4: did not find expected key"),
    ('a: "abc\nb: c\n', "yaml: line 3: found unexpected end of stream"),
])
def test_broken_yaml_errors_use_go_yaml_wording(doc, message):
    objs, err = yamlio.load_documents(doc, "STDIN")
    assert objs == []
    assert str(err) == f"error parsing STDIN: error converting YAML to JSON: {message}"


def test_stream_keeps_documents_before_a_broken_one_and_skips_empty_ones():
    objs, err = yamlio.load_documents("a: 1\n---\n# only a comment\n---\nb: 2\n---\nc: [\n", "f.yaml")
    assert objs == [{"a": 1}, {"b": 2}]
    assert str(err).startswith("error parsing f.yaml: error converting YAML to JSON: yaml: line ")


_scalars = (st.text(alphabet="aynYN01.:-_ #x~eE+\n'\"", max_size=8) | st.integers(-10**6, 10**6)
            | st.booleans() | st.none())
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(alphabet="abnyY.-_/0", min_size=1, max_size=6), inner,
                                         max_size=3), max_leaves=10)


@given(st.dictionaries(st.text(alphabet="abnyY.-_/0", min_size=1, max_size=6), _values, min_size=1, max_size=4))
def test_printed_yaml_reads_back_as_the_same_object(obj):
    objs, err = yamlio.load_documents(yamlio.to_yaml(obj), "STDIN")
    assert err is None and objs == [obj]
