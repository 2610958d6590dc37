"""Admission: mutating then validating plugins between authorization and storage.

Upstream: staging/src/k8s.io/apiserver/pkg/admission, plugin/pkg/admission
"""
