"""ImageLocality (image_locality_test.go)."""

from kubelab.scheduler.framework.plugins.imagelocality.image_locality import (
    ImageLocality,
    calculate_priority,
    normalized_image_name,
)

from ....wrappers import FakeHandle, container, make_node, make_pod, new_state, snapshot

MB = 1024 * 1024


def test_normalized_image_name_adds_latest():
    assert normalized_image_name("gcr.io/10") == "gcr.io/10:latest"
    assert normalized_image_name("gcr.io:5000/10") == "gcr.io:5000/10:latest"
    assert normalized_image_name("gcr.io/10:v1") == "gcr.io/10:v1"


def test_calculate_priority_clamps_to_thresholds():
    assert calculate_priority(0, 1) == 0
    assert calculate_priority(1000 * MB, 1) == 100
    assert calculate_priority(300 * MB, 1) == 100 * (300 - 23) // (1000 - 23)


def test_spread_scales_by_the_fraction_of_nodes_holding_the_image():
    # "two images spread on two nodes, prefer the larger image one": 40MB on both nodes, 300MB on one.
    img40 = {"names": ["gcr.io/40:latest"], "sizeBytes": 40 * MB}
    img300 = {"names": ["gcr.io/300:latest"], "sizeBytes": 300 * MB}
    snap = snapshot([], [make_node("m1", images=[img40, img300]), make_node("m2", images=[img40])])
    pl = ImageLocality(FakeHandle(snap))
    pod = make_pod("p", containers=[container(image="gcr.io/40"), container(image="gcr.io/300", name="d")])
    got = {ni.node_name: pl.score(new_state(), pod, ni)[0] for ni in snap.list()}
    # m1: 40MB * 2/2 + 300MB * 1/2 = 190MB -> 100 * (190 - 23) / (2000 - 23)
    assert got == {"m1": 100 * (190 * MB - 23 * MB) // (2000 * MB - 23 * MB), "m2": 0}


def test_the_cache_counts_image_holders_when_a_node_is_added():
    from kubelab.engine import Env
    from kubelab.scheduler.backend.cache.cache import Cache

    img = [{"names": ["gcr.io/40:latest"], "sizeBytes": 40 * MB}]
    cache = Cache(Env(0))
    cache.add_node(make_node("m1", images=img))
    cache.add_node(make_node("m2", images=img))
    # As upstream's cache: m1's summary was made when it was the only holder.
    assert cache.nodes["m1"].info.image_states["gcr.io/40:latest"].num_nodes == 1
    assert cache.nodes["m2"].info.image_states["gcr.io/40:latest"].num_nodes == 2
