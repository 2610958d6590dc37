"""Client machinery: a client per identity, informers, work queues, events, leader election.

Upstream: staging/src/k8s.io/client-go
"""
