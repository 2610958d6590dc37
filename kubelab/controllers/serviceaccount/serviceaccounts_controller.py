"""Creates the ``default`` ServiceAccount in every active namespace.

Upstream: pkg/controller/serviceaccount/serviceaccounts_controller.go
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from kubelab.api import errors
from kubelab.client.cache.factory import SharedInformerFactory, wait_for_cache_sync
from kubelab.client.workqueue.default_rate_limiters import default_controller_rate_limiter
from kubelab.client.workqueue.rate_limiting_queue import new_rate_limiting_queue_with_config
from kubelab.controllers.controller_utils import run_workers

Obj = dict[str, Any]
COMPONENT = "service-account-controller"


class ServiceAccountsController:
    """Mirrors: serviceaccounts_controller.go :: ServiceAccountsController"""

    def __init__(self, client: Any, factory: SharedInformerFactory, service_accounts: tuple[str, ...] = ("default",)) -> None:
        self.client = client
        self.env = client.env
        self.service_accounts_to_ensure = service_accounts
        self.sa_informer = factory.informer_for("serviceaccounts")
        self.ns_informer = factory.informer_for("namespaces")
        self.sa_informer.add_event_handler(on_delete=self.service_account_deleted)
        self.ns_informer.add_event_handler(on_add=self.namespace_added, on_update=self.namespace_updated)
        self.queue = new_rate_limiting_queue_with_config(self.env, default_controller_rate_limiter(self.env),
                                                         name="serviceaccount")
        self._synced = (self.sa_informer.has_synced, self.ns_informer.has_synced)

    # handlers only enqueue keys
    def service_account_deleted(self, obj: Obj) -> None:
        sa = getattr(obj, "obj", obj)
        self.queue.add(sa["metadata"].get("namespace", ""))

    def namespace_added(self, obj: Obj) -> None:
        self.queue.add(obj["metadata"]["name"])

    def namespace_updated(self, old: Obj, new: Obj) -> None:
        self.queue.add(new["metadata"]["name"])

    def run(self, workers: int = 1) -> Generator[Any, Any, None]:
        synced = yield from wait_for_cache_sync(self.env, None, *self._synced)
        if synced:
            run_workers(self.env, self.queue, self.sync_namespace, workers)

    def sync_namespace(self, key: str) -> Generator[Any, Any, Exception | None]:
        """Mirrors: serviceaccounts_controller.go :: (*ServiceAccountsController).syncNamespace"""
        ns, found = self.ns_informer.get_by_key(key)
        if not found or ns["metadata"].get("deletionTimestamp") or (ns.get("status") or {}).get("phase") != "Active":
            return None
        for name in self.service_accounts_to_ensure:
            if self.sa_informer.get_by_key(f"{key}/{name}")[1]:
                continue
            sa = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": key}}
            try:
                yield from self.client.create("serviceaccounts", sa, key)
            except errors.ApiError as e:
                if e.reason not in ("AlreadyExists", "Forbidden"):
                    return e
        return None
