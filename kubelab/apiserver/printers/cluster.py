"""Printers for cluster-policy kinds: PodDisruptionBudget, PriorityClass, Lease, RoleBinding, ClusterRoleBinding.

Upstream: pkg/printers/internalversion/printers.go :: printPodDisruptionBudget,
printPriorityClass, printLease, printRoleBinding, printClusterRoleBinding;
pkg/apis/rbac/helpers.go :: SubjectsStrings
"""

from __future__ import annotations

from kubelab.apiserver.printers.common import (
    GenerateOptions,
    Obj,
    Row,
    age,
    int_or_string,
    name_of,
    row,
    spec,
    status,
)


def print_pod_disruption_budget(pdb: Obj, options: GenerateOptions) -> list[Row]:
    """MIN AVAILABLE, MAX UNAVAILABLE (``N/A`` when unset), ALLOWED DISRUPTIONS.

    Mirrors: pkg/printers/internalversion/printers.go :: printPodDisruptionBudget
    """
    s = spec(pdb)
    min_available = "N/A" if s.get("minAvailable") is None else int_or_string(s["minAvailable"])
    max_unavailable = "N/A" if s.get("maxUnavailable") is None else int_or_string(s["maxUnavailable"])
    return [row(name_of(pdb), min_available, max_unavailable, status(pdb).get("disruptionsAllowed", 0),
                age(pdb, options.now))]


def print_priority_class(pc: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printPriorityClass"""
    r = row(name_of(pc), pc.get("value", 0), bool(pc.get("globalDefault", False)), age(pc, options.now))
    if options.wide:
        r["cells"].append(pc.get("preemptionPolicy") or "")
    return [r]


def print_lease(lease: Obj, options: GenerateOptions) -> list[Row]:
    """Mirrors: pkg/printers/internalversion/printers.go :: printLease"""
    return [row(name_of(lease), spec(lease).get("holderIdentity") or "", age(lease, options.now))]


def subjects_strings(subjects: list[Obj]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Users, groups, service accounts (``namespace/name``) and other subjects.

    Mirrors: pkg/apis/rbac/helpers.go :: SubjectsStrings
    """
    users: list[str] = []
    groups: list[str] = []
    sas: list[str] = []
    others: list[str] = []
    for s in subjects:
        kind, name, ns = s.get("kind", ""), s.get("name", ""), s.get("namespace", "")
        if kind == "ServiceAccount":
            sas.append(f"{ns}/{name}")
        elif kind == "User":
            users.append(name)
        elif kind == "Group":
            groups.append(name)
        else:
            others.append(f"{kind}/{ns}/{name}")
    return users, groups, sas, others


def print_role_binding(rb: Obj, options: GenerateOptions) -> list[Row]:
    """ROLE as ``Kind/name``; USERS, GROUPS, SERVICEACCOUNTS when wide.

    Mirrors: pkg/printers/internalversion/printers.go :: printRoleBinding (and printClusterRoleBinding)
    """
    ref = rb.get("roleRef") or {}
    r = row(name_of(rb), f"{ref.get('kind', '')}/{ref.get('name', '')}", age(rb, options.now))
    if options.wide:
        users, groups, sas, _ = subjects_strings(rb.get("subjects") or [])
        r["cells"] += [", ".join(users), ", ".join(groups), ", ".join(sas)]
    return [r]


print_cluster_role_binding = print_role_binding
