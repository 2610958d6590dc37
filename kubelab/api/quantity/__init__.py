"""Resource quantities: exact fixed-point numbers with a remembered suffix style.

One module per upstream file: ``quantity`` (the Quantity type and its parsing), ``amount``
(the exact decimal arithmetic under it), ``suffix`` (suffixes and the canonical form) and
the kubelab-only ``cached`` (milli_value/value for hot loops). Import from here.

Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/{quantity.go,amount.go,math.go,
scale_int.go,suffix.go}
"""

from kubelab.api.quantity.amount import (
    EXA,
    GIGA,
    KILO,
    MEGA,
    MICRO,
    MILLI,
    MOST_NEGATIVE,
    MOST_POSITIVE,
    NANO,
    PETA,
    TERA,
)
from kubelab.api.quantity.cached import (
    milli_value,
    value,
)
from kubelab.api.quantity.quantity import (
    ERR_FORMAT_WRONG,
    ERR_NUMERIC,
    MAX_INT64_FACTORS,
    SPLIT_RE_STRING,
    ZERO,
    Quantity,
    float_text,
    must_parse,
    new_milli_quantity,
    new_quantity,
    new_scaled_quantity,
    parse_quantity,
    parse_quantity_string,
    unmarshal_json,
)
from kubelab.api.quantity.suffix import (
    BINARY_SI,
    DECIMAL_EXPONENT,
    DECIMAL_SI,
    ERR_SUFFIX,
    canonicalize_bytes,
    interpret_suffix,
)

__all__ = [
    "BINARY_SI",
    "DECIMAL_EXPONENT",
    "DECIMAL_SI",
    "ERR_FORMAT_WRONG",
    "ERR_NUMERIC",
    "ERR_SUFFIX",
    "EXA",
    "GIGA",
    "KILO",
    "MAX_INT64_FACTORS",
    "MEGA",
    "MICRO",
    "MILLI",
    "MOST_NEGATIVE",
    "MOST_POSITIVE",
    "NANO",
    "PETA",
    "SPLIT_RE_STRING",
    "TERA",
    "ZERO",
    "Quantity",
    "canonicalize_bytes",
    "float_text",
    "interpret_suffix",
    "milli_value",
    "must_parse",
    "new_milli_quantity",
    "new_quantity",
    "new_scaled_quantity",
    "parse_quantity",
    "parse_quantity_string",
    "unmarshal_json",
    "value",
]
