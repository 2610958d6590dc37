"""The `kubelab` command line.

kubelab-only: entry points for the course (``kubelab lab``) and version information.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys

from kubelab import __version__
from kubelab.upstream import KUBERNETES_VERSION


def _notebooks_dir() -> pathlib.Path:
    here = pathlib.Path(__file__).resolve().parent.parent / "notebooks"
    return here if here.is_dir() else pathlib.Path.cwd()


def cmd_version(_: argparse.Namespace) -> int:
    print(f"kubelab {__version__}")
    print(f"Kubernetes {KUBERNETES_VERSION} (mirrored)")
    return 0


def cmd_lab(args: argparse.Namespace) -> int:
    """Open the course in JupyterLab."""
    argv = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={_notebooks_dir()}", *args.rest]
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kubelab", description=(
        "kubelab: learn Kubernetes internals on a simulated cluster."))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    v = sub.add_parser("version", help="print kubelab's version and the Kubernetes version it mirrors")
    v.set_defaults(func=cmd_version)
    lab = sub.add_parser("lab", help="open the course in JupyterLab")
    lab.add_argument("rest", nargs=argparse.REMAINDER, help="arguments passed to JupyterLab")
    lab.set_defaults(func=cmd_lab)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
