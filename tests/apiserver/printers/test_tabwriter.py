"""Go's text/tabwriter semantics, as kubectl configures it (minwidth 6, padding 3, remembered widths)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kubelab.apiserver.printers.tabwriter import REMEMBER_WIDTHS, Writer, get_new_tab_writer


def fmt(text, **kw):
    w = Writer(**kw)
    w.write(text)
    return w.flush()


# text/tabwriter's own table cases (name, minwidth, tabwidth, padding, padchar, flags, input, output)
@pytest.mark.parametrize(("minwidth", "tabwidth", "padding", "padchar", "text", "want"), [
    (8, 0, 1, ".", "\n\n\n", "\n\n\n"),
    (8, 0, 1, ".", "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
     "a.......b.......c\naa......bbb.....cccc\naaa.....bbbb\n"),
    (0, 0, 1, ".", "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1..2...3....4\n11.222.3333.44444\n"),
], ids=["2", "7a", "column widths are the widest cell plus padding"])
def test_go_tabwriter_cases(minwidth, tabwidth, padding, padchar, text, want):
    assert fmt(text, minwidth=minwidth, tabwidth=tabwidth, padding=padding, padchar=padchar, flags=0) == want


def test_kubectl_writer_pads_to_six_and_leaves_the_last_cell_alone():
    w = get_new_tab_writer()
    w.write("NAME\tREADY\tAGE\nweb\t1/1\t5m\nkube-root-ca.crt\t1\t10d\n")
    assert w.flush() == ("NAME               READY   AGE\n"
                         "web                1/1     5m\n"
                         "kube-root-ca.crt   1       10d\n")


def test_narrow_columns_take_the_minimum_width():
    assert fmt("x\t1\t2\n") == "x     1     2\n"


def test_empty_cells_are_padded_like_others():
    assert fmt("a\t\tc\nbb\t\td\n") == "a           c\nbb          d\n"


def test_a_line_with_fewer_cells_ends_the_column_block():
    assert fmt("a\tb\nlong text\nccccccc\td\n") == "a     b\nlong text\nccccccc   d\n"


def test_width_counts_runes_not_bytes():
    assert fmt("é\tx\nab\ty\n") == "é     x\nab    y\n"


def test_text_after_the_last_newline_is_flushed_unpadded():
    assert fmt("a\tb\nc\td") == "a     b\nc     d"


def test_remembered_widths_never_shrink_between_flushes():
    w = Writer()
    w.write("NAME\tAGE\nweb\t5m\n")
    assert w.flush() == "NAME   AGE\nweb    5m\n"
    w.write("a-very-long-name\t1s\n")
    assert w.flush() == "a-very-long-name   1s\n"
    w.write("x\t2s\n")
    assert w.flush() == "x                  2s\n"
    w.set_remembered_widths(None)
    w.write("x\t2s\n")
    assert w.flush() == "x     2s\n"


def test_without_remember_widths_each_flush_stands_alone():
    w = Writer(flags=0)
    w.write("a-very-long-name\t1s\n")
    w.flush()
    w.write("x\t2s\n")
    assert w.flush() == "x     2s\n"
    assert REMEMBER_WIDTHS & Writer().flags


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)


@given(st.integers(min_value=2, max_value=5).flatmap(
    lambda n: st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=1, max_size=6)))
def test_every_column_starts_at_the_same_place_on_every_line(rows):
    w = get_new_tab_writer()
    w.write("".join("\t".join(r) + "\n" for r in rows))
    lines = w.flush().split("\n")[:-1]
    ncols = len(rows[0])
    start = 0
    for col in range(ncols - 1):
        width = max(6, max(len(r[col]) for r in rows) + 3)
        for line, r in zip(lines, rows):
            assert line[start:start + width] == r[col].ljust(width)
        start += width
    for line, r in zip(lines, rows):
        assert line[start:] == r[-1]
