"""The `kubelab` console script."""

import subprocess
import sys

from kubelab.cli import main


def test_version_prints_kubelab_and_the_mirrored_kubernetes_version(capsys):
    assert main(["version"]) == 0
    assert capsys.readouterr().out == "kubelab 0.1.0\nKubernetes v1.34.1 (mirrored)\n"


def test_help_lists_the_commands():
    r = subprocess.run([sys.executable, "-m", "kubelab", "--help"], capture_output=True, text=True, check=True)
    assert r.stdout.startswith("usage: kubelab")
    assert "version" in r.stdout and "lab" in r.stdout
