import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.kubectl import tabwriter

CASES = [
    # (name, minwidth, tabwidth, padding, padchar, text, want): cases from go/src/text/tabwriter/tabwriter_test.go
    ("1a", 8, 0, 1, ".", "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
     "a.......b.......c\naa......bbb.....cccc\naaa.....bbbb\n"),
    ("1b", 8, 0, 1, ".", "aaaa\tbbbb\n", "aaaa....bbbb\n"),
    ("trailing text without newline is kept", 0, 8, 2, " ", "a\tb\ncc\td", "a   b\ncc  d"),
    ("a line without tabs ends the column block", 0, 8, 2, " ",
     "Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web\n",
     "Name:  web\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n"),
    ("empty cells are padded too", 0, 8, 2, " ", "a\t\tb\naaa\t\tc\n", "a      b\naaa    c\n"),
]


@pytest.mark.parametrize("name,minwidth,tabwidth,padding,padchar,text,want", CASES, ids=[c[0] for c in CASES])
def test_format_matches_go_tabwriter(name, minwidth, tabwidth, padding, padchar, text, want):
    assert tabwriter.format_text(text, minwidth, tabwidth, padding, padchar) == want


def test_kubectl_table_writer_uses_minwidth_6_and_padding_3():
    assert tabwriter.table("NAME\tAGE\na\t5m\n") == "NAME   AGE\na      5m\n"


def test_describe_writer_uses_padding_2():
    assert tabwriter.tabbed("Name:\tweb\nNamespace:\tdefault\n") == "Name:       web\nNamespace:  default\n"


@given(st.lists(st.lists(st.text(alphabet="abcdef ", max_size=6), min_size=2, max_size=4), min_size=1, max_size=6))
def test_cells_of_a_uniform_table_start_at_the_same_column(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = tabwriter.format_text("".join("\t".join(r) + "\t\n" for r in rows), 0, 8, 2)
    lines = out.split("\n")[:-1]
    # every column boundary is at the same offset on every line
    offsets = []
    for r in rows:
        pos, line_offsets = 0, []
        for j in range(len(r)):
            line_offsets.append(pos)
            pos += max(len(x[j]) for x in rows) + 2
        offsets.append(line_offsets)
    assert all(o == offsets[0] for o in offsets)
    for line, r, o in zip(lines, rows, offsets):
        for cell, start in zip(r, o):
            assert line[start:start + len(cell)] == cell
