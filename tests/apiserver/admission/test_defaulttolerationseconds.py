"""DefaultTolerationSeconds (cases from upstream's admission_test.go)."""

from __future__ import annotations

import pytest

from kubelab.apiserver.admission.plugin.defaulttolerationseconds import DefaultTolerationSeconds

from .conftest import attrs, pod

NOT_READY = {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
             "tolerationSeconds": 300}
UNREACHABLE = {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
               "tolerationSeconds": 300}
OTHER = {"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoSchedule"}


@pytest.mark.parametrize(("given", "want"), [
    pytest.param([], [NOT_READY, UNREACHABLE],
                 id="pod has no tolerations, expect add tolerations for `not-ready:NoExecute` and "
                    "`unreachable:NoExecute`"),
    pytest.param([OTHER], [OTHER, NOT_READY, UNREACHABLE],
                 id="pod has tolerations, but none is for taint `not-ready:NoExecute` or `unreachable:NoExecute`"),
    pytest.param([{**NOT_READY, "tolerationSeconds": 700}], [{**NOT_READY, "tolerationSeconds": 700}, UNREACHABLE],
                 id="pod specified a toleration for taint `not-ready:NoExecute`, expect add toleration for "
                    "`unreachable:NoExecute`"),
    pytest.param([{**UNREACHABLE, "tolerationSeconds": 700}], [{**UNREACHABLE, "tolerationSeconds": 700}, NOT_READY],
                 id="pod specified a toleration for taint `unreachable:NoExecute`, expect add toleration for "
                    "`not-ready:NoExecute`"),
    pytest.param([{"operator": "Exists"}], [{"operator": "Exists"}],
                 id="pod specified toleration for all taints, expect no change"),
    pytest.param([{"key": "node.kubernetes.io/not-ready", "operator": "Exists"}],
                 [{"key": "node.kubernetes.io/not-ready", "operator": "Exists"}, UNREACHABLE],
                 id="pod specified toleration for `not-ready` of any effect"),
])
def test_default_toleration_seconds(ctx, given, want):
    p = pod(tolerations=given)
    DefaultTolerationSeconds().admit(attrs("CREATE", "pods", p), ctx)
    assert p["spec"]["tolerations"] == want


def test_subresources_and_other_resources_are_ignored(ctx):
    p = pod()
    DefaultTolerationSeconds().admit(attrs("UPDATE", "pods", p, subresource="status"), ctx)
    assert "tolerations" not in p["spec"]
