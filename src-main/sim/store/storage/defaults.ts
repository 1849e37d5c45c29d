import type { KubeObject } from '../../api/meta'
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/storage'

/** `SetDefaults_StorageClass` (`pkg/apis/storage/v1/defaults.go`). */
export function defaultStorageClass(obj: KubeObject): void {
  const sc = obj as StorageClass
  sc.reclaimPolicy ??= 'Delete'
  sc.volumeBindingMode ??= 'Immediate'
}

/** `SetDefaults_PersistentVolume`: the controller moves a new volume from Pending to Available. */
export function defaultPersistentVolume(obj: KubeObject): void {
  const pv = obj as PersistentVolume
  if (!pv.spec || typeof pv.spec !== 'object') return
  pv.spec.persistentVolumeReclaimPolicy ??= 'Retain'
  pv.spec.volumeMode ??= 'Filesystem'
  pv.status ??= { phase: 'Pending' }
}

export function defaultPersistentVolumeClaim(obj: KubeObject): void {
  const claim = obj as PersistentVolumeClaim
  if (!claim.spec || typeof claim.spec !== 'object') return
  claim.spec.volumeMode ??= 'Filesystem'
  claim.status ??= { phase: 'Pending' }
}
