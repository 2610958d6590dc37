"""kube-controller-manager: shared informers, one client per controller, the controllers.

Upstream: cmd/kube-controller-manager/app/controllermanager.go (Run, StartControllers,
NewControllerDescriptors) and its --use-service-account-credentials client builder
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubelab.client.cache.factory import SharedInformerFactory
from kubelab.controllers.certificates.rootcacertpublisher import Publisher
from kubelab.controllers.serviceaccount.serviceaccounts_controller import ServiceAccountsController

COMPONENT = "kube-controller-manager"
# The controllers kubelab runs, by their --controllers names, with their service accounts.
CONTROLLERS = (
    ("serviceaccount-controller", "service-account-controller"),
    ("root-ca-certificate-publisher-controller", "root-ca-cert-publisher"),
)


class ControllerManager:
    """Starts each controller with its own service-account identity over shared informers.

    Mirrors: controllermanager.go :: Run -> StartControllers
    Differences: no leader election yet; controllers start at once.
    """

    def __init__(self, env: Any, client_for: Callable[[str], Any]) -> None:
        self.env = env
        self.client_for = client_for
        self.factory = SharedInformerFactory(client_for("kube-controller-manager"), component=COMPONENT)
        self.controllers: dict[str, Any] = {}

    def start(self) -> None:
        env = self.env
        for name, sa in CONTROLLERS:
            client = self.client_for(sa)
            if name == "serviceaccount-controller":
                ctrl: Any = ServiceAccountsController(client, self.factory)
            else:
                ctrl = Publisher(client, self.factory)
            self.controllers[name] = ctrl
            env.trace.record(COMPONENT, "StartControllers", message=f"Started {name}")
        self.factory.start()
        for ctrl in self.controllers.values():
            env.process(ctrl.run(1))
