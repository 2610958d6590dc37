"""IP address and CIDR checks, with Go's legacy "sloppy" parsing of IPv4 octets.

Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go,
k8s.io/utils/net (ParseIPSloppy, ParseCIDRSloppy)
"""

from __future__ import annotations

import ipaddress
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList, Path
from kubelab.api.validation.generic.validation import _compile

_ipv4_sloppy_re = _compile("([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.([0-9]+)")


def parse_ip_sloppy(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Parse an IP as Go's legacy net.ParseIP did: IPv4 octets may carry leading zeros.

    Mirrors: k8s.io/utils/net :: ParseIPSloppy
    """
    m = _ipv4_sloppy_re.fullmatch(value)
    if m:
        octets = [int(g) for g in m.groups()]
        if all(o <= 255 for o in octets):
            return ipaddress.IPv4Address(".".join(str(o) for o in octets))
        return None
    if ":" not in value or "%" in value:
        return None
    try:
        return ipaddress.IPv6Address(value)
    except ValueError:
        return None


def parse_cidr_sloppy(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """Mirrors: k8s.io/utils/net :: ParseCIDRSloppy (None on error)."""
    addr, sep, mask = value.partition("/")
    if not sep:
        return None
    ip = parse_ip_sloppy(addr)
    if ip is None or not mask or not mask.isascii() or not mask.isdigit():
        return None
    bits = int(mask)
    if bits > ip.max_prefixlen:
        return None
    return ipaddress.ip_network(f"{ip}/{bits}", strict=False)


def is_valid_ip(fld_path: Any, value: str | None = None) -> Any:
    """Mirrors: util/validation/ip.go :: IsValidIP

    Differences: called as ``(fld_path, value)`` it returns an ErrorList like upstream;
    called with the value alone it returns the message strings.
    """
    if value is None:
        return [e.detail for e in is_valid_ip(Path(), fld_path)]
    if parse_ip_sloppy(value) is None:
        return [field.invalid(fld_path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    return []


def is_valid_ipv4_address(fld_path: Path, value: str) -> ErrorList:
    """Mirrors: util/validation/ip.go :: IsValidIPv4Address"""
    ip = parse_ip_sloppy(value)
    if ip is None or not _is_v4(ip):
        return [field.invalid(fld_path, value, "must be a valid IPv4 address")]
    return []


def is_valid_ipv6_address(fld_path: Path, value: str) -> ErrorList:
    """Mirrors: util/validation/ip.go :: IsValidIPv6Address"""
    ip = parse_ip_sloppy(value)
    if ip is None or _is_v4(ip):
        return [field.invalid(fld_path, value, "must be a valid IPv6 address")]
    return []


def _is_v4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # Go's To4() also accepts IPv4-mapped IPv6 addresses.
    return ip.version == 4 or (isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None)


def is_valid_cidr(fld_path: Any, value: str | None = None) -> Any:
    """Mirrors: util/validation/ip.go :: IsValidCIDR

    Differences: called as ``(fld_path, value)`` it returns an ErrorList like upstream;
    called with the value alone it returns the message strings.
    """
    if value is None:
        return [e.detail for e in is_valid_cidr(Path(), fld_path)]
    if parse_cidr_sloppy(value) is None:
        return [field.invalid(fld_path, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")]
    return []
