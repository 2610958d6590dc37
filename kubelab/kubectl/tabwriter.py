"""Elastic tabstops: column alignment of tab-separated cells, as Go's text/tabwriter does it.

Upstream: go/src/text/tabwriter/tabwriter.go (used through
staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go and describe.go :: tabbedString)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class _Cell:
    text: str
    width: int  # runes, as Go counts them


def _split(text: str) -> list[list[_Cell]]:
    lines: list[list[_Cell]] = []
    for raw in text.split("\n"):
        lines.append([_Cell(c, len(c)) for c in raw.split("\t")])
    return lines


def format_text(text: str, minwidth: int, tabwidth: int, padding: int, padchar: str = " ") -> str:
    """Align ``text`` the way a flushed Go tabwriter does (no flags, padchar other than a tab).

    Mirrors: text/tabwriter :: (*Writer).format, (*Writer).writeLines

    Differences: the whole text is formatted at once; a Go writer flushes at every line
    without tabs, which never changes the result because such a line ends every column block.
    """
    del tabwidth  # only used when padding with tabs
    lines = _split(text)
    out: list[str] = []
    widths: list[int] = []

    def write_lines(line0: int, line1: int) -> None:
        for i in range(line0, line1):
            line = lines[i]
            for j, c in enumerate(line):
                out.append(c.text)
                if j < len(widths):
                    out.append(padchar * (widths[j] - c.width))
            if i + 1 != len(lines):
                out.append("\n")

    def fmt(line0: int, line1: int) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            line = lines[this]
            if column >= len(line) - 1:
                this += 1
                continue
            write_lines(line0, this)
            line0 = this
            width = minwidth
            while this < line1:
                line = lines[this]
                if column >= len(line) - 1:
                    break
                w = line[column].width + padding
                if w > width:
                    width = w
                this += 1
            widths.append(width)
            fmt(line0, this)
            widths.pop()
            line0 = this
        write_lines(line0, line1)

    fmt(0, len(lines))
    return "".join(out)


def tabbed(text: str) -> str:
    """describe.go's tabwriter: ``tabwriter.NewWriter(buf, 0, 8, 2, ' ', 0)``."""
    return format_text(text, 0, 8, 2)


def table(text: str) -> str:
    """cli-runtime's printer tabwriter: minwidth 6, tabwidth 4, padding 3."""
    return format_text(text, 6, 4, 3)
