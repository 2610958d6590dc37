"""The house rules CI keeps true: lint, types, layering, file size, no stubs."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_ruff_finds_nothing():
    r = run(str(BIN / "ruff"), "check", "kubelab", "tests", "benchmarks", "tools")
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_finds_nothing_in_the_package():
    r = run(sys.executable, "-m", "mypy")
    assert r.returncode == 0, r.stdout + r.stderr


def test_layers_point_down():
    r = run(str(BIN / "lint-imports"))
    assert r.returncode == 0, r.stdout + r.stderr


def test_no_module_is_over_the_size_limit():
    big = [f"{p.relative_to(ROOT)} ({n} lines)" for p in sorted((ROOT / "kubelab").rglob("*.py"))
           if (n := len(p.read_text().splitlines())) > 600]
    assert not big, big


def test_no_stubs_are_left_in_the_package():
    pattern = re.compile(r"NotImplementedError|TODO|FIXME|XXX")
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "kubelab").rglob("*.py"))
            for i, line in enumerate(p.read_text().splitlines(), 1) if pattern.search(line)]
    assert not hits, hits
