"""kube-apiserver's main: builds the server chain and runs it.

Upstream: cmd/kube-apiserver/app
"""
