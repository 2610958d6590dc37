"""API machinery: errors, quantities, selectors, defaulting, validation, patches, the served kinds.

Upstream: staging/src/k8s.io/apimachinery, pkg/apis
"""
