"""Pod volumes and their sources, volume mounts and devices, and local paths.

Upstream: pkg/apis/core/validation/validation.go (ValidateVolumes, validateVolumeSource,
validateProjectionSources, ValidateVolumeMounts, ValidateVolumeDevices, ...)
"""

from __future__ import annotations

import posixpath
from typing import Any

from kubelab.api import field
from kubelab.api.field import ErrorList
from kubelab.api.validation.core.common import (
    validate_dns1123_label,
    validate_file_mode,
    validate_persistent_volume_name,
)

# The sources validateVolumeSource knows, in upstream's order; the path each is reported
# under when a second source is set (upstream misspells downwardAPI there).
_SOURCES = (
    ("emptyDir", "emptyDir"), ("hostPath", "hostPath"), ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"), ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"), ("nfs", "nfs"), ("iscsi", "iscsi"), ("glusterfs", "glusterfs"),
    ("flocker", "flocker"), ("persistentVolumeClaim", "persistentVolumeClaim"), ("rbd", "rbd"),
    ("cinder", "cinder"), ("cephfs", "cephFS"), ("quobyte", "quobyte"), ("downwardAPI", "downwarAPI"),
    ("fc", "fc"), ("flexVolume", "flexVolume"), ("configMap", "configMap"), ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"), ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"), ("azureDisk", "azureDisk"), ("storageos", "storageos"),
    ("projected", "projected"), ("scaleIO", "scaleIO"), ("csi", "csi"), ("ephemeral", "ephemeral"),
    ("image", "image"),
)
SUPPORTED_HOST_PATH_TYPES = ("", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket")
SUPPORTED_MOUNT_PROPAGATIONS = ("Bidirectional", "HostToContainer", "None")
SUPPORTED_RECURSIVE_READ_ONLY = ("Disabled", "Enabled", "IfPossible")
VALID_VOLUME_DOWNWARD_API_FIELD_PATHS = frozenset(
    {"metadata.name", "metadata.namespace", "metadata.labels", "metadata.annotations", "metadata.uid"}
)
_PULL_POLICIES = ("Always", "IfNotPresent", "Never")


# -- paths --------------------------------------------------------------------------------------


def validate_path_no_backsteps(target: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validatePathNoBacksteps"""
    if ".." in target.split("/"):
        return [field.invalid(path, target, "must not contain '..'")]
    return []


def validate_local_descending_path(target: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateLocalDescendingPath"""
    errs: ErrorList = []
    if target.startswith("/"):
        errs.append(field.invalid(path, target, "must be a relative path"))
    errs.extend(validate_path_no_backsteps(target, path))
    return errs


def validate_local_non_reserved_path(target: str, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateLocalNonReservedPath"""
    errs = validate_local_descending_path(target, path)
    if target.startswith("..") and not target.startswith("../"):
        errs.append(field.invalid(path, target, "must not start with '..'"))
    return errs


# -- sources ------------------------------------------------------------------------------------


def validate_key_to_path(kp: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateKeyToPath"""
    errs: ErrorList = []
    if not kp.get("key"):
        errs.append(field.required(f"{path}.key", ""))
    p = kp.get("path", "") or ""
    if not p:
        errs.append(field.required(f"{path}.path", ""))
    errs.extend(validate_local_non_reserved_path(p, f"{path}.path"))
    errs.extend(validate_file_mode(kp.get("mode"), f"{path}.mode"))
    return errs


def _items(src: dict[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    for i, kp in enumerate(src.get("items") or ()):
        errs.extend(validate_key_to_path(kp, f"{path}.items[{i}]"))
    return errs


def validate_downward_api_volume_file(f: dict[str, Any], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateDownwardAPIVolumeFile"""
    from kubelab.api.validation.core.containers import (
        VALID_CONTAINER_RESOURCE_FIELD_PATHS,
        validate_container_resource_field_selector,
        validate_object_field_selector,
    )

    errs: ErrorList = []
    p = f.get("path", "") or ""
    if not p:
        errs.append(field.required(f"{path}.path", ""))
    errs.extend(validate_local_non_reserved_path(p, f"{path}.path"))
    if f.get("fieldRef") is not None:
        errs.extend(validate_object_field_selector(f["fieldRef"], VALID_VOLUME_DOWNWARD_API_FIELD_PATHS, f"{path}.fieldRef"))
        if f.get("resourceFieldRef") is not None:
            errs.append(field.invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
    elif f.get("resourceFieldRef") is not None:
        errs.extend(
            validate_container_resource_field_selector(
                f["resourceFieldRef"], VALID_CONTAINER_RESOURCE_FIELD_PATHS, f"{path}.resourceFieldRef", True
            )
        )
    else:
        errs.append(field.required(path, "one of fieldRef and resourceFieldRef is required"))
    errs.extend(validate_file_mode(f.get("mode"), f"{path}.mode"))
    return errs


def _check_dup(all_paths: set[str], cur: str, path: str, shown: str, errs: ErrorList) -> None:
    if cur in all_paths:
        errs.append(field.invalid(path, shown, "conflicting duplicate paths"))
    else:
        all_paths.add(cur)


def validate_projection_sources(proj: dict[str, Any], path: str, opts: Any) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: validateProjectionSources

    Differences: clusterTrustBundle and podCertificate sources are counted but not checked.
    """
    errs: ErrorList = []
    all_paths: set[str] = set()
    for i, src in enumerate(proj.get("sources") or ()):
        n = 0
        sp = f"{path}.sources[{i}]"
        for kind in ("secret", "configMap"):
            s = src.get(kind)
            if s is None:
                continue
            n += 1
            pp = f"{sp}.{kind}"
            if not s.get("name"):
                errs.append(field.required(f"{pp}.name", ""))
            for j, kp in enumerate(s.get("items") or ()):
                errs.extend(validate_key_to_path(kp, f"{pp}.items[{j}]"))
                if kp.get("path"):
                    _check_dup(all_paths, kp["path"], path, s.get("name", ""), errs)
        d = src.get("downwardAPI")
        if d is not None:
            n += 1
            for f in d.get("items") or ():
                errs.extend(validate_downward_api_volume_file(f, f"{sp}.downwardAPI"))
                if f.get("path"):
                    _check_dup(all_paths, f["path"], path, f["path"], errs)
        t = src.get("serviceAccountToken")
        if t is not None:
            n += 1
            exp = t.get("expirationSeconds", 0) or 0
            if exp < 10 * 60:
                errs.append(field.invalid(f"{sp}.serviceAccountToken.expirationSeconds", exp, "may not specify a duration less than 10 minutes"))
            if exp > 1 << 32:
                errs.append(field.invalid(f"{sp}.serviceAccountToken.expirationSeconds", exp, "may not specify a duration larger than 2^32 seconds"))
            tp = t.get("path", "") or ""
            if not tp:
                errs.append(field.required(f"{path}.path", ""))
            elif not opts.allow_non_local_projected_token_path:
                errs.extend(validate_local_non_reserved_path(tp, f"{path}.path"))
        for other in ("clusterTrustBundle", "podCertificate"):
            if src.get(other) is not None:
                n += 1
        if n > 1:
            errs.append(field.forbidden(sp, "may not specify more than 1 volume type per source"))
    return errs


def _validate_source(kind: str, src: dict[str, Any], path: str, vol_name: str, pod_meta: dict[str, Any] | None, opts: Any) -> ErrorList:
    errs: ErrorList = []
    if kind == "emptyDir":
        limit = src.get("sizeLimit")
        if limit is not None:
            from kubelab.api.validation.core.resources import quantity

            q = quantity(limit, f"{path}.sizeLimit", errs)
            if q is not None and q.sign() < 0:
                errs.append(field.forbidden(f"{path}.sizeLimit", "SizeLimit field must be a valid resource quantity"))
    elif kind == "hostPath":
        hp = src.get("path", "") or ""
        if not hp:
            return [field.required(f"{path}.path", "")]
        errs.extend(validate_path_no_backsteps(hp, f"{path}.path"))
        t = src.get("type")
        if t is not None and t not in SUPPORTED_HOST_PATH_TYPES:
            errs.append(field.not_supported(f"{path}.type", t, SUPPORTED_HOST_PATH_TYPES))
    elif kind == "gitRepo":
        if not src.get("repository"):
            errs.append(field.required(f"{path}.repository", ""))
        errs.extend(validate_local_descending_path(src.get("directory", "") or "", f"{path}.directory"))
    elif kind == "secret":
        if not src.get("secretName"):
            errs.append(field.required(f"{path}.secretName", ""))
        errs.extend(validate_file_mode(src.get("defaultMode"), f"{path}.defaultMode"))
        errs.extend(_items(src, path))
    elif kind == "configMap":
        if not src.get("name"):
            errs.append(field.required(f"{path}.name", ""))
        errs.extend(validate_file_mode(src.get("defaultMode"), f"{path}.defaultMode"))
        errs.extend(_items(src, path))
    elif kind == "persistentVolumeClaim":
        if not src.get("claimName"):
            errs.append(field.required(f"{path}.claimName", ""))
    elif kind == "nfs":
        p = src.get("path", "") or ""
        if not src.get("server"):
            errs.append(field.required(f"{path}.server", ""))
        if not p:
            errs.append(field.required(f"{path}.path", ""))
        if not posixpath.isabs(p):
            errs.append(field.invalid(f"{path}.path", p, "must be an absolute path"))
    elif kind == "downwardAPI":
        errs.extend(validate_file_mode(src.get("defaultMode"), f"{path}.defaultMode"))
        for f in src.get("items") or ():
            errs.extend(validate_downward_api_volume_file(f, path))
    elif kind == "projected":
        errs.extend(validate_file_mode(src.get("defaultMode"), f"{path}.defaultMode"))
        errs.extend(validate_projection_sources(src, path, opts))
    elif kind == "csi":
        if not src.get("driver"):
            errs.append(field.required(f"{path}.driver", ""))
    elif kind == "ephemeral":
        if src.get("volumeClaimTemplate") is None:
            errs.append(field.required(f"{path}.volumeClaimTemplate", ""))
        if pod_meta and pod_meta.get("name") and vol_name:
            pvc = f"{pod_meta['name']}-{vol_name}"
            for msg in validate_persistent_volume_name(pvc, False):
                errs.append(field.invalid(f"{path[: path.rfind('.')]}.name", vol_name, f'PVC name "{pvc}": {msg}'))
    elif kind == "image":
        if not src.get("reference"):
            errs.append(field.required(f"{path}.reference", ""))
        pp = src.get("pullPolicy", "")
        if pp and pp not in _PULL_POLICIES:
            errs.append(field.not_supported(f"{path}.pullPolicy", pp, _PULL_POLICIES))
    return errs


def validate_volume_source(vol: dict[str, Any], path: str, vol_name: str, pod_meta: dict[str, Any] | None, opts: Any) -> ErrorList:
    """Exactly one source, each checked by its own rules.

    Mirrors: pkg/apis/core/validation/validation.go :: validateVolumeSource

    Differences: the legacy in-tree cloud and network sources (gcePersistentDisk, rbd,
    cinder, ...) count as a source but their fields are not checked.
    """
    errs: ErrorList = []
    n = 0
    for key, shown in _SOURCES:
        src = vol.get(key)
        if src is None:
            continue
        if n > 0:
            errs.append(field.forbidden(f"{path}.{shown}", "may not specify more than 1 volume type"))
            continue
        n += 1
        errs.extend(_validate_source(key, src, f"{path}.{key}", vol_name, pod_meta, opts))
    if n == 0:
        errs.append(field.required(path, "must specify a volume type"))
    return errs


def validate_volumes(volumes: list[dict[str, Any]] | None, pod_meta: dict[str, Any] | None, path: str, opts: Any) -> tuple[dict[str, dict[str, Any]], ErrorList]:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateVolumes"""
    vols: dict[str, dict[str, Any]] = {}
    if not volumes:
        return vols, []
    errs: ErrorList = []
    created_pvcs: set[str] = set()
    if pod_meta and pod_meta.get("name"):
        for v in volumes:
            if v.get("ephemeral") is not None:
                created_pvcs.add(f"{pod_meta['name']}-{v.get('name', '')}")
    for i, v in enumerate(volumes):
        ip = f"{path}[{i}]"
        name = v.get("name", "") or ""
        el = validate_volume_source(v, ip, name, pod_meta, opts)
        if not name:
            el.append(field.required(f"{ip}.name", ""))
        else:
            el.extend(validate_dns1123_label(name, f"{ip}.name"))
        if name in vols:
            el.append(field.duplicate(f"{ip}.name", name))
        if not el:
            vols[name] = v
        else:
            errs.extend(el)
        pvc = v.get("persistentVolumeClaim")
        if pvc is not None and pvc.get("claimName") in created_pvcs:
            errs.append(
                field.invalid(f"{ip}.persistentVolumeClaim.claimName", pvc.get("claimName"), "must not reference a PVC that gets created for an ephemeral volume")
            )
    return vols, errs


# -- mounts and devices -------------------------------------------------------------------------


def validate_volume_mounts(mounts: list[dict[str, Any]] | None, devices: dict[str, str], volumes: dict[str, dict[str, Any]], container: dict[str, Any] | None, path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateVolumeMounts"""
    if not mounts:
        return []
    errs: ErrorList = []
    mountpoints: set[str] = set()
    device_paths = set(devices.values())
    for i, m in enumerate(mounts):
        ip = f"{path}[{i}]"
        name = m.get("name", "") or ""
        mp = m.get("mountPath", "") or ""
        if not name:
            errs.append(field.required(f"{ip}.name", ""))
        if name not in volumes:
            errs.append(field.not_found(f"{ip}.name", name))
        if not mp:
            errs.append(field.required(f"{ip}.mountPath", ""))
        if mp in mountpoints:
            errs.append(field.invalid(f"{ip}.mountPath", mp, "must be unique"))
        mountpoints.add(mp)
        if name in devices:
            errs.append(field.invalid(f"{ip}.name", name, "must not already exist in volumeDevices"))
        if mp in device_paths:
            errs.append(field.invalid(f"{ip}.mountPath", mp, "must not already exist as a path in volumeDevices"))
        sub = m.get("subPath", "") or ""
        sub_expr = m.get("subPathExpr", "") or ""
        v = volumes.get(name)
        if v is not None and v.get("image") is not None:
            if sub:
                errs.append(field.invalid(f"{ip}.subPath", sub, "not allowed in image volume sources"))
            if sub_expr:
                errs.append(field.invalid(f"{ip}.subPathExpr", sub_expr, "not allowed in image volume sources"))
        if sub:
            errs.extend(validate_local_descending_path(sub, f"{path}.subPath"))
        if sub_expr:
            if sub:
                errs.append(field.invalid(f"{ip}.subPathExpr", sub_expr, "subPathExpr and subPath are mutually exclusive"))
            errs.extend(validate_local_descending_path(sub_expr, f"{path}.subPathExpr"))
        prop = m.get("mountPropagation")
        if prop is not None:
            pp = f"{path}.mountPropagation"
            if prop not in SUPPORTED_MOUNT_PROPAGATIONS:
                errs.append(field.not_supported(pp, prop, SUPPORTED_MOUNT_PROPAGATIONS))
            if container is not None:
                privileged = ((container.get("securityContext") or {}).get("privileged")) is True
                if prop == "Bidirectional" and not privileged:
                    errs.append(field.forbidden(pp, "Bidirectional mount propagation is available only to privileged containers"))
        rro = m.get("recursiveReadOnly")
        if rro is not None:
            rp = f"{path}.recursiveReadOnly"
            if rro == "Disabled":
                pass
            elif rro in ("Enabled", "IfPossible"):
                if not m.get("readOnly"):
                    errs.append(field.forbidden(rp, "may only be specified when readOnly is true"))
                if prop is not None and prop != "None":
                    errs.append(field.forbidden(rp, "may only be specified when mountPropagation is None or not specified"))
            else:
                errs.append(field.not_supported(rp, rro, SUPPORTED_RECURSIVE_READ_ONLY))
    return errs


def validate_volume_devices(devices: list[dict[str, Any]] | None, mounts: dict[str, str], volumes: dict[str, dict[str, Any]], path: str) -> ErrorList:
    """Mirrors: pkg/apis/core/validation/validation.go :: ValidateVolumeDevices"""
    if not devices:
        return []
    errs: ErrorList = []
    device_paths: set[str] = set()
    device_names: set[str] = set()
    mount_paths = set(mounts.values())
    for i, d in enumerate(devices):
        ip = f"{path}[{i}]"
        name = d.get("name", "") or ""
        dp = d.get("devicePath", "") or ""
        v = volumes.get(name)
        matched = v is not None
        is_pvc = v is not None and (v.get("persistentVolumeClaim") is not None or v.get("ephemeral") is not None)
        if not name:
            errs.append(field.required(f"{ip}.name", ""))
        if name in device_names:
            errs.append(field.invalid(f"{ip}.name", name, "must be unique"))
        if matched and not is_pvc:
            errs.append(field.invalid(f"{ip}.name", name, "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"))
        if not matched:
            errs.append(field.not_found(f"{ip}.name", name))
        if not dp:
            errs.append(field.required(f"{ip}.devicePath", ""))
        if dp in device_paths:
            errs.append(field.invalid(f"{ip}.devicePath", dp, "must be unique"))
        if dp and validate_path_no_backsteps(dp, f"{path}.devicePath"):
            errs.append(field.invalid(f"{ip}.devicePath", dp, "can not contain backsteps ('..')"))
        else:
            device_paths.add(dp)
        if name in mounts:
            errs.append(field.invalid(f"{ip}.name", name, "must not already exist in volumeMounts"))
        if dp in mount_paths:
            errs.append(field.invalid(f"{ip}.devicePath", dp, "must not already exist as a path in volumeMounts"))
        if name:
            device_names.add(name)
    return errs

