"""The admission plugins kubelab runs, named and ordered as kube-apiserver's.

Upstream: plugin/pkg/admission, staging/src/k8s.io/apiserver/pkg/admission/plugin
"""
