import type { KubeObject } from '../../api/meta'

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection'
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection'

const FINALIZER_BY_KIND: Partial<Record<string, string>> = {
  PersistentVolumeClaim: PVC_PROTECTION_FINALIZER,
  PersistentVolume: PV_PROTECTION_FINALIZER,
}

/**
 * The `StorageObjectInUseProtection` admission plugin: every claim and volume is
 * created with a finalizer, so deleting one a pod still uses (or a bound volume)
 * leaves it `Terminating` until the protection controllers let it go. It acts on
 * every create, a controller's included (a StatefulSet's claims, a provisioner's
 * volumes).
 */
export function addInUseProtection(obj: KubeObject): void {
  const finalizer = FINALIZER_BY_KIND[obj.kind]
  if (!finalizer) return
  const finalizers = obj.metadata.finalizers ?? []
  if (!finalizers.includes(finalizer)) obj.metadata.finalizers = [...finalizers, finalizer]
}
