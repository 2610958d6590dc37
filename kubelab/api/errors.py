"""API errors carrying a metav1.Status, in the real API server's words.

Upstream: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api.field import ErrorList, aggregate_message


class ApiError(Exception):
    """An error the API server returns: ``.status`` is a metav1.Status dict.

    Mirrors: apimachinery/pkg/api/errors/errors.go :: StatusError
    """

    def __init__(self, status: dict[str, Any]) -> None:
        super().__init__(status.get("message", ""))
        self.status = status

    @property
    def code(self) -> int:
        return int(self.status.get("code", 500))

    @property
    def reason(self) -> str:
        return str(self.status.get("reason", ""))

    @property
    def message(self) -> str:
        return str(self.status.get("message", ""))

    @property
    def causes(self) -> list[dict[str, str]]:
        return list(self.status.get("details", {}).get("causes", []))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code} {self.reason}: {self.message})"


class NotFound(ApiError): ...


class AlreadyExists(ApiError): ...


class Conflict(ApiError): ...


class Invalid(ApiError): ...


class BadRequest(ApiError): ...


class Forbidden(ApiError): ...


class Unauthorized(ApiError): ...


class TooManyRequests(ApiError): ...


class Gone(ApiError): ...


class MethodNotSupported(ApiError): ...


class NotAcceptable(ApiError): ...


class UnsupportedMediaType(ApiError): ...


class InternalError(ApiError): ...


class Timeout(ApiError): ...


_BY_REASON: dict[str, type[ApiError]] = {
    "NotFound": NotFound,
    "AlreadyExists": AlreadyExists,
    "Conflict": Conflict,
    "Invalid": Invalid,
    "BadRequest": BadRequest,
    "Forbidden": Forbidden,
    "Unauthorized": Unauthorized,
    "TooManyRequests": TooManyRequests,
    "Expired": Gone,
    "Gone": Gone,
    "MethodNotAllowed": MethodNotSupported,
    "NotAcceptable": NotAcceptable,
    "UnsupportedMediaType": UnsupportedMediaType,
    "InternalError": InternalError,
    "Timeout": Timeout,
}


def status(code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """A metav1.Status failure body."""
    st: dict[str, Any] = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
    }
    if details:
        st["details"] = details
    return st


def from_status(st: dict[str, Any]) -> ApiError:
    """Rebuild the typed error a Status describes."""
    return _BY_REASON.get(st.get("reason", ""), ApiError)(st)


def _details(group: str, kind: str, name: str) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if name:
        d["name"] = name
    if group:
        d["group"] = group
    d["kind"] = kind
    return d


def _qualified(group: str, resource: str) -> str:
    return f"{resource}.{group}" if group else resource


def new_not_found(group: str, resource: str, name: str) -> NotFound:
    """`NewNotFound`: ``pods "web" not found``."""
    msg = f'{_qualified(group, resource)} "{name}" not found'
    return NotFound(status(404, "NotFound", msg, _details(group, resource, name)))


def new_already_exists(group: str, resource: str, name: str) -> AlreadyExists:
    msg = f'{_qualified(group, resource)} "{name}" already exists'
    return AlreadyExists(status(409, "AlreadyExists", msg, _details(group, resource, name)))


def new_conflict(group: str, resource: str, name: str, err: str) -> Conflict:
    """`NewConflict`: ``Operation cannot be fulfilled on pods "web": <err>``."""
    msg = f'Operation cannot be fulfilled on {_qualified(group, resource)} "{name}": {err}'
    return Conflict(status(409, "Conflict", msg, _details(group, resource, name)))


OPTIMISTIC_LOCK_ERROR_MSG = (
    "the object has been modified; please apply your changes to the latest version and try again"
)


def new_invalid(group: str, kind: str, name: str, errs: ErrorList) -> Invalid:
    """`NewInvalid`: ``Deployment.apps "web" is invalid: spec.replicas: ...``."""
    qualified = f"{kind}.{group}" if group else kind
    causes = [e.cause() for e in errs]
    msg = f'{qualified} "{name}" is invalid'
    if errs:
        msg += ": " + aggregate_message(errs)
    details = _details(group, kind, name)
    details["causes"] = causes
    return Invalid(status(422, "Invalid", msg, details))


def new_bad_request(message: str) -> BadRequest:
    return BadRequest(status(400, "BadRequest", message))


def new_forbidden(group: str, resource: str, name: str, err: str) -> Forbidden:
    """`NewForbidden`: ``pods "web" is forbidden: <err>``."""
    if name:
        msg = f'{_qualified(group, resource)} "{name}" is forbidden: {err}'
    else:
        msg = f"{_qualified(group, resource)} is forbidden: {err}"
    return Forbidden(status(403, "Forbidden", msg, _details(group, resource, name)))


def new_unauthorized(reason: str = "") -> Unauthorized:
    return Unauthorized(status(401, "Unauthorized", reason or "Unauthorized"))


def new_too_many_requests(message: str = "Too many requests, please try again later.", retry_after: int = 1) -> TooManyRequests:
    return TooManyRequests(
        status(429, "TooManyRequests", message, {"retryAfterSeconds": retry_after})
    )


def new_resource_expired(message: str) -> Gone:
    """`NewResourceExpired`: 410 with reason Expired ("too old resource version")."""
    return Gone(status(410, "Expired", message))


def new_gone(message: str) -> Gone:
    return Gone(status(410, "Gone", message))


def new_method_not_supported(group: str, resource: str, action: str) -> MethodNotSupported:
    msg = f"{action} is not supported on resources of kind {_qualified(group, resource)!r}".replace("'", '"')
    return MethodNotSupported(status(405, "MethodNotAllowed", msg, _details(group, resource, "")))


def new_internal_error(err: str) -> InternalError:
    msg = f"Internal error occurred: {err}"
    return InternalError(status(500, "InternalError", msg, {"causes": [{"message": err}]}))


def new_timeout_error(message: str, retry_after: int = 0) -> Timeout:
    return Timeout(status(504, "Timeout", message, {"retryAfterSeconds": retry_after} if retry_after else None))


def new_service_unavailable(reason: str) -> ApiError:
    return ApiError(status(503, "ServiceUnavailable", reason))


def new_unsupported_media_type(message: str) -> UnsupportedMediaType:
    return UnsupportedMediaType(status(415, "UnsupportedMediaType", message))


def is_not_found(err: BaseException) -> bool:
    return isinstance(err, ApiError) and err.reason == "NotFound"


def is_already_exists(err: BaseException) -> bool:
    return isinstance(err, ApiError) and err.reason == "AlreadyExists"


def is_conflict(err: BaseException) -> bool:
    return isinstance(err, ApiError) and err.reason == "Conflict"


def is_resource_expired(err: BaseException) -> bool:
    return isinstance(err, ApiError) and err.code == 410
