"""kubectl's two tab writer configurations, over the printers' Go text/tabwriter.

The elastic-tabstop algorithm itself lives once, in ``kubelab.apiserver.printers.tabwriter``;
this module only names the settings kubectl's text output uses.

Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go :: tabbedString and
staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go :: GetNewTabWriter
"""

from __future__ import annotations

from kubelab.apiserver.printers.tabwriter import Writer, get_new_tab_writer


def format_text(text: str, minwidth: int, tabwidth: int, padding: int, padchar: str = " ") -> str:
    """``text`` written to a Go tabwriter without flags, then flushed.

    Mirrors: text/tabwriter :: NewWriter(out, minwidth, tabwidth, padding, padchar, 0), Write, Flush
    """
    w = Writer(minwidth, tabwidth, padding, padchar, flags=0)
    w.write(text)
    return w.flush()


def tabbed(text: str) -> str:
    """describe.go's tabwriter: ``tabwriter.NewWriter(buf, 0, 8, 2, ' ', 0)``."""
    return format_text(text, 0, 8, 2)


def table(text: str) -> str:
    """``text`` through cli-runtime's printer tabwriter (minwidth 6, tabwidth 4, padding 3).

    Mirrors: cli-runtime/pkg/printers/tabwriter.go :: GetNewTabWriter
    """
    w = get_new_tab_writer()
    w.write(text)
    return w.flush()
