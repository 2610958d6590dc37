"""``kubelab serve``: a cluster for the real kubectl from the command line, until it is stopped."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from .helpers import DEPLOY, Kubectl


@pytest.fixture
def serve(tmp_path):
    procs: list[subprocess.Popen[str]] = []

    def start(*args: str) -> tuple[subprocess.Popen[str], str]:
        p = subprocess.Popen([sys.executable, "-m", "kubelab", "serve", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        procs.append(p)
        assert p.stdout is not None
        return p, p.stdout.readline().strip()

    yield start
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()


def test_serve_prints_the_kubeconfig_and_serves_until_stopped(serve, tmp_path):
    (tmp_path / "web.yaml").write_text(DEPLOY)
    p, kubeconfig = serve("--nodes", "2", "--seed", "3", "--speed", "20", "web.yaml")
    assert pathlib.Path(kubeconfig).is_file()
    k = Kubectl(kubeconfig, tmp_path)
    nodes = k("get nodes -o name")
    assert (nodes.exit_code, nodes.stdout) == (0, "node/node-1\nnode/node-2\n")
    assert k("get deploy web -o name").stdout == "deployment.apps/web\n"
    time.sleep(1.0)  # twenty simulated seconds
    age = k("get deploy web --no-headers").stdout.split()[-1]
    assert age.endswith("s") and int(age[:-1]) >= 15, age
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=10) == 0
    assert not os.path.exists(kubeconfig)
    err = p.stderr.read() if p.stderr else ""
    assert "deployment.apps/web created" in err
    assert "serving 2 nodes (seed 3) at https://127.0.0.1:" in err


def test_serve_writes_the_kubeconfig_where_asked_and_can_stop_the_clock(serve, tmp_path):
    p, kubeconfig = serve("--nodes", "1", "--speed", "0", "--kubeconfig", str(tmp_path / "kc"))
    assert kubeconfig == str(tmp_path / "kc")
    k = Kubectl(kubeconfig, tmp_path)
    first = k("get nodes --no-headers").stdout
    time.sleep(1.2)
    assert k("get nodes --no-headers").stdout == first  # stepped: the age does not move
    p.send_signal(signal.SIGINT)
    assert p.wait(timeout=10) == 0
    assert os.path.exists(kubeconfig)  # a file the user named is left in place
