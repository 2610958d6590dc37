"""Validation of the core/v1 kinds (Pod, Service, Namespace, ConfigMap, ...).

Upstream: pkg/apis/core/validation/validation.go (split by topic into the modules here).
"""
