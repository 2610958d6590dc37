"""The Go type names that encoding/json prints for fields whose OpenAPI schema lost them.

OpenAPI says a field is a string, a list or a map; the Go struct behind it often uses a
named type (``v1.PullPolicy``, ``[]v1.Capability``, ``map[v1.ResourceName]...``), and a
type error names that type. This table restores the names strict decoding reports.

Upstream: staging/src/k8s.io/api/*/*/types.go (each field's named type, as Go's
reflect.Type.String prints it)
"""

from __future__ import annotations

# Go types of fields whose JSON type is a string, list or map but whose Go type is a named
# type (OpenAPI loses the name): one definition a line (less "io.k8s.api." or
# "io.k8s.apimachinery.pkg.apis."), then field=GoType as reflect prints it.
NAMED_TEXT = """
core.v1.Container imagePullPolicy=v1.PullPolicy terminationMessagePolicy=v1.TerminationMessagePolicy restartPolicy=v1.ContainerRestartPolicy
core.v1.ContainerResizePolicy resourceName=v1.ResourceName restartPolicy=v1.ResourceResizeRestartPolicy
core.v1.ContainerRestartRule action=v1.ContainerRestartRuleAction
core.v1.ContainerRestartRuleOnExitCodes operator=v1.ContainerRestartRuleOnExitCodesOperator
core.v1.VolumeMount mountPropagation=v1.MountPropagationMode recursiveReadOnly=v1.RecursiveReadOnlyMode
core.v1.HTTPGetAction scheme=v1.URIScheme
core.v1.Lifecycle stopSignal=v1.Signal
core.v1.SecurityContext procMount=v1.ProcMountType
core.v1.Capabilities add=[]v1.Capability drop=[]v1.Capability
core.v1.SeccompProfile type=v1.SeccompProfileType
core.v1.AppArmorProfile type=v1.AppArmorProfileType
core.v1.PodSpec restartPolicy=v1.RestartPolicy dnsPolicy=v1.DNSPolicy preemptionPolicy=v1.PreemptionPolicy
core.v1.PodSecurityContext fsGroupChangePolicy=v1.PodFSGroupChangePolicy supplementalGroupsPolicy=v1.SupplementalGroupsPolicy seLinuxChangePolicy=v1.PodSELinuxChangePolicy
core.v1.PodOS name=v1.OSName
core.v1.Toleration operator=v1.TolerationOperator effect=v1.TaintEffect
core.v1.Taint effect=v1.TaintEffect
core.v1.NodeSelectorRequirement operator=v1.NodeSelectorOperator
core.v1.TopologySpreadConstraint whenUnsatisfiable=v1.UnsatisfiableConstraintAction nodeAffinityPolicy=v1.NodeInclusionPolicy nodeTaintsPolicy=v1.NodeInclusionPolicy
core.v1.PodStatus phase=v1.PodPhase qosClass=v1.PodQOSClass resize=v1.PodResizeStatus
core.v1.HostPathVolumeSource type=v1.HostPathType
core.v1.EmptyDirVolumeSource medium=v1.StorageMedium
core.v1.ImageVolumeSource pullPolicy=v1.PullPolicy
core.v1.PersistentVolumeClaimSpec accessModes=[]v1.PersistentVolumeAccessMode volumeMode=v1.PersistentVolumeMode
core.v1.PersistentVolumeClaimStatus phase=v1.PersistentVolumeClaimPhase accessModes=[]v1.PersistentVolumeAccessMode allocatedResourceStatuses=map[v1.ResourceName]v1.ClaimResourceStatus
core.v1.PersistentVolumeSpec accessModes=[]v1.PersistentVolumeAccessMode persistentVolumeReclaimPolicy=v1.PersistentVolumeReclaimPolicy volumeMode=v1.PersistentVolumeMode
core.v1.PersistentVolumeStatus phase=v1.PersistentVolumePhase
core.v1.ServiceSpec type=v1.ServiceType sessionAffinity=v1.ServiceAffinity externalTrafficPolicy=v1.ServiceExternalTrafficPolicy internalTrafficPolicy=v1.ServiceInternalTrafficPolicy ipFamilies=[]v1.IPFamily ipFamilyPolicy=v1.IPFamilyPolicy
core.v1.LoadBalancerIngress ipMode=v1.LoadBalancerIPMode
core.v1.NamespaceSpec finalizers=[]v1.FinalizerName
core.v1.NamespaceStatus phase=v1.NamespacePhase
core.v1.NodeStatus phase=v1.NodePhase volumesInUse=[]v1.UniqueVolumeName
core.v1.NodeAddress type=v1.NodeAddressType
core.v1.AttachedVolume name=v1.UniqueVolumeName
core.v1.Secret type=v1.SecretType
core.v1.LimitRangeItem type=v1.LimitType
core.v1.ResourceQuotaSpec scopes=[]v1.ResourceQuotaScope
core.v1.ScopedResourceSelectorRequirement scopeName=v1.ResourceQuotaScope operator=v1.ScopeSelectorOperator
core.v1.ObjectReference uid=types.UID
meta.v1.ObjectMeta uid=types.UID
meta.v1.OwnerReference uid=types.UID
meta.v1.ManagedFieldsEntry operation=v1.ManagedFieldsOperationType
meta.v1.LabelSelectorRequirement operator=v1.LabelSelectorOperator
meta.v1.Condition type=string
apps.v1.DeploymentStrategy type=v1.DeploymentStrategyType
apps.v1.DaemonSetUpdateStrategy type=v1.DaemonSetUpdateStrategyType
apps.v1.StatefulSetSpec podManagementPolicy=v1.PodManagementPolicyType
apps.v1.StatefulSetUpdateStrategy type=v1.StatefulSetUpdateStrategyType
apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy whenDeleted=v1.PersistentVolumeClaimRetentionPolicyType whenScaled=v1.PersistentVolumeClaimRetentionPolicyType
batch.v1.JobSpec completionMode=v1.CompletionMode podReplacementPolicy=v1.PodReplacementPolicy
batch.v1.PodFailurePolicyRule action=v1.PodFailurePolicyAction
batch.v1.PodFailurePolicyOnExitCodesRequirement operator=v1.PodFailurePolicyOnExitCodesOperator
batch.v1.PodFailurePolicyOnPodConditionsPattern type=v1.PodConditionType status=v1.ConditionStatus
batch.v1.UncountedTerminatedPods succeeded=[]types.UID failed=[]types.UID
batch.v1.CronJobSpec concurrencyPolicy=v1.ConcurrencyPolicy
autoscaling.v2.MetricSpec type=v2.MetricSourceType
autoscaling.v2.MetricStatus type=v2.MetricSourceType
autoscaling.v2.MetricTarget type=v2.MetricTargetType
autoscaling.v2.ResourceMetricSource name=v1.ResourceName
autoscaling.v2.ResourceMetricStatus name=v1.ResourceName
autoscaling.v2.ContainerResourceMetricSource name=v1.ResourceName
autoscaling.v2.ContainerResourceMetricStatus name=v1.ResourceName
autoscaling.v2.HPAScalingRules selectPolicy=v2.ScalingPolicySelect
autoscaling.v2.HPAScalingPolicy type=v2.HPAScalingPolicyType
networking.v1.NetworkPolicySpec policyTypes=[]v1.PolicyType
networking.v1.HTTPIngressPath pathType=v1.PathType
policy.v1.PodDisruptionBudgetSpec unhealthyPodEvictionPolicy=v1.UnhealthyPodEvictionPolicyType
storage.v1.StorageClass reclaimPolicy=v1.PersistentVolumeReclaimPolicy volumeBindingMode=v1.VolumeBindingMode
scheduling.v1.PriorityClass preemptionPolicy=v1.PreemptionPolicy
discovery.v1.EndpointSlice addressType=v1.AddressType
coordination.v1.LeaseSpec strategy=v1.CoordinatedLeaseStrategy
"""
NAMED: dict[str, dict[str, str]] = {
    line.split()[0]: dict(pair.split("=") for pair in line.split()[1:])
    for line in NAMED_TEXT.strip().splitlines()
}


def named_type(definition: str, prop: str) -> str | None:
    """The Go type of ``definition``'s field ``prop`` where it is a named type, else None."""
    short = definition.replace("io.k8s.api.", "").replace("io.k8s.apimachinery.pkg.apis.meta.", "meta.")
    named = NAMED.get(short, {}).get(prop)
    if named is None and prop == "protocol":
        named = "v1.Protocol"  # every protocol field is a core/v1 Protocol
    elif named is None and short.endswith("Condition") and prop in ("type", "status"):
        # <Kind>Condition.type is <Kind>ConditionType, .status the core ConditionStatus
        parts = short.split(".")
        named = f"{parts[1]}.{parts[2]}Type" if prop == "type" else "v1.ConditionStatus"
    return named


def go_struct_name(definition: str) -> str:
    """A definition's Go type as reflect prints it (``io.k8s.api.apps.v1.Deployment`` -> ``v1.Deployment``)."""
    parts = definition.split(".")
    return f"{parts[-2]}.{parts[-1]}"
