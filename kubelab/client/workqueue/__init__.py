"""Work queues: the hand-off between informer event handlers and controller workers.

Upstream: staging/src/k8s.io/client-go/util/workqueue
"""

from kubelab.client.workqueue.default_rate_limiters import (
    BucketRateLimiter,
    ItemExponentialFailureRateLimiter,
    ItemFastSlowRateLimiter,
    Limiter,
    MaxOfRateLimiter,
    RateLimiter,
    WithMaxWaitRateLimiter,
    default_controller_rate_limiter,
    default_item_based_rate_limiter,
)
from kubelab.client.workqueue.delaying_queue import (
    DelayingType,
    new_delaying_queue,
    new_delaying_queue_with_config,
)
from kubelab.client.workqueue.queue import Type, new, new_named, new_with_config
from kubelab.client.workqueue.rate_limiting_queue import (
    RateLimitingType,
    new_rate_limiting_queue,
    new_rate_limiting_queue_with_config,
)

__all__ = [
    "BucketRateLimiter",
    "DelayingType",
    "ItemExponentialFailureRateLimiter",
    "ItemFastSlowRateLimiter",
    "Limiter",
    "MaxOfRateLimiter",
    "RateLimiter",
    "RateLimitingType",
    "Type",
    "WithMaxWaitRateLimiter",
    "default_controller_rate_limiter",
    "default_item_based_rate_limiter",
    "new",
    "new_delaying_queue",
    "new_delaying_queue_with_config",
    "new_named",
    "new_rate_limiting_queue",
    "new_rate_limiting_queue_with_config",
    "new_with_config",
]
