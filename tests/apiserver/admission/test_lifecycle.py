"""NamespaceLifecycle."""

from __future__ import annotations

import pytest

from kubelab.api.errors import Forbidden, NotFound
from kubelab.apiserver.admission.plugin.lifecycle import Lifecycle

from .conftest import FakeContext, attrs, namespace, pod


def test_create_in_missing_namespace_is_not_found(ctx):
    with pytest.raises(NotFound) as ei:
        Lifecycle().admit(attrs("CREATE", "pods", pod(ns="x"), namespace="x"), ctx)
    assert ei.value.message == 'namespaces "x" not found'


def test_create_in_terminating_namespace_is_forbidden():
    ctx = FakeContext([namespace("old", phase="Terminating")])
    with pytest.raises(Forbidden) as ei:
        Lifecycle().admit(attrs("CREATE", "pods", pod(ns="old"), namespace="old"), ctx)
    assert ei.value.message == ('pods "web" is forbidden: unable to create new content in namespace old '
                                "because it is being terminated")
    assert ei.value.causes == [{"reason": "NamespaceTerminating", "message": "namespace old is being terminated",
                                "field": "metadata.namespace"}]


@pytest.mark.parametrize("name", ["default", "kube-system", "kube-public"])
def test_immortal_namespaces_cannot_be_deleted(ctx, name):
    with pytest.raises(Forbidden) as ei:
        Lifecycle().admit(attrs("DELETE", "namespaces", None, namespace="", name=name), ctx)
    assert ei.value.message == f'namespaces "{name}" is forbidden: this namespace may not be deleted'


@pytest.mark.parametrize(("op", "resource", "ns", "state"), [
    pytest.param("DELETE", "namespaces", "", "Active", id="deleting a namespace"),
    pytest.param("CREATE", "namespaces", "", "Active", id="creating a namespace"),
    pytest.param("DELETE", "pods", "old", "Terminating", id="deleting content of a terminating namespace"),
    pytest.param("UPDATE", "pods", "old", "Terminating", id="updating content of a terminating namespace"),
    pytest.param("CREATE", "nodes", "", "Active", id="cluster-scoped resources"),
    pytest.param("CREATE", "pods", "old", "Active", id="active namespace"),
])
def test_allowed(op, resource, ns, state):
    ctx = FakeContext([namespace("old", phase=state)])
    obj = pod(ns=ns) if resource == "pods" else {"metadata": {"name": "n"}}
    Lifecycle().admit(attrs(op, resource, obj, namespace=ns, name="n"), ctx)


def test_update_in_missing_namespace_is_not_found(ctx):
    with pytest.raises(NotFound):
        Lifecycle().admit(attrs("UPDATE", "pods", pod(ns="gone"), namespace="gone"), ctx)
