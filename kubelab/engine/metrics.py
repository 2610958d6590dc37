"""Prometheus-style metrics: counters, gauges and histograms under upstream's names.

Upstream: staging/src/k8s.io/component-base/metrics (the registry), and the metric
definitions in apiserver/pkg/endpoints/metrics, apiserver/pkg/storage/etcd3/metrics and
client-go/util/workqueue/metrics.go. kubelab-only: values are simulated seconds.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import Any

# apiserver_request_duration_seconds and etcd_request_duration_seconds share these.
REQUEST_BUCKETS = (0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8,
                   10, 15, 20, 30, 45, 60)
# workqueue_*_duration_seconds: prometheus.ExponentialBuckets(10e-9, 10, 10).
WORKQUEUE_BUCKETS = tuple(10e-9 * 10**i for i in range(10))


class _Metric:
    type = ""

    def __init__(self, name: str, help: str, labels: Sequence[str]) -> None:
        self.name = name
        self.help = help
        self.label_names = tuple(labels)

    def _key(self, labels: dict[str, str] | None, values: tuple[str, ...]) -> tuple[str, ...]:
        if values:
            return values
        if labels is None:
            return ()
        return tuple(str(labels.get(n, "")) for n in self.label_names)


class Counter(_Metric):
    type = "counter"

    def __init__(self, name: str, help: str, labels: Sequence[str] = ()) -> None:
        super().__init__(name, help, labels)
        self.values: dict[tuple[str, ...], float] = {}

    def inc(self, *values: str, amount: float = 1.0, labels: dict[str, str] | None = None) -> None:
        k = self._key(labels, values)
        self.values[k] = self.values.get(k, 0.0) + amount

    def get(self, *values: str) -> float:
        return self.values.get(tuple(values), 0.0)

    def samples(self) -> list[tuple[str, tuple[str, ...], float]]:
        return [(self.name, k, v) for k, v in sorted(self.values.items())]


class Gauge(Counter):
    type = "gauge"

    def set(self, value: float, *values: str, labels: dict[str, str] | None = None) -> None:
        self.values[self._key(labels, values)] = value

    def dec(self, *values: str, amount: float = 1.0) -> None:
        self.inc(*values, amount=-amount)


class Histogram(_Metric):
    type = "histogram"

    def __init__(self, name: str, help: str, labels: Sequence[str] = (),
                 buckets: Sequence[float] = REQUEST_BUCKETS) -> None:
        super().__init__(name, help, labels)
        self.buckets = tuple(buckets)
        self.series: dict[tuple[str, ...], list[Any]] = {}  # key -> [bucket counts, sum, count]

    def observe(self, value: float, *values: str, labels: dict[str, str] | None = None) -> None:
        k = self._key(labels, values)
        s = self.series.get(k)
        if s is None:
            s = self.series[k] = [[0] * len(self.buckets), 0.0, 0]
        i = bisect.bisect_left(self.buckets, value)
        if i < len(self.buckets):
            s[0][i] += 1
        s[1] += value
        s[2] += 1

    def count(self, *values: str) -> int:
        s = self.series.get(tuple(values))
        return s[2] if s else 0

    def sum(self, *values: str) -> float:
        s = self.series.get(tuple(values))
        return s[1] if s else 0.0

    def samples(self) -> list[tuple[str, tuple[str, ...], float]]:
        out: list[tuple[str, tuple[str, ...], float]] = []
        for k, (counts, total, n) in sorted(self.series.items()):
            cum = 0
            for b, c in zip(self.buckets, counts, strict=True):
                cum += c
                out.append((self.name + "_bucket", (*k, _fmt(b)), float(cum)))
            out.append((self.name + "_bucket", (*k, "+Inf"), float(n)))
            out.append((self.name + "_sum", k, total))
            out.append((self.name + "_count", k, float(n)))
        return out


def _fmt(v: float) -> str:
    if math.isinf(v):
        return "+Inf"
    return repr(float(v)).rstrip("0").rstrip(".") if "e" not in repr(float(v)) else repr(float(v))


class Registry:
    """All metrics of one simulated cluster, by name."""

    def __init__(self) -> None:
        self.metrics: dict[str, _Metric] = {}

    def _get(self, cls: type, name: str, help: str, labels: Sequence[str], **kw: Any) -> Any:
        m = self.metrics.get(name)
        if m is None:
            m = self.metrics[name] = cls(name, help, labels, **kw)
        return m

    def counter(self, name: str, help: str = "", labels: Sequence[str] = ()) -> Counter:
        return self._get(Counter, name, help, labels)

    def gauge(self, name: str, help: str = "", labels: Sequence[str] = ()) -> Gauge:
        return self._get(Gauge, name, help, labels)

    def histogram(self, name: str, help: str = "", labels: Sequence[str] = (),
                  buckets: Sequence[float] = REQUEST_BUCKETS) -> Histogram:
        return self._get(Histogram, name, help, labels, buckets=buckets)

    def _label_names(self, m: _Metric, sample_name: str) -> tuple[str, ...]:
        if isinstance(m, Histogram) and sample_name.endswith("_bucket"):
            return (*m.label_names, "le")
        return m.label_names

    def text(self) -> str:
        """The Prometheus text exposition format (what /metrics serves)."""
        lines: list[str] = []
        for name in sorted(self.metrics):
            m = self.metrics[name]
            lines.append(f"# HELP {name} {m.help}")
            lines.append(f"# TYPE {name} {m.type}")
            for sname, values, v in m.samples():  # type: ignore[attr-defined]
                names = self._label_names(m, sname)
                lbl = ",".join(f'{n}="{x}"' for n, x in zip(names, values, strict=True))
                lines.append(f"{sname}{{{lbl}}} {_num(v)}" if lbl else f"{sname} {_num(v)}")
        return "\n".join(lines) + "\n"

    def frame(self) -> Any:
        """Every sample as a DataFrame: name, labels (dict), value."""
        import pandas as pd

        rows = []
        for name in sorted(self.metrics):
            m = self.metrics[name]
            for sname, values, v in m.samples():  # type: ignore[attr-defined]
                names = self._label_names(m, sname)
                rows.append({"metric": sname, "type": m.type,
                             "labels": dict(zip(names, values, strict=True)), "value": v})
        return pd.DataFrame(rows, columns=["metric", "type", "labels", "value"])


def _num(v: float) -> str:
    if v == int(v):
        return str(int(v))
    return repr(v)
