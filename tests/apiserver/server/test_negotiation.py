"""Which representation an Accept header gets: JSON, YAML, Tables, partial metadata, or 406."""

import pytest

from kubelab.api import errors
from kubelab.apiserver.server import negotiation
from kubelab.apiserver.server.negotiation import Target

TABLE_V1 = "application/json;as=Table;v=v1;g=meta.k8s.io"
TABLE_V1BETA1 = "application/json;as=Table;v=v1beta1;g=meta.k8s.io"
DISCOVERY_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"


@pytest.mark.parametrize(("accept", "reads", "want"), [
    pytest.param("", True, Target(), id="no Accept is JSON"),
    pytest.param("application/json", True, Target(), id="python client"),
    pytest.param("application/json, */*", False, Target(), id="kubectl get --raw"),
    pytest.param(f"{TABLE_V1},{TABLE_V1BETA1},application/json", True, Target("application/json", "Table", "v1"),
                 id="kubectl get asks for a v1 Table"),
    pytest.param(f"{TABLE_V1BETA1},application/json", True, Target("application/json", "Table", "v1beta1"),
                 id="old kubectl asks for a v1beta1 Table"),
    pytest.param(f"{TABLE_V1},application/json", False, Target(), id="a write never answers with a Table"),
    pytest.param("application/vnd.kubernetes.protobuf,application/json", True,
                 Target("application/vnd.kubernetes.protobuf"), id="typed clients list protobuf first"),
    pytest.param(f"{DISCOVERY_V2},application/json", False, Target(), id="discovery falls through to JSON"),
    pytest.param("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", True,
                 Target("application/json", "PartialObjectMetadataList", "v1"), id="metadata informers"),
    pytest.param("application/json;as=Table;v=v2;g=meta.k8s.io,application/json", True, Target(),
                 id="an unknown Table version is skipped"),
    pytest.param("application/yaml", True, Target("application/yaml"), id="YAML"),
    pytest.param("text/html;q=0.9,application/json;q=1.0", True, Target(), id="q-values order the ranges"),
])
def test_negotiate_output_picks_the_first_servable_representation(accept, reads, want):
    assert negotiation.negotiate_output(accept, endpoint_transforms=reads) == want


def test_nothing_servable_is_406_with_upstreams_message():
    with pytest.raises(errors.ApiError) as e:
        negotiation.negotiate_output("text/html", endpoint_transforms=True)
    assert e.value.code == 406
    assert e.value.status["message"] == ("only the following media types are accepted: application/json, "
                                         "application/yaml, application/vnd.kubernetes.protobuf")


@pytest.mark.parametrize(("target", "want"), [
    (Target(), "application/json"),
    (Target("application/vnd.kubernetes.protobuf"), "application/json"),
    (Target("application/json", "Table", "v1"), "application/json;as=Table;v=v1;g=meta.k8s.io"),
    (Target("application/yaml"), "application/yaml"),
])
def test_content_type_names_the_conversion(target, want):
    assert negotiation.content_type(target) == want
