"""The kubelet: node registration and status (the sync loop and runtime arrive later).

Upstream: pkg/kubelet
"""
