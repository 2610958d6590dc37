"""Job storage: the generated selector and its labels.

Upstream: pkg/registry/batch/job/strategy.go
"""

from __future__ import annotations

from typing import Any

from kubelab.api import field as fld
from kubelab.apiserver.registry.rest import RequestContext
from kubelab.apiserver.registry.strategy import Strategy

Obj = dict[str, Any]

CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid"
LEGACY_CONTROLLER_UID_LABEL = "controller-uid"
JOB_NAME_LABEL = "batch.kubernetes.io/job-name"
LEGACY_JOB_NAME_LABEL = "job-name"


def generate_selector(job: Obj) -> None:
    """Label the template with the job's uid and name and select on the uid.

    Mirrors: job/strategy.go :: generateSelector
    """
    meta = job["metadata"]
    spec = job.setdefault("spec", {})
    tmpl_meta = spec.setdefault("template", {}).setdefault("metadata", {})
    labels = tmpl_meta.get("labels")
    if labels is None:
        labels = tmpl_meta["labels"] = {}
    uid, name = meta.get("uid", ""), meta.get("name", "")
    labels.setdefault(LEGACY_CONTROLLER_UID_LABEL, uid)
    labels.setdefault(LEGACY_JOB_NAME_LABEL, name)
    labels.setdefault(CONTROLLER_UID_LABEL, uid)
    labels.setdefault(JOB_NAME_LABEL, name)
    if spec.get("selector") is None:
        spec["selector"] = {"matchLabels": {CONTROLLER_UID_LABEL: uid}}
    else:
        ml = spec["selector"].setdefault("matchLabels", {})
        ml.setdefault(CONTROLLER_UID_LABEL, uid)


class JobStrategy(Strategy):
    """Mirrors: job/strategy.go :: jobStrategy"""

    def validate(self, ctx: RequestContext, obj: Obj) -> fld.ErrorList:
        if not (obj.get("spec") or {}).get("manualSelector"):
            generate_selector(obj)
        return super().validate(ctx, obj)
