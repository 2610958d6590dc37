"""Image reference parsing, as far as choosing a default pull policy needs it.

Upstream: pkg/util/parsers/parsers.go, github.com/distribution/reference (grammar)
"""

from __future__ import annotations

import re
from functools import lru_cache

_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_REFERENCE = re.compile(
    rf"^(?P<name>(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?"
    r"(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$"
)
NAME_TOTAL_LENGTH_MAX = 255


@lru_cache(maxsize=4096)
def parse_image_name(image: str) -> tuple[str, str, str]:
    """(repository, tag, digest) of an image reference; ("", "", "") when it is invalid.

    Mirrors: pkg/util/parsers/parsers.go :: ParseImageName (a reference with neither
    tag nor digest gets the tag "latest").

    Differences: Docker Hub name normalisation (``docker.io/library/``) is not applied
    to the returned repository; only the tag and digest matter to defaulting.
    """
    m = _REFERENCE.match(image)
    if m is None or len(m.group("name")) > NAME_TOTAL_LENGTH_MAX:
        return "", "", ""
    tag, digest = m.group("tag") or "", m.group("digest") or ""
    if not tag and not digest:
        tag = "latest"
    return m.group("name"), tag, digest
