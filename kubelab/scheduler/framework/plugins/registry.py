"""Every in-tree plugin by name.

Upstream: pkg/scheduler/framework/plugins/registry.go
"""

from __future__ import annotations

from kubelab.scheduler.framework.plugins import names
from kubelab.scheduler.framework.plugins.defaultbinder import default_binder
from kubelab.scheduler.framework.plugins.defaultpreemption import default_preemption
from kubelab.scheduler.framework.plugins.imagelocality import image_locality
from kubelab.scheduler.framework.plugins.interpodaffinity import plugin as interpodaffinity
from kubelab.scheduler.framework.plugins.nodeaffinity import node_affinity
from kubelab.scheduler.framework.plugins.nodename import node_name
from kubelab.scheduler.framework.plugins.nodeports import node_ports
from kubelab.scheduler.framework.plugins.noderesources import balanced_allocation, fit
from kubelab.scheduler.framework.plugins.nodeunschedulable import node_unschedulable
from kubelab.scheduler.framework.plugins.podtopologyspread import plugin as podtopologyspread
from kubelab.scheduler.framework.plugins.queuesort import priority_sort
from kubelab.scheduler.framework.plugins.schedulinggates import scheduling_gates
from kubelab.scheduler.framework.plugins.tainttoleration import taint_toleration
from kubelab.scheduler.framework.plugins.volumebinding import volume_binding
from kubelab.scheduler.framework.plugins.volumerestrictions import volume_restrictions
from kubelab.scheduler.framework.plugins.volumezone import volume_zone
from kubelab.scheduler.framework.runtime.registry import Registry


def new_in_tree_registry() -> Registry:
    """Mirrors: pkg/scheduler/framework/plugins/registry.go :: NewInTreeRegistry

    Differences: no DynamicResources and no NodeVolumeLimits (CSI attach limits).
    """
    return Registry({
        names.SCHEDULING_GATES: scheduling_gates.new,
        names.PRIORITY_SORT: priority_sort.new,
        names.NODE_UNSCHEDULABLE: node_unschedulable.new,
        names.NODE_NAME: node_name.new,
        names.TAINT_TOLERATION: taint_toleration.new,
        names.NODE_AFFINITY: node_affinity.new,
        names.NODE_PORTS: node_ports.new,
        names.NODE_RESOURCES_FIT: fit.new,
        names.NODE_RESOURCES_BALANCED_ALLOCATION: balanced_allocation.new,
        names.VOLUME_RESTRICTIONS: volume_restrictions.new,
        names.VOLUME_BINDING: volume_binding.new,
        names.VOLUME_ZONE: volume_zone.new,
        names.POD_TOPOLOGY_SPREAD: podtopologyspread.new,
        names.INTER_POD_AFFINITY: interpodaffinity.new,
        names.IMAGE_LOCALITY: image_locality.new,
        names.DEFAULT_PREEMPTION: default_preemption.new,
        names.DEFAULT_BINDER: default_binder.new,
    })
