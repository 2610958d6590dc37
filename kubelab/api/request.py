"""An API request as it travels from a client through the handler chain.

kubelab-only: the in-process stand-in for an *http.Request; the HTTP front builds the
same object from a real request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Request:
    """An API request as it travels the handler chain.

    kubelab-only: the in-process stand-in for an *http.Request; the HTTP front builds
    the same object from a real request.
    """

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    user_agent: str = ""
    source: str = ""  # the component sending it, for the trace's src column
    # filled in by the handler chain
    info: Any = None  # RequestInfo, filled by WithRequestInfo
    user: Any = None  # UserInfo, filled by WithAuthentication
    warnings: list[str] = field(default_factory=list)
    audit_id: str = ""
    storage_latency: float = 0.0


