"""The parts of k8s.io/component-helpers the scheduler relies on.

Upstream: staging/src/k8s.io/component-helpers (resource, scheduling/corev1)
"""
