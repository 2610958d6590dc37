"""Publishes the cluster CA bundle as the ``kube-root-ca.crt`` ConfigMap in every namespace.

Upstream: pkg/controller/certificates/rootcacertpublisher/publisher.go
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
ROOT_CA_CONFIG_MAP_NAME = "kube-root-ca.crt"
DESCRIPTION_ANNOTATION = "kubernetes.io/description"
DESCRIPTION = ("Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints "
               "such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across "
               "distributions of Kubernetes clusters.")
# kubelab-only: there is no real CA; the bundle is a fixed placeholder certificate text.
CA_BUNDLE = "-----BEGIN CERTIFICATE-----\nkubelab simulated cluster CA\n-----END CERTIFICATE-----\n"


class Publisher:
    """Mirrors: publisher.go :: Publisher (configMapDeleted/Updated, namespaceAdded/Updated, syncNamespace)"""

    def __init__(self, client: Any, factory: SharedInformerFactory, root_ca: str = CA_BUNDLE) -> None:
        self.client = client
        self.env = client.env
        self.root_ca = root_ca
        self.cm_informer = factory.informer_for("configmaps")
        self.ns_informer = factory.informer_for("namespaces")
        self.cm_informer.add_event_handler(on_update=self.config_map_updated, on_delete=self.config_map_deleted)
        self.ns_informer.add_event_handler(on_add=self.namespace_added, on_update=self.namespace_updated)
        self.queue = new_rate_limiting_queue_with_config(self.env, default_controller_rate_limiter(self.env),
                                                         name="root_ca_cert_publisher")
        self._synced = (self.cm_informer.has_synced, self.ns_informer.has_synced)

    def config_map_deleted(self, obj: Obj) -> None:
        cm = getattr(obj, "obj", obj)
        if cm["metadata"]["name"] == ROOT_CA_CONFIG_MAP_NAME:
            self.queue.add(cm["metadata"]["namespace"])

    def config_map_updated(self, old: Obj, new: Obj) -> None:
        if new["metadata"]["name"] == ROOT_CA_CONFIG_MAP_NAME:
            self.queue.add(new["metadata"]["namespace"])

    def namespace_added(self, obj: Obj) -> None:
        self.queue.add(obj["metadata"]["name"])

    def namespace_updated(self, old: Obj, new: Obj) -> None:
        if (new.get("status") or {}).get("phase") == "Active":
            self.queue.add(new["metadata"]["name"])

    def run(self, workers: int = 1) -> Generator[Any, Any, None]:
        synced = yield from wait_for_cache_sync(self.env, None, *self._synced)
        if synced:
            run_workers(self.env, self.queue, self.sync_namespace, workers)

    def sync_namespace(self, ns: str) -> Generator[Any, Any, Exception | None]:
        """Mirrors: publisher.go :: (*Publisher).syncNamespace"""
        nsobj, found = self.ns_informer.get_by_key(ns)
        if not found or (nsobj.get("status") or {}).get("phase") != "Active":
            return None
        cm, found = self.cm_informer.get_by_key(f"{ns}/{ROOT_CA_CONFIG_MAP_NAME}")
        data = {"ca.crt": self.root_ca}
        try:
            if not found:
                yield from self.client.create("configmaps", {
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": ROOT_CA_CONFIG_MAP_NAME, "namespace": ns,
                                 "annotations": {DESCRIPTION_ANNOTATION: DESCRIPTION}},
                    "data": data}, ns)
                return None
            if cm.get("data") == data and (cm["metadata"].get("annotations") or {}).get(DESCRIPTION_ANNOTATION) == DESCRIPTION:
                return None
            new = {**cm, "data": data,
                   "metadata": {**cm["metadata"], "annotations": {**(cm["metadata"].get("annotations") or {}),
                                                                  DESCRIPTION_ANNOTATION: DESCRIPTION}}}
            yield from self.client.update("configmaps", new, ns)
        except errors.ApiError as e:
            if e.reason in ("NotFound", "AlreadyExists"):
                return None
            return e
        return None
