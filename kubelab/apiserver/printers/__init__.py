"""Server-side printing: the Table columns ``kubectl get`` shows, and the text it prints from them.

``to_table`` builds the metav1.Table kube-apiserver returns for
``Accept: application/json;as=Table;v=v1;g=meta.k8s.io``; ``render`` turns such a table
into kubectl's aligned text.

Upstream: pkg/printers/internalversion/printers.go, pkg/printers/tablegenerator.go,
staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go
"""

from kubelab.apiserver.printers.common import GenerateOptions
from kubelab.apiserver.printers.duration import human_duration, short_human_duration
from kubelab.apiserver.printers.tablegenerator import column_definitions, generate_table, to_table
from kubelab.apiserver.printers.tableprinter import HumanReadablePrinter, PrintOptions, render
from kubelab.apiserver.printers.tabwriter import Writer, get_new_tab_writer

__all__ = [
    "GenerateOptions",
    "HumanReadablePrinter",
    "PrintOptions",
    "Writer",
    "column_definitions",
    "generate_table",
    "get_new_tab_writer",
    "human_duration",
    "render",
    "short_human_duration",
    "to_table",
]
