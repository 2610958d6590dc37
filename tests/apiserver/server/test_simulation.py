"""Serving a cluster shares one simulation safely: stepped or real time, and nothing else changes."""

from __future__ import annotations

import time

import pandas as pd

from kubelab.cluster import Cluster

DEPLOY = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
"""


def test_stepped_time_moves_only_on_run(fast):
    s = fast.serve()
    t0 = fast.now
    time.sleep(0.2)
    assert fast.now == t0
    fast.run(5)
    assert fast.now == t0 + 5
    assert s.speed is None


def test_real_time_advances_the_clock_at_the_chosen_speed(fast):
    s = fast.serve(speed=100)
    t0 = fast.now
    time.sleep(0.3)
    moved = fast.now - t0
    assert 10 < moved < 100, moved
    s.set_speed(None)
    t1 = fast.now
    time.sleep(0.1)
    assert fast.now == t1


def test_serving_changes_nothing_the_simulation_records():
    """The run is cut into slices while served; the trace must be the same as unserved."""
    plain, served = Cluster(nodes=2, seed=7), Cluster(nodes=2, seed=7)
    s = served.serve()
    try:
        for c in (plain, served):
            c.apply(DEPLOY)
            c.run(3.3)
            c.delete("deployment", "web")
            c.run(2)
        pd.testing.assert_frame_equal(plain.trace, served.trace)
        assert plain.now == served.now
    finally:
        s.stop()


def test_serve_again_returns_the_running_server_with_the_new_speed(fast):
    s = fast.serve()
    assert fast.serve(speed=2) is s
    assert s.speed == 2
    s.stop()
    assert fast.serve() is not s


def test_stop_gives_the_simulation_back(fast):
    run, handle = fast.env.run, fast.apiserver.handle
    s = fast.serve(speed=10)
    assert fast.env.run != run and fast.apiserver.handle != handle
    s.stop()
    assert fast.env.run == run and fast.apiserver.handle == handle
    t0 = fast.now
    time.sleep(0.1)
    assert fast.now == t0
    assert "stopped" in repr(s)


def test_serving_unpacks_to_url_and_kubeconfig(fast):
    url, kubeconfig = fast.serve()
    assert url.startswith("https://127.0.0.1:")
    assert open(kubeconfig).read().startswith("apiVersion: v1\nkind: Config\n")
