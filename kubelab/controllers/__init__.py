"""kube-controller-manager and its controllers, one sub-package per controller.

Upstream: cmd/kube-controller-manager, pkg/controller
"""
