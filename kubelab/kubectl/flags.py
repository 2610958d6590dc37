"""Command-line flag parsing with pflag's rules and error messages.

Upstream: github.com/spf13/pflag/flag.go (parseArgs, parseLongArg, parseShortArg) and
staging/src/k8s.io/kubectl/pkg/util/templates/templater.go :: FlagErrorFunc
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kubelab.kubectl.errors import KubectlError

BOOL = "bool"
STRING = "string"
INT = "int"
STRING_ARRAY = "stringArray"  # repeatable, each value kept whole
STRING_SLICE = "stringSlice"  # repeatable, values split at commas


@dataclass(frozen=True, slots=True)
class Flag:
    name: str
    kind: str = STRING
    default: Any = None
    shorthand: str = ""
    no_opt_default: str | None = None  # value used when the flag is given without one


@dataclass(slots=True)
class Parsed:
    values: dict[str, Any]
    changed: dict[str, bool]
    args: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def was_set(self, name: str) -> bool:
        return self.changed.get(name, False)


class FlagError(KubectlError):
    """A flag error, shown with kubectl's ``See '... --help' for usage.`` hint."""


# Flags every kubectl command inherits (kubeconfig and logging flags); kubelab accepts and ignores
# all but --namespace.
GLOBAL_FLAGS: tuple[Flag, ...] = (
    Flag("namespace", STRING, "", "n"),
    Flag("kubeconfig", STRING, ""),
    Flag("context", STRING, ""),
    Flag("cluster", STRING, ""),
    Flag("user", STRING, ""),
    Flag("server", STRING, "", "s"),
    Flag("request-timeout", STRING, "0"),
    Flag("v", INT, 0, "v"),
    Flag("insecure-skip-tls-verify", BOOL, False),
    Flag("as", STRING, ""),
    Flag("cache-dir", STRING, ""),
    Flag("match-server-version", BOOL, False),
    Flag("warnings-as-errors", BOOL, False),
)


# -f/--filename, -R/--recursive and -k/--kustomize, which every command reading manifests takes.
# Mirrors: kubectl/pkg/cmd/util/helpers.go :: AddFilenameOptionFlags
FILENAME_FLAGS: tuple[Flag, ...] = (
    Flag("filename", STRING_SLICE, shorthand="f"),
    Flag("recursive", BOOL, shorthand="R"),
    Flag("kustomize", STRING, "", "k"),
)


def _default(f: Flag) -> Any:
    if f.kind in (STRING_ARRAY, STRING_SLICE):
        return list(f.default or [])
    if f.default is None:
        return {BOOL: False, STRING: "", INT: 0}[f.kind]
    return f.default


def _parse_bool(text: str) -> bool:
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def _parse_int(text: str) -> int:
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isdigit():
        raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax')
    return int(text)


def parse(argv: list[str], specs: tuple[Flag, ...], command_path: str) -> Parsed:
    """Split ``argv`` into flag values and positional arguments.

    Mirrors: pflag :: (*FlagSet).parseArgs

    Raises:
        FlagError: with pflag's message followed by kubectl's usage hint.
    """
    by_name = {f.name: f for f in specs}
    by_short = {f.shorthand: f for f in specs if f.shorthand}
    values = {f.name: _default(f) for f in specs}
    changed: dict[str, bool] = {}
    args: list[str] = []

    def fail(msg: str) -> FlagError:
        return FlagError(f"{msg}\nSee '{command_path} --help' for usage.")

    def set_value(f: Flag, value: str, shown: str) -> None:
        try:
            if f.kind == BOOL:
                values[f.name] = _parse_bool(value)
            elif f.kind == INT:
                values[f.name] = _parse_int(value)
            elif f.kind == STRING_ARRAY:
                values[f.name] = (values[f.name] if changed.get(f.name) else []) + [value]
            elif f.kind == STRING_SLICE:
                parts = [p for p in value.split(",")] if value else []
                values[f.name] = (values[f.name] if changed.get(f.name) else []) + parts
            else:
                values[f.name] = value
        except ValueError as e:
            name = f"-{f.shorthand}, --{f.name}" if f.shorthand else f"--{f.name}"
            raise fail(f'invalid argument "{value}" for "{name}" flag: {e}') from None
        del shown
        changed[f.name] = True

    i = 0
    while i < len(argv):
        s = argv[i]
        i += 1
        if len(s) == 0 or s[0] != "-" or len(s) == 1:
            args.append(s)
            continue
        if s[1] == "-":
            if len(s) == 2:  # "--" ends the flags
                args.extend(argv[i:])
                break
            name = s[2:]
            if not name or name[0] == "-" or name[0] == "=":
                raise fail(f"bad flag syntax: {s}")
            value: str | None = None
            if "=" in name:
                name, value = name.split("=", 1)
            f = by_name.get(name)
            if f is None:
                raise fail(f"unknown flag: --{name}")
            if value is None:
                if f.kind == BOOL:
                    value = "true"
                elif f.no_opt_default is not None:
                    value = f.no_opt_default
                elif i < len(argv):
                    value = argv[i]
                    i += 1
                else:
                    raise fail(f"flag needs an argument: {s}")
            set_value(f, value, s)
            continue
        shorthands = s[1:]
        while shorthands:
            c = shorthands[0]
            f = by_short.get(c)
            if f is None:
                raise fail(f"unknown shorthand flag: '{c}' in -{shorthands}")
            if len(shorthands) > 2 and shorthands[1] == "=":
                set_value(f, shorthands[2:], s)
                break
            if f.kind == BOOL or f.no_opt_default is not None:
                set_value(f, "true" if f.kind == BOOL else str(f.no_opt_default), s)
                shorthands = shorthands[1:]
                continue
            if len(shorthands) > 1:
                set_value(f, shorthands[1:], s)
            elif i < len(argv):
                set_value(f, argv[i], s)
                i += 1
            else:
                raise fail(f"flag needs an argument: '{c}' in -{shorthands}")
            break
    return Parsed(values, changed, args)
