"""How kubectl turns an error into the lines it prints and its exit code.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (CheckErr, StandardErrorMessage,
MultilineError, MultipleErrors, AddSourceToErr) and
staging/src/k8s.io/apimachinery/pkg/util/errors/errors.go (aggregate)
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from kubelab.api.errors import ApiError, from_status

DEFAULT_ERROR_EXIT_CODE = 1


class KubectlError(Exception):
    """A plain Go error (``fmt.Errorf``) raised by kubectl itself, not by the server."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Aggregate(Exception):
    """Several errors reported together.

    Mirrors: apimachinery/pkg/util/errors/errors.go :: aggregate
    """

    def __init__(self, errs: Sequence[BaseException]) -> None:
        super().__init__()
        self.errors = list(errs)

    def __str__(self) -> str:
        if not self.errors:
            return ""
        if len(self.errors) == 1:
            return str(self.errors[0])
        seen: dict[str, None] = {}
        for msg in _visit(self.errors):
            seen.setdefault(msg, None)
        result = ", ".join(seen)
        return result if len(seen) == 1 else "[" + result + "]"


def _visit(errs: Iterable[BaseException]) -> Iterable[str]:
    for e in errs:
        if isinstance(e, Aggregate):
            yield from _visit(e.errors)
        else:
            yield str(e)


def new_aggregate(errs: Sequence[BaseException]) -> BaseException | None:
    """``utilerrors.NewAggregate``: None for no errors."""
    errs = [e for e in errs if e is not None]
    if not errs:
        return None
    return Aggregate(errs)


def reduce(err: BaseException | None) -> BaseException | None:
    """``utilerrors.Reduce``: an aggregate of one is that one error."""
    if isinstance(err, Aggregate):
        if not err.errors:
            return None
        if len(err.errors) == 1:
            return reduce(err.errors[0])
    return err


def flatten(err: BaseException | None) -> BaseException | None:
    """``utilerrors.Flatten``: nested aggregates become one."""
    if not isinstance(err, Aggregate):
        return err
    flat: list[BaseException] = []
    for e in err.errors:
        f = flatten(e)
        if isinstance(f, Aggregate):
            flat.extend(f.errors)
        elif f is not None:
            flat.append(f)
    return Aggregate(flat)


def add_source_to_err(verb: str, source: str, err: BaseException) -> BaseException:
    """Prefix an error with the file it came from: ``error when creating "STDIN": ...``.

    Mirrors: kubectl/pkg/cmd/util/helpers.go :: AddSourceToErr
    """
    if not source:
        return err
    if isinstance(err, ApiError):
        status = copy.deepcopy(err.status)
        status["message"] = f"error when {verb} {go_quote(source)}: {status.get('message', '')}"
        return from_status(status)
    return KubectlError(f"error when {verb} {go_quote(source)}: {err}")


def go_quote(s: str) -> str:
    """Go's ``%q`` for ordinary strings."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def standard_error_message(err: BaseException) -> str | None:
    """``Error from server (NotFound): ...`` for server errors, None for others.

    Mirrors: kubectl/pkg/cmd/util/helpers.go :: StandardErrorMessage
    """
    if isinstance(err, ApiError):
        if err.reason == "Unauthorized":
            return f"error: You must be logged in to the server ({err.message})"
        if err.reason:
            return f"Error from server ({err.reason}): {err.message}"
        return f"Error from server: {err.message}"
    return None


def _message_for_error(err: BaseException) -> str:
    msg = standard_error_message(err)
    return msg if msg is not None else str(err)


def multiple_errors(prefix: str, errs: Sequence[BaseException]) -> str:
    """Mirrors: kubectl/pkg/cmd/util/helpers.go :: MultipleErrors"""
    return "".join(f"{prefix}{_message_for_error(e)}\n" for e in errs)


def multiline_error(prefix: str, errs: Sequence[BaseException]) -> str:
    """Mirrors: kubectl/pkg/cmd/util/helpers.go :: MultilineError (for an aggregate)"""
    if len(errs) == 0:
        return f"{prefix}\n"
    if len(errs) == 1:
        return f"{prefix}{_message_for_error(errs[0])}\n"
    return prefix + "\n" + "".join(f"* {_message_for_error(e)}\n" for e in errs)


def _invalid_message(err: ApiError) -> str:
    details = err.status.get("details")
    s = "The request is invalid"
    if not details:
        return s
    causes = details.get("causes") or []
    if details.get("kind") or details.get("name"):
        s = f"The {details.get('kind', '')} {go_quote(details.get('name', ''))} is invalid"
    if not causes:
        return s
    seen: dict[str, None] = {}
    for c in causes:
        seen.setdefault(f"{c.get('field', '')}: {c.get('message', '')}", None)
    return multiline_error(s + ": ", [KubectlError(m) for m in seen])


def check_err(err: BaseException | None) -> tuple[str, int]:
    """The text kubectl writes to stderr for ``err`` and its exit code.

    Mirrors: kubectl/pkg/cmd/util/helpers.go :: checkErr (with the default fatal handler)
    """
    if isinstance(err, Aggregate) and len(err.errors) == 1:
        err = err.errors[0]
    if err is None:
        return "", 0
    if isinstance(err, ApiError) and err.reason == "Invalid":
        msg = _invalid_message(err)
    elif isinstance(err, Aggregate):
        msg = multiple_errors("", err.errors)
    else:
        std = standard_error_message(err)
        if std is None:
            msg = str(err)
            if not msg.startswith("error: "):
                msg = "error: " + msg
        else:
            msg = std
    if msg and not msg.endswith("\n"):
        msg += "\n"
    return msg, DEFAULT_ERROR_EXIT_CODE


def usage_error(command_path: str, msg: str) -> KubectlError:
    """Mirrors: kubectl/pkg/cmd/util/helpers.go :: UsageErrorf"""
    return KubectlError(f"{msg}\nSee '{command_path} -h' for help and examples")
