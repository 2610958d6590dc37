"""Reading manifests and writing YAML and JSON exactly as kubectl does.

kubectl decodes a stream document by document (a ``---`` line ends one) and converts each
through go-yaml v2 to JSON; it prints objects by marshalling them to JSON and, for YAML,
converting that JSON back through go-yaml v2 (so map keys come out sorted, strings that
would read back as another type come out double-quoted, and long lines fold at 80 columns).

Upstream: staging/src/k8s.io/apimachinery/pkg/util/yaml/decoder.go (YAMLReader,
YAMLOrJSONDecoder), sigs.k8s.io/yaml (yaml.go, goyaml.v2: resolve.go, sorter.go, encode.go),
staging/src/k8s.io/cli-runtime/pkg/printers/json.go and yaml.go
"""

from __future__ import annotations

import decimal
import functools
import json
import math
import re
from typing import Any

import yaml

from kubelab.kubectl.errors import KubectlError

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

# --- go-yaml v2 scalar resolution -------------------------------------------------------------

_BOOL_TRUE = frozenset("y Y yes Yes YES true True TRUE on On ON".split())
_BOOL_FALSE = frozenset("n N no No NO false False FALSE off Off OFF".split())
_NULL = frozenset(["", "~", "null", "Null", "NULL"])
_SPECIAL_FLOAT = {
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
}
_YAML_STYLE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_FLOAT = re.compile(r"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TS_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TS_FULL = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
_TS_SPACE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(y: str, m: str, d: str) -> bool:
    mi, di = int(m), int(d)
    if not 1 <= mi <= 12 or not 1 <= di <= _DAYS[mi - 1]:
        return False
    yi = int(y)
    return not (mi == 2 and di == 29 and not (yi % 4 == 0 and (yi % 100 != 0 or yi % 400 == 0)))


def _is_timestamp(s: str) -> bool:
    """Mirrors: goyaml.v2 resolve.go :: parseTimestamp (the formats it tries)."""
    m = _TS_DATE.match(s)
    if m:
        return _valid_date(*m.groups())
    m = _TS_FULL.match(s) or _TS_SPACE.match(s)
    if m:
        g = m.groups()
        return _valid_date(g[0], g[1], g[2]) and int(g[3]) < 24 and int(g[4]) < 60 and int(g[5]) < 60
    return False


def _go_parse_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64) / ParseUint: base prefixes 0x, 0o, 0b and a leading 0."""
    sign = 1
    body = text
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    low = body.lower()
    try:
        if low.startswith("0x"):
            v = int(low[2:], 16)
        elif low.startswith("0o"):
            v = int(low[2:], 8)
        elif low.startswith("0b"):
            v = int(low[2:], 2)
        elif len(body) > 1 and body[0] == "0":
            v = int(body[1:], 8)
        elif body.isdigit():
            v = int(body)
        else:
            return None
    except ValueError:
        return None
    v *= sign
    if not -(1 << 63) <= v < (1 << 64):
        return None
    return v


def go_resolve(text: str) -> Any:
    """The value go-yaml v2 gives a plain scalar decoded into ``interface{}``.

    Mirrors: goyaml.v2 resolve.go :: resolve (timestamps stay strings, as decode.go keeps them)
    """
    if text in _NULL:
        return None
    hint = text[0]
    if hint in "yYnNtTfFoO~":
        if text in _BOOL_TRUE:
            return True
        if text in _BOOL_FALSE:
            return False
        return text
    if hint == ".":
        if text in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[text]
        if _GO_FLOAT.match(text):
            return float(text)
        return text
    if hint in "+-0123456789":
        if text in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[text]
        if _is_timestamp(text):
            return text
        plain = text.replace("_", "")
        v = _go_parse_int(plain)
        if v is not None:
            return v
        if _YAML_STYLE_FLOAT.match(plain):
            return float(plain)
    return text


def resolves_to_non_string(text: str) -> bool:
    """Whether go-yaml v2 would quote this string when writing it (encode.go :: stringv)."""
    if text in _NULL:
        return True
    hint = text[0]
    if hint in "yYnNtTfFoO~" or hint == "." or hint in "+-0123456789":
        if _is_timestamp(text) and hint in "+-0123456789":
            return True
        return not isinstance(go_resolve(text), str) or bool(_BASE60.match(text))
    return False


# --- reading ----------------------------------------------------------------------------------


class _GoLoader(yaml.SafeLoader):
    """A PyYAML loader that resolves plain scalars the way go-yaml v2 does."""


_GoLoader.yaml_implicit_resolvers = {}
_GoLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    value = loader.construct_scalar(node)
    if node.style is None:
        return go_resolve(value)
    return value


def _key_text(k: Any) -> str:
    if isinstance(k, str):
        return k
    if k is None:
        return "null"
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, float):
        return go_format_float(k)
    return str(k)


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[_key_text(key)] = loader.construct_object(value_node, deep=True)
    return out


_GoLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_GoLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)

_SCANNER_PROBLEMS = (
    ("mapping values are not allowed here", "mapping values are not allowed in this context"),
    ("sequence entries are not allowed here", "block sequence entries are not allowed in this context"),
    ("could not find expected ':'", "could not find expected ':'"),
    ("that cannot start any token", "found character that cannot start any token"),
    ("found unexpected end of stream", "found unexpected end of stream"),
    ("found unexpected document separator", "found unexpected document indicator"),
    ("found unknown escape character", "found unknown escape character"),
    ("expected alphabetic or numeric character", "did not find expected alphabetic or numeric character"),
)
_PARSER_PROBLEMS = (
    ("while parsing a block mapping", "expected <block end>", "did not find expected key"),
    ("while parsing a block collection", "expected <block end>", "did not find expected '-' indicator"),
    ("while parsing a flow sequence", "expected ',' or ']'", "did not find expected ',' or ']'"),
    ("while parsing a flow mapping", "expected ',' or '}'", "did not find expected ',' or '}'"),
    ("", "expected the node content", "did not find expected node content"),
    ("", "expected '<document start>'", "did not find expected <document start>"),
    ("", "found undefined tag handle", "found undefined tag handle"),
)


def go_yaml_error(err: yaml.YAMLError) -> str:
    """go-yaml v2's wording for a PyYAML error: ``yaml: line 3: mapping values are not ...``.

    Mirrors: goyaml.v2 yaml.go :: (*parser).fail (scanner errors name the 1-based line of the
    problem, parser errors the 0-based one, which reads as the line before).

    Differences: only the common problems are translated; others keep PyYAML's words.
    """
    if isinstance(err, yaml.composer.ComposerError) and err.problem and "undefined alias" in err.problem:
        name = ""
        if err.problem_mark is not None:
            buf = err.problem_mark.buffer or ""
            m = re.match(r"\*([^\s,\]\}]+)", buf[err.problem_mark.index:])
            name = m.group(1) if m else ""
        return f"yaml: unknown anchor '{name}' referenced"
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None) or ""
    pmark = getattr(err, "problem_mark", None)
    cmark = getattr(err, "context_mark", None)
    scanner = isinstance(err, yaml.scanner.ScannerError)
    msg = problem
    if scanner:
        for needle, go in _SCANNER_PROBLEMS:
            if needle in problem:
                msg = go
                break
    else:
        for ctx, needle, go in _PARSER_PROBLEMS:
            if needle in problem and (not ctx or ctx in context):
                msg = go
                break
    line = 0
    if pmark is not None and pmark.line != 0:
        line = pmark.line + 1 if scanner else pmark.line
    elif cmark is not None and cmark.line != 0:
        line = cmark.line
    where = f"line {line}: " if line else ""
    return f"yaml: {where}{msg}"


def split_documents(text: str, source: str) -> list[str]:
    """Split a YAML stream at ``---`` lines.

    Mirrors: apimachinery/pkg/util/yaml/decoder.go :: (*YAMLReader).Read
    """
    docs: list[str] = []
    buf: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("---"):
            rest = line[3:].strip()
            if rest and not rest.startswith("#"):
                raise KubectlError(f"error parsing {source}: invalid Yaml document separator: {rest}")
            if buf:
                docs.append("".join(buf))
            buf = []
            continue
        buf.append(line)
    if buf:
        docs.append("".join(buf))
    return docs


def load_documents(text: str, source: str) -> tuple[list[Any], KubectlError | None]:
    """Decode every document of a stream, stopping at the first broken one.

    Returns the values decoded before the error (empty and ``null`` documents skipped) and
    the error kubectl reports for the broken one.

    Mirrors: cli-runtime/pkg/resource/visitor.go :: (*StreamVisitor).Visit
    """
    out: list[Any] = []
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _load_json_stream(stripped, source)
    for doc in split_documents(text, source):
        try:
            value = yaml.load(doc, Loader=_GoLoader)  # noqa: S506 - _GoLoader is a SafeLoader
        except yaml.YAMLError as e:
            return out, KubectlError(
                f"error parsing {source}: error converting YAML to JSON: {go_yaml_error(e)}"
            )
        if value is None:
            continue
        out.append(value)
    return out, None


def _load_json_stream(text: str, source: str) -> tuple[list[Any], KubectlError | None]:
    dec = json.JSONDecoder()
    out: list[Any] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            return out, None
        try:
            value, pos = dec.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            return out, KubectlError(f"error parsing {source}: {e.msg}")
        if value is not None:
            out.append(value)


# --- writing ----------------------------------------------------------------------------------


def _shortest_digits(f: float) -> tuple[str, int]:
    """The shortest round-trip digits of ``|f|`` and the decimal point position (Go's digs.dp)."""
    _, digits, exponent = decimal.Decimal(repr(abs(f))).as_tuple()
    assert isinstance(exponent, int)
    text = "".join(str(x) for x in digits)
    return text.rstrip("0") or "0", len(digits) + exponent


def _format_go(f: float, fmt: str) -> str:
    """strconv.FormatFloat(f, fmt, -1, 64) for fmt in 'e', 'f', 'g'."""
    if f == 0:
        return "0"
    neg = "-" if f < 0 else ""
    digs, dp = _shortest_digits(f)
    if fmt == "g":
        exp = dp - 1
        fmt = "e" if exp < -4 or exp >= 6 else "f"
    if fmt == "e":
        exp = dp - 1
        mant = digs[0] + ("." + digs[1:] if len(digs) > 1 else "")
        return f"{neg}{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if dp <= 0:
        return f"{neg}0.{'0' * -dp}{digs}"
    if dp >= len(digs):
        return f"{neg}{digs}{'0' * (dp - len(digs))}"
    return f"{neg}{digs[:dp]}.{digs[dp:]}"


def go_format_float(f: float) -> str:
    """How go-yaml v2 writes a float: strconv.FormatFloat(f, 'g', -1, 64)."""
    if math.isnan(f):
        return ".nan"
    if math.isinf(f):
        return ".inf" if f > 0 else "-.inf"
    return _format_go(f, "g")


def go_json_float(f: float) -> str:
    """How encoding/json writes a float64.

    Mirrors: encoding/json/encode.go :: floatEncoder.encode
    """
    a = abs(f)
    text = _format_go(f, "e" if a != 0 and (a < 1e-6 or a >= 1e21) else "f")
    m = re.search(r"e-0(\d)$", text)
    if m:
        text = text[: m.start()] + "e-" + m.group(1)
    return text


def go_key_less(a: str, b: str) -> bool:
    """go-yaml v2's map key order: letters after other runes, digit runs compared as numbers.

    Mirrors: goyaml.v2 sorter.go :: keyList.Less (for string keys)
    """
    for i in range(min(len(a), len(b))):
        ac, bc = a[i], b[i]
        if ac == bc:
            continue
        al, bl = ac.isalpha(), bc.isalpha()
        if al and bl:
            return ac < bc
        if al or bl:
            return bl
        an = bn = 0
        if ac == "0" or bc == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdigit():
            an = an * 10 + int(a[ai])
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdigit():
            bn = bn * 10 + int(b[bi])
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ac < bc
    return len(a) < len(b)


def _key_cmp(a: str, b: str) -> int:
    return -1 if go_key_less(a, b) else (1 if go_key_less(b, a) else 0)


_key_sort = functools.cmp_to_key(_key_cmp)


class _GoDumper(yaml.SafeDumper):
    """A PyYAML dumper whose choices of style match go-yaml v2's encoder."""


_GoDumper.yaml_implicit_resolvers = {}


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        style: str | None = "|"
    elif resolves_to_non_string(data):
        style = '"'
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_plain(text: str) -> Any:
    def rep(dumper: yaml.SafeDumper, data: Any) -> yaml.ScalarNode:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text if text else str(data))

    return rep


def _represent_bool(dumper: yaml.SafeDumper, data: bool) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", "true" if data else "false")


def _represent_none(dumper: yaml.SafeDumper, data: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", "null")


def _represent_int(dumper: yaml.SafeDumper, data: int) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data))


def _represent_float(dumper: yaml.SafeDumper, data: float) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", go_format_float(data))


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.MappingNode:
    items = sorted(data.items(), key=lambda kv: _key_sort(kv[0]))
    return dumper.represent_mapping("tag:yaml.org,2002:map", items)


_GoDumper.add_representer(str, _represent_str)
_GoDumper.add_representer(bool, _represent_bool)
_GoDumper.add_representer(type(None), _represent_none)
_GoDumper.add_representer(int, _represent_int)
_GoDumper.add_representer(float, _represent_float)
_GoDumper.add_representer(dict, _represent_dict)


def to_yaml(obj: Any) -> str:
    """The YAML kubectl prints for an object (``-o yaml``).

    Mirrors: cli-runtime/pkg/printers/yaml.go :: (*YAMLPrinter).PrintObj via sigs.k8s.io/yaml
    """
    obj = json.loads(to_json_compact(obj))  # the JSON round trip: ints stay ints, keys are strings
    return yaml.dump(
        obj, Dumper=_GoDumper, default_flow_style=False, allow_unicode=True, width=80, indent=2,
        sort_keys=False,
    )


_HTML_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML_RE = re.compile("[<>&\u2028\u2029]")


def _go_json_floats(obj: Any, floats: list[str]) -> Any:
    # Non-integral floats are swapped for placeholders and written back in Go's notation.
    if isinstance(obj, float):
        if obj == obj and abs(obj) != math.inf and obj == int(obj) and abs(obj) < 1e21:
            return int(obj)
        floats.append(go_json_float(obj))
        return f"\x00f{len(floats) - 1}\x00"
    if isinstance(obj, dict):
        return {k: _go_json_floats(v, floats) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_go_json_floats(v, floats) for v in obj]
    return obj


def _dump(obj: Any, **kw: Any) -> str:
    floats: list[str] = []
    text = json.dumps(_go_json_floats(obj, floats), sort_keys=True, ensure_ascii=False, **kw)
    if floats:
        text = re.sub(r'"\\u0000f(\d+)\\u0000"', lambda m: floats[int(m.group(1))], text)
    return text


def _escape_html(text: str) -> str:
    return _HTML_RE.sub(lambda m: _HTML_ESCAPES[m.group(0)], text)


def to_json(obj: Any, indent: int = 4) -> str:
    """``json.MarshalIndent(obj, "", "    ")`` plus a newline, as ``-o json`` prints."""
    return _escape_html(_dump(obj, indent=indent)) + "\n"


def to_json_compact(obj: Any) -> str:
    """``json.Marshal(obj)``: compact, keys sorted, HTML characters escaped."""
    return _escape_html(_dump(obj, separators=(",", ":")))
