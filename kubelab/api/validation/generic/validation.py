"""Format checks shared by every kind: DNS names, qualified names, label values, ports.

The ``is_*`` checks return upstream's message strings (an empty list when valid), or a
field ErrorList where upstream's do. IP checks are in ``ip``, label and selector
validation in ``metav1``; the ``generic`` package re-exports all three.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go,
staging/src/k8s.io/apimachinery/pkg/api/validate/content/*.go
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList, Path

# -- message builders -----------------------------------------------------------------------


def max_len_error(length: int) -> str:
    """Mirrors: util/validation/validation.go :: MaxLenError"""
    return f"must be no more than {length} characters"


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """Mirrors: util/validation/validation.go :: RegexError"""
    if not examples:
        return msg + " (regex used for validation is '" + fmt + "')"
    msg += " (e.g. "
    for i, ex in enumerate(examples):
        if i > 0:
            msg += " or "
        msg += "'" + ex + "', "
    return msg + "regex used for validation is '" + fmt + "')"


def empty_error() -> str:
    """Mirrors: util/validation/validation.go :: EmptyError"""
    return "must be non-empty"


def inclusive_range_error(lo: int, hi: int) -> str:
    """Mirrors: util/validation/validation.go :: InclusiveRangeError"""
    return f"must be between {lo} and {hi}, inclusive"


def _blen(value: str) -> int:
    # Go measures strings in bytes.
    return len(value) if value.isascii() else len(value.encode())


def _compile(fmt: str) -> re.Pattern[str]:
    # Go's "^...$" anchors the whole text; Python's "$" would also accept a trailing newline.
    return re.compile(fmt, re.ASCII)


def _memo_messages(check: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """Remember a pure string check's messages; every call still gets a list of its own.

    kubelab-only: the same label keys, names and values are checked on every write.
    Non-string arguments (a caller's bug) take the check itself, so they fail as before.
    """
    remembered = functools.lru_cache(maxsize=8192)(lambda value: tuple(check(value)))

    @functools.wraps(check)
    def cached(value: str) -> list[str]:
        if value.__class__ is str:
            got = remembered(value)
            return list(got) if got else []
        return check(value)

    cached.uncached = check  # type: ignore[attr-defined]
    return cached


# -- qualified names and label values (content package) -------------------------------------

QNAME_CHAR_FMT = "[A-Za-z0-9]"
QNAME_EXT_CHAR_FMT = "[-A-Za-z0-9_.]"
QUALIFIED_NAME_FMT = "(" + QNAME_CHAR_FMT + QNAME_EXT_CHAR_FMT + "*)?" + QNAME_CHAR_FMT
QUALIFIED_NAME_ERR_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character"
)
QUALIFIED_NAME_MAX_LENGTH = 63
_qualified_name_re = _compile(QUALIFIED_NAME_FMT)

LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?"
LABEL_VALUE_ERR_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character"
)
LABEL_VALUE_MAX_LENGTH = 63
_label_value_re = _compile(LABEL_VALUE_FMT)


@_memo_messages
def is_qualified_name(value: str) -> list[str]:
    """A label key: an optional DNS-subdomain prefix and '/', then a name of up to 63 characters.

    Mirrors: apimachinery/pkg/api/validate/content :: IsLabelKey (util/validation :: IsQualifiedName)
    """
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part " + empty_error())
        else:
            errs.extend("prefix part " + m for m in is_dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + regex_error(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part " + empty_error())
    elif _blen(name) > QUALIFIED_NAME_MAX_LENGTH:
        errs.append("name part " + max_len_error(QUALIFIED_NAME_MAX_LENGTH))
    if not _qualified_name_re.fullmatch(name):
        errs.append(
            "name part "
            + regex_error(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
        )
    return errs


is_label_key = is_qualified_name


@_memo_messages
def is_valid_label_value(value: str) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validate/content :: IsLabelValue (util/validation :: IsValidLabelValue)"""
    errs: list[str] = []
    if _blen(value) > LABEL_VALUE_MAX_LENGTH:
        errs.append(max_len_error(LABEL_VALUE_MAX_LENGTH))
    if not _label_value_re.fullmatch(value):
        errs.append(regex_error(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errs


C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*"
IDENTIFIER_ERR_MSG = (
    "a valid C identifier must start with alphabetic character or '_', followed by a string of "
    "alphanumeric characters or '_'"
)
_c_identifier_re = _compile(C_IDENTIFIER_FMT)


def is_c_identifier(value: str) -> list[str]:
    """Mirrors: apimachinery/pkg/api/validate/content :: IsCIdentifier"""
    if not _c_identifier_re.fullmatch(value):
        return [regex_error(IDENTIFIER_ERR_MSG, C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName")]
    return []


# -- DNS names --------------------------------------------------------------------------------

DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_LABEL_FMT_WITH_UNDERSCORE = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
DNS1123_LABEL_ERR_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character"
)
DNS1123_LABEL_MAX_LENGTH = 63
_dns1123_label_re = _compile(DNS1123_LABEL_FMT)

DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*"
DNS1123_SUBDOMAIN_ERROR_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character"
)
DNS1123_SUBDOMAIN_FMT_WITH_UNDERSCORE = (
    DNS1123_LABEL_FMT_WITH_UNDERSCORE + "(\\." + DNS1123_LABEL_FMT_WITH_UNDERSCORE + ")*"
)
DNS1123_SUBDOMAIN_ERROR_MSG_FG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' "
    "or '.', and must start and end with an alphanumeric character"
)
DNS1123_SUBDOMAIN_MAX_LENGTH = 253
_dns1123_subdomain_re = _compile(DNS1123_SUBDOMAIN_FMT)
_dns1123_subdomain_underscore_re = _compile(DNS1123_SUBDOMAIN_FMT_WITH_UNDERSCORE)

DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
DNS1035_LABEL_ERR_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character"
)
DNS1035_LABEL_MAX_LENGTH = 63
_dns1035_label_re = _compile(DNS1035_LABEL_FMT)

WILDCARD_DNS1123_SUBDOMAIN_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT
WILDCARD_DNS1123_SUBDOMAIN_ERR_MSG = (
    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which "
    "must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric "
    "character"
)
_wildcard_dns1123_subdomain_re = _compile(WILDCARD_DNS1123_SUBDOMAIN_FMT)


@_memo_messages
def is_dns1123_label(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsDNS1123Label"""
    errs: list[str] = []
    if _blen(value) > DNS1123_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_LABEL_MAX_LENGTH))
    if not _dns1123_label_re.fullmatch(value):
        if _dns1123_subdomain_re.fullmatch(value):
            # A valid subdomain but not a label: with the length already checked, it has dots.
            errs.append("must not contain dots")
        else:
            errs.append(regex_error(DNS1123_LABEL_ERR_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"))
    return errs


@_memo_messages
def is_dns1123_subdomain(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsDNS1123Subdomain"""
    errs: list[str] = []
    if _blen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _dns1123_subdomain_re.fullmatch(value):
        errs.append(regex_error(DNS1123_SUBDOMAIN_ERROR_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"))
    return errs


def is_dns1123_subdomain_with_underscore(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsDNS1123SubdomainWithUnderscore"""
    errs: list[str] = []
    if _blen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _dns1123_subdomain_underscore_re.fullmatch(value):
        errs.append(
            regex_error(
                DNS1123_SUBDOMAIN_ERROR_MSG_FG, DNS1123_SUBDOMAIN_FMT_WITH_UNDERSCORE, "example.com"
            )
        )
    return errs


@_memo_messages
def is_dns1035_label(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsDNS1035Label"""
    errs: list[str] = []
    if _blen(value) > DNS1035_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1035_LABEL_MAX_LENGTH))
    if not _dns1035_label_re.fullmatch(value):
        errs.append(regex_error(DNS1035_LABEL_ERR_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"))
    return errs


def is_wildcard_dns1123_subdomain(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsWildcardDNS1123Subdomain"""
    errs: list[str] = []
    if _blen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _wildcard_dns1123_subdomain_re.fullmatch(value):
        errs.append(
            regex_error(
                WILDCARD_DNS1123_SUBDOMAIN_ERR_MSG, WILDCARD_DNS1123_SUBDOMAIN_FMT, "*.example.com"
            )
        )
    return errs


def is_fully_qualified_name(fld_path: Path, name: str) -> ErrorList:
    """Mirrors: util/validation/validation.go :: IsFullyQualifiedName"""
    if not name:
        return [field.required(fld_path, "")]
    errs = is_dns1123_subdomain(name)
    if errs:
        return [field.invalid(fld_path, name, ",".join(errs))]
    if len(name.split(".")) < 3:
        return [field.invalid(fld_path, name, "should be a domain with at least three segments separated by dots")]
    return []


def is_fully_qualified_domain_name(fld_path: Path, name: str) -> ErrorList:
    """Mirrors: util/validation/validation.go :: IsFullyQualifiedDomainName"""
    if not name:
        return [field.required(fld_path, "")]
    if name.endswith("."):
        name = name[:-1]
    errs = is_dns1123_subdomain(name)
    if errs:
        return [field.invalid(fld_path, name, ",".join(errs))]
    if len(name.split(".")) < 2:
        return [field.invalid(fld_path, name, "should be a domain with at least two segments separated by dots")]
    for label in name.split("."):
        errs = is_dns1123_label(label)
        if errs:
            return [field.invalid(fld_path, label, ",".join(errs))]
    return []


HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+"
_http_path_re = _compile(HTTP_PATH_FMT)


def is_domain_prefixed_path(fld_path: Any, dp_path: str | None = None) -> Any:
    """A domain-prefixed path such as ``acme.io/foo``.

    Mirrors: util/validation/validation.go :: IsDomainPrefixedPath

    Differences: called as ``(fld_path, value)`` it returns an ErrorList like upstream;
    called with the value alone it returns the message strings.
    """
    if dp_path is None:
        return [e.detail for e in is_domain_prefixed_path(Path(), fld_path)]
    if not dp_path:
        return [field.required(fld_path, "")]
    segments = dp_path.split("/", 1)
    if len(segments) != 2 or not segments[0] or not segments[1]:
        return [field.invalid(fld_path, dp_path, 'must be a domain-prefixed path (such as "acme.io/foo")')]
    host, path = segments
    errs: ErrorList = [field.invalid(fld_path, host, m) for m in is_dns1123_subdomain(host)]
    if not _http_path_re.fullmatch(path):
        errs.append(field.invalid(fld_path, path, regex_error("Invalid path", HTTP_PATH_FMT)))
    return errs


def is_domain_prefixed_key(fld_path: Path, key: str) -> ErrorList:
    """Mirrors: util/validation/validation.go :: IsDomainPrefixedKey"""
    if not key:
        return [field.required(fld_path, "")]
    errs: ErrorList = [field.invalid(fld_path, key, m) for m in is_qualified_name(key)]
    if errs:
        return errs
    if len(key.split("/")) != 2:
        return [field.invalid(fld_path, key, 'must be a domain-prefixed key (such as "acme.io/foo")')]
    return []


# -- numbers, ports, names ------------------------------------------------------------------


def is_valid_port_num(port: int) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsValidPortNum"""
    if 1 <= port <= 65535:
        return []
    return [inclusive_range_error(1, 65535)]


def is_in_range(value: int, lo: int, hi: int) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsInRange"""
    if lo <= value <= hi:
        return []
    return [inclusive_range_error(lo, hi)]


MAX_USER_ID = 0xFFFFFFFF
MAX_GROUP_ID = 0xFFFFFFFF


def is_valid_group_id(gid: int) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsValidGroupID"""
    return is_in_range(gid, 0, MAX_GROUP_ID)


def is_valid_user_id(uid: int) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsValidUserID"""
    return is_in_range(uid, 0, MAX_USER_ID)


_port_name_charset_re = _compile("[-a-z0-9]+")
_port_name_one_letter_re = _compile("[a-z]")


def is_valid_port_name(port: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsValidPortName"""
    errs: list[str] = []
    if _blen(port) > 15:
        errs.append(max_len_error(15))
    if not _port_name_charset_re.fullmatch(port):
        errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not _port_name_one_letter_re.search(port):
        errs.append("must contain at least one letter (a-z)")
    if "--" in port:
        errs.append("must not contain consecutive hyphens")
    if port and (port[0] == "-" or port[-1] == "-"):
        errs.append("must not begin or end with a hyphen")
    return errs


PERCENT_FMT = "[0-9]+%"
PERCENT_ERR_MSG = "a valid percent string must be a numeric string followed by an ending '%'"
_percent_re = _compile(PERCENT_FMT)


def is_valid_percent(percent: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsValidPercent"""
    if not _percent_re.fullmatch(percent):
        return [regex_error(PERCENT_ERR_MSG, PERCENT_FMT, "1%", "93%")]
    return []


HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+"
HTTP_HEADER_NAME_ERR_MSG = "a valid HTTP header must consist of alphanumeric characters or '-'"
_http_header_name_re = _compile(HTTP_HEADER_NAME_FMT)


def is_http_header_name(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsHTTPHeaderName"""
    if not _http_header_name_re.fullmatch(value):
        return [regex_error(HTTP_HEADER_NAME_ERR_MSG, HTTP_HEADER_NAME_FMT, "X-Header-Name")]
    return []


ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*"
ENV_VAR_NAME_FMT_ERR_MSG = (
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', "
    "or '.', and must not start with a digit"
)
RELAXED_ENV_VAR_NAME_FMT_ERR_MSG = (
    "a valid environment variable name must consist only of printable ASCII characters other than '='"
)
_env_var_name_re = _compile(ENV_VAR_NAME_FMT)


def _has_ch_dir_prefix(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: hasChDirPrefix"""
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def is_env_var_name(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsEnvVarName"""
    errs: list[str] = []
    if not _env_var_name_re.fullmatch(value):
        errs.append(
            regex_error(ENV_VAR_NAME_FMT_ERR_MSG, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1")
        )
    errs.extend(_has_ch_dir_prefix(value))
    return errs


def is_relaxed_env_var_name(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsRelaxedEnvVarName"""
    errs: list[str] = []
    if not value:
        errs.append("environment variable name " + empty_error())
    for ch in value:
        if ord(ch) > 127 or not ch.isprintable() or ch == "=":
            errs.append(RELAXED_ENV_VAR_NAME_FMT_ERR_MSG)
            break
    return errs


CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+"
CONFIG_MAP_KEY_ERR_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
_config_map_key_re = _compile(CONFIG_MAP_KEY_FMT)


def is_config_map_key(value: str) -> list[str]:
    """Mirrors: util/validation/validation.go :: IsConfigMapKey"""
    errs: list[str] = []
    if _blen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _config_map_key_re.fullmatch(value):
        errs.append(regex_error(CONFIG_MAP_KEY_ERR_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"))
    errs.extend(_has_ch_dir_prefix(value))
    return errs
