"""Access reviews: "can this user do this?" answered by the authorizer (kubectl auth can-i).

Upstream: pkg/registry/authorization/subjectaccessreview/rest.go,
pkg/registry/authorization/selfsubjectaccessreview/rest.go,
pkg/registry/authorization/util/helpers.go,
pkg/apis/authorization/validation/validation.go
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from kubelab.api import errors, field
from kubelab.apiserver.authentication.user import UserInfo
from kubelab.apiserver.authorization.authorizer import (
    DECISION_ALLOW,
    DECISION_DENY,
    Attributes,
    Authorizer,
)

GROUP = "authorization.k8s.io"


def _match_all_version_if_empty(version: str) -> str:
    return version or "*"


def resource_attributes_from(user: UserInfo, ra: Mapping[str, Any]) -> Attributes:
    """Mirrors: util/helpers.go :: ResourceAttributesFrom"""
    return Attributes(user=user, verb=ra.get("verb", ""), namespace=ra.get("namespace", ""),
                      api_group=ra.get("group", ""),
                      api_version=_match_all_version_if_empty(ra.get("version", "")),
                      resource=ra.get("resource", ""), subresource=ra.get("subresource", ""),
                      name=ra.get("name", ""), resource_request=True)


def non_resource_attributes_from(user: UserInfo, nra: Mapping[str, Any]) -> Attributes:
    """Mirrors: util/helpers.go :: NonResourceAttributesFrom"""
    return Attributes(user=user, verb=nra.get("verb", ""), path=nra.get("path", ""),
                      resource_request=False)


def _user_from_spec(spec: Mapping[str, Any]) -> UserInfo:
    extra = spec.get("extra") or {}
    return UserInfo(name=spec.get("user", ""), uid=spec.get("uid", ""),
                    groups=tuple(spec.get("groups") or ()),
                    extra=tuple((k, tuple(extra[k])) for k in sorted(extra)))


def _validate_attributes_spec(spec: Mapping[str, Any], path: field.Path) -> list[field.FieldError]:
    errs = []
    ra, nra = spec.get("resourceAttributes"), spec.get("nonResourceAttributes")
    if ra is not None and nra is not None:
        errs.append(field.invalid(path.child("nonResourceAttributes"), nra,
                                  "cannot be specified in combination with resourceAttributes"))
    if ra is None and nra is None:
        errs.append(field.invalid(path.child("resourceAttributes"), nra,
                                  "exactly one of nonResourceAttributes or resourceAttributes must be specified"))
    return errs


def _evaluate(authorizer: Authorizer, review: Mapping[str, Any], user: UserInfo) -> dict[str, Any]:
    spec = review.get("spec") or {}
    ra = spec.get("resourceAttributes")
    attrs = (resource_attributes_from(user, ra) if ra is not None
             else non_resource_attributes_from(user, spec.get("nonResourceAttributes") or {}))
    decision, reason = authorizer.authorize(attrs)
    out = copy.deepcopy(dict(review))
    status: dict[str, Any] = {"allowed": decision == DECISION_ALLOW}
    if decision == DECISION_DENY:
        status["denied"] = True
    if reason:
        status["reason"] = reason
    out["status"] = status
    return out


def subject_access_review(authorizer: Authorizer, review: Mapping[str, Any]) -> dict[str, Any]:
    """Evaluate a SubjectAccessReview (any user, named in ``spec``) and return it with status.

    Mirrors: subjectaccessreview/rest.go :: (*REST).Create

    Raises:
        Invalid: ``SubjectAccessReview.authorization.k8s.io "" is invalid: ...``.
    """
    spec = review.get("spec") or {}
    path = field.Path("spec")
    errs = _validate_attributes_spec(spec, path)
    if not spec.get("user") and not spec.get("groups"):
        errs.append(field.invalid(path.child("user"), spec.get("user", ""),
                                  "at least one of user or group must be specified"))
    if errs:
        raise errors.new_invalid(GROUP, "SubjectAccessReview", "", errs)
    return _evaluate(authorizer, review, _user_from_spec(spec))


def self_subject_access_review(authorizer: Authorizer, review: Mapping[str, Any],
                               user: UserInfo) -> dict[str, Any]:
    """Evaluate a SelfSubjectAccessReview for the requesting user.

    Mirrors: selfsubjectaccessreview/rest.go :: (*REST).Create
    """
    errs = _validate_attributes_spec(review.get("spec") or {}, field.Path("spec"))
    if errs:
        raise errors.new_invalid(GROUP, "SelfSubjectAccessReview", "", errs)
    return _evaluate(authorizer, review, user)


def can_i(authorizer: Authorizer, user: UserInfo, verb: str, resource: str = "", *,
          namespace: str = "", group: str = "", subresource: str = "", name: str = "",
          path: str = "") -> bool:
    """``kubectl auth can-i`` as a function: build the review, evaluate, read ``allowed``.

    Mirrors: staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go :: (*CanIOptions).RunAccessCheck
    """
    if path:
        spec: dict[str, Any] = {"nonResourceAttributes": {"path": path, "verb": verb}}
    else:
        spec = {"resourceAttributes": {"namespace": namespace, "verb": verb, "group": group,
                                       "resource": resource, "subresource": subresource, "name": name}}
    review = {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", "spec": spec}
    return bool(self_subject_access_review(authorizer, review, user)["status"]["allowed"])
