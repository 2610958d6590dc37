"""The `kubelab` command line.

kubelab-only: entry points for the course (``kubelab lab``), a served cluster for the real
kubectl (``kubelab serve``) and version information.
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


def _manifest_paths(items: list[str]) -> list[pathlib.Path]:
    out: list[pathlib.Path] = []
    for item in items:
        p = pathlib.Path(item)
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml", ".json")))
        else:
            out.append(p)
    return out


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a simulated cluster's API for the real kubectl until interrupted."""
    import signal
    import threading

    from kubelab.cluster import Cluster

    c = Cluster(nodes=args.nodes, seed=args.seed)
    for path in _manifest_paths(args.manifests):
        for line in c.apply(path):
            print(line, file=sys.stderr)
    s = c.serve(args.port, speed=args.speed or None, host=args.host, kubeconfig=args.kubeconfig)
    pace = f"{args.speed:g}x real time" if args.speed else "stepped (time does not move)"
    print(s.kubeconfig, flush=True)
    print(f"kubelab: serving {len(c.nodes)} nodes (seed {args.seed}) at {s.url}, {pace}; Ctrl-C stops.\n"
          f"  export KUBECONFIG={s.kubeconfig}", file=sys.stderr, flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    s.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kubelab", description=(
        "kubelab: learn Kubernetes internals on a simulated cluster."))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    v = sub.add_parser("version", help="print kubelab's version and the Kubernetes version it mirrors")
    v.set_defaults(func=cmd_version)
    lab = sub.add_parser("lab", help="open the course in JupyterLab")
    lab.add_argument("rest", nargs=argparse.REMAINDER, help="arguments passed to JupyterLab")
    lab.set_defaults(func=cmd_lab)
    srv = sub.add_parser("serve", help="serve a simulated cluster's API for the real kubectl; prints the kubeconfig path")
    srv.add_argument("--nodes", type=int, default=3, help="number of nodes (default 3)")
    srv.add_argument("--seed", type=int, default=0, help="the seed that decides everything (default 0)")
    srv.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    srv.add_argument("--speed", type=float, default=1.0,
                     help="simulated seconds per wall second (default 1; 0 stops the clock)")
    srv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    srv.add_argument("--kubeconfig", default=None, help="where to write the kubeconfig (default: a temporary file)")
    srv.add_argument("manifests", nargs="*", help="YAML files or directories applied before serving")
    srv.set_defaults(func=cmd_serve)
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
