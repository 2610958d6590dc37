"""Protobuf field numbers of the kinds kubectl sends as protobuf.

kubectl's typed clients POST ``application/vnd.kubernetes.protobuf`` for ``create
namespace|configmap|secret|service|deployment|job|cronjob|serviceaccount|role|
clusterrole|rolebinding|clusterrolebinding|priorityclass|pdb|quota|ingress``,
``autoscale``, ``auth can-i`` and the evictions of ``drain``. These tables give, per
message, field number -> (JSON name, type), enough to read every field those commands
set; a message or field not listed is refused unless it is empty.

Types: ``s`` string, ``b`` bytes, ``i`` integer, ``bool``, ``time`` (metav1.Time),
``intstr`` (IntOrString), ``quantity`` (resource.Quantity), a message name, ``[]T``
repeated, ``map:T`` a map from string to T, ``inline:M`` fields of M at this level,
``-`` ignored (status, which the server resets). A leading ``*`` keeps a zero value
(Go pointer fields and required numbers); other zero values are left out as JSON's
omitempty does.

Upstream: staging/src/k8s.io/api/{core,apps,batch,autoscaling,rbac,policy,networking,
scheduling,authorization}/v1/generated.proto and
staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto (field numbers verbatim)
"""

from __future__ import annotations

Field = tuple[str, str]
Message = dict[int, Field]

MESSAGES: dict[str, Message] = {
    # meta/v1
    "ObjectMeta": {1: ("name", "s"), 2: ("generateName", "s"), 3: ("namespace", "s"), 4: ("selfLink", "s"),
                   5: ("uid", "s"), 6: ("resourceVersion", "s"), 7: ("generation", "i"),
                   8: ("creationTimestamp", "time"), 9: ("deletionTimestamp", "time"),
                   10: ("deletionGracePeriodSeconds", "*i"), 11: ("labels", "map:s"), 12: ("annotations", "map:s"),
                   13: ("ownerReferences", "[]OwnerReference"), 14: ("finalizers", "[]s")},
    "OwnerReference": {1: ("kind", "s"), 3: ("name", "s"), 4: ("uid", "s"), 5: ("apiVersion", "s"),
                       6: ("controller", "*bool"), 7: ("blockOwnerDeletion", "*bool")},
    "LabelSelector": {1: ("matchLabels", "map:s"), 2: ("matchExpressions", "[]LabelSelectorRequirement")},
    "LabelSelectorRequirement": {1: ("key", "s"), 2: ("operator", "s"), 3: ("values", "[]s")},
    "DeleteOptions": {1: ("gracePeriodSeconds", "*i"), 2: ("preconditions", "Preconditions"),
                      3: ("orphanDependents", "*bool"), 4: ("propagationPolicy", "*s"), 5: ("dryRun", "[]s")},
    "Preconditions": {1: ("uid", "*s"), 2: ("resourceVersion", "*s")},
    # core/v1
    "Namespace": {1: ("metadata", "ObjectMeta"), 2: ("spec", "NamespaceSpec"), 3: ("status", "-")},
    "NamespaceSpec": {1: ("finalizers", "[]s")},
    "ConfigMap": {1: ("metadata", "ObjectMeta"), 2: ("data", "map:s"), 3: ("binaryData", "map:b"),
                  4: ("immutable", "*bool")},
    "Secret": {1: ("metadata", "ObjectMeta"), 2: ("data", "map:b"), 3: ("type", "s"), 4: ("stringData", "map:s"),
               5: ("immutable", "*bool")},
    "ServiceAccount": {1: ("metadata", "ObjectMeta"), 2: ("secrets", "[]ObjectReference"),
                       3: ("imagePullSecrets", "[]LocalObjectReference"),
                       4: ("automountServiceAccountToken", "*bool")},
    "ObjectReference": {1: ("kind", "s"), 2: ("namespace", "s"), 3: ("name", "s"), 4: ("uid", "s"),
                        5: ("apiVersion", "s"), 6: ("resourceVersion", "s"), 7: ("fieldPath", "s")},
    "LocalObjectReference": {1: ("name", "s")},
    "Service": {1: ("metadata", "ObjectMeta"), 2: ("spec", "ServiceSpec"), 3: ("status", "-")},
    "ServiceSpec": {1: ("ports", "[]ServicePort"), 2: ("selector", "map:s"), 3: ("clusterIP", "s"),
                    4: ("type", "s"), 5: ("externalIPs", "[]s"), 7: ("sessionAffinity", "s"),
                    8: ("loadBalancerIP", "s"), 9: ("loadBalancerSourceRanges", "[]s"), 10: ("externalName", "s"),
                    11: ("externalTrafficPolicy", "s"), 12: ("healthCheckNodePort", "i"),
                    13: ("publishNotReadyAddresses", "bool")},
    "ServicePort": {1: ("name", "s"), 2: ("protocol", "s"), 3: ("port", "*i"), 4: ("targetPort", "intstr"),
                    5: ("nodePort", "i"), 6: ("appProtocol", "*s")},
    "ResourceQuota": {1: ("metadata", "ObjectMeta"), 2: ("spec", "ResourceQuotaSpec"), 3: ("status", "-")},
    "ResourceQuotaSpec": {1: ("hard", "map:quantity"), 2: ("scopes", "[]s"), 3: ("scopeSelector", "ScopeSelector")},
    "ScopeSelector": {1: ("matchExpressions", "[]ScopedResourceSelectorRequirement")},
    "ScopedResourceSelectorRequirement": {1: ("scopeName", "s"), 2: ("operator", "s"), 3: ("values", "[]s")},
    "PodTemplateSpec": {1: ("metadata", "ObjectMeta"), 2: ("spec", "PodSpec")},
    "PodSpec": {2: ("containers", "[]Container"), 3: ("restartPolicy", "s"),
                4: ("terminationGracePeriodSeconds", "*i"), 5: ("activeDeadlineSeconds", "*i"),
                6: ("dnsPolicy", "s"), 7: ("nodeSelector", "map:s"), 8: ("serviceAccountName", "s"),
                9: ("serviceAccount", "s"), 10: ("nodeName", "s"), 11: ("hostNetwork", "bool"),
                12: ("hostPID", "bool"), 13: ("hostIPC", "bool"),
                15: ("imagePullSecrets", "[]LocalObjectReference"), 16: ("hostname", "s"), 17: ("subdomain", "s"),
                19: ("schedulerName", "s"), 20: ("initContainers", "[]Container")},
    "Container": {1: ("name", "s"), 2: ("image", "s"), 3: ("command", "[]s"), 4: ("args", "[]s"),
                  5: ("workingDir", "s"), 6: ("ports", "[]ContainerPort"), 7: ("env", "[]EnvVar"),
                  8: ("resources", "ResourceRequirements"), 9: ("volumeMounts", "[]VolumeMount"),
                  13: ("terminationMessagePath", "s"), 14: ("imagePullPolicy", "s"), 16: ("stdin", "bool"),
                  17: ("stdinOnce", "bool"), 18: ("tty", "bool"), 20: ("terminationMessagePolicy", "s")},
    "ContainerPort": {1: ("name", "s"), 2: ("hostPort", "i"), 3: ("containerPort", "*i"), 4: ("protocol", "s"),
                      5: ("hostIP", "s")},
    "EnvVar": {1: ("name", "s"), 2: ("value", "s")},
    "ResourceRequirements": {1: ("limits", "map:quantity"), 2: ("requests", "map:quantity")},
    "VolumeMount": {1: ("name", "s"), 2: ("readOnly", "bool"), 3: ("mountPath", "s"), 4: ("subPath", "s"),
                    5: ("mountPropagation", "*s"), 6: ("subPathExpr", "s")},
    # apps/v1
    "Deployment": {1: ("metadata", "ObjectMeta"), 2: ("spec", "DeploymentSpec"), 3: ("status", "-")},
    "DeploymentSpec": {1: ("replicas", "*i"), 2: ("selector", "LabelSelector"), 3: ("template", "PodTemplateSpec"),
                       4: ("strategy", "DeploymentStrategy"), 5: ("minReadySeconds", "i"),
                       6: ("revisionHistoryLimit", "*i"), 7: ("paused", "bool"),
                       9: ("progressDeadlineSeconds", "*i")},
    "DeploymentStrategy": {1: ("type", "s"), 2: ("rollingUpdate", "RollingUpdateDeployment")},
    "RollingUpdateDeployment": {1: ("maxUnavailable", "*intstr"), 2: ("maxSurge", "*intstr")},
    # batch/v1
    "Job": {1: ("metadata", "ObjectMeta"), 2: ("spec", "JobSpec"), 3: ("status", "-")},
    "JobSpec": {1: ("parallelism", "*i"), 2: ("completions", "*i"), 3: ("activeDeadlineSeconds", "*i"),
                4: ("selector", "LabelSelector"), 5: ("manualSelector", "*bool"), 6: ("template", "PodTemplateSpec"),
                7: ("backoffLimit", "*i"), 8: ("ttlSecondsAfterFinished", "*i"), 9: ("completionMode", "*s"),
                10: ("suspend", "*bool")},
    "CronJob": {1: ("metadata", "ObjectMeta"), 2: ("spec", "CronJobSpec"), 3: ("status", "-")},
    "CronJobSpec": {1: ("schedule", "s"), 2: ("startingDeadlineSeconds", "*i"), 3: ("concurrencyPolicy", "s"),
                    4: ("suspend", "*bool"), 5: ("jobTemplate", "JobTemplateSpec"),
                    6: ("successfulJobsHistoryLimit", "*i"), 7: ("failedJobsHistoryLimit", "*i"),
                    8: ("timeZone", "*s")},
    "JobTemplateSpec": {1: ("metadata", "ObjectMeta"), 2: ("spec", "JobSpec")},
    # autoscaling/v1 and v2
    "HorizontalPodAutoscalerV1": {1: ("metadata", "ObjectMeta"), 2: ("spec", "HorizontalPodAutoscalerSpecV1"),
                                  3: ("status", "-")},
    "HorizontalPodAutoscalerSpecV1": {1: ("scaleTargetRef", "CrossVersionObjectReference"),
                                      2: ("minReplicas", "*i"), 3: ("maxReplicas", "*i"),
                                      4: ("targetCPUUtilizationPercentage", "*i")},
    "HorizontalPodAutoscalerV2": {1: ("metadata", "ObjectMeta"), 2: ("spec", "HorizontalPodAutoscalerSpecV2"),
                                  3: ("status", "-")},
    "HorizontalPodAutoscalerSpecV2": {1: ("scaleTargetRef", "CrossVersionObjectReference"),
                                      2: ("minReplicas", "*i"), 3: ("maxReplicas", "*i"),
                                      4: ("metrics", "[]MetricSpec")},
    "CrossVersionObjectReference": {1: ("kind", "s"), 2: ("name", "s"), 3: ("apiVersion", "s")},
    "MetricSpec": {1: ("type", "s"), 4: ("resource", "ResourceMetricSource"),
                   7: ("containerResource", "ContainerResourceMetricSource")},
    "ResourceMetricSource": {1: ("name", "s"), 2: ("target", "MetricTarget")},
    "ContainerResourceMetricSource": {1: ("name", "s"), 2: ("target", "MetricTarget"), 3: ("container", "s")},
    "MetricTarget": {1: ("type", "s"), 2: ("value", "*quantity"), 3: ("averageValue", "*quantity"),
                     4: ("averageUtilization", "*i")},
    # rbac.authorization.k8s.io/v1
    "Role": {1: ("metadata", "ObjectMeta"), 2: ("rules", "[]PolicyRule")},
    "ClusterRole": {1: ("metadata", "ObjectMeta"), 2: ("rules", "[]PolicyRule"),
                    3: ("aggregationRule", "AggregationRule")},
    "AggregationRule": {1: ("clusterRoleSelectors", "[]LabelSelector")},
    "PolicyRule": {1: ("verbs", "[]s"), 2: ("apiGroups", "[]s"), 3: ("resources", "[]s"), 4: ("resourceNames", "[]s"),
                   5: ("nonResourceURLs", "[]s")},
    "RoleBinding": {1: ("metadata", "ObjectMeta"), 2: ("subjects", "[]Subject"), 3: ("roleRef", "RoleRef")},
    "Subject": {1: ("kind", "s"), 2: ("apiGroup", "s"), 3: ("name", "s"), 4: ("namespace", "s")},
    "RoleRef": {1: ("apiGroup", "s"), 2: ("kind", "s"), 3: ("name", "s")},
    # scheduling.k8s.io/v1
    "PriorityClass": {1: ("metadata", "ObjectMeta"), 2: ("value", "*i"), 3: ("globalDefault", "bool"),
                      4: ("description", "s"), 5: ("preemptionPolicy", "*s")},
    # policy/v1
    "PodDisruptionBudget": {1: ("metadata", "ObjectMeta"), 2: ("spec", "PodDisruptionBudgetSpec"),
                            3: ("status", "-")},
    "PodDisruptionBudgetSpec": {1: ("minAvailable", "*intstr"), 2: ("selector", "LabelSelector"),
                                3: ("maxUnavailable", "*intstr"), 4: ("unhealthyPodEvictionPolicy", "*s")},
    "Eviction": {1: ("metadata", "ObjectMeta"), 2: ("deleteOptions", "DeleteOptions")},
    # networking.k8s.io/v1
    "Ingress": {1: ("metadata", "ObjectMeta"), 2: ("spec", "IngressSpec"), 3: ("status", "-")},
    "IngressSpec": {1: ("defaultBackend", "IngressBackend"), 2: ("tls", "[]IngressTLS"), 3: ("rules", "[]IngressRule"),
                    4: ("ingressClassName", "*s")},
    "IngressTLS": {1: ("hosts", "[]s"), 2: ("secretName", "s")},
    "IngressRule": {1: ("host", "s"), 2: ("", "inline:IngressRuleValue")},
    "IngressRuleValue": {1: ("http", "HTTPIngressRuleValue")},
    "HTTPIngressRuleValue": {1: ("paths", "[]HTTPIngressPath")},
    "HTTPIngressPath": {1: ("path", "s"), 2: ("backend", "IngressBackend"), 3: ("pathType", "*s")},
    "IngressBackend": {3: ("resource", "TypedLocalObjectReference"), 4: ("service", "IngressServiceBackend")},
    "TypedLocalObjectReference": {1: ("apiGroup", "*s"), 2: ("kind", "s"), 3: ("name", "s")},
    "IngressServiceBackend": {1: ("name", "s"), 2: ("port", "ServiceBackendPort")},
    "ServiceBackendPort": {1: ("name", "s"), 2: ("number", "i")},
    # authorization.k8s.io/v1
    "SelfSubjectAccessReview": {1: ("metadata", "ObjectMeta"), 2: ("spec", "SelfSubjectAccessReviewSpec"),
                                3: ("status", "-")},
    "SelfSubjectAccessReviewSpec": {1: ("resourceAttributes", "ResourceAttributes"),
                                    2: ("nonResourceAttributes", "NonResourceAttributes")},
    "ResourceAttributes": {1: ("namespace", "s"), 2: ("verb", "s"), 3: ("group", "s"), 4: ("version", "s"),
                           5: ("resource", "s"), 6: ("subresource", "s"), 7: ("name", "s")},
    "NonResourceAttributes": {1: ("path", "s"), 2: ("verb", "s")},
    # authentication/v1: kubectl auth whoami, kubectl create token
    "SelfSubjectReview": {1: ("metadata", "ObjectMeta"), 2: ("status", "-")},
    "TokenRequest": {1: ("metadata", "ObjectMeta"), 2: ("spec", "TokenRequestSpec"), 3: ("status", "-")},
    "TokenRequestSpec": {1: ("audiences", "[]s"), 3: ("boundObjectRef", "BoundObjectReference"),
                         4: ("expirationSeconds", "*i")},
    "BoundObjectReference": {1: ("kind", "s"), 2: ("apiVersion", "s"), 3: ("name", "s"), 4: ("uid", "s")},
}

# (apiVersion, kind) -> the message of the object.
KINDS: dict[tuple[str, str], str] = {
    ("v1", "Namespace"): "Namespace",
    ("v1", "ConfigMap"): "ConfigMap",
    ("v1", "Secret"): "Secret",
    ("v1", "ServiceAccount"): "ServiceAccount",
    ("v1", "Service"): "Service",
    ("v1", "ResourceQuota"): "ResourceQuota",
    ("apps/v1", "Deployment"): "Deployment",
    ("batch/v1", "Job"): "Job",
    ("batch/v1", "CronJob"): "CronJob",
    ("autoscaling/v1", "HorizontalPodAutoscaler"): "HorizontalPodAutoscalerV1",
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "HorizontalPodAutoscalerV2",
    ("rbac.authorization.k8s.io/v1", "Role"): "Role",
    ("rbac.authorization.k8s.io/v1", "ClusterRole"): "ClusterRole",
    ("rbac.authorization.k8s.io/v1", "RoleBinding"): "RoleBinding",
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"): "RoleBinding",
    ("scheduling.k8s.io/v1", "PriorityClass"): "PriorityClass",
    ("policy/v1", "PodDisruptionBudget"): "PodDisruptionBudget",
    ("policy/v1", "Eviction"): "Eviction",
    ("networking.k8s.io/v1", "Ingress"): "Ingress",
    ("authorization.k8s.io/v1", "SelfSubjectAccessReview"): "SelfSubjectAccessReview",
    ("authentication.k8s.io/v1", "SelfSubjectReview"): "SelfSubjectReview",
    ("authentication.k8s.io/v1", "TokenRequest"): "TokenRequest",
}
