"""The discrete-event engine: SimPy environment, clock, seeded randomness, trace, metrics.

kubelab-only: the runtime every simulated component shares.
"""

from kubelab.engine.env import Env
from kubelab.engine.latency import LatencyModel
from kubelab.engine.trace import Trace

__all__ = ["Env", "LatencyModel", "Trace"]
