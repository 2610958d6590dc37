"""The kubectl command table, argument splitting and the error-to-exit-code boundary.

Upstream: staging/src/k8s.io/kubectl/pkg/cmd/cmd.go (NewKubectlCommand) and cobra's
command lookup (command.go :: Find, legacyArgs, SuggestionsFor)
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kubelab.api.errors import ApiError
from kubelab.kubectl import flags as fl
from kubelab.kubectl.errors import KubectlError, check_err
from kubelab.kubectl.result import Result

# Every kubectl v1.34 command (cobra lists them sorted), for "Did you mean this?" suggestions.
KUBECTL_COMMANDS = (
    "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "certificate",
    "cluster-info", "completion", "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff",
    "drain", "edit", "events", "exec", "explain", "expose", "get", "help", "kustomize", "label", "logs",
    "options", "patch", "plugin", "port-forward", "proxy", "replace", "rollout", "run", "scale", "set",
    "taint", "top", "uncordon", "version", "wait",
)
SUGGEST_FOR = {"delete": ("rm",), "get": ("list", "ps"), "describe": ("list",)}


@dataclass(slots=True)
class Context:
    """What a command needs: the client, the simulated clock, the namespace and its output."""

    client: Any
    now: float
    namespace: str
    explicit_namespace: bool
    stdin: str | None
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    wait_for: list[tuple[str, str, str, str]] = field(default_factory=list)

    def write(self, text: str) -> None:
        self.out.append(text)

    def warn(self, text: str) -> None:
        self.err.append(text)


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    flags: tuple[fl.Flag, ...]
    run: Callable[[Context, fl.Parsed], None]


COMMANDS: dict[str, Command] = {}


def register(name: str, flags: tuple[fl.Flag, ...]) -> Callable[[Callable[[Context, fl.Parsed], None]],
                                                                Callable[[Context, fl.Parsed], None]]:
    def deco(fn: Callable[[Context, fl.Parsed], None]) -> Callable[[Context, fl.Parsed], None]:
        COMMANDS[name] = Command(name, flags, fn)
        return fn

    return deco


def _levenshtein(a: str, b: str) -> int:
    a, b = a.lower(), b.lower()
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggestions_for(typed: str) -> list[str]:
    """Mirrors: cobra command.go :: (*Command).SuggestionsFor (minimum distance 2)"""
    out = []
    for name in KUBECTL_COMMANDS:
        if name == "help":
            continue
        if _levenshtein(typed, name) <= 2 or name.lower().startswith(typed.lower()) \
                or typed in SUGGEST_FOR.get(name, ()):
            out.append(name)
    return out


_GLOBAL_VALUE_FLAGS = {f"--{f.name}" for f in fl.GLOBAL_FLAGS if f.kind != fl.BOOL} | \
    {f"-{f.shorthand}" for f in fl.GLOBAL_FLAGS if f.shorthand and f.kind != fl.BOOL}


def _find_command(args: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand name and the arguments left for it (cobra strips root flags first)."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return None, args
        if a.startswith("-") and len(a) > 1:
            i += 2 if a in _GLOBAL_VALUE_FLAGS else 1
            continue
        return a, args[:i] + args[i + 1:]
    return None, args


def run(command: str, client: Any, *, now: float, namespace: str = "default", stdin: str | None = None) -> Result:
    """Run one kubectl command line against the cluster and return what it printed.

    Args:
        command: the command line, with or without the leading ``kubectl``.
        client: a DirectClient.
        now: simulated seconds (for AGE columns and describe's durations).
        namespace: the namespace of the current context.
        stdin: the text ``-f -`` reads.
    """
    try:
        argv = shlex.split(command)
    except ValueError as e:
        return Result("", f"error: {e}\n", 1)
    if argv and argv[0] == "kubectl":
        argv = argv[1:]
    name, rest = _find_command(argv)
    if name is None:
        return Result("", "error: kubelab: a kubectl command is required (for example `kubectl get pods`)\n", 1)
    cmd = COMMANDS.get(name)
    if cmd is None:
        if name in KUBECTL_COMMANDS:
            return Result("", f'error: kubelab does not implement "kubectl {name}"\n', 1)
        msg = f'error: unknown command "{name}" for "kubectl"'
        sugg = suggestions_for(name)
        if sugg:
            msg += "\n\nDid you mean this?\n" + "".join(f"\t{s}\n" for s in sugg)
        return Result("", msg if msg.endswith("\n") else msg + "\n", 1)
    ctx = Context(client, now, namespace, False, stdin)
    try:
        parsed = fl.parse(rest, cmd.flags + fl.GLOBAL_FLAGS, f"kubectl {name}")
        if parsed.values.get("namespace"):
            ctx.namespace = parsed.values["namespace"]
            ctx.explicit_namespace = True
        cmd.run(ctx, parsed)
    except (KubectlError, ApiError) as e:
        text, code = check_err(e)
        ctx.err.append(text)
        return Result("".join(ctx.out), "".join(ctx.err), code, ctx.wait_for)
    except CommandFailed as e:
        text, code = check_err(e.err)
        ctx.err.append(text)
        return Result("".join(ctx.out), "".join(ctx.err), code, ctx.wait_for)
    return Result("".join(ctx.out), "".join(ctx.err), 0, ctx.wait_for)


class CommandFailed(Exception):
    """Carries any error (an aggregate included) out of a command to the exit-code boundary."""

    def __init__(self, err: BaseException) -> None:
        super().__init__(str(err))
        self.err = err


def fail_if(err: BaseException | None) -> None:
    """Return the command's error as kubectl does (``return utilerrors.NewAggregate(errs)``)."""
    if err is not None:
        raise CommandFailed(err)
