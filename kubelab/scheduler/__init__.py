"""kube-scheduler: the scheduling queue, the cache, the plugin framework and its plugins.

Upstream: pkg/scheduler
"""

from kubelab.scheduler.scheduler import Scheduler, load_config

__all__ = ["Scheduler", "load_config"]
