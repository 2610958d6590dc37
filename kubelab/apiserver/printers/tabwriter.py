"""Elastic tabstops as kubectl aligns its tables: Go's text/tabwriter with remembered widths.

kubectl writes each row as tab-terminated cells; a flush lays out every column block at
the width of its widest cell plus padding, and leaves the last cell of a line unpadded.

Upstream: go/src/text/tabwriter/tabwriter.go as forked in github.com/liggitt/tabwriter
(the RememberWidths flag), configured by
staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go :: GetNewTabWriter
"""

from __future__ import annotations

from dataclasses import dataclass, field

# staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go
TABWRITER_MIN_WIDTH = 6
TABWRITER_WIDTH = 4
TABWRITER_PADDING = 3
TABWRITER_PAD_CHAR = " "

# Flags (text/tabwriter, plus the fork's RememberWidths).
ALIGN_RIGHT = 1 << 2
DISCARD_EMPTY_COLUMNS = 1 << 3
TAB_INDENT = 1 << 4
REMEMBER_WIDTHS = 1 << 6


@dataclass(slots=True)
class _Cell:
    text: str = ""
    width: int = 0  # runes, as Go counts them
    htab: bool = False  # terminated by a tab (not a newline)


@dataclass(slots=True)
class Writer:
    """A tab writer: ``write`` text, then ``flush`` to get it aligned.

    Mirrors: text/tabwriter :: Writer (Write, Flush, format, writeLines, writePadding),
    with github.com/liggitt/tabwriter's RememberWidths and SetRememberedWidths

    Differences: output is returned by ``write``/``flush`` as text instead of going to an
    io.Writer; the Escape, FilterHTML, StripEscape and Debug features are left out.
    """

    minwidth: int = TABWRITER_MIN_WIDTH
    tabwidth: int = TABWRITER_WIDTH
    padding: int = TABWRITER_PADDING
    padchar: str = TABWRITER_PAD_CHAR
    flags: int = REMEMBER_WIDTHS
    _lines: list[list[_Cell]] = field(default_factory=lambda: [[]])
    _cell: list[str] = field(default_factory=list)
    _widths: list[int] = field(default_factory=list)
    _max_widths: list[int] = field(default_factory=list)
    _out: list[str] = field(default_factory=list)

    def set_remembered_widths(self, widths: list[int] | None) -> None:
        """Mirrors: liggitt/tabwriter :: (*Writer).SetRememberedWidths"""
        self._max_widths = list(widths or [])

    def write(self, text: str) -> None:
        """Buffer ``text``; a newline ending a line without tabs flushes what came before.

        Mirrors: text/tabwriter :: (*Writer).Write
        """
        start = 0
        for i, ch in enumerate(text):
            if ch in "\t\v\n\f":
                self._cell.append(text[start:i])
                start = i + 1
                ncells = self._terminate_cell(ch == "\t")
                if ch in "\n\f":
                    self._lines.append([])
                    if ch == "\f" or ncells == 1:
                        # a line of one cell does not shape any column: lay out what we have
                        self._flush_no_defers()
        self._cell.append(text[start:])

    def flush(self) -> str:
        """Lay out everything buffered and return the text written so far.

        Mirrors: text/tabwriter :: (*Writer).Flush
        """
        self._flush_no_defers()
        out = "".join(self._out)
        self._out.clear()
        return out

    def _terminate_cell(self, htab: bool) -> int:
        text = "".join(self._cell)
        self._cell.clear()
        line = self._lines[-1]
        line.append(_Cell(text, len(text), htab))
        return len(line)

    def _flush_no_defers(self) -> None:
        if "".join(self._cell):
            self._terminate_cell(False)
        self._format(0, len(self._lines))
        self._lines = [[]]
        self._widths = []

    def _format(self, line0: int, line1: int) -> None:
        column = len(self._widths)
        this = line0
        while this < line1:
            line = self._lines[this]
            if column >= len(line) - 1:
                this += 1
                continue
            # this line has a cell in this column: lay out the lines before the block
            self._write_lines(line0, this)
            line0 = this
            width = self.minwidth
            discardable = True
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                c = line[column]
                width = max(width, c.width + self.padding)
                if c.width > 0 or c.htab:
                    discardable = False
                this += 1
            if discardable and self.flags & DISCARD_EMPTY_COLUMNS:
                width = 0
            if self.flags & REMEMBER_WIDTHS:
                width = self._remember(width)
            self._widths.append(width)
            self._format(line0, this)
            self._widths.pop()
            line0 = this
        self._write_lines(line0, line1)

    def _remember(self, width: int) -> int:
        """Widths never shrink between flushes: keep the widest seen for this column."""
        if len(self._max_widths) < len(self._widths):
            self._max_widths.extend(self._widths[len(self._max_widths):])
        j = len(self._widths)
        if len(self._max_widths) == j:
            self._max_widths.append(width)
        elif self._max_widths[j] > width:
            width = self._max_widths[j]
        else:
            self._max_widths[j] = width
        return width

    def _write_lines(self, line0: int, line1: int) -> None:
        for i in range(line0, line1):
            line = self._lines[i]
            use_tabs = bool(self.flags & TAB_INDENT)
            for j, c in enumerate(line):
                if not c.text:
                    if j < len(self._widths):
                        self._write_padding(c.width, self._widths[j], use_tabs)
                    continue
                use_tabs = False
                if self.flags & ALIGN_RIGHT:
                    if j < len(self._widths):
                        self._write_padding(c.width, self._widths[j], False)
                    self._out.append(c.text)
                else:
                    self._out.append(c.text)
                    if j < len(self._widths):
                        self._write_padding(c.width, self._widths[j], False)
            if i + 1 < len(self._lines):
                self._out.append("\n")

    def _write_padding(self, textw: int, cellw: int, use_tabs: bool) -> None:
        if self.padchar == "\t" or use_tabs:
            if self.tabwidth == 0:
                return
            cellw = (cellw + self.tabwidth - 1) // self.tabwidth * self.tabwidth
            n = cellw - textw
            self._out.append("\t" * ((n + self.tabwidth - 1) // self.tabwidth))
            return
        self._out.append(self.padchar * (cellw - textw))


def get_new_tab_writer() -> Writer:
    """The writer kubectl prints tables through.

    Mirrors: staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go :: GetNewTabWriter
    """
    return Writer()
